using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>Where a stored record came from: the importer and its version, the file (or URL) and the record in it.</summary>
/// <param name="Importer">Importer name and version, e.g. <c>kcna/1</c>.</param>
/// <param name="Dataset">The file name or URL.</param>
/// <param name="Record">Which record of it, e.g. <c>line 12</c> or <c>item 3</c>.</param>
public sealed record Provenance(string Importer, string Dataset, string Record);

/// <summary>
/// A text from a state-media archive or a news feed: kept as text, searchable, and stored once
/// however many topics or links carry it.
/// </summary>
public sealed record Document
{
    /// <summary>A stable id: a hash of date, title and body, or of the feed item's GUID.</summary>
    public required string Id { get; init; }

    /// <summary>The date the source gives (KCNA dates are Korean dates).</summary>
    public KoreanDate? Date { get; init; }

    /// <summary>The instant of publication, where the source gives one (UTC).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The headline.</summary>
    public required string Title { get; init; }

    /// <summary>The text, as plain text.</summary>
    public required string Body { get; init; }

    /// <summary>Every link the text was found under.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>Every topic or category it was filed under.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The archive or feed, e.g. <c>kcna</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Where it was first read.</summary>
    public required Provenance Provenance { get; init; }
}

/// <summary>
/// A GDELT event that involves North Korea: a machine-coded signal from the news, not a verified
/// event. Codes as GDELT gives them (CAMEO event codes; FIPS country codes for places).
/// </summary>
public sealed record MediaSignal
{
    /// <summary>GLOBALEVENTID: GDELT's own id, the key that deduplicates.</summary>
    public required long GlobalEventId { get; init; }

    /// <summary>SQLDATE: the date GDELT assigns the event.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>DATEADDED (UTC), in GDELT 2.0 files.</summary>
    public DateTimeOffset? DateAdded { get; init; }

    /// <summary>Actor1CountryCode (CAMEO, e.g. <c>PRK</c>).</summary>
    public string? Actor1Country { get; init; }

    /// <summary>Actor2CountryCode.</summary>
    public string? Actor2Country { get; init; }

    /// <summary>ActionGeo_CountryCode (FIPS 10-4, <c>KN</c> is North Korea).</summary>
    public string? ActionCountry { get; init; }

    /// <summary>EventCode (CAMEO).</summary>
    public required string EventCode { get; init; }

    /// <summary>EventRootCode (CAMEO root, two digits).</summary>
    public required string EventRootCode { get; init; }

    /// <summary>QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.</summary>
    public required int QuadClass { get; init; }

    /// <summary>GoldsteinScale, -10 to +10.</summary>
    public double? Goldstein { get; init; }

    /// <summary>NumMentions.</summary>
    public int? Mentions { get; init; }

    /// <summary>AvgTone.</summary>
    public double? Tone { get; init; }

    /// <summary>SOURCEURL, where the layout has it.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Where it was read.</summary>
    public required Provenance Provenance { get; init; }
}

/// <summary>A record an importer refused, with where and why.</summary>
public sealed record Rejection(string File, long? Line, string? Field, string Reason)
{
    /// <summary>The rejection as one line: <c>file, line 3, field 'Date': reason</c>.</summary>
    public override string ToString() => new InputException(Reason, File, Line, Field).Message;
}

/// <summary>What one importer read from one file: records of each sort, and the rows it refused.</summary>
public sealed class ImportBatch
{
    /// <summary>The file or URL read.</summary>
    public required string Input { get; init; }

    /// <summary>The layout or edition the file was recognised as, where the source has several (e.g. CNS editions).</summary>
    public string? Layout { get; init; }

    /// <summary>Verified events (from the reference tables and CNS).</summary>
    public List<Event> Events { get; } = [];

    /// <summary>Texts (state media, feeds).</summary>
    public List<Document> Documents { get; } = [];

    /// <summary>Media signals (GDELT).</summary>
    public List<MediaSignal> Signals { get; } = [];

    /// <summary>Rows refused, each with its reason.</summary>
    public List<Rejection> Rejections { get; } = [];

    /// <summary>Values that could not be read and were left empty; their rows were kept.</summary>
    public List<Rejection> Warnings { get; } = [];

    /// <summary>Rows (or stories, or items) read from the file, whatever became of them.</summary>
    public long Rows { get; set; }

    /// <summary>Rows read that were not for Peninsula (e.g. GDELT rows not about North Korea).</summary>
    public long Skipped { get; set; }
}

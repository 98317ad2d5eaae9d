using Peninsula.Events;

namespace Peninsula.Detection;

/// <summary>
/// A document as detection reads it: its text, when it was published and by whom. Published is
/// the Korean date (UTC+9) of publication; PublishedAt the instant (UTC) where the source gives one.
/// </summary>
/// <param name="Id">The document's id in the store (or a hash for a file not stored).</param>
/// <param name="Url">Its address, or null when it has none (a plain text file).</param>
/// <param name="Title">The headline.</param>
/// <param name="Body">The text, as plain text.</param>
/// <param name="Published">The Korean date of publication, the anchor of its relative dates.</param>
/// <param name="PublishedAt">The instant of publication (UTC), when known.</param>
/// <param name="Publisher">Who published it: the feed's title, <c>kcna</c>, or the file's name.</param>
public sealed record DetectionDocument(string Id, string? Url, string Title, string Body, KoreanDate Published, DateTimeOffset? PublishedAt, string Publisher)
{
    /// <summary>The text that is read: the headline, a blank line, the body. Sentence offsets count in this text.</summary>
    public string Text => Body.Length == 0 ? Title : Title + "\n\n" + Body;
}

/// <summary>A document that supports a proposal, as the JSON output names it.</summary>
/// <param name="Url">The document's address, or its id when it has none.</param>
/// <param name="Title">The headline.</param>
/// <param name="Published">The Korean date of publication (YYYY-MM-DD).</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Id">The document's id.</param>
public sealed record ProposalDocument(string Url, string Title, KoreanDate Published, string Publisher, string Id);

/// <summary>A sentence that supports a proposal: its text and where it stands in its document's <see cref="DetectionDocument.Text"/>.</summary>
/// <param name="Text">The sentence.</param>
/// <param name="Document">The <see cref="ProposalDocument.Url"/> of the document it is in.</param>
/// <param name="Start">Offset of the sentence in the document's text (UTF-16 code units).</param>
/// <param name="Length">Length of the sentence.</param>
public sealed record ProposalSentence(string Text, string Document, int Start, int Length);

/// <summary>
/// An event that documents report, proposed for the record: merged across every document that
/// reports it, with the best-supported Korean date (UTC+9).
/// </summary>
public sealed record Proposal
{
    /// <summary>The Korean date the reports support best.</summary>
    public required KoreanDate Date { get; init; }

    /// <summary>What happened.</summary>
    public required EventKind Kind { get; init; }

    /// <summary>The class (<c>icbm</c>, <c>srbm</c>, <c>cruise</c>, <c>slv</c> ...), or null when no report says.</summary>
    public string? Class { get; init; }

    /// <summary>The weapon system's gazetteer id, or null.</summary>
    public string? System { get; init; }

    /// <summary>How many missiles the reports say were fired, or null.</summary>
    public int? Count { get; init; }

    /// <summary>The launch site's gazetteer name, or null.</summary>
    public string? Site { get; init; }

    /// <summary>How strongly the documents support the event, 0 to 1.</summary>
    public required double Confidence { get; init; }

    /// <summary>The id of the record's event this is, or null when the record has none.</summary>
    public string? Matches { get; init; }

    /// <summary>The documents that report it, earliest first.</summary>
    public required IReadOnlyList<ProposalDocument> Documents { get; init; }

    /// <summary>The sentences that report it.</summary>
    public required IReadOnlyList<ProposalSentence> Sentences { get; init; }

    /// <summary>How many publishers report it independently of each other.</summary>
    public int Publishers => Documents.Select(d => d.Publisher).Distinct(StringComparer.OrdinalIgnoreCase).Count();
}

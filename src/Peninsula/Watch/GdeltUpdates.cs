using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Watch;

/// <summary>One file of GDELT's update list: its size, its MD5 checksum and its address.</summary>
/// <param name="Bytes">The size GDELT gives, in bytes.</param>
/// <param name="Md5">The MD5 checksum GDELT gives, lower-case hexadecimal.</param>
/// <param name="Url">Where the file is.</param>
internal sealed record GdeltUpdateFile(long Bytes, string Md5, Uri Url)
{
    /// <summary>The file's name, e.g. <c>20191024143000.export.CSV.zip</c>.</summary>
    public string Name => Url.Segments[^1];
}

/// <summary>
/// GDELT 2.0's fifteen-minute update as a watchable source. GDELT rewrites
/// <c>lastupdate.txt</c> every fifteen minutes with three lines, <c>size md5 url</c>, one each for
/// the newest events export, mentions file and knowledge graph file. A watch of that list fetches
/// the newest export zip through the same safe fetcher as feeds, checks it against the size and
/// checksum the list gives, keeps the rows about North Korea as the GDELT importer does (as
/// signals), and keeps each article those rows cite as a document.
/// </summary>
public static class GdeltUpdates
{
    /// <summary>GDELT 2.0's update list: <c>http://data.gdeltproject.org/gdeltv2/lastupdate.txt</c>.</summary>
    public static readonly Uri UpdateList = new("http://data.gdeltproject.org/gdeltv2/lastupdate.txt");

    /// <summary>The name <c>watch add --gdelt</c> gives the watch.</summary>
    public const string WatchName = "gdelt";

    /// <summary>How often GDELT publishes an update.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whether a watched address is a GDELT update list rather than a feed: its path ends in
    /// <c>/lastupdate.txt</c>. The address decides, so a watch needs no stored format.
    /// </summary>
    public static bool IsUpdateList(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.AbsolutePath.EndsWith("/lastupdate.txt", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The events export the update list names (the line whose file ends in <c>.export.CSV.zip</c>).</summary>
    /// <exception cref="InputException">The list is not of GDELT's layout, naming the line and field.</exception>
    internal static GdeltUpdateFile NewestExport(string text, string list)
    {
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw new InputException($"expected 'size md5 address' as GDELT writes its update list, found '{Shorten(line)}'.", list, lineNumber);
            }

            if (!parts[2].EndsWith(".export.CSV.zip", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                throw new InputException($"'{Shorten(parts[0])}' is not a size in bytes.", list, lineNumber, "size");
            }

            if (parts[1].Length != 32 || !parts[1].All(Uri.IsHexDigit))
            {
                throw new InputException($"'{Shorten(parts[1])}' is not an MD5 checksum (32 hexadecimal digits).", list, lineNumber, "md5");
            }

            if (!Uri.TryCreate(parts[2], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new InputException($"'{Shorten(parts[2])}' is not an http or https address.", list, lineNumber, "url");
            }

            return new GdeltUpdateFile(bytes, parts[1].ToLowerInvariant(), url);
        }

        throw new InputException("the update list names no events export (a file ending in .export.CSV.zip).", list);
    }

    /// <summary>
    /// Reads a fetched export zip: checked against the list's size and checksum, each entry against
    /// the limits for GDELT archives, the rows about North Korea kept as signals and the articles
    /// they cite as documents (one per address).
    /// </summary>
    internal static ImportBatch ReadExport(byte[] zip, GdeltUpdateFile file, CancellationToken cancellationToken)
    {
        var name = file.Url.ToString();
        if (zip.LongLength != file.Bytes)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"the export is {zip.LongLength} bytes but the update list says {file.Bytes}; it was not kept."), name);
        }

        // MD5 is what GDELT publishes; it checks that the file arrived whole, not who sent it.
#pragma warning disable CA5351
        var md5 = Convert.ToHexStringLower(MD5.HashData(zip));
#pragma warning restore CA5351
        if (md5 != file.Md5)
        {
            throw new InputException($"the export's MD5 checksum is {md5} but the update list says {file.Md5}; it was not kept.", name);
        }

        var batch = new GdeltBatch(new ImportBatch { Input = name }, new GdeltImporter().Tag);
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            batch.ReadArchive(archive, name, file.Name, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new InputException($"the export is not a readable zip archive: {ex.Message}", name);
        }

        AddArticles(batch.Batch, file);
        return batch.Batch;
    }

    /// <summary>
    /// One document per article address the signals cite: dated by the earliest time GDELT added
    /// one of its events, titled from its address (GDELT gives no headline), its publisher the
    /// address's host, and its text the events GDELT coded from it.
    /// </summary>
    private static void AddArticles(ImportBatch batch, GdeltUpdateFile file)
    {
        var cited = batch.Signals
            .Where(s => s.SourceUrl is not null && Uri.TryCreate(s.SourceUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
            .GroupBy(s => s.SourceUrl!, StringComparer.Ordinal);
        foreach (var article in cited)
        {
            var url = new Uri(article.Key);
            var signals = article.OrderBy(s => s.GlobalEventId).ToList();
            var added = signals.Min(s => s.DateAdded);
            var codes = string.Join(", ", signals.Select(s => s.EventCode).Distinct(StringComparer.Ordinal));
            var actors = string.Join(", ", signals.SelectMany(s => new[] { s.Actor1Country, s.Actor2Country }).OfType<string>().Distinct(StringComparer.Ordinal));
            batch.Documents.Add(new Document
            {
                Id = "gdelt-" + KcnaImporter.Hash(article.Key),
                Date = added is { } at ? KoreanDate.FromInstant(at) : null,
                PublishedAt = added,
                Title = TitleOf(url),
                Body = string.Create(
                    CultureInfo.InvariantCulture,
                    $"GDELT coded {signals.Count} {(signals.Count == 1 ? "event" : "events")} about North Korea from this article (CAMEO {codes}; actors {(actors.Length == 0 ? "not coded" : actors)}; GDELT event ids {string.Join(", ", signals.Select(s => s.GlobalEventId))})."),
                Links = [article.Key],
                Topics = ["gdelt"],
                Source = url.Host,
                Provenance = new Provenance(signals[0].Provenance.Importer, file.Url.ToString(), signals[0].Provenance.Record),
            });
        }
    }

    /// <summary>
    /// A readable title from an article's address: the last part of its path that holds words
    /// (<c>/news/north-korea-fires-missile-20191024.html</c> becomes "north korea fires missile
    /// 20191024"), or the host when the path has none.
    /// </summary>
    internal static string TitleOf(Uri url)
    {
        foreach (var segment in url.Segments.Reverse())
        {
            var part = Uri.UnescapeDataString(segment.Trim('/'));
            var dot = part.LastIndexOf('.');
            if (dot > 0 && part.Length - dot <= 5)
            {
                part = part[..dot];
            }

            var words = part.Split(['-', '_', '+', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (words.Count(w => w.Any(char.IsLetter)) >= 2)
            {
                return string.Join(' ', words);
            }
        }

        return url.Host;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Detection;

/// <summary>
/// The files <c>peninsula detect</c> reads, each by the parser its importer uses: RSS and Atom
/// feeds (<c>.xml</c>, <c>.rss</c>, <c>.atom</c>), KCNA archives (<c>.json</c>) and plain text
/// (anything else: the first line is the headline). A story or item that cannot be read is left
/// out with a warning naming file, line and field; a file that cannot be read at all stops the
/// run with an <see cref="InputException"/>.
/// </summary>
public static class DetectionInput
{
    /// <summary>
    /// The documents of the files, with the rows refused. <paramref name="published"/> (Korean
    /// date) dates plain text files and feed items that give no date of their own.
    /// </summary>
    public static (IReadOnlyList<DetectionDocument> Documents, IReadOnlyList<Rejection> Warnings) Read(
        IEnumerable<string> paths, KoreanDate? published, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<DetectionDocument>();
        var warnings = new List<Rejection>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new InputException("there is no such file.", path);
            }

            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".xml" or ".rss" or ".atom":
                    Add(new FeedImporter().Read(path, cancellationToken), published, documents, warnings);
                    break;
                case ".json":
                    Add(new KcnaImporter().Read(path, cancellationToken), published, documents, warnings);
                    break;
                default:
                    documents.Add(PlainText(path, published));
                    break;
            }
        }

        return (documents, warnings);
    }

    /// <summary>
    /// A stored or imported document as detection reads it; null when it has no date and
    /// <paramref name="published"/> gives none.
    /// </summary>
    public static DetectionDocument? Of(Document document, KoreanDate? published = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var date = document.Date ?? published;
        if (date is not { } day)
        {
            return null;
        }

        var url = document.Links.FirstOrDefault(l => l.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || l.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        var publisher = document.Source == "kcna" ? "KCNA" : document.Source;
        return new DetectionDocument(document.Id, url, document.Title, document.Body, day, document.PublishedAt, publisher);
    }

    private static void Add(ImportBatch batch, KoreanDate? published, List<DetectionDocument> documents, List<Rejection> warnings)
    {
        warnings.AddRange(batch.Rejections);
        foreach (var document in batch.Documents)
        {
            if (Of(document, published) is { } d)
            {
                documents.Add(d);
            }
            else
            {
                warnings.Add(new Rejection(batch.Input, null, "published", $"'{document.Title}' has no publication date; give one with --published YYYY-MM-DD."));
            }
        }
    }

    private static DetectionDocument PlainText(string path, KoreanDate? published)
    {
        if (new FileInfo(path).Length > FeedImporter.MaxCharacters)
        {
            throw new InputException($"the file is larger than {FeedImporter.MaxCharacters / (1024 * 1024)} MB; split it.", path);
        }

        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (published is not { } date)
        {
            throw new InputException("a plain text file has no publication date of its own; give it with --published YYYY-MM-DD (Korean date).", path, field: "--published");
        }

        var lines = text.TrimStart().Split('\n', 2);
        var title = lines[0].Trim();
        if (title.Length == 0)
        {
            throw new InputException("the file is empty.", path, 1);
        }

        var id = "text-" + KcnaImporter.Hash(text);
        return new DetectionDocument(id, null, title, lines.Length > 1 ? lines[1].Trim() : "", date, null, Path.GetFileName(path));
    }
}

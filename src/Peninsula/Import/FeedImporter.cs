using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>
/// RSS 2.0 and Atom feeds, read as untrusted XML: no DTD (so no external entities and no entity
/// expansion), no resolver, a bounded document size, a bounded nesting depth (a deeper feed would
/// overflow the stack of whatever walks it), and work linear in the feed's size. Each item becomes
/// a document, identified by its GUID (RSS) or id (Atom), else its link; HTML in descriptions
/// becomes text by one linear pass that drops the markup.
/// </summary>
public sealed class FeedImporter : SourceImporter
{
    /// <summary>The largest feed read, in characters.</summary>
    public const long MaxCharacters = 16L << 20;

    /// <summary>The deepest nesting of XML elements read; real feeds use fewer than ten levels.</summary>
    public const int MaxDepth = 64;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <inheritdoc/>
    public override string Name => "feed";

    /// <inheritdoc/>
    public override int Version => 1;

    /// <inheritdoc/>
    public override string Description => "An RSS 2.0 or Atom feed saved to a file.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".xml", ".rss", ".atom"];

    /// <inheritdoc/>
    public override ImportBatch Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path, Path.GetFileName(path), cancellationToken);
    }

    /// <summary>
    /// Reads a feed from a stream; <paramref name="name"/> is the file or URL for messages and
    /// provenance. Cancelling <paramref name="cancellationToken"/> (a time budget) stops the
    /// reading between XML nodes and between items.
    /// </summary>
    public ImportBatch Read(Stream stream, string name, string dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument xml;
        try
        {
            // A first streaming pass checks the depth before anything builds a tree: XmlReader
            // itself is iterative, but XElement.Value and every walk of a tree recurse per level.
            var start = stream.Position;
            using (var scan = XmlReader.Create(stream, settings))
            {
                while (scan.Read())
                {
                    if (scan.Depth > MaxDepth)
                    {
                        throw new InputException(
                            $"the feed nests elements more than {MaxDepth} deep (<{scan.LocalName}>); Peninsula refuses it.", name, ((IXmlLineInfo)scan).LineNumber, scan.LocalName);
                    }

                    if (scan.Depth == 0 || scan.NodeType == XmlNodeType.Element)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }

            stream.Position = start;
            using var reader = XmlReader.Create(stream, settings);
            xml = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException("the feed declares a DTD; Peninsula refuses DTDs in feeds (they can pull in external entities or expand without bound).", name, ex.LineNumber);
        }
        catch (XmlException ex)
        {
            throw new InputException($"the feed is not well-formed XML: {ex.Message}", name, ex.LineNumber);
        }

        var batch = new ImportBatch { Input = name };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var root = xml.Root!;
        if (root.Name.LocalName == "rss")
        {
            var channel = root.Element("channel") ?? throw new InputException("an RSS feed must have a <channel>.", name, Line(root));
            var source = Value(channel.Element("title")) ?? dataset;
            var item = 0;
            foreach (var element in channel.Elements("item"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                item++;
                Add(batch, seen, name, () => RssItem(element, source, dataset, item));
            }

            batch.Rows = item;
        }
        else if (root.Name == Atom + "feed")
        {
            var source = Value(root.Element(Atom + "title")) ?? dataset;
            var item = 0;
            foreach (var element in root.Elements(Atom + "entry"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                item++;
                Add(batch, seen, name, () => AtomEntry(element, source, dataset, item));
            }

            batch.Rows = item;
        }
        else
        {
            throw new InputException($"expected an RSS 2.0 (<rss>) or Atom (<feed>) document, found <{root.Name.LocalName}>.", name, Line(root));
        }

        return batch;
    }

    private static void Add(ImportBatch batch, HashSet<string> seen, string name, Func<Document> read)
    {
        try
        {
            var document = read();
            if (seen.Add(document.Id))
            {
                batch.Documents.Add(document);
            }
        }
        catch (InputException ex)
        {
            batch.Rejections.Add(new Rejection(name, ex.Line, ex.Field, ex.Reason));
        }
    }

    private Document RssItem(XElement item, string source, string dataset, int index) =>
        Item(
            item, Value(item.Element("title")), Value(item.Element("guid")), Value(item.Element("link")), Value(item.Element("description")),
            Date(Value(item.Element("pubDate")), item, "pubDate"), [.. item.Elements("category").Select(Value).OfType<string>()],
            source, dataset, $"item {index.ToString(CultureInfo.InvariantCulture)}");

    private Document AtomEntry(XElement entry, string source, string dataset, int index) =>
        Item(
            entry, Value(entry.Element(Atom + "title")), Value(entry.Element(Atom + "id")),
            entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value,
            Value(entry.Element(Atom + "content")) ?? Value(entry.Element(Atom + "summary")),
            Date(Value(entry.Element(Atom + "published")) ?? Value(entry.Element(Atom + "updated")), entry, "published"),
            [.. entry.Elements(Atom + "category").Select(c => c.Attribute("term")?.Value).OfType<string>()],
            source, dataset, $"entry {index.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A document from an item's parts; its id is the GUID (or Atom id), else the link, else title and date.</summary>
    private Document Item(
        XElement element, string? title, string? id, string? link, string? html, DateTimeOffset? published, IReadOnlyList<string> topics, string source, string dataset, string record)
    {
        var body = Text(html);
        if (title is null && body.Length == 0)
        {
            throw new InputException("the item has neither a title nor any text.", null, Line(element), "title");
        }

        return new Document
        {
            Id = "feed-" + KcnaImporter.Hash(id ?? link ?? $"{title}\n{published}"),
            Date = published is { } p ? KoreanDate.FromInstant(p) : null,
            PublishedAt = published,
            Title = Text(title) is { Length: > 0 } t ? t : body[..Math.Min(80, body.Length)],
            Body = body,
            Links = link is null ? [] : [link],
            Topics = topics,
            Source = source,
            Provenance = At(dataset, record),
        };
    }

    /// <summary>RFC 822 dates (RSS) and ISO 8601 (Atom); a date that cannot be read is refused with its element.</summary>
    private static DateTimeOffset? Date(string? text, XElement element, string field)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = text.Trim().Replace(" GMT", " +0000", StringComparison.Ordinal).Replace(" UT", " +0000", StringComparison.Ordinal).Replace(" Z", " +0000", StringComparison.Ordinal);
        string[] formats = ["ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "ddd, dd MMM yyyy HH:mm:ss zzz"];
        if (DateTimeOffset.TryParseExact(cleaned.Replace("+0000", "+00:00", StringComparison.Ordinal), formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var rfc))
        {
            return rfc.ToUniversalTime();
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            ? iso.ToUniversalTime()
            : throw new InputException($"'{text}' is not a date (RFC 822 or ISO 8601).", null, Line(element), field);
    }

    /// <summary>Text as text: HTML markup in a description is dropped and only its text kept.</summary>
    private static string Text(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var text = html.Contains('<', StringComparison.Ordinal) ? HtmlText.Of(html) : html;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? Value(XElement? element) => string.IsNullOrWhiteSpace(element?.Value) ? null : element.Value.Trim();

    private static long? Line(XElement element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}

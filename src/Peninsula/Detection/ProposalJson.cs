using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Peninsula.Events;

namespace Peninsula.Detection;

/// <summary>
/// Proposals as JSON: an array of objects with <c>date</c> (Korean date, UTC+9), <c>kind</c>,
/// <c>class</c>, <c>system</c>, <c>count</c>, <c>site</c>, <c>confidence</c> (0 to 1),
/// <c>matches</c> (the record's event id or null), <c>documents</c> (<c>url</c>, <c>title</c>,
/// <c>published</c>, <c>publisher</c>) and <c>sentences</c> (<c>text</c>, <c>document</c> (its
/// url), <c>start</c> and <c>length</c> in the document's headline, blank line and body).
/// </summary>
public static class ProposalJson
{
    /// <summary>
    /// Text as it is (an apostrophe, a curly quote, Korean), not as \u escapes, as the record's own
    /// JSON writes it (<see cref="Import.EventJson"/>): people read this output, and the pages put it
    /// on screen only as text.
    /// </summary>
    private static JsonWriterOptions Options(bool indented) => new() { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The proposals as an indented JSON array.</summary>
    public static string Write(IEnumerable<Proposal> proposals)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        return Written(indented: true, json => Array(json, proposals, Write));
    }

    /// <summary>One proposal as a JSON object.</summary>
    public static string WriteOne(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Written(indented: false, json => Write(json, proposal));
    }

    /// <summary>
    /// Items of the review queue as a JSON array, as <c>review list --format json</c> and
    /// <c>GET /api/review</c> give them: each object has the queue's <c>id</c>, <c>status</c>,
    /// <c>created_at</c>, <c>decided_by</c>, <c>decided_at</c> (UTC), <c>event_id</c>, <c>note</c>
    /// and the <c>proposal</c> as <see cref="Write(IEnumerable{Proposal})"/> writes one.
    /// </summary>
    public static string WriteItems(IEnumerable<ReviewItem> items, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Written(indented, json => Array(json, items, Write));
    }

    /// <summary>One item of the review queue as a JSON object (see <see cref="WriteItems"/>).</summary>
    public static string WriteItem(ReviewItem item, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Written(indented, json => Write(json, item));
    }

    /// <summary>The text (UTF-8 decoded) that <paramref name="write"/> writes, the one writer setup of every method above.</summary>
    private static string Written(bool indented, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options(indented)))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Array<T>(Utf8JsonWriter json, IEnumerable<T> values, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            write(json, value);
        }

        json.WriteEndArray();
    }

    /// <summary>Reads one proposal written by <see cref="WriteOne"/>.</summary>
    public static Proposal ReadOne(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return new Proposal
        {
            Date = KoreanDate.Parse(root.GetProperty("date").GetString()!),
            Kind = Taxonomy.ParseKind(root.GetProperty("kind").GetString()!),
            Class = root.GetProperty("class").GetString(),
            System = root.GetProperty("system").GetString(),
            Count = root.GetProperty("count").ValueKind == JsonValueKind.Number ? root.GetProperty("count").GetInt32() : null,
            Site = root.GetProperty("site").GetString(),
            Confidence = root.GetProperty("confidence").GetDouble(),
            Matches = root.GetProperty("matches").GetString(),
            Documents = [.. root.GetProperty("documents").EnumerateArray().Select(d => new ProposalDocument(
                d.GetProperty("url").GetString()!, d.GetProperty("title").GetString()!, KoreanDate.Parse(d.GetProperty("published").GetString()!),
                d.GetProperty("publisher").GetString()!, d.GetProperty("id").GetString()!))],
            Sentences = [.. root.GetProperty("sentences").EnumerateArray().Select(s => new ProposalSentence(
                s.GetProperty("text").GetString()!, s.GetProperty("document").GetString()!, s.GetProperty("start").GetInt32(), s.GetProperty("length").GetInt32()))],
        };
    }

    private static void Write(Utf8JsonWriter json, ReviewItem i)
    {
        json.WriteStartObject();
        json.WriteString("id", i.Id);
        json.WriteString("status", i.Status.Slug());
        json.WriteString("created_at", i.CreatedAt);
        json.WriteString("decided_by", i.DecidedBy);
        if (i.DecidedAt is { } at)
        {
            json.WriteString("decided_at", at);
        }
        else
        {
            json.WriteNull("decided_at");
        }

        json.WriteString("event_id", i.EventId);
        json.WriteString("note", i.Note);
        json.WritePropertyName("proposal");
        Write(json, i.Proposal);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, Proposal p)
    {
        json.WriteStartObject();
        json.WriteString("date", p.Date.ToString());
        json.WriteString("kind", p.Kind.Slug());
        Nullable(json, "class", p.Class);
        Nullable(json, "system", p.System);
        if (p.Count is { } count)
        {
            json.WriteNumber("count", count);
        }
        else
        {
            json.WriteNull("count");
        }

        Nullable(json, "site", p.Site);
        json.WriteNumber("confidence", p.Confidence);
        Nullable(json, "matches", p.Matches);
        json.WriteStartArray("documents");
        foreach (var d in p.Documents)
        {
            json.WriteStartObject();
            json.WriteString("url", d.Url);
            json.WriteString("title", d.Title);
            json.WriteString("published", d.Published.ToString());
            json.WriteString("publisher", d.Publisher);
            json.WriteString("id", d.Id);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("sentences");
        foreach (var s in p.Sentences)
        {
            json.WriteStartObject();
            json.WriteString("text", s.Text);
            json.WriteString("document", s.Document);
            json.WriteNumber("start", s.Start);
            json.WriteNumber("length", s.Length);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}

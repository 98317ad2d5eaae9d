using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>Reads and writes events in the project's own JSON format (an array of event objects).</summary>
public static class EventJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>One event as compact JSON; equal events give equal text.</summary>
    public static string Serialize(Event e) => JsonSerializer.Serialize(EventDocument.From(e), Compact);

    /// <summary>Writes events as an indented JSON array to text output (standard output, a file).</summary>
    public static void Write(IEnumerable<Event> events, TextWriter output)
    {
        output.Write(JsonSerializer.Serialize(events.Select(EventDocument.From), Options));
        output.Write('\n');
    }

    /// <summary>Any value as indented JSON with the project's conventions (snake_case keys).</summary>
    public static string SerializeValue<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Parses one event written by <see cref="Serialize"/>.</summary>
    public static Event Deserialize(string json) =>
        (JsonSerializer.Deserialize<EventDocument>(json, Options) ?? throw new InputException("the JSON is null.")).ToEvent(null, null);

    /// <summary>
    /// Reads one event object (the body of a write through the web API), validated. A bad one throws
    /// an <see cref="InputException"/> naming <paramref name="name"/>, the line and the field.
    /// </summary>
    public static Event ReadOne(byte[] utf8, string name)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InputException("expected one event object ({...}).", name, LineOf(lineStarts, reader.TokenStartIndex));
            }

            EventDocument? doc;
            try
            {
                doc = JsonSerializer.Deserialize<EventDocument>(ref reader, Options);
            }
            catch (JsonException ex)
            {
                throw new InputException(Plain(ex), name, ex.LineNumber is { } l ? l + 1 : 1, FieldOf(ex.Path));
            }

            if (reader.Read())
            {
                throw new InputException("there is more after the event object; send one event.", name, LineOf(lineStarts, reader.TokenStartIndex));
            }

            return (doc ?? throw new InputException("the event is null.", name, 1)).ToEvent(name, 1);
        }
        catch (JsonException ex)
        {
            throw new InputException(Plain(ex), name, (ex.LineNumber ?? 0) + 1, FieldOf(ex.Path));
        }
    }

    /// <summary>
    /// Reads a JSON array of events. Every event is validated; the first bad one throws an
    /// <see cref="InputException"/> naming the file, the line where its object starts, and the field.
    /// </summary>
    public static IReadOnlyList<Event> Read(byte[] utf8, string fileName)
    {
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var events = new List<Event>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InputException("expected a JSON array of events ([ {...}, ... ]).", fileName, LineOf(lineStarts, reader.TokenStartIndex));
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineOf(lineStarts, reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InputException("expected an event object.", fileName, line);
                }

                EventDocument? doc;
                try
                {
                    doc = JsonSerializer.Deserialize<EventDocument>(ref reader, Options);
                }
                catch (JsonException ex)
                {
                    throw new InputException(Plain(ex), fileName, ex.LineNumber is { } l ? l + 1 : line, FieldOf(ex.Path));
                }

                events.Add((doc ?? throw new InputException("an event is null.", fileName, line)).ToEvent(fileName, line));
            }
        }
        catch (JsonException ex)
        {
            throw new InputException(Plain(ex), fileName, (ex.LineNumber ?? 0) + 1, FieldOf(ex.Path));
        }

        return events;
    }

    private static string Plain(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var last = path.Split('.').Last();
        return last is "$" ? null : last.TrimEnd(']').Split('[')[0];
    }

    private static List<int> LineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static long LineOf(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>Reads text as UTF-8 bytes (tests and pipes).</summary>
    internal static IReadOnlyList<Event> Read(string json, string fileName) => Read(Encoding.UTF8.GetBytes(json), fileName);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>
/// North Korean state media archives in the layout of the public KCNA scrapes: one JSON array of
/// objects with <c>topic</c>, <c>headline</c>, <c>link</c>, <c>date</c> (epoch milliseconds),
/// <c>date_str</c> (YYYY-MM-DD, Korean date) and <c>story_text</c>. The same story filed under
/// several topics or links is one document carrying all of them.
/// </summary>
public sealed class KcnaImporter : SourceImporter
{
    /// <summary>The largest archive file read (the whole array is parsed at once).</summary>
    public const long MaxBytes = 512L << 20;

    /// <inheritdoc/>
    public override string Name => "kcna";

    /// <inheritdoc/>
    public override int Version => 1;

    /// <inheritdoc/>
    public override string Description => "KCNA state media archive: a JSON array of {topic, headline, link, date, date_str, story_text}.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".json"];

    /// <inheritdoc/>
    public override ImportBatch Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
        {
            throw new InputException($"the file is {info.Length / (1024 * 1024)} MB; archives over {MaxBytes / (1024 * 1024)} MB must be split.", path);
        }

        JsonDocument json;
        try
        {
            using var stream = File.OpenRead(path);
            json = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InputException($"the file is not valid JSON: {ex.Message}", path, ex.LineNumber + 1);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InputException("expected a JSON array of stories, each with topic, headline, link, date, date_str and story_text.", path, 1);
            }

            var batch = new ImportBatch { Input = path };
            var byId = new Dictionary<string, Document>(StringComparer.Ordinal);
            var item = 0;
            foreach (var story in json.RootElement.EnumerateArray())
            {
                cancellationToken.ThrowIfCancellationRequested();
                item++;
                try
                {
                    var document = Parse(story, path, item);
                    byId[document.Id] = byId.TryGetValue(document.Id, out var seen)
                        ? seen with { Topics = [.. seen.Topics.Union(document.Topics)], Links = [.. seen.Links.Union(document.Links)] }
                        : document;
                }
                catch (InputException ex)
                {
                    batch.Rejections.Add(new Rejection(path, null, ex.Field, $"story {item}: {ex.Reason}"));
                }
            }

            batch.Documents.AddRange(byId.Values);
            batch.Rows = item;
            return batch;
        }
    }

    private Document Parse(JsonElement story, string path, int item)
    {
        if (story.ValueKind != JsonValueKind.Object)
        {
            throw new InputException("is not an object.", path);
        }

        var headline = Text(story, "headline", path, required: true)!;
        var body = Text(story, "story_text", path, required: true)!;
        var link = Text(story, "link", path, required: false);
        var topic = Text(story, "topic", path, required: false);
        DateTimeOffset? published = null;
        if (story.TryGetProperty("date", out var epoch) && epoch.ValueKind == JsonValueKind.Number)
        {
            published = epoch.TryGetInt64(out var ms) && ms is > 0 and < 32503680000000
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : throw new InputException($"'{epoch.GetRawText()}' is not a time in epoch milliseconds.", path, field: "date");
        }

        KoreanDate? date = null;
        if (Text(story, "date_str", path, required: false) is { } dateText)
        {
            date = KoreanDate.TryParse(dateText, out var d) ? d : throw new InputException(KoreanDate.NotADate(dateText), path, field: "date_str");
        }

        date ??= published is { } p ? KoreanDate.FromInstant(p) : throw new InputException("the story has neither date_str nor date.", path, field: "date_str");
        return new Document
        {
            Id = "kcna-" + Hash($"{date}\n{Normalize(headline)}\n{Normalize(body)}"),
            Date = date,
            PublishedAt = published,
            Title = headline.Trim(),
            Body = body.Trim(),
            Links = link is null ? [] : [link],
            Topics = topic is null ? [] : [topic],
            Source = "kcna",
            Provenance = At(path, $"story {item.ToString(CultureInfo.InvariantCulture)}"),
        };
    }

    private static string? Text(JsonElement story, string name, string path, bool required)
    {
        if (!story.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new InputException("the value is missing.", path, field: name) : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InputException($"expected text, found {value.ValueKind.ToString().ToLowerInvariant()}.", path, field: name);
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? (required ? throw new InputException("the value is empty.", path, field: name) : null) : text;
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];
}

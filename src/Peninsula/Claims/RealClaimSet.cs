using System.Globalization;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Reading;

namespace Peninsula.Claims;

/// <summary>One labelled sentence of the real set; the span counts UTF-16 characters of the document file, end exclusive.</summary>
/// <remarks>Label is <c>true</c>, <c>false</c> or <c>not-checkable</c>; verdict a verdict slug or <c>none</c> (no checkable claim).</remarks>
internal sealed record RealClaimLabel(long Line, string Document, string Sentence, int Start, int End, string Label, string Verdict, string FailureClass, string Reason);

/// <summary>One document of the real set, ready to be checked as an article.</summary>
/// <param name="Id">The file name without <c>.txt</c>.</param>
/// <param name="Publisher">The header's publisher, with its host.</param>
/// <param name="Source">The publisher alone, by which the benchmark groups its figures.</param>
/// <param name="Published">
/// The header's publication date as the document gives it, taken as the article's Korean date (what a
/// user would pass to <c>check --published</c>). Japanese texts are dated in JST, the same clock; US texts
/// are dated in Washington or Hawaii, mostly without a time of day, so they are not shifted.
/// </param>
/// <param name="TextStart">Where the published text begins in the file, after the header's <c>---</c> line.</param>
/// <param name="File">The whole file, header included, which the labels' spans index.</param>
internal sealed record RealClaimDocument(string Id, string Publisher, string Source, KoreanDate Published, int TextStart, string File)
{
    /// <summary>The header's address of the published text.</summary>
    public string Url { get; init; } = "";

    /// <summary>The header's title of the published text.</summary>
    public string Title { get; init; } = "";

    /// <summary>The header's licence: why the text may be kept in the repository.</summary>
    public string Licence { get; init; } = "";

    /// <summary>
    /// The clock the header's date is in: Korea's for a date given in JST or KST (Japan's and Korea's
    /// own texts), else behind it (Washington, New York, Hawaii, Geneva, Phnom Penh, or not said).
    /// </summary>
    public WriterClock Clock { get; init; } = WriterClock.Behind;

    /// <summary>The published text alone: what is checked.</summary>
    public string Text => File[TextStart..];
}

/// <summary>The real development set as files (bench/claims-real): documents/*.txt (a header, "---", the text) and labels.csv.</summary>
internal sealed class RealClaimSet
{
    private static readonly string[] HeaderFields = ["url", "title", "publisher", "published", "licence"];
    private static readonly string[] LabelValues = ["true", "false", "not-checkable"];

    private static readonly string[] FailureClasses =
        ["weekday", "year", "number", "ordinal/first", "negation/scope", "actor/kind", "modality", "coordination", "unreadable", "plain"];

    // Kept for independent evaluation (issue 16): never part of the development set.
    private static readonly string[] ReservedHosts = ["whitehouse.gov", "kcna", "yonhap", "reuters", "apnews"];

    private RealClaimSet(Dictionary<string, string> documents, List<RealClaimLabel> labels)
    {
        Documents = documents;
        Labels = labels;
    }

    /// <summary>Document id (file name without .txt) to the file's whole text.</summary>
    public IReadOnlyDictionary<string, string> Documents { get; }

    public IReadOnlyList<RealClaimLabel> Labels { get; }

    /// <summary>
    /// A document's header and where its text begins: what the benchmark needs to check it as an article.
    /// Throws <see cref="InputException"/> naming the file and field when the header lacks them
    /// (<see cref="DocumentProblems"/> lists every such problem at once).
    /// </summary>
    public RealClaimDocument Document(string id)
    {
        var text = Documents[id];
        var file = $"documents/{id}.txt";
        var end = text.IndexOf("\n---\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InputException("no '---' line ends the header.", file);
        }

        var header = Header(text[..end]);
        var publisher = header.GetValueOrDefault("publisher") is { Length: > 0 } p ? p : throw new InputException("the header has no publisher.", file, null, "publisher");
        var published = header.GetValueOrDefault("published") ?? "";
        if (published.Length < 10 || !KoreanDate.TryParse(published[..10], out var date))
        {
            throw new InputException($"the published date '{published}' does not start with a date (yyyy-MM-dd).", file, null, "published");
        }

        return new RealClaimDocument(id, publisher, Source(publisher), date, end + 5, text)
        {
            Url = header.GetValueOrDefault("url") ?? "",
            Title = header.GetValueOrDefault("title") ?? "",
            Licence = header.GetValueOrDefault("licence") ?? "",
            Clock = ClockOf(published),
        };
    }

    /// <summary>
    /// The clock of a header's <c>published</c> field: Korea's when the date is given in it ("JST,
    /// UTC+9"), else behind it. A header may name Korea's time of the launch it reports ("about 06:20
    /// KST, which was Sunday evening ... in Washington"); that does not make the date Korea's.
    /// </summary>
    internal static WriterClock ClockOf(string published) =>
        published.Contains("JST, UTC+9", StringComparison.Ordinal) || published.Contains("KST, UTC+9", StringComparison.Ordinal)
            ? WriterClock.Korea
            : WriterClock.Behind;

    /// <summary>The publisher without the host or the note that follows it: "Prime Minister's Office of Japan (text as kept by ...)" is "Prime Minister's Office of Japan".</summary>
    internal static string Source(string publisher)
    {
        var cut = publisher.Length;
        foreach (var mark in (string[])[" (", ";", ", "])
        {
            var at = publisher.IndexOf(mark, StringComparison.Ordinal);
            cut = at > 0 ? Math.Min(cut, at) : cut;
        }

        return publisher[..cut].Trim();
    }

    private static Dictionary<string, string> Header(string header) =>
        header.Split('\n')
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);

    public static RealClaimSet Load(string folder)
    {
        var documents = Directory.EnumerateFiles(Path.Combine(folder, "documents"), "*.txt")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText, StringComparer.Ordinal);
        var path = Path.Combine(folder, "labels.csv");
        using var text = File.OpenText(path);
        var table = CsvTable.Read(text, path, ["document", "sentence", "start", "end", "label", "verdict", "facets", "failure_class", "reason"]);
        var labels = table.Records.Select(r => new RealClaimLabel(
            r.Line,
            r.Optional("document") ?? "",
            r.Optional("sentence") ?? "",
            Offset(r, "start"),
            Offset(r, "end"),
            r.Optional("label") ?? "",
            r.Optional("verdict") ?? "",
            r.Optional("failure_class") ?? "",
            r.Optional("reason") ?? "")).ToList();
        return new RealClaimSet(documents, labels);
    }

    private static int Offset(CsvRecord row, string column) =>
        int.TryParse(row.Required(column), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw row.Error(column, $"'{row.Required(column)}' is not a character offset (a whole number from 0).");

    /// <summary>Each document's missing or malformed header fields, by file.</summary>
    public List<string> DocumentProblems()
    {
        var problems = new List<string>();
        foreach (var (id, text) in Documents.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var file = $"documents/{id}.txt";
            var end = text.IndexOf("\n---\n", StringComparison.Ordinal);
            if (end < 0)
            {
                problems.Add($"{file}: no '---' line ends the header.");
                continue;
            }

            var header = Header(text[..end]);
            foreach (var field in HeaderFields.Where(f => !header.TryGetValue(f, out var v) || v.Length == 0))
            {
                problems.Add($"{file}: the header has no {field}.");
            }

            if (header.TryGetValue("url", out var url))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                {
                    problems.Add($"{file}: the url '{url}' is not a web address.");
                }
                else if (ReservedHosts.Any(h => uri.Host.Contains(h, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{file}: {uri.Host} is reserved for independent evaluation.");
                }
            }

            if (header.TryGetValue("published", out var published)
                && (published.Length < 10 || !DateOnly.TryParseExact(published[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            {
                problems.Add($"{file}: the published date '{published}' does not start with a date (yyyy-MM-dd).");
            }

            if (text.Length <= end + 5 || string.IsNullOrWhiteSpace(text[(end + 5)..]))
            {
                problems.Add($"{file}: the document has no text after its header.");
            }
        }

        return problems;
    }

    /// <summary>Each label that does not match its document's text or uses an unknown value, by line of labels.csv.</summary>
    public List<string> LabelProblems()
    {
        var problems = new List<string>();
        foreach (var label in Labels)
        {
            var at = $"labels.csv line {label.Line}";
            if (!Documents.TryGetValue(label.Document, out var text))
            {
                problems.Add($"{at}: no document '{label.Document}' in documents/.");
            }
            else if (label.Start < 0 || label.End > text.Length || label.Start >= label.End)
            {
                problems.Add($"{at}: the span {label.Start}-{label.End} lies outside '{label.Document}' ({text.Length} characters).");
            }
            else if (!string.Equals(text[label.Start..label.End], label.Sentence, StringComparison.Ordinal))
            {
                problems.Add($"{at}: the span {label.Start}-{label.End} of '{label.Document}' reads \"{text[label.Start..label.End]}\", not the sentence \"{label.Sentence}\".");
            }
            else if (label.Start < text.IndexOf("\n---\n", StringComparison.Ordinal) + 5)
            {
                problems.Add($"{at}: the span {label.Start}-{label.End} lies in the header of '{label.Document}'.");
            }

            if (!LabelValues.Contains(label.Label))
            {
                problems.Add($"{at}: label '{label.Label}' is not one of {string.Join(", ", LabelValues)}.");
            }

            if (!ClaimEvaluation.Labels.Contains(label.Verdict))
            {
                problems.Add($"{at}: verdict '{label.Verdict}' is not one of {string.Join(", ", ClaimEvaluation.Labels)}.");
            }

            if (!FailureClasses.Contains(label.FailureClass))
            {
                problems.Add($"{at}: failure class '{label.FailureClass}' is not one of {string.Join(", ", FailureClasses)}.");
            }

            // A verdict that contradicts the truth label is a labelling mistake: a true sentence is never refuted.
            if ((label.Label == "true" && label.Verdict is "refuted" or "none")
                || (label.Label == "false" && label.Verdict is "supported" or "none")
                || (label.Label == "not-checkable" && label.Verdict is "supported" or "refuted"))
            {
                problems.Add($"{at}: verdict '{label.Verdict}' contradicts label '{label.Label}'.");
            }

            if (label.Reason.Length == 0)
            {
                problems.Add($"{at}: the reason is empty.");
            }
        }

        return problems;
    }
}

using System.Globalization;
using Peninsula.Import;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Claims;

/// <summary>
/// The development set of real published text (bench/claims-real): that every document says where
/// it came from and under which licence, and that every label quotes its sentence exactly where its
/// span says. It checks the set, not the fact-checker's score on it (that is the claims benchmark's).
/// </summary>
public sealed class RealSetTests
{
    private static string SetFolder => Path.Combine(BundledRecordTests.RepositoryRoot(), "bench", "claims-real");

    [Fact]
    public void Every_document_names_its_address_title_publisher_publication_date_and_licence()
    {
        var problems = RealClaimSet.Load(SetFolder).DocumentProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_label_quotes_its_sentence_exactly_at_its_span_with_a_known_label_verdict_class_and_a_reason()
    {
        var problems = RealClaimSet.Load(SetFolder).LabelProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_set_holds_at_least_400_claims_from_at_least_60_documents_each_of_them_labelled()
    {
        var set = RealClaimSet.Load(SetFolder);
        Assert.True(set.Labels.Count >= 400, $"only {set.Labels.Count} labelled sentences");
        Assert.True(set.Documents.Count >= 60, $"only {set.Documents.Count} documents");
        var unlabelled = set.Documents.Keys.Except(set.Labels.Select(l => l.Document)).ToList();
        Assert.True(unlabelled.Count == 0, "documents without a label: " + string.Join(", ", unlabelled));
    }

    [Fact]
    public void A_shifted_span_a_missing_licence_and_a_reserved_source_are_each_reported_by_file_and_line()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "documents"));
        const string Body = "North Korea conducted a nuclear test today. It was the sixth.";
        var header = "url: https://www.whitehouse.gov/briefing-room/x\ntitle: T\npublisher: P\npublished: 2017-09-03 (KST)\n---\n";
        File.WriteAllText(Path.Combine(folder.Path, "documents", "doc-a.txt"), header + Body + "\n");
        var start = header.Length;
        File.WriteAllText(
            Path.Combine(folder.Path, "labels.csv"),
            "document,sentence,start,end,label,verdict,facets,failure_class,reason\n" +
            $"doc-a,North Korea conducted a nuclear test today.,{start + 1},{start + 44},true,supported,date=2017-09-03,plain,record\n" +
            $"doc-b,It was the sixth.,0,17,true,supported,,ordinal/first,\n");

        var set = RealClaimSet.Load(folder.Path);
        var documents = set.DocumentProblems();
        var labels = set.LabelProblems();

        Assert.Contains(documents, p => p.Contains("doc-a.txt", StringComparison.Ordinal) && p.Contains("licence", StringComparison.Ordinal));
        Assert.Contains(documents, p => p.Contains("doc-a.txt", StringComparison.Ordinal) && p.Contains("reserved", StringComparison.Ordinal));
        Assert.Contains(labels, p => p.Contains("line 2", StringComparison.Ordinal) && p.Contains("span", StringComparison.Ordinal));
        Assert.Contains(labels, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("doc-b", StringComparison.Ordinal));
        Assert.Contains(labels, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("reason", StringComparison.Ordinal));
    }
}

/// <summary>One labelled sentence of the real set; the span counts UTF-16 characters of the document file, end exclusive.</summary>
internal sealed record RealClaimLabel(long Line, string Document, string Sentence, int Start, int End, string Label, string Verdict, string FailureClass, string Reason);

/// <summary>The real development set as files: documents/*.txt (a header, "---", the text) and labels.csv.</summary>
internal sealed class RealClaimSet
{
    private static readonly string[] HeaderFields = ["url", "title", "publisher", "published", "licence"];
    private static readonly string[] LabelValues = ["true", "false", "not-checkable"];
    private static readonly string[] Verdicts = ["supported", "refuted", "not-enough-evidence", "none"];

    private static readonly string[] FailureClasses =
        ["weekday", "year", "number", "ordinal/first", "negation/scope", "actor/kind", "modality", "coordination", "unreadable", "plain"];

    // Kept for independent evaluation (issue 16): never part of the development set.
    private static readonly string[] ReservedHosts = ["whitehouse.gov", "kcna", "yonhap", "reuters", "apnews"];

    private RealClaimSet(string folder, Dictionary<string, string> documents, List<RealClaimLabel> labels)
    {
        Folder = folder;
        Documents = documents;
        Labels = labels;
    }

    public string Folder { get; }

    /// <summary>Document id (file name without .txt) to the file's whole text.</summary>
    public IReadOnlyDictionary<string, string> Documents { get; }

    public IReadOnlyList<RealClaimLabel> Labels { get; }

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
            int.Parse(r.Required("start"), CultureInfo.InvariantCulture),
            int.Parse(r.Required("end"), CultureInfo.InvariantCulture),
            r.Optional("label") ?? "",
            r.Optional("verdict") ?? "",
            r.Optional("failure_class") ?? "",
            r.Optional("reason") ?? "")).ToList();
        return new RealClaimSet(folder, documents, labels);
    }

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

            var header = text[..end].Split('\n')
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
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

            if (!Verdicts.Contains(label.Verdict))
            {
                problems.Add($"{at}: verdict '{label.Verdict}' is not one of {string.Join(", ", Verdicts)}.");
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

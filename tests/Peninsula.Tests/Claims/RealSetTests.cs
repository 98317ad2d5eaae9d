using Peninsula.Claims;
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

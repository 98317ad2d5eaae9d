using Peninsula.Claims;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Claims;

/// <summary>
/// The held-out set of Voice of America news articles (bench/claims-heldout): labelled against the
/// record before the checker was ever run on it, and kept apart from the development set so that no
/// rule is written against it. These tests check the set (where every text came from, that every
/// label quotes its sentence exactly where its span says, that it shares nothing with the development
/// set), not the fact-checker's score on it, which is the claims-heldout benchmark's.
/// </summary>
public sealed class HeldOutSetTests
{
    private static string SetFolder => Path.Combine(BundledRecordTests.RepositoryRoot(), "bench", "claims-heldout");

    private static string DevelopmentFolder => Path.Combine(BundledRecordTests.RepositoryRoot(), "bench", "claims-real");

    [Fact]
    public void Every_held_out_document_names_its_address_title_publisher_publication_date_and_licence()
    {
        var problems = RealClaimSet.Load(SetFolder).DocumentProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_held_out_label_quotes_its_sentence_exactly_at_its_span_with_a_known_label_verdict_class_and_a_reason()
    {
        var problems = RealClaimSet.Load(SetFolder).LabelProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_held_out_set_holds_at_least_100_labelled_sentences_and_every_document_has_labels()
    {
        var set = RealClaimSet.Load(SetFolder);
        Assert.True(set.Labels.Count >= 100, $"only {set.Labels.Count} labelled sentences");
        var unlabelled = set.Documents.Keys.Except(set.Labels.Select(l => l.Document)).ToList();
        Assert.True(unlabelled.Count == 0, "documents without a label: " + string.Join(", ", unlabelled));
    }

    [Fact]
    public void Every_held_out_document_is_published_by_Voice_of_America_and_its_licence_says_why_it_is_its_own()
    {
        var set = RealClaimSet.Load(SetFolder);
        var problems = new List<string>();
        foreach (var id in set.Documents.Keys.Order(StringComparer.Ordinal))
        {
            var document = set.Document(id);
            var licence = Header(set.Documents[id], "licence");
            if (!document.Source.Contains("Voice of America", StringComparison.Ordinal) && !document.Source.StartsWith("VOA", StringComparison.Ordinal))
            {
                problems.Add($"documents/{id}.txt: the publisher '{document.Publisher}' is not Voice of America.");
            }

            if (!licence.Contains("Public domain", StringComparison.Ordinal) || !licence.Contains("Voice of America's own text", StringComparison.Ordinal))
            {
                problems.Add($"documents/{id}.txt: the licence '{licence}' does not say that the text is Voice of America's own and in the public domain.");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_held_out_document_address_or_sentence_is_also_in_the_development_set()
    {
        var heldOut = RealClaimSet.Load(SetFolder);
        var development = RealClaimSet.Load(DevelopmentFolder);
        var developmentUrls = development.Documents.Values.Select(t => Header(t, "url")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var developmentSentences = development.Labels.Select(l => l.Sentence).ToHashSet(StringComparer.Ordinal);

        var sharedDocuments = heldOut.Documents
            .Where(d => developmentUrls.Contains(Header(d.Value, "url")))
            .Select(d => $"documents/{d.Key}.txt ({Header(d.Value, "url")})")
            .ToList();
        var sharedSentences = heldOut.Labels
            .Where(l => developmentSentences.Contains(l.Sentence))
            .Select(l => $"labels.csv line {l.Line}: \"{l.Sentence}\"")
            .ToList();

        Assert.True(sharedDocuments.Count == 0, "also in the development set: " + string.Join("\n", sharedDocuments));
        Assert.True(sharedSentences.Count == 0, "also labelled in the development set: " + string.Join("\n", sharedSentences));
    }

    /// <summary>One header field of a document file, or "" when the header lacks it.</summary>
    private static string Header(string file, string field)
    {
        var end = file.IndexOf("\n---\n", StringComparison.Ordinal);
        var header = end < 0 ? file : file[..end];
        return header.Split('\n')
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim() == field)
            .Select(p => p[1].Trim())
            .FirstOrDefault() ?? "";
    }
}

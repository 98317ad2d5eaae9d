using Peninsula.Claims;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Claims;

/// <summary>
/// The held-out sets of real published text (every bench/claims-heldout* folder; today set B of VOA and
/// Defense Department news stories, set C of VOA, Defense Department and Congressional Research
/// Service texts and set E of Japanese government releases (Prime Minister's Office, Foreign and
/// Defense Ministries), VOA and Department of State texts; set A was folded into the development set
/// bench/claims-real after the second round of news rules was planned, and set D of Department of
/// State, VOA and Congressional Research Service texts after the round of facets said after the event): labelled against the record before the
/// checker was ever run on them, and kept apart from the development set and from each other so that
/// no rule is written against them. These tests check the sets (where every text came from, that
/// every label quotes its sentence exactly where its span says, that no two sets share a document),
/// not the fact-checker's score on them, which is the claims-heldout benchmark's.
/// </summary>
public sealed class HeldOutSetTests
{
    private static string Bench => Path.Combine(BundledRecordTests.RepositoryRoot(), "bench");

    /// <summary>Every held-out set, by folder name under bench/: any folder named claims-heldout or claims-heldout-*, so a new set is checked the day it is added.</summary>
    public static TheoryData<string> HeldOutFolders()
    {
        var folders = new TheoryData<string>();
        foreach (var name in HeldOutFolderNames())
        {
            folders.Add(name);
        }

        return folders;
    }

    private static List<string> HeldOutFolderNames() =>
        Directory.EnumerateDirectories(Bench)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n == "claims-heldout" || n.StartsWith("claims-heldout-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Held_out_sets_B_C_and_E_are_found_under_bench_and_sets_A_and_D_are_not_since_they_are_now_part_of_the_development_set()
    {
        var names = HeldOutFolderNames();
        Assert.Contains("claims-heldout-b", names);
        Assert.Contains("claims-heldout-c", names);
        Assert.Contains("claims-heldout-e", names);
        Assert.DoesNotContain("claims-heldout", names);
        Assert.DoesNotContain("claims-heldout-d", names);
        Assert.True(File.Exists(Path.Combine(Bench, "claims-real", "documents", "us-voa-2009-05-25-world-condemns.txt")), "set A's first document is not in bench/claims-real/documents");
        Assert.True(File.Exists(Path.Combine(Bench, "claims-real", "documents", "us-state-2014-03-26-no-dong.txt")), "set D's first document is not in bench/claims-real/documents");
    }

    [Theory]
    [MemberData(nameof(HeldOutFolders))]
    public void Every_held_out_document_names_its_address_title_publisher_publication_date_and_licence(string folder)
    {
        var problems = RealClaimSet.Load(Path.Combine(Bench, folder)).DocumentProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(HeldOutFolders))]
    public void Every_held_out_label_quotes_its_sentence_exactly_at_its_span_with_a_known_label_verdict_class_and_a_reason(string folder)
    {
        var problems = RealClaimSet.Load(Path.Combine(Bench, folder)).LabelProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(HeldOutFolders))]
    public void Every_held_out_set_holds_at_least_100_labelled_sentences_and_every_document_has_labels(string folder)
    {
        var set = RealClaimSet.Load(Path.Combine(Bench, folder));
        Assert.True(set.Labels.Count >= 100, $"bench/{folder} has only {set.Labels.Count} labelled sentences");
        var unlabelled = set.Documents.Keys.Except(set.Labels.Select(l => l.Document)).ToList();
        Assert.True(unlabelled.Count == 0, $"bench/{folder}: documents without a label: " + string.Join(", ", unlabelled));
    }

    [Theory]
    [MemberData(nameof(HeldOutFolders))]
    public void Every_held_out_document_is_public_domain_text_by_Voice_of_America_the_Defense_Department_the_Congressional_Research_Service_or_the_State_Department_or_a_Japanese_government_release_under_its_Standard_Terms_of_Use_and_says_why(string folder)
    {
        var set = RealClaimSet.Load(Path.Combine(Bench, folder));
        var problems = new List<string>();
        foreach (var id in set.Documents.Keys.Order(StringComparer.Ordinal))
        {
            var document = set.Document(id);
            var licence = document.Licence;
            var voa = document.Source.Contains("Voice of America", StringComparison.Ordinal) || document.Source.StartsWith("VOA", StringComparison.Ordinal);
            var defense = document.Source == "US Department of Defense";
            var crs = document.Source == "Congressional Research Service";
            var state = document.Source == "US Department of State";

            // Japan's government releases are not public domain but may be committed under the Government of
            // Japan Standard Terms of Use (compatible with CC BY 4.0), with attribution, as the development set does.
            var japan = document.Source is "Prime Minister's Office of Japan" or "Ministry of Foreign Affairs of Japan" or "Ministry of Defense of Japan";
            if (!voa && !defense && !crs && !state && !japan)
            {
                problems.Add($"bench/{folder}/documents/{id}.txt: the publisher '{document.Publisher}' is none of Voice of America, the US Department of Defense, the Congressional Research Service, the US Department of State and the Japanese Prime Minister's Office, Foreign Ministry and Defense Ministry.");
            }

            if (japan)
            {
                if (!licence.Contains("Government of Japan Standard Terms of Use", StringComparison.Ordinal) || !licence.Contains("attribution:", StringComparison.Ordinal))
                {
                    problems.Add($"bench/{folder}/documents/{id}.txt: the licence '{licence}' does not name the Government of Japan Standard Terms of Use and the attribution they require.");
                }

                continue;
            }

            var (own, why) = voa
                ? (licence.Contains("Voice of America's own text", StringComparison.Ordinal), "Voice of America's own text.")
                : defense
                    ? (licence.Contains("written by", StringComparison.Ordinal) && licence.Contains("staff writer", StringComparison.Ordinal), "written by a Defense Department staff writer.")
                    : state
                        ? (licence.Contains("Department of State", StringComparison.Ordinal), "text of the Department of State (its spokesperson, missions or embassies).")
                        : (licence.Contains("a Congressional Research Service report", StringComparison.Ordinal), "a Congressional Research Service report.");
            if (!licence.Contains("Public domain", StringComparison.Ordinal) || !own)
            {
                problems.Add($"bench/{folder}/documents/{id}.txt: the licence '{licence}' does not say that the text is in the public domain and {why}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_document_address_name_or_labelled_sentence_is_in_two_sets_among_the_development_set_and_the_held_out_sets()
    {
        var sets = HeldOutFolderNames().Prepend("claims-real")
            .Select(name => (Name: name, Set: RealClaimSet.Load(Path.Combine(Bench, name))))
            .ToList();
        var problems = new List<string>();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                var (firstName, first) = sets[i];
                var (secondName, second) = sets[j];
                var urls = first.Documents.Keys.Select(id => first.Document(id).Url).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var sentences = first.Labels.Select(l => l.Sentence).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(second.Documents.Keys
                    .Select(second.Document)
                    .Where(d => urls.Contains(d.Url))
                    .Select(d => $"bench/{secondName}/documents/{d.Id}.txt ({d.Url}) is also in bench/{firstName}"));
                problems.AddRange(second.Documents.Keys
                    .Where(first.Documents.ContainsKey)
                    .Select(id => $"bench/{secondName}/documents/{id}.txt has the name of a document of bench/{firstName}"));
                problems.AddRange(second.Labels
                    .Where(l => sentences.Contains(l.Sentence))
                    .Select(l => $"bench/{secondName}/labels.csv line {l.Line} (\"{l.Sentence}\") is also labelled in bench/{firstName}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

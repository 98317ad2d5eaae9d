using Peninsula.Claims;
using Peninsula.Record;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Claims;

/// <summary>The labelled set (tests/Peninsula.Tests/Claims/labelled-claims.csv), checked against the bundled record.</summary>
public sealed class LabelledClaimsTests
{
    internal static string SetPath => Path.Combine(BundledRecordTests.RepositoryRoot(), "tests", "Peninsula.Tests", "Claims", "labelled-claims.csv");

    private static readonly Lazy<ClaimEvaluation> Evaluation = new(() =>
    {
        using var text = File.OpenText(SetPath);
        return ClaimEvaluation.Run(ClaimEvaluation.Read(text, SetPath), new ArticleChecker(BundledRecord.Events));
    });

    [Fact]
    public void The_set_has_at_least_80_claims_covering_every_claim_type_true_and_false_in_every_style()
    {
        var rows = Evaluation.Value.Results.Select(r => r.Row).ToList();
        Assert.True(rows.Count(r => r.Expected != "none") >= 80, $"only {rows.Count} rows");
        foreach (var type in Enum.GetValues<ClaimType>().Select(t => t.Slug()))
        {
            Assert.Contains(rows, r => r.Type == type && r.Truth == "true");
            Assert.Contains(rows, r => r.Type == type && r.Truth == "false");
        }

        Assert.Equal(["machine", "news", "state-media"], rows.Select(r => r.Style).Distinct().Order());
    }

    [Fact]
    public void No_false_claim_is_ever_supported()
    {
        var wrong = Evaluation.Value.FalseSupported.Select(r => $"line {r.Line}: {r.Text}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void At_least_nine_in_ten_claims_get_the_expected_verdict()
    {
        var evaluation = Evaluation.Value;
        Assert.True(evaluation.Accuracy >= 0.9, evaluation.Report());
    }
}

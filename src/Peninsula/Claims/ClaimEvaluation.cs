using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Claims;

/// <summary>One row of the labelled claim set: a sentence, its publication date, the verdict it should get and whether it is true.</summary>
/// <remarks>Expected is a verdict slug or <c>none</c> (no claim should be found); truth is <c>true</c>, <c>false</c> or <c>unknown</c>.</remarks>
internal sealed record LabelledClaim(long Line, string Text, KoreanDate? Published, string Expected, string Truth, string Type, string Style);

/// <summary>The outcome of checking a labelled set: the confusion matrix and what follows from it.</summary>
internal sealed class ClaimEvaluation
{
    public static readonly IReadOnlyList<string> Labels = ["supported", "refuted", "not-enough-evidence", "none"];

    private ClaimEvaluation(IReadOnlyList<(LabelledClaim Row, string Actual, CheckedClaim? Claim)> results) => Results = results;

    public IReadOnlyList<(LabelledClaim Row, string Actual, CheckedClaim? Claim)> Results { get; }

    public static IReadOnlyList<LabelledClaim> Read(TextReader text, string file) =>
        [.. CsvTable.Read(text, file, ["text", "published", "expected", "truth", "type", "style"]).Records.Select(r => new LabelledClaim(
            r.Line, r.Required("text"), r.OptionalDate("published"), r.Required("expected"), r.Required("truth"), r.Required("type"), r.Required("style")))];

    /// <summary>Checks every sentence on its own; the first claim found gives the verdict, none found gives <c>none</c>.</summary>
    public static ClaimEvaluation Run(IReadOnlyList<LabelledClaim> rows, ArticleChecker checker) =>
        new([.. rows.Select(row =>
        {
            var claims = checker.Check(row.Text, row.Published).Claims;
            var claim = claims.Count > 0 ? claims[0] : null;
            return (row, claim?.Verdict.Slug() ?? "none", claim);
        })]);

    public int Count(string expected, string actual) => Results.Count(r => r.Row.Expected == expected && r.Actual == actual);

    public double Accuracy => Results.Count == 0 ? 0 : (double)Results.Count(r => r.Row.Expected == r.Actual) / Results.Count;

    /// <summary>Rows whose claim is false but were marked supported: must be none.</summary>
    public IEnumerable<LabelledClaim> FalseSupported => Results.Where(r => r.Row.Truth == "false" && r.Actual == "supported").Select(r => r.Row);

    public double? Precision(string label)
    {
        var predicted = Results.Count(r => r.Actual == label);
        return predicted == 0 ? null : (double)Count(label, label) / predicted;
    }

    public double? Recall(string label)
    {
        var expected = Results.Count(r => r.Row.Expected == label);
        return expected == 0 ? null : (double)Count(label, label) / expected;
    }

    /// <summary>The report the benchmark prints and commits: accuracy, precision and recall per verdict, the confusion matrix, the misses.</summary>
    public string Report()
    {
        static string F(double? x) => x is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Claims: {Results.Count}; accuracy {F(Accuracy)}; false claims marked supported: {FalseSupported.Count()}\n\n");
        text.Append("| verdict | precision | recall | expected | found |\n|---|---:|---:|---:|---:|\n");
        foreach (var label in Labels)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {label} | {F(Precision(label))} | {F(Recall(label))} | {Results.Count(r => r.Row.Expected == label)} | {Results.Count(r => r.Actual == label)} |\n");
        }

        text.Append("\nConfusion matrix (rows: expected, columns: given)\n\n| expected \\ given | ").Append(string.Join(" | ", Labels)).Append(" |\n|---|")
            .Append(string.Concat(Labels.Select(_ => "---:|"))).Append('\n');
        foreach (var expected in Labels)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {expected} | {string.Join(" | ", Labels.Select(actual => Count(expected, actual)))} |\n");
        }

        var byType = Results.GroupBy(r => r.Row.Type).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count(r => r.Row.Expected == r.Actual)}/{g.Count()}");
        text.Append("\nCorrect by claim type: ").Append(string.Join(", ", byType)).Append('\n');
        var misses = Results.Where(r => r.Row.Expected != r.Actual).ToList();
        if (misses.Count > 0)
        {
            text.Append("\nMisses:\n\n");
            foreach (var (row, actual, claim) in misses)
            {
                text.Append(CultureInfo.InvariantCulture, $"- line {row.Line}: expected {row.Expected}, given {actual}: \"{row.Text}\" ({claim?.Reason ?? "no claim found"})\n");
            }
        }

        return text.ToString();
    }
}

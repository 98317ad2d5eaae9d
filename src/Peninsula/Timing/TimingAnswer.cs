using System.Globalization;

namespace Peninsula.Timing;

/// <summary>The answer to a timing question in plain words, figures first, the reading after; and how its numbers are written.</summary>
public static class TimingAnswer
{
    internal static string Write(TimingResult result)
    {
        var q = result.Question;
        var hits = result.Hits;
        var text =
            $"{hits.Observed} of {q.ContextNoun.Count(result.ContextEvents)} had a {q.ProvocationNoun.One} {q.Window.Describe(q.ContextNoun.One)}; " +
            $"chance would give {Number(hits.Expected)} (95% range {hits.RangeLow}-{hits.RangeHigh}); {PClause(result)}: {Reading(result)}.";
        if (result.TooSmall)
        {
            text += $" Too few {q.ContextNoun.Many} to conclude anything: even if every one had had a {q.ProvocationNoun.One}, " +
                    $"chance would give that {Percent(result.BestPossibleP)} of the time.";
        }

        return text;
    }

    /// <summary>How strong the evidence is, judged on the adjusted p-value when there is one.</summary>
    internal static string Reading(TimingResult result)
    {
        var p = result.AdjustedP ?? result.Hits.P;
        var many = result.Question.ProvocationNoun.Many;
        return p switch
        {
            < 0.01 => "strong evidence that the timing is not chance",
            < 0.05 => "moderate evidence that the timing is not chance",
            < 0.10 => "weak evidence that the timing is not chance",
            _ when result.Hits.PFewer < 0.05 => $"fewer than chance would give, so {many} have tended to avoid these days",
            _ => "no evidence that the timing is more than chance",
        };
    }

    /// <summary>A p-value as people read it: two significant figures, and "&lt; 0.001" below that.</summary>
    public static string P(double p) =>
        p < 0.001 ? "< 0.001"
        : p < 0.1 ? p.ToString("0.000", CultureInfo.InvariantCulture)
        : p.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A count or mean as people read it: "0.53", "12.4".</summary>
    public static string Number(double x) =>
        double.IsNaN(x) ? "n/a" : x.ToString(x < 10 ? "0.0#" : "0.0", CultureInfo.InvariantCulture);

    private static string PClause(TimingResult result) =>
        result.AdjustedP is { } adjusted
            ? $"p = {Bare(result.Hits.P)}, {Bare(adjusted)} after adjusting for the other questions asked"
            : $"p = {Bare(result.Hits.P)}";

    private static string Bare(double p) => P(p).Replace("< ", "<", StringComparison.Ordinal);

    private static string Percent(double p) =>
        (p * 100).ToString(p < 0.1 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%";
}

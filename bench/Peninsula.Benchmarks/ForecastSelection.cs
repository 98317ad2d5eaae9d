using System.Diagnostics;
using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The choice of the forecast model by the rules of docs/forecast-selection.md: every candidate on
/// weekly issue dates 2010-01-01 .. 2021-12-31 on the record cut at 2021-12-31 (only outcomes known
/// by then are scored), each against the best of the issue's references (climatology, the 365-day
/// rate and Hawkes: <see cref="ForecastReport.References"/>) on the target-horizons with enough events
/// and non-events to judge (<see cref="ForecastReport.IsJudged"/>, 10 of each), as the track record judges them.
/// Round 6 then puts the same rule to every weekly issue date of the whole bundled record.
/// Run with <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-selection</c>.
/// </summary>
public static class ForecastSelection
{
    public static readonly KoreanDate From = new(2010, 1, 1);
    public static readonly KoreanDate To = new(2021, 12, 31);

    /// <summary>
    /// Each round that chose a model on 2010-2021 (docs/forecast-selection.md; round 3 added plans
    /// and chose none): its heading and its candidates, simplest first (the tie-break of rule 4),
    /// the incumbent first from round 2 on.
    /// </summary>
    private static readonly (string Heading, string[] Candidates)[] Rounds =
    [
        ("Round 1", ["change-point", "blend", "regime-stack", "regime-stack-pooled", "regime-stack-pooled-covariates", "regime-stack-pooled-shift", "pool-shrunk"]),
        ("Round 2 (pre-registered in docs/forecast-selection.md, \"Round 2\")", ["change-point", "change-point-by-class", "change-point-recalibrated", "aggregate", "aggregate-recalibrated"]),
        ("Round 4 (pre-registered in docs/forecast-selection.md, \"Round 4\")", ["change-point-by-class", "change-point-by-class-recent", "change-point-by-class-pooled"]),
        ("Round 5 (pre-registered in docs/forecast-selection.md, \"Round 5\")", ["change-point-by-class", "change-point-averaged"]),
    ];

    public static string Run()
    {
        var text = new StringBuilder();
        void Line(FormattableString s) => text.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var watch = Stopwatch.StartNew();
        var data = ForecastData.Build(BundledRecord.Events, To);
        var results = Backtest.RunAll(data, From, To);
        var seconds = watch.Elapsed.TotalSeconds;
        var eligible = results.Where(ForecastReport.IsJudged).ToList();
        Line($"## Selection: weekly issue dates {From} .. {To}, record cut at {data.DataEnd}");
        Line($"");
        Line($"{results.Count} target-horizons, {eligible.Count} with at least {ForecastReport.MinimumCount} events and {ForecastReport.MinimumCount} non-events: {string.Join(", ", eligible.Select(r => $"{r.Target.Slug} {r.HorizonDays}"))}. Backtest of every target and horizon: {seconds:0.0} s.");
        foreach (var (heading, candidates) in Rounds)
        {
            Line($"");
            Line($"### {heading}");
            Line($"");
            Round(results, eligible, candidates, Line);
        }

        WholeRecord(Line);
        return text.ToString();
    }

    /// <summary>
    /// Round 6 (docs/forecast-selection.md, "Round 6"): the same rule on every weekly issue date of
    /// the whole bundled record, every plan-free model the backtest scores a candidate, the
    /// incumbent first so that it wins a tie.
    /// </summary>
    private static void WholeRecord(Action<FormattableString> line)
    {
        var watch = Stopwatch.StartNew();
        var data = ForecastData.Build(BundledRecord.Events, BundledRecord.CoverageEnd);
        var results = Backtest.RunAll(data, From, data.DataEnd);
        var seconds = watch.Elapsed.TotalSeconds;
        var eligible = results.Where(ForecastReport.IsJudged).ToList();
        string[] candidates = ["change-point-by-class", .. RollingForecast.Models.Where(m => m is not "change-point-by-class" && m != RollingForecast.ForecastModel)];
        line($"");
        line($"## Round 6 (pre-registered in docs/forecast-selection.md, \"Round 6\"): weekly issue dates {From} .. {data.DataEnd}, the whole bundled record");
        line($"");
        line($"{eligible.Count} of {results.Count} target-horizons with at least {ForecastReport.MinimumCount} events and {ForecastReport.MinimumCount} non-events. Backtest of every target and horizon: {seconds:0.0} s.");
        line($"");
        Round(results, eligible, candidates, line);
    }

    /// <summary>One round of the rule: the score table, the choice, and every target-horizon's Brier scores.</summary>
    public static string Round(IReadOnlyList<BacktestResult> results, IReadOnlyList<BacktestResult> eligible, string[] candidates, Action<FormattableString> line)
    {
        line($"| candidate | score: mean BSS against the best reference | no worse than the best reference | mean log loss | mean ECE at 7 / 30 / 90 / 365 days |");
        line($"| --- | ---: | ---: | ---: | --- |");
        var scores = new Dictionary<string, double>();
        foreach (var candidate in candidates)
        {
            var skills = eligible.Select(r => 1 - (Score(r, candidate).Brier / Best(r))).ToList();
            var noWorse = eligible.Count(r => Score(r, candidate).Brier <= Best(r) + 1e-12);
            var ece = ForecastTarget.Horizons.Select(h => results.Where(r => r.HorizonDays == h).Average(r => Score(r, candidate).Ece));
            scores[candidate] = skills.Average();
            line($"| {candidate} | {skills.Average():0.0000} | {noWorse} of {eligible.Count} | {eligible.Average(r => Score(r, candidate).LogLoss):0.0000} | {string.Join(" / ", ece.Select(e => e.ToString("0.000", CultureInfo.InvariantCulture)))} |");
        }

        var top = scores.Values.Max();
        var chosen = candidates.First(c => scores[c] >= top - 0.005);
        line($"");
        line($"Chosen by the rule (the highest score {top:0.0000}, ties within 0.005 to the simpler): **{chosen}**.");
        line($"");
        line($"| target | horizon | events | non-events | best reference | Brier | {string.Join(" | ", candidates)} |");
        line($"| --- | ---: | ---: | ---: | --- | ---: |{string.Concat(candidates.Select(_ => " ---: |"))}");
        foreach (var r in results)
        {
            var best = ForecastReport.References.MinBy(m => Score(r, m).Brier)!;
            var mark = eligible.Contains(r) ? "" : " (few)";
            line($"| {r.Target.Slug}{mark} | {r.HorizonDays} | {r.Positives} | {r.NonEvents} | {best} | {Score(r, best).Brier:0.0000} | {string.Join(" | ", candidates.Select(c => Score(r, c).Brier.ToString("0.0000", CultureInfo.InvariantCulture)))} |");
        }

        return chosen;
    }

    private static ModelScore Score(BacktestResult r, string model) => r.Scores.First(s => s.Model == model);

    private static double Best(BacktestResult r) => ForecastReport.References.Min(m => Score(r, m).Brier);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The issue-5 goal, measured: the forecast model's Brier skill score against climatology and its
/// calibration error on 2022-01-01 .. 2025-06-30, weekly, any-missile at 7 days; every other
/// target and horizon against climatology; and the wall-clock time of one full backtest.
/// Run with <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-goal</c>.
/// </summary>
public static class ForecastGoal
{
    public static readonly KoreanDate From = new(2022, 1, 1);
    public static readonly KoreanDate To = new(2025, 6, 30);

    public static string Run()
    {
        var events = BundledRecord.Events;
        var text = new StringBuilder();
        void Line(FormattableString s) => text.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');

        // Warm the JIT on a short backtest so the timing below is the work, not the compiler.
        Backtest.Run(events, ForecastTarget.Ballistic, 7, new KoreanDate(2025, 1, 1), To);
        var timings = new List<double>();
        BacktestResult goal = null!;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            goal = Backtest.Run(events, ForecastTarget.AnyMissile, 7, From, To);
            timings.Add(watch.Elapsed.TotalSeconds);
        }

        var chosen = goal.Chosen;
        var floor = CalibrationNoiseFloor(goal);
        Line($"## Goal: any-missile, 7 days, weekly issue dates {goal.FirstIssue} .. {goal.LastIssue}");
        Line($"");
        Line($"- forecasts scored: {chosen.N}; the target followed {goal.Positives} of them");
        Line($"- forecast model `{chosen.Model}`: Brier skill score against climatology **{chosen.Bss:0.000}** (95% block-bootstrap interval {chosen.BssLow:0.000} to {chosen.BssHigh:0.000}; goal at least 0.15)");
        Line($"- expected calibration error **{chosen.Ece:0.000}** (goal under 0.05). A perfectly calibrated forecaster issuing these same {chosen.N} probabilities would show an ECE of {floor.Mean:0.000} on average (95% of simulations {floor.Low:0.000} to {floor.High:0.000}): with this many forecasts, ten bins cannot measure calibration much more finely.");
        Line($"- fit + full backtest (every model refitted at each of {goal.Forecasts.Count} issue dates plus {RollingForecast.WarmUpWeeks} weeks of earlier forecasts for the stack and the recalibration to learn from): {timings.Min():0.00} s best of 3 ({string.Join(", ", timings.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s), one thread");
        Line($"");
        Line($"| model | Brier | log loss | BSS (95% interval) | ECE | sharpness |");
        Line($"| --- | ---: | ---: | --- | ---: | ---: |");
        foreach (var s in goal.Scores)
        {
            Line($"| {s.Model} | {s.Brier:0.0000} | {s.LogLoss:0.000} | {s.Bss:0.000} ({s.BssLow:0.000} to {s.BssHigh:0.000}) | {s.Ece:0.000} | {s.Sharpness:0.000} |");
        }

        Line($"");
        Line($"## Every target and horizon: the forecast model against climatology");
        Line($"");
        Line($"| target | horizon | forecasts | happened | Brier | Brier (climatology) | BSS (95% interval) | ECE | not worse than climatology |");
        Line($"| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |");
        foreach (var r in Backtest.RunAll(events, From, To))
        {
            var c = r.Chosen;
            var climatology = r.Scores[0];
            var verdict = c.Brier <= climatology.Brier ? "yes" : c.Bss > -0.0005 ? "equal (to 3 decimals)" : c.BssHigh >= 0 ? "worse, within the interval" : "**no**";
            Line($"| {r.Target.Slug} | {r.HorizonDays} | {c.N} | {r.Positives} | {c.Brier:0.0000} | {climatology.Brier:0.0000} | {c.Bss:0.000} ({c.BssLow:0.000} to {c.BssHigh:0.000}) | {c.Ece:0.000} | {verdict} |");
        }

        return text.ToString();
    }

    /// <summary>The ECE a perfectly calibrated forecaster would show: outcomes drawn from the forecasts themselves (seeded, 2,000 draws).</summary>
    private static (double Mean, double Low, double High) CalibrationNoiseFloor(BacktestResult result)
    {
        var index = result.Scores.ToList().FindIndex(s => s.Model == result.ForecastModel);
        var p = result.Forecasts.Select(f => f.Probabilities[index]).ToArray();
        var random = new Random(20261121);
        var eces = Enumerable.Range(0, 2000).Select(_ =>
        {
            var y = p.Select(q => random.NextDouble() < q).ToArray();
            return Scoring.ExpectedCalibrationError(p, y);
        }).Order().ToArray();
        return (eces.Average(), eces[50], eces[1949]);
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

/// <summary>Every model on the same base cases: an empty series, one event, a long simulated series.</summary>
public sealed class ForecastModelsTests
{
    private static readonly KoreanDate End = new(2025, 6, 30);

    internal static Event Launch(int day, string missileClass = "srbm") => new()
    {
        Id = $"synthetic-{day}-{missileClass}",
        Kind = EventKind.MissileLaunch,
        Class = missileClass,
        Date = ForecastData.DateAt(day),
        Actors = ["DPRK"],
        Title = "Synthetic launch",
        Sources = [new EventSource("test", null, null, null)],
    };

    internal static Event Incident(int day) => Launch(day) with { Id = $"synthetic-{day}-incident", Kind = EventKind.ConventionalIncident, Class = null };

    [Fact]
    public void Climatology_is_the_share_of_past_windows_with_the_target_whose_outcome_is_known()
    {
        int[] days = [100, 103, 400, 2_000, 2_001, 2_002, 9_000];
        var data = ForecastData.Build(days.Select(d => Launch(d)).ToList(), End);
        var problem = new ForecastProblem(data, ForecastTarget.AnyMissile, 30);
        const int t = 9_010;
        var positives = 0;
        for (var s = 0; s <= t - 30; s++)
        {
            positives += days.Any(d => d > s && d <= s + 30) ? 1 : 0;
        }

        Assert.Equal((positives + 0.5) / (t - 30 + 2.0), problem.Climatology(t), 1e-12);
    }

    [Fact]
    public void The_recent_rate_is_a_gamma_poisson_forecast_from_the_window_counts()
    {
        int[] days = [5_000, 9_950, 9_980, 9_990];
        var data = ForecastData.Build(days.Select(d => Launch(d)).ToList(), End);
        var problem = new ForecastProblem(data, ForecastTarget.AnyMissile, 7);
        const int t = 10_000;
        var longRun = (4 + 0.5) / (t + 2.0);
        var a = 2 + (longRun * 60);
        var b = 30 + 60.0;
        Assert.Equal(1 - Math.Pow(b / (b + 7), a), problem.RecentRate(t, 30), 1e-12);
    }

    [Fact]
    public void Every_model_gives_a_probability_for_an_empty_series_and_for_one_event()
    {
        var quiet = ForecastData.Build([Incident(8_000)], End);
        var single = ForecastData.Build([Launch(8_000)], End);
        foreach (var data in new[] { quiet, single })
        {
            var problem = new ForecastProblem(data, ForecastTarget.AnyMissile, 30);
            var run = RollingForecast.Run(problem, data.Days - 100, data.Days - 1);
            foreach (var model in run.Probabilities)
            {
                Assert.All(model, p => Assert.InRange(p, 0.0, 0.5));
            }
        }
    }

    [Fact]
    public void The_explanation_counts_one_day_as_one_day_and_names_the_regime_the_change_point_model_sees()
    {
        var last = ForecastData.Index(End);
        var events = new[] { Launch(last - 1), Incident(last - 1) }.Concat(Enumerable.Range(0, 20).Select(k => Launch(last - 400 + (k * 15)))).ToList();
        var explanation = Forecaster.Make(events, [ForecastTarget.AnyMissile], [30], End)[0].Explanation;

        Assert.Contains(explanation, e => e.Contains("(1 day before 2025-06-30)", StringComparison.Ordinal));
        // The general tempo was a factor of the covariate regression, which is no longer part of the forecast (issue 20): the count of event days is.
        Assert.Contains(explanation, e => e.StartsWith("Recent record: 1 event day in the last 30 days", StringComparison.Ordinal));
        Assert.Contains(explanation, e => e.StartsWith("Current regime: the change-point model reads the tempo since about 2024-", StringComparison.Ordinal));
        Assert.DoesNotContain(explanation, e => e.Contains(" 1 days", StringComparison.Ordinal));
    }

    [Fact]
    public void On_a_long_self_exciting_series_the_hawkes_model_and_the_ensemble_beat_climatology()
    {
        var truth = new HawkesParameters(Mu: 0.004, Alpha: 0.8, Beta: 0.2, SeasonCos: 0, SeasonSin: 0);
        var days = HawkesProcess.Simulate(truth, [], 0, ForecastData.Index(End) + 1, new Random(3)).Select(t => (int)t).Distinct().ToList();
        Assert.InRange(days.Count, 150, 700);
        var events = days.Select(d => Launch(d)).ToList();

        var result = Backtest.Run(events, ForecastTarget.AnyMissile, 7, new KoreanDate(2019, 1, 1), End);

        var byModel = result.Scores.ToDictionary(s => s.Model);
        Assert.True(byModel["hawkes"].Bss > 0.05, $"hawkes BSS {byModel["hawkes"].Bss}");
        Assert.True(byModel["ensemble"].Bss > 0.05, $"ensemble BSS {byModel["ensemble"].Bss}");
        // Every model is scored on each weekly issue date from 2019-01-01 to the last one.
        var issues = ((ForecastData.Index(result.LastIssue) - ForecastData.Index(new KoreanDate(2019, 1, 1))) / 7) + 1;
        Assert.All(result.Scores, s => Assert.Equal(issues, s.N));
        Assert.InRange(ForecastData.Index(End) - 7 - ForecastData.Index(result.LastIssue), 0, 6);
    }
}

/// <summary>The simple models recover the rate of a simulated process whose rate is known.</summary>
public sealed class RateRecoveryTests
{
    [Fact]
    public void Climatology_and_the_recent_rates_recover_a_known_daily_probability()
    {
        // an event day with probability 0.02, independently: P(at least one in 7 days) = 1 - 0.98^7 = 0.1319
        const double daily = 0.02;
        var random = new Random(17);
        var end = new KoreanDate(2025, 6, 30);
        var days = Enumerable.Range(0, ForecastData.Index(end) + 1).Where(_ => random.NextDouble() < daily).ToList();
        var data = ForecastData.Build(days.Select(d => ForecastModelsTests.Launch(d)).ToList(), end);
        var problem = new ForecastProblem(data, ForecastTarget.AnyMissile, 7);
        var t = data.Days - 1;
        var expected = 1 - Math.Pow(1 - daily, 7);

        // about 300 event days in 15,000: the daily rate is known to +-6% (one sd), so the 7-day
        // probability to about +-0.008; three sd is 0.025
        Assert.Equal(expected, problem.Climatology(t), 0.025);
        // one year holds only about 7 event days, so one 365-day forecast is off by about 0.04 (one
        // sd); averaged over the 40 separate years of the series, the error is that of the whole
        // series again, about 0.008: three sd is 0.025
        var yearly = Enumerable.Range(1, 40).Select(y => problem.RecentRate(y * 365, 365)).Average();
        Assert.Equal(expected, yearly, 0.025);
    }
}

/// <summary>Runs are shared: a run that ends earlier is cut from a longer one instead of run again.</summary>
public sealed class RollingForecastCacheTests
{
    [Fact]
    public void A_run_cut_at_an_earlier_issue_day_is_the_run_made_to_that_day()
    {
        var random = new Random(5);
        var end = new KoreanDate(2025, 6, 30);
        var events = Enumerable.Range(ForecastData.Index(new KoreanDate(2005, 1, 1)), 7_000).Where(_ => random.NextDouble() < 0.03).Select(d => ForecastModelsTests.Launch(d)).ToList();
        var data = ForecastData.Build(events, end);
        var first = ForecastData.Index(new KoreanDate(2024, 1, 6));
        var last = first + (52 * 7);
        var earlier = last - (10 * 7);

        var longer = data.Run(ForecastTarget.AnyMissile, 30, first, last, 7, true, () => RollingForecast.Run(new ForecastProblem(data, ForecastTarget.AnyMissile, 30), first, last));
        var cut = data.Run(ForecastTarget.AnyMissile, 30, first, earlier, 7, true, () => throw new InvalidOperationException("the earlier run is cut from the longer one"));
        var fresh = RollingForecast.Run(new ForecastProblem(data, ForecastTarget.AnyMissile, 30), first, earlier);

        Assert.Equal(last, longer.IssueDays[^1]);
        Assert.Equal(fresh.IssueDays, cut.IssueDays);
        for (var m = 0; m < RollingForecast.Models.Length; m++)
        {
            Assert.Equal(fresh.Probabilities[m], cut.Probabilities[m], (a, b) => Math.Abs(a - b) < 1e-9);
        }
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Tests.Forecasting;

/// <summary>
/// The candidates of round 2 (docs/forecast-selection.md): each learns only from what was known at
/// its issue date, and each does what its rule says on series whose answer is known.
/// </summary>
public sealed class SecondRoundModelsTests
{
    private const int Horizon = 30;
    private static readonly int[] Weekly = [.. Enumerable.Range(0, 600).Select(i => i * 7)];

    [Fact]
    public void The_aggregate_learns_only_from_forecasts_resolved_by_the_issue_date()
    {
        var p = new[] { Weekly.Select(_ => 0.2).ToArray(), Weekly.Select(_ => 0.7).ToArray() };
        var current = 0;
        var asked = new List<int>();
        var aggregate = new FixedShare([0, 1], Weekly, Horizon, j =>
        {
            Assert.True(Weekly[j] + Horizon <= Weekly[current], $"the outcome of issue day {Weekly[j]} was asked at {Weekly[current]}, before its window ended");
            asked.Add(j);
            return j % 2 == 0;
        });
        for (current = 0; current < Weekly.Length; current++)
        {
            aggregate.Forecast(p, current);
        }

        // Each outcome is learned once, in order, and every one whose window ended is learned.
        Assert.Equal(Enumerable.Range(0, asked.Count), asked);
        Assert.Equal(Weekly.Count(d => d + Horizon <= Weekly[^1]), asked.Count);
    }

    [Fact]
    public void The_aggregate_moves_its_weight_to_the_member_that_forecast_better_and_keeps_a_share_for_the_other()
    {
        // Events follow every forecast: the member at 0.9 was right, the one at 0.1 wrong.
        var p = new[] { Weekly.Select(_ => 0.1).ToArray(), Weekly.Select(_ => 0.9).ToArray() };
        var aggregate = new FixedShare([0, 1], Weekly, Horizon, _ => true);
        var first = aggregate.Forecast(p, 0);
        var later = 0.0;
        for (var i = 1; i < Weekly.Length; i++)
        {
            later = aggregate.Forecast(p, i);
        }

        Assert.Equal(0.5, first, 1e-12);
        Assert.True(later > 0.85, $"the aggregate is {later}");
        // Fixed share never lets a member's weight fall below the share spread to it, so it can come back.
        Assert.True(aggregate.Weights[0] >= FixedShare.Share / 2, $"the weaker member's weight is {aggregate.Weights[0]}");
    }

    [Fact]
    public void Platt_recalibration_is_the_identity_until_enough_forecasts_are_resolved_and_asks_only_for_those()
    {
        var days = Enumerable.Range(0, 400).ToArray();
        var forecasts = days.Select(_ => 0.1).ToArray();
        for (var i = 0; i < days.Length; i++)
        {
            var at = i;
            var (probability, intercept, slope) = Recalibration.Platt(days, forecasts, j =>
            {
                Assert.True(days[j] + Horizon <= days[at], "an unresolved outcome was asked for");
                return true;
            }, i, Horizon);
            if (at - Horizon + 1 < Recalibration.PlattMinimumForecasts)
            {
                Assert.Equal((0.1, 0.0, 1.0), (probability, intercept, slope));
            }
        }
    }

    [Fact]
    public void Platt_recalibration_raises_forecasts_that_ran_too_low()
    {
        // Daily forecasts of the next day at 10% to 40% while the truth is their log odds plus one.
        var random = new Random(5);
        var days = Enumerable.Range(0, 2_000).ToArray();
        var forecasts = days.Select(_ => 0.1 + (0.3 * random.NextDouble())).ToArray();
        var outcomes = forecasts.Select(p => random.NextDouble() < LogOdds.ToProbability(LogOdds.Of(p, LogisticRegression.Floor) + 1)).ToArray();

        var (probability, intercept, _) = Recalibration.Platt(days, forecasts, j => outcomes[j], days.Length - 1, 1);

        // About 530 forecasts' worth of evidence against a penalty of 10: the intercept is most of the way to 1.
        Assert.InRange(intercept, 0.5, 1.4);
        Assert.True(probability > forecasts[^1], $"{probability} is not above {forecasts[^1]}");
    }

    [Fact]
    public void The_regime_length_follows_the_record_short_for_a_tempo_that_changes_every_year_long_for_a_steady_one()
    {
        var end = new KoreanDate(2025, 6, 30);
        var days = ForecastData.Index(end) + 1;
        // A missile every third day in even years of the series, none in odd years; and one every twentieth day throughout.
        var changing = Enumerable.Range(0, days).Where(d => d % 3 == 0 && d / 365 % 2 == 0).Select(d => ForecastModelsTests.Launch(d)).ToList();
        var steady = Enumerable.Range(0, days).Where(d => d % 20 == 0).Select(d => ForecastModelsTests.Launch(d)).ToList();

        var shortWeights = new ForecastProblem(ForecastData.Build(changing, end), ForecastTarget.AnyMissile, Horizon).RegimeLengthWeights(days - 1);
        var longWeights = new ForecastProblem(ForecastData.Build(steady, end), ForecastTarget.AnyMissile, Horizon).RegimeLengthWeights(days - 1);

        Assert.Equal([1.0, 3.0, 10.0], ForecastProblem.RegimeYears);
        Assert.Equal(1.0, shortWeights.Sum(), 1e-12);
        Assert.True(shortWeights[0] > 0.5, $"one-year regimes weigh {shortWeights[0]} where the tempo changes every year");
        Assert.True(longWeights[2] > 0.5, $"ten-year regimes weigh {longWeights[2]} where the tempo never changes");
    }

    [Fact]
    public void The_forecast_fits_only_the_forecast_model_and_the_models_its_reasons_name()
    {
        var forecast = Forecaster.Make(BundledRecord.Events, [ForecastTarget.Icbm], [90], new KoreanDate(2025, 6, 30))[0];

        Assert.Equal(
            ["change-point", "change-point-by-class", "climatology", "ensemble", "hawkes", "recent-rate-30d", "recent-rate-365d", "recent-rate-90d"],
            forecast.Components.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(forecast.Probability, forecast.Components["ensemble"]);
    }
}

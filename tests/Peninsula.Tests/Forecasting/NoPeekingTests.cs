using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Tests.Forecasting;

/// <summary>A forecast as of D uses nothing that was not known at the end of D.</summary>
public sealed class NoPeekingTests
{
    private static readonly KoreanDate AsOf = new(2022, 6, 15);
    private static readonly ForecastTarget[] Targets = [ForecastTarget.AnyMissile, ForecastTarget.Icbm];
    private static readonly int[] Horizons = [7, 90];

    private static IReadOnlyList<Forecast> Make(IReadOnlyList<Event> events) => Forecaster.Make(events, Targets, Horizons, AsOf);

    [Fact]
    public void Adding_removing_or_changing_events_after_the_date_changes_no_forecast()
    {
        var record = BundledRecord.Events;
        var later = record.Where(e => e.Date > AsOf && e.Kind == EventKind.MissileLaunch).ToList();
        var changed = record
            .Where(e => !later.Take(3).Contains(e))
            .Select(e => e == later[5] ? e with { Class = "icbm" } : e)
            .Concat(
            [
                ForecastModelsTests.Launch(ForecastData.Index(AsOf) + 1, "icbm"),
                ForecastModelsTests.Launch(ForecastData.Index(AsOf) + 2),
                ForecastModelsTests.Incident(ForecastData.Index(AsOf) + 3),
                // An exercise starting in eight days is announced a day after the forecast date.
                new Event
                {
                    Id = "synthetic-exercise", Kind = EventKind.MilitaryExercise, Class = "us-rok", Date = AsOf.AddDays(8), EndDate = AsOf.AddDays(20),
                    Actors = ["US", "ROK"], Title = "Synthetic exercise", Sources = [new EventSource("test", null, null, null)],
                },
            ])
            .ToList();

        var before = Make(record);
        var after = Make(changed);

        Assert.Equal(before.Select(f => f.Probability), after.Select(f => f.Probability));
        Assert.Equal(before.SelectMany(f => f.Components.Values), after.SelectMany(f => f.Components.Values));
        Assert.Equal(before.SelectMany(f => f.Explanation), after.SelectMany(f => f.Explanation));
    }

    [Fact]
    public void An_event_on_the_date_itself_is_known_and_moves_the_forecast()
    {
        var before = Make(BundledRecord.Events);
        var after = Make([.. BundledRecord.Events, ForecastModelsTests.Launch(ForecastData.Index(AsOf), "icbm")]);
        Assert.NotEqual(before[0].Probability, after[0].Probability);
        Assert.True(after[2].Probability > before[2].Probability, "an ICBM launch on the day raises the ICBM forecast");
    }

    [Fact]
    public void The_backtest_forecast_at_a_date_is_the_forecast_made_as_of_that_date()
    {
        var record = BundledRecord.Events;
        var backtest = Backtest.Run(record, ForecastTarget.AnyMissile, 7, AsOf, AsOf.AddDays(21));
        var forecast = Forecaster.Make(record, [ForecastTarget.AnyMissile], [7], AsOf)[0];

        var first = backtest.Forecasts[0];
        Assert.Equal(AsOf, first.IssueDate);
        // The forecast fits only the forecast model and the simple models its reasons name (the candidates are the
        // backtest's), so it is compared on those; the forecast model itself must be among them.
        Assert.Contains(RollingForecast.ForecastModel, forecast.Components.Keys);
        for (var m = 0; m < backtest.Scores.Count; m++)
        {
            if (forecast.Components.TryGetValue(backtest.Scores[m].Model, out var probability))
            {
                Assert.Equal(probability, first.Probabilities[m], 1e-6);
            }
        }
    }

    [Fact]
    public void A_longer_horizon_never_gets_a_lower_probability()
    {
        var forecasts = Forecaster.Make(BundledRecord.Events, [ForecastTarget.AnyMissile], ForecastTarget.Horizons, new KoreanDate(2025, 6, 30));
        var probabilities = forecasts.Select(f => f.Probability).ToList();
        Assert.Equal(probabilities.Order(), probabilities);
        // The forecast model is now the change-point model (issue 20), whose forecast cannot fall as the horizon grows,
        // so the bound by a shorter horizon is a guard that no longer has to raise anything here; it was asserted to act.
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

public sealed class TempoTests
{
    private static readonly KoreanDate End = new(2025, 6, 30);

    [Fact]
    public void The_tempo_rises_with_a_new_regime_whose_start_it_finds_and_lists_the_target_events_behind_it()
    {
        var last = ForecastData.Index(End);
        // One launch a year until 2023, then one every ten days from 2024-01-01.
        var busyFrom = ForecastData.Index(new KoreanDate(2024, 1, 1));
        var days = Enumerable.Range(0, 40).Select(k => 200 + (k * 365)).Where(d => d < busyFrom)
            .Concat(Enumerable.Range(0, ((last - busyFrom) / 10) + 1).Select(k => busyFrom + (k * 10)))
            .ToList();
        var events = days.Select(d => ForecastModelsTests.Launch(d)).Append(ForecastModelsTests.Incident(last - 3)).ToList();

        var tempo = Tempo.Of(events, ForecastTarget.AnyMissile, End);

        Assert.Equal(End, tempo.Points[^1].Date);
        Assert.Equal(7, tempo.Points[^1].Date.DaysSince(tempo.Points[^2].Date));
        Assert.All(tempo.Points, p => Assert.InRange(p.PerYear, p.Low, p.High));
        var quiet = tempo.Points.Single(p => p.Date == End.AddDays(-7 * 104)).PerYear; // 2023-07-03
        Assert.InRange(quiet, 0.5, 2);
        // 36.5 launch days a year for 546 days (55 launches); the new regime's prior, 180 days at the
        // long-run rate of about one a year, still weighs: (55 + 0.5) / (546 + 180) days, 27.9 a year.
        var launches = days.Count(d => d >= busyFrom);
        var expected = (launches + 0.5) / (last - busyFrom + 1 + ChangePointModel.PriorDays) * 365.25;
        Assert.Equal(expected, tempo.Points[^1].PerYear, expected * 0.1);
        Assert.True(tempo.Points[^1].Low > 10 * quiet, "the new tempo is far above the old");
        Assert.True(tempo.RegimeStart >= new KoreanDate(2023, 10, 1) && tempo.RegimeStart <= new KoreanDate(2024, 2, 1), $"regime from {tempo.RegimeStart}");
        Assert.Equal(days.Count, tempo.Events.Count);
        Assert.All(tempo.Events, e => Assert.Equal(EventKind.MissileLaunch, e.Kind));
    }

    [Theory]
    [InlineData("any-missile")]
    [InlineData("icbm")]
    [InlineData("artillery")]
    public void The_tempos_current_regime_is_the_one_the_forecasts_reasons_name(string slug)
    {
        var target = ForecastTarget.Parse(slug);
        var events = Peninsula.Record.BundledRecord.Events;
        var regime = new ForecastProblem(ForecastData.Build(events, End), target, 30).ChangePointByClassRegime;

        var tempo = Tempo.Of(events, target, End);

        Assert.Equal(ForecastData.DateAt(regime.Start), tempo.RegimeStart);
        Assert.Equal(regime.Rate * 365.25, tempo.Points[^1].PerYear, 6);
    }

    [Theory]
    [InlineData("any-missile")]
    [InlineData("icbm")]
    [InlineData("nuclear-test")]
    public void The_tempo_filters_each_regime_length_once_and_reads_what_a_separate_pass_would(string slug)
    {
        var target = ForecastTarget.Parse(slug);
        var events = Peninsula.Record.BundledRecord.Events;
        var before = ChangePointModel.FiltersRun;

        var tempo = Tempo.Of(events, target, End);

        // One filter for each regime length the choice weighs; the readings come from the chosen one's.
        Assert.Equal(ForecastProblem.RegimeYears.Length, ChangePointModel.FiltersRun - before);
        var data = ForecastData.Build(events, End);
        var last = data.Days - 1;
        var years = new ForecastProblem(data, target, horizon: 1) { FirstForecastDay = last }.ChangePointByClassRegimeYears;
        var separate = ChangePointModel.Readings(data.For(target), last, t => t >= ForecastProblem.FirstTrainingDay && (last - t) % 7 == 0, 1 / (years * 365));
        Assert.Equal(separate.Select(r => (ForecastData.DateAt(r.Day), r.Rate * 365.25, r.Low * 365.25, r.High * 365.25)), tempo.Points.Select(p => (p.Date, p.PerYear, p.Low, p.High)));
        Assert.Equal(ForecastData.DateAt(separate[^1].Start), tempo.RegimeStart);
    }
}

using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

public sealed class ChangePointModelTests
{
    /// <summary>Event days of a Bernoulli process whose daily chance changes at known days.</summary>
    private static TargetSeries Simulate(int seed, int days, params (int From, double Rate)[] regimes)
    {
        var random = new Random(seed);
        var events = new List<int>();
        for (var d = 0; d < days; d++)
        {
            var rate = regimes.Last(r => r.From <= d).Rate;
            if (random.NextDouble() < rate)
            {
                events.Add(d);
            }
        }

        return new TargetSeries(days, events);
    }

    /// <summary>The daily rate and first day of the current regime as the model reads them on day t.</summary>
    private static (double Rate, int Start) Regime(TargetSeries series, int t)
    {
        var reading = Assert.Single(ChangePointModel.Readings(series, t, day => day == t));
        return (reading.Rate, reading.Start);
    }

    [Fact]
    public void It_finds_when_a_quiet_regime_turned_busy_and_the_new_rate()
    {
        // 4,000 quiet days at one event day in 500, then one in 20 from day 4,000.
        var series = Simulate(11, 5_000, (0, 0.002), (4_000, 0.05));
        var (rate, start) = Regime(series, series.Occurs.Length - 1);

        Assert.InRange(start, 3_900, 4_100);
        // 1,000 days at 0.05: about 50 events, a standard error of about 0.007
        Assert.InRange(rate, 0.035, 0.065);
    }

    [Fact]
    public void It_finds_when_a_busy_regime_went_quiet()
    {
        var series = Simulate(3, 4_000, (0, 0.05), (3_000, 0.001));
        var (rate, start) = Regime(series, series.Occurs.Length - 1);

        // The last event of the busy regime is the earliest the quiet one can be seen to begin.
        var lastBusy = series.LastOnOrBefore(2_999);
        Assert.InRange(start, lastBusy - 50, 3_100);
        // A thousand quiet days against a prior worth 180 days at the long-run rate (about 0.04):
        // the estimate falls to about 0.007, a seventh of the busy rate.
        Assert.InRange(rate, 0, 0.0125);
    }

    [Fact]
    public void Under_a_constant_rate_it_recovers_the_rate_and_forecasts_a_little_below_the_poisson_chance()
    {
        var series = Simulate(7, 20_000, (0, 0.01));
        var p = ChangePointModel.Forecast(series, 90).Probabilities;
        var plugIn = 1 - Math.Exp(-0.01 * 90);

        // The regimes the model weighs are a few years long, some 10 to 30 events, so at any one
        // day its rate follows the luck of the past years; over many days it averages the true one.
        var rates = Enumerable.Range(0, 12).Select(k => Regime(series, 8_000 + (k * 1_000)).Rate).ToList();
        Assert.Equal(0.01, rates.Average(), 0.0015);
        Assert.All(rates, r => Assert.InRange(r, 0.005, 0.015));

        // Its forecast averages over that uncertainty (and over a change within the horizon), so it
        // sits a little below the chance at the true rate on average, and follows the luck of the
        // past years from day to day.
        var late = Enumerable.Range(10_000, 10_000).Select(t => p[t]).ToList();
        Assert.InRange(late.Average(), plugIn - 0.08, plugIn);
        Assert.True(late.Count(q => Math.Abs(q - plugIn) < 0.2) >= 0.95 * late.Count, "19 days in 20 within 0.2 of the chance at the true rate");
    }

    [Fact]
    public void After_a_change_the_forecast_follows_the_new_tempo_within_months_and_a_longer_horizon_is_never_less_likely()
    {
        var series = Simulate(5, 6_000, (0, 0.001), (5_000, 0.1));
        var week = ChangePointModel.Forecast(series, 7).Probabilities;
        var year = ChangePointModel.Forecast(series, 365).Probabilities;
        var truth = 1 - Math.Pow(0.9, 7);

        Assert.True(week[4_999] < 0.01, $"before the change: {week[4_999]}");
        Assert.True(week[5_200] > 0.2, $"half a year into the busy regime: {week[5_200]}");
        Assert.Equal(truth, week[5_999], 0.1);
        for (var t = 0; t < series.Occurs.Length; t += 97)
        {
            Assert.True(year[t] >= week[t], $"day {t}: 365 days {year[t]}, 7 days {week[t]}");
        }
    }

    [Fact]
    public void A_forecast_uses_only_the_days_up_to_its_own_and_reads_the_last_days_regime_as_the_readings_do()
    {
        var series = Simulate(9, 3_000, (0, 0.01), (2_000, 0.05));
        var truncated = new TargetSeries(2_500, series.EventDays.Where(d => d < 2_500));

        var full = ChangePointModel.Forecast(series, 30);
        var cut = ChangePointModel.Forecast(truncated, 30);

        Assert.Equal(cut.Probabilities, full.Probabilities[..2_500]);
        Assert.Equal(Assert.Single(ChangePointModel.Readings(series, 2_499, day => day == 2_499)), cut.Last);
        Assert.Equal(2_999, full.Last.Day);
    }

    [Fact]
    public void A_new_regime_centred_on_the_long_run_rate_to_date_is_the_model_as_it_was()
    {
        var series = Simulate(5, 4_000, (0, 0.01), (2_500, 0.04));
        var longRun = Enumerable.Range(0, series.Occurs.Length)
            .Select(t => ChangePointModel.LongRunRate(series.Count(0, t), t + 1)).ToArray();

        var centred = ChangePointModel.Forecast(series, 90, prior: new RegimePrior("long-run, spelled out", longRun));

        Assert.Equal(ChangePointModel.Forecast(series, 90).Probabilities, centred.Probabilities);
    }

    [Fact]
    public void A_new_regime_centred_higher_keeps_the_forecast_up_after_a_busy_spell_ends_and_reads_only_the_past()
    {
        // Five quiet years, two busy ones, then quiet again: 300 days into the last quiet spell.
        var series = Simulate(13, 2_801, (0, 0.002), (1_800, 0.05), (2_500, 0.002));
        var busyYear = Enumerable.Range(0, series.Occurs.Length)
            .Select(t => (series.Count(t - 364, t) + 1.0) / 366).ToArray();
        var prior = new RegimePrior("last year", busyYear);

        var asWas = ChangePointModel.Forecast(series, 30).Probabilities;
        var centred = ChangePointModel.Forecast(series, 30, prior: prior).Probabilities;

        // A new regime drawn around the last year's tempo is busier than one drawn around the long-run rate.
        Assert.True(centred[2_800] > asWas[2_800] + 0.05, $"centred on the last year {centred[2_800]:0.000}, on the long-run rate {asWas[2_800]:0.000}");

        // What the prior says after day t cannot move the forecast made on day t.
        var changedLater = busyYear.Select((rate, t) => t > 2_000 ? 0.5 : rate).ToArray();
        var later = ChangePointModel.Forecast(series, 30, prior: new RegimePrior("last year, then busier", changedLater)).Probabilities;
        Assert.Equal(centred[..2_001], later[..2_001]);
        Assert.NotEqual(centred[2_500], later[2_500]);
    }
}

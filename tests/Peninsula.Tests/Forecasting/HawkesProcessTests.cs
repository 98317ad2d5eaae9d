using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

public sealed class HawkesProcessTests
{
    [Fact]
    public void The_fit_recovers_the_parameters_of_a_simulated_process()
    {
        var truth = new HawkesParameters(Mu: 0.04, Alpha: 0.5, Beta: 0.1, SeasonCos: 0.5, SeasonSin: 0);
        const int days = 30_000;
        var times = HawkesProcess.Simulate(truth, [], 0, days, new Random(5));
        Assert.InRange(times.Count, 1_800, 3_000); // about mu * days * mean season / (1 - alpha) = 2,500

        var fit = HawkesProcess.Fit(times, days - 1);
        // tolerances of two to three standard errors for about 2,400 events
        Assert.Equal(truth.Mu, fit.Mu, 0.012);
        Assert.Equal(truth.Alpha, fit.Alpha, 0.08);
        Assert.Equal(truth.Beta, fit.Beta, 0.04);
        Assert.Equal(truth.SeasonCos, fit.SeasonCos, 0.12);
        Assert.Equal(truth.SeasonSin, fit.SeasonSin, 0.12);
    }

    [Fact]
    public void Without_excitation_or_season_the_chance_of_an_event_is_one_minus_e_to_the_minus_mu_h()
    {
        var p = new HawkesParameters(0.02, 0, 0.1, 0, 0);
        var series = new TargetSeries(100, [10]);
        Assert.Equal(1 - Math.Exp(-0.02 * 7), HawkesProcess.ProbabilityOfAny(p, series, 50, 7), 1e-12);
    }

    [Fact]
    public void A_past_event_adds_the_integral_of_its_kernel_over_the_horizon()
    {
        // event on day 10 (time 10.5), forecast at the end of day 10 for days 11 .. 15: time 11 to 16
        var p = new HawkesParameters(0, 0.5, 0.1, 0, 0);
        var series = new TargetSeries(100, [10]);
        var expected = 0.5 * (Math.Exp(-0.1 * 0.5) - Math.Exp(-0.1 * 5.5));
        Assert.Equal(expected, HawkesProcess.ExpectedWithoutNewEvents(p, series, 10, 5, out var fromPast), 1e-12);
        Assert.Equal(expected, fromPast, 1e-12);
    }

    [Fact]
    public void An_empty_history_and_a_single_event_give_finite_fits()
    {
        var empty = HawkesProcess.Fit([], 5_000);
        Assert.True(empty.Mu < 1e-3, $"mu {empty.Mu}");
        var one = HawkesProcess.Fit([2_500.5], 5_000);
        Assert.InRange(one.Mu * 5_000, 0.3, 3);
    }
}

using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

/// <summary>
/// The recalibration between the pool and the forecast model recovers a miscalibration whose size
/// is known, and learns only from past forecasts whose outcomes were known.
/// </summary>
public sealed class RecalibrationTests
{
    // Daily forecasts of the next day (horizon 1): the five-year window holds 1,825 independent past forecasts.
    private const int Horizon = 1;
    private const int Days = 2_000;
    private const int Last = Days - 1;

    // Without penalty and with a memory far longer than the window, every past forecast counts the same.
    private const double Flat = 1e9;

    private static readonly int[] IssueDays = [.. Enumerable.Range(0, Days)];

    private static (double[] Forecasts, bool[] Outcomes) Simulate(Func<double, double> truth, int seed)
    {
        var random = new Random(seed);
        var forecasts = IssueDays.Select(_ => 0.05 + (0.55 * random.NextDouble())).ToArray();
        var outcomes = forecasts.Select(p => random.NextDouble() < truth(p)).ToArray();
        return (forecasts, outcomes);
    }

    [Fact]
    public void The_shift_recovers_a_known_bias_of_the_log_odds()
    {
        // The forecasts are too low: the truth is their log odds plus 0.8.
        const double bias = 0.8;
        var (forecasts, outcomes) = Simulate(p => LogOdds.ToProbability(LogOdds.Of(p, LogisticRegression.Floor) + bias), seed: 11);

        var (probability, shift) = Recalibration.Shift(IssueDays, forecasts, j => outcomes[j], Last, Horizon, Flat, penalty: 0);

        // 1,825 outcomes at p(1-p) about 0.2: the shift's standard error is 1/sqrt(1825 * 0.2) = 0.05; three of them is 0.15.
        Assert.Equal(bias, shift, 0.15);
        Assert.Equal(LogOdds.ToProbability(LogOdds.Of(forecasts[Last], LogisticRegression.Floor) + shift), probability, 1e-12);
    }

    [Fact]
    public void The_shift_of_calibrated_forecasts_is_about_zero_and_the_penalty_holds_it_back()
    {
        var (forecasts, outcomes) = Simulate(p => p, seed: 12);
        var (_, calibrated) = Recalibration.Shift(IssueDays, forecasts, j => outcomes[j], Last, Horizon, Flat, penalty: 0);
        Assert.Equal(0, calibrated, 0.15);

        var (biased, biasedOutcomes) = Simulate(p => LogOdds.ToProbability(LogOdds.Of(p, LogisticRegression.Floor) + 0.8), seed: 13);
        var (_, free) = Recalibration.Shift(IssueDays, biased, j => biasedOutcomes[j], Last, Horizon, Flat, penalty: 0);
        var (_, held) = Recalibration.Shift(IssueDays, biased, j => biasedOutcomes[j], Last, Horizon);
        Assert.InRange(held, 0.05, free);
    }

    [Fact]
    public void The_shrinkage_recovers_the_known_worth_of_the_departures_from_climatology()
    {
        // The truth moves 0.6 of the way from climatology (0.2) to the forecast.
        const double worth = 0.6;
        var climatology = IssueDays.Select(_ => 0.2).ToArray();
        var (forecasts, outcomes) = Simulate(p => 0.2 + (worth * (p - 0.2)), seed: 21);

        var (probability, weight) = Recalibration.Shrink(IssueDays, forecasts, climatology, j => outcomes[j], Last, Horizon, Flat, penalty: 0);

        // sum (f - c)^2 over 1,825 forecasts is about 75 and var(y - c) about 0.2: standard error sqrt(0.2 / 75) = 0.05; three of them is 0.15.
        Assert.Equal(worth, weight, 0.15);
        Assert.Equal(0.2 + (weight * (forecasts[Last] - 0.2)), probability, 1e-12);
    }

    [Fact]
    public void Forecasts_without_skill_over_climatology_give_climatology_itself()
    {
        var climatology = IssueDays.Select(_ => 0.2).ToArray();
        var (forecasts, outcomes) = Simulate(_ => 0.2, seed: 22);

        var (probability, weight) = Recalibration.Shrink(IssueDays, forecasts, climatology, j => outcomes[j], Last, Horizon);

        Assert.Equal(0, weight);
        Assert.Equal(0.2, probability);
    }

    [Fact]
    public void Both_steps_ask_only_for_outcomes_known_by_the_issue_day()
    {
        // Weekly forecasts at 90 days: the outcome of issue day s is known from s + 90 on.
        const int horizon = 90;
        var days = Enumerable.Range(0, 600).Select(k => k * 7).ToArray();
        var random = new Random(31);
        var forecasts = days.Select(_ => random.NextDouble()).ToArray();
        var climatology = days.Select(_ => 0.4).ToArray();
        var outcomes = days.Select(_ => random.NextDouble() < 0.5).ToArray();
        const int i = 500;
        var asked = new List<int>();
        bool Known(int j)
        {
            Assert.True(days[j] + horizon <= days[i], $"asked for the outcome of issue day {days[j]}, unknown on {days[i]}");
            asked.Add(j);
            return outcomes[j];
        }

        var shifted = Recalibration.Shift(days, forecasts, Known, i, horizon);
        var shrunk = Recalibration.Shrink(days, forecasts, climatology, Known, i, horizon);

        Assert.NotEmpty(asked);
        // Changing every outcome not yet known, and every later forecast, changes nothing.
        for (var j = 0; j < days.Length; j++)
        {
            if (days[j] + horizon > days[i])
            {
                outcomes[j] = !outcomes[j];
                forecasts[j] = j == i ? forecasts[j] : 1 - forecasts[j];
            }
        }

        Assert.Equal(shifted, Recalibration.Shift(days, forecasts, Known, i, horizon));
        Assert.Equal(shrunk, Recalibration.Shrink(days, forecasts, climatology, Known, i, horizon));
    }
}

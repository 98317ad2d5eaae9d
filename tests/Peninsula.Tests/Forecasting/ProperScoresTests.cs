using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

/// <summary>
/// The one place for log-odds and the scores of one forecast. Expected values from Python's math
/// module: log(4), log(0.001 / 0.999), 2.25 / 3.25, log(0.001), log(0.3).
/// </summary>
public sealed class ProperScoresTests
{
    private const double Tolerance = 1e-12;
    private const double QuestionsFloor = 0.001;

    [Fact]
    public void The_log_odds_of_a_probability_is_ln_of_its_odds_and_turns_back_into_it()
    {
        Assert.Equal(1.3862943611198906, LogOdds.Of(0.8, QuestionsFloor), Tolerance);
        Assert.Equal(0.8, LogOdds.ToProbability(LogOdds.Of(0.8, QuestionsFloor)), Tolerance);
        Assert.Equal(0.5, LogOdds.ToProbability(0), Tolerance);
    }

    [Fact]
    public void A_probability_of_0_or_1_is_kept_within_the_callers_floor_so_its_log_odds_stays_finite()
    {
        Assert.Equal(-6.906754778648554, LogOdds.Of(0, QuestionsFloor), Tolerance);
        Assert.Equal(6.906754778648554, LogOdds.Of(1, QuestionsFloor), Tolerance);
        Assert.Equal(Math.Log(0.0001 / 0.9999), LogOdds.Of(0, 1e-4), Tolerance);
    }

    [Fact]
    public void The_logistic_function_does_not_overflow_far_from_zero()
    {
        Assert.Equal(0.0, LogOdds.ToProbability(-1000));
        Assert.Equal(1.0, LogOdds.ToProbability(1000));
    }

    [Fact]
    public void Extremizing_by_2_squares_the_odds_and_by_1_changes_nothing()
    {
        Assert.Equal(0.6923076923076923, LogOdds.Extremize(0.6, 2, QuestionsFloor), Tolerance);
        Assert.Equal(0.6, LogOdds.Extremize(0.6, 1, QuestionsFloor), Tolerance);
        Assert.Equal(1 - 0.6923076923076923, LogOdds.Extremize(0.4, 2, QuestionsFloor), Tolerance);
    }

    [Fact]
    public void The_brier_score_of_one_forecast_is_its_squared_distance_from_what_happened()
    {
        Assert.Equal(0.49, ProperScores.Brier(0.7, false), Tolerance);
        Assert.Equal(0.09, ProperScores.Brier(0.7, true), Tolerance);
        Assert.Equal(0.25, ProperScores.Brier(0.5, true), Tolerance);
    }

    [Fact]
    public void The_log_score_is_ln_of_the_probability_given_to_what_happened_and_a_certain_miss_costs_ln_of_the_floor()
    {
        Assert.Equal(-1.2039728043259361, ProperScores.Log(0.7, false, QuestionsFloor), Tolerance);
        Assert.Equal(-6.907755278982137, ProperScores.Log(0, true, QuestionsFloor), Tolerance);
        Assert.Equal(0.0, ProperScores.Log(1, true, 0), Tolerance);
    }

    [Fact]
    public void The_brier_score_of_a_list_is_the_mean_squared_error_worked_by_hand()
    {
        // (0.1 - 0)² + (0.7 - 1)² + (0.95 - 0)² = 0.01 + 0.09 + 0.9025, over 3.
        Assert.Equal(1.0025 / 3, Scoring.Brier([0.1, 0.7, 0.95], [false, true, false]), Tolerance);
    }
}

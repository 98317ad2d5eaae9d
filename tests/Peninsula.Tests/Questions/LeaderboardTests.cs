using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Tests.Questions;

/// <summary>
/// The leaderboard on a small example whose scores were computed by hand (Python's math module):
/// which forecast counts on each question, Brier and log score, and the aggregate.
/// </summary>
public sealed class LeaderboardTests
{
    private const double Tolerance = 1e-9;

    private static readonly KoreanDate Opens = new(2024, 1, 1);
    private static readonly KoreanDate Closes = new(2024, 12, 31);

    private static Question Q(string id, QuestionResolution? resolution) =>
        new(id, $"Question {id}", ForecastTarget.Icbm, null, Opens, Closes, null, resolution);

    private static QuestionForecast F(string q, string by, string asOf, double p) => new(q, by, KoreanDate.Parse(asOf), p);

    private static readonly Question[] Questions =
    [
        Q("q1", new QuestionResolution(true, new KoreanDate(2024, 3, 10), "2024-03-10-icbm")),
        Q("q2", new QuestionResolution(false, Closes, null)),
        Q("q3", null),
        Q("q4", new QuestionResolution(false, Closes, null)),
    ];

    private static readonly QuestionForecast[] Forecasts =
    [
        F("q1", "alice", "2023-12-20", 0.6),
        F("q1", "alice", "2024-03-10", 0.9), // made on the day of the event: too late to count
        F("q1", "bob", "2023-12-25", 0.8),
        F("q1", "model", "2023-12-25", 0.2), // as of the latest expert forecast: this one counts
        F("q1", "model", "2024-03-09", 0.5),
        F("q2", "alice", "2023-12-20", 0.3),
        F("q2", "model", "2023-12-20", 0.1),
        F("q2", "model", "2024-06-01", 0.05), // after the experts' day: not this one
        F("q3", "alice", "2024-01-05", 0.99), // open: not scored
        F("q4", "model", "2024-12-30", 0.4), // no expert: the model's latest by the window's end
        F("q4", "model", "2025-01-02", 0.7),
    ];

    private static LeaderboardRow Row(string by) => Leaderboard.Rows(Questions, Forecasts).Single(r => r.By == by);

    [Fact]
    public void Each_expert_is_scored_on_the_latest_forecast_made_before_the_outcome_was_known()
    {
        var alice = Row("alice");
        Assert.Equal(2, alice.Questions);
        Assert.Equal(1, alice.Yes);
        Assert.Equal((0.16 + 0.09) / 2, alice.Brier, Tolerance);
        Assert.Equal(-0.4337502838523616, alice.LogScore, Tolerance);
        Assert.Equal(0.04, Row("bob").Brier, Tolerance);
    }

    [Fact]
    public void Each_row_is_compared_with_the_aggregate_on_the_questions_both_were_scored_on()
    {
        // bob, scored on q1 alone, tops alice on his mean; beside the aggregate on the same question
        // he is 0.020 worse. Python: the aggregate on q1 is sigmoid(2 (logit 0.6 + logit 0.8) / 2) =
        // 6/7 (0.8571428571), Brier 1/49 (0.0204081633); on q2 it is alice's 0.3 alone, Brier 0.09.
        Assert.Equal(0.01959183673469388, Row("bob").BrierVsAggregate!.Value, Tolerance);
        Assert.Equal(1, Row("bob").WithAggregate);
        Assert.Equal(0.06979591836734694, Row("alice").BrierVsAggregate!.Value, Tolerance);
        // The model on q1 and q2 (its q4 had no expert): ((0.64 - 1/49) + (0.01 - 0.09)) / 2.
        Assert.Equal(0.26979591836734695, Row("model").BrierVsAggregate!.Value, Tolerance);
        Assert.Equal(2, Row("model").WithAggregate);
        Assert.Null(Row("aggregate").BrierVsAggregate);

        // With its interval over the shared questions: the model's two differences (0.6196 and
        // -0.08) resampled give means between them; bob shares one question, too few to resample.
        var (low, high) = Row("model").VsAggregateInterval!.Value;
        Assert.Equal(-0.08, low, 1e-9);
        Assert.Equal(0.64 - (1.0 / 49), high, 1e-9);
        Assert.Null(Row("bob").VsAggregateInterval);
        Assert.Null(Row("aggregate").VsAggregateInterval);
    }

    [Fact]
    public void The_aggregate_is_the_extremized_mean_of_log_odds_as_of_the_latest_expert_forecast_and_a_lone_experts_forecast_as_it_is()
    {
        var aggregate = Row("aggregate");
        Assert.Equal(2, aggregate.Questions);
        // q1 (alice and bob): sigmoid(2 (ln 1.5 + ln 4) / 2) = 6/7, Brier 1/49; q2 (alice alone): 0.3 on a no, Brier 0.09.
        // Log score: (ln(6/7) + ln 0.7) / 2.
        Assert.Equal(0.05520408163265306, aggregate.Brier, Tolerance);
        Assert.Equal(-0.2554128118829954, aggregate.LogScore, Tolerance);
    }

    [Fact]
    public void The_model_is_scored_as_of_the_experts_day_or_alone_on_its_latest_before_the_outcome()
    {
        var model = Row("model");
        Assert.Equal(3, model.Questions);
        Assert.Equal((0.64 + 0.01 + 0.16) / 3, model.Brier, Tolerance);
        Assert.Equal(-0.7418746839526391, model.LogScore, Tolerance);
    }

    [Fact]
    public void The_rows_are_ranked_by_their_brier_against_the_aggregate_on_the_same_questions_not_by_their_own_means()
    {
        // bob's own mean (0.04, one question) is below the aggregate's (0.0496, two), but on q1 he is 0.031 worse than it.
        Assert.Equal(["aggregate", "bob", "alice", "model"], Leaderboard.Rows(Questions, Forecasts).Select(r => r.By));
    }

    [Fact]
    public void A_forecaster_that_shares_no_question_with_the_aggregate_comes_after_those_compared_with_it()
    {
        // The model alone on q4 (Brier 0.0001) has a better mean than alice on q2 (0.09), but nothing to compare it with the aggregate.
        QuestionForecast[] forecasts = [F("q2", "alice", "2023-12-20", 0.3), F("q4", "model", "2024-12-30", 0.01)];
        var rows = Leaderboard.Rows(Questions, forecasts);
        Assert.Equal(["aggregate", "alice", "model"], rows.Select(r => r.By));
        Assert.Null(rows[^1].BrierVsAggregate);
    }

    private static DateTimeOffset KoreanNoon(string day) => new(KoreanDate.Parse(day).Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(9));

    [Fact]
    public void A_forecast_entered_once_the_answer_was_known_is_listed_apart_and_neither_scored_nor_aggregated()
    {
        // carol gives a day before the ICBM of 2024-03-10 but entered her forecast on the day of it.
        var carol = F("q1", "carol", "2024-01-15", 0.99) with { Entered = KoreanNoon("2024-03-10") };
        QuestionForecast[] forecasts = [.. Forecasts, carol];

        Assert.DoesNotContain(Leaderboard.Rows(Questions, forecasts), r => r.By == "carol");
        Assert.Equal(Leaderboard.Rows(Questions, Forecasts), Leaderboard.Rows(Questions, forecasts));
        var (question, late) = Assert.Single(Leaderboard.EnteredTooLate(Questions, forecasts));
        Assert.Equal(("q1", carol), (question.Id, late));
        Assert.Equal(new KoreanDate(2024, 3, 10), late.CountsFrom);
    }

    [Fact]
    public void A_forecast_entered_after_its_date_but_before_the_answer_counts_from_the_day_it_was_entered_and_the_model_beside_it()
    {
        // bob's 0.8 "as of 2023-12-25" was entered on 2024-03-01: the aggregate and the model are scored as of that day (the model's 0.35 of 2024-02-29, not its 0.2 of 2023-12-25).
        var entered = F("q1", "bob", "2023-12-25", 0.8) with { Entered = KoreanNoon("2024-03-01") };
        QuestionForecast[] forecasts = [.. Forecasts.Where(f => !(f.By == "bob" && f.QuestionId == "q1")), entered, F("q1", "model", "2024-02-29", 0.35)];

        var scored = Leaderboard.Scored(Questions, forecasts).Where(s => s.Question.Id == "q1").ToDictionary(s => s.Forecast.By);
        Assert.Equal(new KoreanDate(2024, 3, 1), scored["aggregate"].Forecast.AsOf);
        Assert.Equal(0.35, scored["model"].Forecast.Probability);
        Assert.Empty(Leaderboard.EnteredTooLate(Questions, forecasts));
    }

    [Fact]
    public void A_published_forecast_entered_later_is_scored_as_of_the_day_its_publication_gives()
    {
        var published = F("q1", "carol", "2024-01-15", 0.7) with { Url = "https://example.org/carol-2024-01-15", Entered = KoreanNoon("2026-11-21") };
        QuestionForecast[] forecasts = [.. Forecasts, published];

        Assert.Equal(0.09, Leaderboard.Rows(Questions, forecasts).Single(r => r.By == "carol").Brier, Tolerance);
        Assert.Empty(Leaderboard.EnteredTooLate(Questions, forecasts));
    }
}

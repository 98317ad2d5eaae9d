using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Tests.Questions;

/// <summary>
/// The leaderboard on a small example whose scores were computed by hand (Python's math module):
/// which days and forecasts count on each question, Brier and log score over the time each forecast
/// stood, and the aggregate.
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

    // The days scored on each question run from a forecaster's first forecast to the last day before
    // the answer was known: q1 (an ICBM on 2024-03-10) to 2024-03-09, q2 and q4 (no) to 2024-12-31.
    private static readonly QuestionForecast[] Forecasts =
    [
        F("q1", "alice", "2023-12-20", 0.6), // stands 81 days, 2023-12-20 .. 2024-03-09
        F("q1", "alice", "2024-03-10", 0.9), // made on the day of the event: too late to count
        F("q1", "bob", "2023-12-25", 0.8), // 76 days
        F("q1", "model", "2023-12-25", 0.2), // 75 days, 2023-12-25 .. 2024-03-08
        F("q1", "model", "2024-03-09", 0.5), // 1 day
        F("q2", "alice", "2023-12-20", 0.3), // 378 days, 2023-12-20 .. 2024-12-31
        F("q2", "model", "2023-12-20", 0.1), // 164 days, to 2024-05-31
        F("q2", "model", "2024-06-01", 0.05), // 214 days
        F("q3", "alice", "2024-01-05", 0.99), // open: not scored
        F("q4", "model", "2024-12-30", 0.4), // no expert: 2 days, 2024-12-30 and 31
        F("q4", "model", "2025-01-02", 0.7), // after the window: not scored
    ];

    private static LeaderboardRow Row(string by) => Leaderboard.Rows(Questions, Forecasts).Single(r => r.By == by);

    [Fact]
    public void Each_forecaster_is_scored_on_every_day_from_its_first_forecast_to_the_day_before_the_answer_was_known()
    {
        var alice = Row("alice");
        Assert.Equal(2, alice.Questions);
        Assert.Equal(1, alice.Yes);
        // 0.6 stood all 81 days of q1 (Brier 0.16), 0.3 all 378 of q2 (0.09): the mean over the two questions.
        Assert.Equal((0.16 + 0.09) / 2, alice.Brier, Tolerance);
        Assert.Equal(-0.43375028385236153, alice.LogScore, Tolerance);
        Assert.Equal(81 + 378, alice.Days);
        Assert.Equal(0.04, Row("bob").Brier, Tolerance);
        Assert.Equal(76, Row("bob").Days);
    }

    [Fact]
    public void A_forecaster_is_scored_on_the_forecast_standing_each_day_so_a_late_change_does_not_erase_the_days_before()
    {
        // The model on q1: 0.2 for 75 days, then 0.5 on the last day before the ICBM;
        // on q2: 0.1 for 164 days and 0.05 for 214; on q4: 0.4 for its last 2 days.
        var q1 = ((75 * 0.64) + 0.25) / 76;
        var q2 = ((164 * 0.01) + (214 * 0.0025)) / 378;
        var model = Row("model");
        Assert.Equal(3, model.Questions);
        Assert.Equal((q1 + q2 + 0.16) / 3, model.Brier, Tolerance);
        Assert.Equal(-0.727652703267266, model.LogScore, Tolerance);

        // alice turning to 1% two days before q2 closed: her 0.3 still counts on the 376 days it stood.
        QuestionForecast[] forecasts = [.. Forecasts, F("q2", "alice", "2024-12-30", 0.01)];
        var late = Leaderboard.Scored(Questions, forecasts).Single(s => s.Question.Id == "q2" && s.By == "alice");
        Assert.Equal(((376 * 0.09) + (2 * 0.0001)) / 378, late.Brier, Tolerance);
        Assert.Equal(new KoreanDate(2023, 12, 20), late.From);
        Assert.Equal(378, late.Days);
    }

    [Fact]
    public void Each_row_is_compared_with_the_aggregate_on_the_days_both_stood()
    {
        // bob, scored on q1 alone, tops alice on his mean; beside the aggregate on his 76 days
        // he is 0.020 worse. Python: the aggregate on q1 is alice's 0.6 alone for 5 days, then
        // sigmoid(2 (logit 0.6 + logit 0.8) / 2) = 6/7 (Brier 1/49); on q2 it is alice's 0.3 alone.
        Assert.Equal(0.04 - (1.0 / 49), Row("bob").BrierVsAggregate!.Value, Tolerance);
        Assert.Equal(1, Row("bob").WithAggregate);
        // alice on q1: 5 days equal to the aggregate, 76 days 0.16 - 1/49; on q2 equal to it.
        Assert.Equal(76 * (0.16 - (1.0 / 49)) / 81 / 2, Row("alice").BrierVsAggregate!.Value, Tolerance);
        // The model on q1 (its 76 days, all with the aggregate) and q2; its q4 had no expert.
        var q1 = ((75 * (0.64 - (1.0 / 49))) + (0.25 - (1.0 / 49))) / 76;
        var q2 = ((164 * (0.01 - 0.09)) + (214 * (0.0025 - 0.09))) / 378;
        Assert.Equal((q1 + q2) / 2, Row("model").BrierVsAggregate!.Value, Tolerance);
        Assert.Equal(2, Row("model").WithAggregate);
        Assert.Null(Row("aggregate").BrierVsAggregate);

        // With its interval over the shared questions: the model's two differences resampled give
        // means between them; bob shares one question, too few to resample.
        var (low, high) = Row("model").VsAggregateInterval!.Value;
        Assert.Equal(q2, low, 1e-9);
        Assert.Equal(q1, high, 1e-9);
        Assert.Null(Row("bob").VsAggregateInterval);
        Assert.Null(Row("aggregate").VsAggregateInterval);
    }

    [Fact]
    public void The_aggregate_stands_from_the_first_expert_forecast_the_extremized_mean_of_log_odds_and_a_lone_experts_forecast_as_it_is()
    {
        var aggregate = Row("aggregate");
        Assert.Equal(2, aggregate.Questions);
        // q1: alice's 0.6 alone for 5 days, then 6/7 for 76; q2: alice's 0.3 alone, Brier 0.09.
        Assert.Equal((((5 * 0.16) + (76.0 / 49)) / 81 + 0.09) / 2, aggregate.Brier, Tolerance);
        Assert.Equal(-0.2664212978070304, aggregate.LogScore, Tolerance);
        Assert.Equal(81 + 378, aggregate.Days);
    }

    [Fact]
    public void The_rows_are_ranked_by_their_brier_against_the_aggregate_on_the_same_days_not_by_their_own_means()
    {
        // bob's own mean (0.04, one question) is below the aggregate's (0.0595, two), but on his days of q1 he is 0.020 worse than it.
        Assert.Equal(["aggregate", "bob", "alice", "model"], Leaderboard.Rows(Questions, Forecasts).Select(r => r.By));
    }

    [Fact]
    public void A_forecaster_that_shares_no_day_with_the_aggregate_comes_after_those_compared_with_it()
    {
        // The model alone on q4 (Brier 0.0001) has a better mean than alice on q2 (0.09), but nothing to compare it with the aggregate.
        QuestionForecast[] forecasts = [F("q2", "alice", "2023-12-20", 0.3), F("q4", "model", "2024-12-30", 0.01)];
        var rows = Leaderboard.Rows(Questions, forecasts);
        Assert.Equal(["aggregate", "alice", "model"], rows.Select(r => r.By));
        Assert.Null(rows[^1].BrierVsAggregate);

        // Nor does the model on a question's days before the first expert forecast.
        forecasts = [F("q2", "model", "2023-12-01", 0.2), F("q2", "alice", "2024-12-31", 0.3)];
        var model = Leaderboard.Scored(Questions, forecasts).Single(s => s.By == "model");
        Assert.Equal(397, model.Days);
        Assert.Equal(1, model.DaysWithAggregate);
        Assert.Equal(0.04 - 0.09, model.BrierVsAggregate!.Value, Tolerance);
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
    public void A_forecast_entered_after_its_date_but_before_the_answer_counts_from_the_day_it_was_entered()
    {
        // bob's 0.8 "as of 2023-12-25" was entered on 2024-03-01: it stands from that day, 9 days before the ICBM, and the aggregate moves then.
        var entered = F("q1", "bob", "2023-12-25", 0.8) with { Entered = KoreanNoon("2024-03-01") };
        QuestionForecast[] forecasts = [.. Forecasts.Where(f => !(f.By == "bob" && f.QuestionId == "q1")), entered];

        var scored = Leaderboard.Scored(Questions, forecasts).Where(s => s.Question.Id == "q1").ToDictionary(s => s.By);
        Assert.Equal((new KoreanDate(2024, 3, 1), 9), (scored["bob"].From, scored["bob"].Days));
        // The aggregate: alice's 0.6 from 2023-12-20 to 2024-02-29 (72 days), then 6/7 for 9.
        Assert.Equal(((72 * 0.16) + (9.0 / 49)) / 81, scored["aggregate"].Brier, Tolerance);
        Assert.Empty(Leaderboard.EnteredTooLate(Questions, forecasts));
    }

    [Fact]
    public void A_published_forecast_entered_later_is_scored_as_of_the_day_its_publication_gives()
    {
        var published = F("q1", "carol", "2024-01-15", 0.7) with { Url = "https://example.org/carol-2024-01-15", Entered = KoreanNoon("2026-11-21") };
        QuestionForecast[] forecasts = [.. Forecasts, published];

        var carol = Leaderboard.Scored(Questions, forecasts).Single(s => s.By == "carol");
        Assert.Equal(0.09, carol.Brier, Tolerance);
        Assert.Equal(new KoreanDate(2024, 1, 15), carol.From);
        Assert.Empty(Leaderboard.EnteredTooLate(Questions, forecasts));
    }
}

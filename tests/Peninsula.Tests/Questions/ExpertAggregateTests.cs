using Peninsula.Events;
using Peninsula.Questions;

namespace Peninsula.Tests.Questions;

/// <summary>
/// The extremizing factor of the experts' aggregate is chosen on past questions only: those whose
/// outcome was known before the day of the forecast it will be used for.
/// </summary>
public sealed class ExpertAggregateTests
{
    private static readonly KoreanDate AsOf = new(2021, 3, 1);

    private static (double, bool, KoreanDate) Resolved(double p, bool outcome, string known) => (p, outcome, KoreanDate.Parse(known));

    [Fact]
    public void Before_any_question_has_resolved_the_aggregate_is_not_extremized()
    {
        Assert.Equal(1.0, ExpertAggregate.ChooseExtremizing([], AsOf));
    }

    [Fact]
    public void Forecasts_that_were_right_but_timid_on_past_questions_choose_the_strongest_factor()
    {
        // 0.8 on a yes and 0.2 on a no: extremized by 2.5 they become 32/33 and 1/33, Brier 0.0009 against 0.04.
        var past = new[] { Resolved(0.8, true, "2020-06-30"), Resolved(0.2, false, "2020-12-31") };
        Assert.Equal(2.5, ExpertAggregate.ChooseExtremizing(past, AsOf));
    }

    [Fact]
    public void Forecasts_that_were_overconfident_on_past_questions_keep_the_factor_at_1()
    {
        // 0.7 on a yes and on a no: Brier 0.29 unextremized, worse for every factor above 1.
        var past = new[] { Resolved(0.7, true, "2020-06-30"), Resolved(0.7, false, "2020-12-31") };
        Assert.Equal(1.0, ExpertAggregate.ChooseExtremizing(past, AsOf));
    }

    [Fact]
    public void A_question_resolved_on_the_day_of_the_forecast_or_later_does_not_choose_its_factor()
    {
        var later = new[] { Resolved(0.8, true, "2021-03-01"), Resolved(0.2, false, "2021-12-31") };
        Assert.Equal(1.0, ExpertAggregate.ChooseExtremizing(later, AsOf));
        Assert.Equal(2.5, ExpertAggregate.ChooseExtremizing(later, new KoreanDate(2022, 1, 1)));
    }
}

/// <summary>A question's standing once the record has answered it: what was said before the answer, not after.</summary>
public sealed class QuestionStandingTests
{
    [Fact]
    public void A_question_answered_yes_shows_the_model_and_the_aggregate_as_of_the_day_before_the_answer()
    {
        // The launch of 2026-03-04 settled it; a forecast of the 10th, entered before the store held
        // that launch, came after the answer and must not be shown as the experts' standing.
        var question = new Question("missile-2026-03", "A missile in March 2026?", Peninsula.Forecasting.ForecastTarget.AnyMissile, null,
            new KoreanDate(2026, 3, 1), new KoreanDate(2026, 3, 31), null, new QuestionResolution(true, new KoreanDate(2026, 3, 4), "2026-03-04-cruise"));
        QuestionForecast[] forecasts =
        [
            new("missile-2026-03", "alice", new KoreanDate(2026, 3, 1), 0.6),
            new("missile-2026-03", "alice", new KoreanDate(2026, 3, 10), 0.99),
            new("missile-2026-03", "model", new KoreanDate(2026, 3, 3), 0.4),
            new("missile-2026-03", "model", new KoreanDate(2026, 3, 5), 0.999),
        ];

        var standing = QuestionStanding.Of(question, forecasts, new KoreanDate(2026, 12, 7));

        Assert.Equal((new KoreanDate(2026, 3, 3), 0.4), (standing.Model!.AsOf, standing.Model.Probability));
        Assert.Equal(0.6, standing.Aggregate!.Probability, 9);
        Assert.Equal(new KoreanDate(2026, 3, 3), question.AnswerNotYetKnown(new KoreanDate(2026, 12, 7)));
    }

    [Fact]
    public void An_aggregate_beyond_every_expert_says_so_and_one_between_them_says_nothing()
    {
        var day = new KoreanDate(2026, 11, 1);
        QuestionForecast[] agreeing = [new("q", "ann", day, 0.03), new("q", "ben", day, 0.08)];
        var low = ExpertAggregate.Of("q", agreeing, day)!;
        // python: logit(0.03) = -3.4761, logit(0.08) = -2.4423, mean x 2 = -5.9184: 0.268%
        Assert.Equal(0.002682, low.Probability, 6);
        Assert.Equal("The aggregate is below every expert's latest forecast (3.0% to 8.0%): extremizing by 2 takes forecasters who agree on a side as more sure together than each alone, which scored best on past questions.",
            ExpertAggregate.Beyond(low, agreeing));

        QuestionForecast[] split = [new("q", "ann", day, 0.2), new("q", "ben", day, 0.7)];
        Assert.Null(ExpertAggregate.Beyond(ExpertAggregate.Of("q", split, day)!, split));
        QuestionForecast[] alone = [new("q", "ann", day, 0.03)];
        Assert.Null(ExpertAggregate.Beyond(ExpertAggregate.Of("q", alone, day)!, alone));
    }
}

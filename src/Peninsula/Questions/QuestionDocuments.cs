using Peninsula.Events;

namespace Peninsula.Questions;

/// <summary>The JSON forms of questions and the leaderboard, shared by the CLI and the web API (snake_case, Korean dates as YYYY-MM-DD).</summary>
public static class QuestionDocuments
{
    /// <summary>
    /// One question in a list: <c>{"id","title","target","filter","opens","closes","url","status","resolved_on","resolving_event","model","aggregate"}</c>,
    /// with the model's latest forecast and the experts' aggregate as of <paramref name="today"/>.
    /// </summary>
    public static object Summary(Question q, IReadOnlyList<QuestionForecast> forecasts, KoreanDate today) =>
        Summary(QuestionStanding.Of(q, forecasts, today));

    /// <summary>One question in a list, as <see cref="Summary(Question, IReadOnlyList{QuestionForecast}, KoreanDate)"/>, from its standing.</summary>
    public static object Summary(QuestionStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var (q, model, aggregate) = standing;
        return new
        {
            id = q.Id,
            title = q.Title,
            target = q.Target?.Slug,
            filter = q.Filter,
            subject = q.Subject,
            opens = q.Opens.ToString(),
            closes = q.Closes.ToString(),
            url = q.Url,
            status = q.Resolution?.Word ?? "open",
            resolved_on = q.Resolution?.On.ToString(),
            resolving_event = q.Resolution?.EventId,
            model = model is null ? null : new { as_of = model.AsOf.ToString(), probability = Math.Round(model.Probability, 5) },
            aggregate = aggregate is null ? null : new { as_of = aggregate.AsOf.ToString(), probability = Math.Round(aggregate.Probability, 5) },
        };
    }

    /// <summary>One question with every forecast on it, the resolving event's title and the record's end.</summary>
    public static object Details(QuestionBook.Details d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new
        {
            // As a list shows it on the same day: the model's latest forecast and the experts' aggregate.
            question = Summary(d.Question, d.Forecasts, d.Today),
            resolving_event_title = d.ResolvingEvent?.Title,
            record_end = d.RecordEnd.ToString(),
            open_because = d.Question.Resolution is null && d.RecordEnd < d.Question.Closes
                ? $"the record ends on {d.RecordEnd}, before the window closes on {d.Question.Closes}"
                : null,
            aggregate_rule = ExpertAggregate.Rule,
            aggregate_note = d.Aggregate is { } a ? ExpertAggregate.Beyond(a, d.Forecasts) : null,
            model_note = d.ModelNote,
            forecasts = d.Forecasts.Select(f => new
            {
                by = f.By,
                as_of = f.AsOf.ToString(),
                probability = Math.Round(f.Probability, 6),
                url = f.Url,
                entered = f.Entered,
                counts_from = f.CountsFrom.ToString(),
                before_the_answer = BeforeTheAnswer(d.Question, f),
            }),
            scores = d.Scores.Select(Score),
        };
    }

    /// <summary>One forecaster's score on one resolved question: <c>{"by","from","days","brier","log_score","brier_vs_aggregate","days_with_aggregate"}</c>.</summary>
    private static object Score(QuestionScore s) => new
    {
        by = s.By,
        from = s.From.ToString(),
        days = s.Days,
        brier = Math.Round(s.Brier, 5),
        log_score = Math.Round(s.LogScore, 5),
        brier_vs_aggregate = s.BrierVsAggregate is { } d ? Math.Round(d, 5) : (double?)null,
        days_with_aggregate = s.DaysWithAggregate,
    };

    /// <summary>Whether an expert's forecast on a resolved question counts as made before the answer was known, so that it can be scored (null for an open question and for the model's): false when it gives a later day, or was entered later with no published address.</summary>
    private static bool? BeforeTheAnswer(Question q, QuestionForecast f) =>
        q.Resolution is null || f.IsModel ? null : q.CountsBeforeAnswer(f);

    /// <summary>The leaderboard: <c>{"resolved_questions","open_questions","aggregate_rule","ranking","rows":[{"by","questions","resolved_yes","brier","log_score","brier_vs_aggregate","brier_vs_aggregate_low","brier_vs_aggregate_high","questions_with_aggregate","days"}],"which_forecast_counts","entered_after_the_answer":[{"question","by","as_of","entered","probability","answer","answer_known"}]}</c> (the low and high bounds: a 95% interval from resampling the shared questions, null with fewer than two), ranked as <see cref="Questions.Leaderboard.Ranking"/> says.</summary>
    public static object Leaderboard(LeaderboardView view) => new
    {
        resolved_questions = view?.Resolved ?? throw new ArgumentNullException(nameof(view)),
        open_questions = view.Open,
        aggregate_rule = ExpertAggregate.Rule,
        ranking = Questions.Leaderboard.Ranking,
        which_forecast_counts = WhichForecastCounts,
        rows = view.Rows.Select(r => new
        {
            by = r.By,
            questions = r.Questions,
            resolved_yes = r.Yes,
            brier = Math.Round(r.Brier, 5),
            log_score = Math.Round(r.LogScore, 5),
            brier_vs_aggregate = r.BrierVsAggregate is { } d ? Math.Round(d, 5) : (double?)null,
            brier_vs_aggregate_low = r.VsAggregateInterval is { } i ? Math.Round(i.Low, 5) : (double?)null,
            brier_vs_aggregate_high = r.VsAggregateInterval is { } j ? Math.Round(j.High, 5) : (double?)null,
            questions_with_aggregate = r.WithAggregate,
            days = r.Days,
        }),
        entered_after_the_answer = view.EnteredTooLate.Select(x => new
        {
            question = x.Question.Id,
            by = x.Forecast.By,
            as_of = x.Forecast.AsOf.ToString(),
            entered = x.Forecast.Entered,
            probability = Math.Round(x.Forecast.Probability, 6),
            answer = x.Question.Resolution!.Word,
            answer_known = x.Question.AnswerKnownOn.ToString(),
        }),
    };

    /// <summary>Which forecast the leaderboard scores, in plain words (the CLI's note, the API's <c>which_forecast_counts</c>).</summary>
    public const string WhichForecastCounts =
        "Each forecaster is scored on every day from its first forecast on a question to the last day before the answer was known (the day before the event that settled a yes, the window's last day for a no), " +
        "on the forecast standing that day (its latest by then), and its score on the question is the mean of those days': a forecast made early and kept counts for longer than one made at the last moment, and waiting, or changing a forecast once the answer looks clear, does not erase the days before. " +
        "A forecast entered after the day it gives stands from the day it was entered, unless it carries the address where it was published: one entered once the answer was known is listed apart and never scored. " +
        "The aggregate stands from the first expert forecast, each day the aggregate of the experts' forecasts standing that day, and each forecaster is compared with it on the days both stood.";

    /// <summary>
    /// The model against the published forecasts on past questions (<see cref="PublishedComparison"/>):
    /// <c>{"record_end","model","brier_rule","forecasts":[...],"questions":[...],"forecasters":[...],"kinds":[...],"all":{...},"not_scored":[...]}</c>.
    /// Each forecast carries its question (with the platform's address), the forecaster and its kind,
    /// the Korean date, the published probability and its source address, the model's probability as
    /// of that date, the outcome with the resolving event, and both Brier scores; each total carries
    /// the means forecast by forecast and with each question weighed once, the model's minus the
    /// published with a 95% interval from resampling questions (null bounds with fewer than two
    /// questions), and on how many questions the model is better and worse.
    /// </summary>
    public static object Published(PublishedComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return new
        {
            record_end = comparison.RecordEnd.ToString(),
            model = PublishedComparison.Model,
            brier_rule = "Brier: (p - outcome)², 0 best, 0.25 for always 50%; the model is asked as of each published forecast's Korean date, knowing only the record up to then.",
            forecasts = comparison.Rows.Select(r => new
            {
                question = r.Question.Id,
                title = r.Question.Title,
                question_url = r.Question.Url,
                target = r.Question.Target?.Slug,
                opens = r.Question.Opens.ToString(),
                closes = r.Question.Closes.ToString(),
                by = r.Published.By,
                kind = r.Kind,
                as_of = r.Published.AsOf.ToString(),
                probability = r.Published.Probability,
                source_url = r.Published.Url,
                model_probability = Math.Round(r.Model, 6),
                outcome = r.Outcome ? "yes" : "no",
                resolved_on = r.Question.Resolution!.On.ToString(),
                resolving_event = r.Question.Resolution.EventId,
                resolving_event_title = r.ResolvingEventTitle,
                brier = Math.Round(r.Brier, 6),
                model_brier = Math.Round(r.ModelBrier, 6),
            }),
            questions = comparison.ByQuestion.Select(q => new { question = q.Question.Id, title = q.Question.Title, question_url = q.Question.Url, totals = Totals(q.Totals) }),
            forecasters = comparison.ByForecaster.Select(f => new { by = f.By, kind = f.Kind, totals = Totals(f.Totals) }),
            kinds = comparison.ByKind.Where(k => k.Totals.Forecasts > 0).Select(k => new { kind = k.Kind, heading = PublishedForecaster.Heading(k.Kind), totals = Totals(k.Totals) }),
            all = Totals(comparison.All),
            not_scored = comparison.NotScored,
        };
    }

    private static object Totals(PublishedTotals t) => new
    {
        forecasts = t.Forecasts,
        questions = t.Questions,
        brier = Round(t.Brier),
        model_brier = Round(t.ModelBrier),
        brier_per_question = Round(t.BrierPerQuestion),
        model_brier_per_question = Round(t.ModelBrierPerQuestion),
        model_no_worse = t.Forecasts == 0 ? (bool?)null : t.ModelNoWorse,
        model_no_worse_per_question = t.Forecasts == 0 ? (bool?)null : t.ModelNoWorsePerQuestion,
        model_minus_published = Gap(t.GapPerForecast),
        model_minus_published_per_question = Gap(t.GapPerQuestion),
        questions_model_better = t.ModelBetterOn,
        questions_model_worse = t.ModelWorseOn,
    };

    private static object Gap(BrierGap g) => new { estimate = Round(g.Estimate), low = Round(g.Low), high = Round(g.High) };

    private static double? Round(double value) => double.IsNaN(value) ? null : Math.Round(value, 5);
}

using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;
using Peninsula.Storage;

namespace Peninsula.Questions;

/// <summary>
/// The model against real forecasts published on past questions (<see cref="PublishedForecasts"/>):
/// each question resolved from the record, the model asked as of each published forecast's date
/// (knowing only the record up to then), and the Brier score of both, (p - outcome)², 0 best.
/// Computed from the record it is given, so its figures always agree with that record.
/// </summary>
/// <param name="Rows">One row per published forecast scored, in the order of the questions file.</param>
/// <param name="NotScored">Why each question or forecast left out was left out, in plain words.</param>
/// <param name="RecordEnd">The last Korean date the record covers.</param>
public sealed record PublishedComparison(IReadOnlyList<PublishedScore> Rows, IReadOnlyList<string> NotScored, KoreanDate RecordEnd)
{
    /// <summary>The model asked: the forecast model, read off its 7/30/90/365-day forecasts for the question's window.</summary>
    public static string Model => RollingForecast.ForecastModel;

    /// <summary>
    /// Scores every published forecast of <paramref name="published"/> against the model's as of the
    /// same Korean date, on the questions <paramref name="record"/> resolves; a question on an event
    /// filter is resolved and forecast from the filter's events (<paramref name="filterEvents"/>, as
    /// <see cref="QuestionResolver.FilterEventsAsync"/> reads them from the store that holds
    /// <paramref name="record"/>). A question the record leaves open and a forecast made once the
    /// window had closed are left out and listed in <see cref="NotScored"/>.
    /// </summary>
    public static PublishedComparison Compute(
        PublishedForecasts published, IReadOnlyList<Event> record, IReadOnlyDictionary<string, IReadOnlyList<Event>> filterEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(filterEvents);
        var end = BundledRecord.CoverageEndOf(record);
        var model = new QuestionModel(record, filterEvents);
        var asked = Asked(published, record, filterEvents, end);

        // The model is asked in the order of the dates (a stable sort: the file's order within a day),
        // so that its data set's change-point passes run once from the earliest date rather than
        // again for each earlier one (Forecaster.ProbabilitiesAt); each answer depends on its own
        // question and date alone, so the order changes no figure.
        var answers = new QuestionForecast?[asked.Count];
        foreach (var i in Enumerable.Range(0, asked.Count).Where(i => asked[i].Forecast is not null).OrderBy(i => asked[i].Forecast!.AsOf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            answers[i] = model.Forecast(asked[i].Question, asked[i].Forecast!.AsOf, cancellationToken: cancellationToken);
        }

        var rows = new List<PublishedScore>();
        var skipped = new List<string>();
        for (var i = 0; i < asked.Count; i++)
        {
            var (q, resolution, forecast, resolvingTitle) = asked[i];
            if (resolution is null)
            {
                skipped.Add($"{q.Id}: open in the record (it ends on {end})");
            }
            else if (answers[i] is not { } modelForecast)
            {
                skipped.Add($"{q.Id} as of {forecast!.AsOf}: the window had closed");
            }
            else
            {
                rows.Add(new PublishedScore(
                    q with { Resolution = resolution }, forecast!, published.KindOf(forecast!.By), modelForecast.Probability, resolvingTitle,
                    published.Contents.StatedOutcomes.TryGetValue(q.Id, out var stated) ? stated : null));
            }
        }

        return new PublishedComparison(rows, skipped, end);
    }

    /// <summary>
    /// Each question resolved from the record with each of its published forecasts, in the order of
    /// the file: a question the record leaves open once, with no resolution and no forecast.
    /// </summary>
    private static List<(Question Question, QuestionResolution? Resolution, QuestionForecast? Forecast, string? ResolvingTitle)> Asked(
        PublishedForecasts published, IReadOnlyList<Event> record, IReadOnlyDictionary<string, IReadOnlyList<Event>> filterEvents, KoreanDate end)
    {
        var asked = new List<(Question, QuestionResolution?, QuestionForecast?, string?)>();
        foreach (var question in published.Contents.Questions)
        {
            var q = question with { Resolution = null };
            if (q.Filter is { } filter && !filterEvents.ContainsKey(filter))
            {
                throw new ArgumentException($"The events of the filter '{filter}' of question '{q.Id}' were not given.", nameof(filterEvents));
            }

            var resolution = QuestionResolver.Resolve(q, q.Filter is { } counted ? filterEvents[counted] : record, end);
            if (resolution is null)
            {
                asked.Add((q, null, null, null));
                continue;
            }

            var resolvingTitle = resolution.EventId is { } id ? record.First(e => e.Id == id).Title : null;
            foreach (var forecast in published.Contents.Forecasts.Where(f => f.QuestionId == q.Id && !f.IsModel))
            {
                asked.Add((q, resolution, forecast, resolvingTitle));
            }
        }

        return asked;
    }

    /// <summary>
    /// <see cref="Compute(PublishedForecasts, IReadOnlyList{Event}, IReadOnlyDictionary{string, IReadOnlyList{Event}}, CancellationToken)"/>
    /// on the record of <paramref name="store"/>: the whole record read once, and each filter's events once.
    /// </summary>
    public static async Task<PublishedComparison> ComputeAsync(PublishedForecasts published, IEventStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(store);
        var record = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
        var filterEvents = await QuestionResolver.FilterEventsAsync(store, published.Contents.Questions, cancellationToken).ConfigureAwait(false);
        return Compute(published, record, filterEvents, cancellationToken);
    }

    /// <summary>The totals of each kind of forecaster that has rows, crowds first.</summary>
    public IReadOnlyList<(string Kind, PublishedTotals Totals)> ByKind =>
        [.. PublishedForecaster.Kinds.Select(k => (k, PublishedTotals.Of(Rows.Where(r => r.Kind == k))))];

    /// <summary>The totals over every published forecast.</summary>
    public PublishedTotals All => PublishedTotals.Of(Rows);

    /// <summary>The totals of each forecaster, in the order they first appear.</summary>
    public IReadOnlyList<(string By, string Kind, PublishedTotals Totals)> ByForecaster =>
        [.. Rows.GroupBy(r => r.Published.By, StringComparer.Ordinal).Select(g => (g.Key, g.First().Kind, PublishedTotals.Of(g)))];

    /// <summary>The totals of each question (its forecasts' mean scores), in the order of the questions file.</summary>
    public IReadOnlyList<(Question Question, PublishedTotals Totals)> ByQuestion =>
        [.. Rows.GroupBy(r => r.Question.Id, StringComparer.Ordinal).Select(g => (g.First().Question, PublishedTotals.Of(g)))];
}

/// <summary>One published forecast scored beside the model's forecast as of the same Korean date.</summary>
/// <param name="Question">The question, resolved from the record.</param>
/// <param name="Published">The published forecast: who, as of which Korean date, the probability and its source address.</param>
/// <param name="Kind"><see cref="PublishedForecaster.Crowd"/> or <see cref="PublishedForecaster.Signal"/>.</param>
/// <param name="Model">The model's probability as of the same day.</param>
/// <param name="ResolvingEventTitle">The title of the event that resolved the question yes; null for a no.</param>
/// <param name="Stated">The outcome the questions file states, if any.</param>
public sealed record PublishedScore(Question Question, QuestionForecast Published, string Kind, double Model, string? ResolvingEventTitle, bool? Stated)
{
    /// <summary>Whether the question resolved yes.</summary>
    public bool Outcome => Question.Resolution!.Outcome;

    /// <summary>The published forecast's Brier score.</summary>
    public double Brier => ProperScores.Brier(Published.Probability, Outcome);

    /// <summary>The model's Brier score.</summary>
    public double ModelBrier => ProperScores.Brier(Model, Outcome);
}

/// <summary>
/// Mean Brier scores of a set of published forecasts and of the model's on the same days, forecast
/// by forecast and with each question weighed once (its forecasts' scores averaged first): several
/// dated forecasts on one question are not independent tests, and a question asked often should not decide alone.
/// </summary>
/// <param name="Forecasts">How many forecasts.</param>
/// <param name="Questions">On how many questions.</param>
/// <param name="Brier">The published forecasts' mean Brier score; NaN without forecasts.</param>
/// <param name="ModelBrier">The model's mean Brier score on the same questions and days.</param>
/// <param name="BrierPerQuestion">The published forecasts' mean over questions of each question's mean.</param>
/// <param name="ModelBrierPerQuestion">The model's, the same way.</param>
public sealed record PublishedTotals(int Forecasts, int Questions, double Brier, double ModelBrier, double BrierPerQuestion, double ModelBrierPerQuestion)
{
    /// <summary>Whether the model's Brier score is no worse than the published forecasts', forecast by forecast.</summary>
    public bool ModelNoWorse => ModelBrier <= Brier;

    /// <summary>Whether the model's Brier score is no worse with each question weighed once.</summary>
    public bool ModelNoWorsePerQuestion => ModelBrierPerQuestion <= BrierPerQuestion;

    /// <summary>The model's Brier score minus the published forecasts', forecast by forecast, with a 95% interval from resampling questions.</summary>
    public BrierGap GapPerForecast { get; init; } = BrierGap.Unknown;

    /// <summary>The same with each question weighed once.</summary>
    public BrierGap GapPerQuestion { get; init; } = BrierGap.Unknown;

    /// <summary>On how many questions the model's mean Brier score is lower than the published forecasts' (their mean on the question).</summary>
    public int ModelBetterOn { get; init; }

    /// <summary>On how many it is higher (the rest are ties).</summary>
    public int ModelWorseOn { get; init; }

    internal static PublishedTotals Of(IEnumerable<PublishedScore> scores)
    {
        var rows = scores.ToList();
        if (rows.Count == 0)
        {
            return new PublishedTotals(0, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var byQuestion = rows.GroupBy(r => r.Question.Id, StringComparer.Ordinal).ToList();
        var gaps = byQuestion.Select(g => (IReadOnlyList<double>)[.. g.Select(r => r.ModelBrier - r.Brier)]).ToList();
        var (itemLow, itemHigh, questionLow, questionHigh) = Forecasting.Scoring.ClusteredMeanIntervals(gaps);
        var totals = new PublishedTotals(
            rows.Count,
            byQuestion.Count,
            rows.Average(r => r.Brier),
            rows.Average(r => r.ModelBrier),
            byQuestion.Average(g => g.Average(r => r.Brier)),
            byQuestion.Average(g => g.Average(r => r.ModelBrier)));
        return totals with
        {
            GapPerForecast = new BrierGap(totals.ModelBrier - totals.Brier, itemLow, itemHigh),
            GapPerQuestion = new BrierGap(totals.ModelBrierPerQuestion - totals.BrierPerQuestion, questionLow, questionHigh),
            ModelBetterOn = gaps.Count(g => g.Average() < 0),
            ModelWorseOn = gaps.Count(g => g.Average() > 0),
        };
    }
}

/// <summary>
/// The model's mean Brier score minus the published forecasts' (below 0: the model better), with a
/// 95% interval from resampling whole questions 2,000 times (seeded; a question's dated forecasts
/// share its outcome, so questions, not forecasts, are the independent draws). With few questions a
/// single surprise moves the mean, and the interval says by how much. Low and High are NaN with
/// fewer than two questions.
/// </summary>
public readonly record struct BrierGap(double Estimate, double Low, double High)
{
    internal static readonly BrierGap Unknown = new(double.NaN, double.NaN, double.NaN);
}

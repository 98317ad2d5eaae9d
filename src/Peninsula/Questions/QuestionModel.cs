using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Questions;

/// <summary>
/// The model's forecasts on questions, read off the forecaster's fixed horizons through a
/// <see cref="HazardCurve"/>: as of a day D, the probability of at least one event from the
/// question's first day the record does not cover (<see cref="FirstUnknownDay"/>) to closes. A question on an event filter is forecast the same way, on the
/// days with an event the filter matches (<see cref="ForecastTarget.OfFilter"/>), from the
/// filter's events as the store read them (<paramref name="filterEvents"/>, one read per filter).
/// </summary>
/// <param name="record">The whole record the forecasts know (each as of its own day).</param>
/// <param name="filterEvents">For each filter of the questions asked, the events of the whole record it matches; questions on a filter not given here cannot be forecast.</param>
/// <param name="plans">The plans announced in public that the forecasts read (docs/forecast-selection.md, "Round 3"); the bundled table when null.</param>
public sealed class QuestionModel(IReadOnlyList<Event> record, IReadOnlyDictionary<string, IReadOnlyList<Event>>? filterEvents = null, AnnouncedPlans? plans = null)
{
    private readonly Dictionary<(string Target, KoreanDate AsOf), HazardCurve> _curves = [];
    private readonly Dictionary<string, ForecastTarget> _filterTargets = new(StringComparer.Ordinal);
    private readonly PlansOnRecord _plans = (plans ?? AnnouncedPlans.Bundled).On(record);
    private readonly KoreanDate _recordEnd = BundledRecord.CoverageEndOf(record);
    private ForecastData? _data;

    /// <summary>How many curves (four fixed-horizon forecasts each) were computed: the cost of a back-fill.</summary>
    public int CurvesMade => _curves.Count;

    /// <summary>
    /// The model's forecast on <paramref name="question"/> as of <paramref name="day"/>, or null when
    /// there is none to make: a window already over, or a question already resolved by then. A
    /// window may end more than two years after the day, which <c>forecast --until</c> refuses: the
    /// hazard goes on growing at the 365-day forecast's rate to its end (<see cref="HazardCurve"/>),
    /// and <see cref="Note"/> says so. With
    /// <paramref name="exact"/> false (a back-filled day), the models' fits are those of the latest
    /// week's start on or before the day (the step the backtest refits at), so that a month of days
    /// costs five fits, not thirty; the window is still counted from the day. Days after the record's
    /// end use the fits at the record's end, which know nothing later. On a filter, an event the
    /// filter matches that falls in the window and is known by the day (a summit announced ahead, by
    /// the record's rule: <see cref="ForecastData.KnownFrom"/>; a summit only through a plan) makes the
    /// forecast the model's ceiling. A plan announced in public and still active by the day
    /// (<see cref="AnnouncedPlans"/>) adds its chance to the model's, as an independent way for the
    /// event to come.
    /// </summary>
    public QuestionForecast? Forecast(Question question, KoreanDate day, bool exact = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (day >= question.Closes || (question.Resolution is { Outcome: true } r && r.On <= day))
        {
            return null;
        }

        var target = TargetOf(question);
        var known = Known(day);
        var start = FirstUnknownDay(question, day);
        if (AnnouncedInWindow(target, question, start, known) is not null)
        {
            return new QuestionForecast(question.Id, QuestionForecast.Model, day, 1 - RollingForecast.Floor);
        }

        var anchor = known;
        if (!exact && anchor == day)
        {
            anchor = anchor.AddDays(-(anchor.Date.DayNumber % 7));
        }

        if (!_curves.TryGetValue((target.Slug, anchor), out var curve))
        {
            // Every day up to the record's end is an issue day of one data set built to that end, which
            // gives the numbers of the record rebuilt as of the day (WindowForecast.Make, as forecast
            // --until makes them) at a fraction of the cost; a day before the forecasts' first is left to
            // the rebuilt record, which says why it cannot be forecast.
            curve = ForecastData.Index(anchor) < RollingForecast.FirstIssueDay
                ? HazardCurve.Make(record, target, anchor, cancellationToken)
                : HazardCurve.Make(_data ??= ForecastData.Build(record, _recordEnd), target, anchor, cancellationToken);
            _curves[(target.Slug, anchor)] = curve;
        }

        var p = curve.Probability(start.DaysSince(anchor), question.Closes.DaysSince(anchor));
        var outlook = Plans(target, known, start, question.Closes);
        if (outlook.Plans.Count > 0)
        {
            p = outlook.Combine(p);
        }

        return new QuestionForecast(question.Id, QuestionForecast.Model, day, Math.Round(p, 6));
    }

    /// <summary>
    /// What a person should know about the model's forecast on a question as of
    /// <paramref name="day"/>, in plain words, or null: that an event a filter matches is announced
    /// in the window (the forecast is the model's ceiling), the plans announced in public that add to
    /// the model's forecast (each with its report and the evidence for its chance), or that the record
    /// has no event a filter matches by the day (the model's reading of none, near its floor); and,
    /// whatever the day, that a filter naming an actor, a system or a text reads no plan.
    /// </summary>
    public string? Note(Question question, KoreanDate day)
    {
        ArgumentNullException.ThrowIfNull(question);
        var target = TargetOf(question);
        // Said whether or not a forecast is made today: the back-filled days ('questions update --from') read no plan either.
        var unread = _plans.Unread(target);
        if (Forecast(question, day) is null)
        {
            return unread;
        }

        var notes = new List<string>();
        if (question.Closes > WindowForecast.LatestEnd(day))
        {
            // forecast --until refuses such a window; a question may be asked on one, and the model's reading of it says what it rests on.
            notes.Add($"The window ends more than two years after {day}, further than forecast --until reaches: the model's forecast carries its 365-day forecast's tempo on to {question.Closes}, a long extrapolation.");
        }

        var known = Known(day);
        var start = FirstUnknownDay(question, day);
        if (AnnouncedInWindow(target, question, start, known) is { } ahead)
        {
            return $"{ahead.Title} ({ahead.Date}) falls in the window and counts as announced by {known} (the record's rule: exercises a week ahead, visits three days): the model's forecast is its ceiling, {Forecaster.Pct(1 - RollingForecast.Floor)}.";
        }

        notes.AddRange(Plans(target, known, start, question.Closes).Plans.Select(p => p.Describe()));
        if (unread is not null)
        {
            notes.Add(unread);
        }

        if (question.Filter is not null && !target.FilterEvents.Any(e => e.Date <= known))
        {
            notes.Add($"The record has no event this filter matches up to {known}: the model's forecast rests on none since {ForecastData.SeriesStart.Year} and is near its floor ({Forecaster.Pct(RollingForecast.Floor)} at each of its horizons of 7 to 365 days).");
        }

        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    /// <summary>The last day whose events the forecast as of <paramref name="day"/> knows: the day, or the record's end when the day is past it.</summary>
    private KoreanDate Known(KoreanDate day) => day < _recordEnd ? day : _recordEnd;

    /// <summary>
    /// The first day of the question's window whose events the forecast as of <paramref name="day"/>
    /// does not know: the day after the day, or, past the record's end, the day after that end. The
    /// days between the record's end and the day are not known to be quiet: an event on one of them,
    /// imported later, settles the question, so the forecast counts them as days still to come (a
    /// question on 2026 asked on 2026-12-08 of a record ending on 2025-06-30 is forecast for all of
    /// 2026, not for its last 23 days).
    /// </summary>
    public KoreanDate FirstUnknownDay(Question question, KoreanDate day)
    {
        ArgumentNullException.ThrowIfNull(question);
        var next = Known(day).AddDays(1);
        return question.Opens > next ? question.Opens : next;
    }

    /// <summary>What the plans announced by <paramref name="known"/> that count for <paramref name="target"/> say of the window.</summary>
    private PlanOutlook Plans(ForecastTarget target, KoreanDate known, KoreanDate start, KoreanDate end) =>
        _plans.Outlook(target, known, start, end);

    /// <summary>
    /// The first event of a filter target that falls in the window from <paramref name="start"/> to
    /// the question's close, after <paramref name="known"/>, and counts as announced by then
    /// (<see cref="ForecastData.KnownFrom"/>); null for a fixed target, whose events are never known ahead.
    /// A summit is not known this way: only a plan announced in public tells of one ahead (some are
    /// never announced, some are called off), see <see cref="AnnouncedPlans"/>.
    /// </summary>
    private static Event? AnnouncedInWindow(ForecastTarget target, Question question, KoreanDate start, KoreanDate known) =>
        target.FilterEvents.FirstOrDefault(e => e.Kind != EventKind.Summit && e.Date >= start && e.Date <= question.Closes && e.Date > known && ForecastData.KnownFrom(e) <= known);

    /// <summary>What the model forecasts for <paramref name="question"/>: its target, or the target made of its filter's events.</summary>
    public ForecastTarget TargetOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Target is { } target)
        {
            return target;
        }

        var filter = question.Filter!;
        if (!_filterTargets.TryGetValue(filter, out var made))
        {
            if (filterEvents is null || !filterEvents.TryGetValue(filter, out var events))
            {
                throw new ArgumentException($"The events of the filter '{filter}' of question '{question.Id}' were not read.", nameof(question));
            }

            made = ForecastTarget.OfFilter(filter, events);
            _filterTargets[filter] = made;
        }

        return made;
    }

    /// <summary>
    /// The model's forecasts on <paramref name="question"/> for every day from <paramref name="from"/>
    /// to <paramref name="to"/> that it can forecast: <paramref name="to"/> exactly, the days before it
    /// back-filled (see <see cref="Forecast"/>).
    /// </summary>
    public IReadOnlyList<QuestionForecast> Days(
        Question question, KoreanDate from, KoreanDate to, Action? dayDone = null, CancellationToken cancellationToken = default)
    {
        var forecasts = new List<QuestionForecast>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (Forecast(question, day, exact: day == to, cancellationToken) is { } f)
            {
                forecasts.Add(f);
            }

            dayDone?.Invoke();
        }

        return forecasts;
    }
}

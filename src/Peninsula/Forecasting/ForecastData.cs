using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Forecasting;

/// <summary>
/// The record as the forecasts see it: one entry per Korean date from <see cref="SeriesStart"/>
/// to <see cref="DataEnd"/>, with the days on which each target happened and the scheduled context
/// (exercises, visits, summits) with the date from which each was known.
/// </summary>
/// <remarks>
/// No peeking is built in twice. Building the data as of a date keeps only what was known then:
/// North Korean actions dated on or before it, and scheduled context whose announcement (start
/// minus its usual lead, below) came on or before it. And every quantity a model reads at day
/// index t (counts, days since, context flags) uses only actions on or before t and context known
/// by t, so one data set built to the end of the record serves every issue date of a backtest.
/// One leak remains possible and is accepted: the calendars hold each exercise's and visit's
/// dates as they happened, so an event moved after its announcement would be known at its final
/// dates; the calendars note no such case.
/// </remarks>
internal sealed class ForecastData
{
    /// <summary>Day 0 of every series: the missile reference table starts in 1984; earlier incidents are too sparsely recorded to count.</summary>
    public static readonly KoreanDate SeriesStart = new(1984, 1, 1);

    /// <summary>The first date a forecast can be made as of: every model learns from six years of the record first.</summary>
    public static readonly KoreanDate FirstForecastDate = new(1990, 1, 1);

    /// <summary>
    /// Refuses, in plain words naming <paramref name="field"/>, a forecast as of a date before
    /// <see cref="FirstForecastDate"/>.
    /// </summary>
    public static void RequireForecastable(KoreanDate asOf, string field = "--as-of")
    {
        if (asOf < FirstForecastDate)
        {
            throw new InputException($"Forecasts start on {FirstForecastDate}: the models learn from six years of the record, which begins on {SeriesStart}, so {asOf} is too early.", field: field);
        }
    }

    /// <summary>US-ROK and trilateral exercises are announced by the allies about a week before they start (usually more; a week is the cautious figure).</summary>
    public const int ExerciseAnnouncementLeadDays = 7;

    /// <summary>Visits to Seoul by the US Secretaries of State and Defense are announced a few days ahead.</summary>
    public const int VisitAnnouncementLeadDays = 3;

    /// <summary>Summits are announced about a week ahead (some earlier, a few only on the day).</summary>
    public const int SummitAnnouncementLeadDays = 7;

    private readonly Dictionary<string, TargetSeries> _series = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int, int, int, bool), Lazy<RollingForecast>> _runs = new();
    private readonly IReadOnlyList<Event> _actions;

    private ForecastData(IReadOnlyList<Event> actions, IReadOnlyList<ScheduledContext> scheduled, KoreanDate dataEnd, PlansOnRecord plans)
    {
        _actions = actions;
        Scheduled = scheduled;
        Plans = plans;
        DataEnd = dataEnd;
        Days = dataEnd.DaysSince(SeriesStart) + 1;
        AnyProvocation = new TargetSeries(Days, actions.Select(e => Index(e.Date)));
    }

    /// <summary>The last Korean date whose events the data knows.</summary>
    public KoreanDate DataEnd { get; }

    /// <summary>The number of days in the series (day indices 0 .. Days-1).</summary>
    public int Days { get; }

    /// <summary>Scheduled context (exercises, visits, summits), each with the day index from which it was known.</summary>
    public IReadOnlyList<ScheduledContext> Scheduled { get; }

    /// <summary>
    /// The plans announced in public (a notified satellite-launch window, a summit agreed with a time
    /// frame) read against the whole record; each outlook reads only what was known on the day it is
    /// asked as of, so one set serves every issue date.
    /// </summary>
    public PlansOnRecord Plans { get; }

    /// <summary>Days with any North Korean action of any kind (missiles, artillery, hybrid ...): the general tempo.</summary>
    public TargetSeries AnyProvocation { get; }

    /// <summary>
    /// The data as known at the end of <paramref name="asOf"/>. The data cannot reach past the
    /// record's coverage (the bundled record's end, or the latest imported action, whichever is
    /// later): days after it are unknown, not quiet. The plans announced in public are
    /// <paramref name="plans"/> (default the bundled table, <c>data/plans/announced.csv</c>).
    /// </summary>
    public static ForecastData Build(IEnumerable<Event> events, KoreanDate asOf, AnnouncedPlans? plans = null)
    {
        var all = events as IReadOnlyList<Event> ?? [.. events];
        var coverage = BundledRecord.CoverageEndOf(all);
        var end = asOf < coverage ? asOf : coverage;
        if (end < SeriesStart)
        {
            throw new InputException($"The record the forecasts read begins on {SeriesStart}; {asOf} is earlier.", field: "--as-of");
        }

        var actions = all.Where(e => Taxonomy.ProvocationKinds.Contains(e.Kind) && e.Date >= SeriesStart && e.Date <= end).ToList();
        var scheduled = new List<ScheduledContext>();
        foreach (var e in all)
        {
            var type = e.Kind switch
            {
                EventKind.MilitaryExercise when e.Class is "us-rok" or "trilateral" => ContextType.Exercise,
                EventKind.DiplomaticVisit when e.Class is "us-secretary-of-state" or "us-secretary-of-defense" => ContextType.Visit,
                EventKind.Summit => ContextType.Summit,
                _ => ContextType.None,
            };
            var known = KnownFrom(e);
            if (type != ContextType.None && known <= end && e.LastDate >= SeriesStart)
            {
                scheduled.Add(new ScheduledContext(type, e.Title, e.Date, e.LastDate, known.DaysSince(SeriesStart), e.Date.DaysSince(SeriesStart), e.LastDate.DaysSince(SeriesStart)));
            }
        }

        return new ForecastData(actions, scheduled, end, (plans ?? AnnouncedPlans.Bundled).On(all));
    }

    /// <summary>
    /// The Korean date from which the record counts an event as known: a calendar event (an
    /// exercise, a visit, a summit) from its start minus its usual announcement lead
    /// (<see cref="ExerciseAnnouncementLeadDays"/>, <see cref="VisitAnnouncementLeadDays"/>,
    /// <see cref="SummitAnnouncementLeadDays"/>), anything else from its own date.
    /// </summary>
    public static KoreanDate KnownFrom(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Date.AddDays(-(e.Kind switch
        {
            EventKind.MilitaryExercise => ExerciseAnnouncementLeadDays,
            EventKind.DiplomaticVisit => VisitAnnouncementLeadDays,
            EventKind.Summit => SummitAnnouncementLeadDays,
            _ => 0,
        }));
    }

    /// <summary>The day index of a Korean date.</summary>
    public static int Index(KoreanDate date) => date.DaysSince(SeriesStart);

    /// <summary>The Korean date of a day index.</summary>
    public static KoreanDate DateAt(int index) => SeriesStart.AddDays(index);

    /// <summary>
    /// The events of one target the data knows, in the record's order: for a fixed target, North
    /// Korean actions from <see cref="SeriesStart"/> to <see cref="DataEnd"/>; for a filter, the
    /// filter's events of any kind dated in the same span (an event on or before a date is known by
    /// then, whatever its kind; a question's forecast reads those announced ahead itself, see <c>QuestionModel</c>).
    /// </summary>
    public IEnumerable<Event> EventsOf(ForecastTarget target) =>
        target.Filter is null ? _actions.Where(target.Matches) : target.FilterEvents.Where(e => e.Date >= SeriesStart && e.Date <= DataEnd);

    /// <summary>The event days of one target.</summary>
    public TargetSeries For(ForecastTarget target)
    {
        lock (_series)
        {
            if (!_series.TryGetValue(target.Slug, out var series))
            {
                series = new TargetSeries(Days, EventsOf(target).Select(e => Index(e.Date)));
                _series[target.Slug] = series;
            }

            return series;
        }
    }

    /// <summary>
    /// A rolling forecast on this data, computed once per target, horizon, first scored day and
    /// step. A run that ends earlier on the same issue days is the start of a longer one (a
    /// forecast depends only on the issue days before it), so it is cut from the longer run rather
    /// than run again: the report's longer horizons, bounded by the shorter ones, reuse those backtests.
    /// </summary>
    internal RollingForecast Run(ForecastTarget target, int horizon, int firstScoredDay, int lastDay, int step, bool candidates, Func<RollingForecast> compute)
    {
        var key = (target.Slug, horizon, firstScoredDay, step, candidates);
        while (true)
        {
            var entry = _runs.GetOrAdd(key, _ => new Lazy<RollingForecast>(compute));
            var run = entry.Value;
            var end = run.IssueDays[^1];
            if (end == lastDay)
            {
                return run;
            }

            if (end > lastDay)
            {
                return (end - lastDay) % step == 0 ? run.Until(lastDay) : compute();
            }

            // A longer run replaces the shorter one; the shorter is its start.
            var longer = new Lazy<RollingForecast>(compute);
            if (_runs.TryUpdate(key, longer, entry))
            {
                return longer.Value;
            }
        }
    }

    /// <summary>The scheduled context of a type known at day <paramref name="t"/> that is in progress on t or starts within t+1 .. t+horizon.</summary>
    public ScheduledContext? KnownWithin(ContextType type, int t, int horizon)
    {
        foreach (var c in Scheduled)
        {
            if (c.Type == type && c.KnownFrom <= t && c.StartIndex <= t + horizon && c.EndIndex >= t)
            {
                return c;
            }
        }

        return null;
    }
}

/// <summary>Kinds of scheduled context the covariate model reads.</summary>
internal enum ContextType
{
    /// <summary>Not scheduled context.</summary>
    None,
    /// <summary>A US-ROK or trilateral exercise.</summary>
    Exercise,
    /// <summary>A visit to Seoul by the US Secretary of State or Defense.</summary>
    Visit,
    /// <summary>A summit.</summary>
    Summit,
}

/// <summary>One scheduled context event with the day index from which it counts as known.</summary>
internal sealed record ScheduledContext(ContextType Type, string Title, KoreanDate Start, KoreanDate End, int KnownFrom, int StartIndex, int EndIndex);

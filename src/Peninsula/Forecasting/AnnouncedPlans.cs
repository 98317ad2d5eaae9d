using System.Globalization;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Forecasting;

/// <summary>
/// A plan made public ahead of the event: a summit agreed in public with a time frame, or a
/// satellite-launch window North Korea notified. Whether it was kept is not part of the plan: the
/// record settles it (<see cref="AnnouncedPlans"/>).
/// </summary>
/// <param name="Id">The row's id, unique in its table.</param>
/// <param name="Announced">The Korean date on which the plan became public.</param>
/// <param name="Kind"><see cref="AnnouncedPlans.Summit"/> or <see cref="AnnouncedPlans.SatelliteLaunch"/>.</param>
/// <param name="Class">For a summit, the record's summit class (<c>us-dprk</c>, <c>inter-korean</c> ...); null for a launch.</param>
/// <param name="Title">What was announced, in plain words.</param>
/// <param name="FrameFrom">The first Korean date of the time frame the announcement stated.</param>
/// <param name="FrameTo">The last Korean date of that time frame.</param>
/// <param name="Revises">The id of the earlier row this one replaces (a date fixed or moved, a plan revived), or null.</param>
/// <param name="Cancelled">The Korean date on which this plan was called off in public, or null.</param>
/// <param name="SourceUrl">The report of the announcement.</param>
public sealed record AnnouncedPlan(
    string Id, KoreanDate Announced, string Kind, string? Class, string Title,
    KoreanDate FrameFrom, KoreanDate FrameTo, string? Revises, KoreanDate? Cancelled, string SourceUrl)
{
    /// <summary>The kind of record event that carries the plan out.</summary>
    public EventKind EventKind => Kind == AnnouncedPlans.Summit ? EventKind.Summit : EventKind.MissileLaunch;

    /// <summary>The class of record event that carries the plan out (a satellite launch is a launch of class <c>slv</c>).</summary>
    public string? EventClass => Kind == AnnouncedPlans.Summit ? Class : "slv";

    /// <summary>The plan as the event it announced, dated on its frame's first day: what a target or a filter is asked about.</summary>
    internal Event AsEvent() => new()
    {
        Id = $"plan:{Id}",
        Kind = EventKind,
        Class = EventClass,
        Date = FrameFrom,
        Title = Title,
    };
}

/// <summary>
/// The plans announced in public (<c>data/plans/announced.csv</c>) and what they say about a
/// question's window as of a day: the rule of docs/forecast-selection.md, "Round 3". A chain of
/// revisions is one plan; as of a day it is active while announced, not called off, not replaced and
/// not yet carried out; it is kept when the record holds its event from its announcement to
/// <see cref="GraceDays"/> days after its frame; the share kept among the plans of its kind whose
/// outcome was known by then, with a uniform prior, times the part of its remaining frame inside the
/// window, is its probability.
/// </summary>
public sealed class AnnouncedPlans
{
    /// <summary>A meeting of North Korea's leader with another head of state or government.</summary>
    public const string Summit = "summit";

    /// <summary>A satellite-launch window North Korea notified.</summary>
    public const string SatelliteLaunch = "satellite-launch";

    /// <summary>How long after its frame a plan's event still counts as the plan kept: a slip of a few weeks still answers a question about the meeting.</summary>
    public const int GraceDays = 30;

    /// <summary>The columns of the table, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "announced", "kind", "class", "title", "frame_from", "frame_to", "revises", "cancelled",
        "source_name", "source_url", "cancelled_source_url", "note",
    ];

    private const string BundledFile = "data/plans/announced.csv";

    private static readonly Lazy<AnnouncedPlans> LazyBundled = new(() => Record.BundledRecord.Read(BundledFile, Read));

    private readonly Dictionary<string, string> _root = new(StringComparer.Ordinal);

    private AnnouncedPlans(IReadOnlyList<AnnouncedPlan> plans)
    {
        Plans = plans;
        foreach (var plan in plans)
        {
            _root[plan.Id] = plan.Revises is { } earlier ? _root[earlier] : plan.Id;
        }
    }

    /// <summary>The bundled table, read once.</summary>
    public static AnnouncedPlans Bundled => LazyBundled.Value;

    /// <summary>No plans at all: the model alone.</summary>
    public static AnnouncedPlans None { get; } = new([]);

    /// <summary>Every row, in the table's order.</summary>
    public IReadOnlyList<AnnouncedPlan> Plans { get; }

    /// <summary>
    /// Reads a table of plans strictly: the header, valid Korean dates, a known kind, a class for a
    /// summit and none for a launch, unique ids, a revision of an earlier row, a frame that ends on or
    /// after it starts and after the announcement, a call-off on or after the announcement with its own
    /// report, and every row's report. A bad row throws an <see cref="InputException"/> naming the
    /// file, line and column.
    /// </summary>
    public static AnnouncedPlans Read(TextReader text, string file)
    {
        var plans = new List<AnnouncedPlan>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(text, file, Columns).Records)
        {
            var id = r.Required("id");
            if (!ids.Add(id))
            {
                throw r.Error("id", $"'{id}' is the id of an earlier row; every plan needs its own.");
            }

            var kind = r.Required("kind");
            if (kind is not (Summit or SatelliteLaunch))
            {
                throw r.Error("kind", $"'{kind}' is not a kind of plan: {Summit} or {SatelliteLaunch}.");
            }

            var cls = r.Optional("class");
            if ((kind == Summit) != (cls is not null))
            {
                throw r.Error("class", kind == Summit ? "a summit plan needs the record's summit class (us-dprk, inter-korean ...)." : "a satellite-launch plan has no class.");
            }

            var announced = r.RequiredDate("announced");
            var from = r.RequiredDate("frame_from");
            var to = r.RequiredDate("frame_to");
            if (to < from)
            {
                throw r.Error("frame_to", $"the frame ends ({to}) before it starts ({from}).");
            }

            if (to < announced)
            {
                throw r.Error("frame_to", $"the frame ends ({to}) before the plan was announced ({announced}).");
            }

            var revises = r.Optional("revises");
            if (revises is not null)
            {
                var revised = plans.FirstOrDefault(p => p.Id == revises)
                    ?? throw r.Error("revises", $"'{revises}' is not the id of an earlier row.");
                if (revised.Kind != kind || revised.Class != cls)
                {
                    throw r.Error("revises", $"'{revises}' is a plan of another kind or class ({revised.Kind} {revised.Class}).");
                }

                if (announced < revised.Announced)
                {
                    throw r.Error("revises", $"'{revises}' was announced on {revised.Announced}, after this row ({announced}).");
                }
            }

            var cancelled = r.OptionalDate("cancelled");
            if (cancelled is { } off && off < announced)
            {
                throw r.Error("cancelled", $"the plan is called off ({off}) before it was announced ({announced}).");
            }

            if (cancelled is not null && ProvocationRow.CheckedUrl(r, "cancelled_source_url") is null)
            {
                throw r.Error("cancelled_source_url", "a plan called off needs the report that says so.");
            }

            r.Required("source_name");
            var url = ProvocationRow.CheckedUrl(r, "source_url") ?? throw r.Error("source_url", "every plan needs the report of its announcement.");
            plans.Add(new AnnouncedPlan(id, announced, kind, cls, r.Required("title"), from, to, revises, cancelled, url));
        }

        return new AnnouncedPlans(plans);
    }

    /// <summary>
    /// The plans read against <paramref name="record"/> (the whole record; each outlook reads only
    /// its events up to the day it is asked as of): the dates of the events that can carry each plan
    /// out are gathered once.
    /// </summary>
    public PlansOnRecord On(IReadOnlyList<Event> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var carriers = Plans
            .Select(p => (p.EventKind, p.EventClass))
            .Distinct()
            .ToDictionary(
                k => k,
                k => record.Where(e => e.Kind == k.EventKind && e.Class == k.EventClass).Select(e => e.Date).Order().ToArray());
        return new PlansOnRecord(this, carriers);
    }

    /// <summary>The root of the chain of revisions a row belongs to.</summary>
    internal string RootOf(AnnouncedPlan plan) => _root[plan.Id];
}

/// <summary>The plans announced in public, read against one record (<see cref="AnnouncedPlans.On"/>).</summary>
public sealed class PlansOnRecord
{
    private readonly AnnouncedPlans _plans;
    private readonly Dictionary<(EventKind, string?), KoreanDate[]> _carriers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Target, string Plan), bool> _counts = new();

    internal PlansOnRecord(AnnouncedPlans plans, Dictionary<(EventKind, string?), KoreanDate[]> carriers)
    {
        _plans = plans;
        _carriers = carriers;
    }

    /// <summary>
    /// What the plans that count for <paramref name="target"/> say, as of <paramref name="known"/>, of
    /// an event in the window from <paramref name="start"/> to <paramref name="end"/>: for a fixed
    /// target, a plan counts when the event it announced would; for a filter, when the filter's kinds
    /// and classes take it and the filter names no text, system or actor, which a plan cannot be
    /// matched on. The questions' model and the window forecasts read plans through this one rule.
    /// </summary>
    public PlanOutlook Outlook(ForecastTarget target, KoreanDate known, KoreanDate start, KoreanDate end)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Outlook(plan => _counts.GetOrAdd((target.Slug, plan.Id), _ => Counts(target, plan)), known, start, end);
    }

    private static bool Counts(ForecastTarget target, AnnouncedPlan plan)
    {
        if (target.Filter is not { } filter)
        {
            return target.Matches(plan.AsEvent());
        }

        // A question's filter was checked when the question was made (Question), so it parses.
        var query = EventFilter.Parse(filter, "filter");
        return !NamesMoreThanAPlanHolds(query) && TakesKindAndClass(query, plan);
    }

    private static bool NamesMoreThanAPlanHolds(EventQuery query) => query.System is not null || query.Actor is not null || query.Text is not null;

    private static bool TakesKindAndClass(EventQuery query, AnnouncedPlan plan) =>
        (query.Kinds.Count == 0 || query.Kinds.Contains(plan.EventKind))
        && (query.Classes.Count == 0 || (plan.EventClass is { } cls && query.Classes.Contains(cls, StringComparer.OrdinalIgnoreCase)));

    /// <summary>
    /// Why the plans announced in public are not read for <paramref name="target"/>, in words, where
    /// its filter names an actor, a system or a text (which a plan, holding only its kind and class,
    /// cannot be matched on) while its kinds and classes alone would take some plans; null otherwise.
    /// A user who asks about "kind=summit actor=US" is told to ask about the class to count them.
    /// </summary>
    public string? Unread(ForecastTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Filter is not { } filter || EventFilter.Parse(filter, "filter") is not { } query || !NamesMoreThanAPlanHolds(query))
        {
            return null;
        }

        var filters = _plans.Plans.Where(p => TakesKindAndClass(query, p))
            .Select(p => $"kind={p.EventKind.Slug()} class={p.EventClass}").Distinct(StringComparer.Ordinal).ToList();
        return filters.Count == 0
            ? null
            : $"The plans announced in public (data/plans/announced.csv) are not read for this filter: a plan holds only its kind and class, not an actor, a system or a text. " +
              $"To count the plans it would otherwise take, ask about their class: {string.Join("; ", filters.Select(f => $"--filter \"{f}\""))}.";
    }

    /// <summary>
    /// What the plans that <paramref name="counts"/> accepts say, as of <paramref name="known"/> (the
    /// last day whose events and announcements are known), of an event in the window from
    /// <paramref name="start"/> to <paramref name="end"/>: each active plan's probability and the
    /// evidence for it.
    /// </summary>
    public PlanOutlook Outlook(Func<AnnouncedPlan, bool> counts, KoreanDate known, KoreanDate start, KoreanDate end)
    {
        ArgumentNullException.ThrowIfNull(counts);
        // A chain's rows share its kind and class, so no row that counts means no chain that does.
        if (!_plans.Plans.Any(p => p.Announced <= known && counts(p)))
        {
            return PlanOutlook.None;
        }

        var chains = Chains(known);
        var active = new List<PlanInWindow>();
        foreach (var chain in chains.Where(c => c.Outcome is null && counts(c.Latest)))
        {
            var resolved = chains.Where(c => c.Outcome is not null && c.Latest.Kind == chain.Latest.Kind).ToList();
            var kept = resolved.Count(c => c.Outcome == true);
            var share = (kept + 1.0) / (resolved.Count + 2.0);
            var plan = chain.Latest;
            var (from, to) = plan.FrameTo > known
                ? (plan.FrameFrom > known ? plan.FrameFrom : known.AddDays(1), plan.FrameTo)
                : (known.AddDays(1), plan.FrameTo.AddDays(AnnouncedPlans.GraceDays));
            var overlapFrom = from > start ? from : start;
            var overlapTo = to < end ? to : end;
            var inWindow = overlapTo < overlapFrom ? 0.0 : (overlapTo.DaysSince(overlapFrom) + 1.0) / (to.DaysSince(from) + 1.0);
            active.Add(new PlanInWindow(plan, kept, resolved.Count, share, from, to, inWindow, share * inWindow));
        }

        return new PlanOutlook(active);
    }

    /// <summary>
    /// Every chain of revisions announced by <paramref name="known"/>, with its latest revision then
    /// and its outcome as known then: kept (its event came, from its first announcement, on that day
    /// only inside the frame, to <see cref="AnnouncedPlans.GraceDays"/> days after its frame), not kept (called off, or its event
    /// came later or not by then), or null while still open.
    /// </summary>
    private List<Chain> Chains(KoreanDate known)
    {
        var chains = new List<Chain>();
        foreach (var rows in _plans.Plans.Where(p => p.Announced <= known).GroupBy(_plans.RootOf))
        {
            // Rows are in the table's order, each revision after the row it revises.
            var latest = rows.Last();
            var dates = _carriers[(latest.EventKind, latest.EventClass)];
            var first = rows.First().Announced;
            var index = Array.BinarySearch(dates, first);
            index = index < 0 ? ~index : index;
            while (index > 0 && dates[index - 1] == first)
            {
                index--;
            }

            // An event on the day of the first announcement carries the plan out only inside its
            // frame: a launch on the day of its own notice does; the launch whose failure prompted a
            // plan for "October", or the summit at which the next one was agreed, does not.
            while (index < dates.Length && dates[index] == first && !(latest.FrameFrom <= first && first <= latest.FrameTo))
            {
                index++;
            }

            KoreanDate? carried = index < dates.Length && dates[index] <= known ? dates[index] : null;
            var keptBy = latest.FrameTo.AddDays(AnnouncedPlans.GraceDays);
            bool? outcome = carried is { } on
                ? on <= keptBy
                : (latest.Cancelled is { } off && off <= known) || keptBy < known ? false : null;
            chains.Add(new Chain(latest, outcome));
        }

        return chains;
    }

    private sealed record Chain(AnnouncedPlan Latest, bool? Outcome);
}

/// <summary>What the active plans say of a window: each plan's part, and their probability together.</summary>
/// <param name="Plans">The active plans that count, each with its evidence.</param>
public sealed record PlanOutlook(IReadOnlyList<PlanInWindow> Plans)
{
    /// <summary>No active plan.</summary>
    public static PlanOutlook None { get; } = new([]);

    /// <summary>The chance that at least one of the plans is carried out in the window, taking them as independent.</summary>
    public double Probability => 1 - Plans.Aggregate(1.0, (none, p) => none * (1 - p.Probability));

    /// <summary>
    /// The model's forecast <paramref name="model"/> with the plans as independent further ways for the
    /// event to come, kept within the model's floor and ceiling.
    /// </summary>
    public double Combine(double model) =>
        Math.Clamp(1 - ((1 - model) * (1 - Probability)), RollingForecast.Floor, 1 - RollingForecast.Floor);
}

/// <summary>One active plan's part in a window's forecast, with its evidence.</summary>
/// <param name="Plan">The plan (its latest revision).</param>
/// <param name="Kept">How many earlier plans of its kind whose outcome was known were kept.</param>
/// <param name="Resolved">How many earlier plans of its kind had a known outcome.</param>
/// <param name="KeptShare">(kept + 1) / (resolved + 2): the share kept with a uniform prior.</param>
/// <param name="From">The first day the plan's event is still expected on (its frame from the day after the forecast, or the grace days once the frame has passed).</param>
/// <param name="To">The last such day.</param>
/// <param name="InWindow">The fraction of those days inside the question's window.</param>
/// <param name="Probability">The plan's probability of an event in the window: the kept share times the fraction.</param>
public sealed record PlanInWindow(
    AnnouncedPlan Plan, int Kept, int Resolved, double KeptShare, KoreanDate From, KoreanDate To, double InWindow, double Probability)
{
    /// <summary>The plan's part, in plain words, with its report.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"Announced on {Plan.Announced}: {Plan.Title} ({Plan.FrameFrom}{(Plan.FrameTo == Plan.FrameFrom ? "" : $" to {Plan.FrameTo}")}; {Plan.SourceUrl}). Of {Resolved} earlier {(Plan.Kind == AnnouncedPlans.Summit ? "summit plans" : "notified launch windows")} whose outcome was known, {Kept} were kept (share {Forecaster.Pct(KeptShare)} with a uniform prior); {Forecaster.Pct(InWindow)} of the days it is expected on ({From} to {To}) fall in the window: {Forecaster.Pct(Probability)} from this plan.");
}

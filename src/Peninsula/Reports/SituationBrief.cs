using Peninsula.Events;

namespace Peninsula.Reports;

/// <summary>
/// The situation brief: how long since the last ballistic launch, ICBM and nuclear test, what
/// happened in the last days, and launches per year. Computed from the record as of a Korean date.
/// </summary>
/// <param name="AsOf">The Korean date the brief is for.</param>
/// <param name="RecordFirst">The date of the earliest North Korean action in the record.</param>
/// <param name="RecordLast">The latest date of a North Korean action in the record.</param>
/// <param name="Milestones">The last ballistic launch, ICBM launch and nuclear test on or before <paramref name="AsOf"/>.</param>
/// <param name="RecentDays">How many days <paramref name="Recent"/> covers.</param>
/// <param name="Recent">Events in the <paramref name="RecentDays"/> days up to <paramref name="AsOf"/> (anniversaries left out).</param>
/// <param name="LaunchesByYear">Ballistic launch events and missiles fired per year.</param>
public sealed record SituationBrief(
    KoreanDate AsOf,
    KoreanDate? RecordFirst,
    KoreanDate? RecordLast,
    IReadOnlyList<Milestone> Milestones,
    int RecentDays,
    IReadOnlyList<Event> Recent,
    IReadOnlyList<YearOfLaunches> LaunchesByYear)
{
    /// <summary>How current the record is on <see cref="AsOf"/>: the dashboard's rule, so that both tell the same.</summary>
    public required RecordFreshness Freshness { get; init; }

    /// <summary>Whether the days-since figures are only upper bounds: the record ended well before <see cref="AsOf"/>, and a launch it does not hold could only make them smaller.</summary>
    public bool DaysSinceAreUpperBounds => Freshness.IsStale;

    /// <summary>Builds the brief from the events of the record.</summary>
    /// <param name="events">The whole record (or any part of it).</param>
    /// <param name="asOf">The Korean date of the brief; later events are ignored.</param>
    /// <param name="recentDays">The length of the recent-events window, in days.</param>
    /// <param name="years">How many years the launches-per-year series covers, ending with the year of <paramref name="asOf"/>, or of the record's end when the record ended well before it (<see cref="RecordFreshness.CountedTo"/>).</param>
    public static SituationBrief Compute(IReadOnlyList<Event> events, KoreanDate asOf, int recentDays = 30, int years = 20)
    {
        var known = events.Where(e => e.Date <= asOf).ToList();
        var actions = known.Where(e => Taxonomy.ProvocationKinds.Contains(e.Kind)).ToList();
        var ballistic = actions.Where(Taxonomy.IsBallisticLaunch).ToList();

        Milestone Last(string what, IEnumerable<Event> candidates)
        {
            var last = candidates.MaxBy(e => (e.Date, e.UtcInstant ?? DateTimeOffset.MinValue));
            return new Milestone(what, last, last is null ? null : asOf.DaysSince(last.Date));
        }

        // A year after the record's end is not a year without launches: the series stops at the year the record is counted to.
        var freshness = RecordFreshness.Of(events, asOf);
        var firstYear = freshness.CountedTo.Year - years + 1;
        var byYear = Enumerable.Range(firstYear, years)
            .Select(y =>
            {
                var inYear = ballistic.Where(e => e.Date.Year == y).ToList();
                return new YearOfLaunches(y, inYear.Count, inYear.Sum(e => e.Figures.NumberFired ?? 0));
            })
            .ToList();

        return new SituationBrief(
            asOf,
            actions.Count == 0 ? null : actions.Min(e => e.Date),
            actions.Count == 0 ? null : actions.Max(e => e.Date),
            [
                Last("ballistic missile launch", ballistic),
                Last("ICBM launch", ballistic.Where(e => e.Class == "icbm")),
                Last("nuclear test", actions.Where(e => e.Kind == EventKind.NuclearTest)),
            ],
            recentDays,
            [.. known.Where(e => e.LastDate >= asOf.AddDays(-recentDays + 1) && e.Kind != EventKind.Anniversary)
                .OrderBy(e => e.Date).ThenBy(e => e.UtcInstant)],
            byYear)
        {
            Freshness = freshness,
        };
    }
}

/// <summary>The latest event of some kind and how many days before the brief's date it was.</summary>
/// <param name="What">What is counted, in plain words.</param>
/// <param name="Event">The latest such event, or null when the record has none.</param>
/// <param name="DaysAgo">Days from the event to the brief's date.</param>
public sealed record Milestone(string What, Event? Event, int? DaysAgo);

/// <summary>Ballistic launches in one year.</summary>
/// <param name="Year">The year (Korean dates).</param>
/// <param name="LaunchEvents">Launch events (one per day, system and site).</param>
/// <param name="MissilesFired">Missiles fired, where the record counts them.</param>
public sealed record YearOfLaunches(int Year, int LaunchEvents, int MissilesFired);

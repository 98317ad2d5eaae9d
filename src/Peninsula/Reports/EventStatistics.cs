using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Reports;

/// <summary>What to count events by.</summary>
public enum StatisticsDimension
{
    /// <summary>Calendar year of the Korean date.</summary>
    Year,
    /// <summary>Year and month, <c>YYYY-MM</c>.</summary>
    Month,
    /// <summary>Kind of event.</summary>
    Kind,
    /// <summary>Class within the kind (missile class ...).</summary>
    Class,
    /// <summary>Weapon system.</summary>
    System,
    /// <summary>Launch or event site.</summary>
    Site,
}

/// <summary>One group of a count: its key, the number of events and, for launches, of missiles fired.</summary>
/// <param name="Key">The group (a year, a kind slug, a system name ...); <c>(none)</c> where the event has no value.</param>
/// <param name="Events">Number of events.</param>
/// <param name="MissilesFired">Sum of missiles fired where the record counts them.</param>
/// <param name="LaunchesUncounted">Launches whose number of missiles no source gives: the true number fired is at least <paramref name="MissilesFired"/> plus one for each.</param>
public sealed record StatisticsRow(string Key, int Events, int MissilesFired, int LaunchesUncounted = 0);

/// <summary>One cell of a two-way count: the keys of both dimensions, the number of events and of missiles fired.</summary>
/// <param name="Key">The first dimension's group (e.g. a month).</param>
/// <param name="Group">The second dimension's group (e.g. a class).</param>
/// <param name="Events">Number of events.</param>
/// <param name="MissilesFired">Sum of missiles fired where the record counts them.</param>
/// <param name="LaunchesUncounted">Launches whose number of missiles no source gives.</param>
public sealed record StatisticsCell(string Key, string Group, int Events, int MissilesFired, int LaunchesUncounted = 0);

/// <summary>Counts of events grouped by one dimension.</summary>
public static class EventStatistics
{
    /// <summary>The label for events that have no value for the dimension.</summary>
    public const string None = "(none)";

    /// <summary>
    /// Counts the events by two dimensions at once (e.g. month, then class): one cell per pair that
    /// occurs, ordered by the first key, then by count, largest first.
    /// </summary>
    public static IReadOnlyList<StatisticsCell> Crosstab(IEnumerable<Event> events, StatisticsDimension by, StatisticsDimension then) =>
        [.. events
            .GroupBy(e => (Key: KeyOf(e, by) ?? None, Group: KeyOf(e, then) ?? None))
            .Select(g => new StatisticsCell(g.Key.Key, g.Key.Group, g.Count(), g.Sum(e => e.Figures.NumberFired ?? 0), g.Count(Uncounted)))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ThenByDescending(c => c.Events)
            .ThenBy(c => c.Group, StringComparer.Ordinal)];

    /// <summary>Counts the events by the dimension. Dates sort ascending; other keys by count, largest first.</summary>
    public static IReadOnlyList<StatisticsRow> Count(IEnumerable<Event> events, StatisticsDimension by)
    {
        var rows = events
            .GroupBy(e => KeyOf(e, by) ?? None)
            .Select(g => new StatisticsRow(g.Key, g.Count(), g.Sum(e => e.Figures.NumberFired ?? 0), g.Count(Uncounted)));
        return by is StatisticsDimension.Year or StatisticsDimension.Month
            ? [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)]
            : [.. rows.OrderByDescending(r => r.Events).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>A launch whose number of missiles no source gives (not zero: unknown).</summary>
    private static bool Uncounted(Event e) => e.Kind == EventKind.MissileLaunch && e.Figures.NumberFired is null;

    private static string? KeyOf(Event e, StatisticsDimension by) => by switch
    {
        StatisticsDimension.Year => e.Date.Year.ToString(CultureInfo.InvariantCulture),
        StatisticsDimension.Month => e.Date.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        StatisticsDimension.Kind => e.Kind.Slug(),
        StatisticsDimension.Class => e.Class,
        StatisticsDimension.System => e.System?.Name,
        StatisticsDimension.Site => e.Site?.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(by)),
    };
}

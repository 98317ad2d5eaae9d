using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Record;

/// <summary>The rules that give each launch its Korean date and its class where the two tables disagree.</summary>
internal static partial class RecordMerger
{
    /// <summary>Missile classes from the shortest reach to the longest, for labels that name two.</summary>
    private static readonly string[] ByReach = ["crbm", "srbm", "mrbm", "slbm", "irbm", "hgv", "icbm"];

    /// <summary>
    /// The Korean date of each launch group. A UTC time decides it (UTC+9). Without a time, the
    /// date of the provocation row it pairs with (reported in Korea) wins over the missile table's,
    /// and the other groups of the same missile-table date without a time follow it: rows reported
    /// together stay on one day, so a salvo is never split over two.
    /// </summary>
    private static KoreanDate[] LaunchDates(List<LaunchGroup> groups, Dictionary<int, ClassifiedRow> match, List<Note> notes)
    {
        var dates = new KoreanDate[groups.Count];
        var moved = new Dictionary<DateOnly, (KoreanDate Date, ClassifiedRow Row)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var first = group.First;
            var report = match.GetValueOrDefault(g);
            if (group.Instant is { } instant)
            {
                dates[g] = KoreanDate.FromInstant(instant);
                if (report is not null && report.Row.Date != dates[g])
                {
                    notes.Add(new Note(g, null, "date", dates[g].ToString(), $"{group.Reference} ({first.DateText})", report.Row.Date.ToString(), report.Reference,
                        string.Create(CultureInfo.InvariantCulture, $"a UTC time decides the Korean date: {instant:yyyy-MM-dd HH:mm} UTC is {instant.ToOffset(KoreanDate.Offset):yyyy-MM-dd HH:mm} in Korea (UTC+9)")));
                }
            }
            else if (first.Precision == DatePrecision.Month)
            {
                dates[g] = new KoreanDate(first.DateUtc);
            }
            else if (report is not null && Math.Abs(report.Row.Date.DaysSince(first.KoreanDate)) <= DayTolerance)
            {
                dates[g] = report.Row.Date;
                if (dates[g] != first.KoreanDate)
                {
                    moved.TryAdd(first.DateUtc, (dates[g], report));
                    notes.Add(new Note(g, null, "date", dates[g].ToString(), report.Reference, first.KoreanDate.ToString(), group.Reference,
                        "without a time, the date reported in Korea (the provocation table) is taken over the missile table's date, which is the UTC date for most launches"));
                }
            }
            else
            {
                dates[g] = first.KoreanDate;
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var first = groups[g].First;
            if (groups[g].Instant is null && first.Precision == DatePrecision.Day && !match.ContainsKey(g) &&
                moved.TryGetValue(first.DateUtc, out var salvo) && dates[g] != salvo.Date)
            {
                notes.Add(new Note(g, null, "date", salvo.Date.ToString(), salvo.Row.Reference, dates[g].ToString(), groups[g].Reference,
                    "rows of one missile-table date without a time are one salvo: they follow the date reported in Korea for the rest of it"));
                dates[g] = salvo.Date;
            }
        }

        return dates;
    }

    /// <summary>
    /// The class of each launch group: the missile table's, unless it says unknown; then the named
    /// system's class in the gazetteer; then the class of the provocation row it pairs with; then
    /// the one class that the provocation rows of that Korean date (or, with none that day, a day
    /// either side) name for ballistic launches. A label naming two classes (<c>ICBM &amp; SRBM</c>)
    /// gives the longer-range class to the launch that flew farthest or highest that day and the
    /// shorter to the rest. Where the rows name several classes, the launch stays unknown.
    /// </summary>
    private static string[] LaunchClasses(
        List<LaunchGroup> groups, Dictionary<int, ClassifiedRow> match, List<ClassifiedRow> provocations, WeaponSystemCatalog systems, KoreanDate[] dates, List<Note> notes)
    {
        var classes = new string[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var table = group.First.MissileClass;
            classes[g] = table;
            var report = match.GetValueOrDefault(g);
            if (table == "unknown" && systems.ClassOf(group.First.MissileId) is { } systemClass and not "unknown")
            {
                classes[g] = systemClass;
                notes.Add(new Note(g, null, "class", systemClass, $"weapon-system gazetteer ({group.First.MissileName})", table, group.Reference,
                    "the most specific class any source gives: the named system's class"));
            }
            else if (table == "unknown" && report is { Class: { } reported, Mapped.OtherClass: null } && reported != "unknown")
            {
                classes[g] = reported;
                notes.Add(new Note(g, null, "class", reported, report.Reference, table, group.Reference,
                    "the most specific class any source gives: the provocation table's label"));
            }
            else if (table != "unknown" && report is { Class: { } other } && other != "unknown" && other != table && report.Mapped.OtherClass != table)
            {
                notes.Add(new Note(g, null, "class", table, group.Reference, other, report.Reference,
                    "both name a class: the missile table's is kept (one row per missile, from the CNS database, with the system)"));
            }
        }

        var byDate = provocations
            .Where(p => p.Kind == EventKind.MissileLaunch && p.Class is { } c && c != "slv" && Taxonomy.BallisticClasses.Contains(c))
            .ToLookup(p => p.Row.Date);
        var unknownByDate = Enumerable.Range(0, groups.Count)
            .Where(g => classes[g] == "unknown" && groups[g].First.Precision == DatePrecision.Day)
            .GroupBy(g => dates[g]);
        foreach (var day in unknownByDate)
        {
            var rows = byDate[day.Key].ToList();
            if (rows.Count == 0)
            {
                rows = [.. byDate[day.Key.AddDays(-1)], .. byDate[day.Key.AddDays(1)]];
            }

            var named = rows.SelectMany(r => new[] { r.Class, r.Mapped.OtherClass }).OfType<string>().Where(c => c != "unknown").Distinct().ToList();
            if (named.Count == 1)
            {
                foreach (var g in day)
                {
                    classes[g] = named[0];
                    notes.Add(new Note(g, null, "class", named[0], string.Join("; ", rows.Select(r => r.Reference)), "unknown", groups[g].Reference,
                        "the most specific class any source gives: the provocation table names one class for the launches of that day"));
                }
            }
            else if (named.Count == 2 && rows.Count(r => r.Mapped.OtherClass is not null) == 1)
            {
                var split = rows.Single(r => r.Mapped.OtherClass is not null);
                var longer = Array.IndexOf(ByReach, split.Class!) > Array.IndexOf(ByReach, split.Mapped.OtherClass!) ? split.Class! : split.Mapped.OtherClass!;
                var shorter = longer == split.Class ? split.Mapped.OtherClass! : split.Class!;
                var ranked = day.OrderByDescending(g => groups[g].Reach ?? -1).ToList();
                var farthest = groups[ranked[0]].Reach;
                if (farthest is null || (ranked.Count > 1 && groups[ranked[1]].Reach == farthest))
                {
                    continue; // No reach to tell the launches apart: they stay unknown.
                }

                foreach (var g in ranked)
                {
                    classes[g] = g == ranked[0] ? longer : shorter;
                    notes.Add(new Note(g, null, "class", classes[g], split.Reference, "unknown", groups[g].Reference,
                        $"a label naming two classes gives the longer-range one ({longer}) to the launch that flew farthest or highest that day, the shorter ({shorter}) to the others"));
                }
            }
        }

        return classes;
    }
}

using System.Globalization;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Record;

/// <summary>
/// Builds one record from the two reference tables and the context calendars. The missile table
/// has one row per missile in UTC; the provocation table one row per incident and type, dated in
/// Korea. A launch found in both becomes one event with both sources.
/// </summary>
/// <remarks>
/// Matching is one-to-one and greedy by cost: a provocation row and a launch group pair up when
/// their dates are at most <see cref="DayTolerance"/> day apart (the tables mix UTC and Korean
/// dates, and a launch before 09:00 in Korea falls on the previous UTC day) and the cheapest
/// pairs go first: same day before a day apart, the same class before a compatible one before an incompatible one.
/// </remarks>
internal static class RecordMerger
{
    public const int DayTolerance = 1;

    private const string MissileSourceName = "CNS North Korea Missile Test Database";
    private const string MissileSourceUrl = "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/";

    public static IReadOnlyList<Event> Merge(
        IReadOnlyList<MissileTestRow> missiles,
        IReadOnlyList<ProvocationRow> provocations,
        ProvocationLabels labels,
        WeaponSystemCatalog systems,
        IReadOnlyList<Event> nuclearTests,
        IReadOnlyList<Event> calendars)
    {
        var groups = missiles
            .GroupBy(m => (m.KoreanDate, m.Precision, m.MissileId, m.MissileClass, m.FacilityId))
            .Select(g => g.ToList())
            .ToList();
        var classified = provocations.Select(p => (Row: p, Class: labels.Classify(p))).ToList();

        var matchOfGroup = MatchLaunches(groups, classified);
        var matchedRows = matchOfGroup.Values.Select(r => r.Line).ToHashSet();

        var events = new List<Event>();
        for (var i = 0; i < groups.Count; i++)
        {
            events.Add(Launch(groups[i], matchOfGroup.GetValueOrDefault(i), systems));
        }

        var tests = nuclearTests.ToList();
        foreach (var (row, (kind, cls)) in classified)
        {
            if (matchedRows.Contains(row.Line))
            {
                continue;
            }

            var testIndex = kind == EventKind.NuclearTest
                ? tests.FindIndex(t => Math.Abs(t.Date.DaysSince(row.Date)) <= DayTolerance)
                : -1;
            if (testIndex >= 0)
            {
                tests[testIndex] = tests[testIndex] with { Sources = [.. tests[testIndex].Sources, Source(row)] };
                continue;
            }

            events.Add(Incident(row, kind, cls));
        }

        events.AddRange(tests);
        events.AddRange(calendars);
        return UniqueIds(events);
    }

    private static Dictionary<int, ProvocationRow> MatchLaunches(
        List<List<MissileTestRow>> groups,
        List<(ProvocationRow Row, (EventKind Kind, string? Class) Class)> provocations)
    {
        var launches = provocations
            .Where(p => p.Class.Kind == EventKind.MissileLaunch && p.Class.Class is { } c && Taxonomy.BallisticClasses.Contains(c))
            .ToList();
        var pairs = new List<(int Cost, int Group, ProvocationRow Row)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var first = groups[g][0];
            foreach (var (row, (_, cls)) in launches)
            {
                var mismatch = first.MissileClass == cls ? 0 : Compatible(first.MissileClass, cls!, row.Label) ? 1 : 2;
                var days = Math.Abs(row.Date.DaysSince(first.KoreanDate));
                if (first.Precision == DatePrecision.Day && days <= DayTolerance)
                {
                    pairs.Add((3 * days + mismatch, g, row));
                }
                else if (IsMonthOnly(row) && row.Date.Year == first.DateUtc.Year && row.Date.Month == first.DateUtc.Month)
                {
                    pairs.Add((MonthOnlyCost + mismatch, g, row));
                }
            }
        }

        var match = new Dictionary<int, ProvocationRow>();
        var taken = new HashSet<long>();
        foreach (var (_, g, row) in pairs.OrderBy(p => p.Cost).ThenBy(p => p.Group).ThenBy(p => p.Row.Line))
        {
            if (!match.ContainsKey(g) && taken.Add(row.Line))
            {
                match[g] = row;
            }
        }

        return match;
    }

    /// <summary>Pairs on month-only dates go after every pair on days.</summary>
    private const int MonthOnlyCost = 3 * DayTolerance + 3;

    /// <summary>
    /// Before 2000 the provocation table writes a date known only to the month as the first of
    /// that month (1984-09-01 for the missile table's 1984-09).
    /// </summary>
    private static bool IsMonthOnly(ProvocationRow row) => row.Date.Date.Day == 1 && row.Date.Year < 2000;

    private static bool Compatible(string missileClass, string provocationClass, string label) =>
        missileClass == provocationClass ||
        missileClass == "unknown" || provocationClass == "unknown" ||
        (missileClass is "srbm" or "crbm" && provocationClass is "srbm" or "crbm") ||
        label.Contains(ClassNames[missileClass].Split(' ')[0], StringComparison.OrdinalIgnoreCase);

    /// <summary>Plain names of the missile classes, for titles and summaries.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ClassNames = new Dictionary<string, string>
    {
        ["srbm"] = "short-range ballistic missile",
        ["crbm"] = "close-range ballistic missile",
        ["mrbm"] = "medium-range ballistic missile",
        ["irbm"] = "intermediate-range ballistic missile",
        ["icbm"] = "intercontinental ballistic missile",
        ["slbm"] = "submarine-launched ballistic missile",
        ["hgv"] = "hypersonic glide vehicle",
        ["cruise"] = "cruise missile",
        ["slv"] = "satellite launch vehicle",
        ["sam"] = "surface-to-air missile",
        ["unknown"] = "unidentified ballistic missile",
    };

    private static Event Launch(List<MissileTestRow> rows, ProvocationRow? report, WeaponSystemCatalog systems)
    {
        var first = rows[0];
        var system = systems.Find(first.MissileId);
        var instant = rows.Select(r => r.Instant).Where(i => i is not null).Min();
        // Where the UTC time is known the Korean date follows from it: the provocation table often
        // gives the UTC date of early-morning launches (Hwasong-15: 2017-11-28 18:18 UTC is
        // 2017-11-29 in Korea). Without a time, the Korean report's date wins, unless it is only a
        // month-only stand-in for the day.
        var date = instant is not null ? KoreanDate.FromInstant(instant.Value)
            : report is not null && Math.Abs(report.Date.DaysSince(first.KoreanDate)) <= DayTolerance ? report.Date
            : first.KoreanDate;
        var count = rows.Count;
        var outcomes = rows.Select(r => r.Outcome).Where(o => o != Outcome.Unknown).Distinct().ToList();
        var outcome = outcomes.Count switch { 0 => Outcome.Unknown, 1 => outcomes[0], _ => Outcome.Partial };
        var apogee = rows.Max(r => r.ApogeeKm);
        var range = rows.Max(r => r.DistanceKm);
        var site = first.FacilityId == "unknown" ? null : new Place(first.FacilityName, first.Latitude, first.Longitude);

        var className = ClassNames[first.MissileClass];
        var title = Capitalize(className) + " launch" +
                    (system is not null || count > 1
                        ? $" ({string.Join(", ", new[] { system?.Name, count > 1 ? $"{count} missiles" : null }.Where(s => s is not null))})"
                        : "");
        var summary = string.Join(" ", new[]
        {
            $"North Korea launched {(count == 1 ? Article(className) : count.ToString(CultureInfo.InvariantCulture))} {className}{(count == 1 ? "" : "s")}" +
            (system is null ? "" : $" ({system.Name}{(system.Aliases.Count > 0 ? ", also known as " + string.Join(", ", system.Aliases) : "")})") +
            (site is null ? "" : $" from {site.Name}") + ".",
            apogee is null && range is null ? null :
                "Reported " + string.Join(" and ", new[] { apogee is null ? null : string.Create(CultureInfo.InvariantCulture, $"apogee {apogee:0.#} km"), range is null ? null : string.Create(CultureInfo.InvariantCulture, $"distance {range:0.#} km") }.Where(s => s is not null)) + ".",
            first.Landing is "unknown" or "na" ? null : $"Landing area: {first.Landing.Replace('-', ' ')}.",
            $"Outcome: {outcome.ToString().ToLowerInvariant()}.",
        }.Where(s => s is not null));

        var sources = rows.Select(r => new EventSource(
            MissileSourceName, MissileSourceUrl, r.DateText, $"{r.MissileName} / {r.MissileClass.ToUpperInvariant()}",
            ContextCalendar.DatasetName(r.File), $"line {r.Line.ToString(CultureInfo.InvariantCulture)}")).ToList();
        if (report is not null)
        {
            sources.Add(Source(report));
        }

        return new Event
        {
            Id = $"{date}-{first.MissileClass}{(system is null ? "" : "-" + system.Id)}",
            Kind = EventKind.MissileLaunch,
            Class = first.MissileClass,
            Date = first.Precision == DatePrecision.Month ? new KoreanDate(first.DateUtc) : date,
            DatePrecision = first.Precision,
            UtcInstant = instant,
            Actors = ["DPRK"],
            System = system,
            Site = site,
            Figures = new EventFigures { NumberFired = count, ApogeeKm = apogee, RangeKm = range },
            Outcome = outcome,
            Title = title,
            Summary = summary,
            Sources = sources,
        }.Validated(first.File, first.Line);
    }

    private static Event Incident(ProvocationRow row, EventKind kind, string? cls)
    {
        var isLaunch = kind == EventKind.MissileLaunch;
        var title = isLaunch ? Capitalize(ClassNames[cls!]) + " launch" : row.Label;
        return new Event
        {
            Id = isLaunch ? $"{row.Date}-{cls}" : $"{row.Date}-{ContextCalendar.Slug(row.Label)}",
            Kind = kind,
            Class = cls,
            Date = row.Date,
            Actors = ["DPRK"],
            Title = title,
            Summary = isLaunch
                ? $"North Korea launched one or more {ClassNames[cls!]}s (number not given by the source)."
                : null,
            Sources = [Source(row)],
        }.Validated(row.File, row.Line);
    }

    private static EventSource Source(ProvocationRow row) =>
        new(row.Source, row.Url, row.Date.ToString(), $"{row.Category}: {row.Label}",
            ContextCalendar.DatasetName(row.File), $"line {row.Line.ToString(CultureInfo.InvariantCulture)}");

    private static List<Event> UniqueIds(List<Event> events)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<Event>(events.Count);
        foreach (var e in events.OrderBy(e => e.Date).ThenBy(e => e.UtcInstant ?? DateTimeOffset.MaxValue).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            var n = seen[e.Id] = seen.GetValueOrDefault(e.Id) + 1;
            unique.Add(n == 1 ? e : e with { Id = $"{e.Id}-{n.ToString(CultureInfo.InvariantCulture)}" });
        }

        return unique;
    }

    private static string Article(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

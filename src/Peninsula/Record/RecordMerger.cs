using System.Globalization;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Record;

/// <summary>What the merge made: the events, where its sources disagreed and what it kept, and the launch sites it could not place.</summary>
/// <param name="Events">The events, ordered by date, with unique ids.</param>
/// <param name="Disagreements">Every field on which two sources of one event disagree (or one says unknown), with the value kept and the rule that kept it.</param>
/// <param name="UnknownSites">Launch sites the gazetteer does not know, each naming its file, line and field.</param>
internal sealed record MergedRecord(IReadOnlyList<Event> Events, IReadOnlyList<Conflict> Disagreements, IReadOnlyList<InputException> UnknownSites);

/// <summary>
/// Builds one record from the two reference tables and the context calendars. The missile table
/// has one row per missile in UTC; the provocation table one row per incident and type, dated in
/// Korea. A launch found in both becomes one event with both sources.
/// </summary>
/// <remarks>
/// Matching is one-to-one and greedy by cost: a provocation row and a launch group pair up when
/// their dates are at most <see cref="DayTolerance"/> day apart (the tables mix UTC and Korean
/// dates, and a launch before 09:00 in Korea falls on the previous UTC day) and the cheapest
/// pairs go first: same day before a day apart, the same class before a compatible one before an
/// incompatible one. The class and date rules are in the partial files beside this one; data/README.md
/// states them for readers.
/// </remarks>
internal static partial class RecordMerger
{
    public const int DayTolerance = 1;

    private const string MissileSourceName = "CNS North Korea Missile Test Database";
    private const string MissileSourceUrl = "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/";

    /// <summary>The source family of the reference tables in a disagreement.</summary>
    private const string Bundled = "bundled";

    public static MergedRecord Merge(
        IReadOnlyList<MissileTestRow> missiles,
        IReadOnlyList<ProvocationRow> provocations,
        ProvocationLabels labels,
        WeaponSystemCatalog systems,
        LaunchSites sites,
        IReadOnlyList<Event> nuclearTests,
        IReadOnlyList<Event> calendars,
        IReadOnlyList<Correction> corrections,
        bool everyCorrectionApplies = true)
    {
        var unknownSites = new List<InputException>();
        var notes = new List<Note>();
        // A correction of one row sets its class before grouping; the row's source keeps the table's own class.
        var rowCorrections = new Dictionary<MissileTestRow, (Correction Correction, string TableClass)>(ReferenceEqualityComparer.Instance);
        foreach (var (row, c) in RecordCorrections.OfRows(missiles, corrections, everyCorrectionApplies))
        {
            rowCorrections[row with { MissileClass = c.Value }] = (c, row.MissileClass);
        }

        var correctedRows = rowCorrections.Keys.ToDictionary(r => (r.File, r.Line), r => r);
        missiles = [.. missiles.Select(m => correctedRows.GetValueOrDefault((m.File, m.Line)) ?? m)];
        var groups = missiles
            .GroupBy(m => (m.KoreanDate, m.Precision, m.MissileId, m.MissileClass, Site: SiteKey(m, sites, unknownSites)))
            .Select(g => new LaunchGroup(g.ToList(), sites.Find(g.First().FacilityId, g.First().FacilityName)))
            .ToList();
        var classified = provocations.Select(p => new ClassifiedRow(p, labels.Classify(p))).ToList();

        var matchOfGroup = MatchLaunches(groups, classified);
        var matchedRows = matchOfGroup.Values.Select(r => r.Row.Line).ToHashSet();
        var dates = LaunchDates(groups, matchOfGroup, notes);
        var classes = LaunchClasses(groups, matchOfGroup, classified, systems, dates, notes);

        var events = new List<Event>();
        var launchOf = new Dictionary<int, Event>();
        for (var i = 0; i < groups.Count; i++)
        {
            launchOf[i] = Launch(groups[i], dates[i], classes[i], matchOfGroup.GetValueOrDefault(i), systems, r => rowCorrections.TryGetValue(r, out var fix) ? fix.TableClass : r.MissileClass);
            var rowFixes = groups[i].Rows.Where(rowCorrections.ContainsKey).Select(r => rowCorrections[r]).Distinct().ToList();
            if (rowFixes.Count > 0)
            {
                launchOf[i] = launchOf[i] with { Sources = [.. launchOf[i].Sources, .. rowFixes.Select(f => RecordCorrections.SourceOf(f.Correction))] };
                notes.AddRange(rowFixes.Select(f => new Note(
                    i, null, f.Correction.Field, f.Correction.Value, $"{f.Correction.Reference} ({f.Correction.SourceUrl})",
                    f.TableClass, $"the missile table's {f.Correction.EventId}", $"a correction: {f.Correction.Reason}")));
            }

            events.Add(launchOf[i]);
        }

        var tests = nuclearTests.ToList();
        foreach (var row in classified)
        {
            if (matchedRows.Contains(row.Row.Line))
            {
                continue;
            }

            var testIndex = row.Kind == EventKind.NuclearTest
                ? tests.FindIndex(t => Math.Abs(t.Date.DaysSince(row.Row.Date)) <= DayTolerance)
                : -1;
            if (testIndex >= 0)
            {
                tests[testIndex] = tests[testIndex] with { Sources = [.. tests[testIndex].Sources, Source(row.Row)] };
                continue;
            }

            events.Add(Incident(row.Row, row.Kind, row.Class));
        }

        events.AddRange(tests);
        events.AddRange(calendars);

        // Ids are given, then corrections (keyed by those ids) applied, then ids given again: a
        // corrected date or class changes the id. Notes follow each event through both steps.
        var named = UniqueIds(events);
        var corrected = RecordCorrections.Apply([.. named.Values], corrections, systems, sites, notes, everyCorrectionApplies);
        var final = UniqueIds([.. corrected.Values.Distinct(ReferenceEqualityComparer.Instance).Cast<Event>()]);
        string FinalId(Event original) => final[corrected[named.GetValueOrDefault(original) ?? original]].Id;
        var disagreements = notes
            .Select(n => n.ToConflict(FinalId(n.Event ?? launchOf[n.Group])))
            .Distinct()
            .ToList();

        return new MergedRecord(
            [.. final.Values.OrderBy(e => e.Date).ThenBy(e => e.UtcInstant ?? DateTimeOffset.MaxValue).ThenBy(e => e.Id, StringComparer.Ordinal)],
            disagreements,
            unknownSites);
    }

    private static string SiteKey(MissileTestRow row, LaunchSites sites, List<InputException> unknown)
    {
        if (row.FacilityId == "unknown")
        {
            return "unknown";
        }

        if (sites.Find(row.FacilityId, row.FacilityName) is { } site)
        {
            return site.Id;
        }

        unknown.Add(new InputException(
            $"the launch site '{row.FacilityName}' ({row.FacilityId}) is not in data/gazetteer/sites.csv; the launch keeps the name as given.",
            row.File, row.Line, "facility_id"));
        return row.FacilityId;
    }

    /// <summary>One launch as the missile table has it: the rows of one system from one site on one Korean date.</summary>
    private sealed record LaunchGroup(List<MissileTestRow> Rows, LaunchSite? Site)
    {
        public MissileTestRow First => Rows[0];

        public DateTimeOffset? Instant => Rows.Select(r => r.Instant).Where(i => i is not null).Min();

        /// <summary>The larger of the highest reported apogee and the longest reported distance, in km.</summary>
        public double? Reach => Rows.Select(r => Math.Max(r.ApogeeKm ?? 0, r.DistanceKm ?? 0)).Max() is var km and > 0 ? km : null;

        public string Reference => $"missile table line {First.Line.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A provocation row with the kind and class (and, for a label naming two, the second class) its label maps to.</summary>
    private sealed record ClassifiedRow(ProvocationRow Row, ProvocationClass Mapped)
    {
        public EventKind Kind => Mapped.Kind;

        public string? Class => Mapped.Class;

        public string Reference => $"provocation table line {Row.Line.ToString(CultureInfo.InvariantCulture)} ('{Row.Label}')";
    }

    /// <summary>A disagreement noted while merging, against the event or launch group it concerns.</summary>
    internal sealed record Note(int Group, Event? Event, string Field, string Kept, string KeptFrom, string Other, string OtherFrom, string Rule)
    {
        public Conflict ToConflict(string eventId) => new(eventId, Field, Kept, $"{Bundled}: {KeptFrom}", Other, $"{Bundled}: {OtherFrom}", Rule);
    }

    private static Dictionary<int, ClassifiedRow> MatchLaunches(List<LaunchGroup> groups, List<ClassifiedRow> provocations)
    {
        // Rows by Korean date, so that a group looks only at the rows within a day of it (and, for
        // month-only dates, at its month): the pairs grow with the launches, not with their product.
        var launches = provocations
            .Where(p => p.Kind == EventKind.MissileLaunch && p.Class is { } c && Taxonomy.BallisticClasses.Contains(c))
            .ToList();
        var byDate = launches.ToLookup(p => p.Row.Date);
        var byMonth = launches.Where(p => IsMonthOnly(p.Row)).ToLookup(p => (p.Row.Date.Year, p.Row.Date.Month));
        var pairs = new List<(int Cost, int Group, ClassifiedRow Row)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var first = group.First;
            if (first.Precision == DatePrecision.Day)
            {
                for (var offset = -DayTolerance; offset <= DayTolerance; offset++)
                {
                    foreach (var row in byDate[first.KoreanDate.AddDays(offset)])
                    {
                        if (CanMatch(group, row))
                        {
                            pairs.Add((3 * Math.Abs(offset) + Mismatch(first, row), g, row));
                        }
                    }
                }
            }

            foreach (var row in byMonth[(first.DateUtc.Year, first.DateUtc.Month)])
            {
                if (CanMatch(group, row))
                {
                    pairs.Add((MonthOnlyCost + Mismatch(first, row), g, row));
                }
            }
        }

        var match = new Dictionary<int, ClassifiedRow>();
        var taken = new HashSet<long>();
        foreach (var (_, g, row) in pairs.OrderBy(p => p.Cost).ThenBy(p => p.Group).ThenBy(p => p.Row.Row.Line))
        {
            if (!match.ContainsKey(g) && taken.Add(row.Row.Line))
            {
                match[g] = row;
            }
        }

        return match;
    }

    private static int Mismatch(MissileTestRow first, ClassifiedRow row) =>
        first.MissileClass == row.Class ? 0 : Compatible(first.MissileClass, row.Class!, row.Row.Label) ? 1 : 2;

    /// <summary>
    /// A satellite launch row pairs only with a satellite launch vehicle, or with a single
    /// unidentified rocket from a satellite launching station: a salvo of ballistic missiles that
    /// North Korea called a satellite test (2022-12-18) stays a missile launch.
    /// </summary>
    private static bool CanMatch(LaunchGroup group, ClassifiedRow row) =>
        row.Class != "slv" || group.First.MissileClass == "slv" ||
        (group.First.MissileClass == "unknown" && group.Rows.Count == 1 && group.Site?.IsSatelliteStation == true);

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

    /// <summary>The id of a launch: its Korean date, class and system.</summary>
    internal static string LaunchId(KoreanDate date, string missileClass, WeaponSystem? system) =>
        $"{date}-{missileClass}{(system is null ? "" : "-" + system.Id)}";

    private static Event Launch(LaunchGroup group, KoreanDate date, string missileClass, ClassifiedRow? report, WeaponSystemCatalog systems, Func<MissileTestRow, string> tableClass)
    {
        var rows = group.Rows;
        var first = group.First;
        var system = systems.Find(first.MissileId);
        var instant = group.Instant;
        var count = rows.Count;
        var outcomes = rows.Select(r => r.Outcome).Where(o => o != Outcome.Unknown).Distinct().ToList();
        var outcome = outcomes.Count switch { 0 => Outcome.Unknown, 1 => outcomes[0], _ => Outcome.Partial };
        var apogee = rows.Max(r => r.ApogeeKm);
        var range = rows.Max(r => r.DistanceKm);
        var site = first.FacilityId == "unknown" ? null
            : group.Site is { } known ? new Place(known.Name, known.Latitude, known.Longitude)
            : new Place(first.FacilityName, first.Latitude, first.Longitude);

        var sources = rows.Select(r => new EventSource(
            r.SourceName ?? MissileSourceName, r.SourceUrl ?? MissileSourceUrl, r.DateText, $"{r.MissileName} / {tableClass(r).ToUpperInvariant()}",
            ContextCalendar.DatasetName(r.File), $"line {r.Line.ToString(CultureInfo.InvariantCulture)}")).ToList();
        if (report is not null)
        {
            sources.Add(Source(report.Row));
        }

        var launch = new Event
        {
            Id = LaunchId(first.Precision == DatePrecision.Month ? new KoreanDate(first.DateUtc) : date, missileClass, system),
            Kind = EventKind.MissileLaunch,
            Class = missileClass,
            Date = first.Precision == DatePrecision.Month ? new KoreanDate(first.DateUtc) : date,
            DatePrecision = first.Precision,
            UtcInstant = instant,
            Actors = ["DPRK"],
            System = system,
            Site = site,
            Figures = new EventFigures { NumberFired = count, ApogeeKm = apogee, RangeKm = range, LandingArea = LandingOf(rows) },
            Outcome = outcome,
            Title = "",
            Sources = sources,
        };
        return Described(launch).Validated(first.File, first.Line);
    }

    /// <summary>The title and summary of a launch from its class, system, count, site, figures (the landing area among them) and outcome.</summary>
    internal static Event Described(Event launch)
    {
        var className = ClassNames[launch.Class!];
        var system = launch.System;
        var count = launch.Figures.NumberFired;
        var (apogee, range) = (launch.Figures.ApogeeKm, launch.Figures.RangeKm);
        var title = Capitalize(className) + " launch" +
                    (system is not null || count > 1
                        ? $" ({string.Join(", ", new[] { system?.Name, count > 1 ? $"{count} missiles" : null }.Where(s => s is not null))})"
                        : "");
        var summary = string.Join(" ", new[]
        {
            (count switch
            {
                null => $"North Korea launched one or more {className}s (number not given by the source)",
                1 => $"North Korea launched {Article(className)} {className}",
                _ => $"North Korea launched {count.Value.ToString(CultureInfo.InvariantCulture)} {className}s",
            }) +
            (system is null ? "" : $" ({system.Name}{(system.Aliases.Count > 0 ? ", also known as " + string.Join(", ", system.Aliases) : "")})") +
            (launch.Site is null ? "" : $" from {launch.Site.Name}") + ".",
            apogee is null && range is null ? null :
                "Reported " + string.Join(" and ", new[] { apogee is null ? null : string.Create(CultureInfo.InvariantCulture, $"apogee {apogee:0.#} km"), range is null ? null : string.Create(CultureInfo.InvariantCulture, $"distance {range:0.#} km") }.Where(s => s is not null)) + ".",
            launch.Figures.LandingArea is { } landing ? $"Landing area: {landing.Replace('-', ' ')}." : null,
            launch.Outcome is { } outcome ? $"Outcome: {outcome.ToString().ToLowerInvariant()}." : null,
        }.Where(s => s is not null));
        return launch with { Title = title, Summary = summary };
    }

    /// <summary>The landing area of a launch from its rows: the first the missile table gives ("unknown" and "na" give none).</summary>
    private static string? LandingOf(IEnumerable<MissileTestRow> rows) =>
        rows.Select(r => r.Landing).FirstOrDefault(l => l is not ("unknown" or "na" or ""));

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

    /// <summary>Gives each event a unique id (a second event with the same id gets <c>-2</c>, and so on, in date order); maps each event given to the one returned.</summary>
    private static Dictionary<Event, Event> UniqueIds(List<Event> events)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new Dictionary<Event, Event>(ReferenceEqualityComparer.Instance);
        foreach (var e in events.OrderBy(e => e.Date).ThenBy(e => e.UtcInstant ?? DateTimeOffset.MaxValue).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            var n = seen[e.Id] = seen.GetValueOrDefault(e.Id) + 1;
            unique[e] = n == 1 ? e : e with { Id = $"{e.Id}-{n.ToString(CultureInfo.InvariantCulture)}" };
        }

        return unique;
    }

    private static string Article(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>
/// Which source wins when two disagree on a field: the importers in order, highest first.
/// <c>bundled</c> stands for the bundled record. A source not listed ranks below every listed one.
/// </summary>
public sealed record ImportPolicy(IReadOnlyList<string> Precedence)
{
    /// <summary>
    /// Newer editions of the reference tables first (they are how the record is corrected), then
    /// the bundled record, then the CNS editions (older than the bundled table, which derives
    /// from CNS), then the project's own formats.
    /// </summary>
    public static readonly ImportPolicy Default = new(["reference-missiles", "reference-provocations", "bundled", "cns", "json", "csv"]);

    /// <summary>Reads a comma-separated precedence, checking each name.</summary>
    public static ImportPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
        var known = SourceImporters.All.Select(i => i.Name).Concat(["bundled", "json", "csv"]).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !known.Contains(n)))
        {
            throw new InputException($"'{name}' is not a source. Sources: {string.Join(", ", known.Order(StringComparer.Ordinal))}.", field: "--precedence");
        }

        return names.Count == 0 ? throw new InputException("the precedence is empty.", field: "--precedence") : new ImportPolicy(names);
    }

    /// <summary>The rank of a source (0 is highest).</summary>
    public int Rank(string source)
    {
        var i = Precedence.ToList().IndexOf(source);
        return i < 0 ? Precedence.Count : i;
    }

    /// <summary>The source family of an event source: its importer's name, or <c>bundled</c>.</summary>
    public static string SourceOf(EventSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Importer is { } importer ? importer.Split('/')[0] : "bundled";
    }
}

/// <summary>Two sources' values for one field of one event, and which was kept.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Field">The field, as in the JSON format (e.g. <c>figures.apogee_km</c>).</param>
/// <param name="KeptValue">The value the record keeps.</param>
/// <param name="KeptSource">Where it comes from (importer name or <c>bundled</c>).</param>
/// <param name="OtherValue">The other value.</param>
/// <param name="OtherSource">Where that comes from.</param>
/// <param name="Rule">Why the kept value was kept.</param>
public sealed record Conflict(string EventId, string Field, string? KeptValue, string KeptSource, string? OtherValue, string OtherSource, string Rule);

/// <summary>
/// How an incoming event joins the record: find the stored event that is the same launch or
/// incident, add the new sources, fill fields the record lacks, and where both have a value and
/// they differ, keep the one of the higher-precedence source and record the disagreement.
/// </summary>
public static class EventMerge
{
    /// <summary>
    /// The stored event that is the same as <paramref name="incoming"/>: the same id, else the same
    /// kind within one day (the sources mix UTC and Korean dates), with compatible class and weapon
    /// system, the nearest date first. Null when there is none.
    /// </summary>
    public static Event? FindMatch(Event incoming, IEnumerable<Event> stored)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(stored);
        var candidates = stored.Where(e => e.Kind == incoming.Kind).ToList();
        return candidates.FirstOrDefault(e => e.Id == incoming.Id)
               // The same minute from the same site (by the gazetteer, so spellings agree) is the same launch, whatever class each source gives it.
               ?? candidates.FirstOrDefault(e => incoming.Kind == EventKind.MissileLaunch && incoming.UtcInstant is not null &&
                                                 e.UtcInstant == incoming.UtcInstant && SiteKey(e) == SiteKey(incoming))
               ?? candidates
                   .Where(e => Close(e, incoming) && Compatible(e.Class, incoming.Class) && SameSystem(e, incoming) && SameSite(e, incoming) && (incoming.Kind != EventKind.MissileLaunch || e.Class is not null))
                   .OrderBy(e => Math.Abs(e.Date.DaysSince(incoming.Date)))
                   .ThenBy(e => e.Class == incoming.Class ? 0 : 1)
                   .ThenBy(e => e.Id, StringComparer.Ordinal)
                   .FirstOrDefault(e => incoming.Kind is EventKind.MissileLaunch or EventKind.NuclearTest || e.Title == incoming.Title);
    }

    /// <summary>The merged event and the disagreements between the two.</summary>
    public static (Event Merged, IReadOnlyList<Conflict> Conflicts) Merge(Event stored, Event incoming, ImportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(policy);
        var storedSource = stored.Sources.Select(ImportPolicy.SourceOf).OrderBy(policy.Rank).FirstOrDefault() ?? "bundled";
        var incomingSource = incoming.Sources.Select(ImportPolicy.SourceOf).OrderBy(policy.Rank).FirstOrDefault() ?? "bundled";
        var incomingWins = policy.Rank(incomingSource) < policy.Rank(storedSource);
        var conflicts = new List<Conflict>();
        var rule = incomingWins
            ? $"precedence: {incomingSource} over {storedSource}"
            : policy.Rank(incomingSource) == policy.Rank(storedSource) ? $"the stored value stays ({storedSource} and {incomingSource} rank equal)" : $"precedence: {storedSource} over {incomingSource}";

        // True when the incoming value is to be used: it fills a gap, or it differs and its source ranks higher.
        bool Take(string field, string? kept, string? other)
        {
            if (other is null || kept == other)
            {
                return false;
            }

            if (kept is null)
            {
                return true;
            }

            var (winner, loser) = incomingWins ? (other, kept) : (kept, other);
            conflicts.Add(new Conflict(stored.Id, field, winner, incomingWins ? incomingSource : storedSource, loser, incomingWins ? storedSource : incomingSource, rule));
            return incomingWins;
        }

        static string? N(double? d) => d?.ToString("0.###", CultureInfo.InvariantCulture);
        static string? I(int? n) => n?.ToString(CultureInfo.InvariantCulture);
        static string? O(Outcome? o) => o is null or Outcome.Unknown ? null : o.Value.ToString().ToLowerInvariant();
        var sf = stored.Figures;
        var inf = incoming.Figures;
        var dateComparable = incoming.DatePrecision == DatePrecision.Day || stored.DatePrecision == DatePrecision.Month;
        var takeDate = Take("date", stored.Date.ToString(), dateComparable ? incoming.Date.ToString() : null);
        var figures = sf with
        {
            NumberFired = Take("figures.number_fired", I(sf.NumberFired), I(inf.NumberFired)) ? inf.NumberFired : sf.NumberFired,
            ApogeeKm = Take("figures.apogee_km", N(sf.ApogeeKm), N(inf.ApogeeKm)) ? inf.ApogeeKm : sf.ApogeeKm,
            RangeKm = Take("figures.range_km", N(sf.RangeKm), N(inf.RangeKm)) ? inf.RangeKm : sf.RangeKm,
            LandingArea = Take("figures.landing_area", sf.LandingArea, inf.LandingArea) ? inf.LandingArea : sf.LandingArea,
            YieldKt = Take("figures.yield_kt", N(sf.YieldKt), N(inf.YieldKt)) ? inf.YieldKt : sf.YieldKt,
            Magnitude = Take("figures.magnitude", N(sf.Magnitude), N(inf.Magnitude)) ? inf.Magnitude : sf.Magnitude,
        };
        var merged = stored with
        {
            Date = takeDate ? incoming.Date : stored.Date,
            DatePrecision = takeDate ? incoming.DatePrecision : stored.DatePrecision,
            EndDate = Take("end_date", stored.EndDate?.ToString(), incoming.EndDate?.ToString()) ? incoming.EndDate : stored.EndDate,
            UtcInstant = Take("utc_instant", Instant(stored.UtcInstant), Instant(incoming.UtcInstant)) ? incoming.UtcInstant : stored.UtcInstant,
            Class = Take("class", stored.Class, incoming.Class) ? incoming.Class : stored.Class,
            System = Take("system", stored.System?.Id, incoming.System?.Id) ? incoming.System : stored.System,
            Site = Take("site", stored.Site?.Name, incoming.Site?.Name) ? incoming.Site : stored.Site,
            Outcome = Take("outcome", O(stored.Outcome), O(incoming.Outcome)) ? incoming.Outcome : stored.Outcome,
            Figures = figures,
            Title = incomingWins ? incoming.Title : stored.Title,
            Summary = incomingWins ? incoming.Summary ?? stored.Summary : stored.Summary ?? incoming.Summary,
            Actors = [.. stored.Actors.Union(incoming.Actors)],
            People = [.. stored.People.Union(incoming.People)],
            Sources = [.. stored.Sources, .. incoming.Sources.Where(s => !stored.Sources.Any(t => SameCitation(s, t)))],
        };
        return (merged, conflicts);
    }

    private static string? Instant(DateTimeOffset? instant) => instant?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The same citation: the same source saying the same thing about the same date, whichever file carried it.</summary>
    internal static bool SameCitation(EventSource a, EventSource b) =>
        a.Name == b.Name && a.Url == b.Url && a.Date == b.Date && a.OriginalLabel == b.OriginalLabel;

    private static bool Close(Event a, Event b) =>
        a.DatePrecision == DatePrecision.Month || b.DatePrecision == DatePrecision.Month
            ? a.Date.Year == b.Date.Year && a.Date.Month == b.Date.Month
            : Math.Abs(a.Date.DaysSince(b.Date)) <= 1;

    private static bool Compatible(string? a, string? b) => a == b || a is null or "unknown" || b is null or "unknown";

    /// <summary>
    /// The launch site as a key: the gazetteer's id for a name it knows (so that "Kaechon Air Base"
    /// and "Kaechon Airbase" are one site), else the name; null for no site or another kind of event.
    /// </summary>
    internal static string? SiteKey(Event e) =>
        e.Kind != EventKind.MissileLaunch || e.Site is null ? null
        : Record.BundledRecord.Sites.Find(null, e.Site.Name)?.Id ?? e.Site.Name;

    /// <summary>Launches from two different sites are two launches; a launch without a site may be either.</summary>
    private static bool SameSite(Event a, Event b) =>
        SiteKey(a) is not { } x || SiteKey(b) is not { } y || x == y;

    private static bool SameSystem(Event a, Event b) =>
        a.System is null || b.System is null || a.System.Id == b.System.Id;
}

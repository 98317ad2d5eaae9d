using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Record;

/// <summary>One thing about an event that its sources say otherwise than the record.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Check">Which check found it (one of <see cref="RecordChecks.Names"/>).</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record RecordFinding(string EventId, string Check, string Message);

/// <summary>
/// Checks of the record against its own sources (<c>peninsula db check</c>): a launch whose class
/// is unknown while a source names one; a Korean date that disagrees with the UTC time; a salvo
/// split over two days; a launch site not in the gazetteer; a number fired that disagrees with the
/// missile table's rows. Only missile launches are checked; the bundled record has no finding.
/// </summary>
public static class RecordChecks
{
    /// <summary>The checks, by name.</summary>
    public static readonly IReadOnlyList<string> Names = ["class-unknown", "date-vs-utc-time", "salvo-split", "site-not-in-gazetteer", "number-fired"];

    private const string MissileTable = "reference/missile-tests.csv";

    /// <summary>Hours within which launches of one system from one site are one salvo.</summary>
    public const int SalvoHours = 6;

    /// <summary>The events <see cref="Run"/> looks at: missile launches.</summary>
    public static readonly EventQuery Launches = new() { Kinds = [EventKind.MissileLaunch] };

    /// <summary>Runs every check over the events (other kinds than launches are passed over).</summary>
    public static IReadOnlyList<RecordFinding> Run(IReadOnlyList<Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. Find(events)];
    }

    private static IEnumerable<RecordFinding> Find(IReadOnlyList<Event> events)
    {
        var launches = events.Where(e => e.Kind == EventKind.MissileLaunch).ToList();
        foreach (var e in launches)
        {
            if (e.Class == "unknown" && NamedClass(e) is { } named)
            {
                yield return new RecordFinding(e.Id, "class-unknown", $"the class is unknown but {named}.");
            }

            if (e.UtcInstant is { } instant && e.DatePrecision == DatePrecision.Day && KoreanDate.FromInstant(instant) != e.Date)
            {
                yield return new RecordFinding(e.Id, "date-vs-utc-time",
                    string.Create(CultureInfo.InvariantCulture, $"the Korean date is {e.Date} but the UTC time {instant:yyyy-MM-dd HH:mm} is {KoreanDate.FromInstant(instant)} in Korea."));
            }

            if (e.Site is { } site && BundledRecord.Sites.Find(null, site.Name) is null)
            {
                yield return new RecordFinding(e.Id, "site-not-in-gazetteer", $"the launch site '{site.Name}' is not in data/gazetteer/sites.csv.");
            }

            var rows = e.Sources.Count(s => s.Dataset == MissileTable);
            if (rows > 0 && e.Figures.NumberFired != rows && !e.Sources.Any(s => s.OriginalLabel?.StartsWith("number_fired =", StringComparison.Ordinal) == true))
            {
                yield return new RecordFinding(e.Id, "number-fired",
                    string.Create(CultureInfo.InvariantCulture, $"the record counts {e.Figures.NumberFired?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of"} missiles but the missile table has {rows} rows for it."));
            }
        }

        foreach (var finding in SplitSalvos(launches))
        {
            yield return finding;
        }
    }

    /// <summary>What a source names that the unknown class leaves out, or null.</summary>
    private static string? NamedClass(Event e)
    {
        if (e.System is { } system && BundledRecord.Systems.ClassOf(system.Id) is { } systemClass and not "unknown")
        {
            return $"its system {system.Name} is a {systemClass.ToUpperInvariant()}";
        }

        foreach (var source in e.Sources)
        {
            if (source.Dataset == MissileTable && source.OriginalLabel?.Split(" / ") is [_, var cls] && cls != "UNKNOWN")
            {
                return $"the missile table says {cls}";
            }

            if (source.Dataset == "reference/provocations.csv" && source.OriginalLabel?.Split(": ", 2) is [var category, var label] &&
                BundledRecord.Labels.Find(category, label) is { Kind: EventKind.MissileLaunch, Class: { } c } && c != "unknown")
            {
                return $"the provocation table says '{label}'";
            }
        }

        return null;
    }

    /// <summary>
    /// Launches of one system from one site within <see cref="SalvoHours"/> hours, or missile-table
    /// rows of one date without a time, that the record puts on two Korean dates.
    /// </summary>
    private static IEnumerable<RecordFinding> SplitSalvos(List<Event> launches)
    {
        var timed = launches.Where(e => e.UtcInstant is not null && e.System is not null && e.Site is not null)
            .GroupBy(e => (e.System!.Id, e.Site!.Name));
        foreach (var salvo in timed)
        {
            var ordered = salvo.OrderBy(e => e.UtcInstant).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].UtcInstant - ordered[i - 1].UtcInstant <= TimeSpan.FromHours(SalvoHours) && ordered[i].Date != ordered[i - 1].Date)
                {
                    yield return new RecordFinding(ordered[i].Id, "salvo-split",
                        $"launched within {SalvoHours} hours of {ordered[i - 1].Id} (same system and site) but dated {ordered[i].Date}, not {ordered[i - 1].Date}.");
                }
            }
        }

        var untimed = launches
            .SelectMany(e => e.Sources.Where(s => s.Dataset == MissileTable && s.Date is { Length: 10 }).Select(s => (Row: s.Date!, Event: e)))
            .Where(p => p.Event.UtcInstant is null)
            .GroupBy(p => p.Row);
        foreach (var day in untimed)
        {
            var dates = day.Select(p => p.Event).DistinctBy(e => e.Id).GroupBy(e => e.Date).ToList();
            if (dates.Count > 1)
            {
                foreach (var e in dates.Skip(1).SelectMany(g => g))
                {
                    yield return new RecordFinding(e.Id, "salvo-split",
                        $"the missile table dates it {day.Key} with launches the record puts on {dates[0].Key}, but the record dates it {e.Date}.");
                }
            }
        }
    }
}

using System.Globalization;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Record;

/// <summary>
/// One row of <c>data/corrections.csv</c>: a field of one event that the record sets otherwise
/// than the reference tables, with the source that shows why.
/// </summary>
/// <param name="File">The file, for errors.</param>
/// <param name="Line">The line, for errors and for the event's source.</param>
/// <param name="EventId">The event as the merge names it before corrections.</param>
/// <param name="Field">One of <see cref="RecordCorrections.Fields"/>.</param>
/// <param name="Value">The value the record takes.</param>
/// <param name="SourceUrl">A public page that supports the value.</param>
/// <param name="Reason">Why, in plain words.</param>
internal sealed record Correction(string File, long Line, string EventId, string Field, string Value, string SourceUrl, string Reason)
{
    public static readonly IReadOnlyList<string> Columns = ["event", "field", "value", "source_url", "reason"];

    public static IReadOnlyList<Correction> Read(TextReader text, string file) =>
        [.. CsvTable.Read(text, file, Columns).Records.Select(r =>
        {
            var field = r.Required("field");
            return RecordCorrections.Fields.Contains(field)
                ? new Correction(r.File, r.Line, r.Required("event"), field, r.Required("value"), ProvocationRow.CheckedUrl(r, "source_url") ?? throw r.Error("source_url", "the value is empty."), r.Required("reason"))
                : throw r.Error("field", $"'{field}' is not a field a correction can set: use one of {string.Join(", ", RecordCorrections.Fields)}.");
        })];

    public string Reference => $"corrections line {Line.ToString(CultureInfo.InvariantCulture)}";

    public InputException Error(string column, string message) => new(message, File, Line, column);
}

/// <summary>
/// Applies <c>data/corrections.csv</c> after the merge: each row sets one field of one event and
/// adds its source to the event, so that <c>events show</c> tells a reader why the record differs
/// from a reference table. A correction that names no event stops the build of the record.
/// </summary>
internal static class RecordCorrections
{
    /// <summary>The fields a correction can set. <c>same_as</c> folds the event into another (a duplicate report of one launch): its sources join that event.</summary>
    public static readonly IReadOnlyList<string> Fields = ["date", "utc_instant", "class", "system", "site", "number_fired", "same_as"];

    private const string SourceName = "Peninsula correction";

    /// <summary>The prefix of a correction that names one row of the missile table instead of an event: its class, before launches are grouped, so that a salvo of two kinds becomes two launches.</summary>
    public const string RowPrefix = "missile-tests.csv line ";

    /// <summary>A correction as a source of the event it corrects.</summary>
    public static EventSource SourceOf(Correction c) =>
        new(SourceName, c.SourceUrl, null, $"{c.Field} = {c.Value}: {c.Reason}", ContextCalendar.DatasetName(c.File), $"line {c.Line.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The corrections of single missile-table rows, by row; only <c>class</c> can be set on a row.
    /// A row is named by its line and its date as the table writes it (<c>missile-tests.csv line 182
    /// (2022-05-24T21:00Z)</c>); in another edition of the table, where lines move, the one row with
    /// that date and time is taken, and none when several share it.
    /// </summary>
    public static Dictionary<MissileTestRow, Correction> OfRows(IReadOnlyList<MissileTestRow> rows, IReadOnlyList<Correction> corrections, bool everyCorrectionApplies)
    {
        var result = new Dictionary<MissileTestRow, Correction>(ReferenceEqualityComparer.Instance);
        foreach (var c in corrections.Where(c => c.EventId.StartsWith(RowPrefix, StringComparison.Ordinal)))
        {
            if (c.Field != "class" || !Taxonomy.MissileClasses.Contains(c.Value))
            {
                throw c.Error(c.Field != "class" ? "field" : "value", $"a correction of a missile-table row sets its class to one of {string.Join(", ", Taxonomy.MissileClasses)}.");
            }

            var key = c.EventId[RowPrefix.Length..].Split(' ', 2);
            if (key is not [var lineText, var dated] || !long.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out var line) ||
                dated.Length < 3 || dated[0] != '(' || dated[^1] != ')')
            {
                throw c.Error("event", $"'{c.EventId}' does not name a row as 'missile-tests.csv line N (DATE)', the date as the table writes it.");
            }

            var date = dated[1..^1];
            var sameDate = rows.Where(r => r.DateText == date).ToList();
            var row = sameDate.FirstOrDefault(r => r.Line == line) ?? (sameDate.Count == 1 ? sameDate[0] : null);
            if (row is not null)
            {
                result[row] = c;
            }
            else if (everyCorrectionApplies)
            {
                throw c.Error("event", $"no row of data/reference/missile-tests.csv at line {lineText} is dated {date}.");
            }
        }

        return result;
    }

    /// <summary>Applies the corrections; maps every event given to the event it becomes (an event folded into another maps to that one).</summary>
    public static Dictionary<Event, Event> Apply(
        IReadOnlyList<Event> events, IReadOnlyList<Correction> corrections, WeaponSystemCatalog systems, LaunchSites sites, List<RecordMerger.Note> notes, bool everyCorrectionApplies = true)
    {
        var current = events.ToDictionary(e => e.Id, e => e, StringComparer.Ordinal);
        var originOf = events.ToDictionary(e => e.Id, e => e, StringComparer.Ordinal);
        var foldedInto = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in corrections.Where(c => !c.EventId.StartsWith(RowPrefix, StringComparison.Ordinal)))
        {
            if (!current.TryGetValue(c.EventId, out var e))
            {
                if (!everyCorrectionApplies)
                {
                    continue; // Another edition of a table: a correction of an event it lacks does not apply.
                }

                throw c.Error("event", $"no event '{c.EventId}' in the merged record (a correction names an event by the id the merge gives it before corrections).");
            }

            var (changed, before) = Set(e, c, systems, sites);
            changed = changed with { Sources = [.. changed.Sources, SourceOf(c)] };
            if (c.Field == "same_as")
            {
                if (!current.TryGetValue(c.Value, out var target) || target.Id == e.Id)
                {
                    if (!everyCorrectionApplies && target is null)
                    {
                        continue; // Another edition of a table (later rows only, say): the event to fold into is not in it, so the fold does not apply.
                    }

                    throw c.Error("value", $"no other event '{c.Value}' in the merged record to fold '{c.EventId}' into.");
                }

                current[target.Id] = target with { Sources = [.. target.Sources, .. changed.Sources] };
                current.Remove(e.Id);
                foldedInto[e.Id] = target.Id;
            }
            else
            {
                current[e.Id] = changed;
            }

            notes.Add(new RecordMerger.Note(-1, originOf[c.EventId], c.Field, c.Value, $"{c.Reference} ({c.SourceUrl})", before, "the reference tables", $"a correction: {c.Reason}"));
        }

        // One object per event (two events folded into the same one map to the same object).
        var renamed = current.ToDictionary(p => p.Key, p => Renamed(p.Value), StringComparer.Ordinal);
        var result = new Dictionary<Event, Event>(ReferenceEqualityComparer.Instance);
        foreach (var e in events)
        {
            var id = e.Id;
            while (foldedInto.TryGetValue(id, out var into))
            {
                id = into;
            }

            result[e] = renamed[id];
        }

        return result;
    }

    private static (Event Changed, string Before) Set(Event e, Correction c, WeaponSystemCatalog systems, LaunchSites sites)
    {
        var launch = e.Kind == EventKind.MissileLaunch;
        switch (c.Field)
        {
            case "date":
                return (e with { Date = KoreanDate.TryParse(c.Value, out var date) ? date : throw c.Error("value", KoreanDate.NotADate(c.Value)) }, e.Date.ToString());
            case "utc_instant":
                return (e with
                {
                    UtcInstant = DateTimeOffset.TryParseExact(c.Value, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                        ? instant.ToUniversalTime()
                        : throw c.Error("value", $"'{c.Value}' is not a UTC time of the form YYYY-MM-DDTHH:MMZ."),
                }, e.UtcInstant?.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) ?? "none");
            case "class" when launch:
                return (RecordMerger.Described(e with { Class = Taxonomy.MissileClasses.Contains(c.Value) ? c.Value : throw c.Error("value", $"'{c.Value}' is not a missile class: use one of {string.Join(", ", Taxonomy.MissileClasses)}.") }), e.Class ?? "none");
            case "system" when launch:
                return (RecordMerger.Described(e with { System = systems.Find(c.Value) ?? throw c.Error("value", $"'{c.Value}' is not a system in data/gazetteer/weapon-systems.csv.") }), e.System?.Id ?? "none");
            case "site" when launch:
                var site = sites.Find(c.Value) ?? throw c.Error("value", $"'{c.Value}' is not a site in data/gazetteer/sites.csv.");
                return (RecordMerger.Described(e with { Site = new Place(site.Name, site.Latitude, site.Longitude) }), e.Site?.Name ?? "none");
            case "number_fired" when launch:
                return (RecordMerger.Described(e with
                {
                    Figures = e.Figures with { NumberFired = int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw c.Error("value", $"'{c.Value}' is not a number of missiles (1 or more).") },
                }), e.Figures.NumberFired?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
            case "same_as":
                return (e, e.Id);
            default:
                throw c.Error("field", $"'{c.Field}' can be corrected only on a missile launch; '{e.Id}' is a {e.Kind.Slug()}.");
        }
    }

    /// <summary>A launch's id follows its date, class and system; other events keep theirs.</summary>
    private static Event Renamed(Event e) =>
        e.Kind == EventKind.MissileLaunch && e.DatePrecision == DatePrecision.Day
            ? e with { Id = RecordMerger.LaunchId(e.Date, e.Class!, e.System) }
            : e;
}

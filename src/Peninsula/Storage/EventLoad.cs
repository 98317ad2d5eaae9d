using System.Text.Json;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

/// <summary>
/// Loads many new events fast: rows straight into the tables (binary COPY on PostgreSQL, one
/// prepared statement per table on SQLite) in one transaction, each event audited as an insert.
/// For new events into a store that does not hold them (a load test, a first load): unlike
/// <see cref="IEventStore.SaveAsync"/> it neither merges nor updates, and an id already stored
/// fails the whole load.
/// </summary>
internal static class EventLoad
{
    /// <param name="store">A store of either backend.</param>
    /// <param name="events">The events; called once per table, so it must give the same events each time (a generator from a seed).</param>
    /// <param name="origin">Written to the audit trail.</param>
    /// <param name="at">When, for the rows' timestamps and the audit trail.</param>
    /// <param name="cancellationToken">Stops the load (nothing is kept).</param>
    public static void Load(IEventStore store, Func<IEnumerable<Event>> events, ChangeOrigin origin, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var tables = (IRecordTables)store;
        var firstSequence = tables.Count(RecordTables.Audit) == 0 ? 1 : throw new InvalidOperationException("EventLoad numbers the audit trail from 1, so it loads into an empty store only.");
        var originText = origin.ToString();
        tables.WriteRows([RecordTables.Events, RecordTables.EventActors, RecordTables.EventSources, RecordTables.Audit], table => table.Name switch
        {
            "events" => events().Select(e => EventRowOf(e, at)),
            "event_actors" => events().SelectMany(e => e.Actors.Select((actor, position) => new object?[] { e.Id, position, actor })),
            "event_sources" => events().SelectMany(e => e.Sources.Select((s, position) => new object?[] { e.Id, position, s.Name, s.Url, s.Date, s.OriginalLabel, s.Dataset, s.Record, s.Importer })),
            _ => events().Select((e, i) => new object?[] { firstSequence + (long)i, at, "insert", "event", e.Id, originText, null, EventJson.Serialize(e) }),
        }, cancellationToken);
    }

    private static object?[] EventRowOf(Event e, DateTimeOffset at) =>
    [
        e.Id, e.Kind.Slug(), e.Class, e.Date.Date, e.DatePrecision == DatePrecision.Month ? "month" : "day", e.EndDate?.Date, e.UtcInstant?.ToUniversalTime(),
        e.People.Count == 0 ? null : JsonSerializer.Serialize(e.People), e.System?.Id, e.System?.Name, e.System is null ? null : JsonSerializer.Serialize(e.System.Aliases),
        e.Site?.Name, e.Site?.Latitude, e.Site?.Longitude, (long?)e.Figures.NumberFired, e.Figures.ApogeeKm, e.Figures.RangeKm, e.Figures.LandingArea, e.Figures.YieldKt, e.Figures.YieldKtLow,
        e.Figures.YieldKtHigh, e.Figures.Magnitude, e.Outcome?.ToString().ToLowerInvariant(), e.Title, e.Summary, 1L, at, at, null,
    ];
}

using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

/// <summary>
/// A newer bundled record over a store that has lived with an older one. A field of a bundled event
/// that anything but the bundled record ever set (an edit through the API or the command line, an
/// import by its precedence), as the audit trail tells, keeps the store's value; a field only the
/// bundled record ever set takes the newer bundle's. The sources that imports, watched feeds and
/// reviews added are kept; a source the bundle itself dropped goes. A bundled event that someone
/// deleted stays deleted: only one that a bundle update deleted comes back with a bundle that has it again.
/// </summary>
internal static class BundleUpdate
{
    /// <summary>The origin every load of the bundled record is audited under.</summary>
    public const string Origin = "bundled-record";

    /// <summary>
    /// The bundled events as the store is to hold them (see <see cref="BundleUpdate"/>), and each
    /// as the store held it when read (null: not at all), for the save to leave alone those another
    /// writer changed since (<see cref="IEventStore.SaveAsync"/>). When a bundle was
    /// <paramref name="loadedBefore"/>, a bundled event the store holds only as deleted is left out
    /// if the delete was anyone's but a bundle update's.
    /// </summary>
    public static async Task<(IReadOnlyList<Event> Events, IReadOnlyDictionary<string, Event?> AsRead)> MergeAsync(
        IEventStore store, IReadOnlyList<Event> bundled, bool loadedBefore, CancellationToken cancellationToken)
    {
        var stored = (await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var merged = new List<Event>(bundled.Count);
        foreach (var incoming in bundled)
        {
            if (!stored.TryGetValue(incoming.Id, out var kept))
            {
                // On a first load nothing of the bundle can have been deleted yet: no audit is read.
                if (!loadedBefore || !await DeletedByHandAsync(store, incoming.Id, cancellationToken).ConfigureAwait(false))
                {
                    merged.Add(incoming);
                }

                continue;
            }

            var added = kept.Sources.Where(s => s.Importer is not null && !incoming.Sources.Any(b => EventMerge.SameCitation(s, b))).ToList();
            var withSources = added.Count == 0 ? incoming : incoming with { Sources = [.. incoming.Sources, .. added] };
            HashSet<string> owned = SameFields(kept, incoming) ? [] : await OwnedFieldsAsync(store, incoming.Id, cancellationToken).ConfigureAwait(false);
            merged.Add(owned.Count == 0 ? withSources : Fields.Where(f => owned.Contains(f.Name)).Aggregate(withSources, (e, f) => f.Copy(kept, e)));
        }

        return (merged, merged.ToDictionary(e => e.Id, e => stored.GetValueOrDefault(e.Id), StringComparer.Ordinal));
    }

    /// <summary>Whether the store's last word on an event it does not hold is a delete that a bundle update did not make (an analyst's, the API's).</summary>
    private static async Task<bool> DeletedByHandAsync(IEventStore store, string id, CancellationToken cancellationToken) =>
        await store.AuditAsync(id, limit: 1, cancellationToken).ConfigureAwait(false) is [{ Operation: "delete" } last, ..]
        && !last.Origin.StartsWith(Origin, StringComparison.Ordinal);

    /// <summary>
    /// The fields of an event that anything but a load of the bundled record has set, from the
    /// audit trail: every field an edit or an import changed, and all of them when it created the event.
    /// </summary>
    private static async Task<HashSet<string>> OwnedFieldsAsync(IEventStore store, string id, CancellationToken cancellationToken)
    {
        var owned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in await store.AuditAsync(id, limit: 10_000, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Origin.StartsWith(Origin, StringComparison.Ordinal) || entry.After is null)
            {
                continue;
            }

            var after = EventJson.Deserialize(entry.After);
            var before = entry.Before is null ? null : EventJson.Deserialize(entry.Before);
            owned.UnionWith(Fields.Where(f => before is null || !f.Same(before, after)).Select(f => f.Name));
        }

        return owned;
    }

    /// <summary>A field of an event: its name, whether two versions agree on it, and how to copy it from one to another.</summary>
    private sealed record Field(string Name, Func<Event, Event, bool> Same, Func<Event, Event, Event> Copy);

    private static Field Of<T>(string name, Func<Event, T> get, Func<Event, T, Event> set) =>
        new(name, (a, b) => EqualityComparer<T>.Default.Equals(get(a), get(b)), (from, to) => set(to, get(from)));

    private static Field Names(string name, Func<Event, IReadOnlyList<string>> get, Func<Event, IReadOnlyList<string>, Event> set) =>
        new(name, (a, b) => get(a).SequenceEqual(get(b), StringComparer.Ordinal), (from, to) => set(to, get(from)));

    /// <summary>Every field of an event but its id, kind and sources.</summary>
    private static readonly Field[] Fields =
    [
        Of("class", e => e.Class, (e, v) => e with { Class = v }),
        Of("date", e => (e.Date, e.DatePrecision), (e, v) => e with { Date = v.Date, DatePrecision = v.DatePrecision }),
        Of("end_date", e => e.EndDate, (e, v) => e with { EndDate = v }),
        Of("utc_instant", e => e.UtcInstant, (e, v) => e with { UtcInstant = v }),
        Names("actors", e => e.Actors, (e, v) => e with { Actors = v }),
        Names("people", e => e.People, (e, v) => e with { People = v }),
        Of("system", e => e.System, (e, v) => e with { System = v }),
        Of("site", e => e.Site, (e, v) => e with { Site = v }),
        Of("figures.number_fired", e => e.Figures.NumberFired, (e, v) => e with { Figures = e.Figures with { NumberFired = v } }),
        Of("figures.apogee_km", e => e.Figures.ApogeeKm, (e, v) => e with { Figures = e.Figures with { ApogeeKm = v } }),
        Of("figures.range_km", e => e.Figures.RangeKm, (e, v) => e with { Figures = e.Figures with { RangeKm = v } }),
        Of("figures.landing_area", e => e.Figures.LandingArea, (e, v) => e with { Figures = e.Figures with { LandingArea = v } }),
        Of("figures.yield_kt", e => (e.Figures.YieldKt, e.Figures.YieldKtLow, e.Figures.YieldKtHigh),
            (e, v) => e with { Figures = e.Figures with { YieldKt = v.YieldKt, YieldKtLow = v.YieldKtLow, YieldKtHigh = v.YieldKtHigh } }),
        Of("figures.magnitude", e => e.Figures.Magnitude, (e, v) => e with { Figures = e.Figures with { Magnitude = v } }),
        Of("outcome", e => e.Outcome, (e, v) => e with { Outcome = v }),
        Of("title", e => e.Title, (e, v) => e with { Title = v }),
        Of("summary", e => e.Summary, (e, v) => e with { Summary = v }),
    ];

    /// <summary>Whether two versions of an event agree on every field but their sources.</summary>
    private static bool SameFields(Event a, Event b) => Fields.All(f => f.Same(a, b));
}

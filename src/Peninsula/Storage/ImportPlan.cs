using System.Globalization;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

/// <summary>
/// What importing a file's events into the stored events of their kinds comes to: which are new,
/// which change a stored event, and where sources disagree. Pure, so that every backend merges
/// the same way and only writes the outcome.
/// </summary>
internal static class ImportPlan
{
    /// <summary>A change to write, in order: <paramref name="Before"/> is null for a new event. An event joined twice in one file changes twice.</summary>
    internal sealed record Change(Event After, Event? Before);

    internal sealed record Outcome(List<Change> Changes, List<Conflict> Conflicts, int Unchanged)
    {
        public int Added => Changes.Count(c => c.Before is null);

        public int Updated => Changes.Count(c => c.Before is not null);
    }

    /// <param name="stored">The live (not deleted) stored events of the incoming events' kinds.</param>
    /// <param name="incoming">The file's events, in file order.</param>
    /// <param name="policy">Which source wins a disagreement.</param>
    /// <param name="input">The file, for messages.</param>
    /// <param name="cancellationToken">Stops between events.</param>
    public static Outcome Make(IEnumerable<Event> stored, IReadOnlyList<Event> incoming, ImportPolicy policy, string? input, CancellationToken cancellationToken)
    {
        var byId = stored.ToDictionary(e => e.Id, StringComparer.Ordinal);
        // Candidates by day and launch site: an incoming launch looks only at the events of its
        // site (and those without one) within a month, so that many launches on one date cost
        // n log n, not n squared (launches at two different sites are never the same launch).
        var byDaySite = new Dictionary<(int Day, string Site), List<string>>();
        var byDay = new Dictionary<int, List<string>>();
        void Index(Event e)
        {
            (byDay.TryGetValue(e.Date.Date.DayNumber, out var day) ? day : byDay[e.Date.Date.DayNumber] = []).Add(e.Id);
            var key = (e.Date.Date.DayNumber, EventMerge.SiteKey(e) ?? "");
            (byDaySite.TryGetValue(key, out var site) ? site : byDaySite[key] = []).Add(e.Id);
        }

        foreach (var e in byId.Values)
        {
            Index(e);
        }

        var suffixes = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<Change>();
        var conflicts = new List<Conflict>();
        var unchanged = 0;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in incoming)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var site = EventMerge.SiteKey(e);
            IEnumerable<string> Near(int d) =>
                site is null
                    ? byDay.GetValueOrDefault(e.Date.Date.DayNumber + d) ?? []
                    : [.. byDaySite.GetValueOrDefault((e.Date.Date.DayNumber + d, site)) ?? [], .. byDaySite.GetValueOrDefault((e.Date.Date.DayNumber + d, "")) ?? []];
            var nearby = Enumerable.Range(-31, 63).SelectMany(Near)
                .Append(e.Id).Distinct().Where(byId.ContainsKey).Select(id => byId[id]).ToList();
            // One to one first; then an event another record of this file already joined on the same
            // date (a source that splits one launch into two classes adds to it rather than
            // duplicating it). A launch the file dates a day apart from one it already placed is
            // another launch: one file keeps one clock, so the day's tolerance for sources that mix
            // UTC and Korean dates does not apply between its own records.
            var match = EventMerge.FindMatch(e, nearby.Where(s => !taken.Contains(s.Id)))
                        ?? EventMerge.FindMatch(e, nearby.Where(s => taken.Contains(s.Id) && s.Date == e.Date));
            if (match is null)
            {
                var id = UniqueId(e.Id, byId, suffixes);
                var insert = e with { Id = id };
                byId[id] = insert;
                taken.Add(id);
                Index(insert);
                changes.Add(new Change(insert, null));
                continue;
            }

            taken.Add(match.Id);
            var (merged, found) = EventMerge.Merge(match, e, policy);
            conflicts.AddRange(found);
            if (EventJson.Serialize(match) == EventJson.Serialize(merged.Validated(input)))
            {
                unchanged++;
                continue;
            }

            byId[merged.Id] = merged;
            changes.Add(new Change(merged, match));
        }

        return new Outcome(changes, conflicts, unchanged);
    }

    /// <summary>The id, or the id with the first free <c>-n</c>; remembers the last n per id so that many events of one id cost one look-up each.</summary>
    private static string UniqueId(string id, Dictionary<string, Event> taken, Dictionary<string, int> suffixes)
    {
        var candidate = id;
        for (var n = suffixes.GetValueOrDefault(id, 2); taken.ContainsKey(candidate); n++)
        {
            candidate = $"{id}-{n.ToString(CultureInfo.InvariantCulture)}";
            suffixes[id] = n + 1;
        }

        return candidate;
    }
}

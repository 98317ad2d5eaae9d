namespace Peninsula.Events;

/// <summary>
/// "Did you mean": the names closest to one a person mistyped, for messages that refuse a name
/// (an event id, a timing question).
/// </summary>
public static class Spelling
{
    /// <summary>
    /// Up to <paramref name="count"/> of <paramref name="names"/> that <paramref name="wanted"/> is
    /// probably a slip for, closest first, ignoring case: names that begin with it or contain it
    /// (a shortened name: <c>secstate</c> for <c>secstate-visits</c>), then names within a few edits
    /// of it (one edit per five characters, at least two; a swap of neighbours is one edit).
    /// Only the closest kind of match is given. Empty when nothing is close.
    /// </summary>
    public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> names, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(names);
        var w = wanted.Trim().ToLowerInvariant();
        if (w.Length == 0)
        {
            return [];
        }

        var limit = Math.Max(2, w.Length / 5);
        var candidates = names
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name =>
            {
                var n = name.ToLowerInvariant();
                var rank = w.Length >= 3 && n.StartsWith(w, StringComparison.Ordinal) ? 0
                    : w.Length >= 3 && n.Contains(w, StringComparison.Ordinal) ? 1
                    : 2 + Edits(w, n, limit);
                return (Name: name, Rank: rank);
            })
            .Where(c => c.Rank <= 2 + limit)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        // Only the closest: one slip from the name wanted outranks every name two slips away.
        var best = candidates.Min(c => c.Rank);
        return [.. candidates.Where(c => c.Rank == best).Select(c => c.Name).Order(StringComparer.Ordinal).Take(count)];
    }

    /// <summary>
    /// The optimal string alignment distance (insertions, deletions, substitutions and swaps of
    /// neighbours), or <paramref name="limit"/> + 1 once it is certain to exceed the limit.
    /// </summary>
    internal static int Edits(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d = Math.Min(d, before[j - 2] + 1);
                }

                current[j] = d;
                rowBest = Math.Min(rowBest, d);
            }

            if (rowBest > limit)
            {
                return limit + 1;
            }

            (before, previous, current) = (previous, current, before);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}

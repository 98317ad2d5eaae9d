namespace Peninsula.Timing;

/// <summary>
/// The arithmetic of the timing test on a day grid: the provocation series stays as it is, and
/// the context windows move. Two ways of moving them: each window to a random day of its own
/// year (keeps the yearly level and the season mix of the context), and all windows together by
/// one circular shift of the whole period (keeps the spacing between context events).
/// Permutations run in fixed blocks, each with its own seeded generator, so that the figures are
/// the same whatever the number of threads.
/// </summary>
internal sealed class PermutationTest
{
    private const int BlockSize = 250;

    private readonly int _length;
    private readonly int[] _prefix;
    private readonly int[] _days;
    private readonly int[] _dayCounts;
    private readonly int[] _next;
    private readonly Placement[] _contexts;

    /// <param name="counts">Provocations on each day of the period.</param>
    /// <param name="contexts">The context windows, as day indices into the period.</param>
    /// <param name="profileDays">The event-study profile reaches this many days either side of each context event's start.</param>
    public PermutationTest(int[] counts, IReadOnlyList<Placement> contexts, int profileDays)
    {
        _length = counts.Length;
        _contexts = [.. contexts];
        ProfileDays = profileDays;
        _prefix = new int[counts.Length + 1];
        for (var d = 0; d < counts.Length; d++)
        {
            _prefix[d + 1] = _prefix[d] + counts[d];
        }

        // Provocations are rare (a few days in a hundred), so windows walk the days that have
        // one rather than every day: _next[d] is the first of those days on or after d.
        _days = [.. Enumerable.Range(0, counts.Length).Where(d => counts[d] > 0)];
        _dayCounts = [.. _days.Select(d => counts[d])];
        _next = new int[counts.Length + 1];
        for (int d = counts.Length, j = _days.Length; d >= 0; d--)
        {
            while (j > 0 && d < counts.Length && _days[j - 1] >= d)
            {
                j--;
            }

            _next[d] = j;
        }
    }

    public int Days => _length;

    public int ProfileDays { get; }

    private int ProfileWidth => (2 * ProfileDays) + 1;

    /// <summary>Provocations in the window of context <paramref name="i"/> when its start is on day <paramref name="start"/>.</summary>
    public int InWindow(int i, int start)
    {
        var (lo, hi) = Clip(start + _contexts[i].WindowFrom, start + _contexts[i].WindowTo);
        return lo > hi ? 0 : _prefix[hi + 1] - _prefix[lo];
    }

    /// <summary>The statistics where the context events really are.</summary>
    public Outcome Observed()
    {
        var stamp = new int[_days.Length];
        var starts = _contexts.Select(c => c.Start).ToArray();
        var profile = new int[ProfileWidth];
        var (hits, inside) = Statistics(starts, stamp, 1, profile);
        return new Outcome(hits, inside, profile);
    }

    /// <summary>
    /// For each context event, the share of the days of its year on which a window starting there
    /// holds a provocation: its chance of a hit when placed at random, computed over every placement.
    /// </summary>
    public double[] HitProbabilities() =>
        [.. _contexts.Select((c, i) =>
        {
            var hits = 0;
            for (var start = c.First; start <= c.Last; start++)
            {
                hits += InWindow(i, start) > 0 ? 1 : 0;
            }

            return (double)hits / (c.Last - c.First + 1);
        })];

    /// <summary>Runs <paramref name="permutations"/> placements of each kind; cancelling <paramref name="cancellationToken"/> stops it between blocks.</summary>
    public NullDistribution Run(int permutations, int seed, bool withProfile, CancellationToken cancellationToken = default)
    {
        var result = new NullDistribution(permutations, withProfile ? ProfileWidth : 0);
        var blocks = (permutations + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellationToken }, block =>
        {
            var random = new Random(BlockSeed(seed, block));
            var stamp = new int[_days.Length];
            var starts = new int[_contexts.Length];
            var profile = new int[ProfileWidth];
            var end = Math.Min(permutations, (block + 1) * BlockSize);
            for (var p = block * BlockSize; p < end; p++)
            {
                for (var i = 0; i < _contexts.Length; i++)
                {
                    starts[i] = random.Next(_contexts[i].First, _contexts[i].Last + 1);
                }

                Array.Clear(profile);
                var (hits, inside) = Statistics(starts, stamp, (2 * p) + 1, withProfile ? profile : null);
                result.WithinYearHits[p] = hits;
                result.WithinYearInside[p] = inside;
                if (withProfile)
                {
                    profile.CopyTo(result.Profiles, p * ProfileWidth);
                }

                var shift = Days > 1 ? random.Next(1, Days) : 0;
                for (var i = 0; i < _contexts.Length; i++)
                {
                    starts[i] = (_contexts[i].Start + shift) % Days;
                }

                (hits, inside) = Statistics(starts, stamp, (2 * p) + 2, null);
                result.CircularHits[p] = hits;
                result.CircularInside[p] = inside;
            }
        });
        return result;
    }

    /// <summary>A seed for one block, mixed from the user's seed so that neighbouring blocks are unrelated.</summary>
    internal static int BlockSeed(int seed, int block)
    {
        var z = unchecked(((ulong)(uint)seed << 32) + (ulong)block + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>
    /// The context events with at least one provocation in their window, and the provocations
    /// in the union of the windows (each counted once however many windows hold it).
    /// </summary>
    private (int Hits, int Inside) Statistics(int[] starts, int[] stamp, int tag, int[]? profile)
    {
        var hits = 0;
        var inside = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            var (lo, hi) = Clip(starts[i] + _contexts[i].WindowFrom, starts[i] + _contexts[i].WindowTo);
            if (lo <= hi && _prefix[hi + 1] - _prefix[lo] > 0)
            {
                hits++;
                for (var j = _next[lo]; j < _days.Length && _days[j] <= hi; j++)
                {
                    if (stamp[j] != tag)
                    {
                        stamp[j] = tag;
                        inside += _dayCounts[j];
                    }
                }
            }

            if (profile is not null)
            {
                var from = Math.Max(0, starts[i] - ProfileDays);
                var to = Math.Min(Days - 1, starts[i] + ProfileDays);
                var offset = ProfileDays - starts[i];
                for (var j = from <= to ? _next[from] : _days.Length; j < _days.Length && _days[j] <= to; j++)
                {
                    profile[_days[j] + offset] += _dayCounts[j];
                }
            }
        }

        return (hits, inside);
    }

    private (int Lo, int Hi) Clip(int lo, int hi) => (Math.Max(0, lo), Math.Min(Days - 1, hi));

    /// <summary>
    /// One context event on the grid: where it starts, its window relative to that start, and
    /// the first and last day it may start on when placed at random within its year.
    /// </summary>
    internal readonly record struct Placement(int Start, int WindowFrom, int WindowTo, int First, int Last);

    internal sealed record Outcome(int Hits, int Inside, int[] Profile);

    /// <summary>The statistics under each placement, one slot per permutation.</summary>
    internal sealed class NullDistribution(int permutations, int profileWidth)
    {
        public int Count { get; } = permutations;

        public int[] WithinYearHits { get; } = new int[permutations];

        public int[] WithinYearInside { get; } = new int[permutations];

        public int[] CircularHits { get; } = new int[permutations];

        public int[] CircularInside { get; } = new int[permutations];

        /// <summary>Permutation-major: the profile of permutation p is at p * width.</summary>
        public int[] Profiles { get; } = new int[permutations * profileWidth];

        public int ProfileWidth { get; } = profileWidth;
    }
}

using MathNet.Numerics.Distributions;
using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Storage;

namespace Peninsula.Timing;

/// <summary>How a timing test runs.</summary>
public sealed record TimingOptions
{
    /// <summary>Permutations of each kind (random placement within the year, circular shift).</summary>
    public int Permutations { get; init; } = 10_000;

    /// <summary>The seed of the permutations: the same seed gives the same figures.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The event-study profile reaches this many days either side of each context event.</summary>
    public int ProfileDays { get; init; } = 30;

    /// <summary>
    /// The first day the provocation data covers. Default: 1 January of the year of the first
    /// provocation in the set. Days before it hold no data, so context events there are left out.
    /// </summary>
    public KoreanDate? DataStart { get; init; }

    /// <summary>The last day the provocation data covers (the end of the record). Default: the last provocation in the set.</summary>
    public KoreanDate? DataEnd { get; init; }
}

/// <summary>
/// The timing test: do provocations fall in the windows around context events more often than
/// chance would place them there? The provocation series is kept exactly as it is, bursts and
/// yearly level included; the context windows are moved, each to a random day of its own year
/// (the main test), and all together by a circular shift of the whole period (a check that keeps
/// their spacing). See <c>docs/timing.md</c> for the method.
/// </summary>
public static class TimingAnalysis
{
    /// <summary>The fewest permutations accepted.</summary>
    public const int MinPermutations = 100;

    /// <summary>
    /// Runs the test for one question on a store: reads both sets, and takes the data's first day
    /// from the first event of the provocations' kinds (so that years without a launch count as
    /// years without a launch) and its last day from the end of the record.
    /// </summary>
    public static async Task<TimingResult> RunAsync(IEventStore store, TimingQuestion question, TimingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        var provocationQuery = EventFilter.Parse(question.Provocations, "--provocations");
        var contextQuery = EventFilter.Parse(question.Context, "--context");
        var provocations = await store.ListAsync(provocationQuery, cancellationToken).ConfigureAwait(false);
        var context = await store.ListAsync(contextQuery, cancellationToken).ConfigureAwait(false);
        var sameKinds = await store.ListAsync(
            new EventQuery { Kinds = provocationQuery.Kinds.Count > 0 ? provocationQuery.Kinds : [.. Taxonomy.ProvocationKinds] },
            cancellationToken).ConfigureAwait(false);
        var dayDated = sameKinds.Where(e => e.DatePrecision == DatePrecision.Day).ToList();
        var recordEnd = BundledRecord.CoverageEndOf(dayDated);
        var dataStart = provocationQuery.Since ?? (dayDated.Count == 0 ? null : new KoreanDate(dayDated.Min(e => e.Date).Year, 1, 1));
        var dataEnd = provocationQuery.Until is { } until ? Min(until, recordEnd) : recordEnd;
        return Run(question, provocations, context, options with { DataStart = options.DataStart ?? dataStart, DataEnd = options.DataEnd ?? dataEnd }, cancellationToken);
    }

    /// <summary>Runs the test for one question on the given provocations and context events.</summary>
    /// <exception cref="InputException">A set is empty, or no context event falls in the years the data covers.</exception>
    public static TimingResult Run(
        TimingQuestion question, IReadOnlyList<Event> provocations, IReadOnlyList<Event> context, TimingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(provocations);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Permutations < MinPermutations)
        {
            throw new InputException($"At least {MinPermutations} permutations are needed for a p-value; {options.Permutations} were asked for.", field: "--permutations");
        }

        var notes = new List<string>();
        var dated = provocations.Where(e => e.DatePrecision == DatePrecision.Day).OrderBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        Note(notes, provocations.Count - dated.Count, question.ProvocationNoun, "known only to the month were left out");
        if (dated.Count == 0)
        {
            throw new InputException($"No events match '{question.Provocations}', so there is nothing to test.", field: "--provocations");
        }

        var contextDated = context.Where(e => e.DatePrecision == DatePrecision.Day).OrderBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        Note(notes, context.Count - contextDated.Count, question.ContextNoun, "known only to the month were left out");
        if (contextDated.Count == 0)
        {
            throw new InputException($"No events match '{question.Context}', so there is nothing to test.", field: "--context");
        }

        var dataStart = options.DataStart ?? new KoreanDate(dated[0].Date.Year, 1, 1);
        var dataEnd = options.DataEnd ?? dated[^1].Date;
        var covered = contextDated.Where(e => e.Date >= dataStart && e.Date <= dataEnd).ToList();
        Note(notes, contextDated.Count(e => e.Date < dataStart), question.ContextNoun, $"before {dataStart.Year}, when the {question.ProvocationNoun.Many} data begins, were left out");
        Note(notes, contextDated.Count(e => e.Date > dataEnd), question.ContextNoun, $"after {dataEnd}, when the record ends, were left out");
        if (covered.Count == 0)
        {
            throw new InputException(
                $"None of the {question.ContextNoun.Count(contextDated.Count)} falls between {dataStart} and {dataEnd}, the days the {question.ProvocationNoun.Many} data covers.",
                field: "--context");
        }

        // The years of the context events, widened to every window that reaches past them
        // (a span over New Year, a window after a December event).
        var windows = covered.Select(e => question.Window.Around(e.Date, e.LastDate)).ToList();
        var start = Max(dataStart, Min(new KoreanDate(covered[0].Date.Year, 1, 1), windows.Min(w => w.First)));
        var end = Min(dataEnd, Max(new KoreanDate(covered[^1].Date.Year, 12, 31), windows.Max(w => w.Last)));
        var days = end.DaysSince(start) + 1;
        var inPeriod = dated.Where(e => e.Date >= start && e.Date <= end).ToList();
        var counts = new int[days];
        foreach (var e in inPeriod)
        {
            counts[e.Date.DaysSince(start)]++;
        }

        var placements = covered.Select(e =>
        {
            var at = e.Date.DaysSince(start);
            var (first, last) = question.Window.Around(e.Date, e.LastDate);
            return new PermutationTest.Placement(
                at,
                first.DaysSince(e.Date),
                last.DaysSince(e.Date),
                Math.Max(0, new KoreanDate(e.Date.Year, 1, 1).DaysSince(start)),
                Math.Min(days - 1, new KoreanDate(e.Date.Year, 12, 31).DaysSince(start)));
        }).ToList();

        var test = new PermutationTest(counts, placements, options.ProfileDays);
        var observed = test.Observed();
        var chances = test.HitProbabilities();
        var nulls = test.Run(options.Permutations, options.Seed, withProfile: true, cancellationToken);
        var exact = PoissonBinomial(chances);

        var evidence = covered.Select((e, i) =>
        {
            var (first, last) = question.Window.Around(e.Date, e.LastDate);
            var held = inPeriod.Where(p => p.Date >= first && p.Date <= last).ToList();
            return new ContextEvidence(e, first, last, held) { ChanceOfHit = chances[i] };
        }).ToList();

        return new TimingResult
        {
            Question = question,
            PeriodStart = start,
            PeriodEnd = end,
            Permutations = options.Permutations,
            Seed = options.Seed,
            ContextEvents = covered.Count,
            Provocations = inPeriod.Count,
            Hits = HitComparison(observed.Hits, nulls, chances, exact),
            ProvocationsInside = Compare(observed.Inside, nulls.WithinYearInside, nulls.CircularInside),
            BestPossibleP = exact[^1],
            Evidence = evidence,
            Profile = Profile(observed.Profile, nulls, options.ProfileDays),
            Notes = notes,
        };
    }

    /// <summary>
    /// Sets the Benjamini-Hochberg adjusted p-value of each result's hit count, for when several
    /// questions are asked at once: the adjusted values control the false discovery rate.
    /// </summary>
    public static IReadOnlyList<TimingResult> AdjustForMultipleQuestions(IReadOnlyList<TimingResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var adjusted = BenjaminiHochberg([.. results.Select(r => r.Hits.P)]);
        return [.. results.Select((r, i) => r with { AdjustedP = adjusted[i] })];
    }

    /// <summary>Benjamini-Hochberg step-up adjustment: p(i) * m / rank, made monotone, at most 1.</summary>
    internal static double[] BenjaminiHochberg(IReadOnlyList<double> p)
    {
        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, p[i] * m / rank);
            adjusted[i] = running;
        }

        return adjusted;
    }

    /// <summary>The distribution of a sum of independent yes/no outcomes with these chances (the Poisson-binomial).</summary>
    internal static double[] PoissonBinomial(IReadOnlyList<double> chances)
    {
        var dist = new double[chances.Count + 1];
        dist[0] = 1;
        for (var i = 0; i < chances.Count; i++)
        {
            for (var k = i + 1; k >= 1; k--)
            {
                dist[k] = (dist[k] * (1 - chances[i])) + (dist[k - 1] * chances[i]);
            }

            dist[0] *= 1 - chances[i];
        }

        return dist;
    }

    /// <summary>
    /// The 95% interval of the ratio of hits to chance, by inverting the exact test: the odds of a
    /// hit at every context event are multiplied by a common factor, and the interval holds the
    /// factors under which the observed count is not in either 2.5% tail. It agrees with the test
    /// (it excludes 1 exactly when the exact p-value is below 0.025 on that side).
    /// </summary>
    internal static (double Low, double High) HitRatioInterval(int observed, IReadOnlyList<double> chances)
    {
        var expected = chances.Sum();
        if (expected <= 0 || chances.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var low = observed == 0 ? 0 : Expected(Solve(f => PoissonBinomial(Scaled(chances, f))[observed..].Sum() - 0.025)) / expected;
        var high = observed == chances.Count ? chances.Count / expected : Expected(Solve(f => 0.025 - PoissonBinomial(Scaled(chances, f))[..(observed + 1)].Sum())) / expected;
        return (low, high);

        double Expected(double factor) => Scaled(chances, factor).Sum();
    }

    /// <summary>Each chance with its odds multiplied by <paramref name="factor"/>.</summary>
    private static double[] Scaled(IReadOnlyList<double> chances, double factor) =>
        [.. chances.Select(p => p >= 1 ? 1 : p * factor / (1 - p + (p * factor)))];

    /// <summary>The odds factor at which an increasing function crosses zero, by bisection on its logarithm.</summary>
    private static double Solve(Func<double, double> increasing)
    {
        double lo = -30, hi = 30;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            if (increasing(Math.Exp(mid)) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>The exact (Garwood) 95% interval of a Poisson count, divided by the expected count.</summary>
    internal static (double Low, double High) RatioInterval(int observed, double expected)
    {
        if (expected <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var low = observed == 0 ? 0 : ChiSquared.InvCDF(2 * observed, 0.025) / 2;
        var high = ChiSquared.InvCDF((2 * observed) + 2, 0.975) / 2;
        return (low / expected, high / expected);
    }

    /// <summary>The value below which a share <paramref name="q"/> of the sorted sample lies (the inverse of the empirical distribution).</summary>
    internal static int Quantile(int[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static Comparison HitComparison(int observed, PermutationTest.NullDistribution nulls, double[] chances, double[] exact)
    {
        var (low, high) = HitRatioInterval(observed, chances);
        return Compare(observed, nulls.WithinYearHits, nulls.CircularHits) with { RatioLow = low, RatioHigh = high, PAllPlacements = exact[observed..].Sum() };
    }

    private static Comparison Compare(int observed, int[] withinYear, int[] circular)
    {
        var sorted = (int[])withinYear.Clone();
        Array.Sort(sorted);
        var expected = withinYear.Average();
        var (low, high) = RatioInterval(observed, expected);
        return new Comparison
        {
            Observed = observed,
            Expected = expected,
            RangeLow = Quantile(sorted, 0.025),
            RangeHigh = Quantile(sorted, 0.975),
            RatioLow = low,
            RatioHigh = high,
            P = PValue(withinYear.Count(x => x >= observed), withinYear.Length),
            PFewer = PValue(withinYear.Count(x => x <= observed), withinYear.Length),
            PCircular = PValue(circular.Count(x => x >= observed), circular.Length),
        };
    }

    /// <summary>The permutation p-value with the observed arrangement counted among the permutations, so it is never 0.</summary>
    private static double PValue(int atLeastAsExtreme, int permutations) => (1.0 + atLeastAsExtreme) / (1.0 + permutations);

    private static List<ProfilePoint> Profile(int[] observed, PermutationTest.NullDistribution nulls, int profileDays)
    {
        var width = nulls.ProfileWidth;
        var column = new int[nulls.Count];
        var points = new List<ProfilePoint>(width);
        for (var o = 0; o < width; o++)
        {
            for (var p = 0; p < nulls.Count; p++)
            {
                column[p] = nulls.Profiles[(p * width) + o];
            }

            var expected = column.Average();
            Array.Sort(column);
            points.Add(new ProfilePoint(o - profileDays, observed[o], expected, Quantile(column, 0.025), Quantile(column, 0.975)));
        }

        return points;
    }

    private static void Note(List<string> notes, int count, Noun noun, string what)
    {
        if (count > 0)
        {
            notes.Add($"{noun.Count(count)} {what}.");
        }
    }

    private static KoreanDate Max(KoreanDate a, KoreanDate b) => a >= b ? a : b;

    private static KoreanDate Min(KoreanDate a, KoreanDate b) => a <= b ? a : b;
}

using Peninsula.Events;

namespace Peninsula.Timing;

/// <summary>The answer to one timing question, with every figure behind it and its evidence.</summary>
public sealed record TimingResult
{
    /// <summary>What was asked: the sets, their descriptions and the window.</summary>
    public required TimingQuestion Question { get; init; }

    /// <summary>The days the test covers (Korean dates, inclusive).</summary>
    public required KoreanDate PeriodStart { get; init; }

    /// <summary>The last day the test covers.</summary>
    public required KoreanDate PeriodEnd { get; init; }

    /// <summary>Permutations of each kind that were run.</summary>
    public required int Permutations { get; init; }

    /// <summary>The seed that makes the permutations reproducible.</summary>
    public required int Seed { get; init; }

    /// <summary>Context events in the period: the number the hits are out of.</summary>
    public required int ContextEvents { get; init; }

    /// <summary>Provocations in the period.</summary>
    public required int Provocations { get; init; }

    /// <summary>Context events with at least one provocation in their window.</summary>
    public required Comparison Hits { get; init; }

    /// <summary>Provocations in at least one window.</summary>
    public required Comparison ProvocationsInside { get; init; }

    /// <summary>
    /// The smallest p-value the hit count could reach with these context events (if every one
    /// had a hit); above 0.05 the sample cannot show anything.
    /// </summary>
    public required double BestPossibleP { get; init; }

    /// <summary>Whether the sample is too small to conclude anything either way.</summary>
    public bool TooSmall => ContextEvents < 3 || BestPossibleP > 0.05;

    /// <summary>The Benjamini-Hochberg adjusted p-value of the hits, when several questions were asked at once.</summary>
    public double? AdjustedP { get; init; }

    /// <summary>Every context event in the period, with its window and the provocations in it.</summary>
    public required IReadOnlyList<ContextEvidence> Evidence { get; init; }

    /// <summary>Provocations by day offset from the context events' first day, against chance.</summary>
    public required IReadOnlyList<ProfilePoint> Profile { get; init; }

    /// <summary>What was left out and why, in plain language.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The answer in one or two plain sentences.</summary>
    public string Answer => TimingAnswer.Write(this);

    /// <summary>How strong the evidence is, in words ("weak evidence that ...").</summary>
    public string Reading => TimingAnswer.Reading(this);
}

/// <summary>An observed count against what chance gives, by two kinds of permutation.</summary>
public sealed record Comparison
{
    /// <summary>What was counted.</summary>
    public required int Observed { get; init; }

    /// <summary>The mean under random placement within each year.</summary>
    public required double Expected { get; init; }

    /// <summary>The 2.5th percentile under random placement.</summary>
    public required int RangeLow { get; init; }

    /// <summary>The 97.5th percentile under random placement.</summary>
    public required int RangeHigh { get; init; }

    /// <summary>Observed over expected.</summary>
    public double Ratio => Expected > 0 ? Observed / Expected : double.NaN;

    /// <summary>
    /// The lower end of the ratio's 95% interval. For hits: by inverting the exact test with the
    /// odds of a hit scaled at every context event; for provocations inside: the exact Poisson
    /// (Garwood) interval of the count over the expected.
    /// </summary>
    public required double RatioLow { get; init; }

    /// <summary>The upper end of the ratio's 95% interval.</summary>
    public required double RatioHigh { get; init; }

    /// <summary>The permutation p-value for "at least as many as observed": (1 + b) / (1 + N).</summary>
    public required double P { get; init; }

    /// <summary>The permutation p-value for "at most as many as observed" (fewer than chance).</summary>
    public required double PFewer { get; init; }

    /// <summary>The same test with all windows shifted together around the period (circular shifts).</summary>
    public required double PCircular { get; init; }

    /// <summary>
    /// For the hit count only: the p-value over every possible placement, computed exactly
    /// (each context event's hit chance from all the days of its year, combined by convolution).
    /// </summary>
    public double? PAllPlacements { get; init; }
}

/// <summary>One context event, its window and the provocations in it.</summary>
public sealed record ContextEvidence(Event Context, KoreanDate WindowStart, KoreanDate WindowEnd, IReadOnlyList<Event> Provocations)
{
    /// <summary>The event's chance of a provocation in its window when placed at random in its year.</summary>
    public double ChanceOfHit { get; init; }
}

/// <summary>Provocations on one day offset from the context events' first day, summed over the context events.</summary>
public sealed record ProfilePoint(int Offset, int Observed, double Expected, int BandLow, int BandHigh);

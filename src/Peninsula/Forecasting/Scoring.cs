namespace Peninsula.Forecasting;

/// <summary>Proper scores and calibration of probability forecasts of yes/no outcomes.</summary>
internal static class Scoring
{
    /// <summary>Forecasts are clamped to [Epsilon, 1 - Epsilon] for the log loss, so one confident miss costs at most ln(1/Epsilon) = 9.2.</summary>
    public const double Epsilon = 1e-4;

    /// <summary>The Brier score: the mean squared difference between forecast and outcome (0 is perfect).</summary>
    public static double Brier(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            sum += ProperScores.Brier(p[i], y[i]);
        }

        return p.Count == 0 ? double.NaN : sum / p.Count;
    }

    /// <summary>The log loss: the mean of -ln(probability given to what happened), natural logarithm.</summary>
    public static double LogLoss(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            sum -= ProperScores.Log(p[i], y[i], Epsilon);
        }

        return p.Count == 0 ? double.NaN : sum / p.Count;
    }

    /// <summary>The Brier skill score against a reference: 1 - Brier(p) / Brier(reference); above 0 beats the reference.</summary>
    public static double BrierSkillScore(IReadOnlyList<double> p, IReadOnlyList<double> reference, IReadOnlyList<bool> y) =>
        1 - (Brier(p, y) / Brier(reference, y));

    /// <summary>
    /// The reliability table: forecasts in ten equal bins [0, 0.1), [0.1, 0.2) ... [0.9, 1], with
    /// the number of forecasts, their mean and the observed frequency in each.
    /// </summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> p, IReadOnlyList<bool> y, int bins = 10)
    {
        var n = new int[bins];
        var sumP = new double[bins];
        var hits = new int[bins];
        for (var i = 0; i < p.Count; i++)
        {
            var b = Math.Min((int)(p[i] * bins), bins - 1);
            n[b]++;
            sumP[b] += p[i];
            hits[b] += y[i] ? 1 : 0;
        }

        return [.. Enumerable.Range(0, bins).Select(b => new ReliabilityBin(
            (double)b / bins, (double)(b + 1) / bins, n[b], n[b] == 0 ? double.NaN : sumP[b] / n[b], n[b] == 0 ? double.NaN : (double)hits[b] / n[b]))];
    }

    /// <summary>The expected calibration error: the forecast-weighted mean of |mean forecast - observed frequency| over the ten bins.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> p, IReadOnlyList<bool> y) =>
        p.Count == 0 ? double.NaN
        : Reliability(p, y).Where(b => b.Count > 0).Sum(b => b.Count * Math.Abs(b.MeanForecast - b.Observed)) / p.Count;

    /// <summary>Sharpness: the standard deviation of the forecasts (0 for a forecast that never changes).</summary>
    public static double Sharpness(IReadOnlyList<double> p)
    {
        if (p.Count == 0)
        {
            return double.NaN;
        }

        var mean = p.Average();
        return Math.Sqrt(p.Sum(x => (x - mean) * (x - mean)) / p.Count);
    }

    /// <summary>
    /// A 95% interval for the Brier skill score by the moving-block bootstrap: blocks of
    /// <paramref name="blockLength"/> consecutive forecasts (long enough to carry the dependence of
    /// overlapping horizons) drawn with replacement, <paramref name="resamples"/> times, seeded.
    /// </summary>
    public static (double Low, double High) BrierSkillInterval(
        IReadOnlyList<double> p, IReadOnlyList<double> reference, IReadOnlyList<bool> y, int blockLength, int resamples = 2000, int seed = 20261121)
    {
        var sums = BlockResampledBrierSums(p, reference, y, blockLength, resamples, seed);
        return Interval([.. sums.Select(s => s.Reference > 0 ? 1 - (s.Model / s.Reference) : double.NaN)]);
    }

    /// <summary>
    /// A 95% interval for the Brier score of <paramref name="p"/> minus that of
    /// <paramref name="reference"/> on the same forecasts (below 0: <paramref name="p"/> better), by
    /// the same moving-block bootstrap as <see cref="BrierSkillInterval"/>: whether a difference is
    /// larger than the luck of the period.
    /// </summary>
    public static (double Low, double High) BrierDifferenceInterval(
        IReadOnlyList<double> p, IReadOnlyList<double> reference, IReadOnlyList<bool> y, int blockLength, int resamples = 2000, int seed = 20261121)
    {
        var sums = BlockResampledBrierSums(p, reference, y, blockLength, resamples, seed);
        return Interval([.. sums.Select(s => (s.Model - s.Reference) / p.Count)]);
    }

    /// <summary>The summed squared errors of both forecasts in each moving-block resample (none with fewer than two forecasts).</summary>
    private static (double Model, double Reference)[] BlockResampledBrierSums(
        IReadOnlyList<double> p, IReadOnlyList<double> reference, IReadOnlyList<bool> y, int blockLength, int resamples, int seed)
    {
        var n = p.Count;
        if (n < 2)
        {
            return [];
        }

        blockLength = Math.Clamp(blockLength, 1, n);
        var random = new Random(seed);
        var sums = new (double, double)[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double model = 0, baseline = 0;
            var drawn = 0;
            while (drawn < n)
            {
                var start = random.Next(n - blockLength + 1);
                for (var k = 0; k < blockLength && drawn < n; k++, drawn++)
                {
                    var o = y[start + k] ? 1 : 0;
                    model += (p[start + k] - o) * (p[start + k] - o);
                    baseline += (reference[start + k] - o) * (reference[start + k] - o);
                }
            }

            sums[r] = (model, baseline);
        }

        return sums;
    }

    /// <summary>The 2.5% and 97.5% quantiles of the defined values; NaN when there are none.</summary>
    private static (double Low, double High) Interval(double[] values)
    {
        var sorted = values.Where(s => !double.IsNaN(s)).Order().ToArray();
        return sorted.Length == 0 ? (double.NaN, double.NaN) : (Quantile(sorted, 0.025), Quantile(sorted, 0.975));
    }

    /// <summary>
    /// 95% intervals of the mean of paired differences that come in clusters (the dated forecasts on
    /// one question share its outcome, so they are not independent): whole clusters drawn with
    /// replacement, <paramref name="resamples"/> times, seeded. The mean per item weighs every
    /// difference once; the mean per cluster weighs each cluster's mean once. NaN with fewer than two clusters.
    /// </summary>
    public static (double PerItemLow, double PerItemHigh, double PerClusterLow, double PerClusterHigh) ClusteredMeanIntervals(
        IReadOnlyList<IReadOnlyList<double>> clusters, int resamples = 2000, int seed = 20261121)
    {
        if (clusters.Count < 2)
        {
            return (double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sums = clusters.Select(c => c.Sum()).ToArray();
        var means = clusters.Select(c => c.Average()).ToArray();
        var random = new Random(seed);
        var perItem = new double[resamples];
        var perCluster = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0, count = 0, meanSum = 0;
            for (var k = 0; k < clusters.Count; k++)
            {
                var c = random.Next(clusters.Count);
                sum += sums[c];
                count += clusters[c].Count;
                meanSum += means[c];
            }

            perItem[r] = sum / count;
            perCluster[r] = meanSum / clusters.Count;
        }

        Array.Sort(perItem);
        Array.Sort(perCluster);
        return (Quantile(perItem, 0.025), Quantile(perItem, 0.975), Quantile(perCluster, 0.025), Quantile(perCluster, 0.975));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}

/// <summary>One bin of a reliability table.</summary>
/// <param name="Low">Lower edge of the bin (inclusive).</param>
/// <param name="High">Upper edge (exclusive, except 1 for the last bin).</param>
/// <param name="Count">Forecasts in the bin.</param>
/// <param name="MeanForecast">Their mean probability (NaN when empty).</param>
/// <param name="Observed">How often the target happened after them (NaN when empty).</param>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanForecast, double Observed);

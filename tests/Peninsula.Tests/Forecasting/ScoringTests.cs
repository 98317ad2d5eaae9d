using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

/// <summary>Scores against values worked out by hand (the arithmetic is in each test's comments).</summary>
public sealed class ScoringTests
{
    private const double Tolerance = 1e-9;

    private static readonly double[] P = [0.1, 0.8, 0.5, 0.3];
    private static readonly bool[] Y = [false, true, true, false];

    [Theory]
    // A year without a nuclear test: both models near 0, the interval a few millionths above 0. It said "worse by more than luck".
    [InlineData(0.0000002, 0.0000001, 0.0000004, "too close to matter: the scores differ by less than 0.0001")]
    [InlineData(0.0507, 0.0013, 0.1134, "worse by more than the luck of the period explains")]
    [InlineData(-0.0300, -0.0600, -0.0010, "better by more than the luck of the period explains")]
    [InlineData(-0.0021, -0.0311, 0.0224, "the period cannot tell them apart")]
    public void A_comparison_with_the_best_reference_says_what_its_interval_says_and_a_difference_of_millionths_is_not_worse(double difference, double low, double high, string verdict)
    {
        var comparison = new ReferenceComparison("recent-rate-365d", difference, low, high);
        Assert.Equal(verdict, comparison.Verdict);
        Assert.Equal(verdict.StartsWith("worse", StringComparison.Ordinal), comparison.ClearlyWorse);
        Assert.Equal(verdict.StartsWith("better", StringComparison.Ordinal), comparison.ClearlyBetter);
    }

    [Fact]
    public void Brier_score_is_the_mean_squared_error()
    {
        // (0.1^2 + 0.2^2 + 0.5^2 + 0.3^2) / 4 = (0.01 + 0.04 + 0.25 + 0.09) / 4 = 0.0975
        Assert.Equal(0.0975, Scoring.Brier(P, Y), Tolerance);
    }

    [Fact]
    public void Log_loss_is_the_mean_negative_log_probability_of_what_happened()
    {
        // -(ln 0.9 + ln 0.8 + ln 0.5 + ln 0.7) / 4 = (0.1053605 + 0.2231436 + 0.6931472 + 0.3566749) / 4
        Assert.Equal(0.344581549, Scoring.LogLoss(P, Y), 1e-8);
    }

    [Fact]
    public void Log_loss_of_a_certain_miss_is_capped_by_the_clamp()
    {
        // p = 0 clamped to 1e-4: -ln(1e-4) = 9.21034
        Assert.Equal(9.210340372, Scoring.LogLoss([0.0], [true]), 1e-8);
    }

    [Fact]
    public void Brier_skill_score_compares_with_the_reference()
    {
        // the reference 0.5 everywhere scores 0.25; 1 - 0.0975 / 0.25 = 0.61
        Assert.Equal(0.61, Scoring.BrierSkillScore(P, [0.5, 0.5, 0.5, 0.5], Y), Tolerance);
        Assert.Equal(0, Scoring.BrierSkillScore(P, P, Y), Tolerance);
    }

    [Fact]
    public void Reliability_puts_forecasts_in_ten_equal_bins_and_one_in_the_last()
    {
        double[] p = [0.12, 0.18, 0.95, 1.0, 0.0];
        bool[] y = [true, false, true, true, false];
        var bins = Scoring.Reliability(p, y);
        Assert.Equal(10, bins.Count);
        Assert.Equal(0.1, bins[1].Low, Tolerance);
        Assert.Equal(0.2, bins[1].High, Tolerance);
        Assert.Equal(2, bins[1].Count);
        Assert.Equal(0.15, bins[1].MeanForecast, Tolerance);
        Assert.Equal(0.5, bins[1].Observed, Tolerance);
        Assert.Equal(2, bins[9].Count);
        Assert.Equal(0.975, bins[9].MeanForecast, Tolerance);
        Assert.Equal(1, bins[0].Count);
        Assert.Equal(0, bins[5].Count);
        Assert.True(double.IsNaN(bins[5].MeanForecast));
    }

    [Fact]
    public void Expected_calibration_error_weighs_each_bin_gap_by_its_share()
    {
        // bins 1, 8, 5, 3 hold one forecast each: (|0.1 - 0| + |0.8 - 1| + |0.5 - 1| + |0.3 - 0|) / 4 = 0.275
        Assert.Equal(0.275, Scoring.ExpectedCalibrationError(P, Y), Tolerance);
        // bin 1: mean 0.15, observed 0.5, two forecasts; bin 9: mean 0.95, observed 1, two: (2 * 0.35 + 2 * 0.05) / 4 = 0.2
        Assert.Equal(0.2, Scoring.ExpectedCalibrationError([0.12, 0.18, 0.95, 0.95], [true, false, true, true]), Tolerance);
    }

    [Fact]
    public void Sharpness_is_the_standard_deviation_of_the_forecasts()
    {
        Assert.Equal(0.1, Scoring.Sharpness([0.2, 0.4]), Tolerance);
        Assert.Equal(0, Scoring.Sharpness([0.3, 0.3, 0.3]), Tolerance);
    }

    [Fact]
    public void The_bootstrap_interval_is_reproducible_and_brackets_the_estimate()
    {
        var random = new Random(7);
        var y = Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.3).ToArray();
        var p = y.Select(o => o ? 0.6 : 0.2).ToArray();
        var reference = y.Select(_ => 0.3).ToArray();
        var estimate = Scoring.BrierSkillScore(p, reference, y);
        var (low, high) = Scoring.BrierSkillInterval(p, reference, y, blockLength: 4);
        Assert.True(low < estimate && estimate < high, $"{low} < {estimate} < {high}");
        Assert.True(high - low > 0.01);
        Assert.Equal((low, high), Scoring.BrierSkillInterval(p, reference, y, blockLength: 4));
        Assert.Equal((1.0, 1.0), Scoring.BrierSkillInterval(y.Select(o => o ? 1.0 : 0.0).ToArray(), reference, y, blockLength: 4));
    }

    [Fact]
    public void The_interval_of_a_brier_difference_is_zero_for_the_same_forecasts_and_below_zero_for_one_better_on_every_day()
    {
        var random = new Random(11);
        var y = Enumerable.Range(0, 200).Select(_ => random.NextDouble() < 0.3).ToArray();
        var reference = y.Select(_ => 0.3).ToArray();
        Assert.Equal((0.0, 0.0), Scoring.BrierDifferenceInterval(reference, reference, y, blockLength: 4));

        // Sharper on every day: its squared error is lower on each, so every resample's mean difference is below zero.
        var sharper = y.Select(o => o ? 0.5 : 0.2).ToArray();
        var difference = sharper.Zip(y).Average(x => Math.Pow(x.First - (x.Second ? 1 : 0), 2)) - reference.Zip(y).Average(x => Math.Pow(x.First - (x.Second ? 1 : 0), 2));
        var (low, high) = Scoring.BrierDifferenceInterval(sharper, reference, y, blockLength: 4);
        Assert.True(low < difference && difference < high && high < 0, $"{low} < {difference} < {high} < 0");
    }

    [Fact]
    public void Clustered_intervals_draw_whole_clusters_so_a_cluster_of_many_items_weighs_per_item_but_not_per_cluster()
    {
        // Differences that never vary give an interval of no width.
        var steady = Scoring.ClusteredMeanIntervals([[0.1, 0.1], [0.1], [0.1, 0.1, 0.1]]);
        Assert.Equal((0.1, 0.1, 0.1, 0.1), steady, new RoundedTuple());

        // One cluster of nine items at +1 beside four single items at 0: per item the mean is 9/13,
        // per cluster 1/5; every resample's per-cluster mean is a multiple of 1/5 within [0, 1].
        var lopsided = Scoring.ClusteredMeanIntervals([[1, 1, 1, 1, 1, 1, 1, 1, 1], [0], [0], [0], [0]]);
        Assert.InRange(9.0 / 13, lopsided.PerItemLow, lopsided.PerItemHigh);
        Assert.InRange(0.2, lopsided.PerClusterLow, lopsided.PerClusterHigh);
        Assert.Equal(0, lopsided.PerClusterLow, 9);
        Assert.True(lopsided.PerItemHigh > lopsided.PerClusterHigh, "the big cluster pulls the per-item mean up when drawn");

        // Seeded: the same clusters give the same interval; one cluster gives none.
        Assert.Equal(lopsided, Scoring.ClusteredMeanIntervals([[1, 1, 1, 1, 1, 1, 1, 1, 1], [0], [0], [0], [0]]));
        Assert.True(double.IsNaN(Scoring.ClusteredMeanIntervals([[0.5, 0.2]]).PerItemLow));
    }

    private sealed class RoundedTuple : IEqualityComparer<(double, double, double, double)>
    {
        public bool Equals((double, double, double, double) x, (double, double, double, double) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-12 && Math.Abs(x.Item2 - y.Item2) < 1e-12 && Math.Abs(x.Item3 - y.Item3) < 1e-12 && Math.Abs(x.Item4 - y.Item4) < 1e-12;

        public int GetHashCode((double, double, double, double) obj) => 0;
    }
}

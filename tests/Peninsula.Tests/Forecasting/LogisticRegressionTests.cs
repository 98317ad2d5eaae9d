using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void The_fit_recovers_known_coefficients_from_simulated_data()
    {
        double[] truth = [-1.0, 0.8, -0.5];
        var random = new Random(11);
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 20_000; i++)
        {
            double[] row = [Normal(random), Normal(random)];
            x.Add(row);
            y.Add(random.NextDouble() < LogisticRegression.Predict(truth, row));
        }

        var fit = LogisticRegression.Fit(x, y, [0, 1e-6, 1e-6], [0, 0, 0]);
        // standard errors here are about 0.02; 0.08 is four of them
        for (var j = 0; j < truth.Length; j++)
        {
            Assert.Equal(truth[j], fit[j], 0.08);
        }
    }

    [Fact]
    public void With_no_covariates_the_fit_is_the_log_odds_of_the_observed_share()
    {
        var y = Enumerable.Range(0, 10).Select(i => i < 3).ToList();
        var x = y.Select(_ => Array.Empty<double>()).ToList();
        var fit = LogisticRegression.Fit(x, y, [0], [0]);
        Assert.Equal(Math.Log(0.3 / 0.7), fit[0], 1e-6);
    }

    [Fact]
    public void A_warm_start_reaches_the_same_fit_and_a_penalty_pulls_towards_the_prior()
    {
        var x = new List<double[]> { new[] { 1.0 }, new[] { 2.0 }, new[] { 3.0 }, new[] { 4.0 } };
        var y = new List<bool> { false, true, false, true };
        var cold = LogisticRegression.Fit(x, y, [0.1, 0.1], [0, 0]);
        var warm = LogisticRegression.Fit(x, y, [0.1, 0.1], [0, 0], start: [5, -5]);
        Assert.Equal(cold[0], warm[0], 1e-6);
        Assert.Equal(cold[1], warm[1], 1e-6);
        var pulled = LogisticRegression.Fit(x, y, [1e6, 1e6], [0.5, 2]);
        Assert.Equal(0.5, pulled[0], 1e-3);
        Assert.Equal(2, pulled[1], 1e-3);
    }

    [Fact]
    public void Rows_with_weight_two_count_as_two_rows()
    {
        var doubled = LogisticRegression.Fit([[0.0], [1.0], [1.0], [0.0], [0.0]], [true, true, false, false, false], [0.1, 0.1], [0, 0]);
        var weighted = LogisticRegression.Fit([[0.0], [1.0], [1.0], [0.0]], [true, true, false, false], [0.1, 0.1], [0, 0], weights: [1, 1, 1, 2]);
        Assert.Equal(doubled[0], weighted[0], 1e-6);
        Assert.Equal(doubled[1], weighted[1], 1e-6);
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using MathNet.Numerics.LinearAlgebra;

namespace Peninsula.Forecasting;

/// <summary>
/// Logistic regression fitted by Newton's method (iteratively reweighted least squares) with a
/// ridge penalty towards a prior mean: the covariate model and the ensemble's stacking both use it.
/// The problem is strictly convex, so a warm start changes only how fast it converges, not where.
/// </summary>
internal static class LogisticRegression
{
    /// <summary>How close to 0 and 1 the models let a probability go on the log-odds scale (<see cref="LogOdds.Of"/>).</summary>
    public const double Floor = 1e-4;

    /// <summary>The probability for one row: coefficients[0] is the intercept.</summary>
    public static double Predict(double[] coefficients, ReadOnlySpan<double> x)
    {
        var z = coefficients[0];
        for (var j = 0; j < x.Length; j++)
        {
            z += coefficients[j + 1] * x[j];
        }

        return LogOdds.ToProbability(z);
    }

    private static double Softplus(double z) => z > 30 ? z : Math.Log(1 + Math.Exp(z));

    /// <summary>
    /// Maximises the penalised log likelihood
    /// <c>sum_i weight_i log p(y_i|x_i) - sum_j penalty[j] / 2 * (b[j] - prior[j])^2</c>; coefficient 0 is the intercept; rows weigh 1 each unless weights are given.
    /// </summary>
    public static double[] Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, double[] penalty, double[] prior, double[]? start = null, IReadOnlyList<double>? weights = null, int maxIterations = 60, double tolerance = 1e-7)
    {
        var k = penalty.Length;
        var b = start is null ? (double[])prior.Clone() : (double[])start.Clone();
        var hessian = Matrix<double>.Build.Dense(k, k);
        var h = new double[k * k];
        var gradient = Vector<double>.Build.Dense(k);
        var g = new double[k];
        double[]? previous = null;
        var previousObjective = double.NegativeInfinity;
        var lastStep = double.PositiveInfinity;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            // One pass gives the penalised likelihood, its gradient and its curvature at b.
            Array.Clear(h);
            Array.Clear(g);
            var objective = 0.0;
            for (var i = 0; i < x.Count; i++)
            {
                var row = x[i];
                var z = b[0];
                for (var j = 0; j < row.Length; j++)
                {
                    z += b[j + 1] * row[j];
                }

                var p = LogOdds.ToProbability(z);
                var weight = weights?[i] ?? 1;
                objective -= weight * (y[i] ? Softplus(-z) : Softplus(z));
                var w = weight * Math.Max(p * (1 - p), 1e-10);
                var residual = weight * ((y[i] ? 1 : 0) - p);
                g[0] += residual;
                h[0] += w;
                for (var j = 1; j < k; j++)
                {
                    var xj = row[j - 1];
                    g[j] += residual * xj;
                    var wj = w * xj;
                    var offset = j * k;
                    h[offset] += wj;
                    for (var l = 1; l <= j; l++)
                    {
                        h[offset + l] += wj * row[l - 1];
                    }
                }
            }

            for (var j = 0; j < k; j++)
            {
                objective -= penalty[j] / 2 * (b[j] - prior[j]) * (b[j] - prior[j]);
            }

            // Newton's method with step halving: a step that lowered the penalised likelihood is
            // halved back towards the previous point, so the fit converges from any start.
            if (previous is not null && objective < previousObjective - (1e-12 * (1 + Math.Abs(previousObjective))))
            {
                for (var j = 0; j < k; j++)
                {
                    b[j] = (previous[j] + b[j]) / 2;
                }

                lastStep /= 2;
                if (lastStep < tolerance)
                {
                    return previous;
                }

                continue;
            }

            if (lastStep < tolerance || (previous is not null && objective - previousObjective < 1e-11 * (1 + Math.Abs(objective))))
            {
                break;
            }

            for (var j = 0; j < k; j++)
            {
                gradient[j] = g[j] - (penalty[j] * (b[j] - prior[j]));
                for (var l = 0; l <= j; l++)
                {
                    hessian[j, l] = h[(j * k) + l] + (j == l ? penalty[j] + 1e-9 : 0);
                    hessian[l, j] = hessian[j, l];
                }
            }

            var step = hessian.Cholesky().Solve(gradient);
            previous = (double[])b.Clone();
            previousObjective = objective;
            lastStep = 0;
            for (var j = 0; j < k; j++)
            {
                b[j] += step[j];
                lastStep = Math.Max(lastStep, Math.Abs(step[j]));
            }
        }

        return b;
    }
}

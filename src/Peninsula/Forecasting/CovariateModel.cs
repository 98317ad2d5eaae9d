namespace Peninsula.Forecasting;

/// <summary>
/// The regression: a ridge logistic regression of "the target happens within the horizon" on the
/// covariates of <see cref="ForecastProblem.Features"/>, trained on weekly issue days whose
/// outcomes were known by the forecast day (t - H, t - H - 7, ... back 20 years, to 1985 at most). Refitted at every
/// issue day, warm-started from the previous fit (the problem is convex, so the fit is the same as
/// from scratch); recent rows weigh more. The covariates are log counts, flags and a seasonal cycle, all of order one, so
/// one ridge penalty suits them all without rescaling.
/// </summary>
internal sealed class CovariateModel(ForecastProblem problem)
{
    /// <summary>Ridge penalty on every coefficient but the intercept.</summary>
    private const double Ridge = 2.0;

    /// <summary>The half-life of a training row's weight, in days.</summary>
    private const double RecencyHalfLifeDays = 3 * 365;

    /// <summary>Rows older than twenty years weigh under 1% and are left out.</summary>
    private const int TrainingWindowDays = 20 * 365;

    private readonly List<double[]> _rows = [];
    private readonly List<bool> _outcomes = [];
    private double[]? _coefficients;
    private int _newestRow = int.MinValue;

    /// <summary>The last fit.</summary>
    public CovariateFit? Last { get; private set; }

    /// <summary>Fits on issue days up to t - H and forecasts for day t.</summary>
    public double Predict(int t)
    {
        var h = problem.Horizon;
        var newest = t - h;
        if (newest - _newestRow == 7)
        {
            // The next weekly issue day adds one row to the previous training set.
            _rows.Add(problem.Features(newest));
            _outcomes.Add(problem.Series.Outcome(newest, h));
        }
        else if (newest != _newestRow)
        {
            _rows.Clear();
            _outcomes.Clear();
            var oldest = Math.Max(ForecastProblem.FirstTrainingDay, newest - TrainingWindowDays);
            var first = newest - ((newest - oldest) / 7 * 7);
            for (var s = first; s <= newest; s += 7)
            {
                _rows.Add(problem.Features(s));
                _outcomes.Add(problem.Series.Outcome(s, h));
            }
        }

        while (_rows.Count > (TrainingWindowDays / 7) + 1)
        {
            _rows.RemoveAt(0);
            _outcomes.RemoveAt(0);
        }

        _newestRow = newest;
        if (_rows.Count < 20)
        {
            Last = null;
            return problem.Climatology(t);
        }

        var k = ForecastProblem.FeatureNames.Length;
        var mean = new double[k];
        foreach (var r in _rows)
        {
            for (var j = 0; j < k; j++)
            {
                mean[j] += r[j] / _rows.Count;
            }
        }

        var positives = _outcomes.Count(o => o);
        var penalty = new double[k + 1];
        var prior = new double[k + 1];
        penalty[0] = 0.01;
        prior[0] = LogOdds.Of((positives + 0.5) / (_outcomes.Count + 1.0), LogisticRegression.Floor);
        for (var j = 1; j <= k; j++)
        {
            penalty[j] = Ridge;
        }

        // Overlapping horizons: see RollingForecast.Overlap.
        var overlap = RollingForecast.Overlap(h);
        // Recent years count more (North Korea's tempo changes by era): a row three years old counts half.
        var weights = new double[_rows.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = overlap * Math.Pow(0.5, (weights.Length - 1 - i) * 7 / RecencyHalfLifeDays);
        }

        _coefficients = LogisticRegression.Fit(_rows, _outcomes, penalty, prior, _coefficients, weights);
        Last = new CovariateFit(_coefficients, mean, _rows.Count);
        return Last.Predict(problem.Features(t));
    }
}

/// <summary>A fitted covariate model: intercept first, and the training average of each covariate.</summary>
internal sealed record CovariateFit(double[] Coefficients, double[] Mean, int Rows)
{
    public double Predict(double[] features) => LogisticRegression.Predict(Coefficients, features);
}

namespace Peninsula.Forecasting;

/// <summary>
/// The two steps between the pool and the forecast model, each learned only from the pool's own
/// past forecasts whose outcomes were known by the issue day (s + H &lt;= t), the past five years:
/// a shift of the log odds that removes the recent bias (<see cref="Shift"/>), then a shrinkage
/// towards climatology by as much as the past says the departures from it are worth
/// (<see cref="Shrink"/>). The settings were chosen on issue dates 2016-2021 (see
/// bench/results/forecast-calibration.md), never on the goal period.
/// </summary>
internal static class Recalibration
{
    /// <summary>Both steps learn from the past five years of forecasts.</summary>
    public const int WindowDays = 5 * 365;

    /// <summary>The bias follows the tempo: a forecast a quarter old counts half.</summary>
    public const double ShiftHalfLifeDays = 91;

    /// <summary>Ridge penalty on the shift (log odds), in forecasts' worth: about twenty independent weekly forecasts move it halfway.</summary>
    public const double ShiftPenalty = 20;

    /// <summary>The shrinkage learns from a longer memory: a forecast two years old counts half.</summary>
    public const double ShrinkageHalfLifeDays = 730;

    /// <summary>Ridge penalty that pulls the shrinkage weight towards zero (climatology), in units of weighted squared departures.</summary>
    public const double ShrinkagePenalty = 0.5;

    /// <summary>A weight below this is taken as no evidence of skill: the forecast is climatology itself, not a sliver away from it.</summary>
    public const double ShrinkageDeadZone = 0.3;

    /// <summary>
    /// The past forecasts that step <paramref name="i"/> may learn from: issue days
    /// <c>days[j] + horizon &lt;= days[i]</c> (outcome known) within <see cref="WindowDays"/>, each
    /// weighted by recency and by <see cref="RollingForecast.Overlap"/>.
    /// </summary>
    public static IEnumerable<(int Index, double Weight)> Past(IReadOnlyList<int> days, int i, int horizon, double halfLifeDays)
    {
        var t = days[i];
        for (var j = i - 1; j >= 0 && days[j] > t - horizon - WindowDays; j--)
        {
            if (days[j] + horizon <= t)
            {
                yield return (j, Math.Pow(0.5, (t - days[j]) / halfLifeDays) * RollingForecast.Overlap(horizon));
            }
        }
    }

    /// <summary>
    /// The forecast at <paramref name="i"/> with its log odds shifted by b, the ridge-penalised
    /// maximum-likelihood shift of the past forecasts (slope held at one): where the past forecasts
    /// ran too low, later ones are raised, and the other way round. Returns the shifted probability
    /// and b. <paramref name="outcome"/> is asked only for past issue days whose outcome was known.
    /// The half-life and penalty default to the forecast model's settings.
    /// </summary>
    public static (double Probability, double Shift) Shift(
        IReadOnlyList<int> days, IReadOnlyList<double> forecasts, Func<int, bool> outcome, int i, int horizon, double halfLifeDays = ShiftHalfLifeDays, double penalty = ShiftPenalty)
    {
        var past = Past(days, i, horizon, halfLifeDays).Select(x => (Logit: LogOdds.Of(forecasts[x.Index], LogisticRegression.Floor), Happened: outcome(x.Index), x.Weight)).ToList();
        var b = 0.0;
        // One-parameter Newton's method on a strictly concave objective: a few steps converge.
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double gradient = -penalty * b, curvature = penalty + 1e-12;
            foreach (var (logit, happened, weight) in past)
            {
                var p = LogOdds.ToProbability(logit + b);
                gradient += weight * ((happened ? 1 : 0) - p);
                curvature += weight * p * (1 - p);
            }

            var step = gradient / curvature;
            b += step;
            if (Math.Abs(step) < 1e-9)
            {
                break;
            }
        }

        return (LogOdds.ToProbability(LogOdds.Of(forecasts[i], LogisticRegression.Floor) + b), b);
    }

    /// <summary>
    /// Climatology plus w times the forecast's departure from it, w the ridge-penalised least-squares
    /// weight of the past departures against what happened, <c>sum(v (f - c)(y - c)) / (penalty + sum(v (f - c)^2))</c>,
    /// clipped to [0, 1] and set to 0 below <see cref="ShrinkageDeadZone"/>. Where the model has
    /// not shown skill over the base rate, the forecast is the base rate. Returns the probability and w.
    /// <paramref name="outcome"/> is asked only for past issue days whose outcome was known.
    /// </summary>
    public static (double Probability, double Weight) Shrink(
        IReadOnlyList<int> days, IReadOnlyList<double> forecasts, IReadOnlyList<double> climatology, Func<int, bool> outcome, int i, int horizon,
        double halfLifeDays = ShrinkageHalfLifeDays, double penalty = ShrinkagePenalty)
    {
        double covariance = 0, variance = penalty + 1e-12;
        foreach (var (j, weight) in Past(days, i, horizon, halfLifeDays))
        {
            var departure = forecasts[j] - climatology[j];
            covariance += weight * departure * ((outcome(j) ? 1 : 0) - climatology[j]);
            variance += weight * departure * departure;
        }

        var w = Math.Clamp(covariance / variance, 0, 1);
        if (w < ShrinkageDeadZone)
        {
            w = 0;
        }

        return (climatology[i] + (w * (forecasts[i] - climatology[i])), w);
    }

    /// <summary>The Platt recalibration learns from forecasts whose weight halves in a year (round 2 of docs/forecast-selection.md).</summary>
    public const double PlattHalfLifeDays = 365;

    /// <summary>Ridge penalty on the Platt intercept and slope towards the identity (0, 1), in forecasts' worth: the stacks' penalty of round one.</summary>
    public const double PlattPenalty = 10;

    /// <summary>Below this many resolved past forecasts the Platt recalibration is the identity.</summary>
    public const int PlattMinimumForecasts = 26;

    /// <summary>
    /// Online Platt recalibration: the forecast at <paramref name="i"/> passed through
    /// <c>sigmoid(a + b logit p)</c>, where (a, b) maximise the weighted log likelihood of the
    /// past forecasts whose outcome was known by issue day i (see <see cref="Past"/>), with a ridge
    /// penalty of <see cref="PlattPenalty"/> towards the identity (a = 0, b = 1). Returns the
    /// recalibrated probability, a and b. <paramref name="outcome"/> is asked only for past issue
    /// days whose outcome was known.
    /// </summary>
    public static (double Probability, double Intercept, double Slope) Platt(
        IReadOnlyList<int> days, IReadOnlyList<double> forecasts, Func<int, bool> outcome, int i, int horizon)
    {
        var past = Past(days, i, horizon, PlattHalfLifeDays).Select(x => (Logit: LogOdds.Of(forecasts[x.Index], LogisticRegression.Floor), Happened: outcome(x.Index), x.Weight)).ToList();
        var z = LogOdds.Of(forecasts[i], LogisticRegression.Floor);
        if (past.Count < PlattMinimumForecasts)
        {
            return (forecasts[i], 0, 1);
        }

        double a = 0, b = 1;
        // Two-parameter Newton's method on a strictly concave objective (the penalty makes it so).
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = -PlattPenalty * a, gb = -PlattPenalty * (b - 1), haa = PlattPenalty, hab = 0, hbb = PlattPenalty;
            foreach (var (x, happened, weight) in past)
            {
                var p = LogOdds.ToProbability(a + (b * x));
                var residual = weight * ((happened ? 1 : 0) - p);
                var curvature = weight * p * (1 - p);
                ga += residual;
                gb += residual * x;
                haa += curvature;
                hab += curvature * x;
                hbb += curvature * x * x;
            }

            var determinant = (haa * hbb) - (hab * hab);
            var stepA = ((hbb * ga) - (hab * gb)) / determinant;
            var stepB = ((haa * gb) - (hab * ga)) / determinant;
            a += stepA;
            b += stepB;
            if (Math.Abs(stepA) + Math.Abs(stepB) < 1e-9)
            {
                break;
            }
        }

        return (LogOdds.ToProbability(a + (b * z)), a, b);
    }
}

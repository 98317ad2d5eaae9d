using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Peninsula.Forecasting;

/// <summary>
/// The parameters of a self-exciting (Hawkes) process on a day clock: a seasonal baseline
/// <c>mu * exp(SeasonCos * cos(2 pi doy/365.25) + SeasonSin * sin(...))</c> events per day, and
/// an exponential kernel <c>Alpha * Beta * exp(-Beta * s)</c>: each event adds
/// <see cref="Alpha"/> expected offspring (the branching ratio), spread over about 1/Beta days.
/// </summary>
internal sealed record HawkesParameters(double Mu, double Alpha, double Beta, double SeasonCos, double SeasonSin)
{
    /// <summary>The seasonal factor of the baseline on a day index of the series.</summary>
    public double Season(int day) => Math.Exp((SeasonCos * HawkesProcess.Cos(day)) + (SeasonSin * HawkesProcess.Sin(day)));
}

/// <summary>
/// Fitting (maximum likelihood, Nelder-Mead from MathNet.Numerics), forecasting and simulating
/// the Hawkes process. Times are in days from <see cref="ForecastData.SeriesStart"/>; an event
/// on day index i happens at time i + 0.5, and the baseline is constant within a day.
/// </summary>
internal static class HawkesProcess
{
    private const int SeasonTableDays = 40_000;
    private static readonly double[] CosTable = new double[SeasonTableDays];
    private static readonly double[] SinTable = new double[SeasonTableDays];

#pragma warning disable CA1810 // one table, filled once; a static constructor says so most plainly
    static HawkesProcess()
#pragma warning restore CA1810
    {
        for (var i = 0; i < SeasonTableDays; i++)
        {
            var phase = 2 * Math.PI * (ForecastData.DateAt(i).Date.DayOfYear - 1) / 365.25;
            CosTable[i] = Math.Cos(phase);
            SinTable[i] = Math.Sin(phase);
        }
    }

    internal static double Cos(int day) => CosTable[Math.Clamp(day, 0, SeasonTableDays - 1)];

    internal static double Sin(int day) => SinTable[Math.Clamp(day, 0, SeasonTableDays - 1)];

    /// <summary>
    /// The maximum-likelihood fit to events at <paramref name="times"/> (ascending, in days)
    /// observed over days 0 .. <paramref name="lastDay"/>. Weak penalties keep the fit finite when
    /// there are only a handful of events: the seasonal amplitudes are shrunk towards zero
    /// (normal prior, sd 2) and the decay stays between a year and half a day.
    /// </summary>
    public static HawkesParameters Fit(IReadOnlyList<double> times, int lastDay)
    {
        var end = lastDay + 1.0;
        var n = times.Count;
        var dayCounts = new double[366];
        var cosByDoy = new double[366];
        var sinByDoy = new double[366];
        for (var d = 0; d <= lastDay; d++)
        {
            var doy = ForecastData.DateAt(d).Date.DayOfYear - 1;
            dayCounts[doy]++;
            cosByDoy[doy] = Cos(d);
            sinByDoy[doy] = Sin(d);
        }

        var eventCos = new double[n];
        var eventSin = new double[n];
        for (var i = 0; i < n; i++)
        {
            eventCos[i] = Cos((int)times[i]);
            eventSin[i] = Sin((int)times[i]);
        }

        double NegativeLogLikelihood(Vector<double> theta)
        {
            var p = FromVector(theta);
            var logLikelihood = 0.0;
            var excitation = 0.0;
            var compensator = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    excitation = Math.Exp(-p.Beta * (times[i] - times[i - 1])) * (1 + excitation);
                }

                var baseline = p.Mu * Math.Exp((p.SeasonCos * eventCos[i]) + (p.SeasonSin * eventSin[i]));
                logLikelihood += Math.Log(baseline + (p.Alpha * p.Beta * excitation));
                compensator += p.Alpha * (1 - Math.Exp(-p.Beta * (end - times[i])));
            }

            for (var doy = 0; doy < 366; doy++)
            {
                if (dayCounts[doy] > 0)
                {
                    compensator += p.Mu * dayCounts[doy] * Math.Exp((p.SeasonCos * cosByDoy[doy]) + (p.SeasonSin * sinByDoy[doy]));
                }
            }

            var penalty = ((p.SeasonCos * p.SeasonCos) + (p.SeasonSin * p.SeasonSin)) / 8;
            var logBeta = theta[4];
            penalty += logBeta > Math.Log(2) ? 50 * Math.Pow(logBeta - Math.Log(2), 2) : 0;
            penalty += logBeta < Math.Log(1.0 / 365) ? 50 * Math.Pow(Math.Log(1.0 / 365) - logBeta, 2) : 0;
            return -(logLikelihood - compensator) + penalty;
        }

        var start = Vector<double>.Build.DenseOfArray([Math.Log(Math.Max(n, 0.5) / end * 0.5), 0, 0, 0, Math.Log(0.1)]);
        var objective = ObjectiveFunction.Value(NegativeLogLikelihood);
        // Nelder-Mead stalls now and then on this surface; a restart from where it stopped is the usual cure.
        var result = Minimise(objective, start);
        var again = Minimise(objective, result.MinimizingPoint);
        if (again.FunctionInfoAtMinimum.Value < result.FunctionInfoAtMinimum.Value)
        {
            result = again;
        }

        return FromVector(result.MinimizingPoint);
    }

    /// <summary>The fit to a target's event days on or before <paramref name="lastDay"/>.</summary>
    public static HawkesParameters Fit(TargetSeries series, int lastDay) =>
        Fit([.. series.EventDays.TakeWhile(d => d <= lastDay).Select(d => d + 0.5)], lastDay);

    /// <summary>
    /// The probability of at least one event on days t+1 .. t+horizon given the events on or
    /// before day t: one minus the chance of none, exp(-integral of the intensity with no new events).
    /// </summary>
    public static double ProbabilityOfAny(HawkesParameters p, TargetSeries series, int t, int horizon) =>
        1 - Math.Exp(-ExpectedWithoutNewEvents(p, series, t, horizon, out _));

    /// <summary>The integral of the intensity over days t+1 .. t+horizon if nothing new happens, and the share of it due to past events.</summary>
    public static double ExpectedWithoutNewEvents(HawkesParameters p, TargetSeries series, int t, int horizon, out double fromPastEvents)
    {
        var baseline = 0.0;
        for (var d = t + 1; d <= t + horizon; d++)
        {
            baseline += p.Mu * p.Season(d);
        }

        fromPastEvents = 0.0;
        var from = t + 1.0;
        var to = t + horizon + 1.0;
        var days = series.EventDays;
        for (var i = days.Count - 1; i >= 0; i--)
        {
            if (days[i] > t)
            {
                continue;
            }

            var x = days[i] + 0.5;
            var contribution = p.Alpha * (Math.Exp(-p.Beta * (from - x)) - Math.Exp(-p.Beta * (to - x)));
            fromPastEvents += contribution;
            if (p.Beta * (from - x) > 40)
            {
                break;
            }
        }

        return baseline + fromPastEvents;
    }

    /// <summary>
    /// Simulates event times on [start, end) by Ogata's thinning, continuing from
    /// <paramref name="history"/> (earlier event times). Deterministic for a seeded generator.
    /// </summary>
    public static List<double> Simulate(HawkesParameters p, IReadOnlyList<double> history, double start, double end, Random random)
    {
        var maxSeason = Math.Exp(Math.Abs(p.SeasonCos) + Math.Abs(p.SeasonSin));
        var excitation = 0.0;
        foreach (var h in history)
        {
            if (h < start)
            {
                excitation += p.Alpha * p.Beta * Math.Exp(-p.Beta * (start - h));
            }
        }

        var events = new List<double>();
        var now = start;
        while (true)
        {
            var bound = (p.Mu * maxSeason) + excitation;
            var wait = -Math.Log(1 - random.NextDouble()) / bound;
            now += wait;
            if (now >= end)
            {
                return events;
            }

            excitation *= Math.Exp(-p.Beta * wait);
            var intensity = (p.Mu * p.Season((int)now)) + excitation;
            if (random.NextDouble() * bound <= intensity)
            {
                events.Add(now);
                excitation += p.Alpha * p.Beta;
            }
        }
    }

    /// <summary>The first simplex's size in each parameter (log mu, seasonal cos, seasonal sin, logit alpha, log beta): without it a parameter starting at zero is never moved.</summary>
    private static readonly Vector<double> InitialSteps = Vector<double>.Build.DenseOfArray([0.5, 0.3, 0.3, 0.5, 0.5]);

    private static MinimizationResult Minimise(IObjectiveFunction objective, Vector<double> start)
    {
        try
        {
            return new NelderMeadSimplex(1e-6, 3000).FindMinimum(objective, start, InitialSteps);
        }
        catch (MaximumIterationsException)
        {
            return new NelderMeadSimplex(1e-3, 3000).FindMinimum(objective, start, InitialSteps);
        }
    }

    private static HawkesParameters FromVector(Vector<double> theta) =>
        new(Math.Exp(theta[0]), 0.98 / (1 + Math.Exp(-theta[3])), Math.Exp(theta[4]), theta[1], theta[2]);
}

namespace Peninsula.Forecasting;

/// <summary>
/// A rate that changes in regimes: Bayesian online change-point detection (Adams and MacKay,
/// 2007) on the daily series of event days. At any day a new regime may begin (probability
/// <see cref="HazardPerDay"/>), with a rate drawn afresh from a gamma prior centred on the
/// long-run rate; within a regime the event days are Poisson at a constant rate. The model keeps
/// the posterior over how long the current regime has lasted, each length with its own gamma
/// posterior for the rate, and forecasts from that mixture. Where a rare event has become
/// frequent (missile tests after a moratorium) it follows the new tempo within weeks; after a
/// long quiet spell it falls below the long-run rate. One forward pass over the days gives every
/// day's forecast, each from days on or before it only.
/// </summary>
internal static class ChangePointModel
{
    /// <summary>A regime lasts three years on average (North Korea's tempo changed in 1998, 2006, 2009, 2012, 2016, 2018, 2019 and 2022).</summary>
    public const double HazardPerDay = 1.0 / (3 * 365);

    /// <summary>A new regime's rate: a gamma prior at the long-run rate to date, worth this many days of observation.</summary>
    public const double PriorDays = 180;

    /// <summary>Run lengths whose posterior probability falls below this are dropped (their mass is negligible).</summary>
    private const double Negligible = 1e-9;

    /// <summary>
    /// For each day index t of <paramref name="series"/>, the probability of at least one event
    /// day in t+1 .. t+<paramref name="horizon"/> given the events on days 0 .. t.
    /// </summary>
    /// <remarks>
    /// The forecast allows for a change within the horizon in the simplest way: of the H days, the
    /// current regime is expected to last m = sum over k of (1 - h)^k, and the rest follows a new
    /// regime at the prior rate; the chance of no event is the product of the two gamma-Poisson
    /// chances of none, averaged over the run-length posterior.
    /// </remarks>
    public static double[] ProbabilitiesOfAny(TargetSeries series, int horizon)
    {
        var days = series.Occurs.Length;
        var result = new double[days];
        var inRegime = (1 - HazardPerDay) * (1 - Math.Pow(1 - HazardPerDay, horizon)) / HazardPerDay;
        var afterChange = horizon - inRegime;
        var posterior = new RunLengths();
        for (var t = 0; t < days; t++)
        {
            posterior.Observe(series.Occurs[t]);
            var noneAfterChange = NoneIn(posterior.PriorShape, PriorDays, afterChange);
            var none = 0.0;
            for (var r = 0; r < posterior.Count; r++)
            {
                none += posterior.Weight[r] * NoneIn(posterior.Shape[r], posterior.Rate[r], inRegime);
            }

            result[t] = 1 - (none * noneAfterChange);
        }

        return result;
    }

    /// <summary>
    /// The posterior mean daily rate of the current regime and the most probable first day of that
    /// regime, as of day <paramref name="t"/>: what the model believes the tempo is now, and since when.
    /// </summary>
    public static (double Rate, int RegimeStart) CurrentRegime(TargetSeries series, int t)
    {
        var posterior = new RunLengths();
        for (var d = 0; d <= t && d < series.Occurs.Length; d++)
        {
            posterior.Observe(series.Occurs[d]);
        }

        var mean = 0.0;
        var best = 0;
        for (var r = 0; r < posterior.Count; r++)
        {
            mean += posterior.Weight[r] * posterior.Shape[r] / posterior.Rate[r];
            best = posterior.Weight[r] > posterior.Weight[best] ? r : best;
        }

        return (mean, posterior.Count == 0 ? 0 : posterior.Start[best]);
    }

    /// <summary>The long-run daily rate of event days before day t, with a half-count prior.</summary>
    private static double LongRunRate(int events, int t) => (events + 0.5) / (t + 2.0);

    /// <summary>The gamma-Poisson (negative binomial) chance of observing x (0 or 1) events in one day.</summary>
    private static double Predictive(double shape, double rate, int x)
    {
        var none = NoneIn(shape, rate, 1);
        return x == 0 ? none : none * shape / (rate + 1);
    }

    /// <summary>The gamma-Poisson chance of no event in <paramref name="days"/> days: (b / (b + d))^a.</summary>
    private static double NoneIn(double shape, double rate, double days) => Math.Exp(-shape * Math.Log(1 + (days / rate)));

    /// <summary>
    /// The posterior over the current regime's length after the days observed so far: per run, its
    /// weight, its first day, and the gamma posterior of its rate (shape: prior shape plus events;
    /// rate: prior days plus days).
    /// </summary>
    private sealed class RunLengths
    {
        private int _day;
        private int _events;

        public List<double> Weight { get; } = [];

        public List<double> Shape { get; } = [];

        public List<double> Rate { get; } = [];

        public List<int> Start { get; } = [];

        public int Count => Weight.Count;

        /// <summary>The prior shape of a regime that would begin on the next day.</summary>
        public double PriorShape => LongRunRate(_events, _day) * PriorDays;

        /// <summary>One more day: whether it had an event.</summary>
        public void Observe(bool occurred)
        {
            var x = occurred ? 1 : 0;
            var priorShape = PriorShape;
            // A regime that begins today has not seen today's observation: its chance is the prior's.
            var changeMass = HazardPerDay * Predictive(priorShape, PriorDays, x);
            var total = changeMass;
            for (var r = 0; r < Weight.Count; r++)
            {
                Weight[r] *= (1 - HazardPerDay) * Predictive(Shape[r], Rate[r], x);
                Shape[r] += x;
                Rate[r] += 1;
                total += Weight[r];
            }

            Weight.Add(changeMass);
            Shape.Add(priorShape + x);
            Rate.Add(PriorDays + 1);
            Start.Add(_day);
            _events += x;
            _day++;

            var kept = 0;
            for (var r = 0; r < Weight.Count; r++)
            {
                var w = Weight[r] / total;
                if (w >= Negligible || r == Weight.Count - 1)
                {
                    (Weight[kept], Shape[kept], Rate[kept], Start[kept]) = (w, Shape[r], Rate[r], Start[r]);
                    kept++;
                }
            }

            Weight.RemoveRange(kept, Weight.Count - kept);
            Shape.RemoveRange(kept, Shape.Count - kept);
            Rate.RemoveRange(kept, Rate.Count - kept);
            Start.RemoveRange(kept, Start.Count - kept);

            // Pruning dropped a little mass: renormalise so the weights sum to one.
            var sum = 0.0;
            foreach (var w in Weight)
            {
                sum += w;
            }

            for (var r = 0; r < Weight.Count; r++)
            {
                Weight[r] /= sum;
            }
        }
    }
}

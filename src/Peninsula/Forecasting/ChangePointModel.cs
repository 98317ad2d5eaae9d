using MathNet.Numerics.Distributions;

namespace Peninsula.Forecasting;

/// <summary>
/// A rate that changes in regimes: Bayesian online change-point detection (Adams and MacKay,
/// 2007) on the daily series of event days. At any day a new regime may begin (probability
/// <see cref="HazardPerDay"/>), with a rate drawn afresh from a gamma prior centred on the
/// long-run rate; within a regime the event days are Poisson at a constant rate. The model keeps
/// the posterior over how long the current regime has lasted, each length with its own gamma
/// posterior for the rate, and forecasts from that mixture. Where a rare event has become
/// frequent (missile tests after a moratorium) it follows the new tempo within months; after a
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

    /// <summary>Runs whose first days differ by less than their age over this are merged (see <see cref="RunLengths.Observe"/>).</summary>
    private const int MergeResolution = 32;

    /// <summary>
    /// For each day index t of <paramref name="series"/>, the probability of at least one event
    /// day in t+1 .. t+<paramref name="horizon"/> given the events on days 0 .. t; and, from the
    /// same pass, the reading of the current regime on the series' last day.
    /// </summary>
    /// <remarks>
    /// The forecast allows for a change within the horizon in the simplest way: of the H days, the
    /// current regime is expected to last m = sum over k of (1 - h)^k, and the rest follows a new
    /// regime at the prior rate; the chance of no event is the product of the two gamma-Poisson
    /// chances of none, averaged over the run-length posterior.
    /// </remarks>
    /// <remarks>
    /// Probabilities before <paramref name="firstDay"/> are left at 0: a forecast made only as of
    /// the last day need not work out every earlier day's (the filter still reads every day).
    /// One pass serves every horizon of a series: the pass is kept per series and hazard, for
    /// <see cref="ForecastTarget.Horizons"/> and the horizon asked, and run again only when a
    /// horizon or an earlier first day is asked for that it did not cover.
    /// </remarks>
    /// <remarks>
    /// A new regime's rate is centred on the long-run rate to date unless <paramref name="prior"/>
    /// says where (docs/forecast-selection.md, round 4).
    /// </remarks>
    public static ChangePointForecast Forecast(TargetSeries series, int horizon, double hazardPerDay = HazardPerDay, int firstDay = 0, RegimePrior? prior = null)
    {
        var passes = Passes.GetValue(series, _ => []);
        var key = (hazardPerDay, prior?.Name ?? "");
        lock (passes)
        {
            if (!passes.TryGetValue(key, out var pass) || pass.FirstDay > firstDay || !pass.Forecasts.ContainsKey(horizon))
            {
                var horizons = ForecastTarget.Horizons.Append(horizon).Concat(pass?.Forecasts.Keys ?? Enumerable.Empty<int>()).Distinct().ToArray();
                pass = Pass(series, horizons, hazardPerDay, Math.Min(firstDay, pass?.FirstDay ?? firstDay), prior);
                passes[key] = pass;
            }

            return pass.Forecasts[horizon];
        }
    }

    /// <summary>The passes made so far, per series, hazard and new regime's prior (by name; the long-run rate's is empty).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TargetSeries, Dictionary<(double Hazard, string Prior), FilterPass>> Passes = [];

    private sealed record FilterPass(int FirstDay, Dictionary<int, ChangePointForecast> Forecasts);

    private static FilterPass Pass(TargetSeries series, int[] horizons, double hazardPerDay, int firstDay, RegimePrior? prior)
    {
        var last = series.Occurs.Length - 1;
        var probabilities = horizons.Select(_ => new double[series.Occurs.Length]).ToArray();
        var evidence = new double[series.Occurs.Length];
        var inRegime = horizons.Select(h => (1 - hazardPerDay) * (1 - Math.Pow(1 - hazardPerDay, h)) / hazardPerDay).ToArray();
        var reading = default(RegimeReading);
        var parts = new ChangePointParts[horizons.Length];
        Filter(series, last, hazardPerDay, _ => true, (t, posterior) =>
        {
            evidence[t] = posterior.LogEvidence;
            if (t < firstDay)
            {
                return;
            }

            for (var k = 0; k < horizons.Length; k++)
            {
                var none = 0.0;
                foreach (var run in posterior.Runs)
                {
                    none += run.Weight * NoneIn(run.Shape, run.Rate, inRegime[k]);
                }

                probabilities[k][t] = 1 - (none * NoneIn(posterior.PriorShape, PriorDays, horizons[k] - inRegime[k]));
                if (t == last)
                {
                    var noneIfItLasts = posterior.Runs.Sum(run => run.Weight * NoneIn(run.Shape, run.Rate, horizons[k]));
                    parts[k] = new ChangePointParts(1 - NoneIn(posterior.PriorShape, PriorDays, horizons[k]), 1 - noneIfItLasts, probabilities[k][t]);
                }
            }

            if (t == last)
            {
                reading = Read(t, posterior);
            }
        }, prior);
        var forecasts = new Dictionary<int, ChangePointForecast>();
        for (var k = 0; k < horizons.Length; k++)
        {
            forecasts[horizons[k]] = new ChangePointForecast(probabilities[k], reading) { Parts = parts[k], LogEvidence = evidence };
        }

        return new FilterPass(firstDay, forecasts);
    }

    /// <summary>
    /// The reading of the current regime (see <see cref="RegimeReading"/>) on each day that
    /// <paramref name="sample"/> picks, up to <paramref name="lastDay"/>, with regimes that end
    /// with the chance <paramref name="hazardPerDay"/> a day.
    /// </summary>
    public static List<RegimeReading> Readings(TargetSeries series, int lastDay, Func<int, bool> sample, double hazardPerDay = HazardPerDay)
    {
        var result = new List<RegimeReading>();
        Filter(series, lastDay, hazardPerDay, sample, (t, posterior) => result.Add(Read(t, posterior)));
        return result;
    }

    /// <summary>
    /// <see cref="Readings"/> under the one of <paramref name="hazardsPerDay"/> that the series up to
    /// <paramref name="lastDay"/> weighs most (<see cref="MostWeighed"/>, by each one's log evidence
    /// on that day). One filter per hazard: the posterior's moments on the sampled
    /// days are kept from the same pass as the evidence, and only the chosen hazard's are turned into
    /// readings (the gamma quantiles are the costly part).
    /// </summary>
    public static List<RegimeReading> ReadingsOfMostWeighed(
        TargetSeries series, int lastDay, Func<int, bool> sample, IReadOnlyList<double> hazardsPerDay)
    {
        var moments = new List<Moments>[hazardsPerDay.Count];
        var evidence = new double[hazardsPerDay.Count];
        for (var k = 0; k < hazardsPerDay.Count; k++)
        {
            var kept = moments[k] = [];
            var last = double.NaN;
            Filter(series, lastDay, hazardsPerDay[k], t => sample(t) || t == lastDay, (t, posterior) =>
            {
                if (sample(t))
                {
                    kept.Add(MomentsOf(t, posterior));
                }

                last = posterior.LogEvidence;
            });
            evidence[k] = last;
        }

        return [.. moments[MostWeighed(evidence)].Select(Read)];
    }

    /// <summary>
    /// The weight of each model from its log evidence on one day: its marginal likelihood,
    /// normalised (Bayesian averaging over the models, from the record only).
    /// </summary>
    internal static double[] Weights(IReadOnlyList<double> logEvidence)
    {
        var best = logEvidence.Max();
        var weights = logEvidence.Select(e => Math.Exp(e - best)).ToArray();
        var total = weights.Sum();
        return [.. weights.Select(w => w / total)];
    }

    /// <summary>The index of the model <see cref="Weights"/> weighs most (the first, on a tie).</summary>
    internal static int MostWeighed(IReadOnlyList<double> logEvidence)
    {
        var weights = Weights(logEvidence);
        return Array.IndexOf(weights, weights.Max());
    }

    /// <summary>How many times this thread has run the filter over a series (one per hazard and pass): what a caller that means to filter once can be held to.</summary>
    [ThreadStatic]
    internal static int FiltersRun;

    /// <summary>
    /// The current regime's daily rate, the posterior median with a 90% interval from a gamma with
    /// the posterior mixture's mean and variance, and the median of its first day. (Medians, not
    /// the mean and the mode: where a target has never happened the posterior is so skewed that
    /// its mean lies above its 95th percentile, and merged run lengths make the most probable
    /// single one a coarse answer.)
    /// </summary>
    private static RegimeReading Read(int day, RunLengths posterior) => Read(MomentsOf(day, posterior));

    private static Moments MomentsOf(int day, RunLengths posterior) => new(
        day,
        posterior.Runs.Sum(r => r.Weight * r.Shape / r.Rate),
        posterior.Runs.Sum(r => r.Weight * (r.Shape + (r.Shape * r.Shape)) / (r.Rate * r.Rate)),
        MedianStart(posterior));

    private static RegimeReading Read(Moments m)
    {
        var variance = Math.Max(m.SecondMoment - (m.Mean * m.Mean), 1e-18);
        var shape = m.Mean * m.Mean / variance;
        var rate = m.Mean / variance;
        return new RegimeReading(m.Day, Gamma.InvCDF(shape, rate, 0.5), Gamma.InvCDF(shape, rate, 0.05), Gamma.InvCDF(shape, rate, 0.95), m.Start);
    }

    /// <summary>What a reading is made from: the posterior mixture's mean and second moment of the daily rate, and the median first day of the regime.</summary>
    private readonly record struct Moments(int Day, double Mean, double SecondMoment, int Start);

    /// <summary>Runs the filter over days 0 .. <paramref name="lastDay"/> and hands the posterior to <paramref name="visit"/> after each day that <paramref name="wanted"/> picks.</summary>
    private static void Filter(TargetSeries series, int lastDay, double hazardPerDay, Func<int, bool> wanted, Action<int, RunLengths> visit, RegimePrior? prior = null)
    {
        FiltersRun++;
        var posterior = new RunLengths(hazardPerDay, prior);
        for (var t = 0; t <= lastDay && t < series.Occurs.Length; t++)
        {
            posterior.Observe(series.Occurs[t]);
            if (wanted(t))
            {
                visit(t, posterior);
            }
        }
    }

    /// <summary>The first day of the run at which the weights, summed from the newest run, reach one half.</summary>
    private static int MedianStart(RunLengths posterior)
    {
        var cumulative = 0.0;
        foreach (var run in posterior.Runs)
        {
            cumulative += run.Weight;
            if (cumulative >= 0.5)
            {
                return run.Start;
            }
        }

        return posterior.Runs[^1].Start;
    }

    /// <summary>
    /// The long-run daily rate of event days: <paramref name="eventDays"/> event days in the series'
    /// first <paramref name="days"/> days, with a half-count prior, (events + 0.5) / (days + 2). The
    /// one formula of the long-run rate: a new regime's prior here, the recent and pooled rates'
    /// priors (<see cref="ForecastProblem"/>), and the forecast's explanation (<see cref="Forecaster"/>).
    /// </summary>
    internal static double LongRunRate(int eventDays, int days) => (eventDays + 0.5) / (days + 2.0);

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
    /// rate: prior days plus days). Runs are kept newest first.
    /// </summary>
    private sealed class RunLengths(double hazardPerDay, RegimePrior? prior)
    {
        private int _day;
        private int _events;
        private readonly List<Run> _runs = [];
        private readonly List<Run> _next = [];

        public List<Run> Runs => _runs;

        /// <summary>The log of the chance the model gave the days observed so far (each day's one-day predictive, multiplied): how well this hazard has explained the series.</summary>
        public double LogEvidence { get; private set; }

        /// <summary>The prior shape of a regime that would begin on the next day: its centre (the long-run rate to date unless a <see cref="RegimePrior"/> says otherwise) times <see cref="PriorDays"/>.</summary>
        public double PriorShape => (prior is null || _day == 0 ? LongRunRate(_events, _day) : prior.DailyRate[_day - 1]) * PriorDays;

        /// <summary>One more day: whether it had an event.</summary>
        public void Observe(bool occurred)
        {
            var x = occurred ? 1 : 0;
            var priorShape = PriorShape;
            // A regime that begins today has not seen today's observation: its chance is the prior's.
            var changeMass = hazardPerDay * Predictive(priorShape, PriorDays, x);
            var total = changeMass;
            _next.Clear();
            _next.Add(new Run(changeMass, priorShape + x, PriorDays + 1, _day));
            foreach (var run in _runs)
            {
                var w = run.Weight * (1 - hazardPerDay) * Predictive(run.Shape, run.Rate, x);
                total += w;
                _next.Add(run with { Weight = w, Shape = run.Shape + x, Rate = run.Rate + 1 });
            }

            // The weights summed to one before today, so the total is today's predictive chance.
            LogEvidence += Math.Log(total);
            _events += x;
            _day++;

            // Normalise, drop negligible runs, and merge runs whose first days are close against
            // their age (within 1/MergeResolution of it): a regime 3,000 days old and one 3,040 days
            // old have all but the same posterior, and merging keeps a few hundred runs, not thousands.
            _runs.Clear();
            var sum = 0.0;
            foreach (var run in _next)
            {
                var w = run.Weight / total;
                if (w < Negligible && _runs.Count > 0)
                {
                    continue;
                }

                sum += w;
                if (_runs.Count > 0 && _runs[^1] is var newer && newer.Start - run.Start < (_day - newer.Start) / MergeResolution)
                {
                    var merged = newer.Weight + w;
                    _runs[^1] = new Run(
                        merged,
                        ((newer.Weight * newer.Shape) + (w * run.Shape)) / merged,
                        ((newer.Weight * newer.Rate) + (w * run.Rate)) / merged,
                        w > newer.Weight ? run.Start : newer.Start);
                    continue;
                }

                _runs.Add(run with { Weight = w });
            }

            // Dropping negligible runs lost a little mass: renormalise so the weights sum to one.
            for (var r = 0; r < _runs.Count; r++)
            {
                _runs[r] = _runs[r] with { Weight = _runs[r].Weight / sum };
            }
        }
    }

    /// <summary>One run length: its posterior weight, the gamma posterior of its rate, and its first day.</summary>
    private readonly record struct Run(double Weight, double Shape, double Rate, int Start);
}

/// <summary>
/// Where a new regime's rate is centred, day by day (docs/forecast-selection.md, round 4):
/// <see cref="DailyRate"/>[t] is the daily rate a regime beginning on day t + 1 is drawn around,
/// read from days 0 .. t only. <see cref="Name"/> tells passes apart in the cache, so one name
/// must always mean one rule on one series.
/// </summary>
internal sealed record RegimePrior(string Name, double[] DailyRate);

/// <summary>The change-point model's forecast at every day of a series, and its reading of the current regime on the last day.</summary>
internal sealed record ChangePointForecast(double[] Probabilities, RegimeReading Last)
{
    /// <summary>The forecast of the last day taken apart (see <see cref="ChangePointParts"/>).</summary>
    public ChangePointParts Parts { get; init; }

    /// <summary>LogEvidence[t]: the log of the chance the model gave the series' days 0 .. t (see <see cref="ChangePointModel"/>).</summary>
    public double[] LogEvidence { get; init; } = [];
}

/// <summary>
/// The change-point forecast of one day built up in three steps, each a probability of at least
/// one event day in the horizon: at the long-run rate to date (the prior of a new regime); at the
/// current regime's rate if it lasted the whole horizon (the run-length mixture); and the forecast
/// itself, which allows the regime to end within the horizon.
/// </summary>
internal readonly record struct ChangePointParts(double LongRun, double IfRegimeLasts, double Forecast);

/// <summary>
/// What the change-point model reads on one day: the current regime's daily rate (posterior median,
/// with a 90% interval) and the day that regime most likely began (the median of its first day).
/// </summary>
internal readonly record struct RegimeReading(int Day, double Rate, double Low, double High, int Start);

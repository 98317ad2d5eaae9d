namespace Peninsula.Forecasting;

/// <summary>
/// One target at one horizon on one data set: the component models' forecasts at any issue day,
/// each using only what was known at the end of that day.
/// </summary>
internal sealed class ForecastProblem
{
    /// <summary>The covariate model learns from issue days from this date on (a year after the series starts, so that every tempo feature is defined).</summary>
    public static readonly int FirstTrainingDay = ForecastData.Index(new Events.KoreanDate(1985, 1, 1));

    /// <summary>Names of the covariates, in the order of <see cref="Features"/>.</summary>
    public static readonly string[] FeatureNames =
    [
        "event days in the last 30 days", "event days in the last 90 days", "event days in the last 365 days",
        "days since the last event", "North Korean actions of any kind in the last 30 days",
        "a US-ROK exercise in progress or starting within the horizon", "a visit by the US Secretary of State or Defense within the horizon",
        "a summit within the horizon", "time of year", "time of year",
    ];

    // Allocated on first use: a problem fitted on one issue day of a long data set (the questions' model) never reads a covariate.
    private double[]?[]? _features;
    private readonly Dictionary<int, HawkesParameters> _hawkes;
    private ChangePointForecast? _changePoint;
    private TargetSeries? _parent;

    public ForecastProblem(ForecastData data, ForecastTarget target, int horizon)
    {
        Data = data;
        Target = target;
        Horizon = horizon;
        Series = data.For(target);
        _hawkes = HawkesCache.For(Series);
    }

    public ForecastData Data { get; }

    public ForecastTarget Target { get; }

    public int Horizon { get; }

    public TargetSeries Series { get; }

    /// <summary>The expanding base rate: the share of issue days 0 .. t-H whose next H days had the target (known by t), with a half-count prior.</summary>
    public double Climatology(int t)
    {
        var last = t - Horizon;
        if (last < 0)
        {
            return 0.5;
        }

        return (Series.PositiveWindows(Horizon, last) + 0.5) / (last + 2.0);
    }

    /// <summary>
    /// The recent rate over the last <paramref name="window"/> days as a gamma-Poisson forecast:
    /// a gamma prior worth 60 days at the long-run daily rate, updated with the event days in the
    /// window; the chance of at least one event day in the horizon is 1 - (b/(b+H))^a.
    /// </summary>
    public double RecentRate(int t, int window)
    {
        var (a, b) = RecentGamma(t, window);
        return 1 - Math.Pow(b / (b + Horizon), a);
    }

    /// <summary>The gamma posterior (shape a, rate b per day) of <see cref="RecentRate"/>.</summary>
    private (double Shape, double Rate) RecentGamma(int t, int window)
    {
        const double priorDays = 60;
        var longRun = LongRunPrior(t);
        return (Series.Count(t - window + 1, t) + (longRun * priorDays), Math.Min(window, t + 1) + priorDays);
    }

    /// <summary>
    /// The long-run daily rate the recent and pooled rates start from on day t. It counts day t's
    /// event days over t days, not the t + 1 days observed (the change-point model's, see
    /// <see cref="Forecaster.LongRunRate"/>): the rates were chosen and scored with it, and the two
    /// differ by about one part in ten thousand.
    /// </summary>
    private double LongRunPrior(int t) => ChangePointModel.LongRunRate(Series.Count(0, t), t);

    /// <summary>
    /// The broader class whose tempo informs this target's pooled rate (see <see cref="PooledRate"/>):
    /// ICBM within IRBM-plus, IRBM-plus and satellite launches within ballistic, ballistic within any
    /// missile, any missile and artillery within every North Korean action, nuclear tests with IRBM-plus.
    /// </summary>
    public TargetSeries Parent => _parent ??= Target.Slug switch
    {
        "icbm" or "nuclear-test" => Data.For(ForecastTarget.IrbmPlus),
        "irbm-plus" or "satellite-launch" => Data.For(ForecastTarget.Ballistic),
        "ballistic" => Data.For(ForecastTarget.AnyMissile),
        _ => Data.AnyProvocation,
    };

    /// <summary>
    /// The pooled rate: a hierarchical rate shared across targets. The target's event days in the
    /// last 365 days are pooled with a gamma prior worth one year at its share of the broader
    /// class's event days in the same 365 days, the share taken over the last ten years (half-count
    /// prior, at most one), plus 30 days at the target's long-run rate so that the rate is never
    /// zero. A busy year of the broader class raises a rare target that has not happened lately;
    /// the chance of at least one event day in the horizon is 1 - (b/(b+H))^a, as for the recent rates.
    /// </summary>
    public double PooledRate(int t)
    {
        var (a, b) = PooledGamma(t);
        return 1 - Math.Pow(b / (b + Horizon), a);
    }

    /// <summary>The gamma posterior (shape a, rate b per day) of <see cref="PooledRate"/>.</summary>
    private (double Shape, double Rate) PooledGamma(int t)
    {
        const double priorDays = 30;
        var parent = Parent;
        var share = Math.Min(1, (Series.Count(t - 3649, t) + 0.5) / (parent.Count(t - 3649, t) + 1.0));
        var longRun = LongRunPrior(t);
        var a = Series.Count(t - 364, t) + (share * parent.Count(t - 364, t)) + (longRun * priorDays);
        var b = (2.0 * Math.Min(365, t + 1)) + priorDays;
        return (a, b);
    }

    /// <summary>
    /// The Hawkes parameters in force on day t: refitted on the first day of each quarter (January,
    /// April, July, October) on the data up to that day only; between refits the forecast still
    /// uses every event up to day t. Fixed calendar refit days keep a forecast independent of
    /// where a backtest starts.
    /// </summary>
    public HawkesParameters HawkesFit(int t)
    {
        var date = ForecastData.DateAt(t);
        var refit = ForecastData.Index(new Events.KoreanDate(date.Year, date.Month - ((date.Month - 1) % 3), 1));
        lock (_hawkes)
        {
            if (!_hawkes.TryGetValue(refit, out var fit))
            {
                fit = HawkesProcess.Fit(Series, refit);
                _hawkes[refit] = fit;
            }

            return fit;
        }
    }

    /// <summary>The Hawkes forecast on day t.</summary>
    public double Hawkes(int t) => HawkesProcess.ProbabilityOfAny(HawkesFit(t), Series, t, Horizon);

    /// <summary>The change-point (regime) forecast on day t (see <see cref="ChangePointModel"/>).</summary>
    public double ChangePoint(int t) => ChangePointRun.Probabilities[t];

    private ChangePointForecast ChangePointRun => _changePoint ??= ChangePointModel.Forecast(Series, Horizon, ChangePointModel.HazardPerDay, FirstForecastDay);

    /// <summary>The first day the change-point forecasts are asked for (a run's first issue day): the days before it are filtered but not forecast.</summary>
    public int FirstForecastDay { get; set; }

    /// <summary>The mean regime lengths the class-set change-point model averages over: one, three and ten years (docs/forecast-selection.md, round 2).</summary>
    public static readonly double[] RegimeYears = [1, 3, 10];

    private ChangePointForecast[]? _byClass;

    private ChangePointForecast[] ByClassRuns => _byClass ??=
        [.. RegimeYears.Select(years => years == 3 ? ChangePointRun : ChangePointModel.Forecast(Series, Horizon, 1 / (years * 365), FirstForecastDay))];

    /// <summary>Round 4's candidates: where a new regime's rate is centred instead of the long-run rate (docs/forecast-selection.md, "Round 4").</summary>
    public enum RegimeCentre
    {
        /// <summary>The 365-day rate as the reference model reads it (<see cref="RecentRate"/> over 365 days).</summary>
        Recent,

        /// <summary>Round 1's pooled rate (<see cref="PooledRate"/>): the target's last year and its share of its broader class's.</summary>
        Pooled,
    }

    private readonly Dictionary<RegimeCentre, ChangePointForecast[]> _byClassCentred = [];

    private ChangePointForecast[] ByClassRunsCentred(RegimeCentre centre)
    {
        if (!_byClassCentred.TryGetValue(centre, out var runs))
        {
            var rates = new double[Series.Occurs.Length];
            for (var t = 0; t < rates.Length; t++)
            {
                var (a, b) = centre == RegimeCentre.Recent ? RecentGamma(t, 365) : PooledGamma(t);
                rates[t] = a / b;
            }

            var prior = new RegimePrior(centre == RegimeCentre.Recent ? "recent-365d" : "pooled", rates);
            runs = [.. RegimeYears.Select(years => ChangePointModel.Forecast(Series, Horizon, 1 / (years * 365), FirstForecastDay, prior))];
            _byClassCentred[centre] = runs;
        }

        return runs;
    }

    /// <summary>
    /// Change-point-by-class with a new regime's rate centred by <paramref name="centre"/> on each
    /// day (round 4's candidates): the three regime lengths weighted by their marginal likelihood under that prior.
    /// </summary>
    public double ChangePointByClass(int t, RegimeCentre centre) => Averaged(ByClassRunsCentred(centre), t);

    /// <summary>
    /// Round 5's candidate: the nine change-point models of rounds 2 and 4 (three regime lengths
    /// times three centres of a new regime) weighted by their marginal likelihood of the target's
    /// days 0 .. t (docs/forecast-selection.md, "Round 5").
    /// </summary>
    public double ChangePointAveraged(int t) =>
        Averaged([.. ByClassRuns, .. ByClassRunsCentred(RegimeCentre.Recent), .. ByClassRunsCentred(RegimeCentre.Pooled)], t);

    private static double Averaged(ChangePointForecast[] runs, int t)
    {
        var weights = ChangePointModel.Weights([.. runs.Select(r => r.LogEvidence[t])]);
        var p = 0.0;
        for (var k = 0; k < runs.Length; k++)
        {
            p += weights[k] * runs[k].Probabilities[t];
        }

        return p;
    }

    /// <summary>
    /// The weight of each of <see cref="RegimeYears"/> on day t: its marginal likelihood of the
    /// target's days 0 .. t, normalised (Bayesian averaging over the hazard, from the record only).
    /// </summary>
    public double[] RegimeLengthWeights(int t)
    {
        return ChangePointModel.Weights([.. ByClassRuns.Select(r => r.LogEvidence[t])]);
    }

    /// <summary>The change-point forecast on day t with its regime length set by the target's own record (see <see cref="RegimeLengthWeights"/>).</summary>
    public double ChangePointByClass(int t) => Averaged(ByClassRuns, t);

    /// <summary>The reading of the current regime on the last day of the data by the regime length the target's record weighs most.</summary>
    public RegimeReading ChangePointByClassRegime => ByClassRuns[MostWeighedRegimeLength].Last;

    /// <summary>The mean regime length, in years, that the target's record up to the last day of the data weighs most (one of <see cref="RegimeYears"/>).</summary>
    public double ChangePointByClassRegimeYears => RegimeYears[MostWeighedRegimeLength];

    private int MostWeighedRegimeLength
    {
        get
        {
            var last = Data.Days - 1;
            return ChangePointModel.MostWeighed([.. ByClassRuns.Select(r => r.LogEvidence[last])]);
        }
    }

    /// <summary>The class-set change-point forecast of the last day taken apart: each step the weighted mean of the three models' steps.</summary>
    public ChangePointParts ChangePointByClassParts
    {
        get
        {
            var runs = ByClassRuns;
            var weights = RegimeLengthWeights(Data.Days - 1);
            double longRun = 0, lasts = 0, forecast = 0;
            for (var k = 0; k < runs.Length; k++)
            {
                longRun += weights[k] * runs[k].Parts.LongRun;
                lasts += weights[k] * runs[k].Parts.IfRegimeLasts;
                forecast += weights[k] * runs[k].Parts.Forecast;
            }

            return new ChangePointParts(longRun, lasts, forecast);
        }
    }

    /// <summary>The covariates on day t, all known by the end of day t (see <see cref="FeatureNames"/>).</summary>
    public double[] Features(int t)
    {
        _features ??= new double[Data.Days][];
        if (_features[t] is { } cached)
        {
            return cached;
        }

        var last = Series.LastOnOrBefore(t);
        var daysSince = last < 0 ? 3650 : Math.Min(t - last, 3650);
        var middle = t + ((Horizon + 1) / 2);
        var features = new double[]
        {
            Math.Log(1 + Series.Count(t - 29, t)),
            Math.Log(1 + Series.Count(t - 89, t)),
            Math.Log(1 + Series.Count(t - 364, t)),
            Math.Log(1 + daysSince),
            Math.Log(1 + Data.AnyProvocation.Count(t - 29, t)),
            Data.KnownWithin(ContextType.Exercise, t, Horizon) is null ? 0 : 1,
            Data.KnownWithin(ContextType.Visit, t, Horizon) is null ? 0 : 1,
            Data.KnownWithin(ContextType.Summit, t, Horizon) is null ? 0 : 1,
            HawkesProcess.Cos(middle),
            HawkesProcess.Sin(middle),
        };
        _features[t] = features;
        return features;
    }

    /// <summary>Hawkes fits depend on the target only, so every horizon shares them.</summary>
    private static class HawkesCache
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TargetSeries, Dictionary<int, HawkesParameters>> Fits = [];

        public static Dictionary<int, HawkesParameters> For(TargetSeries series) => Fits.GetValue(series, _ => []);
    }
}

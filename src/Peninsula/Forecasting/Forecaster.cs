using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Forecasting;

/// <summary>Forecasts as of a Korean date, each with the reasons behind it.</summary>
public static class Forecaster
{
    /// <summary>The first Korean date a forecast can be made as of (the models learn from six years of the record first).</summary>
    public static KoreanDate FirstAsOf => ForecastData.FirstForecastDate;

    /// <summary>
    /// Refuses, naming <paramref name="field"/>, a forecast as of a day that has not happened
    /// (after <paramref name="today"/>, a Korean date) or before <see cref="FirstAsOf"/>: what is
    /// known on a later day is not known yet; the window (<c>--until</c>) is what reaches ahead.
    /// </summary>
    public static void CheckAsOf(KoreanDate asOf, KoreanDate today, string field = "--as-of")
    {
        if (asOf > today)
        {
            throw new InputException($"{asOf} is in the future: today is {today} in Korea. A forecast is made as of a day that has happened, with what was known by its end; the window it gives reaches ahead.", field: field);
        }

        ForecastData.RequireForecastable(asOf, field);
    }

    /// <summary>
    /// The forecast of every requested target and horizon as of <paramref name="asOf"/> (end of
    /// that Korean date). Uses only actions dated on or before it and scheduled context announced
    /// by then. When <paramref name="asOf"/> is past the end of the record, the models know
    /// nothing after that end: the forecast is the one made at the end of the record. Cancelling
    /// <paramref name="cancellationToken"/> stops the work (an <see cref="OperationCanceledException"/>).
    /// </summary>
    public static IReadOnlyList<Forecast> Make(
        IReadOnlyList<Event> events, IEnumerable<ForecastTarget> targets, IEnumerable<int> horizons, KoreanDate asOf, CancellationToken cancellationToken = default)
    {
        ForecastData.RequireForecastable(asOf);
        var data = ForecastData.Build(events, asOf);
        var hs = horizons.ToList();
        var problems = targets.SelectMany(t => hs.Select(h => (Target: t, Horizon: h))).ToList();
        var forecasts = new Forecast[problems.Count];
        Parallel.For(0, problems.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
            forecasts[i] = Make(data, problems[i].Target, problems[i].Horizon, asOf, cancellationToken));
        return forecasts;
    }

    /// <summary>
    /// The forecast model's probability before the plans announced in public at each of
    /// <paramref name="horizons"/> (ascending) as of <paramref name="asOf"/>, made on
    /// <paramref name="data"/> built to that date or later (windows and questions add the plans over
    /// their own days): the same numbers as <see cref="Forecast.ModelProbability"/> of <see cref="Make(IReadOnlyList{Event}, IEnumerable{ForecastTarget}, IEnumerable{int}, KoreanDate, CancellationToken)"/>
    /// as of <paramref name="asOf"/>, since every model reads only the days up to its issue day
    /// (<see cref="ForecastData"/>), but one data set, and one change-point pass per regime length, serves
    /// every date. The passes cover the days from the earliest date asked on: asking the dates in
    /// ascending order runs them once. Only the probabilities: no reasons, which read the data's last day.
    /// </summary>
    internal static (int Days, double Probability)[] ProbabilitiesAt(
        ForecastData data, ForecastTarget target, IReadOnlyList<int> horizons, KoreanDate asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var t = ForecastData.Index(asOf);
        if (asOf > data.DataEnd || t < RollingForecast.FirstIssueDay)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"Not an issue day of data from {ForecastData.DateAt(RollingForecast.FirstIssueDay)} to {data.DataEnd}.");
        }

        // Shorter horizons first: each longer one is raised to them (RunCoherent) and finds their runs made.
        return [.. horizons.Select(h => (h, RollingForecast.RunCoherent(data, target, h, t, t, candidates: false, cancellationToken: cancellationToken).Probabilities[RollingForecast.Final][^1]))];
    }

    internal static Forecast Make(ForecastData data, ForecastTarget target, int horizon, KoreanDate asOf, CancellationToken cancellationToken = default)
    {
        var t = data.Days - 1;
        // Only the forecast model is fitted here; the other candidates are the backtest's and the selection bench's.
        var run = RollingForecast.RunCoherent(data, target, horizon, t, t, cancellationToken: cancellationToken, candidates: false).WithPlans();
        var i = run.IssueDays.Length - 1;
        var components = RollingForecast.Models.Select((m, k) => (m, p: run.Probabilities[k][i])).Where(x => !double.IsNaN(x.p)).ToDictionary(x => x.m, x => x.p, StringComparer.Ordinal);
        var probability = components[RollingForecast.ForecastModel];
        var factors = Decompose(run);
        var explanation = Explain(run, t, asOf, factors);
        return new Forecast(target, horizon, asOf, data.DataEnd, probability, RollingForecast.ForecastModel, components[RollingForecast.Models[0]],
            explanation, components, factors)
        {
            ModelProbability = run.BeforePlans[i],
            Plans = run.PlanOutlooks[i]?.Plans ?? [],
        };
    }

    /// <summary>
    /// The forecast of the run's last issue day taken apart: from the base rate (climatology), each
    /// step of the forecast model in a fixed order, each factor's effect the change in probability
    /// that its step makes on the model's own scale (the gamma-Poisson chance of none). The effects
    /// telescope, so the base rate plus every effect is the forecast.
    /// </summary>
    internal static IReadOnlyList<ForecastFactor> Decompose(RollingForecast run)
    {
        var i = run.IssueDays.Length - 1;
        var p = run.Probabilities;
        var parts = run.Problem.ChangePointByClassParts;
        var clamped = Math.Clamp(parts.Forecast, RollingForecast.Floor, 1 - RollingForecast.Floor);
        var steps = new List<(string Name, double Value)>
        {
            ("long-run rate", parts.LongRun),
            ("current regime", parts.IfRegimeLasts),
            ("regime change", parts.Forecast),
        };
        if (clamped != parts.Forecast)
        {
            steps.Add((clamped > parts.Forecast ? "floor" : "ceiling", clamped));
        }

        var model = run.BeforePlans[i];
        if (model != clamped)
        {
            steps.Add(("shorter horizon", model));
        }

        var final = p[RollingForecast.Final][i];
        if (final != model)
        {
            steps.Add(("announced plans", final));
        }

        var factors = new List<ForecastFactor>();
        var previous = p[0][i];
        foreach (var (name, value) in steps)
        {
            factors.Add(new ForecastFactor(name, value - previous));
            previous = value;
        }

        return factors;
    }

    private static List<string> Explain(RollingForecast run, int t, KoreanDate asOf, IReadOnlyList<ForecastFactor> factors)
    {
        var problem = run.Problem;
        var h = problem.Horizon;
        var series = problem.Series;
        var p = run.Probabilities;
        var i = run.IssueDays.Length - 1;
        var baseRate = p[0][i];
        var final = p[^1][i];
        var lines = new List<string>();
        var dataEnd = problem.Data.DataEnd;
        if (asOf > dataEnd)
        {
            lines.Add($"The record ends on {dataEnd}: the models know no events after that date, so this is the outlook as it stood on {dataEnd} for the {h} days that followed.");
        }

        lines.Add($"Base rate: {Pct(baseRate)} of all {h}-day periods since {ForecastData.SeriesStart.Year} had {problem.Target.Description} (climatology).");
        var regime = problem.ChangePointByClassRegime;
        var parts = problem.ChangePointByClassParts;
        var weights = problem.RegimeLengthWeights(t);
        var lengths = string.Join(", ", ForecastProblem.RegimeYears.Select((y, k) => string.Create(CultureInfo.InvariantCulture, $"{y:0} {(y == 1 ? "year" : "years")} {Pct(weights[k])}")));
        var longRun = LongRunRate(series, t) * 365.25;
        var printed = PrintedEffects(baseRate, factors, final);
        foreach (var (factor, effect) in factors.Zip(printed))
        {
            lines.Add(factor.Name switch
            {
                "long-run rate" => string.Create(CultureInfo.InvariantCulture,
                    $"Long-run rate: {longRun:0.0} event days a year since {ForecastData.SeriesStart.Year}. A new regime's pace is drawn around it, and uncertain (the prior is worth {ChangePointModel.PriorDays:0} days of record), which weighs slow paces as well as fast: from that alone the chance would be {Pct(parts.LongRun)} ({effect})."),
                "current regime" => string.Create(CultureInfo.InvariantCulture,
                    $"Current regime: the change-point model reads the tempo since about {ForecastData.DateAt(regime.Start)} as {regime.Rate * 365.25:0.0} event days a year (the median; 90% interval {regime.Low * 365.25:0.0} to {regime.High * 365.25:0.0}); if it lasted the {h} days the chance would be {Pct(parts.IfRegimeLasts)}, over the whole range of paces it may have, not at the median alone ({effect})."),
                "regime change" => $"A change of regime: a new regime starts near the long-run rate, and how long one lasts is weighed by how well each length explains this target's record (regimes of {lengths}); allowing for one within the {h} days gives {Pct(parts.Forecast)} ({effect}).",
                "floor" => $"Floor: no forecast of a possible event goes below {Pct(RollingForecast.Floor)} ({effect}).",
                "ceiling" => $"Ceiling: no forecast goes above {Pct(1 - RollingForecast.Floor)} ({effect}).",
                "shorter horizon" => $"Raised to the {run.BoundByHorizon[i]}-day forecast: an event within {run.BoundByHorizon[i]} days is an event within {h} days ({effect}).",
                "announced plans" => $"Announced plans: {string.Join(" ", run.PlanOutlooks[i]!.Plans.Select(plan => plan.Describe()))} Each is taken as a further way for the event to come, independent of the model's {Pct(run.BeforePlans[i])} ({effect}).",
                _ => $"{Capitalise(factor.Name)} ({effect}).",
            });
        }

        // A step printed without a sign adds nothing: it is written "+ 0.00 pts" in the sum.
        lines.Add($"Result: {Pct(final)} = the base rate {Pct(baseRate)}{string.Concat(printed.Select(e => e[0] is '+' or '-' ? $" {e[0]} {e[1..]}" : $" + {e}"))}.");
        var last = series.LastOnOrBefore(t);
        lines.Add(last < 0
            ? problem.Target.Filter is { } filter
                ? $"The record has no event this filter ({filter}) matches up to {dataEnd}: the forecast is what the model makes of none since {ForecastData.SeriesStart.Year}, never below its floor of {Pct(RollingForecast.Floor)}."
                : $"No such event in the record up to {dataEnd}."
            : $"Recent record: {KoreanDate.Days(series.Count(t - 29, t), "event day")} in the last 30 days, {series.Count(t - 364, t)} in the last 365; the last on {ForecastData.DateAt(last)} ({KoreanDate.Days(t - last)} before {dataEnd}).");
        lines.Add($"Other models, for comparison (not part of the forecast): recent rates over 30, 90 and 365 days {Pct(p[1][i])}, {Pct(p[2][i])}, {Pct(p[3][i])}; self-exciting (Hawkes) {Pct(p[4][i])}; the change-point model with three-year regimes (round one's choice) {Pct(p[RollingForecast.ChangePoint][i])}.");
        return lines;
    }

    /// <summary>
    /// The long-run daily rate the explanation states on day t: the change-point model's, which
    /// after observing days 0 .. t (t + 1 days) gives a new regime this rate, so that the sentence's
    /// pace is the one behind the "long-run rate" factor's chance.
    /// </summary>
    internal static double LongRunRate(TargetSeries series, int t) => ChangePointModel.LongRunRate(series.Count(0, t), t + 1);

    /// <summary>
    /// A factor's effect for people, signed, in percentage points: "+42.6 pts", "-0.02 pts" (two
    /// decimals below 0.1 points); an effect that rounds to nothing is "0.00 pts", with no sign.
    /// </summary>
    public static string Effect(double effect)
    {
        var magnitude = Points(Math.Abs(effect), abbreviated: true);
        return magnitude.StartsWith("0.00 ", StringComparison.Ordinal) ? magnitude : $"{(effect < 0 ? "-" : "+")}{magnitude}";
    }

    /// <summary>
    /// The factors' effects as they are printed ("+41.7 pts"), so that the printed base rate plus the
    /// printed effects is exactly the printed forecast, and each step's printed chance is the one
    /// before it plus its printed effect. Each effect rounded on its own need not add up (99.3% = the
    /// base rate 76.4% + 18.8 + 3.3 + 0.7 pts, which is 99.2): each is printed instead as the
    /// difference of the percentages printed before and after its step (as <see cref="Pct"/> prints
    /// them), so no printed effect is more than one rounding unit from the exact one. A step whose
    /// printed percentages are the same before and after is printed "0.00 pts" (or "0.0 pts"), with no
    /// sign: a tiny negative effect printed "-0.00" would read as a loss that the sum does not show.
    /// </summary>
    public static IReadOnlyList<string> PrintedEffects(double baseRate, IReadOnlyList<ForecastFactor> factors, double probability)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var printed = new List<string>(factors.Count);
        var level = baseRate;
        var before = PrintedPercent(baseRate);
        for (var k = 0; k < factors.Count; k++)
        {
            // The last step ends at the forecast itself (the factors telescope to it up to a rounding of doubles).
            level = k == factors.Count - 1 ? probability : level + factors[k].Effect;
            var after = PrintedPercent(level);
            var difference = after - before;
            var sign = difference < 0 ? "-" : difference > 0 ? "+" : "";
            printed.Add(sign + Math.Abs(difference).ToString(Math.Max(Decimals(before), Decimals(after)) == 2 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " pts");
            before = after;
        }

        return printed;
    }

    /// <summary>The printed effects of one forecast's factors, in the factors' order (see <see cref="PrintedEffects(double, IReadOnlyList{ForecastFactor}, double)"/>).</summary>
    public static IReadOnlyList<string> PrintedEffects(Forecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return PrintedEffects(forecast.BaseRate, forecast.Factors, forecast.Probability);
    }

    // The percentage Pct prints, as the exact decimal on the page.
    private static decimal PrintedPercent(double p) => decimal.Parse(Pct(p).TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Decimals(decimal d) => (decimal.GetBits(d)[3] >> 16) & 0xFF;

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A probability as a percentage for people: two decimals below 1%, else one.</summary>
    public static string Pct(double p) => (p * 100).ToString(p < 0.01 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "%";

    internal static string Points(double d, bool abbreviated = false) => (d * 100).ToString(d < 0.001 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + (abbreviated ? " pts" : " percentage points");
}

/// <summary>One forecast: the probability that the target happens at least once on the days after <see cref="AsOf"/>.</summary>
/// <param name="Target">What is forecast.</param>
/// <param name="HorizonDays">Days ahead: the forecast covers <see cref="FirstDay"/> .. <see cref="LastDay"/>, AsOf+1 .. AsOf+HorizonDays when the record reaches AsOf (Korean dates).</param>
/// <param name="AsOf">The Korean date it is made as of.</param>
/// <param name="DataUntil">The last Korean date whose events the models know (earlier than AsOf when the record ends before it).</param>
/// <param name="Probability">The probability, 0 to 1.</param>
/// <param name="Model">The model that gave it.</param>
/// <param name="BaseRate">The climatological base rate for the same target and horizon.</param>
/// <param name="Explanation">The reasons, in plain sentences.</param>
/// <param name="Components">Every model's probability, by model name.</param>
/// <param name="Factors">The forecast taken apart: the base rate plus every factor's effect is the probability (see <see cref="Forecaster"/>), in the order the model applies them.</param>
public sealed record Forecast(
    ForecastTarget Target,
    int HorizonDays,
    KoreanDate AsOf,
    KoreanDate DataUntil,
    double Probability,
    string Model,
    double BaseRate,
    IReadOnlyList<string> Explanation,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyList<ForecastFactor> Factors)
{
    /// <summary>
    /// The model's probability before the plans announced in public were added (the same as
    /// <see cref="Probability"/> when no plan is active): windows of other lengths are read off it.
    /// </summary>
    public double ModelProbability { get; init; } = Probability;

    /// <summary>The plans announced in public, active as of the data's last day, that add to the model's forecast for the horizon's days.</summary>
    public IReadOnlyList<PlanInWindow> Plans { get; init; } = [];

    /// <summary>
    /// The first Korean date the forecast covers: the day after <see cref="AsOf"/>, or, when the record
    /// ends before it, the day after <see cref="DataUntil"/> (past the record's end the forecast is the
    /// outlook as it stood there, for the days that followed it).
    /// </summary>
    public KoreanDate FirstDay => (DataUntil < AsOf ? DataUntil : AsOf).AddDays(1);

    /// <summary>The last Korean date the forecast covers: <see cref="HorizonDays"/> days from <see cref="FirstDay"/>.</summary>
    public KoreanDate LastDay => FirstDay.AddDays(HorizonDays - 1);
}

/// <summary>One factor behind a forecast: how much its step of the forecast model moved the probability.</summary>
/// <param name="Name">A short name: long-run rate (the long-run pace against the share of past periods), current regime, regime change, floor or ceiling, shorter horizon, announced plans.</param>
/// <param name="Effect">The change in probability (positive raised it), -1 to 1; the base rate plus every factor's effect is the forecast.</param>
public sealed record ForecastFactor(string Name, double Effect);

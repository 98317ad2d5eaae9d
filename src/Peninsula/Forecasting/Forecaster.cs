using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Forecasting;

/// <summary>Forecasts as of a Korean date, each with the reasons behind it.</summary>
public static class Forecaster
{
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
        var data = ForecastData.Build(events, asOf);
        var hs = horizons.ToList();
        var problems = targets.SelectMany(t => hs.Select(h => (Target: t, Horizon: h))).ToList();
        var forecasts = new Forecast[problems.Count];
        Parallel.For(0, problems.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
            forecasts[i] = Make(data, problems[i].Target, problems[i].Horizon, asOf, cancellationToken));
        return forecasts;
    }

    internal static Forecast Make(ForecastData data, ForecastTarget target, int horizon, KoreanDate asOf, CancellationToken cancellationToken = default)
    {
        var t = data.Days - 1;
        var run = RollingForecast.RunCoherent(data, target, horizon, t, t, cancellationToken: cancellationToken);
        var i = run.IssueDays.Length - 1;
        var components = RollingForecast.Models.Select((m, k) => (m, p: run.Probabilities[k][i])).ToDictionary(x => x.m, x => x.p, StringComparer.Ordinal);
        var probability = components[RollingForecast.ForecastModel];
        var factors = new List<ForecastFactor>();
        var explanation = Explain(run, t, asOf, factors);
        return new Forecast(target, horizon, asOf, data.DataEnd, probability, RollingForecast.ForecastModel, components[RollingForecast.Models[0]],
            explanation, components, factors);
    }

    private static List<string> Explain(RollingForecast run, int t, KoreanDate asOf, List<ForecastFactor> factors)
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
        var last = series.LastOnOrBefore(t);
        lines.Add(last < 0
            ? $"No such event in the record up to {dataEnd}."
            : $"Recent record: {KoreanDate.Days(series.Count(t - 29, t), "event day")} in the last 30 days, {series.Count(t - 364, t)} in the last 365; the last on {ForecastData.DateAt(last)} ({KoreanDate.Days(t - last)} before {dataEnd}).");

        if (run.LastCovariateFit is { } fit)
        {
            var features = problem.Features(t);
            var covariate = p[5][i];
            var groups = new (string Short, string Name, int[] Columns)[]
            {
                ("recent tempo", "the recent tempo of these events (last 30, 90 and 365 days)", [0, 1, 2]),
                ("days since the last", $"the time since the last one ({KoreanDate.Days((int)Math.Round(Math.Exp(features[3]) - 1))})", [3]),
                ("general tempo", $"North Korea's general tempo ({KoreanDate.Days((int)Math.Round(Math.Exp(features[4]) - 1))} with an action of any kind in the last 30)", [4]),
                ("exercise", Context(problem, ContextType.Exercise, t, "a US-ROK exercise in progress or starting within the horizon", "no US-ROK exercise known to be in progress or starting within the horizon"), [5]),
                ("visit", Context(problem, ContextType.Visit, t, "a visit by the US Secretary of State or Defense", "no announced visit by the US Secretary of State or Defense"), [6]),
                ("summit", Context(problem, ContextType.Summit, t, "a summit", "no announced summit"), [7]),
                ("time of year", "the time of year", [8, 9]),
            };
            var effects = groups
                .Select(g => (g.Short, g.Name, Effect: covariate - fit.PredictWithAverage(features, g.Columns)))
                .Where(e => Math.Abs(e.Effect) >= 0.005)
                .OrderByDescending(e => Math.Abs(e.Effect))
                .ToList();
            lines.Add($"Covariate model (logistic regression on {fit.Rows} weekly past periods): {Pct(covariate)}.");
            foreach (var (factor, name, effect) in effects)
            {
                factors.Add(new ForecastFactor(factor, effect));
                lines.Add($"{Capitalise(name)} {(effect > 0 ? "raised" : "lowered")} it by {Points(Math.Abs(effect))} against an average period.");
            }
        }

        var hawkes = problem.HawkesFit(t);
        var expected = HawkesProcess.ExpectedWithoutNewEvents(hawkes, series, t, h, out var fromPast);
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Self-exciting (Hawkes) model: {Pct(p[4][i])}; {Pct(expected > 0 ? fromPast / expected : 0)} of its expected activity comes from the excitation of past events (each event adds {hawkes.Alpha:0.00} expected follow-ups, fading over about {1 / hawkes.Beta:0} days)."));
        lines.Add($"Recent-rate models (30, 90, 365 days): {Pct(p[1][i])}, {Pct(p[2][i])}, {Pct(p[3][i])}.");
        var regime = problem.ChangePointRegime;
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Change-point (regime) model: {Pct(p[RollingForecast.ChangePoint][i])}; it reads the current tempo as {regime.Rate * 365.25:0.0} event days a year (the median of its estimate), in a regime that began about {ForecastData.DateAt(regime.Start)}."));
        if (run.LastStack is { } stack)
        {
            var w = stack.Coefficients;
            var weights = string.Join(", ", RollingForecast.Models.Take(RollingForecast.Components).Select((m, k) => string.Create(CultureInfo.InvariantCulture, $"{m} {w[k + 1]:0.00}")));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Stacking: weights on each model's log odds learned from {stack.Rows} past weekly forecasts whose outcomes were known by {ForecastData.DateAt(t)}: {weights}; shift {w[0]:+0.00;-0.00}; it gives {Pct(p[RollingForecast.StackedOnClimatology][i])}."));
        }
        else
        {
            lines.Add($"Stacking: too few past forecasts with known outcomes to learn weights yet.");
        }

        // A run cut from a longer one keeps no last-day fits (see RollingForecast.Until); forecasts are never made from one.
        if (run.PoolWeights is [var onBaseRate, var onStack, var onRegime])
        {
            var pooled = p[RollingForecast.PoolModel][i];
            lines.Add($"Pool: the base rate weighs {Pct(onBaseRate)}, the stack {Pct(onStack)} and the change-point model {Pct(onRegime)}, by how well each forecast the past five years (Brier score on forecasts whose outcomes were known by then); it gives {Pct(pooled)}.");
            var shifted = LogisticRegression.Sigmoid(LogisticRegression.Logit(pooled) + run.LastShift);
            lines.Add(Math.Abs(shifted - pooled) < 0.0005
                ? "Recalibration: the pool's recent forecasts were not biased enough to shift."
                : string.Create(CultureInfo.InvariantCulture, $"Recalibration: the pool's forecasts of the past months ran too {(run.LastShift > 0 ? "low" : "high")}, so its log odds are shifted by {run.LastShift:+0.000;-0.000}, to {Pct(shifted)}."));
            lines.Add(run.LastShrinkage == 0
                ? "Shrinkage: over the past five years the model's departures from the base rate did not show enough skill, so the forecast is the base rate."
                : string.Create(CultureInfo.InvariantCulture, $"Shrinkage: over the past five years the model's departures from the base rate were worth {run.LastShrinkage:0.00} of their size, so it keeps that share of its departure."));
        }

        if (run.BoundByHorizon.Length > 0 && run.BoundByHorizon[i] > 0)
        {
            lines.Add($"Raised to the {run.BoundByHorizon[i]}-day forecast ({Pct(final)}): an event within {run.BoundByHorizon[i]} days is an event within {h} days.");
        }

        lines.Add($"Result: {Pct(final)}, {(final >= baseRate ? "up" : "down")} {Points(Math.Abs(final - baseRate))} from the base rate.");
        return lines;
    }

    private static string Context(ForecastProblem problem, ContextType type, int t, string present, string absent) =>
        problem.Data.KnownWithin(type, t, problem.Horizon) is { } c ? $"{present} ({c.Title}, {c.Start} to {c.End})" : absent;

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A probability as a percentage for people: two decimals below 1%, else one.</summary>
    public static string Pct(double p) => (p * 100).ToString(p < 0.01 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "%";

    internal static string Points(double d) => (d * 100).ToString("0.0", CultureInfo.InvariantCulture) + " percentage points";
}

/// <summary>One forecast: the probability that the target happens at least once on the days after <see cref="AsOf"/>.</summary>
/// <param name="Target">What is forecast.</param>
/// <param name="HorizonDays">Days ahead: the forecast covers AsOf+1 .. AsOf+HorizonDays (Korean dates).</param>
/// <param name="AsOf">The Korean date it is made as of.</param>
/// <param name="DataUntil">The last Korean date whose events the models know (earlier than AsOf when the record ends before it).</param>
/// <param name="Probability">The probability, 0 to 1.</param>
/// <param name="Model">The model that gave it.</param>
/// <param name="BaseRate">The climatological base rate for the same target and horizon.</param>
/// <param name="Explanation">The reasons, in plain sentences.</param>
/// <param name="Components">Every model's probability, by model name.</param>
/// <param name="Factors">The covariates that moved the regression's probability away from an average period, largest first, each with its effect (probability, -1 to 1).</param>
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
    IReadOnlyList<ForecastFactor> Factors);

/// <summary>One factor behind a forecast: how much it moved the covariate model's probability against an average period.</summary>
/// <param name="Name">A short name: recent tempo, days since the last, general tempo, exercise, visit, summit, time of year.</param>
/// <param name="Effect">The change in probability (positive raised it), -1 to 1.</param>
public sealed record ForecastFactor(string Name, double Effect);

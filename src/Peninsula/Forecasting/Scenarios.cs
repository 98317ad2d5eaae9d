using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Forecasting;

/// <summary>
/// The outlooks commentators argue about, as probabilities over 90 or 365 days: continued
/// provocation, major escalation, a diplomatic opening. Each says whether it is a model output or a
/// base rate from the record.
/// </summary>
public static class Scenarios
{
    /// <summary>The horizons scenarios are given for, in days.</summary>
    public static IReadOnlyList<int> Horizons { get; } = [90, 365];

    /// <summary>Paths simulated for the launch-count scenario (seeded, so the answer is reproducible).</summary>
    public const int SimulatedPaths = 4000;

    /// <summary>"Continued provocation" means at least this many missile launch days: about one a month.</summary>
    public static int LaunchDaysThreshold(int horizon) => horizon >= 365 ? 12 : 3;

    /// <summary>The scenarios as of the end of <paramref name="asOf"/> (a Korean date).</summary>
    public static IReadOnlyList<Scenario> Compute(IReadOnlyList<Event> events, KoreanDate asOf, int horizon)
    {
        if (!Horizons.Contains(horizon))
        {
            throw new InputException($"{horizon} is not a scenario horizon. Valid horizons (days): {string.Join(", ", Horizons)}.", field: "--horizon");
        }

        ForecastData.RequireForecastable(asOf);
        var data = ForecastData.Build(events, asOf);
        var t = data.Days - 1;
        var note = data.DataEnd < asOf ? $" The record ends on {data.DataEnd}; this is the outlook as it stood then." : "";

        // Continued provocation: the Hawkes process fitted to missile launch days, simulated forward.
        var missiles = new ForecastProblem(data, ForecastTarget.AnyMissile, horizon);
        var threshold = LaunchDaysThreshold(horizon);
        var fit = missiles.HawkesFit(t);
        var history = missiles.Series.EventDays.Where(d => d <= t).Select(d => d + 0.5).ToList();
        var random = new Random(20261121);
        var reached = 0;
        for (var path = 0; path < SimulatedPaths; path++)
        {
            var simulated = HawkesProcess.Simulate(fit, history, t + 1, t + horizon + 1, random);
            reached += simulated.Select(x => (int)x).Distinct().Count() >= threshold ? 1 : 0;
        }

        var provocation = (double)reached / SimulatedPaths;
        var provocationError = 1.96 * Math.Sqrt(provocation * (1 - provocation) / SimulatedPaths);
        var provocationBase = ShareOfWindows(missiles.Series, horizon, t, threshold);

        // Major escalation: the forecast model for ICBMs and for nuclear tests, combined.
        var icbm = Forecaster.Make(data, ForecastTarget.Icbm, horizon, asOf);
        var nuclear = Forecaster.Make(data, ForecastTarget.NuclearTest, horizon, asOf);
        var escalation = 1 - ((1 - icbm.Probability) * (1 - nuclear.Probability));
        var escalationSeries = new TargetSeries(data.Days, data.For(ForecastTarget.Icbm).EventDays.Concat(data.For(ForecastTarget.NuclearTest).EventDays));
        var escalationBase = ShareOfWindows(escalationSeries, horizon, t, 1);

        // Diplomatic opening: summits or talks with the US or South Korea, from the record only.
        var openings = events
            .Where(e => e.Date <= data.DataEnd && IsOpening(e))
            .Select(e => ForecastData.Index(e.Date))
            .ToList();
        var openingSeries = new TargetSeries(data.Days, openings);
        var since = ForecastData.Index(new KoreanDate(2000, 1, 1));
        var openingBase = ShareOfWindows(openingSeries, horizon, t, 1, since);
        var lastOpening = openingSeries.LastOnOrBefore(t);

        return
        [
            new Scenario(
                "continued-provocation",
                $"At least {threshold} days with a missile launch in the next {horizon} days",
                provocation,
                "model",
                string.Create(CultureInfo.InvariantCulture,
                    $"Self-exciting (Hawkes) model of missile launch days fitted to the record up to {ForecastData.DateAt(t)}, {SimulatedPaths} simulated paths (simulation error about ±{provocationError * 100:0.0} points). Base rate: {Forecaster.Pct(provocationBase)} of {horizon}-day periods since {ForecastData.SeriesStart.Year} had that many.{note}"),
                provocationBase) { DataUntil = data.DataEnd },
            new Scenario(
                "major-escalation",
                $"An ICBM launch or a nuclear test in the next {horizon} days",
                escalation,
                "model",
                $"The forecast model: ICBM {Forecaster.Pct(icbm.Probability)}, nuclear test {Forecaster.Pct(nuclear.Probability)}, combined as if independent. Base rate: {Forecaster.Pct(escalationBase)} of {horizon}-day periods since {ForecastData.SeriesStart.Year} had either.{note}",
                escalationBase) { DataUntil = data.DataEnd },
            new Scenario(
                "diplomatic-opening",
                $"A summit or talks between North Korea and the US or South Korea in the next {horizon} days",
                openingBase,
                "base rate",
                $"Base rate, not a model: {Forecaster.Pct(openingBase)} of {horizon}-day periods since 2000 had one ({openings.Count(d => d >= since)} such events in the record; too few to fit a model). The last was on {(lastOpening < 0 ? "-" : ForecastData.DateAt(lastOpening).ToString())}.{note}",
                openingBase) { DataUntil = data.DataEnd },
        ];
    }

    /// <summary>A summit with North Korea and the US or South Korea, or talks between them.</summary>
    internal static bool IsOpening(Event e) =>
        (e.Kind == EventKind.Summit && e.Class is "inter-korean" or "us-dprk")
        || (e.Kind == EventKind.Talks && e.Actors.Contains("DPRK") && (e.Actors.Contains("US") || e.Actors.Contains("ROK")));

    /// <summary>The share of issue days from <paramref name="from"/> to t - H whose next H days held at least <paramref name="atLeast"/> event days.</summary>
    internal static double ShareOfWindows(TargetSeries series, int horizon, int t, int atLeast, int from = 0)
    {
        var windows = 0;
        var hits = 0;
        for (var s = from; s + horizon <= t; s++)
        {
            windows++;
            hits += series.Count(s + 1, s + horizon) >= atLeast ? 1 : 0;
        }

        return windows == 0 ? double.NaN : (double)hits / windows;
    }
}

/// <summary>One scenario.</summary>
/// <param name="Name">A stable key, e.g. <c>major-escalation</c>.</param>
/// <param name="Description">What it means, in plain words.</param>
/// <param name="Probability">Its probability, 0 to 1.</param>
/// <param name="Source"><c>model</c> or <c>base rate</c>.</param>
/// <param name="Basis">How the probability was found.</param>
/// <param name="BaseRate">The base rate from the record, for comparison.</param>
public sealed record Scenario(string Name, string Description, double Probability, string Source, string Basis, double BaseRate)
{
    /// <summary>The last Korean date whose events it knows: the as-of date, or the record's end when that is earlier (the scenario then covers the days after that end).</summary>
    public KoreanDate DataUntil { get; init; }
}

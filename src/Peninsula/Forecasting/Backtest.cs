using Peninsula.Events;

namespace Peninsula.Forecasting;

/// <summary>
/// The rolling-origin backtest: forecasts issued every step days from one Korean date to another,
/// each model refitted as of each issue date, scored once the outcome is known (issue date plus
/// horizon on or before the end of the record).
/// </summary>
public static class Backtest
{
    /// <summary>Runs the backtest for one target and horizon on a record; cancelling <paramref name="cancellationToken"/> stops it.</summary>
    public static BacktestResult Run(
        IReadOnlyList<Event> events, ForecastTarget target, int horizon, KoreanDate from, KoreanDate to, int step = 7, CancellationToken cancellationToken = default)
    {
        // The outcomes of the last issue dates come after --to; each model still sees only the days up to its issue date.
        var data = ForecastData.Build(events, to.AddDays(horizon));
        return Run(data, target, horizon, from, to, step, cancellationToken);
    }

    /// <summary>
    /// Every target at every horizon (targets in <see cref="ForecastTarget.All"/> order, horizons
    /// ascending within each): the report, the goal and the validation benchmarks all run this.
    /// </summary>
    internal static IReadOnlyList<BacktestResult> RunAll(IReadOnlyList<Event> events, KoreanDate from, KoreanDate to, int step = 7) =>
        RunAll(ForecastData.Build(events, to.AddDays(ForecastTarget.Horizons.Max())), from, to, step);

    internal static IReadOnlyList<BacktestResult> RunAll(ForecastData data, KoreanDate from, KoreanDate to, int step = 7, IReadOnlyList<int>? horizons = null)
    {
        var targets = ForecastTarget.All;
        horizons = [.. (horizons ?? ForecastTarget.Horizons).Order()];
        var results = new BacktestResult[targets.Count][];
        // One target per thread, its horizons shortest first: a longer horizon's forecasts are
        // bounded by the shorter ones', whose runs are then already made (see ForecastData.Run).
        Parallel.For(0, targets.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
            results[k] = [.. horizons.Select(h => Run(data, targets[k], h, from, to, step))]);
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>
    /// Whether at least one forecast at <paramref name="horizon"/> issued from <paramref name="from"/>
    /// to <paramref name="to"/> can be scored: its outcome window must end on or before the data's end.
    /// </summary>
    internal static bool IsScorable(ForecastData data, int horizon, KoreanDate from, KoreanDate to) =>
        Math.Min(ForecastData.Index(to), data.Days - 1 - horizon) >= Math.Max(ForecastData.Index(from), RollingForecast.FirstIssueDay);

    internal static BacktestResult Run(ForecastData data, ForecastTarget target, int horizon, KoreanDate from, KoreanDate to, int step = 7, CancellationToken cancellationToken = default)
    {
        if (step < 1)
        {
            throw new InputException("--step must be at least 1 day.", field: "--step");
        }

        if (to < from)
        {
            throw new InputException($"--to ({to}) is before --from ({from}).", field: "--to");
        }

        ForecastData.RequireForecastable(to, "--to");
        var first = Math.Max(ForecastData.Index(from), RollingForecast.FirstIssueDay);
        // Issue dates run from --from in steps; only those whose outcome is known can be scored.
        var lastScorable = Math.Min(ForecastData.Index(to), data.Days - 1 - horizon);
        var steps = (lastScorable - first) / step;
        if (lastScorable < first)
        {
            throw new InputException(
                $"No forecast from {from} to {to} can be scored yet: the record ends on {data.DataEnd}, so the last issue date with a known {horizon}-day outcome is {data.DataEnd.AddDays(-horizon)}.",
                field: "--from");
        }

        var last = first + (steps * step);
        // The forecast model reads the plans announced in public as `forecast` does (RollingForecast.WithPlans).
        var run = RollingForecast.RunCoherent(data, target, horizon, first, last, step, cancellationToken: cancellationToken).WithPlans();
        var problem = run.Problem;
        var scored = Enumerable.Range(0, run.IssueDays.Length).Where(i => run.IssueDays[i] >= first).ToArray();
        var outcomes = scored.Select(i => problem.Series.Outcome(run.IssueDays[i], horizon)).ToArray();
        var climatology = scored.Select(i => run.Probabilities[0][i]).ToArray();
        // Blocks as long as the horizon (in issue dates) keep overlapping forecasts together.
        var blockLength = Math.Max(4, (int)Math.Ceiling((double)horizon / step));
        var scores = new List<ModelScore>();
        for (var m = 0; m < RollingForecast.Models.Length; m++)
        {
            var p = scored.Select(i => run.Probabilities[m][i]).ToArray();
            var (low, high) = m == 0 ? (0.0, 0.0) : Scoring.BrierSkillInterval(p, climatology, outcomes, blockLength);
            scores.Add(new ModelScore(
                RollingForecast.Models[m],
                p.Length,
                Scoring.Brier(p, outcomes),
                Scoring.LogLoss(p, outcomes),
                Scoring.BrierSkillScore(p, climatology, outcomes),
                low,
                high,
                Scoring.ExpectedCalibrationError(p, outcomes),
                Scoring.Sharpness(p),
                Scoring.Reliability(p, outcomes)));
        }

        var issues = scored.Select(i => new BacktestForecast(
            ForecastData.DateAt(run.IssueDays[i]),
            problem.Series.Outcome(run.IssueDays[i], horizon),
            RollingForecast.Models.Select((_, m) => run.Probabilities[m][i]).ToArray())).ToList();
        return new BacktestResult(target, horizon, ForecastData.DateAt(first), ForecastData.DateAt(last), step, data.DataEnd,
            outcomes.Count(o => o), RollingForecast.ForecastModel, scores, issues, blockLength);
    }
}

/// <summary>The backtest of one target at one horizon.</summary>
/// <param name="Target">What was forecast.</param>
/// <param name="HorizonDays">The horizon in days.</param>
/// <param name="FirstIssue">The first issue date scored (Korean date).</param>
/// <param name="LastIssue">The last issue date scored: its outcome is known.</param>
/// <param name="StepDays">Days between issue dates.</param>
/// <param name="DataEnd">The last Korean date of the record used.</param>
/// <param name="Positives">How many scored forecasts were followed by the target.</param>
/// <param name="ForecastModel">The model <c>peninsula forecast</c> uses.</param>
/// <param name="Scores">One row per model.</param>
/// <param name="Forecasts">Every scored forecast: issue date, outcome, each model's probability (in <see cref="Scores"/> order).</param>
/// <param name="BootstrapBlock">The block length (issue dates) of the bootstrap interval.</param>
public sealed record BacktestResult(
    ForecastTarget Target,
    int HorizonDays,
    KoreanDate FirstIssue,
    KoreanDate LastIssue,
    int StepDays,
    KoreanDate DataEnd,
    int Positives,
    string ForecastModel,
    IReadOnlyList<ModelScore> Scores,
    IReadOnlyList<BacktestForecast> Forecasts,
    int BootstrapBlock)
{
    /// <summary>The score of the model <c>forecast</c> uses.</summary>
    public ModelScore Chosen => Scores.First(s => s.Model == ForecastModel);

    /// <summary>Scored forecasts whose target did not happen within the horizon.</summary>
    public int NonEvents => Forecasts.Count - Positives;

    /// <summary>
    /// The forecast model against the best of the simple references of the issue's Brier target
    /// (climatology, the 365-day rate and Hawkes: <see cref="ForecastReport.References"/>) on these
    /// forecasts: which one, and the forecast model's Brier score minus its with a 95% moving-block
    /// bootstrap interval (<see cref="Scoring.BrierDifferenceInterval"/>, the blocks of the BSS intervals).
    /// </summary>
    public ReferenceComparison AgainstBestReference()
    {
        var best = ForecastReport.References.MinBy(m => Scores.First(s => s.Model == m).Brier)!;
        var chosen = IndexOf(ForecastModel);
        var other = IndexOf(best);
        var (low, high) = Scoring.BrierDifferenceInterval(
            [.. Forecasts.Select(f => f.Probabilities[chosen])],
            [.. Forecasts.Select(f => f.Probabilities[other])],
            [.. Forecasts.Select(f => f.Happened)],
            BootstrapBlock);
        return new ReferenceComparison(best, Chosen.Brier - Scores[other].Brier, low, high);
    }

    private int IndexOf(string model)
    {
        for (var i = 0; i < Scores.Count; i++)
        {
            if (Scores[i].Model == model)
            {
                return i;
            }
        }

        throw new ArgumentException($"No model {model} in the backtest of {Target.Slug} at {HorizonDays} days.", nameof(model));
    }
}

/// <summary>The forecast model's Brier score minus a reference's on the same forecasts (below 0: the forecast model better), with a 95% interval.</summary>
public sealed record ReferenceComparison(string Reference, double Difference, double Low, double High)
{
    /// <summary>
    /// A difference in Brier score too small to mean anything: below half the last digit the
    /// scores are printed with (four places). A period in which the target never came gives both
    /// models scores near 0 and an interval of a few millionths that excludes 0 without saying anything.
    /// </summary>
    public const double Negligible = 0.00005;

    /// <summary>Whether the whole interval is above 0 by more than <see cref="Negligible"/>: the forecast model worse by more than the luck of the period explains.</summary>
    public bool ClearlyWorse => Low >= Negligible;

    /// <summary>Whether the whole interval is below 0 by more than <see cref="Negligible"/>.</summary>
    public bool ClearlyBetter => High <= -Negligible;

    /// <summary>What the interval says, in words for people: worse or better by more than luck, too close to matter, or no telling them apart.</summary>
    public string Verdict => ClearlyWorse ? "worse by more than the luck of the period explains"
        : ClearlyBetter ? "better by more than the luck of the period explains"
        : Math.Max(Math.Abs(Low), Math.Abs(High)) < Negligible ? "too close to matter: the scores differ by less than 0.0001"
        : "the period cannot tell them apart";
}

/// <summary>How one model did in a backtest.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="N">Forecasts scored.</param>
/// <param name="Brier">Brier score (lower is better).</param>
/// <param name="LogLoss">Log loss, natural log (lower is better).</param>
/// <param name="Bss">Brier skill score against climatology (above 0 beats it).</param>
/// <param name="BssLow">Lower end of its 95% block-bootstrap interval.</param>
/// <param name="BssHigh">Upper end of that interval.</param>
/// <param name="Ece">Expected calibration error over ten bins.</param>
/// <param name="Sharpness">Standard deviation of the forecasts.</param>
/// <param name="Reliability">The ten-bin reliability table.</param>
public sealed record ModelScore(
    string Model, int N, double Brier, double LogLoss, double Bss, double BssLow, double BssHigh, double Ece, double Sharpness, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>One scored forecast of a backtest.</summary>
/// <param name="IssueDate">The Korean date it was made as of.</param>
/// <param name="Happened">Whether the target happened within the horizon.</param>
/// <param name="Probabilities">Each model's probability, in the order of the result's scores.</param>
public sealed record BacktestForecast(KoreanDate IssueDate, bool Happened, IReadOnlyList<double> Probabilities);

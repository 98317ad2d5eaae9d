namespace Peninsula.Forecasting;

/// <summary>
/// Every model's forecast at weekly (or other) issue days, each made with what was known at the
/// end of its day; the ensemble at day d is fitted only on earlier issue days whose outcomes were
/// known by d. The backtest scores these; <c>forecast</c> takes the last one.
/// </summary>
/// <remarks>
/// The models: seven components; two stacks (logistic regressions on the components' log odds);
/// the pool of climatology, the stack on climatology and the change-point model, and the forecast
/// model before issue 20 (the pool after <see cref="Recalibration"/>); the candidates of both
/// selection rounds of docs/forecast-selection.md; and the forecast model, the candidate
/// <see cref="Chosen"/>. Only the backtest and the selection bench fit them all; <c>forecast</c>
/// fits the forecast model alone (see <see cref="Run"/>).
/// </remarks>
internal sealed class RollingForecast
{
    /// <summary>The model <c>peninsula forecast</c> uses.</summary>
    public const string ForecastModel = "ensemble";

    /// <summary>The ensemble learns from the past five years of weekly forecasts.</summary>
    public const int StackingWeeks = 260;

    /// <summary>Recent forecasts count more when the ensemble learns: a forecast a year old counts half.</summary>
    public const double RecencyHalfLifeDays = 365;

    /// <summary>No issue day before 1990 (<see cref="ForecastData.FirstForecastDate"/>): the models need a few years of record first.</summary>
    public static readonly int FirstIssueDay = ForecastData.Index(ForecastData.FirstForecastDate);

    /// <summary>
    /// Issue days before the first scored one: five years for the stack to learn from its
    /// components, and five more for the recalibration to learn from the pool.
    /// </summary>
    public const int WarmUpWeeks = 2 * StackingWeeks;

    /// <summary>The models, in the order of <see cref="Probabilities"/>: seven components, two stacks and the pool, then the candidates of the selection rounds (docs/forecast-selection.md, rounds 1, 2, 4 and 5), and last the forecast model.</summary>
    public static readonly string[] Models =
        ["climatology", "recent-rate-30d", "recent-rate-90d", "recent-rate-365d", "hawkes", "covariates", "change-point", "stacked", "stacked-on-regression", "pool",
         "pool-shrunk", "pooled-rate", "blend", "regime-stack", "regime-stack-pooled", "regime-stack-pooled-covariates", "regime-stack-pooled-shift",
         "change-point-by-class", "change-point-recalibrated", "aggregate", "aggregate-recalibrated",
         "change-point-by-class-recent", "change-point-by-class-pooled", "change-point-averaged", ForecastModel];

    /// <summary>The models the stacks combine: the first seven.</summary>
    public const int Components = 7;

    private const int Covariates = 5;

    public const int ChangePoint = 6;

    public const int StackedOnClimatology = 7;

    private const int StackedOnRegression = 8;

    /// <summary>The index of the pool in <see cref="Models"/>: the forecast model before its recalibration.</summary>
    public const int PoolModel = 9;

    /// <summary>The forecast model before issue 20: the pool shifted by its recent bias and shrunk towards climatology.</summary>
    public const int PoolShrunk = 10;

    /// <summary>The hierarchical rate shared across targets (<see cref="ForecastProblem.PooledRate"/>).</summary>
    public const int PooledRate = 11;

    private const int Blend = 12;

    private const int RegimeStack = 13;

    private const int RegimeStackPooled = 14;

    private const int RegimeStackPooledCovariates = 15;

    private const int RegimeStackPooledShift = 16;

    /// <summary>Round 2: the change-point model with its regime length set by the target's own record (<see cref="ForecastProblem.ChangePointByClass(int)"/>).</summary>
    public const int ChangePointByClass = 17;

    /// <summary>Round 2: the change-point model after online Platt recalibration (<see cref="Recalibration.Platt"/>).</summary>
    public const int ChangePointRecalibrated = 18;

    /// <summary>Round 2: the fixed-share aggregate of <see cref="AggregateMembers"/> (<see cref="FixedShare"/>).</summary>
    public const int Aggregate = 19;

    /// <summary>Round 2: the aggregate after online Platt recalibration.</summary>
    public const int AggregateRecalibrated = 20;

    /// <summary>Round 4: change-point-by-class with a new regime centred on the 365-day rate (docs/forecast-selection.md, "Round 4").</summary>
    private const int ChangePointByClassRecent = 21;

    /// <summary>Round 4: change-point-by-class with a new regime centred on round 1's pooled rate.</summary>
    private const int ChangePointByClassPooled = 22;

    /// <summary>Round 5: the nine change-point models of rounds 2 and 4 averaged by their marginal likelihood (docs/forecast-selection.md, "Round 5").</summary>
    private const int ChangePointAveraged = 23;

    /// <summary>The forecast model's index in <see cref="Models"/> and <see cref="Probabilities"/>.</summary>
    public const int Final = 24;

    /// <summary>The members of the aggregate: climatology, the 365-day rate, Hawkes and the change-point model.</summary>
    public static readonly int[] AggregateMembers = [0, 3, 4, ChangePoint];

    /// <summary>The candidates of docs/forecast-selection.md kept within <see cref="Floor"/> .. 1 - Floor.</summary>
    private const int FirstCandidate = PooledRate;

    /// <summary>
    /// No forecast of an event that is physically possible is below one in a thousand or above
    /// 999 in a thousand: below what the record can tell apart, and a 0 or 1 would make one
    /// surprise cost an infinite log score (docs/forecast-selection.md).
    /// </summary>
    public const double Floor = 0.001;

    /// <summary>The members of the regime stacks, in the order of their weights: climatology, the 365-day and 90-day rates, Hawkes, the change-point model, then the pooled rate and the covariate regression.</summary>
    private static readonly int[] RegimeMembers = [0, 3, 2, 4, ChangePoint, PooledRate, Covariates];

    /// <summary>How many of <see cref="RegimeMembers"/> each regime stack uses.</summary>
    private static readonly (int Model, int Members)[] RegimeStacks = [(RegimeStack, 5), (RegimeStackPooled, 6), (RegimeStackPooledCovariates, 7)];

    /// <summary>
    /// The candidate the forecast model is: the change-point model with its regime length set by
    /// each target's own record, chosen in round 2 of docs/forecast-selection.md on 2010-2021
    /// (bench/results/forecast-selection.md), kept within <see cref="Floor"/> .. 1 - Floor and
    /// raised to any shorter horizon's forecast. Round one chose <see cref="ChangePoint"/>.
    /// </summary>
    public const int Chosen = ChangePointByClass;

    /// <summary>The members of the blend: climatology, the 365-day rate, Hawkes and the change-point model.</summary>
    private static readonly int[] BlendMembers = [0, 3, 4, ChangePoint];

    /// <summary>How fast the final pool moves towards the models with the better past Brier score (exponential weights, per unit of Brier score).</summary>
    private const double PoolLearningRate = 20;

    /// <summary>The pool starts with climatology at e^2 (7.4) times the weight of each other member: a model must show skill before it is trusted.</summary>
    private const double PoolPriorForClimatology = 2;

    /// <summary>
    /// The models the final pool weighs: climatology, the stack on climatology and the change-point
    /// model. The change-point model joined on the validation period (bench/results/forecast-calibration.md,
    /// pre-registered): it raised the mean skill over the 28 target-horizons (2016-2021: 0.057 to
    /// 0.098; 2010-2015: 0.008 to 0.017) without making any more of them worse than climatology.
    /// A model the stacks alone combine gains almost nothing: their ridge prior holds them near
    /// climatology where five years of long-horizon outcomes are little evidence. The stack on
    /// the regression is scored but not pooled: on the validation period (issue dates 2016-2021,
    /// every target and horizon) pooling it too raised the any-missile 7-day skill (0.156 to 0.170)
    /// but made five more target-horizons worse than climatology (9 to 14; the sum of the negative
    /// skill scores went from -0.2 to -1.2), and the goal is not to be worse than the base rate anywhere.
    /// </summary>
    private static readonly int[] Pooled = [0, StackedOnClimatology, ChangePoint];

    private RollingForecast(ForecastProblem problem, int[] issueDays, double[][] probabilities)
    {
        Problem = problem;
        IssueDays = issueDays;
        Probabilities = probabilities;
    }

    public ForecastProblem Problem { get; }

    /// <summary>The issue days (day indices), ascending.</summary>
    public int[] IssueDays { get; }

    /// <summary>Probabilities[model][i]: each model's forecast at IssueDays[i].</summary>
    public double[][] Probabilities { get; }

    /// <summary>
    /// How much one weekly forecast counts when learning from past forecasts: forecasts a week
    /// apart with a 365-day horizon share 358 of their days, so each counts 7/365 of an
    /// independent one. Without this, long horizons look far better established than they are.
    /// </summary>
    public static double Overlap(int horizon) => Math.Min(1.0, 7.0 / horizon);

    /// <summary>
    /// Runs the models at <paramref name="lastDay"/> and every <paramref name="step"/> days before it
    /// back to <paramref name="firstScoredDay"/>, plus the earlier issue days the ensemble learns from.
    /// Cancelling <paramref name="cancellationToken"/> stops it between issue days.
    /// </summary>
    /// <remarks>
    /// With <paramref name="candidates"/> false (the path of <c>peninsula forecast</c>) only the
    /// forecast model is fitted, with climatology (its base rate) and, on the last issue day, the
    /// simple models its reasons compare it with; every other model is NaN. The forecast model
    /// learns nothing from its own past forecasts, so no earlier issue day is run either.
    /// </remarks>
    public static RollingForecast Run(ForecastProblem problem, int firstScoredDay, int lastDay, int step = 7, bool candidates = true, CancellationToken cancellationToken = default)
    {
        var horizon = problem.Horizon;
        var warmUp = candidates ? (WarmUpWeeks * 7) + horizon : 0;
        var days = new List<int>();
        for (var d = lastDay; d >= Math.Max(firstScoredDay - warmUp, FirstIssueDay); d -= step)
        {
            days.Add(d);
        }

        days.Reverse();
        var issueDays = days.ToArray();
        problem.FirstForecastDay = issueDays[0];
        var p = Models.Select(_ => new double[issueDays.Length]).ToArray();
        if (!candidates)
        {
            return ChosenOnly(problem, issueDays, p, cancellationToken);
        }

        var covariates = new CovariateModel(problem);
        StackFit? onClimatology = null, onRegression = null;
        var shifted = new double[issueDays.Length];
        var regimeFits = new StackFit?[RegimeStacks.Length];
        bool Outcome(int j) => problem.Series.Outcome(issueDays[j], horizon);
        var aggregate = new FixedShare(AggregateMembers, issueDays, horizon, Outcome);
        for (var i = 0; i < issueDays.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = issueDays[i];
            p[0][i] = problem.Climatology(t);
            p[1][i] = problem.RecentRate(t, 30);
            p[2][i] = problem.RecentRate(t, 90);
            p[3][i] = problem.RecentRate(t, 365);
            p[4][i] = problem.Hawkes(t);
            p[Covariates][i] = covariates.Predict(t);
            p[ChangePoint][i] = problem.ChangePoint(t);
            var (rows, outcomes, rowWeights) = History(p, issueDays, i, problem);
            (p[StackedOnClimatology][i], onClimatology) = Stack(rows, outcomes, rowWeights, LogOdds(p, i), 0, onClimatology);
            (p[StackedOnRegression][i], onRegression) = Stack(rows, outcomes, rowWeights, LogOdds(p, i), Covariates, onRegression);
            p[PoolModel][i] = Pool(p, issueDays, i, problem);
            (shifted[i], _) = Recalibration.Shift(issueDays, p[PoolModel], Outcome, i, horizon);
            (p[PoolShrunk][i], _) = Recalibration.Shrink(issueDays, shifted, p[0], Outcome, i, horizon);
            p[PooledRate][i] = problem.PooledRate(t);
            p[Blend][i] = Pool(p, issueDays, i, problem, BlendMembers, 0);
            for (var k = 0; k < RegimeStacks.Length; k++)
            {
                var (model, count) = RegimeStacks[k];
                var members = RegimeMembers[..count];
                var (history, happened, rowWeights2) = History(p, issueDays, i, problem, members);
                (p[model][i], regimeFits[k]) = Stack(history, happened, rowWeights2, LogOdds(p, i, members), Array.IndexOf(members, ChangePoint), regimeFits[k]);
            }

            (p[RegimeStackPooledShift][i], _) = Recalibration.Shift(issueDays, p[RegimeStackPooled], Outcome, i, horizon);
            p[ChangePointByClass][i] = problem.ChangePointByClass(t);
            p[ChangePointRecalibrated][i] = Recalibration.Platt(issueDays, p[ChangePoint], Outcome, i, horizon).Probability;
            p[Aggregate][i] = aggregate.Forecast(p, i);
            p[AggregateRecalibrated][i] = Recalibration.Platt(issueDays, p[Aggregate], Outcome, i, horizon).Probability;
            p[ChangePointByClassRecent][i] = problem.ChangePointByClass(t, ForecastProblem.RegimeCentre.Recent);
            p[ChangePointByClassPooled][i] = problem.ChangePointByClass(t, ForecastProblem.RegimeCentre.Pooled);
            p[ChangePointAveraged][i] = problem.ChangePointAveraged(t);
            for (var m = FirstCandidate; m < Final; m++)
            {
                p[m][i] = Math.Clamp(p[m][i], Floor, 1 - Floor);
            }

            p[Final][i] = Math.Clamp(p[Chosen][i], Floor, 1 - Floor);
        }

        return new RollingForecast(problem, issueDays, p);
    }

    /// <summary>The forecast model alone (see <see cref="Run"/>): climatology and the chosen model at every issue day, the simple models on the last.</summary>
    private static RollingForecast ChosenOnly(ForecastProblem problem, int[] issueDays, double[][] p, CancellationToken cancellationToken)
    {
        foreach (var model in p)
        {
            Array.Fill(model, double.NaN);
        }

        for (var i = 0; i < issueDays.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = issueDays[i];
            p[0][i] = problem.Climatology(t);
            p[Chosen][i] = problem.ChangePointByClass(t);
            p[Final][i] = Math.Clamp(p[Chosen][i], Floor, 1 - Floor);
        }

        var last = issueDays.Length - 1;
        var day = issueDays[last];
        p[1][last] = problem.RecentRate(day, 30);
        p[2][last] = problem.RecentRate(day, 90);
        p[3][last] = problem.RecentRate(day, 365);
        p[4][last] = problem.Hawkes(day);
        p[ChangePoint][last] = problem.ChangePoint(day);
        return new RollingForecast(problem, issueDays, p);
    }

    /// <summary>
    /// <see cref="Run"/> for the forecast model as <c>forecast</c> and <c>backtest</c> use it:
    /// an event within 90 days is an event within 365 days, so the ensemble's probability at a
    /// horizon is raised to its probability at any shorter horizon of the same issue day (each
    /// also made with only what was known then). Runs are shared through the data set's cache.
    /// </summary>
    /// <remarks>With <paramref name="candidates"/> false only the forecast model is fitted (see <see cref="Run"/>).</remarks>
    public static RollingForecast RunCoherent(
        ForecastData data, ForecastTarget target, int horizon, int firstScoredDay, int lastDay, int step = 7, bool candidates = true, CancellationToken cancellationToken = default)
    {
        var run = data.Run(target, horizon, firstScoredDay, lastDay, step, candidates, () => Run(new ForecastProblem(data, target, horizon), firstScoredDay, lastDay, step, candidates, cancellationToken));
        var shorter = ForecastTarget.Horizons.Where(h => h < horizon).ToList();
        if (shorter.Count == 0)
        {
            return run;
        }

        var p = run.Probabilities.Select(x => (double[])x.Clone()).ToArray();
        var boundBy = new int[run.IssueDays.Length];
        foreach (var h in shorter)
        {
            var other = data.Run(target, h, firstScoredDay, lastDay, step, candidates, () => Run(new ForecastProblem(data, target, h), firstScoredDay, lastDay, step, candidates, cancellationToken));
            var offset = other.IssueDays.Length - run.IssueDays.Length;
            for (var i = Math.Max(0, -offset); i < run.IssueDays.Length; i++)
            {
                var q = other.Probabilities[Final][i + offset];
                if (q > p[Final][i])
                {
                    p[Final][i] = q;
                    boundBy[i] = h;
                }
            }
        }

        return new RollingForecast(run.Problem, run.IssueDays, p) { BoundByHorizon = boundBy };
    }

    /// <summary>
    /// The run up to <paramref name="lastDay"/>, one of its issue days: the same forecasts, since
    /// each depends only on the days before it. The fits of the last day (stack, covariates, pool,
    /// recalibration) are those of the full run's last day and are not kept.
    /// </summary>
    public RollingForecast Until(int lastDay)
    {
        var count = Array.IndexOf(IssueDays, lastDay) + 1;
        if (count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, "Not an issue day of this run.");
        }

        return new RollingForecast(Problem, IssueDays[..count], [.. Probabilities.Select(p => p[..count])]);
    }

    /// <summary>For each issue day, the shorter horizon whose forecast raised the ensemble's (see <see cref="RunCoherent"/>), or 0.</summary>
    public int[] BoundByHorizon { get; private init; } = [];

    /// <summary>
    /// For each issue day, what the plans announced in public said of the horizon's window (null
    /// where none was active, or before <see cref="WithPlans"/>).
    /// </summary>
    public PlanOutlook?[] PlanOutlooks { get; private init; } = [];

    /// <summary>The forecast model's probability at each issue day before the plans were added (see <see cref="WithPlans"/>).</summary>
    public double[] BeforePlans => _beforePlans ?? Probabilities[Final];

    private double[]? _beforePlans;

    /// <summary>
    /// The run with the plans announced in public (<see cref="ForecastData.Plans"/>) added to the
    /// forecast model at each issue day t, for the horizon's window t+1 .. t+horizon as known on t
    /// (docs/forecast-selection.md, "Round 3 in the fixed horizons"): each active plan that counts for
    /// the target is an independent further way for the event to come. A plan's part only grows with
    /// the window, so a longer horizon stays at or above a shorter one. The other models are plan-free.
    /// </summary>
    public RollingForecast WithPlans()
    {
        var plans = Problem.Data.Plans;
        var before = Probabilities[Final];
        var final = (double[])before.Clone();
        var outlooks = new PlanOutlook?[IssueDays.Length];
        for (var i = 0; i < IssueDays.Length; i++)
        {
            var t = IssueDays[i];
            var outlook = plans.Outlook(Problem.Target, ForecastData.DateAt(t), ForecastData.DateAt(t + 1), ForecastData.DateAt(t + Problem.Horizon));
            if (outlook.Plans.Count > 0)
            {
                final[i] = outlook.Combine(before[i]);
                outlooks[i] = outlook;
            }
        }

        var p = (double[][])Probabilities.Clone();
        p[Final] = final;
        return new RollingForecast(Problem, IssueDays, p) { BoundByHorizon = BoundByHorizon, PlanOutlooks = outlooks, _beforePlans = before };
    }

    /// <summary>The components' past forecasts whose outcomes were known by issue day i (s + H &lt;= t), the past five years, recent ones weighted more.</summary>
    private static (List<double[]> Rows, List<bool> Outcomes, List<double> Weights) History(double[][] p, int[] days, int i, ForecastProblem problem, int[]? members = null)
    {
        var t = days[i];
        var rows = new List<double[]>();
        var outcomes = new List<bool>();
        var weights = new List<double>();
        for (var j = i - 1; j >= 0 && days[j] > t - problem.Horizon - (StackingWeeks * 7); j--)
        {
            if (days[j] + problem.Horizon <= t)
            {
                rows.Add(members is null ? LogOdds(p, j) : LogOdds(p, j, members));
                outcomes.Add(problem.Series.Outcome(days[j], problem.Horizon));
                weights.Add(Math.Pow(0.5, (t - days[j]) / RecencyHalfLifeDays) * Overlap(problem.Horizon));
            }
        }

        return (rows, outcomes, weights);
    }

    /// <summary>
    /// Stacking: a logistic regression of the outcome on the components' log odds, fitted on
    /// past forecasts (see <see cref="History"/>). The prior is one component alone (weight 1 on
    /// its log odds, 0 on the others, no shift), held with a ridge penalty: another model earns
    /// weight only as far as the past shows it adds to that one. Two stacks are kept, one on
    /// climatology (cautious, the one pooled) and one on the regression (bolder, scored for comparison).
    /// </summary>
    private static (double Probability, StackFit? Fit) Stack(List<double[]> rows, List<bool> outcomes, List<double> weights, double[] current, int priorModel, StackFit? previous)
    {
        const double weightPenalty = 10;
        const double interceptPenalty = 3;
        var penalty = new double[current.Length + 1];
        var prior = new double[current.Length + 1];
        penalty[0] = interceptPenalty;
        for (var k = 1; k <= current.Length; k++)
        {
            penalty[k] = weightPenalty;
            prior[k] = k == priorModel + 1 ? 1 : 0;
        }

        if (rows.Count < 26)
        {
            return (LogisticRegression.Predict(prior, current), null);
        }

        var coefficients = LogisticRegression.Fit(rows, outcomes, penalty, prior, previous?.Coefficients, weights);
        return (LogisticRegression.Predict(coefficients, current), new StackFit(coefficients, rows.Count));
    }

    /// <summary>
    /// The pool: climatology, the stack on climatology and the change-point model pooled with exponential weights
    /// on their past Brier scores (past forecasts whose outcomes were known by t, the past five
    /// years, each counting <see cref="Overlap"/>), starting from a prior in favour of
    /// climatology. Where the stack has not beaten the base rate, for example for rare targets that
    /// have gone quiet, the weight stays with climatology; where it has, it takes over.
    /// </summary>
    private static double Pool(double[][] p, int[] days, int i, ForecastProblem problem) =>
        Pool(p, days, i, problem, Pooled, PoolPriorForClimatology);

    /// <summary>A linear pool of <paramref name="pooled"/> with exponential weights on their past Brier scores, the first member starting <paramref name="priorForFirst"/> ahead.</summary>
    private static double Pool(double[][] p, int[] days, int i, ForecastProblem problem, int[] pooled, double priorForFirst)
    {
        var t = days[i];
        var score = new double[pooled.Length];
        score[0] = priorForFirst;
        for (var j = i - 1; j >= 0 && days[j] > t - problem.Horizon - (StackingWeeks * 7); j--)
        {
            if (days[j] + problem.Horizon <= t)
            {
                var o = problem.Series.Outcome(days[j], problem.Horizon) ? 1 : 0;
                for (var m = 0; m < pooled.Length; m++)
                {
                    var error = p[pooled[m]][j] - o;
                    score[m] -= PoolLearningRate * Overlap(problem.Horizon) * error * error;
                }
            }
        }

        var best = score.Max();
        var weights = score.Select(s => Math.Exp(s - best)).ToArray();
        var total = weights.Sum();
        var probability = 0.0;
        for (var m = 0; m < pooled.Length; m++)
        {
            probability += weights[m] / total * p[pooled[m]][i];
        }

        return probability;
    }

    private static double[] LogOdds(double[][] p, int i, int[] members)
    {
        var z = new double[members.Length];
        for (var k = 0; k < members.Length; k++)
        {
            z[k] = Forecasting.LogOdds.Of(p[members[k]][i], LogisticRegression.Floor);
        }

        return z;
    }

    private static double[] LogOdds(double[][] p, int i)
    {
        var z = new double[Components];
        for (var k = 0; k < Components; k++)
        {
            z[k] = Forecasting.LogOdds.Of(p[k][i], LogisticRegression.Floor);
        }

        return z;
    }
}

/// <summary>
/// Online aggregation by fixed share (Herbster and Warmuth, 1998) of a few models' forecasts on
/// their log loss, as round 2 of docs/forecast-selection.md sets it: a linear pool whose weights
/// start equal; when a past forecast's outcome becomes known (its issue day plus the horizon is on
/// or before the current issue day, never earlier) each member's weight is multiplied by
/// exp(-rate x overlap x its log loss on it), the weights are normalised, and a share
/// <see cref="Share"/> of the total is spread evenly, so a member that lost weight can win it back
/// when the tempo changes. Members' probabilities are taken within
/// <see cref="RollingForecast.Floor"/> .. 1 - Floor, so no loss is infinite.
/// </summary>
internal sealed class FixedShare(int[] members, int[] issueDays, int horizon, Func<int, bool> outcome)
{
    /// <summary>Learning rate per independent forecast: log loss is 1-exp-concave, and rate 1 is the Bayes mixture.</summary>
    public const double Rate = 1;

    /// <summary>The share spread evenly after each update: one switch of the best member expected in five years of weekly forecasts.</summary>
    public const double Share = 1.0 / 260;

    private readonly double[] _weights = [.. members.Select(_ => 1.0 / members.Length)];
    private int _resolved;

    /// <summary>The weights in force at the last issue day forecast, in the order of the members.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>
    /// The aggregate at issue day <paramref name="i"/> (called for i = 0, 1, 2 ... in order): first
    /// learns from every earlier issue day whose outcome is known by then, then pools.
    /// </summary>
    public double Forecast(double[][] p, int i)
    {
        var overlap = RollingForecast.Overlap(horizon);
        while (_resolved < i && issueDays[_resolved] + horizon <= issueDays[i])
        {
            var happened = outcome(_resolved);
            var total = 0.0;
            for (var m = 0; m < members.Length; m++)
            {
                _weights[m] *= Math.Exp(Rate * overlap * ProperScores.Log(p[members[m]][_resolved], happened, RollingForecast.Floor));
                total += _weights[m];
            }

            for (var m = 0; m < members.Length; m++)
            {
                _weights[m] = ((1 - Share) * _weights[m] / total) + (Share / members.Length);
            }

            _resolved++;
        }

        var probability = 0.0;
        for (var m = 0; m < members.Length; m++)
        {
            probability += _weights[m] * Math.Clamp(p[members[m]][i], RollingForecast.Floor, 1 - RollingForecast.Floor);
        }

        return probability;
    }
}

/// <summary>A fitted stack: intercept, then one weight per component on the log-odds scale; and how many past forecasts it learned from.</summary>
internal sealed record StackFit(double[] Coefficients, int Rows);

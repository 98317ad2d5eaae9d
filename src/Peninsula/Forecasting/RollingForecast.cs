namespace Peninsula.Forecasting;

/// <summary>
/// Every model's forecast at weekly (or other) issue days, each made with what was known at the
/// end of its day; the ensemble at day d is fitted only on earlier issue days whose outcomes were
/// known by d. The backtest scores these; <c>forecast</c> takes the last one.
/// </summary>
internal sealed class RollingForecast
{
    /// <summary>The model <c>peninsula forecast</c> uses.</summary>
    public const string ForecastModel = "ensemble";

    /// <summary>The ensemble learns from the past five years of weekly forecasts.</summary>
    public const int StackingWeeks = 260;

    /// <summary>No issue day before 1990: the models need a few years of record first.</summary>
    public static readonly int FirstIssueDay = ForecastData.Index(new Events.KoreanDate(1990, 1, 1));

    /// <summary>The component models, in the order of <see cref="Probabilities"/>; the ensemble comes last.</summary>
    public static readonly string[] Models =
        ["climatology", "recent-rate-30d", "recent-rate-90d", "recent-rate-365d", "hawkes", "covariates", "stacked", ForecastModel];

    /// <summary>The models the stacking combines: every one before it.</summary>
    private const int Components = 6;

    private const int Covariates = 5;

    private const int Stacked = 6;

    /// <summary>How fast the final pool moves towards the better of stacking and climatology per unit of Brier score won (exponential weights).</summary>
    private const double GuardLearningRate = 20;

    /// <summary>The pool starts at odds of e^2 (88%) for climatology: a model must show skill before it is trusted.</summary>
    private const double GuardPriorLogOdds = 2;

    private const int Final = 7;

    private RollingForecast(ForecastProblem problem, int[] issueDays, double[][] probabilities, double[]? weights, int stackingRows, CovariateFit? covariates, double stackedWeight)
    {
        StackedWeight = stackedWeight;
        Problem = problem;
        IssueDays = issueDays;
        Probabilities = probabilities;
        EnsembleCoefficients = weights;
        StackingRows = stackingRows;
        LastCovariateFit = covariates;
    }

    public ForecastProblem Problem { get; }

    /// <summary>The issue days (day indices), ascending.</summary>
    public int[] IssueDays { get; }

    /// <summary>Probabilities[model][i]: each model's forecast at IssueDays[i].</summary>
    public double[][] Probabilities { get; }

    /// <summary>The ensemble's last coefficients (intercept, then one weight per component on the log-odds scale), or null when it had too little history and averaged.</summary>
    public double[]? EnsembleCoefficients { get; }

    /// <summary>How many past forecasts the last ensemble fit learned from.</summary>
    public int StackingRows { get; }

    /// <summary>The last weight of the stacked forecast against climatology in the final pool.</summary>
    public double StackedWeight { get; }

    /// <summary>The covariate model's last fit.</summary>
    public CovariateFit? LastCovariateFit { get; }

    /// <summary>
    /// Runs the models at <paramref name="lastDay"/> and every <paramref name="step"/> days before it
    /// back to <paramref name="firstScoredDay"/>, plus the earlier issue days the ensemble learns from.
    /// </summary>
    public static RollingForecast Run(ForecastProblem problem, int firstScoredDay, int lastDay, int step = 7)
    {
        var horizon = problem.Horizon;
        var warmUp = (StackingWeeks * 7) + horizon;
        var days = new List<int>();
        for (var d = lastDay; d >= Math.Max(firstScoredDay - warmUp, FirstIssueDay); d -= step)
        {
            days.Add(d);
        }

        days.Reverse();
        var issueDays = days.ToArray();
        var p = Models.Select(_ => new double[issueDays.Length]).ToArray();
        var covariates = new CovariateModel(problem);
        double[]? stacking = null;
        var stackingRows = 0;
        var stackedWeight = 0.0;
        for (var i = 0; i < issueDays.Length; i++)
        {
            var t = issueDays[i];
            p[0][i] = problem.Climatology(t);
            p[1][i] = problem.RecentRate(t, 30);
            p[2][i] = problem.RecentRate(t, 90);
            p[3][i] = problem.RecentRate(t, 365);
            p[4][i] = problem.Hawkes(t);
            p[5][i] = covariates.Predict(t);
            (p[Stacked][i], stacking, stackingRows) = Stack(p, issueDays, i, problem, stacking);
            (p[Final][i], stackedWeight) = Guard(p, issueDays, i, problem);
        }

        return new RollingForecast(problem, issueDays, p, stacking, stackingRows, covariates.Last, stackedWeight);
    }

    /// <summary>Recent forecasts count more when the ensemble learns: a forecast a year old counts half.</summary>
    public const double RecencyHalfLifeDays = 365;

    /// <summary>
    /// How much one weekly forecast counts when learning from past forecasts: forecasts a week
    /// apart with a 365-day horizon share 358 of their days, so each counts 7/365 of an
    /// independent one. Without this, long horizons look far better established than they are.
    /// </summary>
    public static double Overlap(int horizon) => Math.Min(1.0, 7.0 / horizon);

    /// <summary>
    /// Stacking: a logistic regression of the outcome on the components' log odds, fitted on the
    /// issue days before t whose outcomes were known by t (s + H &lt;= t), recent ones weighted
    /// more. The prior is the covariate model itself (weight 1 on its log odds, 0 on the others,
    /// no shift), held with a ridge penalty: another model earns weight only as far as the past
    /// shows it adds to the regression.
    /// </summary>
    private static (double Probability, double[]? Coefficients, int Rows) Stack(double[][] p, int[] days, int i, ForecastProblem problem, double[]? start)
    {
        const double weightPenalty = 10;
        const double interceptPenalty = 3;
        var t = days[i];
        var rows = new List<double[]>();
        var outcomes = new List<bool>();
        var weights = new List<double>();
        for (var j = i - 1; j >= 0 && days[j] > t - problem.Horizon - (StackingWeeks * 7); j--)
        {
            if (days[j] + problem.Horizon <= t)
            {
                rows.Add(LogOdds(p, j));
                outcomes.Add(problem.Series.Outcome(days[j], problem.Horizon));
                weights.Add(Math.Pow(0.5, (t - days[j]) / RecencyHalfLifeDays) * Overlap(problem.Horizon));
            }
        }

        var current = LogOdds(p, i);
        var penalty = new double[Components + 1];
        var prior = new double[Components + 1];
        penalty[0] = interceptPenalty;
        for (var k = 1; k <= Components; k++)
        {
            penalty[k] = weightPenalty;
            prior[k] = k == Covariates + 1 ? 1 : 0;
        }

        if (rows.Count < 26)
        {
            return (LogisticRegression.Predict(prior, current), null, rows.Count);
        }

        var coefficients = LogisticRegression.Fit(rows, outcomes, penalty, prior, start, weights);
        return (LogisticRegression.Predict(coefficients, current), coefficients, rows.Count);
    }

    /// <summary>
    /// The forecast model: the stacked forecast and climatology pooled with exponential weights
    /// on their past Brier scores (issue days whose outcomes were known by t, the past five years,
    /// each counting <see cref="Overlap"/>), starting from a prior in favour of climatology. Where
    /// stacking has not beaten the base rate, for example for rare targets that have gone quiet,
    /// the weight stays with climatology; where it has, stacking takes over.
    /// </summary>
    private static (double Probability, double StackedWeight) Guard(double[][] p, int[] days, int i, ForecastProblem problem)
    {
        var t = days[i];
        var advantage = 0.0;
        for (var j = i - 1; j >= 0 && days[j] > t - problem.Horizon - (StackingWeeks * 7); j--)
        {
            if (days[j] + problem.Horizon <= t)
            {
                var happened = problem.Series.Outcome(days[j], problem.Horizon);
                var o = happened ? 1 : 0;
                advantage += Overlap(problem.Horizon) * ((p[0][j] - o) * (p[0][j] - o) - ((p[Stacked][j] - o) * (p[Stacked][j] - o)));
            }
        }

        var weight = LogisticRegression.Sigmoid((GuardLearningRate * advantage) - GuardPriorLogOdds);
        return ((weight * p[Stacked][i]) + ((1 - weight) * p[0][i]), weight);
    }

    private static double LogScore(double p, bool happened)
    {
        var q = Math.Clamp(p, Scoring.Epsilon, 1 - Scoring.Epsilon);
        return Math.Log(happened ? q : 1 - q);
    }

    private static double[] LogOdds(double[][] p, int i)
    {
        var z = new double[Components];
        for (var k = 0; k < Components; k++)
        {
            z[k] = LogisticRegression.Logit(p[k][i]);
        }

        return z;
    }
}

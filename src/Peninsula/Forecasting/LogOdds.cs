namespace Peninsula.Forecasting;

/// <summary>
/// The log-odds scale of probabilities, in one place for the experts' aggregate, the leaderboard,
/// the benchmarks and the models' logistic regression.
/// </summary>
internal static class LogOdds
{
    /// <summary>
    /// The log-odds ln(p / (1 - p)) of <paramref name="p"/>, kept finite by clamping p to
    /// [<paramref name="floor"/>, 1 - <paramref name="floor"/>] first: each caller says how far from
    /// 0 and 1 it lets a probability go (the questions 0.001, the models 1e-4).
    /// </summary>
    public static double Of(double p, double floor)
    {
        var q = Math.Clamp(p, floor, 1 - floor);
        return Math.Log(q / (1 - q));
    }

    /// <summary>The probability whose log-odds is <paramref name="z"/> (the logistic function), without overflow for large |z|.</summary>
    public static double ToProbability(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>
    /// <paramref name="p"/> extremized by <paramref name="factor"/>: its log-odds multiplied by the
    /// factor (1 leaves it as it is, above 1 pushes it away from 50%), p clamped by <paramref name="floor"/> first.
    /// </summary>
    public static double Extremize(double p, double factor, double floor) => ToProbability(factor * Of(p, floor));
}

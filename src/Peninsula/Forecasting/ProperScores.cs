namespace Peninsula.Forecasting;

/// <summary>
/// The proper scores of one probability forecast of a yes/no outcome, in one place for the
/// questions' leaderboard and the benchmarks (<see cref="Scoring"/> gives their means over many).
/// </summary>
internal static class ProperScores
{
    /// <summary>The Brier score (p - outcome)², outcome 1 for yes and 0 for no: 0 is best, 0.25 for always 50%.</summary>
    public static double Brier(double p, bool outcome)
    {
        var d = p - (outcome ? 1 : 0);
        return d * d;
    }

    /// <summary>
    /// The log score: the natural logarithm of the probability given to what happened, p clamped to
    /// [<paramref name="floor"/>, 1 - <paramref name="floor"/>] so that one confident miss costs at
    /// most ln(1 / floor). 0 is best, ln 0.5 = -0.69 for always 50%.
    /// </summary>
    public static double Log(double p, bool outcome, double floor)
    {
        var q = Math.Clamp(p, floor, 1 - floor);
        return Math.Log(outcome ? q : 1 - q);
    }
}

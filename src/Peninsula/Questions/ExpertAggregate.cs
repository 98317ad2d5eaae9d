using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Questions;

/// <summary>
/// The experts' aggregate on a question: the mean of the log-odds of each expert's latest forecast,
/// multiplied by <see cref="Extremizing"/> and turned back into a probability. Averaging log-odds
/// rather than probabilities keeps a confident forecaster's information (Satopää et al. 2014);
/// extremizing undoes the pull towards 50% that averaging forecasters who share most of their
/// information gives (Baron et al. 2014). The model's forecasts are not part of it.
/// </summary>
public static class ExpertAggregate
{
    /// <summary>
    /// The factor the mean log-odds is multiplied by. Chosen on the resolved crowd questions in
    /// bench/questions-crowd (bench/results/questions.md): of 1, 1.25, 1.5, 2 and 2.5, the factor with the
    /// lowest leave-one-out Brier score. See that report for the figures.
    /// </summary>
    public const double Extremizing = 1.0;

    /// <summary>Probabilities are kept within [0.001, 0.999] before taking log-odds, so that one forecast of 0 or 1 does not decide the mean alone.</summary>
    public const double Floor = 0.001;

    /// <summary>The rule in one sentence, for reports.</summary>
    public static readonly string Rule = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"the mean of the experts' log-odds (each expert's latest forecast, kept within 0.1%..99.9%), multiplied by {Extremizing:0.##}");

    /// <summary>The aggregate of the experts' latest forecasts made on or before <paramref name="asOf"/>, or null when none has forecast yet.</summary>
    public static QuestionForecast? Of(string questionId, IEnumerable<QuestionForecast> forecasts, KoreanDate asOf, double extremizing = Extremizing)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var latest = forecasts
            .Where(f => f.QuestionId == questionId && !f.IsModel && f.AsOf <= asOf)
            .GroupBy(f => f.By, StringComparer.Ordinal)
            .Select(g => g.MaxBy(f => f.AsOf)!)
            .ToList();
        if (latest.Count == 0)
        {
            return null;
        }

        var mean = latest.Average(f => LogOdds.Of(f.Probability, Floor));
        return new QuestionForecast(questionId, QuestionForecast.Aggregate, latest.Max(f => f.AsOf), LogOdds.ToProbability(extremizing * mean));
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Questions;

/// <summary>
/// The experts' aggregate on a question: the mean of the log-odds of each expert's latest forecast,
/// multiplied by <see cref="Extremizing"/> when two or more experts have forecast, and turned back
/// into a probability. Averaging log-odds rather than probabilities keeps a confident forecaster's
/// information (Satopää et al. 2014); extremizing undoes the pull towards 50% that averaging
/// forecasters who share most of their information gives (Baron et al. 2014), so one expert's
/// forecast, averaged with nobody, is taken as it is. The model's forecasts are not part of it.
/// </summary>
public static class ExpertAggregate
{
    /// <summary>
    /// The factor the mean log-odds of two or more experts is multiplied by: <see cref="ChooseExtremizing"/>
    /// on every resolved crowd forecast in data/questions, all of them past by now (the
    /// questions benchmark prints that choice beside this constant, bench/results/questions.md).
    /// Each of those forecasts pools a crowd (a platform's median of many forecasters), the case
    /// extremizing is for. It was 1 until the third search brought 11 crowd questions (December 2026),
    /// then 2.5, and 2 since the three summit questions made them 14 (2 and 2.5 score 0.1392 and 0.1393).
    /// </summary>
    internal const double Extremizing = 2;

    /// <summary>The extremizing factors tried, in increasing order: 1 (none) first, so that it wins a tie.</summary>
    public static readonly IReadOnlyList<double> Factors = [1.0, 1.25, 1.5, 2.0, 2.5];

    /// <summary>Probabilities are kept within [0.001, 0.999] before taking log-odds, so that one forecast of 0 or 1 does not decide the mean alone.</summary>
    public const double Floor = 0.001;

    /// <summary>The rule in one sentence, for reports.</summary>
    public static readonly string Rule = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"the mean of the experts' log-odds (each expert's latest forecast, kept within 0.1%..99.9%), {(Extremizing == 1 ? "not extremized: on the published forecasts of past questions (peninsula questions published) extremizing scored worse" : $"extremized by {Extremizing:0.##} when two or more experts have forecast (a lone expert's forecast is taken as it is), the factor that scored best on the crowds' published forecasts of past questions (peninsula questions published)")}");

    /// <summary>
    /// The aggregate of the experts' latest forecasts that count by <paramref name="asOf"/>
    /// (<see cref="QuestionForecast.CountsFrom"/>: a forecast entered later than the day it gives
    /// counts from the day it was entered), extremized when there are two or more, or null when
    /// none has forecast yet. It is dated by the latest of them.
    /// </summary>
    public static QuestionForecast? Of(string questionId, IEnumerable<QuestionForecast> forecasts, KoreanDate asOf, double extremizing = Extremizing)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var latest = Standing(questionId, forecasts, asOf);
        if (latest.Count == 0)
        {
            return null;
        }

        var mean = latest.Average(f => LogOdds.Of(f.Probability, Floor));
        var factor = latest.Count > 1 ? extremizing : 1.0;
        return new QuestionForecast(questionId, QuestionForecast.Aggregate, latest.Max(f => f.CountsFrom), LogOdds.ToProbability(factor * mean));
    }

    /// <summary>
    /// In plain words, when the aggregate lies beyond every expert's latest forecast it was made of
    /// (as extremizing puts it when they agree in direction), that it does and why; null when it
    /// lies within them. A reader who sees 0.27% from forecasts of 3% and 8% is told it is no slip.
    /// </summary>
    public static string? Beyond(QuestionForecast aggregate, IEnumerable<QuestionForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(forecasts);
        var latest = Standing(aggregate.QuestionId, forecasts, aggregate.AsOf);
        if (latest.Count < 2)
        {
            return null;
        }

        var (low, high) = (latest.Min(f => f.Probability), latest.Max(f => f.Probability));
        var side = aggregate.Probability < low - 1e-9 ? "below" : aggregate.Probability > high + 1e-9 ? "above" : null;
        return side is null ? null :
            $"The aggregate is {side} every expert's latest forecast ({Forecasting.Forecaster.Pct(low)} to {Forecasting.Forecaster.Pct(high)}): " +
            $"extremizing by {Extremizing.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} takes forecasters who agree on a side as more sure together than each alone, which scored best on past questions.";
    }

    /// <summary>The experts' forecasts on a question an aggregate as of <paramref name="asOf"/> is made of: each expert's latest of those that count by then.</summary>
    private static List<QuestionForecast> Standing(string questionId, IEnumerable<QuestionForecast> forecasts, KoreanDate asOf) =>
        Latest(forecasts.Where(f => f.QuestionId == questionId && !f.IsModel && f.CountsFrom <= asOf));

    /// <summary>Each forecaster's latest of <paramref name="forecasts"/>: the one that counts from the latest day, of those the one dated latest.</summary>
    public static List<QuestionForecast> Latest(IEnumerable<QuestionForecast> forecasts) =>
        [.. forecasts.GroupBy(f => f.By, StringComparer.Ordinal).Select(g => g.MaxBy(f => (f.CountsFrom, f.AsOf))!)];

    /// <summary>
    /// The extremizing factor for a forecast made as of <paramref name="asOf"/>, chosen on past
    /// questions only: of <see cref="Factors"/>, the one whose extremized forecasts have the lowest
    /// mean Brier score over the <paramref name="resolved"/> forecasts whose outcome was known
    /// before that day (<c>Known</c>, the Korean date the question resolved, earlier than
    /// <paramref name="asOf"/>); 1, no extremizing, while none was.
    /// </summary>
    internal static double ChooseExtremizing(IEnumerable<(double Probability, bool Outcome, KoreanDate Known)> resolved, KoreanDate asOf)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var past = resolved.Where(r => r.Known < asOf).ToList();
        return past.Count == 0
            ? 1.0
            : Factors.MinBy(a => past.Average(r => ProperScores.Brier(LogOdds.Extremize(r.Probability, a, Floor), r.Outcome)));
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Questions;

/// <summary>
/// The model's forecasts on questions, read off the forecaster's fixed horizons through a
/// <see cref="HazardCurve"/>: as of a day D, the probability of at least one event from
/// max(D+1, opens) to closes. Questions on an event filter get none: the model forecasts only its
/// targets.
/// </summary>
public sealed class QuestionModel(IReadOnlyList<Event> record)
{
    private readonly Dictionary<(string Target, KoreanDate AsOf), HazardCurve> _curves = [];
    private readonly KoreanDate _recordEnd = BundledRecord.CoverageEndOf(record);

    /// <summary>How many curves (four fixed-horizon forecasts each) were computed: the cost of a back-fill.</summary>
    public int CurvesMade => _curves.Count;

    /// <summary>
    /// The model's forecast on <paramref name="question"/> as of <paramref name="day"/>, or null when
    /// there is none to make: a question on a filter, a window already over, or a question already
    /// resolved by then. With <paramref name="exact"/> false (a back-filled day), the models' fits are
    /// those of the latest week's start on or before the day (the step the backtest refits at), so
    /// that a month of days costs five fits, not thirty; the window is still counted from the day.
    /// Days after the record's end use the fits at the record's end, which know nothing later.
    /// </summary>
    public QuestionForecast? Forecast(Question question, KoreanDate day, bool exact = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Target is not { } target || day >= question.Closes || (question.Resolution is { Outcome: true } r && r.On <= day))
        {
            return null;
        }

        var anchor = day < _recordEnd ? day : _recordEnd;
        if (!exact && anchor == day)
        {
            anchor = anchor.AddDays(-(anchor.Date.DayNumber % 7));
        }

        if (!_curves.TryGetValue((target.Slug, anchor), out var curve))
        {
            curve = HazardCurve.Make(record, target, anchor, cancellationToken);
            _curves[(target.Slug, anchor)] = curve;
        }

        var start = question.Opens > day ? question.Opens : day.AddDays(1);
        var p = curve.Probability(start.DaysSince(anchor), question.Closes.DaysSince(anchor));
        return new QuestionForecast(question.Id, QuestionForecast.Model, day, Math.Round(p, 6));
    }

    /// <summary>
    /// The model's forecasts on <paramref name="question"/> for every day from <paramref name="from"/>
    /// to <paramref name="to"/> that it can forecast: <paramref name="to"/> exactly, the days before it
    /// back-filled (see <see cref="Forecast"/>).
    /// </summary>
    public IReadOnlyList<QuestionForecast> Days(
        Question question, KoreanDate from, KoreanDate to, Action? dayDone = null, CancellationToken cancellationToken = default)
    {
        var forecasts = new List<QuestionForecast>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (Forecast(question, day, exact: day == to, cancellationToken) is { } f)
            {
                forecasts.Add(f);
            }

            dayDone?.Invoke();
        }

        return forecasts;
    }
}

using Peninsula.Events;

namespace Peninsula.Forecasting;

/// <summary>
/// How often one target has been happening, week by week since 1985, as the forecast model's
/// change-point reading has it: the current regime's rate in event days a year (the posterior
/// median), with a 90% interval, each point using only the record up to its own date. Regimes last
/// as long on average as in the forecast's reasons: the one of one, three or ten years that the
/// target's record up to the last day weighs most, so the tempo's current regime is the one the
/// forecast names. It shows the regimes a forecast rests on (the 2018-2021 moratorium, the 2022
/// surge) and the events behind them.
/// </summary>
public static class Tempo
{
    /// <summary>
    /// The tempo of <paramref name="target"/> every <paramref name="stepDays"/> days, ending on the
    /// last day of data as of <paramref name="asOf"/>. The points start in 1985: in the record's
    /// first year the model has seen too few days for a rate to mean much.
    /// </summary>
    public static TempoSeries Of(IReadOnlyList<Event> events, ForecastTarget target, KoreanDate asOf, int stepDays = 7)
    {
        ArgumentNullException.ThrowIfNull(target);
        var data = ForecastData.Build(events, asOf);
        var last = data.Days - 1;
        if (last < ForecastProblem.FirstTrainingDay)
        {
            throw new InputException($"The tempo starts on {ForecastData.DateAt(ForecastProblem.FirstTrainingDay)}, a year into the record; {asOf} is earlier.", field: "--as-of");
        }

        var series = data.For(target);
        // One filter per regime length, which both weighs the lengths (ForecastProblem's rule,
        // ChangePointModel.MostWeighed) and reads the chosen one's regimes: none is filtered twice.
        var readings = ChangePointModel.ReadingsOfMostWeighed(
            series, last, t => t >= ForecastProblem.FirstTrainingDay && (last - t) % stepDays == 0,
            [.. ForecastProblem.RegimeYears.Select(years => 1 / (years * 365))]);
        var points = readings
            .Select(r => new TempoPoint(ForecastData.DateAt(r.Day), r.Rate * DaysPerYear, r.Low * DaysPerYear, r.High * DaysPerYear))
            .ToList();
        var matching = data.EventsOf(target).OrderBy(e => e.Date).ToList();
        return new TempoSeries(target, data.DataEnd, ForecastData.DateAt(readings[^1].Start), points, matching);
    }

    private const double DaysPerYear = 365.25;
}

/// <summary>The tempo of one target over time (see <see cref="Tempo"/>).</summary>
/// <param name="Target">The target.</param>
/// <param name="DataUntil">The last Korean date of data.</param>
/// <param name="RegimeStart">The first day of the current regime (the median of the model's estimate on <paramref name="DataUntil"/>).</param>
/// <param name="Points">One point per step, oldest first, the last on <paramref name="DataUntil"/>.</param>
/// <param name="Events">The target's events behind the series, oldest first.</param>
public sealed record TempoSeries(ForecastTarget Target, KoreanDate DataUntil, KoreanDate RegimeStart, IReadOnlyList<TempoPoint> Points, IReadOnlyList<Event> Events);

/// <summary>The current regime's rate on one date, in event days a year: the posterior median and a 90% interval.</summary>
public sealed record TempoPoint(KoreanDate Date, double PerYear, double Low, double High);

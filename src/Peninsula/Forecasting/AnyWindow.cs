using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Forecasting;

/// <summary>
/// The probability of at least one event in any window of days, read off the forecaster's fixed
/// horizons (7, 30, 90 and 365 days) so that it agrees with them exactly at those horizons.
/// <para>
/// Each fixed-horizon probability p is turned into a cumulative hazard H = -ln(1 - p), the
/// expected number of events in a process that gives that probability of at least one. Between
/// horizons H is interpolated linearly in days (from H = 0 at day 0); beyond 365 days it grows at
/// the 365-day forecast's average rate (H(d) = H(365) d / 365), the rule that assumes the coming
/// year's tempo continues. H is made non-decreasing before that (a horizon whose hazard is below a
/// shorter one's takes the shorter one's), so a longer window never has a lower probability.
/// </para>
/// </summary>
public sealed class HazardCurve
{
    /// <summary>The longest window asked for: two years (731 days covers a leap year).</summary>
    public const int MaxDays = 731;

    // A probability of 1 would be an infinite hazard; the models never give one, but a hand-made curve might.
    private const double MaxProbability = 1 - 1e-9;

    private readonly int[] _days;
    private readonly double[] _hazards;

    /// <summary>Builds the curve from the probability at each horizon (days ahead, probability 0 to 1).</summary>
    public HazardCurve(ForecastTarget target, KoreanDate asOf, KoreanDate dataUntil, IReadOnlyList<(int Days, double Probability)> horizons)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        if (horizons.Count == 0)
        {
            throw new ArgumentException("A hazard curve needs at least one horizon.", nameof(horizons));
        }

        Target = target;
        AsOf = asOf;
        DataUntil = dataUntil;
        var sorted = horizons.OrderBy(h => h.Days).ToList();
        _days = [0, .. sorted.Select(h => h.Days)];
        _hazards = new double[_days.Length];
        for (var i = 1; i < _days.Length; i++)
        {
            var p = Math.Clamp(sorted[i - 1].Probability, 0, MaxProbability);
            _hazards[i] = Math.Max(_hazards[i - 1], -Math.Log(1 - p));
        }
    }

    /// <summary>What the curve forecasts.</summary>
    public ForecastTarget Target { get; }

    /// <summary>The Korean date it is made as of: day 1 of every window is the day after.</summary>
    public KoreanDate AsOf { get; }

    /// <summary>The last Korean date whose events the models knew.</summary>
    public KoreanDate DataUntil { get; }

    /// <summary>The fixed horizons' forecasts (one target, as of one date) as a curve of the model's probabilities before the plans announced in public.</summary>
    public static HazardCurve From(IReadOnlyList<Forecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var first = forecasts[0];
        // The model's own probabilities: a window adds the plans over its own days (WindowForecast.WithPlans).
        return new HazardCurve(first.Target, first.AsOf, first.DataUntil, [.. forecasts.Select(f => (f.HorizonDays, f.ModelProbability))]);
    }

    /// <summary>Makes the fixed-horizon forecasts of one target as of a date and returns their curve.</summary>
    public static HazardCurve Make(IReadOnlyList<Event> events, ForecastTarget target, KoreanDate asOf, CancellationToken cancellationToken = default) =>
        From(Forecaster.Make(events, [target], ForecastTarget.Horizons, asOf, cancellationToken));

    /// <summary>
    /// The curve of one target as of <paramref name="asOf"/> made on <paramref name="data"/> built to
    /// that date or later (see <see cref="Forecaster.ProbabilitiesAt"/>): the same curve as
    /// <see cref="Make(IReadOnlyList{Event}, ForecastTarget, KoreanDate, CancellationToken)"/>, its
    /// data known until <paramref name="asOf"/>.
    /// </summary>
    internal static HazardCurve Make(ForecastData data, ForecastTarget target, KoreanDate asOf, CancellationToken cancellationToken = default) =>
        new(target, asOf, asOf, Forecaster.ProbabilitiesAt(data, target, ForecastTarget.Horizons, asOf, cancellationToken));

    /// <summary>The expected number of event days in the first <paramref name="days"/> days after <see cref="AsOf"/> (0 for 0 days or fewer).</summary>
    public double Hazard(int days)
    {
        if (days <= 0)
        {
            return 0;
        }

        var last = _days.Length - 1;
        if (days >= _days[last])
        {
            return _hazards[last] * days / _days[last];
        }

        var i = 1;
        while (_days[i] < days)
        {
            i++;
        }

        var share = (double)(days - _days[i - 1]) / (_days[i] - _days[i - 1]);
        return _hazards[i - 1] + (share * (_hazards[i] - _hazards[i - 1]));
    }

    /// <summary>The probability of at least one event in the first <paramref name="days"/> days after <see cref="AsOf"/>.</summary>
    public double Probability(int days) => 1 - Math.Exp(-Hazard(days));

    /// <summary>
    /// The probability of at least one event from day <paramref name="fromDay"/> to day
    /// <paramref name="toDay"/> after <see cref="AsOf"/> (both counted from 1, inclusive), when none
    /// is known before: the hazard between them.
    /// </summary>
    public double Probability(int fromDay, int toDay) =>
        toDay < Math.Max(fromDay, 1) ? 0 : 1 - Math.Exp(-(Hazard(toDay) - Hazard(Math.Max(fromDay, 1) - 1)));
}

/// <summary>
/// A forecast for a window of any length: at least one event from <see cref="Start"/> (the day after
/// <see cref="AsOf"/> unless a later day is asked) to <see cref="Until"/>. A window that starts later
/// is the hazard between its days, so it never has a higher probability than the window to the same
/// end from the day after <see cref="AsOf"/>.
/// </summary>
/// <param name="Target">What is forecast.</param>
/// <param name="AsOf">The Korean date it is made as of.</param>
/// <param name="Until">The last Korean date of the window.</param>
/// <param name="DataUntil">The last Korean date whose events the models knew.</param>
/// <param name="Probability">The probability, 0 to 1.</param>
/// <param name="Horizons">The fixed horizons' probabilities before plans (the model's) it was read from, by days.</param>
/// <param name="Start">The first Korean date of the window; null for the day after <paramref name="AsOf"/>.</param>
public sealed record WindowForecast(
    ForecastTarget Target, KoreanDate AsOf, KoreanDate Until, KoreanDate DataUntil, double Probability, IReadOnlyList<(int Days, double Probability)> Horizons, KoreanDate? Start = null)
{
    /// <summary>The first Korean date of the window: the day after <see cref="AsOf"/> unless a later one was asked.</summary>
    public KoreanDate First => Start ?? AsOf.AddDays(1);

    /// <summary>The model's probability alone, read off the fixed horizons; <see cref="Probability"/> adds the active plans to it.</summary>
    public double ModelProbability { get; init; } = Probability;

    /// <summary>The plans announced in public, active by the as-of date, that count for the target (none when not read or none active).</summary>
    public IReadOnlyList<PlanInWindow> Plans { get; init; } = [];

    /// <summary>
    /// The window's forecast with the plans announced in public (a summit agreed with a time frame, a
    /// notified satellite-launch window: <see cref="AnnouncedPlans"/>, docs/forecast-selection.md
    /// "Round 3") that are active by the as-of date and count for the target, each an independent
    /// further way for the event to come, as the questions' model reads them, so that a window and a
    /// question on the same target and days get the same forecast; at a fixed horizon's days it is
    /// that horizon's forecast, which reads the plans the same way (<see cref="RollingForecast.WithPlans"/>).
    /// </summary>
    public WindowForecast WithPlans(PlansOnRecord plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var known = AsOf < DataUntil ? AsOf : DataUntil;
        var outlook = plans.Outlook(Target, known, First, Until);
        return outlook.Plans.Count == 0
            ? this
            : this with { Probability = Math.Round(outlook.Combine(ModelProbability), 6), Plans = outlook.Plans };
    }

    /// <summary>Days in the window: <see cref="First"/> .. <see cref="Until"/>, both counted.</summary>
    public int Days => Until.DaysSince(First) + 1;

    /// <summary>How the window's probability is read off the fixed horizons, in one sentence.</summary>
    public const string Rule =
        "Read off the 7, 30, 90 and 365-day forecasts: their cumulative hazards -ln(1-p) are joined by straight lines (non-decreasing), and beyond 365 days the hazard grows at the 365-day forecast's average daily rate; a window that starts later gets the hazard between its first and last day.";

    /// <summary>
    /// The probability of at least one event of <paramref name="target"/> from <paramref name="from"/>
    /// (default <paramref name="asOf"/>+1) to <paramref name="until"/>. A window that does not fit
    /// (see <see cref="CheckWindow(KoreanDate, KoreanDate, KoreanDate?, string, string)"/>) is an
    /// <see cref="InputException"/> naming the option at fault.
    /// </summary>
    public static WindowForecast Make(
        IReadOnlyList<Event> events, ForecastTarget target, KoreanDate asOf, KoreanDate until, KoreanDate? from = null, CancellationToken cancellationToken = default)
    {
        CheckWindow(asOf, until, from);
        return From(Forecaster.Make(events, [target], ForecastTarget.Horizons, asOf, cancellationToken), until, from);
    }

    /// <summary>
    /// The window from <paramref name="from"/> (default the day after the forecasts' date) to
    /// <paramref name="until"/> read off one target's fixed-horizon forecasts, all made as of one
    /// date: the one place a window forecast is put together, for the command and the API alike.
    /// </summary>
    /// <remarks>
    /// Past the record's end the fixed horizons are the outlook as it stood at the record's end, for
    /// the days after that end (see <see cref="Forecaster.Make(IReadOnlyList{Event}, IEnumerable{ForecastTarget}, IEnumerable{int}, KoreanDate, CancellationToken)"/>):
    /// the window is then read as the days it covers counted from the record's end, as the questions'
    /// model reads it (<c>QuestionModel</c>), not as the first days of that outlook.
    /// </remarks>
    public static WindowForecast From(IReadOnlyList<Forecast> forecasts, KoreanDate until, KoreanDate? from = null)
    {
        var curve = HazardCurve.From(forecasts);
        var unseen = Math.Max(0, curve.AsOf.DaysSince(curve.DataUntil));
        var first = from ?? curve.AsOf.AddDays(1);
        return new WindowForecast(curve.Target, curve.AsOf, until, curve.DataUntil, curve.Probability(unseen + first.DaysSince(curve.AsOf), unseen + until.DaysSince(curve.AsOf)),
            [.. forecasts.Select(f => (f.HorizonDays, f.ModelProbability))], from);
    }

    /// <summary>
    /// The window's days counted from the record's end when it is forecast past that end (the first
    /// and last, 1 being the day after the record's end), else null: the days of the record's outlook
    /// its probability is read from.
    /// </summary>
    public (int First, int Last)? DaysAfterRecordEnd =>
        AsOf > DataUntil ? (First.DaysSince(DataUntil), Until.DaysSince(DataUntil)) : null;

    /// <summary>The window's days counted from the day after <see cref="AsOf"/> (1 being that day) when it starts later, else null.</summary>
    public (int First, int Last)? DaysAfterAsOf =>
        Start is { } start && start > AsOf.AddDays(1) ? (start.DaysSince(AsOf), Until.DaysSince(AsOf)) : null;

    /// <summary>Refuses a window that ends on or before its as-of date or more than two years after it.</summary>
    public static void CheckWindow(KoreanDate asOf, KoreanDate until, string field = "--until") => CheckWindow(asOf, until, null, field);

    /// <summary>The last day a window forecast as of <paramref name="asOf"/> may reach: two years after it.</summary>
    public static KoreanDate LatestEnd(KoreanDate asOf) => new(asOf.Date.AddYears(2));

    /// <summary>
    /// Refuses a window that does not fit, naming the option at fault: a start
    /// (<paramref name="from"/>) on or before <paramref name="asOf"/> (those days are known, not
    /// forecast), an end before the start or on or before <paramref name="asOf"/>, or an end more
    /// than two years after <paramref name="asOf"/>.
    /// </summary>
    public static void CheckWindow(KoreanDate asOf, KoreanDate until, KoreanDate? from, string field = "--until", string fromField = "--from")
    {
        if (from is { } start && start <= asOf)
        {
            throw new InputException(
                $"the window must start after the date it is forecast as of: {start} is not after {asOf}, so its first day would already be known. Start it on {asOf.AddDays(1)} or later, or leave out {fromField}.",
                field: fromField);
        }

        if (from is { } first && until < first)
        {
            throw new InputException($"the window must end on or after its first day: {until} is before {first}.", field: field);
        }

        if (until <= asOf)
        {
            throw new InputException($"the window must end after the date it is forecast as of: {until} is not after {asOf}.", field: field);
        }

        var latest = LatestEnd(asOf);
        if (until > latest)
        {
            throw new InputException($"a window can reach at most two years ahead: {until} is after {latest}, two years after {asOf}.", field: field);
        }
    }

    /// <summary>The JSON form: target, as_of, from, until, days, data_until, probability, the days of the outlook it reads past the record's end, and the horizons it was read from.</summary>
    public object ToDocument() => new
    {
        target = Target.Slug,
        as_of = AsOf.ToString(),
        from = First.ToString(),
        until = Until.ToString(),
        days = Days,
        data_until = DataUntil.ToString(),
        probability = Math.Round(Probability, 5),
        model_probability = Math.Round(ModelProbability, 5),
        rule = Rule,
        days_after_record_end = DaysAfterRecordEnd is { } d ? new { first = d.First, last = d.Last } : null,
        horizons = Horizons.Select(h => new { horizon_days = h.Days, probability = Math.Round(h.Probability, 5) }),
        plans = Plans.Select(ForecastDocuments.Plan),
    };

    /// <summary>One line for people: "an ICBM launch from 2026-12-07 to 2026-12-31 (25 days): 12.3%".</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Target.Description} from {First} to {Until} ({KoreanDate.Days(Days)}): {Forecaster.Pct(Probability)}");
}

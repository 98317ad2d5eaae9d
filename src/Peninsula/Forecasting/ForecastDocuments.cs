namespace Peninsula.Forecasting;

/// <summary>The JSON forms of forecasts and backtests, shared by the CLI and the web API (snake_case, probabilities to 5 places).</summary>
public static class ForecastDocuments
{
    /// <summary>
    /// One forecast: <c>{"target","horizon_days","as_of","probability","model","explanation":[...]}</c>, plus the
    /// last day of data it used, the first and last Korean dates it covers (the days after the record's end when that is before as_of), the base rate, the factors (base_rate plus their effects is the probability) and each model's own probability.
    /// </summary>
    public static object Forecast(Forecast f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new
        {
            target = f.Target.Slug,
            horizon_days = f.HorizonDays,
            as_of = f.AsOf.ToString(),
            data_until = f.DataUntil.ToString(),
            first_day = f.FirstDay.ToString(),
            last_day = f.LastDay.ToString(),
            probability = Math.Round(f.Probability, 5),
            base_rate = Math.Round(f.BaseRate, 5),
            model = f.Model,
            explanation = f.Explanation,
            factors = f.Factors.Zip(RoundedEffects(f)).Select(x => new { factor = x.First.Name, effect = x.Second }),
            models = f.Components.ToDictionary(c => c.Key, c => Math.Round(c.Value, 5)),
            model_probability = Math.Round(f.ModelProbability, 5),
            plans = f.Plans.Select(Plan),
        };
    }

    /// <summary>
    /// One active plan's part in a forecast: <c>{"id","kind","title","announced","frame_from","frame_to",
    /// "source_url","kept","resolved","kept_share","in_window","probability","note"}</c>.
    /// </summary>
    public static object Plan(PlanInWindow p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new
        {
            id = p.Plan.Id,
            kind = p.Plan.Kind,
            title = p.Plan.Title,
            announced = p.Plan.Announced.ToString(),
            frame_from = p.Plan.FrameFrom.ToString(),
            frame_to = p.Plan.FrameTo.ToString(),
            source_url = p.Plan.SourceUrl,
            kept = p.Kept,
            resolved = p.Resolved,
            kept_share = Math.Round(p.KeptShare, 5),
            in_window = Math.Round(p.InWindow, 5),
            probability = Math.Round(p.Probability, 5),
            note = p.Describe(),
        };
    }

    /// <summary>
    /// The factors' effects to 5 places such that the base rate plus them is the probability, both
    /// to 5 places, exactly: each is the difference of the running totals rounded before and after
    /// its step (rounded one by one, 10 of 28 forecasts as of 2025-06-30 missed by 0.00001 or 0.00002).
    /// </summary>
    internal static IReadOnlyList<double> RoundedEffects(Forecast f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var effects = new double[f.Factors.Count];
        var level = f.BaseRate;
        var before = Math.Round(level, 5);
        for (var k = 0; k < effects.Length; k++)
        {
            level = k == effects.Length - 1 ? f.Probability : level + f.Factors[k].Effect;
            var after = Math.Round(level, 5);
            effects[k] = Math.Round(after - before, 5);
            before = after;
        }

        return effects;
    }

    /// <summary>
    /// A backtest as JSON: per model <c>{"model","n","brier","log_loss","bss","bss_low","bss_high","ece","reliability":[...]}</c>,
    /// <c>forecast_model</c>, the model that <c>forecast</c> uses, and <c>against_best_reference</c>:
    /// <c>{"model","brier_difference","low","high","verdict"}</c>, the forecast model's Brier minus the best of
    /// climatology, the 365-day rate and Hawkes, with a 95% block-bootstrap interval and what it says.
    /// </summary>
    public static object Backtest(BacktestResult r) => new
    {
        target = r.Target.Slug,
        horizon_days = r.HorizonDays,
        from = r.FirstIssue.ToString(),
        to = r.LastIssue.ToString(),
        step_days = r.StepDays,
        data_until = r.DataEnd.ToString(),
        forecasts = r.Scores[0].N,
        happened = r.Positives,
        forecast_model = r.ForecastModel,
        bootstrap_block = r.BootstrapBlock,
        against_best_reference = Comparison(r.AgainstBestReference()),
        models = r.Scores.Select(s => new
        {
            model = s.Model,
            n = s.N,
            brier = Round(s.Brier),
            log_loss = Round(s.LogLoss),
            bss = Round(s.Bss),
            bss_low = Round(s.BssLow),
            bss_high = Round(s.BssHigh),
            ece = Round(s.Ece),
            sharpness = Round(s.Sharpness),
            reliability = s.Reliability.Select(b => new
            {
                bin_low = b.Low,
                bin_high = b.High,
                n = b.Count,
                mean_forecast = Round(b.MeanForecast),
                observed = Round(b.Observed),
            }),
        }),
    };

    private static object Comparison(ReferenceComparison c) =>
        new { model = c.Reference, brier_difference = Round(c.Difference), low = Round(c.Low), high = Round(c.High), verdict = c.Verdict };

    private static double? Round(double x) => double.IsFinite(x) ? Math.Round(x, 5) : null;

    /// <summary>
    /// The tempo of one target as JSON: <c>{"target","description","data_until","regime_start","unit","points":[{"date","per_year","low","high"}],"events":[{"id","date","title"}]}</c>.
    /// </summary>
    public static object Tempo(TempoSeries t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new
        {
            target = t.Target.Slug,
            description = t.Target.Description,
            data_until = t.DataUntil.ToString(),
            regime_start = t.RegimeStart.ToString(),
            unit = "event days a year: the posterior median (per_year) and its 90% interval (low, high)",
            points = t.Points.Select(p => new { date = p.Date.ToString(), per_year = Math.Round(p.PerYear, 3), low = Math.Round(p.Low, 3), high = Math.Round(p.High, 3) }),
            events = t.Events.Select(e => new { id = e.Id, date = e.Date.ToString(), title = e.Title }),
        };
    }
}

using System.Globalization;
using Microsoft.Extensions.Primitives;
using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Reading;
using Peninsula.Record;
using Peninsula.Reports;
using Peninsula.Timing;

namespace Peninsula.Web.Api;

/// <summary>
/// The analyses over HTTP: counts, timing tests, forecasts with their backtests, and the fact-check.
/// Each is the library's own computation, kept in <see cref="RecordCache"/> until the record changes.
/// </summary>
internal static class AnalysisEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/freshness", FreshnessAsync).WithTags("Statistics").WithName("Freshness")
            .WithSummary("How current the record is: today in Korea, the record's latest North Korean action, the record's end (that, or the end of the bundled record if later), how many days old that is, and whether it is stale (more than 30 days), when pages say 'data as of' the record's end.");
        app.MapGet("/api/stats", StatsAsync).WithTags("Statistics").WithName("Statistics")
            .WithSummary("Counts of events by year, month, kind, class, system or site (by=), optionally split by a second dimension (then=), with the event filters.")
            .Takes([DimensionParameter("by", "What to count by.") with { Default = "year" }, DimensionParameter("then", "A second dimension to split each count by."), .. ApiContract.EventFilters]);
        app.MapGet("/api/timing/questions", () => Results.Ok(TimingQuestions.All.Select(TimingDocument.Question)))
            .WithTags("Timing").WithName("TimingQuestions").WithSummary("The ready-made timing questions.");
        app.MapGet("/api/timing", TimingAsync).WithTags("Timing").WithName("Timing")
            .WithSummary("Whether provocations fall at the time of context events more often than chance (a permutation test).")
            .Takes(
                new("context", ParameterType.Text, "A ready-made question (GET /api/timing/questions), 'all', or a filter of context events such as kind=summit; repeat for several, whose p-values are then adjusted (Benjamini-Hochberg).") { Required = true, Repeatable = true },
                new("provocations", ParameterType.Text, "A filter of the provocations to time (default: the question's own; for a filter, ballistic launches)."),
                new("window", ParameterType.Text, "Days before and after each context event that count as 'at the time', e.g. -3..3 (default: the question's own; for a filter, -3..3)."),
                new("permutations", ParameterType.Integer, string.Create(CultureInfo.InvariantCulture, $"Random placements the test compares with ({TimingAnalysis.MinPermutations} to {Limits.MaxPermutations}).")) { Default = "10000" },
                new("seed", ParameterType.Integer, "The random seed: the same seed gives the same p-value.") { Default = "1" });
        app.MapGet("/api/forecasts", ForecastsAsync).WithTags("Forecasts").WithName("Forecasts")
            .WithSummary("The probability of each target within each horizon, as of a Korean date (default today), with the reasons.")
            .WithDescription("Past the record's end (data_until) the models know nothing later, and a forecast made now would read the unrecorded days as quiet: the horizons are then the outlook as it stood at the record's end, for the days that followed it (the first reason says so). /api/forecasts/window, which names calendar days, counts them from the record's end instead (its days_after_record_end), so the two differ there; as of a date within the record they agree.")
            .Takes(TargetParameter("One target (default: every target)."), HorizonParameter("One horizon in days (default: every horizon)."), AsOf)
            .Answers(StatusCodes.Status304NotModified, "The forecasts have not changed since the ETag sent in If-None-Match.");
        app.MapGet("/api/forecasts/tempo", TempoAsync).WithTags("Forecasts").WithName("Tempo")
            .WithSummary("How often one target has been happening, week by week since 1985, as the change-point model reads it (event days a year, the median and a 90% interval), with the events behind it.")
            .Takes(TargetParameter("The target.") with { Default = ForecastTarget.AnyMissile.Slug }, AsOf);
        app.MapGet("/api/backtest", BacktestAsync).WithTags("Forecasts").WithName("Backtest")
            .WithSummary("How each model would have done on past weekly issue dates: Brier score, log loss, skill against climatology with its interval, reliability.")
            .Takes(
                TargetParameter("The target.") with { Default = ForecastTarget.AnyMissile.Slug },
                HorizonParameter("The horizon in days.") with { Default = "7" },
                new("step", ParameterType.Integer, string.Create(CultureInfo.InvariantCulture, $"Days between issue dates (1 to 365); over the web a backtest has at most {Limits.MaxBacktestIssues} issue dates.")) { Default = "7" },
                new("from", ParameterType.Date, "The first issue date, a Korean date.") { Default = ForecastReport.DefaultFrom.ToString() },
                new("to", ParameterType.Date, "The latest issue date, a Korean date (default: the record's end); only issue dates whose outcome the record holds (the date plus the horizon, by the record's end) are scored."));
        app.MapPost("/api/check", CheckAsync).WithTags("Fact-check").WithName("Check")
            .WithSummary("Checks an article's claims against the record. Send the text as text/plain (published=YYYY-MM-DD in the query anchors relative dates).")
            .Takes(
                new("published", ParameterType.Date, "The article's publication date, a Korean date: it anchors 'last week', 'on Tuesday' and dates without a year."),
                new("clock", ParameterType.Text, "Whose calendar the writer's dates are on: korea (Korea's or Japan's own texts) or behind (a US or European outlet, or not known; then a date a day off never refutes on its own).") { Values = WriterClocks.Names, Default = "behind" })
            .Reads("The article's text.", ("text/plain", "In April 2020 the country conducted its sixth nuclear test."))
            .RequireRateLimiting(Limits.CheckPolicy);
    }

    private static Parameter AsOf { get; } =
        new("as_of", ParameterType.Date, "The Korean date the forecast is made as of, from 1990-01-01 to today (default today): the models know only the record up to it.");

    private static Parameter TargetParameter(string description) =>
        new("target", ParameterType.Text, description) { Values = ApiContract.Targets };

    private static Parameter HorizonParameter(string description) =>
        new("horizon", ParameterType.Integer, description) { Values = ApiContract.Horizons };

    private static Parameter DimensionParameter(string name, string description) =>
        new(name, ParameterType.Text, description) { Values = [.. Enum.GetValues<StatisticsDimension>().Select(Slug)] };

    private static async Task<IResult> FreshnessAsync(RecordCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var freshness = RecordFreshness.Of(await cache.EventsAsync(version, cancellationToken).ConfigureAwait(false), KoreanDate.Today(clock));
        return Results.Ok(new
        {
            today = freshness.Today.ToString(),
            latest_event = freshness.LatestEvent?.ToString(),
            record_end = freshness.RecordEnd?.ToString(),
            days_old = freshness.DaysOld,
            stale = freshness.IsStale,
            stale_after_days = RecordFreshness.StaleAfterDays,
            counted_to = freshness.CountedTo.ToString(),
            time_zone = "Asia/Seoul (UTC+9)",
        });
    }

    private static async Task<IResult> StatsAsync(HttpContext http, RecordCache cache, StorePool pool, CancellationToken cancellationToken)
    {
        var request = http.Request.Query;
        var by = Dimension(request["by"], "by") ?? StatisticsDimension.Year;
        var then = Dimension(request["then"], "then");
        var query = EventEndpoints.Filter(request);
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await cache.GetAsync<object>("stats:" + http.Request.QueryString.Value, version, async token =>
        {
            IReadOnlyList<Event> events;
            using (var lease = pool.Rent())
            {
                events = await lease.Store.ListAsync(query, token).ConfigureAwait(false);
            }

            return then is { } second
                ? EventStatistics.Crosstab(events, by, second).Select(c => new { key = c.Key, group = (string?)c.Group, events = c.Events, missiles_fired = c.MissilesFired, launches_uncounted = c.LaunchesUncounted }).ToList()
                : EventStatistics.Count(events, by).Select(r => new { key = r.Key, group = (string?)null, events = r.Events, missiles_fired = r.MissilesFired, launches_uncounted = r.LaunchesUncounted }).ToList();
        }, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { by = Slug(by), then = then is { } t ? Slug(t) : null, rows = rows.Value });
    }

    private static async Task<IResult> TimingAsync(HttpContext http, RecordCache cache, StorePool pool, AnalysisBudget budget, CancellationToken cancellationToken)
    {
        var request = http.Request.Query;
        var window = request["window"].FirstOrDefault() is { Length: > 0 } w ? TimingWindow.Parse(w) : (TimingWindow?)null;
        var questions = TimingQuestions.Resolve(QueryValues.Many(request["context"]), request["provocations"].FirstOrDefault(), window, "context");
        var options = new TimingOptions
        {
            Permutations = QueryValues.Integer(request["permutations"], "permutations", 10_000, TimingAnalysis.MinPermutations, Limits.MaxPermutations),
            Seed = QueryValues.Integer(request["seed"], "seed", 1, 0, int.MaxValue),
        };
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var document = await cache.GetAsync("timing:" + http.Request.QueryString.Value, version, token => budget.RunAsync<object>(
            t =>
            {
                var results = new List<TimingResult>();
                using var lease = pool.Rent();
                foreach (var question in questions)
                {
                    results.Add(TimingAnalysis.RunAsync(lease.Store, question, options, t).GetAwaiter().GetResult());
                }

                return results.Count == 1
                    ? TimingDocument.From(results[0])
                    : new { Adjustment = "benjamini-hochberg", Results = TimingAnalysis.AdjustForMultipleQuestions(results).Select(TimingDocument.From).ToList() };
            },
            token), cancellationToken, () => budget.Charge(http), keepPrevious: true).ConfigureAwait(false);
        return Results.Ok(document.Value);
    }

    private static async Task<IResult> ForecastsAsync(
        HttpContext http, RecordCache cache, AnalysisBudget budget, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var request = http.Request.Query;
        var target = request["target"].FirstOrDefault() is { Length: > 0 } slug ? ForecastTarget.Parse(slug, "target") : null;
        int? horizon = request["horizon"].FirstOrDefault() is { Length: > 0 } ? Horizon(request["horizon"], 0) : null;
        var asOf = QueryValues.Date(request["as_of"], "as_of") ?? KoreanDate.Today(clock);
        Forecaster.CheckAsOf(asOf, KoreanDate.Today(clock), "as_of");
        // The same forecasts are asked for again and again (the overview, the forecast page): their
        // JSON is kept with them, under an ETag of the record's change count and the question.
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var key = string.Create(CultureInfo.InvariantCulture, $"forecasts-json:{asOf}:{target?.Slug}:{horizon}");
        string Tag(long v) => string.Create(CultureInfo.InvariantCulture, $"\"{v}-{asOf}-{target?.Slug}-{horizon}\"");
        if (http.Request.Headers.IfNoneMatch.Contains(Tag(version)))
        {
            http.Response.Headers.ETag = Tag(version);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // After a write the forecasts of the record before it are served until the new ones are
        // ready; the ETag says which record the answer is of.
        var body = await cache.GetAsync(key, version, async token =>
        {
            var forecasts = await cache.ForecastsAsync(asOf, target, horizon, version, budget.RunAsync, token).ConfigureAwait(false);
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(forecasts.Select(ForecastDocuments.Forecast), json.Value.SerializerOptions);
        }, cancellationToken, () => budget.Charge(http), keepPrevious: true).ConfigureAwait(false);
        http.Response.Headers.ETag = Tag(body.Version);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(body.Value, "application/json");
    }

    private static async Task<IResult> TempoAsync(HttpContext http, RecordCache cache, AnalysisBudget budget, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = http.Request.Query;
        var target = ForecastTarget.Parse(request["target"].FirstOrDefault() ?? ForecastTarget.AnyMissile.Slug, "target");
        var asOf = QueryValues.Date(request["as_of"], "as_of") ?? KoreanDate.Today(clock);
        Forecaster.CheckAsOf(asOf, KoreanDate.Today(clock), "as_of");
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var document = await cache.GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"tempo:{target.Slug}:{asOf}"),
            version,
            async token =>
            {
                var events = await cache.EventsAsync(version, token).ConfigureAwait(false);
                return await budget.RunAsync(_ => ForecastDocuments.Tempo(Tempo.Of(events, target, asOf)), token).ConfigureAwait(false);
            },
            cancellationToken,
            () => budget.Charge(http),
            keepPrevious: true).ConfigureAwait(false);
        return Results.Ok(document.Value);
    }

    private static async Task<IResult> BacktestAsync(HttpContext http, RecordCache cache, AnalysisBudget budget, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = http.Request.Query;
        var target = ForecastTarget.Parse(request["target"].FirstOrDefault() ?? ForecastTarget.AnyMissile.Slug, "target");
        var horizon = Horizon(request["horizon"], 7);
        var step = QueryValues.Integer(request["step"], "step", 7, 1, 365);
        var from = QueryValues.Date(request["from"], "from") ?? ForecastReport.DefaultFrom;
        var askedTo = QueryValues.Date(request["to"], "to");
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var events = await cache.EventsAsync(version, cancellationToken).ConfigureAwait(false);
        var today = KoreanDate.Today(clock);
        if (from > today)
        {
            throw new InputException($"from {from} is after today ({today} in Korea): a backtest scores forecasts whose outcome is known.", field: "from");
        }

        if (askedTo > today)
        {
            throw new InputException($"to {askedTo} is after today ({today} in Korea): a backtest scores forecasts whose outcome is known.", field: "to");
        }

        var to = askedTo ?? BundledRecord.CoverageEndOf(events);
        if (askedTo is null && from > to)
        {
            throw new InputException($"from {from} is after the record's end ({to}), the last issue date a backtest can have.", field: "from");
        }

        Forecaster.CheckAsOf(to, today, "to");
        var issues = to.DaysSince(from) / step;
        if (issues > Limits.MaxBacktestIssues)
        {
            var least = (int)Math.Ceiling((double)to.DaysSince(from) / Limits.MaxBacktestIssues);
            throw new InputException(
                $"a backtest over the web covers at most {Limits.MaxBacktestIssues} issue dates; from {from} to {to} that needs a step of at least {least} days (or a shorter span; the CLI's peninsula backtest has no such limit).",
                field: "step");
        }

        var document = await cache.BacktestAsync(target, horizon, from, to, step, version, budget.RunAsync, cancellationToken, () => budget.Charge(http), keepPrevious: true).ConfigureAwait(false);
        return Results.Ok(document);
    }

    private static async Task<IResult> CheckAsync(HttpContext http, RecordCache cache, CancellationToken cancellationToken)
    {
        var published = QueryValues.Date(http.Request.Query["published"], "published");
        var clock = WriterClocks.Parse(http.Request.Query["clock"].FirstOrDefault(), "clock");
        var body = await RequestBody.ReadAsync(http.Request, Limits.MaxCheckBodyBytes, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(body, writable: false);
        var text = ArticleInput.Read(stream, "the article");
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var checker = (await cache.GetAsync("checker", version, async token => new ArticleChecker(await cache.EventsAsync(version, token).ConfigureAwait(false)), cancellationToken)
            .ConfigureAwait(false)).Value;
        var check = await Task.Run(() => checker.Check(text, published, clock), cancellationToken).ConfigureAwait(false);
        return Results.Text(ArticleCheckReport.Json(check), "application/json");
    }

    /// <summary>A forecast horizon from the query (<paramref name="fallback"/> when not given); anything else names the valid ones.</summary>
    private static int Horizon(StringValues values, int fallback)
    {
        var text = values.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? ForecastTarget.ParseHorizon(days, "horizon")
            : throw new InputException($"'{text}' is not a forecast horizon. Valid horizons (days): {string.Join(", ", ForecastTarget.Horizons)}.", field: "horizon");
    }

    private static StatisticsDimension? Dimension(StringValues values, string name)
    {
        var text = values.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Enum.TryParse<StatisticsDimension>(text, ignoreCase: true, out var dimension) && Enum.IsDefined(dimension) && !int.TryParse(text, out _)
            ? dimension
            : throw new InputException($"{name} must be one of {string.Join(", ", Enum.GetValues<StatisticsDimension>().Select(Slug))}, not '{text}'.", field: name);
    }

    private static string Slug(StatisticsDimension d) => d.ToString().ToLowerInvariant();

}

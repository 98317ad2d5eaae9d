using System.Globalization;
using System.Text.Json;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Web.Api;

/// <summary>
/// Forecasts for any window, and forecasting questions over HTTP: the same library calls as
/// <c>peninsula forecast --until</c> and <c>peninsula questions</c>. Writes need an API key.
/// </summary>
internal static class QuestionEndpoints
{
    /// <summary>The largest question file a POST may send (JSON, as questions export writes it).</summary>
    public const int MaxImportBytes = 4 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/forecasts/window", WindowAsync).WithTags("Forecasts").WithName("WindowForecast")
            .WithSummary("The probability of at least one event of a target from the day after as_of (or from a later Korean date, from) to until (Korean dates, at most two years ahead), read off the fixed horizons' forecasts.")
            .WithDescription("Past the record's end (data_until) the window's days are counted from the record's end (days_after_record_end): the outlook as it stood then, for those very days, beyond a year at the 365-day forecast's average daily rate. /api/forecasts as of such a date gives the outlook for the days right after the record's end instead; as of a date within the record the two agree.")
            .Takes(
                new Parameter("target", ParameterType.Text, "The target.") { Required = true, Values = ApiContract.Targets },
                new Parameter("until", ParameterType.Date, "The window's last Korean date, at most two years after as_of.") { Required = true },
                new Parameter("as_of", ParameterType.Date, "The Korean date the forecast is made as of, from 1990-01-01 to today (default today)."),
                new Parameter("from", ParameterType.Date, "The window's first Korean date, when later than the day after as_of."));

        var questions = app.MapGroup("/api/questions").WithTags("Questions");
        questions.MapGet("/", ListAsync).WithName("ListQuestions")
            .WithSummary("Every question with its status (open, yes, no), the model's latest forecast and the experts' aggregate.");
        questions.MapGet("/leaderboard", LeaderboardAsync).WithName("QuestionLeaderboard")
            .WithSummary("Brier and log scores of the model, each expert and the experts' aggregate on the resolved questions, averaged over the days each forecast stood.");
        questions.MapGet("/published", PublishedAsync).WithName("PublishedForecasts")
            .WithSummary("The model against real forecasts published on past questions (crowds and a statistical signal, each with its source): per forecast the question, the published probability and date, the model's probability as of that date, the outcome with the resolving event, and both Brier scores; totals per forecast and per question. Computed from the record.");
        questions.MapGet("/export", ExportAsync).WithName("ExportQuestions")
            .WithSummary("Every question with its forecasts, as JSON (format=json, the default) or CSV (format=csv), for questions import.")
            .Takes(Format("The file's form."));
        questions.MapGet("/{id}", ShowAsync).WithName("GetQuestion")
            .WithSummary("One question: its window, resolution with the resolving event, every forecast on it and the aggregate.");

        var writes = questions.Writes();
        writes.MapPost("/", AddAsync).WithName("AddQuestion").Fields(QuestionFields)
            .WithSummary("Adds a question: {\"title\", \"target\" or \"filter\", \"opens\" (default tomorrow), \"closes\", \"id\", \"url\"}; records the model's forecast as of today. Needs an API key.")
            .Reads(
                "The question: a title, a target or an event filter (as in 'peninsula events list'), the window's Korean dates (opens defaults to tomorrow), and optionally an id (else made from the title) and the address it was asked at.",
                ("application/json", """{"title": "Will North Korea launch an ICBM before the end of 2027?", "target": "icbm", "closes": "2027-12-31"}"""))
            .Answers(StatusCodes.Status201Created, "The question as added, resolved from the record, with the model's forecast; its address in Location.")
            .Answers(StatusCodes.Status409Conflict, "There is already a question with this id.");
        writes.MapPost("/{id}/forecasts", ForecastAsync).WithName("AddQuestionForecast").Fields(ForecastFields)
            .WithSummary("Records an expert's forecast: {\"by\", \"probability\" (0 to 1), \"as_of\" (default today)}. Needs an API key.")
            .Reads(
                "Who forecast, the probability (a number from 0 to 1, or a text such as \"25%\") and the Korean date it was made (default today).",
                ("application/json", """{"by": "Jane Analyst", "probability": 0.25, "as_of": "2026-11-20"}"""))
            .Answers(StatusCodes.Status409Conflict, "The forecaster's forecast for that day is scored (the question resolved, and it counts from before the answer): it stays as it is.");
        writes.MapDelete("/{id}/forecasts", WithdrawAsync).WithName("WithdrawQuestionForecasts")
            .WithSummary("Withdraws a forecaster's forecasts on a question (by=NAME; as_of=YYYY-MM-DD takes only that day's). Only what is not scored can go: forecasts on an open question, and those entered after the answer was known; a withdrawn forecast is kept in the store, marked so, and no longer shown or scored; the export carries the withdrawal, so that a store that imported the forecast withdraws it too. Needs an API key.")
            .Takes(
                new Parameter("by", ParameterType.Text, "The forecaster's name, as entered.") { Required = true },
                new Parameter("as_of", ParameterType.Date, "Only the forecast as of this Korean date (default: every forecast of theirs on the question)."))
            .Answers(StatusCodes.Status404NotFound, "There is no such question, or the forecaster has no forecast on it (that day).")
            .Answers(StatusCodes.Status409Conflict, "The forecast is scored (the question resolved, and it counts from before the answer), or it changed meanwhile.");
        writes.MapPost("/update", UpdateAsync).WithName("UpdateQuestions")
            .WithSummary("Resolves every question from the record and records the model's forecasts up to today (from=YYYY-MM-DD back-fills from that Korean date; question=ID takes one question). Needs an API key.")
            .Takes(
                new Parameter("from", ParameterType.Date, "Back-fill the model's forecasts from this Korean date (default: the day after each question's last one)."),
                new Parameter("question", ParameterType.Text, "One question's id (default: every question)."))
            .Answers(StatusCodes.Status404NotFound, "There is no question with that id.");
        writes.MapPost("/import", ImportAsync).WithName("ImportQuestions")
            .WithSummary("Imports a question file (JSON or CSV as export writes them: format=csv or Content-Type text/csv for CSV) in one transaction; a bad value is a 400 naming line and field, and nothing is written. Needs an API key.")
            .Takes(
                Format("The body's form (default: CSV when sent as text/csv, else JSON)."),
                new Parameter("dry_run", ParameterType.Flag, "Check the file and say what would change, writing nothing.") { Default = "false" })
            .Reads(
                "A question file as GET /api/questions/export writes it (docs/json-format.md, \"Questions\").",
                ("application/json", """[{"id": "icbm-2027", "title": "Will North Korea launch an ICBM in 2027?", "target": "icbm", "opens": "2027-01-01", "closes": "2027-12-31", "forecasts": [{"by": "Jane Analyst", "as_of": "2026-11-20", "probability": 0.4}]}]"""),
                ("text/csv", "question,title,target,filter,opens,closes,question_url,resolution,resolved_on,resolving_event,by,as_of,probability,forecast_url\nicbm-2027,Will North Korea launch an ICBM in 2027?,icbm,,2027-01-01,2027-12-31,,,,,Jane Analyst,2026-11-20,0.4,\n"));
    }

    private static Parameter Format(string description) =>
        new("format", ParameterType.Text, description) { Values = ["json", "csv"] };

    private static async Task<IResult> WindowAsync(HttpContext http, RecordCache cache, AnalysisBudget budget, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = http.Request.Query;
        var target = request["target"].FirstOrDefault() is { Length: > 0 } slug
            ? ForecastTarget.Parse(slug, "target")
            : throw new InputException($"give the target as target=..., one of {string.Join(", ", ForecastTarget.All.Select(t => t.Slug))}.", field: "target");
        var asOf = QueryValues.Date(request["as_of"], "as_of") ?? KoreanDate.Today(clock);
        Forecaster.CheckAsOf(asOf, KoreanDate.Today(clock), "as_of");
        var until = QueryValues.Date(request["until"], "until") ?? throw new InputException("give the window's last Korean date as until=YYYY-MM-DD.", field: "until");
        var from = QueryValues.Date(request["from"], "from");
        WindowForecast.CheckWindow(asOf, until, from, "until", "from");
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        // A window as of a new date costs the client from its analysis budget, as a forecast does;
        // another window as of the same date is read off the same forecasts, at no cost.
        // Kept once, under the forecasts' own key, which the forecast endpoints share.
        var forecasts = await cache.ForecastsAsync(asOf, target, null, version, budget.RunAsync, cancellationToken, () => budget.Charge(http), keepPrevious: true).ConfigureAwait(false);
        var events = await cache.EventsAsync(version, cancellationToken).ConfigureAwait(false);
        return Results.Ok(WindowForecast.From(forecasts, until, from).WithPlans(AnnouncedPlans.Bundled.On(events)).ToDocument());
    }

    private static async Task<IResult> ListAsync(StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        var (questions, forecasts) = await new QuestionBook(lease.Store).AllAsync(cancellationToken).ConfigureAwait(false);
        var today = KoreanDate.Today(clock);
        return Results.Ok(new { aggregate_rule = ExpertAggregate.Rule, questions = QuestionStanding.All(questions, forecasts, today).Select(QuestionDocuments.Summary) });
    }

    private static async Task<IResult> ShowAsync(string id, StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        var details = await new QuestionBook(lease.Store).ShowAsync(id, KoreanDate.Today(clock), cancellationToken).ConfigureAwait(false);
        return Results.Ok(QuestionDocuments.Details(details));
    }

    private static async Task<IResult> LeaderboardAsync(StorePool pool, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        return Results.Ok(QuestionDocuments.Leaderboard(await new QuestionBook(lease.Store).LeaderboardAsync(cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<IResult> PublishedAsync(HttpContext http, RecordCache cache, AnalysisBudget budget, CancellationToken cancellationToken)
    {
        // One computation per change of the record (the warm-up makes the first); a client that
        // starts a new one pays for it from its analysis budget, as for a backtest.
        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(await cache.PublishedAsync(version, budget.RunAsync, cancellationToken, () => budget.Charge(http), keepPrevious: true).ConfigureAwait(false));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        var format = (http.Request.Query["format"].FirstOrDefault() ?? "json").Trim().ToLowerInvariant();
        if (format is not ("json" or "csv"))
        {
            throw new InputException($"format must be json or csv, not '{format}'.", field: "format");
        }

        using var lease = pool.Rent();
        var (questions, forecasts) = await new QuestionBook(lease.Store).ExportAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        if (format == "csv")
        {
            QuestionFiles.WriteCsv(questions, forecasts, text);
            return Results.Text(text.ToString(), "text/csv; charset=utf-8");
        }

        QuestionFiles.WriteJson(questions, forecasts, text);
        return Results.Text(text.ToString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> AddAsync(HttpContext http, StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var body = await JsonBodyAsync(http, QuestionFields, "a question", cancellationToken).ConfigureAwait(false);
        var root = body.RootElement;
        var today = KoreanDate.Today(clock);
        var title = Text(root, "title") ?? throw new InputException("a question needs a title.", field: "title");
        var question = new Question(
            Text(root, "id") ?? Question.IdFrom(title),
            title,
            Text(root, "target") is { } slug ? ForecastTarget.Parse(slug, "target") : null,
            Text(root, "filter"),
            KoreanDate.ParseInput(Text(root, "opens"), "opens") ?? today.AddDays(1),
            KoreanDate.ParseInput(Text(root, "closes"), "closes") ?? throw new InputException("give the window's last Korean date as \"closes\": \"YYYY-MM-DD\".", field: "closes"),
            Text(root, "url"),
            null);
        using var lease = pool.Rent();
        var details = await new QuestionBook(lease.Store).AddAsync(question, today, cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/questions/{details.Question.Id}", QuestionDocuments.Details(details));
    }

    private static async Task<IResult> ForecastAsync(string id, HttpContext http, StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var body = await JsonBodyAsync(http, ForecastFields, "a forecast", cancellationToken).ConfigureAwait(false);
        var root = body.RootElement;
        // A number or a text ("25%"), read by the same rule as the CLI's --probability.
        var p = QuestionForecast.ParseProbability(Text(root, "probability"));
        var asOf = QuestionForecast.CheckMadeBy(KoreanDate.ParseInput(Text(root, "as_of"), "as_of") ?? KoreanDate.Today(clock), KoreanDate.Today(clock));
        using var lease = pool.Rent();
        var entry = await new QuestionBook(lease.Store).ForecastAsync(id, Text(root, "by") ?? "", p, asOf, Text(root, "url"), cancellationToken: cancellationToken).ConfigureAwait(false);
        var f = entry.Forecast;
        return Results.Ok(new
        {
            question = id,
            by = f.By,
            as_of = asOf.ToString(),
            probability = p,
            url = f.Url,
            entered = f.Entered,
            counts_from = f.CountsFrom.ToString(),
            note = entry.WhenItCounts("url"),
            added = entry.Saved.Forecasts.Added,
            replaced = entry.Saved.Forecasts.Updated,
        });
    }

    private static async Task<IResult> WithdrawAsync(string id, HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        var by = http.Request.Query["by"].FirstOrDefault() ?? throw new InputException("give the forecaster whose forecasts are to be withdrawn as by=NAME.", field: "by");
        var asOf = QueryValues.Date(http.Request.Query["as_of"], "as_of");
        using var lease = pool.Rent();
        var withdrawal = await new QuestionBook(lease.Store).WithdrawAsync(id, by, asOf, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.Ok(new
        {
            question = withdrawal.Question.Id,
            by = withdrawal.Forecasts[0].By,
            withdrawn = withdrawal.Forecasts.Select(f => new { as_of = f.AsOf.ToString(), probability = f.Probability, url = f.Url, entered = f.Entered }),
            note = withdrawal.Describe(),
        });
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        // As the CLI's questions update: from= back-fills the model's forecasts from a Korean date, question= takes one question.
        var today = KoreanDate.Today(clock);
        var from = QueryValues.Date(http.Request.Query["from"], "from");
        if (from > today)
        {
            throw new InputException($"from {from} is after today ({today} in Korea).", field: "from");
        }

        var only = http.Request.Query["question"].FirstOrDefault() is { Length: > 0 } one ? one : null;
        using var lease = pool.Rent();
        var summary = await new QuestionBook(lease.Store).UpdateAsync(today, from, only, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.Ok(new
        {
            as_of = today.ToString(),
            record_end = summary.RecordEnd.ToString(),
            model_forecasts_added = summary.ModelForecasts.Added + summary.ModelForecasts.Updated,
            model_forecasts_unchanged = summary.ModelForecasts.Unchanged,
            questions = summary.Questions.Select(q => new { id = q.Id, status = q.Resolution?.Word ?? "open", resolving_event = q.Resolution?.EventId }),
        });
    }

    private static async Task<IResult> ImportAsync(HttpContext http, StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadAsync(http.Request, MaxImportBytes, cancellationToken).ConfigureAwait(false);
        // The two forms export writes: CSV when asked for (format=csv) or sent as text/csv, JSON otherwise.
        var format = http.Request.Query["format"].FirstOrDefault()?.Trim().ToLowerInvariant()
            ?? (http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "json");
        var contents = format switch
        {
            "json" => QuestionFiles.ReadJson(bytes, "the request body"),
            "csv" => QuestionFiles.ReadCsv(new StringReader(System.Text.Encoding.UTF8.GetString(bytes)), "the request body"),
            _ => throw new InputException($"format must be json or csv, not '{format}'.", field: "format"),
        };
        var dryRun = QueryValues.Flag(http.Request.Query["dry_run"], "dry_run");
        using var lease = pool.Rent();
        var result = await new QuestionBook(lease.Store).ImportAsync(contents, KoreanDate.Today(clock), dryRun, cancellationToken).ConfigureAwait(false);
        var s = result.Saved;
        return Results.Ok(new
        {
            dry_run = dryRun,
            questions = new { added = s.Questions.Added, updated = s.Questions.Updated, unchanged = s.Questions.Unchanged },
            forecasts = new { added = s.Forecasts.Added, updated = s.Forecasts.Updated, unchanged = s.Forecasts.Unchanged, withdrawn = s.Withdrawn },
            // Which questions were added and which changed, with what changed (in a dry run, would be).
            questions_added = result.QuestionsAdded,
            questions_changed = result.QuestionsChanged,
            resolutions_differing = result.Disagreements,
            // An expert's forecast made once the answer was known, or with no day of the window left, or changing a scored one, is not taken; the rest is.
            forecasts_not_taken = result.NotTaken,
            // A stored forecast the file gives another value for: the file's replaces it (in a dry run, would).
            forecasts_replaced = result.Replaced,
            // A stored forecast the file says was withdrawn where it was exported: withdrawn here too (in a dry run, would be).
            forecasts_withdrawn = result.Withdrawn,
            // The file's model forecasts are never taken as they stand: this store's model speaks for those days.
            model_forecasts = new
            {
                in_file = result.Model.InFile,
                made_here = result.Model.Made,
                kept = result.Model.Kept,
                not_made = result.Model.NotMade,
                differing = result.Model.Differing,
                note = result.Model.Describe(),
            },
        });
    }

    /// <summary>The fields of a question a POST sends: the only ones it takes, and what the document lists.</summary>
    private static readonly BodyFields QuestionFields = new(
    [
        new("title", ParameterType.Text, "The question, as a person would ask it.") { Required = true },
        new("target", ParameterType.Text, "The forecast target it asks about; or give filter.") { Values = ApiContract.Targets },
        new("filter", ParameterType.Text, "An event filter as 'peninsula events list' takes it (e.g. \"kind=summit class=us-dprk\"); or give target."),
        new("opens", ParameterType.Date, "The window's first Korean date (default tomorrow)."),
        new("closes", ParameterType.Date, "The window's last Korean date.") { Required = true },
        new("id", ParameterType.Text, "1 to 80 lower-case letters, digits and hyphens (default: made from the title)."),
        new("url", ParameterType.Text, "Where the question was first asked (http or https), if anywhere."),
    ]);

    /// <summary>The fields of an expert's forecast a POST sends.</summary>
    private static readonly BodyFields ForecastFields = new(
    [
        new("by", ParameterType.Text, "The forecaster's name (not 'model' nor 'aggregate').") { Required = true },
        new("probability", ParameterType.Number, "The probability that it resolves yes: a number from 0 to 1, or a text such as \"25%\".") { Required = true },
        new("as_of", ParameterType.Date, "The Korean date the forecast was made (default today). A forecast entered after that day counts from the day it is entered, unless url gives where it was published."),
        new("url", ParameterType.Text, "Where the forecast was published (http or https), if it was: it is then scored as of as_of, the day its publication gives."),
    ]);

    /// <summary>
    /// The body as one JSON object whose fields are among <paramref name="fields"/>: another
    /// content type is a 415, and a body that is not JSON, a field not taken (a misspelt "open" is
    /// not silently left out) or one given twice is a 400 that says so in plain words.
    /// </summary>
    private static async Task<JsonDocument> JsonBodyAsync(HttpContext http, BodyFields fields, string what, CancellationToken cancellationToken)
    {
        RequestBody.RequireJson(http.Request, what);
        var bytes = await RequestBody.ReadAsync(http.Request, Limits.MaxEventBodyBytes, cancellationToken).ConfigureAwait(false);
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            throw new InputException($"the body is empty: send {what} as a JSON object.", "the request body");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new InputException(
                string.Create(CultureInfo.InvariantCulture, $"the body is not JSON: it breaks off or goes wrong at character {(ex.BytePositionInLine ?? 0) + 1} of the line (a missing quote or comma, a trailing comma, or a value such as NaN that JSON does not have)."),
                "the request body", (ex.LineNumber ?? 0) + 1);
        }

        try
        {
            fields.Check(document.RootElement, what);
        }
        catch (InputException)
        {
            document.Dispose();
            throw;
        }

        return document;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Null => null,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new InputException($"'{name}' must be a number or text, not {value.ValueKind.ToString().ToLowerInvariant()}.", "the request body", field: name),
        }
        : null;
}

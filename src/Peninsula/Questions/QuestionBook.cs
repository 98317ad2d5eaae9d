using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;
using Peninsula.Storage;

namespace Peninsula.Questions;

/// <summary>
/// What the CLI and the web API do with questions, once: add, forecast, update (the model's daily
/// forecasts and the resolutions), import. Every write is one transaction of the store.
/// </summary>
public sealed class QuestionBook(IEventStore store)
{
    private readonly IQuestionStore _questions = store.Questions();

    /// <summary>One question with its forecasts, the experts' aggregate today and the event that resolved it.</summary>
    public sealed record Details(Question Question, IReadOnlyList<QuestionForecast> Forecasts, QuestionForecast? Aggregate, Event? ResolvingEvent, KoreanDate RecordEnd)
    {
        /// <summary>The Korean date it is shown as of: its model and aggregate stand as a list of the questions shows them that day.</summary>
        public KoreanDate Today { get; init; } = RecordEnd;

        /// <summary>What to know about the model's forecast just made on a question on a filter (see <see cref="QuestionModel.Note"/>), or null.</summary>
        public string? ModelNote { get; init; }

        /// <summary>Each forecaster's score on the question over the days its forecasts stood, the aggregate's first (<see cref="Leaderboard.Scored"/>); empty while it is open.</summary>
        public IReadOnlyList<QuestionScore> Scores => Leaderboard.Scored([Question], Forecasts);
    }

    /// <summary>
    /// Adds a question: refuses an id already taken, resolves it from the record and records the
    /// model's forecast as of <paramref name="today"/> (a Korean date) when it is still open.
    /// </summary>
    public async Task<Details> AddAsync(Question question, KoreanDate today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        question.Validated();
        if ((await _questions.QuestionsAsync(cancellationToken).ConfigureAwait(false)).Any(q => q.Id == question.Id))
        {
            throw new InputException($"there is already a question '{question.Id}': give the new one another id.", field: "id") { Conflict = true };
        }

        var record = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
        var byFilter = await QuestionResolver.FilterEventsAsync(store, [question], cancellationToken).ConfigureAwait(false);
        var resolved = QuestionResolver.Resolve(record, [question], byFilter)[0];
        var questionModel = new QuestionModel(record, byFilter);
        var model = questionModel.Forecast(resolved, today, exact: true, cancellationToken);
        IReadOnlyList<QuestionForecast> forecasts = model is null ? [] : [model];
        // Inserted only if the id is still free: a question another writer added meanwhile is not replaced.
        var saved = await _questions.SaveQuestionsAsync([resolved], forecasts, cancellationToken: cancellationToken, asRead: new Dictionary<string, Question?> { [question.Id] = null })
            .ConfigureAwait(false);
        if (saved.ChangedSinceRead.Count > 0)
        {
            throw new InputException($"there is already a question '{question.Id}' (added a moment ago): give the new one another id.", field: "id") { Conflict = true };
        }

        // What ShowAsync would read back is in hand: a new question has only the model's forecast,
        // so no expert's to aggregate (the aggregate is null, as ShowAsync gives it for a question
        // no expert has forecast), and its resolving event and the record's end come from the
        // record just read.
        var resolving = resolved.Resolution?.EventId is { } eventId ? record.FirstOrDefault(e => e.Id == eventId) : null;
        return new Details(resolved, forecasts, Aggregate: null, resolving, BundledRecord.CoverageEndOf(record)) { ModelNote = questionModel.Note(resolved, today), Today = today };
    }

    /// <summary>
    /// Records an expert's forecast, published at <paramref name="url"/> if it was; the question
    /// must exist, and <c>model</c> is the model's name, not an expert's. A bad value is an
    /// <see cref="InputException"/> whose field is named by <paramref name="fieldName"/> (the CLI's
    /// <c>--as-of</c>, the API's <c>as_of</c>). Returns what was saved and the forecast as the
    /// store now holds it, with the time it was entered.
    /// </summary>
    public async Task<ForecastEntry> ForecastAsync(
        string questionId, string by, double probability, KoreanDate asOf, string? url = null, Func<string, string>? fieldName = null, CancellationToken cancellationToken = default)
    {
        var field = fieldName ?? (name => name);
        if (double.IsNaN(probability) || probability is < 0 or > 1)
        {
            throw new InputException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{probability} is not a probability: give a number from 0 to 1 (0.25 for 25%)."), field: field("probability"));
        }

        var name = QuestionForecast.CheckName(by, field: field("by"));
        if (string.Equals(name, QuestionForecast.Model, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException($"'{QuestionForecast.Model}' is the name of Peninsula's model, whose forecasts only Peninsula records (questions update, or POST /api/questions/update): give the forecaster's own name.", field: field("by"));
        }

        var question = await FindAsync(questionId, cancellationToken).ConfigureAwait(false);
        if (question.WhyNoForecastAsOf(asOf) is { } why)
        {
            throw new InputException(why, field: field("as_of"));
        }

        var held = await _questions.QuestionForecastsAsync(null, cancellationToken).ConfigureAwait(false);
        QuestionForecast.CheckSpelledAsKnown(name, held.Select(f => f.By).Distinct(), field: field("by"));

        var forecast = Wrap(() => new QuestionForecast(question.Id, name, asOf, probability, string.IsNullOrWhiteSpace(url) ? null : url.Trim()).Validated(), field);
        // A new probability for a day that is scored would rewrite the score with the answer known.
        if (WouldReplace(ExpertsHeld(held.Where(f => f.QuestionId == question.Id)), forecast) is { } same && question.WhyScoredStays(same) is { } stays)
        {
            throw new InputException(stays, field: field("probability")) { Conflict = true };
        }

        var saved = await _questions.SaveQuestionsAsync([], [forecast], cancellationToken: cancellationToken).ConfigureAwait(false);
        var stored = (await _questions.QuestionForecastsAsync(question.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.By == name && f.AsOf == asOf) ?? forecast;
        return new ForecastEntry(saved, question, stored);
    }

    /// <summary>
    /// Withdraws a forecaster's forecasts on a question: all of them, or only the one as of
    /// <paramref name="asOf"/>. Only what the leaderboard does not score can be withdrawn: any
    /// forecast on a question still open, and one entered after the answer was known. A scored
    /// forecast stays, so that a poor score cannot be erased after the answer. The store keeps a
    /// withdrawn forecast, marked so, and reads it no more: it leaves the question's forecasts, the
    /// aggregate, the leaderboard and the export. The model's forecasts are Peninsula's record of
    /// what it said, and are not withdrawn. Bad or missing values are <see cref="InputException"/>s
    /// naming the field as <paramref name="fieldName"/> gives it.
    /// </summary>
    public async Task<Withdrawal> WithdrawAsync(
        string questionId, string by, KoreanDate? asOf = null, Func<string, string>? fieldName = null, CancellationToken cancellationToken = default)
    {
        var field = fieldName ?? (name => name);
        var name = QuestionForecast.CheckName(by, field: field("by"));
        if (string.Equals(name, QuestionForecast.Model, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException($"'{QuestionForecast.Model}' is Peninsula's model, whose forecasts are the record of what it said on each day: they are not withdrawn. Give the forecaster whose forecast is to go.", field: field("by"));
        }

        // The question as the record now answers it: a forecast on a question the record has just settled is scored.
        var question = await FindAsync(questionId, cancellationToken).ConfigureAwait(false);
        var onQuestion = await _questions.QuestionForecastsAsync(question.Id, cancellationToken).ConfigureAwait(false);
        var theirs = onQuestion.Where(f => f.By == name).ToList();
        if (theirs.Count == 0)
        {
            var names = onQuestion.Select(f => f.By).Where(b => b != QuestionForecast.Model).Distinct().ToList();
            var near = names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? (Spelling.Closest(name, names, 1) is [var closest] ? closest : null);
            throw new InputException(
                $"'{name}' has no forecast on '{question.Id}'.{(near is null ? "" : $" Did you mean '{near}'?")} " +
                (names.Count == 0 ? "No one has forecast on it yet." : $"Its forecasters: {string.Join(", ", names.Select(n => $"'{n}'"))}."),
                field: field("by"))
            { NotFound = true };
        }

        var chosen = asOf is { } day ? theirs.Where(f => f.AsOf == day).ToList() : theirs;
        if (chosen.Count == 0)
        {
            throw new InputException(
                $"{name} has no forecast on '{question.Id}' as of {asOf}; theirs are as of {string.Join(", ", theirs.Select(f => f.AsOf.ToString()))} (Korean dates).",
                field: field("as_of"))
            { NotFound = true };
        }

        if (chosen.Select(question.WhyScoredStays).FirstOrDefault(why => why is not null) is { } stays)
        {
            throw new InputException(
                stays + " Only forecasts on open questions, and those entered after the answer, can be withdrawn.",
                field: field(asOf is null ? "by" : "as_of"))
            { Conflict = true };
        }

        if (await _questions.WithdrawForecastsAsync(chosen, cancellationToken).ConfigureAwait(false) != chosen.Count)
        {
            throw new InputException(
                $"{name}'s forecasts on '{question.Id}' changed while they were being withdrawn (another writer replaced or withdrew one); nothing was withdrawn. Look at them again (questions show) and repeat.",
                field: field("by"))
            { Conflict = true };
        }

        return new Withdrawal(question, chosen);
    }

    // A forecast's field as the host names it (the CLI's --url for url).
    private static T Wrap<T>(Func<T> make, Func<string, string> field)
    {
        try
        {
            return make();
        }
        catch (InputException ex) when (ex.Field is { } name && ex.File is null)
        {
            throw new InputException(ex.Reason, field: field(name));
        }
    }

    /// <summary>
    /// Brings every question up to date as of <paramref name="today"/>: resolves it from the record,
    /// and records the model's forecast on each open question (on a target or a filter) for today and every day
    /// since its last one (or since <paramref name="from"/> when given), the days before today
    /// back-filled cheaply (see <see cref="QuestionModel.Forecast"/>). <paramref name="progress"/>
    /// hears the days forecast so far and how many there are in all.
    /// </summary>
    public async Task<UpdateSummary> UpdateAsync(
        KoreanDate today, KoreanDate? from = null, string? onlyId = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        if (from is { } first)
        {
            ForecastData.RequireForecastable(first, "--from");
        }

        var record = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
        // The resolutions that changed are saved with the model's forecasts, in one transaction.
        var (questions, _, asRead, byFilter) = await QuestionResolver.ResolveStoredAsync(store, record, null, cancellationToken).ConfigureAwait(false);
        var all = questions;
        if (onlyId is not null)
        {
            questions = [.. questions.Where(q => q.Id == onlyId)];
            if (questions.Count == 0)
            {
                throw NoSuchQuestion(onlyId, all.Select(q => q.Id));
            }
        }

        var existing = await _questions.QuestionForecastsAsync(null, cancellationToken).ConfigureAwait(false);
        var lastModelDay = existing.Where(f => f.IsModel).GroupBy(f => f.QuestionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(f => f.AsOf), StringComparer.Ordinal);
        var model = new QuestionModel(record, byFilter);
        var recorded = new List<QuestionForecast>();
        var spans = questions
            .Select(q => (Question: q, Start: from ?? (lastModelDay.TryGetValue(q.Id, out var last) ? last.AddDays(1) : today)))
            .ToList();
        var total = spans.Sum(s => Math.Max(0, today.DaysSince(s.Start) + 1));
        var done = 0;
        foreach (var (q, start) in spans)
        {
            recorded.AddRange(model.Days(q, start, today, () => progress?.Report((++done, total)), cancellationToken));
        }

        // A question that 'questions import' (or another writer) changed while the forecasts were
        // made keeps its new version, and the forecasts made on the old one are not recorded; the
        // next update resolves and forecasts it as it now stands. Every question read goes to the
        // save, so that it can tell for those with forecasts too.
        var saved = await _questions.SaveQuestionsAsync(all, recorded, cancellationToken: cancellationToken, asRead: asRead).ConfigureAwait(false);
        return new UpdateSummary(questions, saved.Forecasts, model.CurvesMade, BundledRecord.CoverageEndOf(record)) { ChangedMeanwhile = saved.ChangedSinceRead };
    }

    /// <summary>
    /// Imports a file's questions and forecasts in one transaction, each question resolved from the
    /// record; importing the same file twice changes nothing. The model's forecasts are not taken
    /// from the file: only this store's model speaks as <c>model</c>, so that a file cannot put words
    /// in its mouth (nor another record's or version's). For each day the file gives the model a
    /// forecast, this store keeps its own if it has one and otherwise makes it here, on its own
    /// record, as <see cref="UpdateAsync"/> back-fills a day. Returns what was saved, the questions
    /// whose resolution in the file differs from the record's, and how the file's model forecasts
    /// compare with this store's.
    /// </summary>
    public async Task<ImportResult> ImportAsync(QuestionFiles.Contents contents, KoreanDate today, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var record = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
        var byFilter = await QuestionResolver.FilterEventsAsync(store, contents.Questions, cancellationToken).ConfigureAwait(false);
        var resolved = QuestionResolver.Resolve(record, contents.Questions, byFilter);
        var stored = await _questions.QuestionForecastsAsync(null, cancellationToken).ConfigureAwait(false);
        var storedQuestions = (await _questions.QuestionsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(q => q.Id, StringComparer.Ordinal);
        RefuseRedefinitions(contents, storedQuestions, stored);
        RefuseNamesSpelledApart(contents, stored);
        RefuseFutureForecasts(contents, today);
        // The rows the exporting store had withdrawn are withdrawals to carry out here, not forecasts to take.
        var withdrawnInFile = contents.Forecasts.Where(f => f.Withdrawn is not null).ToList();
        contents = contents with { Forecasts = [.. contents.Forecasts.Where(f => f.Withdrawn is null)] };
        var experts = ExpertsHeld(stored);
        var (withdrawals, notWithdrawn) = Withdrawals(contents, withdrawnInFile, resolved, experts);
        var notTaken = TooLate(contents, resolved, stored).Concat(ScoredAlready(contents, resolved, experts)).Concat(notWithdrawn).ToList();
        var (model, modelCheck) = ModelForecasts(contents, resolved, record, byFilter, stored, cancellationToken);
        var left = notTaken.Select(n => n.Forecast).ToHashSet();
        var forecasts = contents.Forecasts.Where(f => !f.IsModel && !left.Contains(f)).Concat(model).ToList();
        var saved = await _questions.SaveQuestionsAsync(resolved, forecasts, dryRun, withdrawals: withdrawals, cancellationToken: cancellationToken).ConfigureAwait(false);
        var recordEnd = BundledRecord.CoverageEndOf(record);
        var disagreements = resolved
            .Where(q => contents.StatedOutcomes.TryGetValue(q.Id, out var stated) && (q.Resolution is not { } r || r.Outcome != stated))
            .Select(q => $"{q.Id}: the file says {(contents.StatedOutcomes[q.Id] ? "yes" : "no")}, " +
                         (q.Resolution is null
                             ? $"the record here has no answer yet (it ends on {recordEnd}; import the later events to settle it)"
                             : $"the record says {q.Resolution.Word}" + (q.Resolution.EventId is { } e ? $" ({e})" : "")))
            .ToList();
        return new ImportResult(saved, disagreements)
        {
            Model = modelCheck,
            NotTaken = [.. notTaken.Select(n => new InputException(n.Why, n.Place.File, n.Place.Line, n.Place.AsOfField).Message)],
            Replaced = Replacements(contents, forecasts, experts),
            QuestionsAdded = [.. resolved.Where(q => !storedQuestions.ContainsKey(q.Id) && !saved.ChangedSinceRead.Contains(q.Id)).Select(q => q.Id)],
            QuestionsChanged = [.. resolved
                .Where(q => storedQuestions.TryGetValue(q.Id, out var was) && was != q && !saved.ChangedSinceRead.Contains(q.Id))
                .Select(q => $"{q.Id} ({string.Join(", ", Changes(storedQuestions[q.Id], q))})")],
            Withdrawn = [.. withdrawals.Select(f => (Forecast: f, Place: contents.PlaceOf(f))).Select(x => new InputException(
                $"{x.Forecast.By}'s forecast of {Forecaster.Pct(x.Forecast.Probability)} on '{x.Forecast.QuestionId}' as of {x.Forecast.AsOf}, withdrawn on {x.Forecast.Withdrawn!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC where the file was exported.",
                x.Place.File, x.Place.Line, x.Place.FieldOf("withdrawn")).Message)],
        };
    }

    /// <summary>What differs between a stored question and the same question as an import leaves it, field by field.</summary>
    private static IEnumerable<string> Changes(Question was, Question now)
    {
        if (was.Title != now.Title)
        {
            yield return "title";
        }

        if (was.Target != now.Target || was.Filter != now.Filter)
        {
            yield return now.Target is null ? "filter" : "target";
        }

        if (was.Opens != now.Opens || was.Closes != now.Closes)
        {
            yield return "window";
        }

        if (was.Url != now.Url)
        {
            yield return "question_url";
        }

        if (was.Resolution != now.Resolution)
        {
            yield return "resolution, from the record";
        }
    }

    /// <summary>
    /// The file's withdrawals to carry out here: each expert's forecast the file marks withdrawn that
    /// this store holds as the file gives it (forecaster, day, probability) and does not score. One
    /// this store does not hold is nothing to do. Not taken, each by file and line: the model's
    /// (only this store's model speaks as <c>model</c>, and its forecasts are not withdrawn), one held
    /// here with another probability, and one scored here (<see cref="Question.WhyScoredStays"/>), which stays.
    /// </summary>
    private static (List<QuestionForecast> Withdraw, List<(QuestionForecast Forecast, QuestionFiles.Place Place, string Why)> NotTaken) Withdrawals(
        QuestionFiles.Contents contents, IReadOnlyList<QuestionForecast> withdrawnInFile, IReadOnlyList<Question> resolved,
        Dictionary<(string, string, KoreanDate), QuestionForecast> experts)
    {
        var byId = resolved.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var withdraw = new List<QuestionForecast>();
        var notTaken = new List<(QuestionForecast, QuestionFiles.Place, string)>();
        foreach (var f in withdrawnInFile)
        {
            var place = contents.PlaceOf(f);
            place = place with { AsOfField = place.FieldOf("withdrawn") };
            if (f.IsModel)
            {
                notTaken.Add((f, place, "the file marks one of the model's forecasts withdrawn: the model's forecasts are not withdrawn, and only this store's model speaks as 'model'."));
            }
            else if (!experts.TryGetValue((f.QuestionId, f.By, f.AsOf), out var held))
            {
                continue;
            }
            else if (!held.Probability.Equals(f.Probability))
            {
                notTaken.Add((f, place, $"the file says {f.By}'s {Forecaster.Pct(f.Probability)} as of {f.AsOf} on '{f.QuestionId}' was withdrawn, but this store holds {Forecaster.Pct(held.Probability)} for that day: left as it is."));
            }
            else if (byId.TryGetValue(f.QuestionId, out var question) && question.WhyScoredStays(held) is { } stays)
            {
                notTaken.Add((f, place, $"the file says {f.By}'s {Forecaster.Pct(f.Probability)} as of {f.AsOf} on '{f.QuestionId}' was withdrawn, but {stays}"));
            }
            else
            {
                withdraw.Add(f);
            }
        }

        return (withdraw, notTaken);
    }

    /// <summary>
    /// This store's model forecasts for the days on which the file gives the model one: none where
    /// the store already has its own for that day (kept as it is), else made here. Also how many of
    /// the file's differ from this store's by more than <see cref="ModelImport.Tolerance"/>.
    /// </summary>
    private static (IReadOnlyList<QuestionForecast> Made, ModelImport Check) ModelForecasts(
        QuestionFiles.Contents contents, IReadOnlyList<Question> resolved, IReadOnlyList<Event> record,
        IReadOnlyDictionary<string, IReadOnlyList<Event>> byFilter, IReadOnlyList<QuestionForecast> storedForecasts, CancellationToken cancellationToken)
    {
        var inFile = contents.Forecasts.Where(f => f.IsModel).ToList();
        if (inFile.Count == 0)
        {
            return ([], new ModelImport(0, 0, 0, 0));
        }

        var stored = storedForecasts.Where(f => f.IsModel).ToDictionary(f => (f.QuestionId, f.AsOf));
        var byId = resolved.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var model = new QuestionModel(record, byFilter);
        var made = new List<QuestionForecast>();
        int kept = 0, none = 0, differing = 0;
        foreach (var row in inFile.OrderBy(f => f.QuestionId, StringComparer.Ordinal).ThenBy(f => f.AsOf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            QuestionForecast? ours;
            if (stored.TryGetValue((row.QuestionId, row.AsOf), out var own))
            {
                ours = own;
                kept++;
            }
            else
            {
                ours = byId.TryGetValue(row.QuestionId, out var question) && question.WhyNoForecastAsOf(row.AsOf) is null
                    ? model.Forecast(question, row.AsOf, exact: false, cancellationToken)
                    : null;
                if (ours is null)
                {
                    none++;
                    continue;
                }

                made.Add(ours);
            }

            if (Math.Abs(ours.Probability - row.Probability) > ModelImport.Tolerance)
            {
                differing++;
            }
        }

        return (made, new ModelImport(inFile.Count, kept, none, differing));
    }

    /// <summary>
    /// Refuses a file's experts' forecasts dated after today, or that say they were entered after
    /// today, each by its file and line, all in one error: a file that says so is wrong somewhere.
    /// The model's are not the file's to give (see <see cref="ImportAsync"/>).
    /// </summary>
    private static void RefuseFutureForecasts(QuestionFiles.Contents contents, KoreanDate today)
    {
        var wrong = contents.Forecasts
            .Where(f => !f.IsModel)
            .Select(f => (Place: contents.PlaceOf(f), Forecast: f))
            .Select(x => x.Forecast.Entered is { } entered && KoreanDate.FromInstant(entered) > today
                ? (x.Place, Why: $"it says it was entered on {KoreanDate.FromInstant(entered)} (Korean date), after today ({today} in Korea).", Field: x.Place.FieldOf("entered"))
                : x.Forecast.Withdrawn is { } withdrawn && KoreanDate.FromInstant(withdrawn) > today
                ? (x.Place, Why: $"it says it was withdrawn on {KoreanDate.FromInstant(withdrawn)} (Korean date), after today ({today} in Korea).", Field: x.Place.FieldOf("withdrawn"))
                : (x.Place, Why: QuestionForecast.WhyNotMadeBy(x.Forecast.AsOf, today), Field: x.Place.AsOfField))
            .Where(x => x.Why is not null)
            .Select(x => new InputException(x.Why!, x.Place.File, x.Place.Line, x.Field))
            .ToList();
        if (wrong.Count == 1)
        {
            throw wrong[0];
        }

        if (wrong.Count > 1)
        {
            var listed = string.Concat(wrong.Take(QuestionFiles.MaxErrorsListed).Select(e => "\n  " + e.Message));
            var more = wrong.Count > QuestionFiles.MaxErrorsListed ? $"\n  and {wrong.Count - QuestionFiles.MaxErrorsListed} more." : "";
            throw new InputException($"{wrong.Count} forecasts are dated after today, so nothing was imported:{listed}{more}");
        }
    }

    /// <summary>
    /// The file's experts' forecasts that <see cref="ForecastAsync"/> would refuse (made when no day
    /// of the window was left, or on or after the day the record answered yes), other than those this
    /// store holds already as they are: they are not taken, since they could never be scored, and
    /// the import names each; the rest of the file is taken. (Refusing the whole file for them made
    /// a store's own export fail to import again once an event settled a question before a forecast
    /// it had taken while the record did not yet know of the event.)
    /// </summary>
    private static List<(QuestionForecast Forecast, QuestionFiles.Place Place, string Why)> TooLate(
        QuestionFiles.Contents contents, IReadOnlyList<Question> resolved, IReadOnlyList<QuestionForecast> stored)
    {
        var byId = resolved.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var held = stored.ToHashSet();
        return [.. contents.Forecasts
            .Where(f => !f.IsModel && byId.ContainsKey(f.QuestionId) && !held.Contains(f))
            .Select(f => (Forecast: f, Place: contents.PlaceOf(f), Why: byId[f.QuestionId].WhyNoForecastAsOf(f.AsOf)))
            .Where(x => x.Why is not null)
            .Select(x => (x.Forecast, x.Place, x.Why!))];
    }

    /// <summary>
    /// The file's experts' forecasts that would replace a different one this store holds for the
    /// same forecaster, question and day while that one is scored (<see cref="Question.WhyScoredStays"/>):
    /// not taken, each named by file and line; the stored one stays.
    /// </summary>
    private static IEnumerable<(QuestionForecast Forecast, QuestionFiles.Place Place, string Why)> ScoredAlready(
        QuestionFiles.Contents contents, IReadOnlyList<Question> resolved, IReadOnlyDictionary<(string, string, KoreanDate), QuestionForecast> experts)
    {
        var byId = resolved.ToDictionary(q => q.Id, StringComparer.Ordinal);
        foreach (var f in contents.Forecasts.Where(f => !f.IsModel))
        {
            if (byId.TryGetValue(f.QuestionId, out var question) && WouldReplace(experts, f) is { } same && question.WhyScoredStays(same) is { } stays)
            {
                yield return (f, contents.PlaceOf(f), $"the file gives {Forecaster.Pct(f.Probability)}{(f.Url == same.Url ? "" : " with another address")}, but {stays}");
            }
        }
    }

    /// <summary>The stored forecasts the import replaces (same forecaster, question and day, another probability or address), each with where the file gives the new one.</summary>
    private static IReadOnlyList<string> Replacements(
        QuestionFiles.Contents contents, IReadOnlyList<QuestionForecast> taken, IReadOnlyDictionary<(string, string, KoreanDate), QuestionForecast> experts) =>
        [.. taken
            .Select(f => (New: f, Old: WouldReplace(experts, f)))
            .Where(x => x.Old is not null)
            .Select(x => (x.New, Old: x.Old!, Place: contents.PlaceOf(x.New)))
            .Select(x => new InputException(
                $"{x.New.By}'s forecast on '{x.New.QuestionId}' as of {x.New.AsOf}: {Forecaster.Pct(x.Old.Probability)} here, {Forecaster.Pct(x.New.Probability)} in the file" +
                (x.Old.Url == x.New.Url ? "" : $" (address {x.Old.Url ?? "none"} here, {x.New.Url ?? "none"} in the file)") + "; the file's replaces it.",
                x.Place.File, x.Place.Line, x.Place.AsOfField).Message)];

    /// <summary>The experts' forecasts held, by question, forecaster and day.</summary>
    private static Dictionary<(string, string, KoreanDate), QuestionForecast> ExpertsHeld(IEnumerable<QuestionForecast> stored) =>
        stored.Where(f => !f.IsModel).ToDictionary(f => (f.QuestionId, f.By, f.AsOf));

    /// <summary>The held forecast <paramref name="f"/> would replace: an expert's on the same question and day with another probability or address; null when none is held or it is the same.</summary>
    private static QuestionForecast? WouldReplace(IReadOnlyDictionary<(string, string, KoreanDate), QuestionForecast> experts, QuestionForecast f) =>
        !f.IsModel && experts.TryGetValue((f.QuestionId, f.By, f.AsOf), out var same) && same != f ? same : null;

    /// <summary>Refuses a file's forecaster whose name differs only in letter case from one stored or earlier in the files, by file and line.</summary>
    private static void RefuseNamesSpelledApart(QuestionFiles.Contents contents, IReadOnlyList<QuestionForecast> stored)
    {
        var known = stored.Select(f => f.By).ToHashSet(StringComparer.Ordinal);
        foreach (var f in contents.Forecasts.Where(f => !f.IsModel))
        {
            var place = contents.PlaceOf(f);
            QuestionForecast.CheckSpelledAsKnown(f.By, known, place.File, place.Line, place.FieldOf("by"));
            known.Add(f.By);
        }
    }

    /// <summary>
    /// Refuses a file that changes what a stored question counts or its window while the store holds
    /// forecasts on it, by the question's file and line: those forecasts were made on the question as
    /// stored, and would be scored on another (a title or an address may change).
    /// </summary>
    private static void RefuseRedefinitions(QuestionFiles.Contents contents, Dictionary<string, Question> questions, IReadOnlyList<QuestionForecast> stored)
    {
        var forecastsOn = stored.CountBy(f => f.QuestionId).ToDictionary(StringComparer.Ordinal);
        foreach (var q in contents.Questions)
        {
            if (!questions.TryGetValue(q.Id, out var was) || !forecastsOn.TryGetValue(q.Id, out var count))
            {
                continue;
            }

            var (field, then, now) =
                was.Target != q.Target || was.Filter != q.Filter ? ((q.Target is null ? "filter" : "target"), was.SubjectSlug, q.SubjectSlug)
                : was.Opens != q.Opens ? ("opens", was.Opens.ToString(), q.Opens.ToString())
                : was.Closes != q.Closes ? ("closes", was.Closes.ToString(), q.Closes.ToString())
                : default;
            if (field is not null)
            {
                var place = contents.QuestionPlaces.TryGetValue(q.Id, out var p) ? p : default;
                throw new InputException(
                    $"question '{q.Id}' is stored with {field} {then}, and the file gives {now}; the store holds {count} forecast{(count == 1 ? "" : "s")} made on the question as stored, " +
                    "which would be scored on another. Give the changed question a new id; nothing was imported.",
                    place.File, place.File is null ? null : place.Line, field);
            }
        }
    }

    /// <summary>One question by id as the record now answers it (<see cref="QuestionsAsync"/>), or an <see cref="InputException"/> saying there is none.</summary>
    public async Task<Question> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var questions = await QuestionsAsync(cancellationToken).ConfigureAwait(false);
        return questions.FirstOrDefault(q => q.Id == id) ?? throw NoSuchQuestion(id, questions.Select(q => q.Id));
    }

    /// <summary>
    /// Every question as the record now answers it: each read of the questions resolves them first
    /// and saves the resolutions that changed, so that an event imported, accepted from review or
    /// written over the API settles a question at once, with no command to run. Only the record
    /// from the earliest window's first day on is read (what any window holds, and the record's end).
    /// </summary>
    public async Task<IReadOnlyList<Question>> QuestionsAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _questions.QuestionsAsync(cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            return stored;
        }

        var record = await store.ListAsync(EventQuery.All with { Since = stored.Min(q => q.Opens) }, cancellationToken).ConfigureAwait(false);
        return await QuestionResolver.ResolveAllAsync(store, record, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every question as the record now answers it (<see cref="QuestionsAsync"/>) with every forecast.</summary>
    public async Task<(IReadOnlyList<Question> Questions, IReadOnlyList<QuestionForecast> Forecasts)> AllAsync(CancellationToken cancellationToken = default)
    {
        var questions = await QuestionsAsync(cancellationToken).ConfigureAwait(false);
        return (questions, await _questions.QuestionForecastsAsync(null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// What an export writes: every question as the record now answers it, with every forecast on
    /// it, the withdrawn ones too, each with the time it was withdrawn, so that importing the file
    /// withdraws them in a store that took them before (<see cref="ImportAsync"/>).
    /// </summary>
    public async Task<(IReadOnlyList<Question> Questions, IReadOnlyList<QuestionForecast> Forecasts)> ExportAsync(CancellationToken cancellationToken = default)
    {
        var (questions, forecasts) = await AllAsync(cancellationToken).ConfigureAwait(false);
        var withdrawn = await _questions.WithdrawnForecastsAsync(cancellationToken).ConfigureAwait(false);
        return (questions, [.. forecasts.Concat(withdrawn).OrderBy(f => f.QuestionId, StringComparer.Ordinal).ThenBy(f => f.By, StringComparer.Ordinal).ThenBy(f => f.AsOf)]);
    }

    private static InputException NoSuchQuestion(string id, IEnumerable<string> ids) =>
        new($"there is no question '{id}'.{(Spelling.Closest(id, ids, 1) is [var near] ? $" Did you mean '{near}'?" : "")} The questions are listed by 'peninsula questions list' and GET /api/questions.", field: "question") { NotFound = true };

    /// <summary>One question with its forecasts, the aggregate as of <paramref name="today"/> and its resolving event.</summary>
    public async Task<Details> ShowAsync(string id, KoreanDate today, CancellationToken cancellationToken = default)
    {
        var question = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var forecasts = await _questions.QuestionForecastsAsync(id, cancellationToken).ConfigureAwait(false);
        var resolving = question.Resolution?.EventId is { } eventId ? await store.FindAsync(eventId, cancellationToken).ConfigureAwait(false) : null;
        // The record's end counts North Korea's own actions only (a future summit is no newer record).
        var record = await store.ListAsync(EventQuery.All with { Kinds = [.. Taxonomy.ProvocationKinds], NewestFirst = true, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return new Details(question, forecasts, ExpertAggregate.Of(id, forecasts, question.AnswerNotYetKnown(today)), resolving, BundledRecord.CoverageEndOf(record)) { Today = today };
    }

    /// <summary>The leaderboard on every question the record has resolved (<see cref="QuestionsAsync"/>).</summary>
    public async Task<LeaderboardView> LeaderboardAsync(CancellationToken cancellationToken = default)
    {
        var (questions, forecasts) = await AllAsync(cancellationToken).ConfigureAwait(false);
        return new LeaderboardView(
            Leaderboard.Rows(questions, forecasts), questions.Count(q => q.Resolution is not null), questions.Count(q => q.Resolution is null),
            Leaderboard.EnteredTooLate(questions, forecasts));
    }
}

/// <summary>What <see cref="QuestionBook.WithdrawAsync"/> withdrew: the question, as the record now answers it, and the forecasts taken off it.</summary>
public sealed record Withdrawal(Question Question, IReadOnlyList<QuestionForecast> Forecasts)
{
    /// <summary>The withdrawal in a sentence: "Withdrew Kim Analyst's 2 forecasts on icbm-2027: 60.0% as of 2026-11-25, 55.0% as of 2026-11-30."</summary>
    public string Describe() =>
        $"Withdrew {Forecasts[0].By}'s {(Forecasts.Count == 1 ? "forecast" : $"{Forecasts.Count} forecasts")} on {Question.Id}: " +
        $"{string.Join(", ", Forecasts.Select(f => $"{Forecaster.Pct(f.Probability)} as of {f.AsOf}"))}. " +
        $"{(Forecasts.Count == 1 ? "It is" : "They are")} kept in the store, marked withdrawn, and no longer shown, scored or aggregated; an export carries the withdrawal to the stores that took them.";
}

/// <summary>Where a question stands: the model's latest recorded forecast and the experts' aggregate as of a day (for a question resolved yes, as of the day before the answer: <see cref="Question.AnswerNotYetKnown"/>).</summary>
/// <param name="Question">The question.</param>
/// <param name="Model">The model's latest forecast on it, or null.</param>
/// <param name="Aggregate">The experts' aggregate (<see cref="ExpertAggregate"/>), or null when no expert has forecast yet.</param>
public sealed record QuestionStanding(Question Question, QuestionForecast? Model, QuestionForecast? Aggregate)
{
    /// <summary>The standing of <paramref name="question"/> from <paramref name="forecasts"/> (others' forecasts are ignored) as of <paramref name="today"/>.</summary>
    public static QuestionStanding Of(Question question, IEnumerable<QuestionForecast> forecasts, KoreanDate today)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(forecasts);
        var own = forecasts.Where(f => f.QuestionId == question.Id).ToList();
        var cutoff = question.AnswerNotYetKnown(today);
        return new(question, own.Where(f => f.IsModel && f.AsOf <= cutoff).MaxBy(f => f.AsOf), ExpertAggregate.Of(question.Id, own, cutoff));
    }

    /// <summary>
    /// The standing of every question, in the order a list shows them: the open ones first, the
    /// soonest to close first (what is still to forecast), then the resolved ones, the most recently
    /// answered first; ties by id. The forecasts are grouped by question once, not scanned once per
    /// question.
    /// </summary>
    public static IReadOnlyList<QuestionStanding> All(IReadOnlyList<Question> questions, IEnumerable<QuestionForecast> forecasts, KoreanDate today)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(forecasts);
        var byQuestion = forecasts.ToLookup(f => f.QuestionId, StringComparer.Ordinal);
        return [.. questions
            .OrderBy(q => q.Resolution is null ? 0 : 1)
            .ThenBy(q => q.Resolution is null ? q.Closes.Date.DayNumber : -q.AnswerKnownOn.Date.DayNumber)
            .ThenBy(q => q.Id, StringComparer.Ordinal)
            .Select(q => Of(q, byQuestion[q.Id], today))];
    }
}

/// <summary>An expert's forecast as recorded.</summary>
/// <param name="Saved">What the save did.</param>
/// <param name="Question">The question, as the record answers it.</param>
/// <param name="Forecast">The forecast as the store holds it, with the time it was entered.</param>
public sealed record ForecastEntry(QuestionSaveSummary Saved, Question Question, QuestionForecast Forecast)
{
    /// <summary>
    /// When the forecast counts, in plain words, where that is not the day it gives: it was entered
    /// later and nothing published dates it. Null otherwise. <paramref name="urlField"/> is how the
    /// host names the published address (the CLI's <c>--url</c>, the API's <c>url</c>).
    /// </summary>
    public string? WhenItCounts(string urlField)
    {
        var f = Forecast;
        if (!f.EnteredLater)
        {
            return null;
        }

        return Question.Resolution is { } answer && !Question.CountsBeforeAnswer(f)
            ? $"It was entered on {f.CountsFrom}, after the answer ({answer.Word}) was known on {Question.AnswerKnownOn}: it is kept and shown, but never scored, since whoever entered it could know the answer. " +
              $"A forecast published at the time is scored as of its date when entered with the address where it was published ({urlField})."
            : $"It was entered on {f.CountsFrom}, after the day it gives, so it counts from {f.CountsFrom}: whoever entered it knew what happened in between, and the leaderboard scores it, and the model beside it, as of that day. " +
              $"A forecast published at the time is scored as of its date when entered with the address where it was published ({urlField}).";
    }
}

/// <summary>The leaderboard as the hosts show it.</summary>
/// <param name="Rows">One row per forecaster (<see cref="Leaderboard.Rows"/>).</param>
/// <param name="Resolved">Questions resolved.</param>
/// <param name="Open">Questions still open.</param>
/// <param name="EnteredTooLate">The experts' forecasts not scored because they were entered after the answer was known (<see cref="Leaderboard.EnteredTooLate"/>).</param>
public sealed record LeaderboardView(IReadOnlyList<LeaderboardRow> Rows, int Resolved, int Open, IReadOnlyList<(Question Question, QuestionForecast Forecast)> EnteredTooLate);

/// <summary>What an update did.</summary>
/// <param name="Questions">Every question as it now stands.</param>
/// <param name="ModelForecasts">The model's forecasts added, updated and unchanged.</param>
/// <param name="Fits">How many times the models were fitted (four horizons each).</param>
/// <param name="RecordEnd">The last Korean date the record covers.</param>
public sealed record UpdateSummary(IReadOnlyList<Question> Questions, ImportCounts ModelForecasts, int Fits, KoreanDate RecordEnd)
{
    /// <summary>The questions another writer changed while the update ran: left as they now stand, with no forecast of this update.</summary>
    public IReadOnlyList<string> ChangedMeanwhile { get; init; } = [];
}

/// <summary>What an import did: what was saved, and where the file's stated resolution differs from the record's.</summary>
public sealed record ImportResult(QuestionSaveSummary Saved, IReadOnlyList<string> Disagreements)
{
    /// <summary>How the file's model forecasts were taken (none taken as they stand).</summary>
    public ModelImport Model { get; init; } = new(0, 0, 0, 0);

    /// <summary>
    /// The file's experts' forecasts not taken, each by file, line and reason: made after the
    /// answer or when no day of the window was left (never scored), or giving another probability
    /// for a day this store holds a scored forecast on (which stays).
    /// </summary>
    public IReadOnlyList<string> NotTaken { get; init; } = [];

    /// <summary>The stored experts' forecasts the file's replace (another probability or address for the same forecaster, question and day), each by file, line and both values; in a dry run, those it would replace.</summary>
    public IReadOnlyList<string> Replaced { get; init; } = [];

    /// <summary>The stored experts' forecasts withdrawn because the file says they were withdrawn where it was exported, each by file and line; in a dry run, those it would withdraw.</summary>
    public IReadOnlyList<string> Withdrawn { get; init; } = [];

    /// <summary>The ids of the questions the import added (in a dry run, would add).</summary>
    public IReadOnlyList<string> QuestionsAdded { get; init; } = [];

    /// <summary>The questions the import changed (in a dry run, would change), each with what changed: "icbm-2024 (title, window)".</summary>
    public IReadOnlyList<string> QuestionsChanged { get; init; } = [];
}

/// <summary>
/// What became of a file's model forecasts on import: none is taken as it stands; this store's
/// model speaks for each of those days instead.
/// </summary>
/// <param name="InFile">The model forecasts the file gives.</param>
/// <param name="Kept">Days on which this store already had its own, kept as they are.</param>
/// <param name="NotMade">Days on which this store's model makes none (the question was already resolved by then, or its window over).</param>
/// <param name="Differing">Of the file's, how many differ from this store's by more than <see cref="Tolerance"/>: made on another record or by another version of the model.</param>
public sealed record ModelImport(int InFile, int Kept, int NotMade, int Differing)
{
    /// <summary>A difference larger than half a percentage point counts.</summary>
    public const double Tolerance = 0.005;

    /// <summary>The days on which this store's model made its forecast during the import.</summary>
    public int Made => InFile - Kept - NotMade;

    /// <summary>What happened, in plain words, or null when the file gave the model no forecast.</summary>
    public string? Describe() => InFile == 0 ? null :
        $"The file gives {InFile} forecasts by '{QuestionForecast.Model}'; they were not taken as they stand, since only this store's model forecasts as '{QuestionForecast.Model}': " +
        $"it made {Made} here on its own record, kept its own on {KoreanDate.Days(Kept)}" +
        (NotMade > 0 ? $" and makes none on {KoreanDate.Days(NotMade)} (the question was already settled, or its window over, by then)" : "") +
        $". {(Differing == 0 ? "None" : Differing.ToString(System.Globalization.CultureInfo.InvariantCulture))} of the file's differ from this store's by more than half a percentage point" +
        (Differing > 0 ? " (made on another record, or by another version of the model)." : ".");
}

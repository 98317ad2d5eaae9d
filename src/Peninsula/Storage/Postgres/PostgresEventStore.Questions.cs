using Dapper;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Storage;

/// <summary>Forecasting questions and their forecasts (issue 20): Korean dates stored as <c>date</c>.</summary>
public sealed partial class PostgresEventStore : IQuestionStore
{
    private const string SelectQuestions =
        "SELECT id, title, target, filter, to_char(opens, 'YYYY-MM-DD') AS opens, to_char(closes, 'YYYY-MM-DD') AS closes, url, outcome, " +
        "to_char(resolved_on, 'YYYY-MM-DD') AS resolved_on, resolving_event FROM questions";

    /// <inheritdoc/>
    public Task<QuestionSaveSummary> SaveQuestionsAsync(
        IReadOnlyCollection<Question> questions, IReadOnlyCollection<QuestionForecast> forecasts, bool dryRun = false,
        IReadOnlyDictionary<string, Question?>? asRead = null, IReadOnlyCollection<QuestionForecast>? withdrawals = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(forecasts);
        return WriteAsync("saving questions", async (connection, transaction) =>
        {
            int added = 0, updated = 0, unchanged = 0;
            var changedSinceRead = new List<string>();
            foreach (var q in questions)
            {
                // Row lock: two saves of one question wait for each other instead of both inserting.
                var stored = (await connection.QuerySingleOrDefaultAsync<QuestionRow>(new CommandDefinition(
                    SelectQuestions + " WHERE id = @id FOR UPDATE", new { id = q.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToQuestion();
                if (asRead is not null && asRead.TryGetValue(q.Id, out var read) && stored != read)
                {
                    changedSinceRead.Add(q.Id);
                    continue;
                }

                if (stored == q)
                {
                    unchanged++;
                    continue;
                }

                // FOR UPDATE locks no row that is not there yet: a question read as absent is only
                // inserted, so that one another writer inserted meanwhile is not overwritten.
                var readAsAbsent = stored is null && asRead is not null && asRead.ContainsKey(q.Id);
                if (await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO questions (id, title, target, filter, opens, closes, url, outcome, resolved_on, resolving_event) " +
                    "VALUES (@id, @title, @target, @filter, @opens::date, @closes::date, @url, @outcome, @resolved_on::date, @resolving_event) " +
                    (readAsAbsent ? "ON CONFLICT (id) DO NOTHING" :
                    "ON CONFLICT (id) DO UPDATE SET title = excluded.title, target = excluded.target, filter = excluded.filter, opens = excluded.opens, " +
                    "closes = excluded.closes, url = excluded.url, outcome = excluded.outcome, resolved_on = excluded.resolved_on, resolving_event = excluded.resolving_event"),
                    QuestionRow.Parameters(q), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
                {
                    changedSinceRead.Add(q.Id);
                    continue;
                }

                if (stored is null)
                {
                    added++;
                }
                else
                {
                    updated++;
                }
            }

            int fAdded = 0, fUpdated = 0, fUnchanged = 0;
            foreach (var f in forecasts.Where(f => !changedSinceRead.Contains(f.QuestionId)))
            {
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM questions WHERE id = @id", new { id = f.QuestionId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
                {
                    throw new InputException($"there is no question '{f.QuestionId}' to forecast; add it first (peninsula questions add).", field: "question");
                }

                // Entered now, unless the forecast says when it was entered where it came from (an exported file).
                var parameters = new { q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString(), p = f.Probability, url = f.Url, entered = (f.Entered ?? _clock.GetUtcNow()).ToUniversalTime() };
                var stored = await connection.QuerySingleOrDefaultAsync<(double probability, string? url)?>(new CommandDefinition(
                    "SELECT probability, url FROM question_forecasts WHERE question_id = @q AND forecaster = @by AND as_of = @asOf::date AND withdrawn IS NULL FOR UPDATE",
                    parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (stored is { } s && s.probability == f.Probability && s.url == f.Url)
                {
                    fUnchanged++;
                    continue;
                }

                // A withdrawn forecast is as good as absent: the same one entered again is added anew.
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO question_forecasts (question_id, forecaster, as_of, probability, url, entered) VALUES (@q, @by, @asOf::date, @p, @url, @entered) " +
                    "ON CONFLICT (question_id, forecaster, as_of) DO UPDATE SET probability = excluded.probability, url = excluded.url, entered = excluded.entered, withdrawn = NULL",
                    parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (stored is null)
                {
                    fAdded++;
                }
                else
                {
                    fUpdated++;
                }
            }

            var withdrawn = 0;
            foreach (var f in (withdrawals ?? []).Where(f => !changedSinceRead.Contains(f.QuestionId)))
            {
                withdrawn += await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE question_forecasts SET withdrawn = @at WHERE question_id = @q AND forecaster = @by AND as_of = @asOf::date AND probability = @p AND withdrawn IS NULL",
                    new { at = (f.Withdrawn ?? _clock.GetUtcNow()).ToUniversalTime(), q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString(), p = f.Probability },
                    transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            return new QuestionSaveSummary(new ImportCounts(added, updated, unchanged), new ImportCounts(fAdded, fUpdated, fUnchanged)) { ChangedSinceRead = changedSinceRead, Withdrawn = withdrawn };
        }, dryRun, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Question>> QuestionsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Question>>("listing questions", async connection =>
            [.. (await connection.QueryAsync<QuestionRow>(new CommandDefinition(SelectQuestions + " ORDER BY id COLLATE \"C\"", cancellationToken: cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToQuestion())],
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<QuestionForecast>> QuestionForecastsAsync(string? questionId = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<QuestionForecast>>("listing forecasts on questions", async connection =>
            [.. (await connection.QueryAsync<(string question_id, string forecaster, string as_of, double probability, string? url, DateTime? entered)>(new CommandDefinition(
                    "SELECT question_id, forecaster, to_char(as_of, 'YYYY-MM-DD') AS as_of, probability, url, entered FROM question_forecasts " +
                    "WHERE (@questionId::text IS NULL OR question_id = @questionId) AND withdrawn IS NULL ORDER BY question_id COLLATE \"C\", forecaster COLLATE \"C\", as_of",
                    new { questionId }, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .Select(r => new QuestionForecast(r.question_id, r.forecaster, KoreanDate.Parse(r.as_of), r.probability, r.url)
                {
                    Entered = r.entered is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                })],
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<QuestionForecast>> WithdrawnForecastsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<QuestionForecast>>("listing withdrawn forecasts", async connection =>
            [.. (await connection.QueryAsync<(string question_id, string forecaster, string as_of, double probability, string? url, DateTime? entered, DateTime withdrawn)>(new CommandDefinition(
                    "SELECT question_id, forecaster, to_char(as_of, 'YYYY-MM-DD') AS as_of, probability, url, entered, withdrawn FROM question_forecasts " +
                    "WHERE withdrawn IS NOT NULL ORDER BY question_id COLLATE \"C\", forecaster COLLATE \"C\", as_of",
                    cancellationToken: cancellationToken)).ConfigureAwait(false))
                .Select(r => new QuestionForecast(r.question_id, r.forecaster, KoreanDate.Parse(r.as_of), r.probability, r.url)
                {
                    Entered = r.entered is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                    Withdrawn = new DateTimeOffset(DateTime.SpecifyKind(r.withdrawn, DateTimeKind.Utc)),
                })],
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> WithdrawForecastsAsync(IReadOnlyCollection<QuestionForecast> forecasts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        return WriteAsync("withdrawing forecasts", async (connection, transaction) =>
        {
            // Each is locked and checked first, so that nothing is written unless all are held as given.
            foreach (var f in forecasts)
            {
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM (SELECT 1 FROM question_forecasts WHERE question_id = @q AND forecaster = @by AND as_of = @asOf::date AND probability = @p AND withdrawn IS NULL FOR UPDATE) AS held",
                    Key(f), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
                {
                    return 0;
                }
            }

            var now = _clock.GetUtcNow().ToUniversalTime();
            foreach (var f in forecasts)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE question_forecasts SET withdrawn = @now WHERE question_id = @q AND forecaster = @by AND as_of = @asOf::date",
                    new { now, q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            return forecasts.Count;
        }, dryRun: false, cancellationToken);

        static object Key(QuestionForecast f) => new { q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString(), p = f.Probability };
    }

#pragma warning disable IDE1006, CA1812 // Dapper maps the columns by name; instantiated by Dapper.
    private sealed record QuestionRow(
        string id, string title, string? target, string? filter, string opens, string closes, string? url, bool? outcome, string? resolved_on, string? resolving_event)
    {
        public Question ToQuestion() => new(
            id, title, target is null ? null : ForecastTarget.Parse(target, "target"), filter, KoreanDate.Parse(opens), KoreanDate.Parse(closes), url,
            outcome is { } o ? new QuestionResolution(o, KoreanDate.Parse(resolved_on!), resolving_event) : null);

        public static object Parameters(Question q) => new
        {
            id = q.Id,
            title = q.Title,
            target = q.Target?.Slug,
            filter = q.Filter,
            opens = q.Opens.ToString(),
            closes = q.Closes.ToString(),
            url = q.Url,
            outcome = q.Resolution?.Outcome,
            resolved_on = q.Resolution?.On.ToString(),
            resolving_event = q.Resolution?.EventId,
        };
    }
#pragma warning restore IDE1006, CA1812
}

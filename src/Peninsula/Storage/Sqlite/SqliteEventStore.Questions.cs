using Dapper;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Storage;

/// <summary>Forecasting questions and their forecasts (issue 20): Korean dates stored as YYYY-MM-DD text.</summary>
public sealed partial class SqliteEventStore : IQuestionStore
{
    /// <summary>Marks a forecast withdrawn as of @at, only while it is held with the probability given (@p) and not withdrawn yet.</summary>
    private const string WithdrawHeld =
        "UPDATE question_forecasts SET withdrawn = @at WHERE question_id = @q AND forecaster = @by AND as_of = @asOf AND probability = @p AND withdrawn IS NULL";

    /// <inheritdoc/>
    public Task<QuestionSaveSummary> SaveQuestionsAsync(
        IReadOnlyCollection<Question> questions, IReadOnlyCollection<QuestionForecast> forecasts, bool dryRun = false,
        IReadOnlyDictionary<string, Question?>? asRead = null, IReadOnlyCollection<QuestionForecast>? withdrawals = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(forecasts);
        return Task.FromResult(Write("saving questions", () =>
        {
            using var transaction = _connection.BeginTransaction();
            int added = 0, updated = 0, unchanged = 0;
            var changedSinceRead = new List<string>();
            foreach (var q in questions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stored = _connection.QuerySingleOrDefault<QuestionRow>("SELECT * FROM questions WHERE id = @id", new { id = q.Id }, transaction)?.ToQuestion();
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

                _connection.Execute(
                    "INSERT INTO questions (id, title, target, filter, opens, closes, url, outcome, resolved_on, resolving_event) " +
                    "VALUES (@id, @title, @target, @filter, @opens, @closes, @url, @outcome, @resolved_on, @resolving_event) " +
                    "ON CONFLICT (id) DO UPDATE SET title = excluded.title, target = excluded.target, filter = excluded.filter, opens = excluded.opens, " +
                    "closes = excluded.closes, url = excluded.url, outcome = excluded.outcome, resolved_on = excluded.resolved_on, resolving_event = excluded.resolving_event",
                    QuestionRow.Parameters(q), transaction);
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
                cancellationToken.ThrowIfCancellationRequested();
                if (_connection.ExecuteScalar<long>("SELECT count(*) FROM questions WHERE id = @id", new { id = f.QuestionId }, transaction) == 0)
                {
                    throw new InputException($"there is no question '{f.QuestionId}' to forecast; add it first (peninsula questions add).", field: "question");
                }

                // A withdrawn forecast is as good as absent: the same one entered again is added anew.
                var stored = _connection.QuerySingleOrDefault<(double probability, string? url)?>(
                    "SELECT probability, url FROM question_forecasts WHERE question_id = @q AND forecaster = @by AND as_of = @asOf AND withdrawn IS NULL",
                    new { q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString() }, transaction);
                if (stored is { } s && s.probability == f.Probability && s.url == f.Url)
                {
                    fUnchanged++;
                    continue;
                }

                // Entered now, unless the forecast says when it was entered where it came from (an exported file).
                var entered = f.Entered is { } at ? Instant(at) : Now();
                _connection.Execute(
                    "INSERT INTO question_forecasts (question_id, forecaster, as_of, probability, url, entered) VALUES (@q, @by, @asOf, @p, @url, @entered) " +
                    "ON CONFLICT (question_id, forecaster, as_of) DO UPDATE SET probability = excluded.probability, url = excluded.url, entered = excluded.entered, withdrawn = NULL",
                    new { q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString(), p = f.Probability, url = f.Url, entered }, transaction);
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
                cancellationToken.ThrowIfCancellationRequested();
                withdrawn += _connection.Execute(WithdrawHeld, new { at = f.Withdrawn is { } at ? Instant(at) : Now(), q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString(), p = f.Probability }, transaction);
            }

            if (dryRun)
            {
                transaction.Rollback();
            }
            else
            {
                transaction.Commit();
            }

            return new QuestionSaveSummary(new ImportCounts(added, updated, unchanged), new ImportCounts(fAdded, fUpdated, fUnchanged)) { ChangedSinceRead = changedSinceRead, Withdrawn = withdrawn };
        }));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Question>> QuestionsAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Question> questions = [.. _connection.Query<QuestionRow>("SELECT * FROM questions ORDER BY id").Select(r => r.ToQuestion())];
        return Task.FromResult(questions);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<QuestionForecast>> QuestionForecastsAsync(string? questionId = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<QuestionForecast> forecasts = [.. _connection.Query<(string question_id, string forecaster, string as_of, double probability, string? url, string? entered)>(
                "SELECT question_id, forecaster, as_of, probability, url, entered FROM question_forecasts WHERE (@questionId IS NULL OR question_id = @questionId) AND withdrawn IS NULL " +
                "ORDER BY question_id, forecaster, as_of", new { questionId })
            .Select(r => new QuestionForecast(r.question_id, r.forecaster, KoreanDate.Parse(r.as_of), r.probability, r.url)
            {
                Entered = Instant(r.entered),
            })];
        return Task.FromResult(forecasts);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<QuestionForecast>> WithdrawnForecastsAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<QuestionForecast> forecasts = [.. _connection.Query<(string question_id, string forecaster, string as_of, double probability, string? url, string? entered, string withdrawn)>(
                "SELECT question_id, forecaster, as_of, probability, url, entered, withdrawn FROM question_forecasts WHERE withdrawn IS NOT NULL ORDER BY question_id, forecaster, as_of")
            .Select(r => new QuestionForecast(r.question_id, r.forecaster, KoreanDate.Parse(r.as_of), r.probability, r.url)
            {
                Entered = Instant(r.entered),
                Withdrawn = Instant(r.withdrawn),
            })];
        return Task.FromResult(forecasts);
    }

    /// <inheritdoc/>
    public Task<int> WithdrawForecastsAsync(IReadOnlyCollection<QuestionForecast> forecasts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        return Task.FromResult(Write("withdrawing forecasts", () =>
        {
            using var transaction = _connection.BeginTransaction();
            var now = Now();
            foreach (var f in forecasts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_connection.Execute(WithdrawHeld, new { at = now, q = f.QuestionId, by = f.By, asOf = f.AsOf.ToString(), p = f.Probability }, transaction) == 0)
                {
                    transaction.Rollback();
                    return 0;
                }
            }

            transaction.Commit();
            return forecasts.Count;
        }));
    }

#pragma warning disable IDE1006, CA1812 // Dapper maps the columns by name; instantiated by Dapper.
    private sealed record QuestionRow(
        string id, string title, string? target, string? filter, string opens, string closes, string? url, long? outcome, string? resolved_on, string? resolving_event)
    {
        public Question ToQuestion() => new(
            id, title, target is null ? null : ForecastTarget.Parse(target, "target"), filter, KoreanDate.Parse(opens), KoreanDate.Parse(closes), url,
            outcome is { } o ? new QuestionResolution(o != 0, KoreanDate.Parse(resolved_on!), resolving_event) : null);

        public static object Parameters(Question q) => new
        {
            id = q.Id,
            title = q.Title,
            target = q.Target?.Slug,
            filter = q.Filter,
            opens = q.Opens.ToString(),
            closes = q.Closes.ToString(),
            url = q.Url,
            outcome = q.Resolution is { } r ? (r.Outcome ? 1 : 0) : (int?)null,
            resolved_on = q.Resolution?.On.ToString(),
            resolving_event = q.Resolution?.EventId,
        };
    }
#pragma warning restore IDE1006, CA1812
}

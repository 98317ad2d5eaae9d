using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

public sealed partial class SqliteEventStore
{
    /// <inheritdoc/>
    public Task<ImportSummary> ImportAsync(ImportBatch batch, ImportPolicy policy, ChangeOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var e in batch.Events)
        {
            e.Validated(batch.Input);
        }

        return Task.FromResult(Write($"importing {batch.Input}", () => Import(batch, policy, origin, dryRun, cancellationToken)));
    }

    private ImportSummary Import(ImportBatch batch, ImportPolicy policy, ChangeOrigin origin, bool dryRun, CancellationToken cancellationToken)
    {
        var now = Now();
        using var transaction = _connection.BeginTransaction();
        var (events, conflicts, newConflicts) = ImportEvents(batch.Events, policy, origin, now, transaction, cancellationToken);
        var documents = ImportDocuments(batch.Documents, origin, now, transaction, cancellationToken);
        var signals = ImportSignals(batch.Signals, transaction, cancellationToken);
        if (dryRun)
        {
            transaction.Rollback();
        }
        else
        {
            transaction.Commit();
        }

        return new ImportSummary(batch.Input, events, documents, signals, conflicts, newConflicts, batch.Rejections, batch.Skipped, batch.Warnings, batch.Rows) { Layout = batch.Layout };
    }

    private (ImportCounts Counts, List<Conflict> Conflicts, int New) ImportEvents(
        List<Event> incoming, ImportPolicy policy, ChangeOrigin origin, string now, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (incoming.Count == 0)
        {
            return (ImportCounts.None, [], 0);
        }

        var kinds = incoming.Select(e => e.Kind.Slug()).Distinct().ToArray();
        var stored = _connection.Query<EventRow>($"{SelectEvents} WHERE e.deleted_at IS NULL AND e.kind IN @kinds", new { kinds }, transaction)
            .Select(r => r.ToEvent());
        var plan = ImportPlan.Make(stored, incoming, policy, origin.Input, cancellationToken);
        var fresh = 0;
        foreach (var c in plan.Conflicts)
        {
            fresh += _connection.Execute(
                "INSERT INTO conflicts (event_id, field, kept_value, kept_source, other_value, other_source, rule, first_seen) " +
                "VALUES (@EventId, @Field, @KeptValue, @KeptSource, @OtherValue, @OtherSource, @Rule, @now) ON CONFLICT DO NOTHING",
                new { c.EventId, c.Field, c.KeptValue, c.KeptSource, OtherValue = c.OtherValue ?? "", c.OtherSource, c.Rule, now }, transaction);
        }

        foreach (var change in plan.Changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (change.Before is null)
            {
                Insert(change.After, now, transaction);
                Audit("insert", change.After.Id, origin, null, EventJson.Serialize(change.After), now, transaction);
            }
            else
            {
                Replace(change.After, now, transaction);
                Audit("update", change.After.Id, origin, EventJson.Serialize(change.Before), EventJson.Serialize(change.After), now, transaction);
            }
        }

        return (new ImportCounts(plan.Added, plan.Updated, plan.Unchanged), plan.Conflicts, fresh);
    }

    private ImportCounts ImportDocuments(List<Document> documents, ChangeOrigin origin, string now, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0;
        foreach (var d in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = _connection.QuerySingleOrDefault<(string links, string topics)?>(
                "SELECT links, topics FROM documents WHERE id = @Id", new { d.Id }, transaction);
            if (stored is null)
            {
                _connection.Execute(
                    "INSERT INTO documents (id, korean_date, published_at, title, body, links, topics, source, importer, dataset, record, created_at, updated_at) " +
                    "VALUES (@id, @date, @published, @title, @body, @links, @topics, @source, @importer, @dataset, @record, @now, @now)",
                    new
                    {
                        id = d.Id,
                        date = d.Date?.ToString(),
                        published = d.PublishedAt?.ToString("O", CultureInfo.InvariantCulture),
                        title = d.Title,
                        body = d.Body,
                        links = JsonSerializer.Serialize(d.Links),
                        topics = JsonSerializer.Serialize(d.Topics),
                        source = d.Source,
                        importer = d.Provenance.Importer,
                        dataset = d.Provenance.Dataset,
                        record = d.Provenance.Record,
                        now,
                    },
                    transaction);
                _connection.Execute("INSERT INTO documents_fts (id, title, body) VALUES (@Id, @Title, @Body)", new { d.Id, d.Title, d.Body }, transaction);
                AuditEntity("insert", "document", d.Id, origin, null, d.Title, now, transaction);
                added++;
                continue;
            }

            var links = JsonSerializer.Deserialize<List<string>>(stored.Value.links) ?? [];
            var topics = JsonSerializer.Deserialize<List<string>>(stored.Value.topics) ?? [];
            var moreLinks = d.Links.Except(links).ToList();
            var moreTopics = d.Topics.Except(topics).ToList();
            if (moreLinks.Count == 0 && moreTopics.Count == 0)
            {
                unchanged++;
                continue;
            }

            _connection.Execute("UPDATE documents SET links = @links, topics = @topics, updated_at = @now WHERE id = @id",
                new { id = d.Id, links = JsonSerializer.Serialize(links.Concat(moreLinks)), topics = JsonSerializer.Serialize(topics.Concat(moreTopics)), now }, transaction);
            AuditEntity("update", "document", d.Id, origin, stored.Value.topics, JsonSerializer.Serialize(topics.Concat(moreTopics)), now, transaction);
            updated++;
        }

        return new ImportCounts(added, updated, unchanged);
    }

    private ImportCounts ImportSignals(List<MediaSignal> signals, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (signals.Count == 0)
        {
            return ImportCounts.None;
        }

        var added = 0;
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO media_signals (global_event_id, day, date_added, actor1_country, actor2_country, action_country, event_code, event_root_code, " +
            "quad_class, goldstein, num_mentions, avg_tone, source_url, importer, dataset, record) VALUES " +
            "($id, $day, $added, $a1, $a2, $action, $code, $root, $quad, $goldstein, $mentions, $tone, $url, $importer, $dataset, $record) " +
            "ON CONFLICT (global_event_id) DO NOTHING";
        var names = new[] { "$id", "$day", "$added", "$a1", "$a2", "$action", "$code", "$root", "$quad", "$goldstein", "$mentions", "$tone", "$url", "$importer", "$dataset", "$record" };
        var parameters = names.Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
        foreach (var s in signals)
        {
            cancellationToken.ThrowIfCancellationRequested();
            object?[] values =
            [
                s.GlobalEventId, s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.DateAdded?.ToString("O", CultureInfo.InvariantCulture),
                s.Actor1Country, s.Actor2Country, s.ActionCountry, s.EventCode, s.EventRootCode, s.QuadClass, s.Goldstein, s.Mentions, s.Tone, s.SourceUrl,
                s.Provenance.Importer, s.Provenance.Dataset, s.Provenance.Record,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            added += command.ExecuteNonQuery();
        }

        var days = signals.Select(s => s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().ToArray();
        _connection.Execute("DELETE FROM signal_days WHERE day IN @days", new { days }, transaction);
        _connection.Execute(
            "INSERT INTO signal_days (day, event_root_code, quad_class, signals, mentions, mean_tone) " +
            "SELECT day, event_root_code, quad_class, count(*), coalesce(sum(num_mentions), 0), avg(avg_tone) FROM media_signals " +
            "WHERE day IN @days GROUP BY day, event_root_code, quad_class",
            new { days }, transaction);
        return new ImportCounts(added, 0, signals.Count - added);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Document>> SearchDocumentsAsync(string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        var match = FullTextQuery(text);
        if (match is null)
        {
            return Task.FromResult<IReadOnlyList<Document>>([]);
        }

        var rows = _connection.Query<DocumentRow>(
            "SELECT d.* FROM documents d WHERE d.id IN (SELECT id FROM documents_fts WHERE documents_fts MATCH @match) " +
            "ORDER BY d.korean_date DESC, d.id LIMIT @limit",
            new { match, limit });
        return Task.FromResult<IReadOnlyList<Document>>([.. rows.Select(r => r.ToDocument())]);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Conflict>> ConflictsAsync(string? eventId = null, CancellationToken cancellationToken = default)
    {
        var rows = _connection.Query<(string event_id, string field, string? kept_value, string kept_source, string? other_value, string other_source, string rule)>(
            "SELECT event_id, field, kept_value, kept_source, other_value, other_source, rule FROM conflicts " +
            "WHERE (@eventId IS NULL OR event_id = @eventId) ORDER BY event_id, field, other_source",
            new { eventId });
        return Task.FromResult<IReadOnlyList<Conflict>>([.. rows.Select(r => new Conflict(r.event_id, r.field, r.kept_value, r.kept_source, r.other_value, r.other_source, r.rule))]);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SignalDay>> SignalDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var rows = _connection.Query<(string day, string event_root_code, long quad_class, long signals, long mentions, double? mean_tone)>(
            "SELECT day, event_root_code, quad_class, signals, mentions, mean_tone FROM signal_days WHERE day BETWEEN @from AND @to ORDER BY day, event_root_code, quad_class",
            new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        return Task.FromResult<IReadOnlyList<SignalDay>>([.. rows.Select(r => new SignalDay(
            DateOnly.ParseExact(r.day, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.event_root_code, (int)r.quad_class, (int)r.signals, r.mentions, r.mean_tone))]);
    }

    /// <inheritdoc/>
    public Task<(long Documents, long Signals, long Conflicts)> MediaCountsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_connection.QuerySingle<(long, long, long)>(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM media_signals), (SELECT count(*) FROM conflicts)"));

    private void AuditEntity(string operation, string entity, string id, ChangeOrigin origin, string? before, string? after, string now, SqliteTransaction transaction) =>
        _connection.Execute(
            "INSERT INTO audit (at, operation, entity, entity_id, origin, before_json, after_json) VALUES (@now, @operation, @entity, @id, @origin, @before, @after)",
            new { now, operation, entity, id, origin = origin.ToString(), before, after }, transaction);

    private sealed class DocumentRow
    {
        public string id { get; set; } = "";
        public string? korean_date { get; set; }
        public string? published_at { get; set; }
        public string title { get; set; } = "";
        public string body { get; set; } = "";
        public string links { get; set; } = "[]";
        public string topics { get; set; } = "[]";
        public string source { get; set; } = "";
        public string importer { get; set; } = "";
        public string dataset { get; set; } = "";
        public string record { get; set; } = "";

        public Document ToDocument() => new()
        {
            Id = id,
            Date = korean_date is null ? null : KoreanDate.Parse(korean_date),
            PublishedAt = published_at is null ? null : DateTimeOffset.Parse(published_at, CultureInfo.InvariantCulture),
            Title = title,
            Body = body,
            Links = JsonSerializer.Deserialize<List<string>>(links) ?? [],
            Topics = JsonSerializer.Deserialize<List<string>>(topics) ?? [],
            Source = source,
            Provenance = new Provenance(importer, dataset, record),
        };
    }
}

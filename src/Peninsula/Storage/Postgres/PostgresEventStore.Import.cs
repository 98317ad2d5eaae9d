using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

public sealed partial class PostgresEventStore
{
    // The key of the advisory lock that serialises imports of media signals, so that the daily
    // aggregates rebuilt by one import include the signals another import committed just before.
    private const long SignalsLock = 0x5369676e616c73;

    /// <inheritdoc/>
    public Task<ImportSummary> ImportAsync(ImportBatch batch, ImportPolicy policy, ChangeOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var e in batch.Events)
        {
            e.Validated(batch.Input);
        }

        return WriteAsync($"importing {batch.Input}", async (connection, transaction) =>
        {
            var now = Now();
            var (events, conflicts, newConflicts) = await ImportEventsAsync(connection, transaction, batch.Events, policy, origin, now, cancellationToken).ConfigureAwait(false);
            var documents = await ImportDocumentsAsync(connection, transaction, batch.Documents, origin, now, cancellationToken).ConfigureAwait(false);
            var signals = await ImportSignalsAsync(connection, transaction, batch.Signals, cancellationToken).ConfigureAwait(false);
            return new ImportSummary(batch.Input, events, documents, signals, conflicts, newConflicts, batch.Rejections, batch.Skipped, batch.Warnings, batch.Rows) { Layout = batch.Layout };
        }, dryRun, cancellationToken);
    }

    private static async Task<(ImportCounts Counts, List<Conflict> Conflicts, int New)> ImportEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Event> incoming, ImportPolicy policy, ChangeOrigin origin, DateTime now, CancellationToken cancellationToken)
    {
        if (incoming.Count == 0)
        {
            return (ImportCounts.None, [], 0);
        }

        // The lock comes before the read: the stored events read below are then the latest, and
        // stay so until this import commits.
        await LockKindsAsync(connection, transaction, incoming.Select(e => e.Kind), cancellationToken).ConfigureAwait(false);
        var stored = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"{SelectEvents} WHERE e.deleted_at IS NULL AND e.kind = ANY(@kinds)",
            new { kinds = incoming.Select(e => e.Kind.Slug()).Distinct().ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var versions = stored.ToDictionary(r => r.id, r => r.version, StringComparer.Ordinal);
        var plan = ImportPlan.Make(stored.Select(r => r.ToEvent()), incoming, policy, origin.Input, cancellationToken);
        var fresh = 0;
        foreach (var c in plan.Conflicts)
        {
            fresh += await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO conflicts (event_id, field, kept_value, kept_source, other_value, other_source, rule, first_seen) " +
                "VALUES (@EventId, @Field, @KeptValue, @KeptSource, @OtherValue, @OtherSource, @Rule, @now) ON CONFLICT DO NOTHING",
                new { c.EventId, c.Field, c.KeptValue, c.KeptSource, OtherValue = c.OtherValue ?? "", c.OtherSource, c.Rule, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        foreach (var change in plan.Changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var e = change.After;
            if (change.Before is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertEvent, EventParameters(e, now), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await WriteChildrenAndAuditAsync(connection, transaction, e, "insert", origin, null, EventJson.Serialize(e), now, cancellationToken).ConfigureAwait(false);
                versions[e.Id] = 1;
                continue;
            }

            await ReplaceAsync(connection, transaction, e, versions[e.Id], origin, EventJson.Serialize(change.Before), now, cancellationToken).ConfigureAwait(false);
            versions[e.Id]++;
        }

        return (new ImportCounts(plan.Added, plan.Updated, plan.Unchanged), plan.Conflicts, fresh);
    }

    private static async Task<ImportCounts> ImportDocumentsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Document> documents, ChangeOrigin origin, DateTime now, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0;
        foreach (var d in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Insert, and only when the id is taken merge links and topics into the stored row
            // under its lock: two imports of the same text store it once and lose no link.
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO documents (id, korean_date, published_at, title, body, links, topics, source, importer, dataset, record, created_at, updated_at) " +
                "VALUES (@id, @date::date, @published::timestamptz, @title, @body, @links::jsonb, @topics::jsonb, @source, @importer, @dataset, @record, @now, @now) " +
                "ON CONFLICT (id) DO NOTHING",
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
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (inserted == 1)
            {
                await AuditEntityAsync(connection, transaction, "insert", "document", d.Id, origin, null, d.Title, now, cancellationToken).ConfigureAwait(false);
                added++;
                continue;
            }

            var stored = await connection.QuerySingleAsync<(string links, string topics)>(new CommandDefinition(
                "SELECT links::text, topics::text FROM documents WHERE id = @Id FOR UPDATE", new { d.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var links = JsonSerializer.Deserialize<List<string>>(stored.links) ?? [];
            var topics = JsonSerializer.Deserialize<List<string>>(stored.topics) ?? [];
            var moreLinks = d.Links.Except(links).ToList();
            var moreTopics = d.Topics.Except(topics).ToList();
            if (moreLinks.Count == 0 && moreTopics.Count == 0)
            {
                unchanged++;
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE documents SET links = @links::jsonb, topics = @topics::jsonb, updated_at = @now WHERE id = @id",
                new { id = d.Id, links = JsonSerializer.Serialize(links.Concat(moreLinks)), topics = JsonSerializer.Serialize(topics.Concat(moreTopics)), now },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await AuditEntityAsync(connection, transaction, "update", "document", d.Id, origin, stored.topics, JsonSerializer.Serialize(topics.Concat(moreTopics)), now, cancellationToken).ConfigureAwait(false);
            updated++;
        }

        return new ImportCounts(added, updated, unchanged);
    }

    private static async Task<ImportCounts> ImportSignalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<MediaSignal> signals, CancellationToken cancellationToken)
    {
        if (signals.Count == 0)
        {
            return ImportCounts.None;
        }

        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = SignalsLock }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var added = 0;
        foreach (var chunk in signals.Chunk(10_000))
        {
            cancellationToken.ThrowIfCancellationRequested();
            added += await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO media_signals (global_event_id, day, date_added, actor1_country, actor2_country, action_country, event_code, event_root_code, " +
                "quad_class, goldstein, num_mentions, avg_tone, source_url, importer, dataset, record) " +
                "SELECT * FROM unnest(@ids::bigint[], @days::date[], @added::timestamptz[], @a1::text[], @a2::text[], @action::text[], @codes::text[], @roots::text[], " +
                "@quads::int[], @goldstein::float8[], @mentions::bigint[], @tones::float8[], @urls::text[], @importers::text[], @datasets::text[], @records::text[]) " +
                "ON CONFLICT (global_event_id) DO NOTHING",
                new
                {
                    ids = chunk.Select(s => s.GlobalEventId).ToArray(),
                    days = chunk.Select(s => s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray(),
                    added = chunk.Select(s => s.DateAdded?.ToString("O", CultureInfo.InvariantCulture)).ToArray(),
                    a1 = chunk.Select(s => s.Actor1Country).ToArray(),
                    a2 = chunk.Select(s => s.Actor2Country).ToArray(),
                    action = chunk.Select(s => s.ActionCountry).ToArray(),
                    codes = chunk.Select(s => s.EventCode).ToArray(),
                    roots = chunk.Select(s => s.EventRootCode).ToArray(),
                    quads = chunk.Select(s => s.QuadClass).ToArray(),
                    goldstein = chunk.Select(s => s.Goldstein).ToArray(),
                    mentions = chunk.Select(s => (long?)s.Mentions).ToArray(),
                    tones = chunk.Select(s => s.Tone).ToArray(),
                    urls = chunk.Select(s => s.SourceUrl).ToArray(),
                    importers = chunk.Select(s => s.Provenance.Importer).ToArray(),
                    datasets = chunk.Select(s => s.Provenance.Dataset).ToArray(),
                    records = chunk.Select(s => s.Provenance.Record).ToArray(),
                },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var days = signals.Select(s => s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM signal_days WHERE day = ANY(@days::date[]); " +
            "INSERT INTO signal_days (day, event_root_code, quad_class, signals, mentions, mean_tone) " +
            "SELECT day, event_root_code, quad_class, count(*), coalesce(sum(num_mentions), 0), avg(avg_tone) FROM media_signals " +
            "WHERE day = ANY(@days::date[]) GROUP BY day, event_root_code, quad_class",
            new { days }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ImportCounts(added, 0, signals.Count - added);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Document>> SearchDocumentsAsync(string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        var parameters = new DynamicParameters();
        parameters.Add("limit", limit);
        if (SearchQuery(text, parameters) is not { } match)
        {
            return Task.FromResult<IReadOnlyList<Document>>([]);
        }

        return ReadAsync<IReadOnlyList<Document>>("searching documents", async connection =>
            [.. (await connection.QueryAsync<DocumentRow>(new CommandDefinition(
                "SELECT d.id, to_char(d.korean_date, 'YYYY-MM-DD') AS korean_date, d.published_at, d.title, d.body, d.links::text AS links, d.topics::text AS topics, " +
                $"d.source, d.importer, d.dataset, d.record FROM documents d WHERE d.search @@ ({match}) ORDER BY d.korean_date DESC NULLS LAST, d.id COLLATE \"C\" LIMIT @limit",
                parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToDocument())],
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Conflict>> ConflictsAsync(string? eventId = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Conflict>>("reading the conflicts", async connection =>
        {
            var rows = await connection.QueryAsync<(string event_id, string field, string? kept_value, string kept_source, string? other_value, string other_source, string rule)>(new CommandDefinition(
                "SELECT event_id, field, kept_value, kept_source, other_value, other_source, rule FROM conflicts " +
                "WHERE (@eventId::text IS NULL OR event_id = @eventId::text) ORDER BY event_id COLLATE \"C\", field COLLATE \"C\", other_source COLLATE \"C\"",
                new { eventId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new Conflict(r.event_id, r.field, r.kept_value, r.kept_source, r.other_value, r.other_source, r.rule))];
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<SignalDay>> SignalDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<SignalDay>>("reading the daily signals", async connection =>
        {
            var rows = await connection.QueryAsync<(string day, string event_root_code, int quad_class, long signals, long mentions, double? mean_tone)>(new CommandDefinition(
                "SELECT to_char(day, 'YYYY-MM-DD'), event_root_code, quad_class, signals, mentions, mean_tone FROM signal_days " +
                "WHERE day BETWEEN @from::date AND @to::date ORDER BY day, event_root_code COLLATE \"C\", quad_class",
                new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new SignalDay(
                DateOnly.ParseExact(r.day, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.event_root_code, r.quad_class, (int)r.signals, r.mentions, r.mean_tone))];
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<(long Documents, long Signals, long Conflicts)> MediaCountsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync("counting documents and signals", connection => connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM media_signals), (SELECT count(*) FROM conflicts)", cancellationToken: cancellationToken)),
            cancellationToken);

    private static Task<int> AuditEntityAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string operation, string entity, string id, ChangeOrigin origin, string? before, string? after, DateTime now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertAudit, new { now, operation, entity, id, origin = origin.ToString(), before, after }, transaction, cancellationToken: cancellationToken));

    private sealed class DocumentRow
    {
        public string id { get; set; } = "";
        public string? korean_date { get; set; }
        public DateTime? published_at { get; set; }
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
            PublishedAt = published_at is null ? null : Utc(published_at.Value),
            Title = title,
            Body = body,
            Links = JsonSerializer.Deserialize<List<string>>(links) ?? [],
            Topics = JsonSerializer.Deserialize<List<string>>(topics) ?? [],
            Source = source,
            Provenance = new Provenance(importer, dataset, record),
        };
    }
}

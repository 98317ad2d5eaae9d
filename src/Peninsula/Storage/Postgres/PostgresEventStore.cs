using System.Globalization;
using System.Net.Sockets;
using Dapper;
using Npgsql;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

/// <summary>
/// The server store: a PostgreSQL database shared by several writers and many readers, with its
/// own migrations, full-text search on <c>tsvector</c> columns and the same audit trail as the
/// SQLite store. Every write is one transaction; concurrent writers are kept apart by unique keys,
/// upserts, row locks and per-kind advisory locks, and edits by a version column.
/// </summary>
public sealed partial class PostgresEventStore : IEventStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;

    private PostgresEventStore(NpgsqlDataSource dataSource, string description, TimeProvider clock)
    {
        _dataSource = dataSource;
        _clock = clock;
        Description = description;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>
    /// Connects to the database named by <paramref name="connectionString"/> (Npgsql's
    /// <c>Host=...;Database=...</c> form) and brings its schema up to date. A database from a newer
    /// schema version is refused with <see cref="StoreVersionException"/> before anything is written.
    /// A server that cannot be reached is a <see cref="StoreException"/> that names it.
    /// </summary>
    public static PostgresEventStore Open(string connectionString, TimeProvider? clock = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.CommandTimeout == 30)
        {
            // Npgsql's default of 30 seconds is too short for the scans of a store of millions of
            // events (InfoAsync, CheckAsync); a connection string can set another (not 30).
            builder.CommandTimeout = 300;
        }

        var description = Describe(builder);
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            using var connection = dataSource.OpenConnection();
            PostgresMigrations.Apply(connection, clock ?? TimeProvider.System, description);
            return new PostgresEventStore(dataSource, description, clock ?? TimeProvider.System);
        }
        catch (Exception ex) when (Translate(ex, description, "opening it") is { } translated)
        {
            dataSource.Dispose();
            throw translated;
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>The schema version of the database, 0 when it holds no Peninsula schema yet; the database is not changed.</summary>
    internal static int SchemaVersionOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return PostgresMigrations.CurrentVersion(connection);
        }
        catch (Exception ex) when (Translate(ex, Describe(builder), "opening it") is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>How the store names itself in messages: database, host and port, never the password.</summary>
    internal static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL database {builder.Database ?? builder.Username ?? "postgres"} on {builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public Task<SaveSummary> SaveAsync(
        IReadOnlyCollection<Event> events, ChangeOrigin origin, bool dryRun = false, IReadOnlyDictionary<string, Event?>? asRead = null, CancellationToken cancellationToken = default)
    {
        StoreRules.CheckSave(events, origin);
        return WriteAsync("saving events", async (connection, transaction) =>
        {
            await LockKindsAsync(connection, transaction, events.Select(e => e.Kind), cancellationToken).ConfigureAwait(false);
            var added = new List<string>();
            var updated = new List<string>();
            var changedSinceRead = new List<string>();
            var unchanged = 0;
            var now = Now();
            foreach (var e in events)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Insert first and look only when the id is taken: a concurrent save of the same
                // event waits on the key and then finds it, instead of both inserting. (An id no
                // row has was read as no event, whatever asRead says: nothing is lost by inserting.)
                var parameters = EventParameters(e, now);
                if (await connection.ExecuteAsync(new CommandDefinition(InsertEvent + " ON CONFLICT (id) DO NOTHING", parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1)
                {
                    await WriteChildrenAndAuditAsync(connection, transaction, e, "insert", origin, null, EventJson.Serialize(e), now, cancellationToken).ConfigureAwait(false);
                    added.Add(e.Id);
                    continue;
                }

                var stored = await LoadAsync(connection, transaction, e.Id, forUpdate: true, cancellationToken).ConfigureAwait(false);
                if (!StoreRules.StillAsRead(asRead, e.Id, stored!.is_deleted ? null : stored.ToEvent()))
                {
                    changedSinceRead.Add(e.Id);
                    continue;
                }

                var before = EventJson.Serialize(stored.ToEvent());
                var after = EventJson.Serialize(e);
                if (before == after && !stored.is_deleted)
                {
                    unchanged++;
                    continue;
                }

                await ReplaceAsync(connection, transaction, e, stored.version, origin, before, now, cancellationToken).ConfigureAwait(false);
                updated.Add(e.Id);
            }

            return new SaveSummary(added, updated, unchanged) { ChangedSinceRead = changedSinceRead };
        }, dryRun, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> AddAsync(Event e, ChangeOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        StoreRules.CheckSave([e], origin);
        return WriteAsync("adding an event", async (connection, transaction) =>
        {
            await LockKindsAsync(connection, transaction, [e.Kind], cancellationToken).ConfigureAwait(false);
            var now = Now();
            // A stored id, deleted or not, keeps the row and the insert does nothing; a concurrent insert of the id waits on the key.
            if (await connection.ExecuteAsync(new CommandDefinition(InsertEvent + " ON CONFLICT (id) DO NOTHING", EventParameters(e, now), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
            {
                return false;
            }

            await WriteChildrenAndAuditAsync(connection, transaction, e, "insert", origin, null, EventJson.Serialize(e), now, cancellationToken).ConfigureAwait(false);
            return true;
        }, dryRun: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Event>> ListAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = Where(query);
        var order = query.NewestFirst
            ? "e.korean_date DESC, e.utc_instant DESC NULLS LAST, e.id COLLATE \"C\" DESC"
            : "e.korean_date, e.utc_instant NULLS FIRST, e.id COLLATE \"C\"";
        var sql = $"{SelectEvents} WHERE {where} ORDER BY {order}" +
                  (query.Limit is { } limit ? $" LIMIT {limit.ToString(CultureInfo.InvariantCulture)}" : "") +
                  (query.Offset > 0 ? $" OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}" : "");
        return ReadAsync<IReadOnlyList<Event>>("listing events", async connection =>
            [.. (await connection.QueryAsync<EventRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToEvent())],
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<Event?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await FindStoredAsync(id, cancellationToken).ConfigureAwait(false))?.Event;

    /// <summary>
    /// The query of <see cref="TakenIdsAsync"/>: "id-" up to "id." (the next character) is every id
    /// that begins with "id-", compared byte by byte (<c>COLLATE "C"</c>, whatever the database's
    /// collation) and read off the index of migration 0007.
    /// </summary>
    internal const string TakenIdsQuery =
        "SELECT id FROM events WHERE deleted_at IS NULL AND (id = @id OR (id COLLATE \"C\" >= @from AND id COLLATE \"C\" < @to))";

    /// <inheritdoc/>
    public Task<IReadOnlySet<string>> TakenIdsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync<IReadOnlySet<string>>("reading event ids", async connection =>
        {
            var ids = await connection.QueryAsync<string>(new CommandDefinition(
                TakenIdsQuery, new { id, from = id + "-", to = id + "." }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return ids.ToHashSet(StringComparer.Ordinal);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<StoredEvent?> FindStoredAsync(string id, CancellationToken cancellationToken = default) =>
        ReadAsync("reading an event", async connection =>
        {
            var row = await LoadAsync(connection, null, id, forUpdate: false, cancellationToken).ConfigureAwait(false);
            return row is null || row.is_deleted ? null : new StoredEvent(row.ToEvent(), row.version);
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<long> UpdateAsync(Event changed, long expectedVersion, ChangeOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(origin);
        changed.Validated(origin.Input);
        return WriteAsync("updating an event", async (connection, transaction) =>
        {
            var stored = await LoadAsync(connection, transaction, changed.Id, forUpdate: true, cancellationToken).ConfigureAwait(false)
                ?? throw new InputException($"there is no event '{changed.Id}' to update.", origin.Input, field: "id");
            if (stored.is_deleted || stored.version != expectedVersion)
            {
                throw new ConcurrencyConflictException(changed.Id, expectedVersion, stored.is_deleted ? null : stored.version);
            }

            await ReplaceAsync(connection, transaction, changed, expectedVersion, origin, EventJson.Serialize(stored.ToEvent()), Now(), cancellationToken).ConfigureAwait(false);
            return expectedVersion + 1;
        }, dryRun: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string id, ChangeOrigin origin, CancellationToken cancellationToken = default) =>
        WriteAsync("deleting an event", async (connection, transaction) =>
        {
            var stored = await LoadAsync(connection, transaction, id, forUpdate: true, cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.is_deleted)
            {
                return false;
            }

            var now = Now();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE events SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE id = @id; " + InsertAudit,
                new { id, now, operation = "delete", entity = "event", origin = origin.ToString(), before = EventJson.Serialize(stored.ToEvent()), after = (string?)null },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, dryRun: false, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string? eventId = null, int limit = 100, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AuditEntry>>("reading the audit trail", async connection =>
        {
            var rows = await connection.QueryAsync<(long sequence, DateTime at, string operation, string entity_id, string origin, string? before_json, string? after_json)>(new CommandDefinition(
                "SELECT sequence, at, operation, entity_id, origin, before_json, after_json FROM audit " +
                "WHERE (@eventId::text IS NULL OR entity_id = @eventId::text) ORDER BY sequence DESC LIMIT @limit",
                new { eventId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new AuditEntry(r.sequence, Utc(r.at), r.operation, r.entity_id, r.origin, r.before_json, r.after_json))];
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default) =>
        ReadAsync("reading a setting", connection =>
            connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("SELECT value FROM settings WHERE key = @key", new { key }, cancellationToken: cancellationToken)),
            cancellationToken);

    /// <inheritdoc/>
    public Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default) =>
        WriteAsync("storing a setting", (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value }, transaction, cancellationToken: cancellationToken)), dryRun: false, cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    /// <summary>Runs a write in one transaction (rolled back for a dry run) and turns connection and disk failures into a <see cref="StoreException"/>.</summary>
    private async Task<T> WriteAsync<T>(string doing, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            if (dryRun)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        catch (Exception ex) when (Translate(ex, Description, doing) is { } translated)
        {
            throw translated;
        }
    }

    private async Task WriteAsync(string doing, Func<NpgsqlConnection, NpgsqlTransaction, Task> work, bool dryRun, CancellationToken cancellationToken) =>
        await WriteAsync<bool>(doing, async (c, t) =>
        {
            await work(c, t).ConfigureAwait(false);
            return true;
        }, dryRun, cancellationToken).ConfigureAwait(false);

    private async Task<T> ReadAsync<T>(string doing, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, Description, doing) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// The failures a person can act on, in plain words: the server unreachable, the connection
    /// lost, the disk full. A write that fails this way was rolled back by the server (its
    /// transaction never committed), so nothing of it is in the store. Null for anything else.
    /// </summary>
    internal static StoreException? Translate(Exception ex, string description, string doing) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.InsufficientResources } p =>
            new StoreException($"{description} ran out of disk space while {doing} ({p.MessageText}); nothing of it was saved. Free space on the database server and run it again.", ex),
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } p =>
            new StoreException($"Lost the connection to {description} while {doing}: {p.MessageText}. The transaction was rolled back; nothing of it was saved. Run it again when the server is back.", ex),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
            new StoreException($"Could not open {description}: {p.MessageText}.", ex),
        NpgsqlException { InnerException: SocketException socket } when doing == "opening it" =>
            new StoreException($"Could not connect to {description}: {socket.Message}. Is the server running, and is the address right?", ex),
        NpgsqlException { InnerException: TimeoutException } =>
            new StoreException($"{description} did not answer in time while {doing}. The transaction was rolled back; nothing of it was saved.", ex),
        NpgsqlException and not PostgresException =>
            new StoreException($"Lost the connection to {description} while {doing} ({ex.Message}). The transaction was rolled back; nothing of it was saved. Run it again when the server is reachable.", ex),
        _ => null,
    };

    /// <summary>
    /// Serialises the writers of the same kinds of event: an import matches incoming records to
    /// the stored events of their kinds (by date window and class, not only by id), so two imports
    /// of overlapping files must not both decide that an event is new. Held until commit; taken
    /// in a fixed order, so two writers cannot deadlock on them.
    /// </summary>
    private static Task<int> LockKindsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<EventKind> kinds, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('peninsula.kind.' || k, 0)) FROM (SELECT DISTINCT unnest(@kinds::text[]) AS k ORDER BY 1) kinds",
            new { kinds = kinds.Select(k => k.Slug()).Distinct().Order(StringComparer.Ordinal).ToArray() }, transaction, cancellationToken: cancellationToken));

    private const string SelectEvents =
        "SELECT e.id, e.kind, e.class, to_char(e.korean_date, 'YYYY-MM-DD') AS korean_date, e.date_precision, to_char(e.end_date, 'YYYY-MM-DD') AS end_date, " +
        "to_char(e.utc_instant AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS utc_instant, e.people::text AS people, e.system_id, e.system_name, " +
        "e.system_aliases::text AS system_aliases, e.site_name, e.site_lat, e.site_lon, e.number_fired, e.apogee_km, e.range_km, e.landing_area, e.yield_kt, e.yield_kt_low, " +
        "e.yield_kt_high, e.magnitude, e.outcome, e.title, e.summary, e.version, e.deleted_at IS NOT NULL AS is_deleted, " +
        "(SELECT coalesce(json_agg(a.actor ORDER BY a.position), '[]')::text FROM event_actors a WHERE a.event_id = e.id) AS actors_json, " +
        "(SELECT coalesce(json_agg(json_build_object('name', s.name, 'url', s.url, 'source_date', s.source_date, 'original_label', s.original_label, " +
        "'dataset', s.dataset, 'record', s.record, 'importer', s.importer) ORDER BY s.position), '[]')::text FROM event_sources s WHERE s.event_id = e.id) AS sources_json " +
        "FROM events e";

    private const string InsertEvent =
        "INSERT INTO events (id, kind, class, korean_date, date_precision, end_date, utc_instant, people, system_id, system_name, system_aliases, " +
        "site_name, site_lat, site_lon, number_fired, apogee_km, range_km, landing_area, yield_kt, yield_kt_low, yield_kt_high, magnitude, outcome, title, summary, " +
        "version, created_at, updated_at) VALUES (@id, @kind, @class, @korean_date::date, @date_precision, @end_date::date, @utc_instant::timestamptz, " +
        "@people::jsonb, @system_id, @system_name, @system_aliases::jsonb, @site_name, @site_lat, @site_lon, @number_fired, @apogee_km, @range_km, @landing_area, @yield_kt, " +
        "@yield_kt_low, @yield_kt_high, @magnitude, @outcome, @title, @summary, 1, @now, @now)";

    private const string InsertChildren =
        "INSERT INTO event_actors (event_id, position, actor) SELECT @id, (t.ord - 1)::int, t.actor FROM unnest(@actors::text[]) WITH ORDINALITY AS t(actor, ord); " +
        "INSERT INTO event_sources (event_id, position, name, url, source_date, original_label, dataset, record, importer) " +
        "SELECT @id, (t.ord - 1)::int, t.name, t.url, t.source_date, t.original_label, t.dataset, t.record, t.importer " +
        "FROM unnest(@source_names::text[], @source_urls::text[], @source_dates::text[], @source_labels::text[], @source_datasets::text[], @source_records::text[], @source_importers::text[]) " +
        "WITH ORDINALITY AS t(name, url, source_date, original_label, dataset, record, importer, ord); ";

    private const string InsertAudit =
        "INSERT INTO audit (at, operation, entity, entity_id, origin, before_json, after_json) VALUES (@now, @operation, @entity, @id, @origin, @before, @after);";

    private static DynamicParameters EventParameters(Event e, DateTime now)
    {
        var parameters = new DynamicParameters(EventRow.Parameters(e));
        parameters.Add("now", now);
        return parameters;
    }

    private static async Task<EventRow?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string id, bool forUpdate, CancellationToken cancellationToken)
    {
        if (forUpdate)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT 1 FROM events WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition($"{SelectEvents} WHERE e.id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Writes an event's actors, sources and audit entry in one round trip.</summary>
    private static Task<int> WriteChildrenAndAuditAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Event e, string operation, ChangeOrigin origin, string? before, string? after, DateTime now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            InsertChildren + InsertAudit,
            new
            {
                id = e.Id,
                actors = e.Actors.ToArray(),
                source_names = e.Sources.Select(s => s.Name).ToArray(),
                source_urls = e.Sources.Select(s => s.Url).ToArray(),
                source_dates = e.Sources.Select(s => s.Date).ToArray(),
                source_labels = e.Sources.Select(s => s.OriginalLabel).ToArray(),
                source_datasets = e.Sources.Select(s => s.Dataset).ToArray(),
                source_records = e.Sources.Select(s => s.Record).ToArray(),
                source_importers = e.Sources.Select(s => s.Importer).ToArray(),
                now,
                operation,
                entity = "event",
                origin = origin.ToString(),
                before,
                after,
            },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Replaces a stored event whose version is <paramref name="expectedVersion"/>; a different version is a lost race.</summary>
    private static async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Event e, long expectedVersion, ChangeOrigin origin, string before, DateTime now, CancellationToken cancellationToken)
    {
        var parameters = EventParameters(e, now);
        parameters.Add("expected", expectedVersion);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE events SET kind = @kind, class = @class, korean_date = @korean_date::date, date_precision = @date_precision, end_date = @end_date::date, " +
            "utc_instant = @utc_instant::timestamptz, people = @people::jsonb, system_id = @system_id, system_name = @system_name, system_aliases = @system_aliases::jsonb, " +
            "site_name = @site_name, site_lat = @site_lat, site_lon = @site_lon, number_fired = @number_fired, apogee_km = @apogee_km, range_km = @range_km, landing_area = @landing_area, " +
            "yield_kt = @yield_kt, yield_kt_low = @yield_kt_low, yield_kt_high = @yield_kt_high, magnitude = @magnitude, outcome = @outcome, title = @title, " +
            "summary = @summary, version = version + 1, deleted_at = NULL, updated_at = @now WHERE id = @id AND version = @expected",
            parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            var stored = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT version FROM events WHERE id = @id AND deleted_at IS NULL", new { id = e.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            throw new ConcurrencyConflictException(e.Id, expectedVersion, stored);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM event_actors WHERE event_id = @id; DELETE FROM event_sources WHERE event_id = @id;", new { id = e.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await WriteChildrenAndAuditAsync(connection, transaction, e, "update", origin, before, EventJson.Serialize(e), now, cancellationToken).ConfigureAwait(false);
    }
}

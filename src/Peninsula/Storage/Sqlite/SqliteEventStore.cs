using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, versioned migrations, FTS5 search and an
/// audit trail. Every write runs in one transaction.
/// </summary>
public sealed partial class SqliteEventStore : IEventStore
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;

    private SqliteEventStore(SqliteConnection connection, string path, TimeProvider clock)
    {
        _connection = connection;
        _clock = clock;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The store's own connection, for settings that hold per connection (the full-disk test caps <c>max_page_count</c>).</summary>
    internal SqliteConnection Connection => _connection;

    /// <inheritdoc/>
    public string Description => $"SQLite database {Path}";

    /// <summary>
    /// Opens (creating if needed) the store at <paramref name="path"/> and brings its schema up to
    /// date. A file from a newer schema version is refused with <see cref="StoreVersionException"/>
    /// before anything is written to it.
    /// </summary>
    public static SqliteEventStore Open(string path, TimeProvider? clock = null)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            var version = SqliteMigrations.CurrentVersion(connection);
            if (version > SqliteMigrations.Latest)
            {
                throw new StoreVersionException(
                    $"{path} has schema version {version}, but this Peninsula knows versions up to {SqliteMigrations.Latest}. " +
                    "It was written by a newer Peninsula; upgrade Peninsula to use it. The file was not changed.");
            }

            connection.Execute("PRAGMA busy_timeout = 60000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            SqliteMigrations.Apply(connection, clock ?? TimeProvider.System);
            return new SqliteEventStore(connection, path, clock ?? TimeProvider.System);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema version of the file, 0 when there is no file yet; the file is not changed.</summary>
    internal static int SchemaVersionOf(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return SqliteMigrations.CurrentVersion(connection);
    }

    /// <inheritdoc/>
    public Task<SaveSummary> SaveAsync(
        IReadOnlyCollection<Event> events, ChangeOrigin origin, bool dryRun = false, IReadOnlyDictionary<string, Event?>? asRead = null, CancellationToken cancellationToken = default)
    {
        StoreRules.CheckSave(events, origin);
        return Task.FromResult(Write("saving events", () => Save(events, origin, dryRun, asRead, cancellationToken)));
    }

    private SaveSummary Save(IReadOnlyCollection<Event> events, ChangeOrigin origin, bool dryRun, IReadOnlyDictionary<string, Event?>? asRead, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        var updated = new List<string>();
        var changedSinceRead = new List<string>();
        var unchanged = 0;
        var now = Now();
        using var transaction = _connection.BeginTransaction();
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = LoadRow(e.Id, includeDeleted: true, transaction);
            if (!StoreRules.StillAsRead(asRead, e.Id, stored is { Deleted: false } live ? live.Event : null))
            {
                changedSinceRead.Add(e.Id);
                continue;
            }

            var after = EventJson.Serialize(e);
            if (stored is null)
            {
                Insert(e, now, transaction);
                Audit("insert", e.Id, origin, null, after, now, transaction);
                added.Add(e.Id);
                continue;
            }

            var before = EventJson.Serialize(stored.Value.Event);
            if (before == after && !stored.Value.Deleted)
            {
                unchanged++;
                continue;
            }

            Replace(e, now, transaction);
            Audit("update", e.Id, origin, before, after, now, transaction);
            updated.Add(e.Id);
        }

        if (dryRun)
        {
            transaction.Rollback();
        }
        else
        {
            transaction.Commit();
        }

        return new SaveSummary(added, updated, unchanged) { ChangedSinceRead = changedSinceRead };
    }

    /// <inheritdoc/>
    public Task<bool> AddAsync(Event e, ChangeOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        StoreRules.CheckSave([e], origin);
        return Task.FromResult(Write("adding an event", () =>
        {
            // BEGIN IMMEDIATE takes the write lock first: nobody can insert the id between the look and the insert.
            using var transaction = _connection.BeginTransaction();
            if (LoadRow(e.Id, includeDeleted: true, transaction) is not null)
            {
                return false;
            }

            var now = Now();
            Insert(e, now, transaction);
            Audit("insert", e.Id, origin, null, EventJson.Serialize(e), now, transaction);
            transaction.Commit();
            return true;
        }));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Event>> ListAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(query);
        var order = query.NewestFirst ? "e.korean_date DESC, e.utc_instant DESC, e.id DESC" : "e.korean_date, e.utc_instant, e.id";
        var sql = $"{SelectEvents} WHERE {where} ORDER BY {order}" +
                  (query.Limit is { } limit ? $" LIMIT {limit.ToString(CultureInfo.InvariantCulture)}" : query.Offset > 0 ? " LIMIT -1" : "") +
                  (query.Offset > 0 ? $" OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}" : "");
        IReadOnlyList<Event> events = [.. _connection.Query<EventRow>(sql, parameters).Select(r => r.ToEvent())];
        return Task.FromResult(events);
    }

    /// <inheritdoc/>
    public Task<Event?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(LoadRow(id, includeDeleted: false, null)?.Event);

    /// <summary>
    /// The query of <see cref="TakenIdsAsync"/>: ids compare byte by byte (BINARY), so "id-" up to
    /// "id." (the next character) is every id that begins with "id-", read off the primary key (a
    /// LIKE would not be: under the default BINARY collation SQLite uses an index for LIKE only
    /// with case_sensitive_like on).
    /// </summary>
    internal const string TakenIdsQuery = "SELECT id FROM events WHERE deleted_at IS NULL AND (id = @id OR (id >= @from AND id < @to))";

    /// <inheritdoc/>
    public Task<IReadOnlySet<string>> TakenIdsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var ids = _connection.Query<string>(TakenIdsQuery, new { id, from = id + "-", to = id + "." });
        return Task.FromResult<IReadOnlySet<string>>(ids.ToHashSet(StringComparer.Ordinal));
    }

    /// <inheritdoc/>
    public Task<StoredEvent?> FindStoredAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = _connection.QuerySingleOrDefault<EventRow>($"{SelectEvents} WHERE e.id = @id AND e.deleted_at IS NULL", new { id });
        return Task.FromResult(row is null ? null : new StoredEvent(row.ToEvent(), row.version));
    }

    /// <inheritdoc/>
    public Task<long> UpdateAsync(Event changed, long expectedVersion, ChangeOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(origin);
        changed.Validated(origin.Input);
        return Task.FromResult(Write("updating an event", () =>
        {
            // BEGIN IMMEDIATE (the default here) takes the write lock first, so that nobody can
            // change the event between the version check and the write.
            using var transaction = _connection.BeginTransaction();
            var stored = _connection.QuerySingleOrDefault<EventRow>($"{SelectEvents} WHERE e.id = @id", new { id = changed.Id }, transaction)
                ?? throw new InputException($"there is no event '{changed.Id}' to update.", origin.Input, field: "id");
            if (stored.is_deleted || stored.version != expectedVersion)
            {
                throw new ConcurrencyConflictException(changed.Id, expectedVersion, stored.is_deleted ? null : stored.version);
            }

            var now = Now();
            Replace(changed, now, transaction);
            Audit("update", changed.Id, origin, EventJson.Serialize(stored.ToEvent()), EventJson.Serialize(changed), now, transaction);
            transaction.Commit();
            return expectedVersion + 1;
        }));
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string id, ChangeOrigin origin, CancellationToken cancellationToken = default) =>
        Task.FromResult(Write("deleting an event", () => Delete(id, origin)));

    private bool Delete(string id, ChangeOrigin origin)
    {
        using var transaction = _connection.BeginTransaction();
        var stored = LoadRow(id, includeDeleted: false, transaction);
        if (stored is null)
        {
            return false;
        }

        var now = Now();
        _connection.Execute("UPDATE events SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE id = @id", new { id, now }, transaction);
        _connection.Execute("DELETE FROM events_fts WHERE id = @id", new { id }, transaction);
        Audit("delete", id, origin, EventJson.Serialize(stored.Value.Event), null, now, transaction);
        transaction.Commit();
        return true;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string? eventId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var rows = _connection.Query<(long sequence, string at, string operation, string entity_id, string origin, string? before_json, string? after_json)>(
            "SELECT sequence, at, operation, entity_id, origin, before_json, after_json FROM audit " +
            "WHERE (@eventId IS NULL OR entity_id = @eventId) ORDER BY sequence DESC LIMIT @limit",
            new { eventId, limit });
        IReadOnlyList<AuditEntry> entries = [.. rows.Select(r => new AuditEntry(
            r.sequence, DateTimeOffset.Parse(r.at, CultureInfo.InvariantCulture), r.operation, r.entity_id, r.origin, r.before_json, r.after_json))];
        return Task.FromResult(entries);
    }

    /// <inheritdoc/>
    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_connection.QuerySingleOrDefault<string?>("SELECT value FROM settings WHERE key = @key", new { key }));

    /// <inheritdoc/>
    public Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        Write("saving a setting", () =>
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute("INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { key, value }, transaction);
            transaction.Commit();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A write that returns nothing, with the failures of <see cref="Write{T}"/>.</summary>
    private void Write(string doing, Action work) => Write(doing, () =>
    {
        work();
        return 0;
    });

    /// <summary>
    /// Runs a write and turns the failures a person can act on into a <see cref="StoreException"/>
    /// that names the store: a full disk (or size limit), an I/O error, a lock held too long. The
    /// transaction has been rolled back by then, so nothing of the write is in the store.
    /// </summary>
    private T Write<T>(string doing, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 13)
        {
            throw new StoreException($"{Description} is full (no space left on the disk, or the database's size limit reached) while {doing}; nothing of it was saved. Free some space and run it again.", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 10)
        {
            throw new StoreException($"{Description} could not be written while {doing} (an I/O error: {ex.Message}); nothing of it was saved.", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 5)
        {
            throw new StoreException($"{Description} stayed locked by another process for more than a minute while {doing}; nothing of it was saved. Run it again.", ex);
        }
    }

    private string Now() => Instant(_clock.GetUtcNow());

    private const string SelectEvents =
        "SELECT e.*, e.deleted_at IS NOT NULL AS is_deleted, " +
        "(SELECT json_group_array(actor) FROM (SELECT actor FROM event_actors a WHERE a.event_id = e.id ORDER BY position)) AS actors_json, " +
        "(SELECT json_group_array(json_object('name', name, 'url', url, 'source_date', source_date, 'original_label', original_label, 'dataset', dataset, 'record', record, 'importer', importer)) " +
        " FROM (SELECT * FROM event_sources s WHERE s.event_id = e.id ORDER BY position)) AS sources_json " +
        "FROM events e";

    private (Event Event, bool Deleted)? LoadRow(string id, bool includeDeleted, SqliteTransaction? transaction)
    {
        var row = _connection.QuerySingleOrDefault<EventRow>($"{SelectEvents} WHERE e.id = @id", new { id }, transaction);
        if (row is null || (row.is_deleted && !includeDeleted))
        {
            return null;
        }

        return (row.ToEvent(), row.is_deleted);
    }

    private void Insert(Event e, string now, SqliteTransaction transaction)
    {
        _connection.Execute(
            "INSERT INTO events (id, kind, class, korean_date, date_precision, end_date, utc_instant, people, system_id, system_name, system_aliases, " +
            "site_name, site_lat, site_lon, number_fired, apogee_km, range_km, landing_area, yield_kt, yield_kt_low, yield_kt_high, magnitude, outcome, title, summary, " +
            "version, created_at, updated_at) VALUES (@id, @kind, @class, @korean_date, @date_precision, @end_date, @utc_instant, @people, @system_id, @system_name, " +
            "@system_aliases, @site_name, @site_lat, @site_lon, @number_fired, @apogee_km, @range_km, @landing_area, @yield_kt, @yield_kt_low, @yield_kt_high, @magnitude, " +
            "@outcome, @title, @summary, 1, '" + now + "', '" + now + "')",
            EventRow.Parameters(e), transaction);
        InsertChildren(e, transaction);
    }

    private void Replace(Event e, string now, SqliteTransaction transaction)
    {
        _connection.Execute(
            "UPDATE events SET kind = @kind, class = @class, korean_date = @korean_date, date_precision = @date_precision, end_date = @end_date, " +
            "utc_instant = @utc_instant, people = @people, system_id = @system_id, system_name = @system_name, system_aliases = @system_aliases, site_name = @site_name, " +
            "site_lat = @site_lat, site_lon = @site_lon, number_fired = @number_fired, apogee_km = @apogee_km, range_km = @range_km, landing_area = @landing_area, yield_kt = @yield_kt, " +
            "yield_kt_low = @yield_kt_low, yield_kt_high = @yield_kt_high, magnitude = @magnitude, outcome = @outcome, title = @title, summary = @summary, " +
            "version = version + 1, deleted_at = NULL, updated_at = '" + now + "' WHERE id = @id",
            EventRow.Parameters(e), transaction);
        _connection.Execute("DELETE FROM event_actors WHERE event_id = @id; DELETE FROM event_sources WHERE event_id = @id; DELETE FROM events_fts WHERE id = @id;",
            new { id = e.Id }, transaction);
        InsertChildren(e, transaction);
    }

    private void InsertChildren(Event e, SqliteTransaction transaction)
    {
        _connection.Execute("INSERT INTO event_actors (event_id, position, actor) VALUES (@id, @position, @actor)",
            e.Actors.Select((actor, position) => new { id = e.Id, position, actor }), transaction);
        _connection.Execute(
            "INSERT INTO event_sources (event_id, position, name, url, source_date, original_label, dataset, record, importer) " +
            "VALUES (@id, @position, @name, @url, @date, @label, @dataset, @record, @importer)",
            e.Sources.Select((s, position) => new
            {
                id = e.Id,
                position,
                name = s.Name,
                url = s.Url,
                date = s.Date,
                label = s.OriginalLabel,
                dataset = s.Dataset,
                record = s.Record,
                importer = s.Importer,
            }),
            transaction);
        _connection.Execute("INSERT INTO events_fts (id, title, summary, systems, people) VALUES (@id, @title, @summary, @systems, @people)",
            new { id = e.Id, title = e.Title, summary = e.Summary ?? "", systems = EventRow.SystemsText(e), people = string.Join(" ", e.People) }, transaction);
    }

    private void Audit(string operation, string id, ChangeOrigin origin, string? before, string? after, string now, SqliteTransaction transaction) =>
        _connection.Execute(
            "INSERT INTO audit (at, operation, entity, entity_id, origin, before_json, after_json) VALUES (@now, @operation, 'event', @id, @origin, @before, @after)",
            new { now, operation, id, origin = origin.ToString(), before, after }, transaction);
}

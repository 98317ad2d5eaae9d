using System.Globalization;
using Dapper;
using Peninsula.Watch;

namespace Peninsula.Storage;

public sealed partial class SqliteEventStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<FeedWatch>> WatchesAsync(CancellationToken cancellationToken = default)
    {
        var rows = _connection.Query<(string name, string url, long every_seconds, string? etag, string? last_modified, string? last_polled_at, string? next_poll_at, long failures, string? last_status)>(
            "SELECT name, url, every_seconds, etag, last_modified, last_polled_at, next_poll_at, failures, last_status FROM watches ORDER BY name");
        return Task.FromResult<IReadOnlyList<FeedWatch>>([.. rows.Select(r => new FeedWatch
        {
            Name = r.name,
            Url = new Uri(r.url),
            Every = TimeSpan.FromSeconds(r.every_seconds),
            ETag = r.etag,
            LastModified = r.last_modified,
            LastPolledAt = Instant(r.last_polled_at),
            NextPollAt = Instant(r.next_poll_at),
            Failures = (int)r.failures,
            LastStatus = r.last_status,
        })]);
    }

    /// <inheritdoc/>
    public Task AddWatchAsync(FeedWatch watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        Write("adding a watched feed", () =>
        {
            using var transaction = _connection.BeginTransaction();
            var clash = _connection.QuerySingleOrDefault<string?>("SELECT name FROM watches WHERE name = @name OR url = @url",
                new { name = watch.Name, url = watch.Url.ToString() }, transaction);
            if (clash is not null)
            {
                throw new InputException($"'{clash}' already watches that name or address; 'peninsula watch list' shows the watched feeds.", field: "url");
            }

            _connection.Execute(
                "INSERT INTO watches (name, url, every_seconds, created_at) VALUES (@name, @url, @every, @now)",
                new { name = watch.Name, url = watch.Url.ToString(), every = (long)watch.Every.TotalSeconds, now = Now() }, transaction);
            Log(watch.Name, $"added {watch.Url}, every {FeedWatch.WriteEvery(watch.Every)}", transaction);
            transaction.Commit();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> RemoveWatchAsync(string name, CancellationToken cancellationToken = default)
    {
        return Task.FromResult(Write("removing a watched feed", () =>
        {
            using var transaction = _connection.BeginTransaction();
            var removed = _connection.Execute("DELETE FROM watches WHERE name = @name", new { name }, transaction) > 0;
            if (removed)
            {
                Log(name, "removed", transaction);
            }

            transaction.Commit();
            return removed;
        }));
    }

    /// <inheritdoc/>
    public Task SaveWatchAsync(FeedWatch watch, string logMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        Write("saving a feed's poll", () =>
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute(
                "UPDATE watches SET etag = @ETag, last_modified = @LastModified, last_polled_at = @polled, next_poll_at = @next, failures = @Failures, last_status = @LastStatus WHERE name = @Name",
                new { watch.ETag, watch.LastModified, polled = Text(watch.LastPolledAt), next = Text(watch.NextPollAt), watch.Failures, watch.LastStatus, watch.Name }, transaction);
            Log(watch.Name, logMessage, transaction);
            transaction.Commit();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WatchLogEntry>> WatchLogAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        var rows = _connection.Query<(string at, string name, string message)>("SELECT at, name, message FROM watch_log ORDER BY sequence DESC LIMIT @limit", new { limit });
        return Task.FromResult<IReadOnlyList<WatchLogEntry>>([.. rows.Select(r => new WatchLogEntry(Instant(r.at)!.Value, r.name, r.message))]);
    }

    private void Log(string name, string message, Microsoft.Data.Sqlite.SqliteTransaction transaction) =>
        _connection.Execute("INSERT INTO watch_log (at, name, message) VALUES (@now, @name, @message)", new { now = Now(), name, message }, transaction);

    private static DateTimeOffset? Instant(string? text) => text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? Text(DateTimeOffset? instant) => instant?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

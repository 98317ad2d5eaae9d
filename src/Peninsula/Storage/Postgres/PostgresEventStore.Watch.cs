using Dapper;
using Npgsql;
using Peninsula.Watch;

namespace Peninsula.Storage;

public sealed partial class PostgresEventStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<FeedWatch>> WatchesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<FeedWatch>>("reading the watched feeds", async connection =>
        {
            var rows = await connection.QueryAsync<(string name, string url, long every_seconds, string? etag, string? last_modified, DateTime? last_polled_at, DateTime? next_poll_at, long failures, string? last_status)>(new CommandDefinition(
                "SELECT name, url, every_seconds, etag, last_modified, last_polled_at, next_poll_at, failures, last_status FROM watches ORDER BY name COLLATE \"C\"",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new FeedWatch
            {
                Name = r.name,
                Url = new Uri(r.url),
                Every = TimeSpan.FromSeconds(r.every_seconds),
                ETag = r.etag,
                LastModified = r.last_modified,
                LastPolledAt = r.last_polled_at is { } polled ? Utc(polled) : null,
                NextPollAt = r.next_poll_at is { } next ? Utc(next) : null,
                Failures = (int)r.failures,
                LastStatus = r.last_status,
            })];
        }, cancellationToken);

    /// <inheritdoc/>
    public Task AddWatchAsync(FeedWatch watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return WriteAsync("adding a watched feed", async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO watches (name, url, every_seconds, created_at) VALUES (@name, @url, @every, @now) ON CONFLICT DO NOTHING",
                new { name = watch.Name, url = watch.Url.ToString(), every = (long)watch.Every.TotalSeconds, now = Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (inserted == 0)
            {
                var clash = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                    "SELECT name FROM watches WHERE name = @name OR url = @url", new { name = watch.Name, url = watch.Url.ToString() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                throw new InputException($"'{clash ?? watch.Name}' already watches that name or address; 'peninsula watch list' shows the watched feeds.", field: "url");
            }

            await LogAsync(connection, transaction, watch.Name, $"added {watch.Url}, every {FeedWatch.WriteEvery(watch.Every)}", cancellationToken).ConfigureAwait(false);
        }, dryRun: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> RemoveWatchAsync(string name, CancellationToken cancellationToken = default) =>
        WriteAsync("removing a watched feed", async (connection, transaction) =>
        {
            var removed = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM watches WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
            if (removed)
            {
                await LogAsync(connection, transaction, name, "removed", cancellationToken).ConfigureAwait(false);
            }

            return removed;
        }, dryRun: false, cancellationToken);

    /// <inheritdoc/>
    public Task SaveWatchAsync(FeedWatch watch, string logMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return WriteAsync("saving a watched feed", async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE watches SET etag = @ETag, last_modified = @LastModified, last_polled_at = @polled, next_poll_at = @next, failures = @Failures, last_status = @LastStatus WHERE name = @Name",
                new { watch.ETag, watch.LastModified, polled = watch.LastPolledAt?.UtcDateTime, next = watch.NextPollAt?.UtcDateTime, watch.Failures, watch.LastStatus, watch.Name },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await LogAsync(connection, transaction, watch.Name, logMessage, cancellationToken).ConfigureAwait(false);
        }, dryRun: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WatchLogEntry>> WatchLogAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<WatchLogEntry>>("reading the watch log", async connection =>
        {
            var rows = await connection.QueryAsync<(DateTime at, string name, string message)>(new CommandDefinition(
                "SELECT at, name, message FROM watch_log ORDER BY sequence DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new WatchLogEntry(Utc(r.at), r.name, r.message))];
        }, cancellationToken);

    private Task<int> LogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string message, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO watch_log (at, name, message) VALUES (@now, @name, @message)", new { now = Now(), name, message }, transaction, cancellationToken: cancellationToken));
}

using Dapper;
using Peninsula.Access;

namespace Peninsula.Storage;

/// <summary>The store's version stamp and its API keys.</summary>
public sealed partial class PostgresEventStore
{
    /// <inheritdoc/>
    public Task<long> ChangeCountAsync(CancellationToken cancellationToken = default) =>
        ReadAsync("reading the change count", async connection =>
            await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(sequence) FROM audit", cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0,
            cancellationToken);

    /// <inheritdoc/>
    public Task AddApiKeyAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync("adding an API key", async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO api_keys (name, hash, prefix, created_at) VALUES (@Name, @Hash, @Prefix, @created) ON CONFLICT (name) DO NOTHING",
                new { key.Name, key.Hash, key.Prefix, created = key.CreatedAt.UtcDateTime }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (inserted == 0)
            {
                throw new InputException($"There is already a key named '{key.Name}'. Choose another name, or revoke and remove that one first.", field: "name");
            }
        }, dryRun: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApiKey>> ApiKeysAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ApiKey>>("listing API keys", async connection =>
            [.. (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition("SELECT * FROM api_keys ORDER BY name COLLATE \"C\"", cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToKey())],
            cancellationToken);

    /// <inheritdoc/>
    public Task<ApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default) =>
        ReadAsync("reading an API key", async connection =>
            (await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition("SELECT * FROM api_keys WHERE hash = @hash", new { hash }, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToKey(),
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RevokeApiKeyAsync(string name, CancellationToken cancellationToken = default) =>
        WriteAsync("revoking an API key", async (connection, transaction) =>
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL", new { name, now = Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0,
            dryRun: false, cancellationToken);

#pragma warning disable IDE1006, CA1812 // Dapper maps the columns by name; instantiated by Dapper.
    private sealed record ApiKeyRow(string name, string hash, string prefix, DateTime created_at, DateTime? revoked_at)
    {
        public ApiKey ToKey() => new(name, hash, prefix, Utc(created_at), revoked_at is { } at ? Utc(at) : null);
    }
#pragma warning restore IDE1006, CA1812
}

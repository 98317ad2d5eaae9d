using System.Globalization;
using Dapper;
using Peninsula.Access;

namespace Peninsula.Storage;

/// <summary>The store's version stamp and its API keys.</summary>
public sealed partial class SqliteEventStore
{
    /// <inheritdoc/>
    public Task<long> ChangeCountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_connection.ExecuteScalar<long?>("SELECT max(sequence) FROM audit") ?? 0);

    /// <inheritdoc/>
    public Task AddApiKeyAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Write("adding an API key", () =>
        {
            using var transaction = _connection.BeginTransaction();
            if (_connection.ExecuteScalar<long>("SELECT count(*) FROM api_keys WHERE name = @name", new { name = key.Name }, transaction) > 0)
            {
                throw new InputException($"There is already a key named '{key.Name}'. Choose another name, or revoke and remove that one first.", field: "name");
            }

            _connection.Execute(
                "INSERT INTO api_keys (name, hash, prefix, created_at) VALUES (@Name, @Hash, @Prefix, @created)",
                new { key.Name, key.Hash, key.Prefix, created = Instant(key.CreatedAt) }, transaction);
            transaction.Commit();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApiKey>> ApiKeysAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ApiKey> keys = [.. _connection.Query<ApiKeyRow>("SELECT * FROM api_keys ORDER BY name").Select(r => r.ToKey())];
        return Task.FromResult(keys);
    }

    /// <inheritdoc/>
    public Task<ApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_connection.QuerySingleOrDefault<ApiKeyRow>("SELECT * FROM api_keys WHERE hash = @hash", new { hash })?.ToKey());

    /// <inheritdoc/>
    public Task<bool> RevokeApiKeyAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Write("revoking an API key", () => _connection.Execute(
            "UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL", new { name, now = Now() }) > 0));

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

#pragma warning disable IDE1006, CA1812 // Dapper maps the columns by name; instantiated by Dapper.
    private sealed record ApiKeyRow(string name, string hash, string prefix, string created_at, string? revoked_at)
    {
        public ApiKey ToKey() => new(
            name, hash, prefix,
            DateTimeOffset.Parse(created_at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            revoked_at is null ? null : DateTimeOffset.Parse(revoked_at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }
#pragma warning restore IDE1006, CA1812
}

using Peninsula.Access;
using Peninsula.Storage;

namespace Peninsula.Tests.Cli;

public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_key_is_shown_once_stored_only_as_its_hash_listed_and_revoked()
    {
        var db = _folder.File("keys.db");
        var (exit, output, _) = await CliRunner.RunAsync(db, "apikey", "create", "analyst-laptop");
        Assert.Equal(0, exit);
        var secret = output.Trim();
        Assert.StartsWith(ApiKey.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length > 40, "a key with 256 bits of randomness");

        await using (var store = EventStores.Open(db))
        {
            var key = Assert.Single(await store.ApiKeysAsync());
            Assert.Equal(ApiKey.HashOf(secret), key.Hash);
            Assert.Equal(key, await store.FindApiKeyAsync(ApiKey.HashOf(secret)));
        }

        Assert.DoesNotContain(secret, File.ReadAllText(db, System.Text.Encoding.Latin1), StringComparison.Ordinal);

        var (_, listed, _) = await CliRunner.RunAsync(db, "apikey", "list");
        Assert.Contains("analyst-laptop", listed, StringComparison.Ordinal);
        Assert.Contains("in force", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRunner.RunAsync(db, "apikey", "revoke", "analyst-laptop")).Exit);
        var (_, after, _) = await CliRunner.RunAsync(db, "apikey", "list");
        Assert.Contains("revoked", after, StringComparison.Ordinal);

        var (again, _, error) = await CliRunner.RunAsync(db, "apikey", "revoke", "analyst-laptop");
        Assert.Equal(1, again);
        Assert.Contains("no key 'analyst-laptop' in force", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_already_used_is_refused()
    {
        var db = _folder.File("keys.db");
        Assert.Equal(0, (await CliRunner.RunAsync(db, "apikey", "create", "feeds")).Exit);

        var (exit, _, error) = await CliRunner.RunAsync(db, "apikey", "create", "feeds");

        Assert.Equal(1, exit);
        Assert.Contains("already a key named 'feeds'", error, StringComparison.Ordinal);
    }
}

using Microsoft.Data.Sqlite;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

/// <summary>The store contract on SQLite, and what only the embedded store does.</summary>
public sealed class SqliteEventStoreTests : EventStoreContract<SqliteBackend>
{
    private static readonly ChangeOrigin Test = new("test");

    [Fact]
    public async Task A_new_store_is_in_wal_mode()
    {
        await using (var store = OpenStore())
        {
            await store.InfoAsync();
        }

        using var connection = new SqliteConnection($"Data Source={Backend.Location};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused_and_left_untouched()
    {
        var path = Backend.Location;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE future (x); PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<StoreVersionException>(() => SqliteEventStore.Open(path));
        Assert.Contains("schema version 99", error.Message);
        Assert.Contains("not changed", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public async Task The_integrity_check_finds_a_broken_search_index()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);
        await Backend.ExecuteAsync("DELETE FROM events_fts WHERE id = '2024-03-17-blinken-visit'");

        var report = await store.CheckAsync();
        Assert.Contains(report.Problems, p => p.Contains("2024-03-17-blinken-visit") && p.Contains("search index"));
    }

    [Fact]
    public async Task A_full_disk_stops_an_import_with_a_clear_error_and_leaves_the_store_intact()
    {
        await using var store = SqliteEventStore.Open(Backend.Location, CliRunner.Clock);
        await store.SaveAsync([Sample.Visit()], Test);
        // As good as a full disk: SQLite may not grow the file past a few more pages.
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = "PRAGMA page_count";
            var pages = (long)command.ExecuteScalar()!;
            command.CommandText = $"PRAGMA max_page_count = {pages + 20}";
            command.ExecuteNonQuery();
        }

        var events = Enumerable.Range(0, 2000).Select(Bulk).ToList();
        var error = await Assert.ThrowsAsync<StoreException>(() => store.SaveAsync(events, new ChangeOrigin("import", "large.json")));

        Assert.Contains("is full", error.Message);
        Assert.Contains("nothing of it was saved", error.Message);
        Assert.Equal(1, (await store.InfoAsync()).Events);
        Assert.True((await store.CheckAsync()).IsHealthy);
    }
}

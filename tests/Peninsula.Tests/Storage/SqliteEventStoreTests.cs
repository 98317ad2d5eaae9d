using Microsoft.Data.Sqlite;
using Peninsula.Detection;
using Peninsula.Events;
using Peninsula.Import;
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

    /// <summary>The store's small writes, each as a user's command makes it.</summary>
    public static TheoryData<string> SmallWrites => ["watch add", "watch poll", "watch remove", "key add", "key revoke", "setting", "proposal", "detected"];

    private static Task SmallWriteAsync(SqliteEventStore store, string write)
    {
        var watch = new Peninsula.Watch.FeedWatch { Name = "kcna", Url = new Uri("https://example.org/kcna.rss"), Every = TimeSpan.FromMinutes(30) };
        var report = new Document
        {
            Id = "a-1",
            Date = new KoreanDate(2026, 11, 18),
            Title = "N. Korea fires ballistic missiles",
            Body = "North Korea fired two short-range ballistic missiles on Wednesday, the Joint Chiefs of Staff said.",
            Links = ["https://yonhap.example/a-1"],
            Source = "Yonhap",
            Provenance = new Provenance("feed/1", "test", "a-1"),
        };
        return write switch
        {
            "watch add" => store.AddWatchAsync(watch),
            "watch poll" => store.SaveWatchAsync(watch, "not modified"),
            "watch remove" => store.RemoveWatchAsync("kcna"),
            "key add" => store.AddApiKeyAsync(Access.ApiKey.Create("analyst", CliRunner.Clock.GetUtcNow()).Key),
            "key revoke" => store.RevokeApiKeyAsync("analyst"),
            "setting" => store.SetSettingAsync("bundle", "2"),
            "proposal" => store.ProposeAsync(Assert.Single(new EventDetector([]).Detect([DetectionInput.Of(report)!]))),
            "detected" => store.MarkDetectedAsync(["a-1"]),
            _ => throw new ArgumentOutOfRangeException(nameof(write), write, null),
        };
    }

    [Theory]
    [MemberData(nameof(SmallWrites))]
    public async Task A_small_write_to_a_database_another_process_holds_locked_says_so_plainly(string write)
    {
        await using var store = SqliteEventStore.Open(Backend.Location, CliRunner.Clock);
        await store.InfoAsync();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = "PRAGMA busy_timeout = 50";
            command.ExecuteNonQuery();
        }

        using var other = new SqliteConnection($"Data Source={Backend.Location};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction(deferred: false);

        var error = await Assert.ThrowsAsync<StoreException>(() => SmallWriteAsync(store, write));

        Assert.Contains("stayed locked by another process", error.Message);
        Assert.Contains("nothing of it was saved", error.Message);
    }
}

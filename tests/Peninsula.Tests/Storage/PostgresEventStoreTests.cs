using Dapper;
using Npgsql;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

/// <summary>
/// The store contract on PostgreSQL (a server named by <c>PENINSULA_TEST_POSTGRES</c>), and what
/// only a server store meets: a newer schema on the server, a lost connection, a full tablespace.
/// </summary>
public sealed class PostgresEventStoreTests : EventStoreContract<PostgresBackend>
{
    private static readonly ChangeOrigin Test = new("test");

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_and_left_untouched()
    {
        await using (var store = OpenStore())
        {
            await store.InfoAsync();
        }

        await Backend.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', now())");

        var error = Assert.Throws<StoreVersionException>(() => Backend.Open());
        Assert.Contains("schema version 99", error.Message);
        Assert.Contains("not changed", error.Message);
        Assert.Equal(PostgresMigrations.All.Count + 1, await Backend.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Losing_the_connection_in_the_middle_of_an_import_is_a_clear_error_and_saves_nothing_of_it()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Visit()], Test);
        var batch = new ImportBatch { Input = "large.csv" };
        // Three days apart, so that the import keeps them apart as different launches.
        batch.Events.AddRange(Enumerable.Range(0, 3000).Select(i => Sample.Launch(
            $"spread-{i}", new DateOnly(2000, 1, 1).AddDays(3 * i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) with
        { UtcInstant = null }));

        var import = store.ImportAsync(batch, ImportPolicy.Default, new ChangeOrigin("import", "large.csv"));
        long[] writers;
        while ((writers = await Backend.WritersAsync()).Length == 0)
        {
            Assert.False(import.IsCompleted, "the import finished before its connection could be cut");
            await Task.Delay(5);
        }

        await Backend.ExecuteAsync($"SELECT pg_terminate_backend({writers[0]})");
        var error = await Assert.ThrowsAsync<StoreException>(() => import);

        Assert.Contains("Lost the connection to PostgreSQL database", error.Message);
        Assert.Contains("importing large.csv", error.Message);
        Assert.Contains("nothing of it was saved", error.Message);
        Assert.Equal(1, (await store.InfoAsync()).Events);
        Assert.Equal(1, await Backend.ScalarAsync("SELECT count(*) FROM audit"));
        Assert.True((await store.CheckAsync()).IsHealthy);
    }

    [Fact]
    public async Task A_full_disk_stops_an_import_with_a_clear_error_and_leaves_the_store_intact()
    {
        var tablespace = PostgresBackend.Available(PostgresBackend.FullTablespaceVariable, "a tablespace on a small file system (.ci/postgres.sh makes one when run as root)");
        using var backend = new PostgresBackend(tablespace);
        await using var store = backend.Open();
        await store.SaveAsync([Sample.Visit()], Test);

        var events = Enumerable.Range(0, 40_000).Select(Bulk).ToList();
        var error = await Assert.ThrowsAsync<StoreException>(() => store.SaveAsync(events, new ChangeOrigin("import", "large.json")));

        Assert.Contains("ran out of disk space", error.Message);
        Assert.Contains("nothing of it was saved", error.Message);
        Assert.Equal(1, (await store.InfoAsync()).Events);
        Assert.True((await store.CheckAsync()).IsHealthy);
    }

    [Fact]
    public async Task Search_uses_the_generated_text_vector()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);
        await using var connection = new NpgsqlConnection(Backend.Location);
        var vector = await connection.ExecuteScalarAsync<string>("SELECT search::text FROM events");
        Assert.Contains("'hwasong'", vector);
        Assert.Contains("'kn'", vector);
        Assert.Single(await store.ListAsync(new EventQuery { Text = "KN-99 alias" }));
    }
}

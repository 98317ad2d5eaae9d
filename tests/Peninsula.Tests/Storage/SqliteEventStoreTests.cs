using Microsoft.Data.Sqlite;
using Peninsula.Events;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

public sealed class SqliteEventStoreTests : IDisposable
{
    private static readonly ChangeOrigin Test = new("test");
    private readonly TempFolder _folder = new();

    private SqliteEventStore OpenStore() => SqliteEventStore.Open(_folder.File("store.db"), CliRunner.Clock);

    public void Dispose() => _folder.Dispose();

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_new_store_gets_the_latest_schema_in_wal_mode()
    {
        await using (var store = OpenStore())
        {
            var info = await store.InfoAsync();
            Assert.Equal(info.LatestSchemaVersion, info.SchemaVersion);
            Assert.Equal(0, info.Events);
        }

        Assert.Equal(SqliteMigrations.Latest, Scalar(_folder.File("store.db"), "SELECT count(*) FROM schema_migrations"));
        using var connection = new SqliteConnection($"Data Source={_folder.File("store.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Reopening_a_store_applies_no_migration_twice()
    {
        await using (var store = OpenStore())
        {
            await store.SaveAsync([Sample.Launch()], Test);
        }

        await using (var again = OpenStore())
        {
            Assert.NotNull(await again.FindAsync(Sample.Launch().Id));
        }

        Assert.Equal(SqliteMigrations.Latest, Scalar(_folder.File("store.db"), "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused_and_left_untouched()
    {
        var path = _folder.File("newer.db");
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
    public async Task Saving_inserts_new_events_and_audits_each_insert()
    {
        await using var store = OpenStore();
        var summary = await store.SaveAsync([Sample.Launch(), Sample.Visit()], new ChangeOrigin("import", "a.json"));

        Assert.Equal([Sample.Launch().Id, Sample.Visit().Id], summary.Added);
        Assert.Equal(Sample.Launch(), await store.FindAsync(Sample.Launch().Id), EventComparer.Instance);
        var audit = await store.AuditAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("insert", a.Operation));
        Assert.All(audit, a => Assert.Equal("import a.json", a.Origin));
        Assert.All(audit, a => Assert.Null(a.Before));
    }

    [Fact]
    public async Task Saving_the_same_events_twice_changes_nothing()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);
        var again = await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);

        Assert.Empty(again.Added);
        Assert.Empty(again.Updated);
        Assert.Equal(2, again.Unchanged);
        Assert.Equal(2, (await store.AuditAsync()).Count);
    }

    [Fact]
    public async Task An_update_keeps_the_event_before_and_after_in_the_audit_trail()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);
        var changed = Sample.Launch() with { Figures = new EventFigures { NumberFired = 1, ApogeeKm = 7700 } };
        var summary = await store.SaveAsync([changed], new ChangeOrigin("import", "newer.json"));

        Assert.Equal([changed.Id], summary.Updated);
        Assert.Equal(7700, (await store.FindAsync(changed.Id))!.Figures.ApogeeKm);
        var update = (await store.AuditAsync(changed.Id))[0];
        Assert.Equal("update", update.Operation);
        Assert.Contains("\"apogee_km\":7687", update.Before);
        Assert.Contains("\"apogee_km\":7700", update.After);
    }

    [Fact]
    public async Task A_batch_with_one_invalid_event_writes_nothing()
    {
        await using var store = OpenStore();
        var bad = Sample.Visit() with { Actors = ["Atlantis"] };
        await Assert.ThrowsAsync<InputException>(() => store.SaveAsync([Sample.Launch(), bad], Test));

        Assert.Equal(0, (await store.InfoAsync()).Events);
        Assert.Empty(await store.AuditAsync());
    }

    [Fact]
    public async Task A_save_that_fails_part_way_is_rolled_back_whole()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Visit()], Test);
        using (var connection = new SqliteConnection($"Data Source={_folder.File("store.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The 25th insert fails inside the transaction, as a full disk or a lost connection would.
            command.CommandText = "CREATE TRIGGER fail_midway BEFORE INSERT ON events WHEN NEW.id = 'launch-25' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;";
            command.ExecuteNonQuery();
        }

        var events = Enumerable.Range(1, 50).Select(i => Sample.Launch($"launch-{i}")).ToList();
        await Assert.ThrowsAsync<SqliteException>(() => store.SaveAsync(events, Test));

        Assert.Equal(1, (await store.InfoAsync()).Events);
        Assert.Single(await store.AuditAsync());
    }

    [Fact]
    public async Task A_dry_run_reports_the_changes_and_writes_nothing()
    {
        await using var store = OpenStore();
        var summary = await store.SaveAsync([Sample.Launch()], Test, dryRun: true);

        Assert.Single(summary.Added);
        Assert.Null(await store.FindAsync(Sample.Launch().Id));
        Assert.Empty(await store.AuditAsync());
    }

    [Fact]
    public async Task A_delete_is_soft_audited_and_undone_by_saving_again()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);

        Assert.True(await store.DeleteAsync(Sample.Launch().Id, new ChangeOrigin("events delete")));
        Assert.Null(await store.FindAsync(Sample.Launch().Id));
        Assert.Empty(await store.ListAsync(EventQuery.All));
        var info = await store.InfoAsync();
        Assert.Equal((0, 1), (info.Events, info.Deleted));
        Assert.Equal("delete", (await store.AuditAsync())[0].Operation);

        var restored = await store.SaveAsync([Sample.Launch()], Test);
        Assert.Equal([Sample.Launch().Id], restored.Updated);
        Assert.NotNull(await store.FindAsync(Sample.Launch().Id));
        Assert.False(await store.DeleteAsync("no-such-event", Test));
    }

    [Theory]
    [InlineData("hwasong")]
    [InlineData("Hwasong-19")]
    [InlineData("KN-99")]
    [InlineData("flight longest")]
    public async Task Full_text_search_finds_words_in_titles_summaries_and_system_names(string text)
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);
        var found = await store.ListAsync(new EventQuery { Text = text });
        Assert.Equal([Sample.Launch().Id], found.Select(e => e.Id));
    }

    [Theory]
    [InlineData("Blinken")]
    [InlineData("\"democracy")]
    [InlineData("summit AND OR NOT (")]
    public async Task Full_text_search_finds_people_and_takes_any_punctuation_as_plain_text(string text)
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);
        var found = await store.ListAsync(new EventQuery { Text = text });
        Assert.Equal(text.StartsWith("summit", StringComparison.Ordinal) ? [] : [Sample.Visit().Id], found.Select(e => e.Id));
    }

    [Fact]
    public async Task Filters_combine_kind_class_system_alias_actor_and_overlapping_dates()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);

        async Task<string[]> Ids(EventQuery q) => [.. (await store.ListAsync(q)).Select(e => e.Id)];
        Assert.Equal([Sample.Launch().Id], await Ids(new EventQuery { Kinds = [EventKind.MissileLaunch], Classes = ["icbm"] }));
        Assert.Equal([Sample.Launch().Id], await Ids(new EventQuery { System = "kn-99 TEST alias" }));
        Assert.Equal([Sample.Visit().Id], await Ids(new EventQuery { Actor = "US" }));
        // The visit runs 2024-03-17..19: a window that starts on its last day still overlaps it.
        Assert.Equal([Sample.Visit().Id], await Ids(new EventQuery { Since = new KoreanDate(2024, 3, 19), Until = new KoreanDate(2024, 3, 20) }));
        Assert.Empty(await Ids(new EventQuery { Since = new KoreanDate(2024, 3, 20), Until = new KoreanDate(2024, 10, 30) }));
        Assert.Equal([Sample.Visit().Id, Sample.Launch().Id], await Ids(EventQuery.All));
    }

    [Fact]
    public async Task The_integrity_check_passes_on_a_healthy_store_and_finds_a_broken_search_index()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);
        Assert.True((await store.CheckAsync()).IsHealthy);

        using (var connection = new SqliteConnection($"Data Source={_folder.File("store.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM events_fts WHERE id = '2024-03-17-blinken-visit'";
            command.ExecuteNonQuery();
        }

        var report = await store.CheckAsync();
        Assert.False(report.IsHealthy);
        Assert.Contains(report.Problems, p => p.Contains("2024-03-17-blinken-visit") && p.Contains("search index"));
    }

    [Fact]
    public async Task One_save_may_not_name_the_same_id_twice()
    {
        await using var store = OpenStore();
        var error = await Assert.ThrowsAsync<InputException>(() => store.SaveAsync([Sample.Launch(), Sample.Launch()], Test));
        Assert.Equal("id", error.Field);
    }
}

/// <summary>Compares events by their canonical JSON, so lists compare by content.</summary>
internal sealed class EventComparer : IEqualityComparer<Event?>
{
    public static readonly EventComparer Instance = new();

    public bool Equals(Event? x, Event? y) =>
        x is null || y is null ? x is null && y is null : Peninsula.Import.EventJson.Serialize(x) == Peninsula.Import.EventJson.Serialize(y);

    public int GetHashCode(Event? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
}

public sealed class EmptyStoreRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Exporting_the_record_and_importing_it_into_an_empty_store_gives_the_same_record()
    {
        var exported = new StringWriter();
        Peninsula.Import.EventJson.Write(Peninsula.Record.BundledRecord.Events, exported);

        await using var empty = SqliteEventStore.Open(_folder.File("empty.db"));
        var events = Peninsula.Import.EventJson.Read(exported.ToString(), "record.json");
        var summary = await empty.SaveAsync(events, new ChangeOrigin("import", "record.json"));

        Assert.Equal(Peninsula.Record.BundledRecord.Events.Count, summary.Added.Count);
        var stored = await empty.ListAsync(EventQuery.All);
        Assert.Equal(
            Peninsula.Record.BundledRecord.Events.OrderBy(e => e.Id, StringComparer.Ordinal),
            stored.OrderBy(e => e.Id, StringComparer.Ordinal),
            EventComparer.Instance);
        Assert.True((await empty.CheckAsync()).IsHealthy);
    }
}

using System.Diagnostics;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Questions;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

/// <summary>
/// What every store must do, whatever the backend: each backend's test class derives from this
/// one with its own <see cref="StoreBackend"/>, so SQLite and PostgreSQL run the same tests.
/// </summary>
public abstract class EventStoreContract<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private static readonly ChangeOrigin Test = new("test");

    protected TBackend Backend { get; } = new();

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    protected IEventStore OpenStore() => Backend.Open();

    [Fact]
    public async Task A_new_store_gets_the_latest_schema()
    {
        await using var store = OpenStore();
        var info = await store.InfoAsync();
        Assert.Equal(info.LatestSchemaVersion, info.SchemaVersion);
        Assert.Equal(0, info.Events);
        Assert.Equal(info.LatestSchemaVersion, await Backend.ScalarAsync("SELECT max(version) FROM schema_migrations"));
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
            Assert.Equal(await Backend.ScalarAsync("SELECT count(DISTINCT version) FROM schema_migrations"), await Backend.ScalarAsync("SELECT count(*) FROM schema_migrations"));
            Assert.Equal((await again.InfoAsync()).LatestSchemaVersion, await Backend.ScalarAsync("SELECT max(version) FROM schema_migrations"));
        }
    }

    [Fact]
    public async Task A_launchs_landing_area_is_stored_with_its_other_figures()
    {
        await using var store = OpenStore();
        var launch = Sample.Launch() with { Figures = Sample.Launch().Figures with { LandingArea = "sea-of-japan" } };
        await store.SaveAsync([launch], Test);

        Assert.Equal("sea-of-japan", (await store.FindAsync(launch.Id))!.Figures.LandingArea);
        Assert.Equal(1, await Backend.ScalarAsync("SELECT count(*) FROM events WHERE landing_area = 'sea-of-japan'"));
    }

    [Fact]
    public async Task A_store_from_before_the_landing_area_column_gets_it_from_the_summarys_sentence()
    {
        // Before schema 8 the merge wrote a launch's landing area only into its summary; such a
        // store, deleted launches and all, gets the figure when it is opened, and keeps the sentence.
        var summary = "North Korea launched an intercontinental ballistic missile. Landing area: sea of japan. Outcome: success.";
        var launch = Sample.Launch() with { Summary = summary };
        var deleted = Sample.Launch("2024-11-05-srbm", "2024-11-05") with { Class = "srbm", System = null, UtcInstant = null, Summary = "Reported apogee 100 km. Landing area: yellow sea." };
        var visit = Sample.Visit();
        await using (var store = OpenStore())
        {
            await store.SaveAsync([launch, deleted, visit], Test);
            await store.DeleteAsync(deleted.Id, Test);
        }

        // Back to version 7: the later steps undone too.
        await Backend.ExecuteAsync("ALTER TABLE question_forecasts DROP COLUMN withdrawn; ALTER TABLE question_forecasts DROP COLUMN entered; ALTER TABLE events DROP COLUMN landing_area;" + Backend.ForgetMigrationsFrom(8));
        await using (var store = OpenStore())
        {
            var migrated = (await store.FindAsync(launch.Id))!;
            Assert.Equal("sea-of-japan", migrated.Figures.LandingArea);
            Assert.Equal(summary, migrated.Summary);
            Assert.Null((await store.FindAsync(visit.Id))!.Figures.LandingArea);
            Assert.Equal(1, await Backend.ScalarAsync($"SELECT count(*) FROM events WHERE id = '{deleted.Id}' AND landing_area = 'yellow-sea'"));
        }

        await using (var again = OpenStore())
        {
            Assert.Equal("sea-of-japan", (await again.FindAsync(launch.Id))!.Figures.LandingArea);
            Assert.Equal(await Backend.ScalarAsync("SELECT count(DISTINCT version) FROM schema_migrations"), await Backend.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        }
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
        Assert.All(audit, a => Assert.Equal(CliRunner.Clock.GetUtcNow(), a.At));
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
    public async Task The_ids_an_event_numbered_after_an_id_could_take_are_that_id_and_its_numbered_ones_without_the_deleted()
    {
        await using var store = OpenStore();
        const string id = "2024-10-31-icbm";
        await store.SaveAsync(
            [Sample.Launch(id), Sample.Launch(id + "-2"), Sample.Launch(id + "-3"), Sample.Launch(id + "-hwasong-19"), Sample.Launch(id + "2"), Sample.Launch("2024-10-31-icb")],
            Test);
        await store.DeleteAsync(id + "-3", Test);

        var taken = await store.TakenIdsAsync(id);

        Assert.Equal([id, id + "-2", id + "-hwasong-19"], taken.Order(StringComparer.Ordinal));
        Assert.Empty(await store.TakenIdsAsync("2025-01-01-srbm"));
    }

    [Fact]
    public async Task The_ids_an_event_numbered_after_an_id_could_take_are_read_off_an_index_not_by_scanning_every_event()
    {
        await using (OpenStore())
        {
        }

        var plan = await Backend.PlanAsync(Backend.TakenIdsQuery, new { id = "2024-10-31-icbm", from = "2024-10-31-icbm-", to = "2024-10-31-icbm." });

        Assert.DoesNotContain("SCAN events", plan, StringComparison.Ordinal); // SQLite
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal); // PostgreSQL
        Assert.Matches(@"SEARCH events USING \w*INDEX \w+ \(id>\? AND id<\?\)|Index \w*\s*(Scan|Cond).*ix_events_id_bytes|ix_events_id_bytes", plan);
    }

    [Fact]
    public async Task The_bundled_records_disagreements_are_listed_only_for_a_store_that_holds_the_bundled_record()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);
        var one = Peninsula.Record.BundledRecord.Disagreements[0].EventId;

        var without = await EventStores.ConflictsAsync(store);
        await EventStores.EnsureBundledRecordAsync(store);
        var with = await EventStores.ConflictsAsync(store);
        var ofOne = await EventStores.ConflictsAsync(store, one);

        Assert.Empty(without.Bundled);
        Assert.Equal(Peninsula.Record.BundledRecord.Disagreements, with.Bundled);
        Assert.NotEmpty(ofOne.Bundled);
        Assert.All(ofOne.Bundled, c => Assert.Equal(one, c.EventId));
    }

    [Fact]
    public async Task A_newer_bundled_record_keeps_the_sources_imports_and_watched_feeds_added_to_its_events()
    {
        await using var store = OpenStore();
        await EventStores.EnsureBundledRecordAsync(store);
        var bundled = Peninsula.Record.BundledRecord.Events.First(e => e.Kind == EventKind.MissileLaunch && e.Sources.Count > 0);
        var watched = new EventSource("QA Wire", "https://wire.example/2024/launch", "2024-10-31", "North Korea fires a missile", Importer: "detect/1");
        var stale = new EventSource("An older bundle", "https://old.example/table", null, null);
        await store.SaveAsync([bundled with { Sources = [.. bundled.Sources, watched, stale] }], new ChangeOrigin("watch", "QA Wire"));
        await store.SetSettingAsync("bundled_record_fingerprint", "the fingerprint of an older Peninsula");

        Assert.NotNull(await EventStores.EnsureBundledRecordAsync(store));

        var kept = (await store.FindAsync(bundled.Id))!.Sources;
        Assert.Equal([.. bundled.Sources, watched], kept);
        Assert.DoesNotContain(stale, kept);
    }

    [Fact]
    public async Task A_bundled_event_someone_deleted_stays_deleted_when_a_newer_bundled_record_is_loaded()
    {
        await using var store = OpenStore();
        await EventStores.EnsureBundledRecordAsync(store);
        var bundled = Peninsula.Record.BundledRecord.Events.First(e => e.Kind == EventKind.MissileLaunch);
        await store.DeleteAsync(bundled.Id, new ChangeOrigin("api", "analyst: a duplicate"));
        await store.SetSettingAsync("bundled_record_fingerprint", "the fingerprint of an older Peninsula");

        var summary = await EventStores.EnsureBundledRecordAsync(store);

        Assert.Null(await store.FindAsync(bundled.Id));
        Assert.DoesNotContain(bundled.Id, summary!.Added);
        Assert.Equal("delete", (await store.AuditAsync(bundled.Id, limit: 1)).Single().Operation);
        Assert.Equal(Peninsula.Record.BundledRecord.Events.Count - 1, (await store.ListAsync(EventQuery.All)).Count);
    }

    [Fact]
    public async Task A_source_added_to_a_bundled_event_while_a_newer_bundled_record_is_merged_in_is_kept()
    {
        await using var store = OpenStore();
        await using var other = OpenStore();
        await EventStores.EnsureBundledRecordAsync(store);
        var bundled = Peninsula.Record.BundledRecord.Events.First(e => e.Kind == EventKind.MissileLaunch && e.Sources.Count > 0);
        var watched = new EventSource("QA Wire", "https://wire.example/2024/launch", "2024-10-31", "North Korea fires a missile", Importer: "detect/1");
        await store.SetSettingAsync("bundled_record_fingerprint", "the fingerprint of an older Peninsula");
        // A review accept in a running server adds a report to the event after the update read the record.
        var racing = Interleaved.Wrap(store, nameof(IEventStore.ListAsync), async () =>
        {
            var read = (await other.FindStoredAsync(bundled.Id))!;
            await other.UpdateAsync(read.Event with { Sources = [.. read.Event.Sources, watched] }, read.Version, new ChangeOrigin("review accept", "r-1"));
        });

        var summary = await EventStores.EnsureBundledRecordAsync(racing);

        Assert.Equal([.. bundled.Sources, watched], (await store.FindAsync(bundled.Id))!.Sources);
        Assert.Equal(Peninsula.Record.BundledRecord.Events.Count, summary!.Added.Count + summary.Updated.Count + summary.Unchanged);
        Assert.Null(await EventStores.EnsureBundledRecordAsync(store));
    }

    [Fact]
    public async Task A_save_leaves_alone_an_event_changed_since_the_caller_read_it_and_names_it()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);
        var read = (await store.FindAsync(Sample.Launch().Id))!;
        await store.SaveAsync([read with { Title = "Changed by someone else" }], Test);

        var summary = await store.SaveAsync(
            [read with { Summary = "Worked out from what was read" }, Sample.Visit()], Test,
            asRead: new Dictionary<string, Event?> { [read.Id] = read, [Sample.Visit().Id] = null });

        Assert.Equal([read.Id], summary.ChangedSinceRead);
        Assert.Equal([Sample.Visit().Id], summary.Added);
        Assert.Equal("Changed by someone else", (await store.FindAsync(read.Id))!.Title);
    }

    [Fact]
    public async Task A_newer_bundled_record_keeps_the_fields_an_edit_set_and_updates_the_ones_only_the_bundle_set_again_and_again()
    {
        await using var store = OpenStore();
        await EventStores.EnsureBundledRecordAsync(store);
        var bundled = Peninsula.Record.BundledRecord.Events.First(e => e.Kind == EventKind.MissileLaunch && e.Summary is not null);
        // An older Peninsula's bundle said something else in the summary; then an analyst retitled the event.
        await store.SaveAsync([bundled with { Summary = "What an older bundle said." }], new ChangeOrigin("bundled-record", "older"));
        var stored = (await store.FindStoredAsync(bundled.Id))!;
        await store.UpdateAsync(stored.Event with { Title = "Retitled by an analyst" }, stored.Version, new ChangeOrigin("api", "kim"));

        foreach (var round in new[] { "first", "second" })
        {
            await store.SetSettingAsync("bundled_record_fingerprint", $"an older Peninsula's fingerprint ({round} update)");
            await EventStores.EnsureBundledRecordAsync(store);

            var now = (await store.FindAsync(bundled.Id))!;
            Assert.Equal("Retitled by an analyst", now.Title);
            Assert.Equal(bundled.Summary, now.Summary);
            Assert.Equal(bundled.Date, now.Date);
        }
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
        // The 25th insert fails inside the transaction, as a full disk or a lost connection would.
        await Backend.ExecuteAsync(Backend.FailInsertOf("launch-25"));

        var events = Enumerable.Range(1, 50).Select(i => Sample.Launch($"launch-{i}")).ToList();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(events, Test));

        Assert.Contains("simulated failure", error.Message);
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
        Assert.Equal([Sample.Visit().Id, Sample.Launch().Id], await Ids(new EventQuery { Kinds = [EventKind.MissileLaunch, EventKind.DiplomaticVisit] }));
        Assert.Equal([Sample.Visit().Id, Sample.Launch().Id], await Ids(new EventQuery { Classes = ["us-secretary-of-state", "icbm"] }));
        Assert.Empty(await Ids(new EventQuery { Kinds = [EventKind.Summit, EventKind.NuclearTest] }));
        Assert.Equal([Sample.Launch().Id], await Ids(new EventQuery { System = "kn-99 TEST alias" }));
        Assert.Equal([Sample.Visit().Id], await Ids(new EventQuery { Actor = "US" }));
        // The visit runs 2024-03-17..19: a window that starts on its last day still overlaps it.
        Assert.Equal([Sample.Visit().Id], await Ids(new EventQuery { Since = new KoreanDate(2024, 3, 19), Until = new KoreanDate(2024, 3, 20) }));
        Assert.Empty(await Ids(new EventQuery { Since = new KoreanDate(2024, 3, 20), Until = new KoreanDate(2024, 10, 30) }));
        Assert.Equal([Sample.Visit().Id, Sample.Launch().Id], await Ids(EventQuery.All));
    }

    [Fact]
    public async Task A_since_filter_keeps_every_event_still_running_on_that_day_however_long_it_lasts()
    {
        await using var store = OpenStore();
        var exercise = Sample.Visit() with { Id = "2023-08-01-long-exercise", Kind = EventKind.MilitaryExercise, Class = "us-rok", Date = new KoreanDate(2023, 8, 1), EndDate = new KoreanDate(2023, 8, 31) };
        await store.SaveAsync([Sample.Launch(), Sample.Visit(), exercise], Test);

        async Task<string[]> Since(int year, int month, int day) =>
            [.. (await store.ListAsync(new EventQuery { Since = new KoreanDate(year, month, day) })).Select(e => e.Id)];
        Assert.Contains(exercise.Id, await Since(2023, 8, 31));
        Assert.DoesNotContain(exercise.Id, await Since(2023, 9, 1));

        // Lengthened to run into 2024 (about eight months longer than any event before): still found.
        var stored = await store.FindStoredAsync(exercise.Id);
        await store.UpdateAsync(exercise with { EndDate = new KoreanDate(2024, 4, 30) }, stored!.Version, Test);
        Assert.Equal([exercise.Id, Sample.Visit().Id], (await Since(2024, 3, 18)).Where(id => id != Sample.Launch().Id));
        Assert.Contains(exercise.Id, await Since(2024, 4, 30));
        Assert.DoesNotContain(exercise.Id, await Since(2024, 5, 1));

        // A deleted long event is not listed, and the shorter ones still are.
        await store.DeleteAsync(exercise.Id, Test);
        Assert.Equal([Sample.Visit().Id], (await Since(2024, 3, 18)).Where(id => id != Sample.Launch().Id));
    }

    [Fact]
    public async Task Events_of_one_day_list_in_order_of_their_instant_with_unknown_instants_first()
    {
        await using var store = OpenStore();
        var late = Sample.Launch("b-late") with { UtcInstant = new DateTimeOffset(2024, 10, 31, 5, 0, 0, TimeSpan.Zero) };
        var early = Sample.Launch("c-early") with { UtcInstant = new DateTimeOffset(2024, 10, 30, 22, 0, 0, TimeSpan.Zero) };
        var unknown = Sample.Launch("d-unknown") with { UtcInstant = null };
        await store.SaveAsync([late, early, unknown], Test);

        Assert.Equal(["d-unknown", "c-early", "b-late"], (await store.ListAsync(EventQuery.All)).Select(e => e.Id));
        Assert.Equal(["d-unknown"], (await store.ListAsync(new EventQuery { Limit = 1 })).Select(e => e.Id));
    }

    [Fact]
    public async Task Pages_newest_first_follow_one_another_and_the_change_count_grows_with_every_change()
    {
        await using var store = OpenStore();
        Assert.Equal(0, await store.ChangeCountAsync());
        var launches = Enumerable.Range(1, 9).Select(d => Sample.Launch($"2024-10-{d:00}-launch", $"2024-10-{d:00}") with { UtcInstant = null }).ToList();
        await store.SaveAsync(launches, Test);
        var afterSave = await store.ChangeCountAsync();
        Assert.True(afterSave >= launches.Count);

        var pages = new List<string>();
        for (var offset = 0; offset < 12; offset += 4)
        {
            pages.AddRange((await store.ListAsync(new EventQuery { NewestFirst = true, Limit = 4, Offset = offset })).Select(e => e.Id));
        }

        Assert.Equal(launches.Select(e => e.Id).Reverse(), pages);
        Assert.Equal(["2024-10-03-launch", "2024-10-04-launch"], (await store.ListAsync(new EventQuery { Offset = 2, Limit = 2 })).Select(e => e.Id));

        await store.DeleteAsync("2024-10-05-launch", Test);
        Assert.True(await store.ChangeCountAsync() > afterSave);
    }

    [Fact]
    public async Task Api_keys_are_kept_by_hash_found_listed_and_revoked()
    {
        await using var store = OpenStore();
        var (key, secret) = Access.ApiKey.Create("analyst", new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));
        await store.AddApiKeyAsync(key);

        Assert.Equal(key, await store.FindApiKeyAsync(Access.ApiKey.HashOf(secret)));
        Assert.Null(await store.FindApiKeyAsync(Access.ApiKey.HashOf(secret + "x")));
        await Assert.ThrowsAsync<InputException>(() => store.AddApiKeyAsync(Access.ApiKey.Create("analyst", key.CreatedAt).Key));

        Assert.True(await store.RevokeApiKeyAsync("analyst"));
        Assert.False(await store.RevokeApiKeyAsync("analyst"));
        var revoked = Assert.Single(await store.ApiKeysAsync());
        Assert.False(revoked.IsActive);
        Assert.False((await store.FindApiKeyAsync(key.Hash))!.IsActive);
    }

    [Fact]
    public async Task The_integrity_check_passes_on_a_healthy_store_and_finds_an_event_missing_from_the_audit_trail()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch(), Sample.Visit()], Test);
        Assert.True((await store.CheckAsync()).IsHealthy);

        await Backend.ExecuteAsync("DELETE FROM audit WHERE entity_id = '2024-03-17-blinken-visit'");

        var report = await store.CheckAsync();
        Assert.False(report.IsHealthy);
        Assert.Contains(report.Problems, p => p.Contains("2024-03-17-blinken-visit") && p.Contains("no audit entry"));
    }

    [Fact]
    public async Task One_save_may_not_name_the_same_id_twice()
    {
        await using var store = OpenStore();
        var error = await Assert.ThrowsAsync<InputException>(() => store.SaveAsync([Sample.Launch(), Sample.Launch()], Test));
        Assert.Equal("id", error.Field);
    }

    [Fact]
    public async Task Settings_are_stored_and_replaced()
    {
        await using var store = OpenStore();
        Assert.Null(await store.GetSettingAsync("colour"));
        await store.SetSettingAsync("colour", "red");
        await store.SetSettingAsync("colour", "blue");
        Assert.Equal("blue", await store.GetSettingAsync("colour"));
    }

    [Fact]
    public async Task Exporting_the_record_and_importing_it_into_an_empty_store_gives_the_same_record()
    {
        var exported = new StringWriter();
        EventJson.Write(Peninsula.Record.BundledRecord.Events, exported);

        await using var empty = OpenStore();
        var events = EventJson.Read(exported.ToString(), "record.json");
        var summary = await empty.SaveAsync(events, new ChangeOrigin("import", "record.json"));

        Assert.Equal(Peninsula.Record.BundledRecord.Events.Count, summary.Added.Count);
        var stored = await empty.ListAsync(EventQuery.All);
        Assert.Equal(
            Peninsula.Record.BundledRecord.Events.OrderBy(e => e.Id, StringComparer.Ordinal),
            stored.OrderBy(e => e.Id, StringComparer.Ordinal),
            EventComparer.Instance);
        Assert.True((await empty.CheckAsync()).IsHealthy);
    }

    [Fact]
    public async Task Documents_signals_and_conflicts_are_stored_once_however_often_they_are_imported()
    {
        await using var store = OpenStore();
        var batch = SampleBatch();
        var first = await store.ImportAsync(batch, ImportPolicy.Default, Test);
        var second = await store.ImportAsync(SampleBatch(), ImportPolicy.Default, Test);

        Assert.Equal((1, 2), (first.Documents.Added, first.Signals.Added));
        Assert.True(second.ChangedNothing);
        Assert.Equal((1L, 2L, 0L), await store.MediaCountsAsync());
        Assert.Equal(["Tone of the day"], (await store.SearchDocumentsAsync("tone day")).Select(d => d.Title));
        var days = await store.SignalDaysAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2));
        Assert.Equal([(2, 30L)], days.Select(d => (d.Signals, d.Mentions)));
        Assert.True((await store.CheckAsync()).IsHealthy);
    }

    [Fact]
    public async Task Watches_are_added_saved_listed_logged_and_removed()
    {
        await using var store = OpenStore();
        var watch = new Peninsula.Watch.FeedWatch { Name = "kcna", Url = new Uri("https://example.org/kcna.rss"), Every = TimeSpan.FromMinutes(30) };
        await store.AddWatchAsync(watch);
        await Assert.ThrowsAsync<InputException>(() => store.AddWatchAsync(watch with { Name = "again" }));
        var polled = watch with { ETag = "\"abc\"", LastPolledAt = CliRunner.Clock.GetUtcNow(), Failures = 1, LastStatus = "304" };
        await store.SaveWatchAsync(polled, "not modified");

        var listed = Assert.Single(await store.WatchesAsync());
        Assert.Equal(("\"abc\"", CliRunner.Clock.GetUtcNow(), 1), (listed.ETag, listed.LastPolledAt, listed.Failures));
        Assert.True(await store.RemoveWatchAsync("kcna"));
        Assert.Empty(await store.WatchesAsync());
        Assert.Equal(["removed", "not modified", "added https://example.org/kcna.rss, every 30m"], (await store.WatchLogAsync()).Select(l => l.Message));
    }

    [Fact]
    public async Task An_edit_based_on_what_was_read_is_saved_and_bumps_the_version()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);
        var read = (await store.FindStoredAsync(Sample.Launch().Id))!;

        var version = await store.UpdateAsync(read.Event with { Title = "Edited" }, read.Version, new ChangeOrigin("edit"));

        Assert.Equal(read.Version + 1, version);
        Assert.Equal(("Edited", version), ((await store.FindStoredAsync(read.Event.Id))!.Event.Title, (await store.FindStoredAsync(read.Event.Id))!.Version));
        Assert.Equal("update", (await store.AuditAsync(read.Event.Id))[0].Operation);
    }

    [Fact]
    public async Task Of_two_edits_from_the_same_version_the_second_gets_a_conflict_and_changes_nothing()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);
        var alice = (await store.FindStoredAsync(Sample.Launch().Id))!;
        var bob = (await store.FindStoredAsync(Sample.Launch().Id))!;

        await store.UpdateAsync(alice.Event with { Title = "Alice's title" }, alice.Version, new ChangeOrigin("edit alice"));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.UpdateAsync(bob.Event with { Title = "Bob's title" }, bob.Version, new ChangeOrigin("edit bob")));

        Assert.Contains("changed by someone else", conflict.Message);
        Assert.Equal((bob.Version, bob.Version + 1), (conflict.ExpectedVersion, conflict.StoredVersion));
        Assert.Equal("Alice's title", (await store.FindAsync(Sample.Launch().Id))!.Title);
        Assert.Equal(2, (await store.AuditAsync(Sample.Launch().Id)).Count);
    }

    [Fact]
    public async Task Edits_racing_from_two_connections_leave_one_winner_and_one_conflict()
    {
        await using (var setup = OpenStore())
        {
            await setup.SaveAsync([Sample.Launch()], Test);
        }

        await using var first = OpenStore();
        await using var second = OpenStore();
        var read = (await first.FindStoredAsync(Sample.Launch().Id))!;
        var outcomes = await Task.WhenAll(
            Attempt(first, read.Event with { Title = "First" }),
            Attempt(second, read.Event with { Title = "Second" }));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Single(outcomes.OfType<ConcurrencyConflictException>());
        Assert.Equal(read.Version + 1, (await first.FindStoredAsync(read.Event.Id))!.Version);

        async Task<Exception?> Attempt(IEventStore store, Event edit)
        {
            try
            {
                await store.UpdateAsync(edit, read.Version, Test);
                return null;
            }
            catch (ConcurrencyConflictException ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task Adding_an_event_whose_id_is_taken_by_a_stored_or_deleted_event_writes_nothing_and_says_so()
    {
        await using var store = OpenStore();
        Assert.True(await store.AddAsync(Sample.Launch(), Test));
        Assert.False(await store.AddAsync(Sample.Launch() with { Title = "Another launch" }, Test));
        await store.SaveAsync([Sample.Visit()], Test);
        await store.DeleteAsync(Sample.Visit().Id, Test);
        Assert.False(await store.AddAsync(Sample.Visit() with { Title = "Another visit" }, Test));

        Assert.Equal(Sample.Launch(), await store.FindAsync(Sample.Launch().Id), EventComparer.Instance);
        Assert.Null(await store.FindAsync(Sample.Visit().Id));
        Assert.Equal(["delete", "insert", "insert"], (await store.AuditAsync()).Select(a => a.Operation));
    }

    private static HandEntry LaunchByHand(string title, string? id = null) => new()
    {
        Id = id,
        Kind = "missile-launch",
        Class = "srbm",
        Date = "2025-07-08",
        Title = title,
        Actors = ["DPRK"],
        SourceUrls = [$"https://example.org/{title.Replace(' ', '-')}"],
    };

    [Fact]
    public async Task Two_launches_of_one_day_entered_by_hand_at_once_are_both_kept_the_later_one_numbered()
    {
        await using var store = OpenStore();
        await using var other = OpenStore();
        // Another 'events add' (or review accept) writes the day's first launch after this one read the ids taken.
        var racing = Interleaved.Wrap(store, nameof(IEventStore.TakenIdsAsync), () => LaunchByHand("Second launch").AddAsync(other, Test));

        var added = await LaunchByHand("First launch").AddAsync(racing, Test);

        Assert.Equal("2025-07-08-srbm-2", added.Id);
        Assert.Equal(
            [("2025-07-08-srbm", "Second launch"), ("2025-07-08-srbm-2", "First launch")],
            (await store.ListAsync(EventQuery.All)).Select(e => (e.Id, e.Title)));
        Assert.All(await store.AuditAsync(), a => Assert.Equal("insert", a.Operation));
    }

    [Fact]
    public async Task An_event_entered_by_hand_with_an_id_another_writer_took_meanwhile_is_refused_and_theirs_is_kept()
    {
        await using var store = OpenStore();
        await using var other = OpenStore();
        var racing = Interleaved.Wrap(store, nameof(IEventStore.TakenIdsAsync), () => LaunchByHand("Theirs", "2025-07-08-kn-23").AddAsync(other, Test));

        var refused = await Assert.ThrowsAsync<InputException>(() => LaunchByHand("Mine", "2025-07-08-kn-23").AddAsync(racing, Test));

        Assert.Equal("--id", refused.Field);
        Assert.Contains("there is already an event '2025-07-08-kn-23'", refused.Message);
        Assert.Equal("Theirs", (await store.FindAsync("2025-07-08-kn-23"))!.Title);
    }

    [Fact]
    public async Task Editing_a_deleted_event_is_a_conflict_and_an_unknown_one_is_bad_input()
    {
        await using var store = OpenStore();
        await store.SaveAsync([Sample.Launch()], Test);
        var read = (await store.FindStoredAsync(Sample.Launch().Id))!;
        await store.DeleteAsync(read.Event.Id, Test);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateAsync(read.Event, read.Version, Test));
        Assert.Null(conflict.StoredVersion);
        Assert.Contains("deleted", conflict.Message);
        await Assert.ThrowsAsync<InputException>(() => store.UpdateAsync(Sample.Visit(), 1, Test));
    }

    [Fact]
    public async Task Several_processes_importing_overlapping_files_at_once_store_each_event_once()
    {
        using var folder = new TempFolder();
        string File(string name, int from, int to)
        {
            var path = folder.File(name);
            using var writer = new StreamWriter(path);
            EventJson.Write([.. Enumerable.Range(from, to - from).Select(Bulk)], writer);
            return path;
        }

        var files = new[] { File("a.json", 0, 1200), File("b.json", 600, 1800), File("c.json", 0, 1800) };
        var runs = await Task.WhenAll(files.Select(f => CliProcess.RunAsync(Backend.Location, "import", f)));

        Assert.All(runs, r => Assert.True(r.Exit == 0, r.Error));
        await using var store = OpenStore();
        Assert.Equal(Peninsula.Record.BundledRecord.Events.Count + 1800, (await store.InfoAsync()).Events);
        Assert.Equal(1800, await Backend.ScalarAsync("SELECT count(*) FROM audit WHERE entity_id LIKE 'bulk-%' AND operation = 'insert'"));
        Assert.Equal(0, await Backend.ScalarAsync("SELECT count(*) FROM audit WHERE entity_id LIKE 'bulk-%' AND operation <> 'insert'"));
        Assert.True((await store.CheckAsync()).IsHealthy);
    }

    [Fact]
    public async Task A_process_killed_in_the_middle_of_a_large_import_leaves_the_store_as_it_was_and_the_import_can_be_run_again()
    {
        using var folder = new TempFolder();
        var file = folder.File("large.json");
        using (var writer = new StreamWriter(file))
        {
            EventJson.Write([.. Enumerable.Range(0, 5000).Select(Bulk)], writer);
        }

        await using (var store = OpenStore())
        {
            await EventStores.EnsureBundledRecordAsync(store);
        }

        using (var import = CliProcess.Start(Backend.Location, "import", file))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!await Backend.SomeoneIsWritingAsync())
            {
                if (import.HasExited)
                {
                    Assert.Fail($"the import ended (exit code {import.ExitCode}) before it could be killed: {await import.StandardError.ReadToEndAsync()}");
                }

                Assert.True(DateTime.UtcNow < deadline, "the import never began to write");
                await Task.Delay(5);
            }

            import.Kill(); // SIGKILL: no clean-up, no rollback by the process itself
            await import.WaitForExitAsync();
        }

        await using (var store = OpenStore())
        {
            Assert.Equal(Peninsula.Record.BundledRecord.Events.Count, (await store.InfoAsync()).Events);
            Assert.True((await store.CheckAsync()).IsHealthy);
        }

        var again = await CliProcess.RunAsync(Backend.Location, "import", file);
        Assert.True(again.Exit == 0, again.Error);
        await using (var store = OpenStore())
        {
            Assert.Equal(Peninsula.Record.BundledRecord.Events.Count + 5000, (await store.InfoAsync()).Events);
            Assert.Equal(5000, await Backend.ScalarAsync("SELECT count(*) FROM audit WHERE entity_id LIKE 'bulk-%'"));
            var check = await CliProcess.RunAsync(Backend.Location, "db", "check");
            Assert.True(check.Exit == 0, check.Out + check.Error);
        }
    }

    [Fact]
    public async Task A_whole_record_copies_to_sqlite_and_back_with_every_table_count_matching()
    {
        await using var source = OpenStore();
        await EventStores.EnsureBundledRecordAsync(source);
        await source.SaveAsync([Sample.Launch() with { Summary = "changed" }], Test);
        await source.DeleteAsync(Sample.Launch().Id, Test);
        await source.ImportAsync(SampleBatch(), ImportPolicy.Default, Test);
        await source.AddWatchAsync(new Peninsula.Watch.FeedWatch { Name = "kcna", Url = new Uri("https://example.org/kcna.rss"), Every = TimeSpan.FromHours(1) });
        var resolved = new Question("icbm-2023", "Will North Korea launch an ICBM in 2023?", Peninsula.Forecasting.ForecastTarget.Icbm, null,
            KoreanDate.Parse("2023-01-01"), KoreanDate.Parse("2023-12-31"), "https://example.org/q/1", new QuestionResolution(true, KoreanDate.Parse("2023-02-18"), null));
        var open = new Question("test-2026", "A nuclear test in 2026?", null, "kind:nuclear-test", KoreanDate.Parse("2026-01-01"), KoreanDate.Parse("2026-12-31"), null, null);
        await source.Questions().SaveQuestionsAsync([resolved, open],
            [new QuestionForecast("icbm-2023", "A. Analyst", KoreanDate.Parse("2023-01-10"), 0.7, "https://example.org/f/1"), new QuestionForecast("test-2026", "model", KoreanDate.Parse("2026-01-02"), 0.05)]);
        // A forecast entered late (its entry time decides whether it is scored) and one withdrawn travel as they are.
        var late = new QuestionForecast("icbm-2023", "B. Late", KoreanDate.Parse("2023-01-10"), 0.9) { Entered = new DateTimeOffset(2023, 3, 1, 4, 5, 6, 789, TimeSpan.Zero) };
        var withdrawn = new QuestionForecast("test-2026", "C. Slip", KoreanDate.Parse("2026-01-03"), 0.0);
        await source.Questions().SaveQuestionsAsync([], [late, withdrawn]);
        Assert.Equal(1, await source.Questions().WithdrawForecastsAsync([withdrawn]));

        using var sqlite = new SqliteBackend();
        using var back = new TBackend();
        await using var middle = sqlite.Open();
        await using var returned = back.Open();
        var there = StoreCopy.Copy(source, middle);
        var home = StoreCopy.Copy(middle, returned);

        Assert.All(there.Concat(home), c => Assert.True(c.Matches, $"{c.Table}: {c.From} rows copied to {c.To}"));
        Assert.Equal(there.Select(c => c.From), home.Select(c => c.To));
        foreach (var store in new[] { middle, returned })
        {
            Assert.Equal(await source.ListAsync(EventQuery.All), await store.ListAsync(EventQuery.All), EventComparer.Instance);
            Assert.Equal((await source.AuditAsync(limit: 5)).Select(a => (a.Sequence, a.At, a.Operation, a.EventId, a.Before, a.After)),
                (await store.AuditAsync(limit: 5)).Select(a => (a.Sequence, a.At, a.Operation, a.EventId, a.Before, a.After)));
            Assert.Equal(await source.MediaCountsAsync(), await store.MediaCountsAsync());
            Assert.Equal(await source.Questions().QuestionsAsync(), await store.Questions().QuestionsAsync());
            Assert.Equal((await source.Questions().QuestionForecastsAsync()).Select(f => (f, f.Entered)), (await store.Questions().QuestionForecastsAsync()).Select(f => (f, f.Entered)));
            Assert.DoesNotContain(await store.Questions().QuestionForecastsAsync(), f => f.By == withdrawn.By);
            Assert.Equal((await source.InfoAsync()) with { Description = "" }, (await store.InfoAsync()) with { Description = "" }, new InfoComparer());
            var search = new EventQuery { Text = "Hwasong-18" };
            Assert.NotEmpty(await store.ListAsync(search));
            Assert.Equal(await source.ListAsync(search), await store.ListAsync(search), EventComparer.Instance);
            Assert.True((await store.CheckAsync()).IsHealthy);
        }

        // The audit trail goes on after the copied entries.
        await returned.SaveAsync([Sample.Launch()], Test);
        Assert.Equal((await source.AuditAsync(limit: 1))[0].Sequence + 1, (await returned.AuditAsync(limit: 1))[0].Sequence);
        await Assert.ThrowsAsync<InputException>(() => Task.Run(() => StoreCopy.Copy(source, returned)));
    }

    [Fact]
    public async Task A_copy_reads_the_source_as_of_one_moment_while_another_process_writes_to_it()
    {
        await using var source = OpenStore();
        await source.SaveAsync([Sample.Launch()], Test);
        await using var other = OpenStore();

        using (var snapshot = ((IRecordTables)source).ReadSnapshot())
        {
            var events = snapshot.ReadRows(RecordTables.Events).Select(r => (string)r[0]!).ToList();
            // A running server adds an event with its source between the copy's read of the events and of their sources.
            await other.SaveAsync([Sample.Visit()], Test);
            var sourced = snapshot.ReadRows(RecordTables.EventSources).Select(r => (string)r[0]!).Distinct().ToList();

            Assert.Equal([Sample.Launch().Id], events);
            Assert.Equal(events, sourced);
            Assert.Equal(1, snapshot.Count(RecordTables.Events));
        }

        Assert.Equal(2, (await source.InfoAsync()).Events);
    }

    private sealed class InfoComparer : IEqualityComparer<StoreInfo>
    {
        public bool Equals(StoreInfo? x, StoreInfo? y) =>
            x is not null && y is not null && (x.Events, x.Deleted, x.Sources, x.AuditEntries, x.FirstDate, x.LastDate) == (y.Events, y.Deleted, y.Sources, y.AuditEntries, y.FirstDate, y.LastDate)
            && x.EventsByKind.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(y.EventsByKind.OrderBy(p => p.Key, StringComparer.Ordinal));

        public int GetHashCode(StoreInfo obj) => obj.Events.GetHashCode();
    }

    /// <summary>A valid launch of its own id, for imports of many events.</summary>
    protected static Event Bulk(int i) => Sample.Launch($"bulk-{i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)}");

    private static ImportBatch SampleBatch()
    {
        var batch = new ImportBatch { Input = "sample" };
        batch.Documents.Add(new Document
        {
            Id = "doc-1",
            Date = new KoreanDate(2024, 1, 1),
            Title = "Tone of the day",
            Body = "A long day of statements.",
            Links = ["https://example.org/1"],
            Topics = ["statements"],
            Source = "kcna",
            Provenance = new Provenance("kcna/1", "sample.json", "item 1"),
        });
        foreach (var id in new long[] { 1001, 1002 })
        {
            batch.Signals.Add(new MediaSignal
            {
                GlobalEventId = id,
                Day = new DateOnly(2024, 1, 1),
                EventCode = "190",
                EventRootCode = "19",
                QuadClass = 4,
                Mentions = 15,
                Tone = -2.5,
                Provenance = new Provenance("gdelt/2", "sample.csv", $"line {id}"),
            });
        }

        return batch;
    }
}

/// <summary>Runs the real <c>peninsula</c> executable in a process of its own.</summary>
internal static class CliProcess
{
    public static Process Start(string db, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Peninsula.Cli.dll"));
        foreach (var arg in args.Concat(["--db", db]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(EventStores.EnvironmentVariable);
        return Process.Start(start)!;
    }

    public static async Task<(int Exit, string Out, string Error)> RunAsync(string db, params string[] args)
    {
        using var process = Start(db, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>Compares events by their canonical JSON, so lists compare by content.</summary>
internal sealed class EventComparer : IEqualityComparer<Event?>
{
    public static readonly EventComparer Instance = new();

    public bool Equals(Event? x, Event? y) =>
        x is null || y is null ? x is null && y is null : EventJson.Serialize(x) == EventJson.Serialize(y);

    public int GetHashCode(Event? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
}

using System.IO.Compression;
using System.Text;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Record;
using Peninsula.Storage;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Import;

/// <summary>The importers of the sources' own layouts, on real files, into a store that holds the bundled record.</summary>
public sealed class SourceImporterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static string Fixture(string name) =>
        Path.Combine(BundledRecordTests.RepositoryRoot(), "tests", "Peninsula.Tests", "Import", "Fixtures", name);

    private static string SharedReference(string name) =>
        Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "reference", name);

    private async Task<SqliteEventStore> BundledStore()
    {
        var store = SqliteEventStore.Open(_folder.File($"{Guid.NewGuid():N}.db"), CliRunner.Clock);
        await EventStores.EnsureBundledRecordAsync(store);
        return store;
    }

    private static Task<ImportSummary> Import(SqliteEventStore store, SourceImporter importer, string path, bool dryRun = false) =>
        store.ImportAsync(importer.Read(path), ImportPolicy.Default, new ChangeOrigin("test", path), dryRun);

    [Theory]
    [InlineData("cns/cns-missile-tests-2019-05.xlsx", 122)]
    [InlineData("cns/cns-missile-tests-2019-11.xlsx", 140)]
    [InlineData("cns/cns-missile-tests-2023-04.csv", 245)]
    public async Task Every_cns_edition_joins_the_bundled_record_without_duplicates_and_twice_changes_nothing(string file, int rows)
    {
        await using var store = await BundledStore();
        var before = (await store.InfoAsync()).Events;

        var first = await Import(store, new CnsImporter(), Fixture(file));
        var second = await Import(store, new CnsImporter(), Fixture(file));

        Assert.Equal(rows, first.Rows);
        Assert.Empty(first.Rejections);
        Assert.Equal(0, first.Events.Added); // the bundled record covers every edition: each launch joins its event
        Assert.Equal(before + first.Events.Added, (await store.InfoAsync()).Events);
        Assert.True(second.ChangedNothing);
        Assert.Equal(first.Events.Added + first.Events.Updated + first.Events.Unchanged, second.Events.Unchanged);
        Assert.True((await store.CheckAsync()).IsHealthy);
    }

    [Fact]
    public async Task The_cns_editions_agree_where_they_overlap_and_differences_are_conflicts_with_both_values()
    {
        await using var store = await BundledStore();
        foreach (var file in new[] { "cns-missile-tests-2019-05.xlsx", "cns-missile-tests-2019-11.xlsx", "cns-missile-tests-2023-04.csv" })
        {
            await Import(store, new CnsImporter(), Fixture("cns/" + file));
        }

        var scud = await store.FindAsync("1984-04-09-srbm-scud-b");
        Assert.NotNull(scud);
        Assert.Equal(3, scud.Figures.NumberFired);
        // The bundled missile table and the three editions, each once, besides the provocation table's report.
        Assert.Equal(4, scud.Sources.Where(s => s.Name.StartsWith("CNS", StringComparison.Ordinal)).Select(s => s.Name).Distinct().Count());
        Assert.All(scud.Sources.Where(s => s.Importer is not null), s => Assert.Equal("cns/1", s.Importer));

        // 2022-05-04: the 2023 export calls the launch from Sunan an ICBM, the provocation table an SRBM.
        // The same minute from the same site is one launch; the disagreement is kept visible.
        var cls = Assert.Single(await store.ConflictsAsync("2022-05-04-srbm"), c => c.Field == "class");
        Assert.Equal(("srbm", "bundled", "icbm", "cns"), (cls.KeptValue, cls.KeptSource, cls.OtherValue, cls.OtherSource));
        Assert.Equal("precedence: bundled over cns", cls.Rule);

        // 2016-02-07: the 2023 export says 12:29:00 AM UTC; the reference table's 12:29 is corrected
        // in data/corrections.csv, so the two now agree.
        Assert.DoesNotContain(await store.ConflictsAsync("2016-02-07-slv-unha-3"), c => c.Field == "utc_instant");
    }

    [Fact]
    public async Task Precedence_decides_which_value_the_record_keeps()
    {
        await using var store = await BundledStore();
        var cnsFirst = new ImportPolicy(["cns", "bundled"]);
        await store.ImportAsync(new CnsImporter().Read(Fixture("cns/cns-missile-tests-2023-04.csv")), cnsFirst, new ChangeOrigin("test"));

        // 2019-07-25: the bundled table gives a range of 600 km, the 2023 export 690 km.
        var launch = await store.FindAsync("2019-07-25-srbm-hwasong-11a");
        Assert.Equal(690, launch!.Figures.RangeKm);
        var audit = await store.AuditAsync("2019-07-25-srbm-hwasong-11a");
        Assert.Contains(audit, a => a.Operation == "update" && a.Before!.Contains("600", StringComparison.Ordinal));
    }

    [Fact]
    public void An_edition_with_moved_and_renamed_columns_is_read_by_name_and_said_to_be_unrecognised()
    {
        var lines = File.ReadAllLines(Fixture("cns/cns-missile-tests-2023-04.csv"), Encoding.Latin1);
        var file = _folder.File("cns-reordered.csv");
        // Swap the first two columns and rename one, as a later edition might.
        File.WriteAllLines(file, ["Date,F1" + lines[0][lines[0].IndexOf(',', 3)..].Replace("Distance Travelled", "Distance Traveled", StringComparison.Ordinal)], Encoding.Latin1);
        File.AppendAllLines(file, ["9-Apr-84,1,23-Dec-16,,Scud-B,SRBM,,Tonghae Satellite Launching Ground,\"Hwadae County\",Musudan-ri,40.85,129.67,Unknown,Unknown,300 km,Confirmed,Success,,"], Encoding.Latin1);

        var batch = new CnsImporter().Read(file);

        Assert.StartsWith("CSV export, an unrecognised layout of 19 columns", batch.Layout, StringComparison.Ordinal);
        var launch = Assert.Single(batch.Events);
        Assert.Equal((new KoreanDate(1984, 4, 9), 300.0), (launch.Date, launch.Figures.RangeKm));
    }

    [Fact]
    public async Task Month_only_dates_and_two_digit_years_are_read_as_cns_writes_them()
    {
        var batch = new CnsImporter().Read(Fixture("cns/cns-missile-tests-2023-04.csv"));
        var september = Assert.Single(batch.Events, e => e.Date == new KoreanDate(1984, 9, 1));
        Assert.Equal(DatePrecision.Month, september.DatePrecision);
        Assert.Contains(batch.Events, e => e.Date == new KoreanDate(1984, 4, 9) && e.DatePrecision == DatePrecision.Day);
        Assert.Contains(batch.Warnings, w => w.Reason.Contains("'330 lm'", StringComparison.Ordinal) && w.Field == "Distance Travelled");
    }

    [Fact]
    public async Task The_reference_tables_import_with_their_row_counts_and_change_nothing_in_the_bundled_record()
    {
        await using var store = await BundledStore();
        var missiles = await Import(store, new ReferenceMissilesImporter(), SharedReference("missile-tests.csv"));
        var provocations = await Import(store, new ReferenceProvocationsImporter(), SharedReference("provocations.csv"));

        Assert.Equal(311, missiles.Rows);
        Assert.Equal(522, provocations.Rows);
        Assert.True(missiles.ChangedNothing);
        Assert.True(provocations.ChangedNothing);
        // One event per row, except where data/corrections.csv folds a row into the launch it reports twice.
        Assert.Equal(BundledRecord.Events.Count(e => e.Sources.Any(s => s.Dataset == "reference/provocations.csv")), provocations.Events.Unchanged);
    }

    [Fact]
    public async Task A_newer_edition_of_the_reference_table_updates_the_record_and_records_what_it_overrode()
    {
        await using var store = await BundledStore();
        var newer = _folder.File("missile-tests-2026.csv");
        var lines = File.ReadAllLines(SharedReference("missile-tests.csv")).ToList();
        var hwasong19 = lines.FindIndex(l => l.StartsWith("2024-10-30,", StringComparison.Ordinal));
        lines[hwasong19] = lines[hwasong19].Replace(",7687,", ",7700,", StringComparison.Ordinal);
        lines.Add("2025-10-10,01:00,hwasong-20,Hwasong-20,ICBM,pyongyang,Pyongyang,39.0,125.7,sea-of-japan,,,success");
        File.WriteAllLines(newer, lines);

        var summary = await Import(store, new ReferenceMissilesImporter(), newer);

        Assert.Equal(1, summary.Events.Added);
        Assert.Equal(1, summary.Events.Updated);
        var changed = Assert.Single(summary.Conflicts);
        Assert.Equal(("figures.apogee_km", "7700", "reference-missiles", "7687", "bundled"), (changed.Field, changed.KeptValue, changed.KeptSource, changed.OtherValue, changed.OtherSource));
        Assert.NotNull(await store.FindAsync("2025-10-10-icbm"));
    }

    [Fact]
    public async Task Gdelt_keeps_the_rows_about_north_korea_as_signals_with_daily_aggregates_and_deduplicates_by_id()
    {
        await using var store = await BundledStore();
        var v2 = await Import(store, new GdeltImporter(), Fixture("gdelt/20191024143000.export.CSV"));
        var v1 = await Import(store, new GdeltImporter(), Fixture("gdelt/gdelt1-sample-events.tsv"));
        var again = await Import(store, new GdeltImporter(), Fixture("gdelt/20191024143000.export.CSV"));

        Assert.Equal((2111, 10, 2101), (v2.Rows, v2.Signals.Added, v2.Skipped));
        Assert.Equal((710, 4), (v1.Rows, v1.Signals.Added));
        Assert.Empty(v2.Rejections);
        Assert.Equal(10, again.Signals.Unchanged);
        Assert.True(again.ChangedNothing);
        var days = await store.SignalDaysAsync(DateOnly.MinValue, DateOnly.MaxValue);
        Assert.Equal(14, days.Sum(d => d.Signals));
        Assert.All(days, d => Assert.InRange(d.QuadClass, 1, 4));
        Assert.Equal((0L, 14L, 0L), await store.MediaCountsAsync());
    }

    [Fact]
    public async Task The_integrity_check_notices_daily_counts_and_a_search_index_out_of_step()
    {
        var path = _folder.File("tampered.db");
        await using (var store = SqliteEventStore.Open(path, CliRunner.Clock))
        {
            await Import(store, new GdeltImporter(), Fixture("gdelt/20191024143000.export.CSV"));
            await Import(store, new KcnaImporter(), Fixture("kcna/kcna-sample.json"));
            Assert.True((await store.CheckAsync()).IsHealthy);
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM signal_days WHERE rowid IN (SELECT rowid FROM signal_days LIMIT 1); DELETE FROM documents_fts WHERE rowid IN (SELECT rowid FROM documents_fts LIMIT 1);";
            command.ExecuteNonQuery();
        }

        await using var reopened = SqliteEventStore.Open(path, CliRunner.Clock);
        var report = await reopened.CheckAsync();
        Assert.Contains(report.Problems, p => p.Contains("daily signal counts", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("document '", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_zipped_gdelt_export_is_read_without_unpacking_to_disk()
    {
        var zip = _folder.File("20191024143000.export.CSV.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Fixture("gdelt/20191024143000.export.CSV"), "20191024143000.export.CSV");
        }

        var batch = new GdeltImporter().Read(zip);

        Assert.Equal(10, batch.Signals.Count);
        Assert.All(batch.Signals, s => Assert.StartsWith("20191024143000.export.CSV.zip!20191024143000.export.CSV", s.Provenance.Dataset, StringComparison.Ordinal));
    }

    [Fact]
    public void A_gdelt_row_with_60_columns_is_rejected_with_its_line_and_the_rest_imported()
    {
        var lines = File.ReadAllLines(Fixture("gdelt/20191024143000.export.CSV"));
        var prk = Array.FindIndex(lines, l => l.Split('\t')[7] == "PRK");
        lines[prk] = string.Join('\t', lines[prk].Split('\t').Skip(1));
        lines[5] = string.Join('\t', lines[5].Split('\t').Skip(1));
        var file = _folder.File("broken.export.CSV");
        File.WriteAllLines(file, lines);

        var batch = new GdeltImporter().Read(file);

        Assert.Equal(9, batch.Signals.Count);
        Assert.Equal([6L, prk + 1L], batch.Rejections.Select(r => r.Line!.Value).Order());
        Assert.All(batch.Rejections, r => Assert.Contains("has 60 columns", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_unpacked()
    {
        var bomb = _folder.File("bomb.export.CSV.zip");
        using (var archive = ZipFile.Open(bomb, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("bomb.export.CSV", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 200; i++)
            {
                entry.Write(zeros);
            }
        }

        var error = Assert.Throws<InputException>(() => new GdeltImporter().Read(bomb));
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
        Assert.Equal(bomb, error.File);
    }

    [Fact]
    public void A_truncated_spreadsheet_is_refused_with_a_clear_message()
    {
        var bytes = File.ReadAllBytes(Fixture("cns/cns-missile-tests-2019-05.xlsx"));
        var truncated = _folder.File("truncated.xlsx");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InputException>(() => new CnsImporter().Read(truncated));

        Assert.Equal(truncated, error.File);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_with_a_wrong_header_is_refused_with_the_expected_columns()
    {
        var file = _folder.File("not-cns.csv");
        File.WriteAllText(file, "when,what,where\n9-Apr-84,Scud-B,Tonghae\n", Encoding.Latin1);

        var error = Assert.Throws<InputException>(() => new CnsImporter().Read(file));

        Assert.Equal((file, 1L, "Date"), (error.File, error.Line, error.Field));
        Assert.Contains("Expected columns: F1, Date, Date Entered/Updated, Launch Time (UTC), Missile Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kcna_stories_filed_under_several_topics_are_stored_once_with_all_of_them_and_are_searchable()
    {
        await using var store = await BundledStore();
        var summary = await Import(store, new KcnaImporter(), Fixture("kcna/kcna-sample.json"));
        var again = await Import(store, new KcnaImporter(), Fixture("kcna/kcna-sample.json"));

        Assert.Equal((5L, 3), (summary.Rows, summary.Documents.Added));
        var rejected = Assert.Single(summary.Rejections);
        Assert.Equal("headline", rejected.Field);
        Assert.True(again.ChangedNothing);
        var found = Assert.Single(await store.SearchDocumentsAsync("hwasong"));
        Assert.Equal(["Top News", "Politics"], found.Topics);
        Assert.Equal(2, found.Links.Count);
        Assert.Equal(new KoreanDate(2024, 1, 2), found.Date);
        Assert.Equal("kcna/1", found.Provenance.Importer);
        var markup = Assert.Single(await store.SearchDocumentsAsync("markup"));
        Assert.Contains("<script>alert(1)</script>", markup.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_and_atom_items_become_documents_with_their_text_as_text()
    {
        var rss = new FeedImporter().Read(Fixture("feeds/sample.rss"));
        var atom = new FeedImporter().Read(Fixture("feeds/sample.atom"));

        Assert.Equal(2, rss.Documents.Count);
        var bad = Assert.Single(rss.Rejections);
        Assert.Equal("pubDate", bad.Field);
        var first = rss.Documents[0];
        Assert.Equal("Placeholder text of item one.", first.Body);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 22, 30, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal(new KoreanDate(2024, 1, 3), first.Date);
        Assert.Equal("Test Wire", first.Source);
        Assert.Equal(["Korea"], first.Topics);
        Assert.Equal(2, atom.Documents.Count);
        Assert.Equal("Placeholder summary of entry one.", atom.Documents[0].Body);
        Assert.Equal(["https://example.org/atom/2"], atom.Documents[1].Links);
    }

    [Theory]
    [InlineData("feeds/external-entity.rss")]
    [InlineData("feeds/entity-expansion.rss")]
    public void A_feed_with_a_dtd_is_refused_so_no_entity_is_resolved_or_expanded(string file)
    {
        var error = Assert.Throws<InputException>(() => new FeedImporter().Read(Fixture(file)));
        Assert.Contains("refuses DTDs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        await using var store = await BundledStore();
        var summary = await Import(store, new GdeltImporter(), Fixture("gdelt/20191024143000.export.CSV"), dryRun: true);

        Assert.Equal(10, summary.Signals.Added);
        Assert.Equal((0L, 0L, 0L), await store.MediaCountsAsync());
    }
}

using System.Globalization;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Record;
using Peninsula.Storage;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Import;

/// <summary>
/// A newer edition of the reference tables holding only the rows after the bundled record
/// (bench/forecast-newer, the forecast model's clean test), imported into a store of its own.
/// </summary>
public sealed class NewerEditionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A file of the newer edition (bench/forecast-newer).</summary>
    internal static string Newer(string name) =>
        Path.Combine(BundledRecordTests.RepositoryRoot(), "bench", "forecast-newer", name);

    private async Task<SqliteEventStore> BundledStore()
    {
        var store = SqliteEventStore.Open(_folder.File($"{Guid.NewGuid():N}.db"), CliRunner.Clock);
        await EventStores.EnsureBundledRecordAsync(store);
        return store;
    }

    private static Task<ImportSummary> Import(SqliteEventStore store, SourceImporter importer, string path) =>
        store.ImportAsync(importer.Read(path), ImportPolicy.Default, new ChangeOrigin("test", path), dryRun: false);

    [Fact]
    public async Task An_edition_of_later_rows_only_imports_its_launch_with_the_report_it_names_as_source()
    {
        // Before: the merge refused the file, since data/corrections.csv folds a provocation row of
        // 2024-05-31 into a launch of 2024-05-30 that a file of later rows does not hold; and the
        // launch was credited to the CNS database whatever the file said.
        await using var store = await BundledStore();
        var file = _folder.File("missile-tests-later.csv");
        File.WriteAllLines(file,
        [
            "date_utc,time_utc,missile_id,missile_name,missile_class,facility_id,facility_name,facility_lat,facility_lon,landing,apogee_km,distance_km,outcome,source,url",
            "2025-11-07,03:35,unknown,Unknown,SRBM,unknown,Taegwan County,,,sea-of-japan,,700,unknown,Turkiye Today (JCS),https://www.turkiyetoday.com/world/north-korea-fires-ballistic-missile-toward-eastern-waters-says-south-korea-3209583",
        ]);

        var summary = await Import(store, new ReferenceMissilesImporter(), file);

        Assert.Equal((1, 0), (summary.Events.Added, summary.Events.Updated));
        var launch = await store.FindAsync("2025-11-07-srbm");
        Assert.NotNull(launch);
        var source = Assert.Single(launch.Sources);
        Assert.Equal(("Turkiye Today (JCS)", "https://www.turkiyetoday.com/world/north-korea-fires-ballistic-missile-toward-eastern-waters-says-south-korea-3209583"), (source.Name, source.Url));
    }

    [Fact]
    public void A_row_of_the_missile_table_without_its_own_source_keeps_the_cns_database_as_source()
    {
        var batch = new ReferenceMissilesImporter().Read(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "reference", "missile-tests.csv"));

        Assert.All(
            batch.Events.SelectMany(e => e.Sources).Where(s => s.Importer == "reference-missiles"),
            s => Assert.Equal("https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/", s.Url));
    }

    [Theory]
    [InlineData("missile-tests.csv", 25)]
    [InlineData("provocations.csv", 10)]
    public void Every_row_of_the_newer_edition_is_dated_after_the_bundled_record_and_names_each_report_with_its_publication_date(string name, int rows)
    {
        var path = Newer(name);
        var isMissiles = name == "missile-tests.csv";
        using var text = new StreamReader(path);
        var records = CsvTable.Read(text, path, ["url", "other_urls", "published"]).Records;
        var dates = isMissiles
            ? MissileTestRow.Read(new StreamReader(path), path).Select(r => r.KoreanDate).ToList()
            : ProvocationRow.Read(new StreamReader(path), path).Select(r => r.Date).ToList();

        Assert.Equal(rows, records.Count);
        Assert.Equal(rows, dates.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var urls = new[] { records[i].Required("url") }.Concat((records[i].Optional("other_urls") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var published = records[i].Required("published").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
            Assert.All(urls, u => Assert.True(Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"line {records[i].Line}: '{u}'"));
            Assert.Equal(urls.Count, published.Count);
            Assert.True(dates[i] > BundledRecord.CoverageEnd, $"line {records[i].Line}: {dates[i]} is not after {BundledRecord.CoverageEnd}");
            // A report is published on the day of the event in Korea or later (a UTC date may be the day before).
            Assert.All(published, p => Assert.True(p >= dates[i].Date, $"line {records[i].Line}: published {p} before the event of {dates[i]}"));
        }
    }

    [Fact]
    public async Task The_newer_edition_imports_without_a_refusal_or_warning_and_moves_the_record_end_to_its_last_action()
    {
        await using var store = await BundledStore();
        var missiles = new ReferenceMissilesImporter().Read(Newer("missile-tests.csv"));
        var provocations = new ReferenceProvocationsImporter().Read(Newer("provocations.csv"));
        Assert.Empty(missiles.Rejections.Concat(missiles.Warnings).Concat(provocations.Rejections).Concat(provocations.Warnings));

        var first = await store.ImportAsync(missiles, ImportPolicy.Default, new ChangeOrigin("test", "missile-tests.csv"), dryRun: false);
        var second = await store.ImportAsync(provocations, ImportPolicy.Default, new ChangeOrigin("test", "provocations.csv"), dryRun: false);

        Assert.Equal((9, 10), (first.Events.Added, second.Events.Added)); // 25 missiles on 9 launch days (the two launches of 2026-04-08 are one event); 10 incidents
        var events = await store.ListAsync(EventQuery.All);
        Assert.Equal(new KoreanDate(2026, 5, 26), BundledRecord.CoverageEndOf(events));
    }
}

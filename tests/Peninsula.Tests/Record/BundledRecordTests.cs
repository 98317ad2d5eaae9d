using Microsoft.VisualBasic.FileIO;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Record;

/// <summary>
/// The bundled record against the reference tables it is built from. The expected figures are
/// read from the CSV files here with a different parser (Visual Basic's TextFieldParser), not
/// with the code under test.
/// </summary>
public class BundledRecordTests
{
    private static readonly IReadOnlyList<Event> Record = BundledRecord.Events;

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Peninsula.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Peninsula.slnx) above the test binaries.");
    }

    private static List<(long Line, Dictionary<string, string> Fields)> ReadReference(string name)
    {
        using var parser = new TextFieldParser(Path.Combine(RepositoryRoot(), "data", "reference", name)) { TextFieldType = FieldType.Delimited };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<(long, Dictionary<string, string>)>();
        while (!parser.EndOfData)
        {
            var line = parser.LineNumber;
            var fields = parser.ReadFields()!;
            rows.Add((line, header.Zip(fields).ToDictionary(p => p.First, p => p.Second)));
        }

        return rows;
    }

    private static IEnumerable<(Event Event, EventSource Source)> SourcesFrom(string dataset) =>
        Record.SelectMany(e => e.Sources.Where(s => s.Dataset == dataset).Select(s => (e, s)));

    [Fact]
    public void The_record_has_exactly_the_six_nuclear_tests_each_with_two_sources_and_figures()
    {
        var tests = Record.Where(e => e.Kind == EventKind.NuclearTest).ToList();
        Assert.Equal(["2006-10-09", "2009-05-25", "2013-02-12", "2016-01-06", "2016-09-09", "2017-09-03"], tests.Select(t => t.Date.ToString()));
        Assert.All(tests, t =>
        {
            Assert.Contains(t.Sources, s => s.Dataset == "reference/provocations.csv");
            Assert.Contains(t.Sources, s => s.Dataset == "context/nuclear-tests.csv" && s.Url!.StartsWith("https://", StringComparison.Ordinal));
            Assert.NotNull(t.Figures.Magnitude);
            Assert.NotNull(t.Figures.YieldKt);
        });
        Assert.Equal(6.3, tests[^1].Figures.Magnitude);
    }

    [Fact]
    public void Every_missile_test_row_is_one_missile_of_exactly_one_launch_event()
    {
        var rows = ReadReference("missile-tests.csv");
        Assert.Equal(311, rows.Count);
        var byRecord = SourcesFrom("reference/missile-tests.csv").GroupBy(p => p.Source.Record).ToDictionary(g => g.Key!, g => g.ToList());
        foreach (var (line, fields) in rows)
        {
            var matches = byRecord[$"line {line}"];
            var (e, _) = Assert.Single(matches);
            Assert.Equal(EventKind.MissileLaunch, e.Kind);
            // The table's class stands, except where it says unknown (a more specific class from
            // another source) or a correction with its source says otherwise.
            var tableClass = fields["missile_class"].ToLowerInvariant();
            if (tableClass != "unknown" && !e.Sources.Any(s => s.OriginalLabel?.StartsWith("class = ", StringComparison.Ordinal) == true))
            {
                Assert.Equal(tableClass, e.Class);
            }
        }

        Assert.Equal(rows.Count, byRecord.Count);
        var launchEvents = Record.Where(e => e.Sources.Any(s => s.Dataset == "reference/missile-tests.csv")).ToList();
        Assert.Equal(rows.Count, launchEvents.Sum(e => e.Figures.NumberFired));
    }

    [Fact]
    public void Every_launch_keeps_the_landing_area_its_missile_table_rows_give_as_a_figure()
    {
        // The landing column per row (sea-of-japan, yellow-sea, pacific-ocean; unknown and na give none):
        // each launch holds the first its rows give, and the summary says it for readers.
        var landing = ReadReference("missile-tests.csv").ToDictionary(r => $"line {r.Line}", r => r.Fields["landing"]);
        var launches = Record.Where(e => e.Sources.Any(s => s.Dataset == "reference/missile-tests.csv")).ToList();
        foreach (var e in launches)
        {
            var given = e.Sources.Where(s => s.Dataset == "reference/missile-tests.csv").Select(s => landing[s.Record!]).FirstOrDefault(l => l is not ("unknown" or "na"));
            Assert.Equal(given, e.Figures.LandingArea);
        }

        Assert.Equal("sea-of-japan", Record.Single(e => e.Id == "2024-10-31-icbm-hwasong-19").Figures.LandingArea);
        Assert.Contains("Landing area: sea of japan.", Record.Single(e => e.Id == "2024-10-31-icbm-hwasong-19").Summary, StringComparison.Ordinal);
        Assert.Equal(["pacific-ocean", "sea-of-japan", "yellow-sea"], launches.Select(e => e.Figures.LandingArea).OfType<string>().Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missiles_per_year_and_class_agree_with_missile_tests_csv()
    {
        // Rows the table types (unknown ones take their class from other sources).
        var typed = ReadReference("missile-tests.csv").Where(r => r.Fields["missile_class"] != "Unknown").ToList();
        var lines = typed.Select(r => $"line {r.Line}").ToHashSet();
        var expected = typed
            .GroupBy(r => $"{r.Fields["date_utc"][..4]} {r.Fields["missile_class"].ToLowerInvariant()}")
            .ToDictionary(g => g.Key, g => g.Count());
        var actual = Record.Where(e => e.Kind == EventKind.MissileLaunch && !e.Sources.Any(s => s.OriginalLabel?.StartsWith("class = ", StringComparison.Ordinal) == true))
            .SelectMany(e => e.Sources.Where(s => s.Dataset == "reference/missile-tests.csv" && lines.Contains(s.Record!)).Select(_ => $"{e.Date.Year} {e.Class}"))
            .GroupBy(k => k)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_provocation_row_is_a_source_of_exactly_one_event_in_the_same_year()
    {
        var rows = ReadReference("provocations.csv");
        Assert.Equal(522, rows.Count);
        var byRecord = SourcesFrom("reference/provocations.csv").GroupBy(p => p.Source.Record).ToDictionary(g => g.Key!, g => g.ToList());
        foreach (var (line, fields) in rows)
        {
            var (e, source) = Assert.Single(byRecord[$"line {line}"]);
            Assert.Equal($"{fields["category"]}: {fields["event"]}", source.OriginalLabel);
            Assert.Equal(fields["url"].Length == 0 ? null : fields["url"], source.Url);
            Assert.InRange(Math.Abs(e.Date.DaysSince(KoreanDate.Parse(fields["date"]))), 0, 31);
        }

        var expected = rows.GroupBy(r => r.Fields["date"][..4]).ToDictionary(g => g.Key, g => g.Count());
        var actual = SourcesFrom("reference/provocations.csv").GroupBy(p => p.Event.Date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public void Provocation_categories_map_onto_the_taxonomy()
    {
        var rows = ReadReference("provocations.csv").ToDictionary(r => $"line {r.Line}", r => r.Fields);
        foreach (var (e, source) in SourcesFrom("reference/provocations.csv"))
        {
            var category = rows[source.Record!]["category"];
            var allowed = category switch
            {
                "missile" => [EventKind.MissileLaunch],
                "nuclear_test" => [EventKind.NuclearTest],
                "nuclear_program" => [EventKind.NuclearMilestone],
                "cyber" => [EventKind.CyberOperation],
                "terror" => [EventKind.Terror],
                "hybrid" => [EventKind.Hybrid],
                "conventional" => [EventKind.ConventionalIncident, EventKind.DmzIncursion],
                _ => new[] { EventKind.MissileLaunch, EventKind.EngineTest, EventKind.DmzIncursion, EventKind.OtherProvocation },
            };
            Assert.Contains(e.Kind, allowed);
        }
    }

    [Fact]
    public void The_same_launch_in_both_tables_is_one_event_even_when_their_dates_differ_by_a_day()
    {
        // Hwasong-19: 2024-10-30 22:11 UTC in the missile table, 2024-10-31 in Korea in the provocation table.
        var launch = Assert.Single(Record, e => e.System?.Id == "hwasong-19");
        Assert.Equal("2024-10-31-icbm-hwasong-19", launch.Id);
        Assert.Equal(new KoreanDate(2024, 10, 31), launch.Date);
        Assert.Equal(new DateTimeOffset(2024, 10, 30, 22, 11, 0, TimeSpan.Zero), launch.UtcInstant);
        Assert.Equal(["reference/missile-tests.csv", "reference/provocations.csv"], launch.Sources.Select(s => s.Dataset));
    }

    [Fact]
    public void Ids_are_unique_and_every_event_is_valid_with_at_least_one_source()
    {
        Assert.Equal(Record.Count, Record.Select(e => e.Id).Distinct().Count());
        Assert.All(Record, e => Assert.Empty(EventValidation.Problems(e)));
        Assert.All(Record, e => Assert.NotEmpty(e.Sources));
    }

    [Fact]
    public void The_record_ends_on_its_coverage_date_and_is_sorted_by_date()
    {
        Assert.All(Record, e => Assert.True(e.Date <= BundledRecord.CoverageEnd, e.Id));
        Assert.Equal(Record.Select(e => e.Date), Record.Select(e => e.Date).Order());
    }

    [Fact]
    public void Every_context_event_links_to_a_source()
    {
        var context = Record.Where(e => !Taxonomy.ProvocationKinds.Contains(e.Kind)).ToList();
        Assert.All(context, e => Assert.All(e.Sources, s => Assert.Matches("^https?://", s.Url)));
        Assert.Equal(26, context.Count(e => e.Kind == EventKind.Sanction && e.Class == "un-resolution"));
        Assert.Contains(context, e => e.Kind == EventKind.DiplomaticVisit && e.People.Contains("Antony Blinken") && e.Date.Year == 2024);
        Assert.Contains(context, e => e.Kind == EventKind.MilitaryExercise && e.Class == "trilateral");
        Assert.All(context.Where(e => e.Kind == EventKind.MilitaryExercise), e => Assert.NotNull(e.EndDate));
        Assert.Contains(context, e => e.Kind == EventKind.Anniversary && e.Date == new KoreanDate(2017, 4, 15));
    }

    [Fact]
    public void The_bundled_reference_tables_are_the_shared_reference_files_unchanged()
    {
        var shared = Path.Combine(RepositoryRoot(), "..", "shared", "reference");
        if (!Directory.Exists(shared))
        {
            return; // A clone without the shared folder beside it: the copies in data/ are the reference.
        }

        foreach (var name in new[] { "missile-tests.csv", "provocations.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(shared, name)), File.ReadAllBytes(Path.Combine(RepositoryRoot(), "data", "reference", name)));
        }
    }
}

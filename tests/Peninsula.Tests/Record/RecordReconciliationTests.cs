using System.Text.RegularExpressions;
using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Reports;

namespace Peninsula.Tests.Record;

/// <summary>
/// The record's own errors, fixed: classes reconciled between the tables, dates and times with
/// their evidence, one gazetteer of launch sites, corrections as data, and a check that finds
/// such problems by itself. Expected values come from the sources named in each test, not from
/// the code under test.
/// </summary>
public partial class RecordReconciliationTests
{
    private static readonly IReadOnlyList<Event> Record = BundledRecord.Events;

    private static List<Event> LaunchesOn(string date) =>
        [.. Record.Where(e => e.Kind == EventKind.MissileLaunch && e.Date == KoreanDate.Parse(date))];

    [Fact]
    public void November_3_2022_is_one_icbm_from_sunan_and_five_srbms_as_the_provocation_tables_label_says()
    {
        // Provocation table line 400: "ICBM & SRBM"; the missile table: one from Sunan (apogee
        // 1,920 km), two from Kaechon and three from Koksan, all "Unknown".
        var launches = LaunchesOn("2022-11-03");
        var icbm = Assert.Single(launches, e => e.Class == "icbm");
        Assert.Equal("Sunan", icbm.Site!.Name);
        Assert.Equal(5, launches.Where(e => e.Class == "srbm").Sum(e => e.Figures.NumberFired));
        Assert.DoesNotContain(launches, e => e.Class == "unknown");

        var rule = Assert.Single(BundledRecord.Disagreements, c => c.EventId == icbm.Id && c.Field == "class");
        Assert.Equal(("icbm", "unknown"), (rule.KeptValue, rule.OtherValue));
        Assert.Contains("longer-range", rule.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void The_eight_missiles_of_2022_06_05_are_short_range_ballistic_missiles()
    {
        var launches = LaunchesOn("2022-06-05");
        Assert.All(launches, e => Assert.Equal("srbm", e.Class));
        Assert.Equal(8, launches.Sum(e => e.Figures.NumberFired));
    }

    [Fact]
    public void The_launch_of_2024_05_27_from_sohae_is_a_satellite_launch()
    {
        var launch = Assert.Single(LaunchesOn("2024-05-27"));
        Assert.Equal("slv", launch.Class);
        Assert.Equal("Sohae Satellite Launching Station", launch.Site!.Name);
        Assert.Contains(launch.Sources, s => s.OriginalLabel == "missile: Satellite Launch");
    }

    [Fact]
    public void The_two_mrbms_north_korea_called_a_satellite_test_are_one_launch_not_also_a_satellite_launch()
    {
        var launch = Assert.Single(LaunchesOn("2022-12-18"));
        Assert.Equal(("mrbm", 2), (launch.Class, launch.Figures.NumberFired));
        Assert.Contains(launch.Sources, s => s.OriginalLabel == "other: Satellite Launch");
    }

    [Fact]
    public void Dates_and_times_follow_the_evidence_of_their_sources()
    {
        // Unha-3: 09:29 in Korea (the CNS database: 12:29:00 AM UTC; the reference table: 12:29).
        var unha = Assert.Single(LaunchesOn("2016-02-07"));
        Assert.Equal(new DateTimeOffset(2016, 2, 7, 0, 29, 0, TimeSpan.Zero), unha.UtcInstant);

        // Musudan: 05:33 in Korea on 2016-04-15, 20:33 UTC on the 14th.
        var musudan = Assert.Single(Record, e => e.Id == "2016-04-15-irbm-musudan");
        Assert.Equal(new DateTimeOffset(2016, 4, 14, 20, 33, 0, TimeSpan.Zero), musudan.UtcInstant);
        Assert.Empty(LaunchesOn("2016-04-16"));

        Assert.Single(Record, e => e.Id == "2017-05-14-irbm-hwasong-12");

        // The July 2006 salvo: every launch on 2006-07-05 in Korea, none on the 4th.
        Assert.Empty(LaunchesOn("2006-07-04"));
        Assert.Equal(7, LaunchesOn("2006-07-05").Sum(e => e.Figures.NumberFired));

        // The July 2009 salvo was on the 4th in Korea (seven missiles), the provocation table's date.
        Assert.Equal(7, LaunchesOn("2009-07-04").Sum(e => e.Figures.NumberFired));

        // No launch's Korean date disagrees with its UTC time.
        Assert.All(Record.Where(e => e.UtcInstant is not null), e => Assert.Equal(KoreanDate.FromInstant(e.UtcInstant!.Value), e.Date));
    }

    [Fact]
    public void Every_launch_site_is_one_entry_of_the_gazetteer_of_sites()
    {
        var sites = Record.Where(e => e.Site is not null && e.Kind == EventKind.MissileLaunch).Select(e => e.Site!).DistinctBy(s => s.Name).ToList();
        Assert.All(sites, s =>
        {
            var site = BundledRecord.Sites.Find(null, s.Name);
            Assert.NotNull(site);
            Assert.Equal((site.Name, site.Latitude, site.Longitude), (s.Name, s.Latitude, s.Longitude));
        });
        Assert.DoesNotContain(sites, s => s.Name.Contains("missle", StringComparison.Ordinal) || s.Name == "Wast Sunan" || s.Name is "Sondok" or "Panghyon");
        Assert.Single(sites, s => s.Name.StartsWith("Samsok", StringComparison.Ordinal));
        Assert.All(BundledRecord.Sites.All, s => Assert.StartsWith("https://", s.SourceUrl, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\| `(?<id>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();

    [Fact]
    public void Classes_stay_unknown_only_for_the_launches_data_readme_lists_with_why()
    {
        var readme = File.ReadAllText(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "README.md"));
        var section = readme[readme.IndexOf("### Launches whose class stays unknown", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 5, StringComparison.Ordinal)];
        var listed = ReadmeRow().Matches(section).Select(m => m.Groups["id"].Value).Order(StringComparer.Ordinal);
        var unknown = Record.Where(e => e.Kind == EventKind.MissileLaunch && e.Class == "unknown").Select(e => e.Id).Order(StringComparer.Ordinal);
        Assert.Equal(listed, unknown);
    }

    [Fact]
    public void Every_correction_shows_on_its_event_as_a_source_with_its_page()
    {
        var corrections = BundledRecord.Corrections;
        Assert.NotEmpty(corrections);
        var shown = Record.SelectMany(e => e.Sources).Where(s => s.Dataset == "corrections.csv").Select(s => s.Record).ToHashSet();
        Assert.All(corrections, c =>
        {
            Assert.Contains($"line {c.Line}", shown);
            Assert.Matches("^https?://", c.SourceUrl);
            Assert.False(string.IsNullOrWhiteSpace(c.Reason));
        });
    }

    [Fact]
    public void A_correction_that_names_no_event_stops_the_build_naming_its_file_line_and_field()
    {
        var corrections = Correction.Read(new StringReader("event,field,value,source_url,reason\n2099-01-01-icbm,class,srbm,https://example.org/,no such launch\n"), "data/corrections.csv");
        var error = Assert.Throws<InputException>(() => RecordMerger.Merge([], [], BundledRecord.Labels, BundledRecord.Systems, BundledRecord.Sites, [], [], corrections));
        Assert.Equal(("data/corrections.csv", 2L, "event"), (error.File, error.Line, error.Field));

        var badField = Assert.Throws<InputException>(() => Correction.Read(new StringReader("event,field,value,source_url,reason\nx,colour,red,https://example.org/,why\n"), "c.csv"));
        Assert.Equal((2L, "field"), (badField.Line, badField.Field));
    }

    [Fact]
    public void The_record_check_finds_nothing_on_the_bundled_record()
    {
        Assert.Empty(RecordChecks.Run(Record));
    }

    private static Event Launch(string id, string date, string cls = "srbm", DateTimeOffset? instant = null, string? site = "Sunan", int? fired = 1, params EventSource[] sources) => new()
    {
        Id = id,
        Kind = EventKind.MissileLaunch,
        Class = cls,
        Date = KoreanDate.Parse(date),
        UtcInstant = instant,
        Actors = ["DPRK"],
        System = new WeaponSystem("kn-23", "KN-23", []),
        Site = site is null ? null : new Place(site, 39.2, 125.7),
        Figures = new EventFigures { NumberFired = fired },
        Title = "test launch",
        Sources = sources.Length > 0 ? sources : [new EventSource("test", "https://example.org/", date, null)],
    };

    [Fact]
    public void The_record_check_finds_each_kind_of_problem_by_itself()
    {
        var row = new EventSource("CNS", "https://example.org/", "2006-07-05", "Scud-C / SRBM", "reference/missile-tests.csv", "line 19");
        var events = new[]
        {
            Launch("a-unknown", "2022-11-03", cls: "unknown", sources: new EventSource("Yonhap", null, "2022-11-03", "missile: Short-Range Ballistic Missile (SRBM)", "reference/provocations.csv", "line 1")),
            Launch("b-late", "2016-04-16", instant: new DateTimeOffset(2016, 4, 14, 20, 33, 0, TimeSpan.Zero)),
            Launch("c-first", "2023-01-01", instant: new DateTimeOffset(2022, 12, 31, 14, 0, 0, TimeSpan.Zero)),
            Launch("c-second", "2022-12-31", instant: new DateTimeOffset(2022, 12, 31, 16, 0, 0, TimeSpan.Zero)),
            Launch("d-nowhere", "2020-01-01", site: "Atlantis"),
            Launch("e-count", "2020-02-02", fired: 3, sources: [row with { Date = "2020-02-01" }, row with { Date = "2020-02-01", Record = "line 20" }]),
            Launch("f-salvo-1", "2006-07-04", sources: [row]),
            Launch("f-salvo-2", "2006-07-05", sources: [row with { Record = "line 20" }]),
        };

        var found = RecordChecks.Run(events).Select(f => (f.EventId, f.Check)).ToHashSet();

        Assert.Contains(("a-unknown", "class-unknown"), found);
        Assert.Contains(("b-late", "date-vs-utc-time"), found);
        Assert.Contains(("c-first", "date-vs-utc-time"), found); // 14:00 UTC is 23:00 on 2022-12-31 in Korea
        Assert.Contains(("d-nowhere", "site-not-in-gazetteer"), found);
        Assert.Contains(("e-count", "number-fired"), found);
        Assert.Contains(("f-salvo-2", "salvo-split"), found);
    }

    [Fact]
    public void A_salvo_of_one_system_from_one_site_within_hours_is_flagged_when_split_over_two_days()
    {
        var events = new[]
        {
            Launch("first", "2022-12-31", instant: new DateTimeOffset(2022, 12, 31, 13, 0, 0, TimeSpan.Zero)),
            Launch("second", "2023-01-01", instant: new DateTimeOffset(2022, 12, 31, 16, 0, 0, TimeSpan.Zero)),
        };
        var finding = Assert.Single(RecordChecks.Run(events));
        Assert.Equal(("second", "salvo-split"), (finding.EventId, finding.Check));
    }

    [Fact]
    public void The_missing_calendar_rows_and_names_are_in_the_record_each_with_a_source()
    {
        Assert.Contains(Record, e => e.Kind == EventKind.DiplomaticVisit && e.People.Contains("Hillary Clinton") && e.Date == new KoreanDate(2011, 4, 16) && e.EndDate == new KoreanDate(2011, 4, 17));
        Assert.Contains(Record, e => e.Kind == EventKind.Election && e.Class == "us-president" && e.Date == new KoreanDate(1988, 11, 8));
        Assert.Contains(Record, e => e.Kind == EventKind.MilitaryExercise && e.Title.StartsWith("Max Thunder 2018", StringComparison.Ordinal));
        Assert.Contains(Record, e => e.Kind == EventKind.MilitaryExercise && e.Title.StartsWith("Vigilant Storm 2022", StringComparison.Ordinal) && e.EndDate == new KoreanDate(2022, 11, 5));
        var hgv = Assert.Single(LaunchesOn("2021-09-28"));
        Assert.Contains("Hwasong-8", hgv.System!.Aliases);
    }

    [Fact]
    public void Statistics_count_a_launch_without_a_number_as_uncounted_not_as_zero()
    {
        var rows = EventStatistics.Count(Record.Where(e => e.Kind == EventKind.MissileLaunch && e.Date.Year == 1994), StatisticsDimension.Year);
        var row = Assert.Single(rows);
        Assert.Equal(("1994", 2, 0, 2), (row.Key, row.Events, row.MissilesFired, row.LaunchesUncounted));
    }
}

using Microsoft.VisualBasic.FileIO;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Record;
using Peninsula.Timing;

namespace Peninsula.Tests.Record;

/// <summary>
/// The calendars of the world's responses and of the talks (issue 21): shows of force, sanctions
/// other than the UN's, negotiations and agreements, senior Chinese and Russian visits to
/// Pyongyang, and UN Security Council statements and meetings. The rows are read here with a
/// different parser (Visual Basic's TextFieldParser) than the loader's.
/// </summary>
public class ResponseCalendarsTests
{
    public static readonly TheoryData<string, EventKind, int> Calendars = new()
    {
        { "show-of-force.csv", EventKind.ShowOfForce, 16 },
        { "sanctions.csv", EventKind.Sanction, 15 },
        { "talks.csv", EventKind.Talks, 24 },
        { "pyongyang-visits.csv", EventKind.DiplomaticVisit, 16 },
        { "unsc-statements.csv", EventKind.Statement, 12 },
    };

    private static List<Dictionary<string, string>> Rows(string name)
    {
        using var parser = new TextFieldParser(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "context", name)) { TextFieldType = FieldType.Delimited };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            rows.Add(header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second));
        }

        return rows;
    }

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Every_row_has_a_source_url_and_at_least_a_fifth_are_checked_with_a_second_independent_source(string file, EventKind _, int rows)
    {
        var table = Rows(file);
        Assert.Equal(rows, table.Count);
        Assert.All(table, r => Assert.True(IsWebAddress(r["source_url"]), $"{file}, {r["date"]}: source_url '{r["source_url"]}'"));
        var checkedRows = table.Where(r => r["checked_with"].Length > 0).ToList();
        Assert.All(checkedRows, r => Assert.True(IsWebAddress(r["checked_with"]) && r["checked_with"] != r["source_url"], $"{file}, {r["date"]}: checked_with"));
        Assert.True(checkedRows.Count >= 0.2 * table.Count, $"{file}: {checkedRows.Count} of {table.Count} rows checked, fewer than a fifth");
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Every_row_is_one_event_of_the_record_and_a_checked_row_carries_both_sources(string file, EventKind kind, int rows)
    {
        var dataset = $"context/{file}";
        var events = BundledRecord.Events.Where(e => e.Sources.Any(s => s.Dataset == dataset)).ToList();
        Assert.Equal(rows, events.Count);
        Assert.Contains(events, e => e.Kind == kind);
        foreach (var (row, e) in Rows(file).Zip(events.OrderBy(e => int.Parse(e.Sources[0].Record!["line ".Length..], System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(row["date"], e.Date.ToString());
            Assert.Equal(row["title"], e.Title);
            Assert.Equal(row["source_url"], e.Sources[0].Url);
            if (row["checked_with"].Length > 0)
            {
                Assert.Equal(2, e.Sources.Count);
                Assert.Equal(row["checked_with"], e.Sources[1].Url);
                Assert.Equal(ContextCalendar.CheckedWithLabel, e.Sources[1].OriginalLabel);
            }
            else
            {
                Assert.Single(e.Sources);
            }
        }
    }

    [Fact]
    public void The_six_us_executive_orders_on_north_korea_are_all_there_on_their_signing_dates()
    {
        var orders = BundledRecord.Events.Where(e => e.Kind == EventKind.Sanction && e.Class == "us-executive-order")
            .ToDictionary(e => e.Title[..("Executive Order ".Length + 5)], e => e.Date.ToString());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Executive Order 13466"] = "2008-06-26",
                ["Executive Order 13551"] = "2010-08-30",
                ["Executive Order 13570"] = "2011-04-18",
                ["Executive Order 13687"] = "2015-01-02",
                ["Executive Order 13722"] = "2016-03-15",
                ["Executive Order 13810"] = "2017-09-20",
            },
            orders);
    }

    [Fact]
    public void A_second_source_that_repeats_the_first_is_refused_with_file_line_and_field()
    {
        const string csv = """
            date,end_date,kind,class,title,actors,place,people,source_name,source_url,checked_with
            2017-03-15,,show-of-force,carrier,A carrier visit,US;ROK,Busan,,Navy,https://example.org/a,https://example.org/b
            2017-03-16,,show-of-force,carrier,Another carrier visit,US;ROK,Busan,,Navy,https://example.org/c,https://example.org/c
            """;
        var error = Assert.Throws<InputException>(() => ContextCalendar.Read(new StringReader(csv), "data/context/test.csv"));
        Assert.Equal("data/context/test.csv", error.File);
        Assert.Equal(3L, error.Line);
        Assert.Equal("checked_with", error.Field);
        Assert.Contains("same address as source_url", error.Message);
    }

    [Fact]
    public void A_show_of_force_with_a_class_of_another_kind_is_refused()
    {
        const string csv = """
            date,end_date,kind,class,title,actors,place,people,source_name,source_url
            2017-03-15,,show-of-force,us-rok,A carrier visit,US;ROK,Busan,,Navy,https://example.org/a
            """;
        var error = Assert.Throws<InputException>(() => ContextCalendar.Read(new StringReader(csv), "data/context/test.csv"));
        Assert.Equal(2L, error.Line);
        Assert.Equal("class", error.Field);
        Assert.Contains("carrier, bomber, submarine, allied-missile-launch", error.Message);
    }

    [Fact]
    public void Ballistic_launches_followed_two_of_the_nine_us_sanctions_actions_within_a_week()
    {
        // Worked out by hand from the calendar and the missile table: Executive Order 13722
        // (2016-03-15) was followed by the Nodong launch of 2016-03-18 and the SRBMs of 2016-03-21;
        // the designation of Kim Jong Un (2016-07-06) by the SLBM of 2016-07-09. No other US
        // action had a ballistic launch in its day and the seven after.
        var question = TimingQuestions.Find("us-sanctions")!;
        var launches = BundledRecord.Events.Where(Taxonomy.IsBallisticLaunch).ToList();
        // The question's own context filter, so that a change to it shows here.
        var context = EventFilter.Parse(question.Context, "--context");
        var actions = BundledRecord.Events.Where(e => context.Kinds.Contains(e.Kind) && e.Class is { } c && context.Classes.Contains(c)).ToList();

        var result = TimingAnalysis.Run(question, launches, actions, new TimingOptions { Permutations = 1_000, Seed = 1 });

        Assert.Equal(9, result.ContextEvents);
        Assert.Equal(2, result.Hits.Observed);
        Assert.Equal(["2016-03-15", "2016-07-06"], result.Evidence.Where(x => x.Provocations.Count > 0).Select(x => x.Context.Date.ToString()).Order(StringComparer.Ordinal));
        Assert.StartsWith("2 of 9 sanctions actions had a ballistic launch within 7 days after the sanctions action", result.Answer);
    }

    [Fact]
    public void The_ready_made_deployment_question_counts_carriers_bombers_and_submarines_but_not_allied_missile_salvos()
    {
        var question = TimingQuestions.Find("deployments")!;
        var context = EventFilter.Parse(question.Context, "--context");
        var deployments = BundledRecord.Events.Where(e => e.Kind == EventKind.ShowOfForce && e.Class is not null && context.Classes.Contains(e.Class)).ToList();

        var launches = BundledRecord.Events.Where(Taxonomy.IsBallisticLaunch).ToList();
        var result = TimingAnalysis.Run(question, launches, deployments, new TimingOptions { Permutations = 1_000, Seed = 1 });

        Assert.Equal(13, deployments.Count);
        Assert.Equal(13, result.ContextEvents);
        Assert.DoesNotContain(deployments, e => e.Class == "allied-missile-launch");
    }
}

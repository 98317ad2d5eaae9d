using System.Text.Json;
using Peninsula.Storage;

namespace Peninsula.Tests.Cli;

/// <summary><c>peninsula events add</c>: an event entered by hand, checked as an import is, audited, written whole or not at all.</summary>
public sealed class EventsAddCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    private static readonly string[] Launch =
    [
        "events", "add", "--kind", "missile-launch", "--date", "2025-07-08", "--utc-time", "23:20", "--system", "KN-23",
        "--title", "Short-range ballistic missile launch", "--actor", "DPRK", "--site", "Wonsan", "--number-fired", "2",
        "--source-url", "https://www.mod.go.jp/j/press/news/2025/07/example.html", "--source-name", "Japan Ministry of Defense",
    ];

    [Fact]
    public async Task A_launch_entered_by_hand_is_stored_with_its_system_class_and_printed_as_json()
    {
        var (exit, output, error) = await Run([.. Launch, "--by", "Kim Analyst"]);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var added = json.RootElement.EnumerateArray().Single();
        Assert.Equal("2025-07-08-srbm-hwasong-11a", added.GetProperty("id").GetString());
        Assert.Equal("srbm", added.GetProperty("class").GetString());
        Assert.Equal("2025-07-07T23:20:00Z", added.GetProperty("utc_instant").GetString());
        Assert.Equal(2, added.GetProperty("figures").GetProperty("number_fired").GetInt32());
        Assert.Equal("https://www.mod.go.jp/j/press/news/2025/07/example.html", added.GetProperty("sources")[0].GetProperty("url").GetString());

        var (_, shown, _) = await Run("events", "show", "2025-07-08-srbm-hwasong-11a", "--format", "json");
        Assert.Contains("Short-range ballistic missile launch", shown);

        await using var store = EventStores.Open(Db);
        var audit = await store.AuditAsync("2025-07-08-srbm-hwasong-11a", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("events add entered by hand by Kim Analyst", Assert.Single(audit).Origin);
    }

    [Fact]
    public async Task A_landing_area_entered_by_hand_is_a_figure_of_the_launch_and_shown_with_the_others()
    {
        var (exit, output, error) = await Run([.. Launch, "--landing-area", "sea-of-japan"]);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("sea-of-japan", json.RootElement[0].GetProperty("figures").GetProperty("landing_area").GetString());

        var (_, shown, _) = await Run("events", "show", "2025-07-08-srbm-hwasong-11a");
        Assert.Contains("sea of japan", shown);
    }

    [Fact]
    public async Task A_dry_run_prints_the_event_and_writes_nothing()
    {
        var (exit, output, error) = await Run([.. Launch, "--dry-run"]);
        Assert.Equal(0, exit);
        Assert.Contains("2025-07-08-srbm-hwasong-11a", output);
        Assert.Contains("nothing was written", error);
        var (_, shown, _) = await Run("events", "list", "--since", "2025-07-01", "--format", "json");
        Assert.Equal("[]", shown.Trim());
    }

    [Fact]
    public async Task An_event_without_a_source_url_is_refused_and_nothing_is_written()
    {
        var (exit, output, error) = await Run("events", "add", "--kind", "nuclear-test", "--date", "2025-07-08", "--title", "Nuclear test", "--actor", "DPRK");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("command line, field '--source-url': at least one source URL is needed", error);
        var (_, list, _) = await Run("events", "list", "--since", "2025-07-01", "--format", "json");
        Assert.Equal("[]", list.Trim());
    }

    [Theory]
    [InlineData("--class", "rocket", "field '--class': 'rocket' is not a class of 'missile-launch'")]
    [InlineData("--date", "2025-13-01", "field '--date': '2025-13-01' is not a day: a month is 01 to 12.")]
    [InlineData("--actor", "NK", "field '--actor': 'NK' is not a known actor")]
    [InlineData("--kind", "rocket", "'rocket' is not a kind of event")]
    [InlineData("--source-url", "ftp://example.org/x", "field '--source-url': 'ftp://example.org/x' is not an http or https address")]
    [InlineData("--utc-time", "25:00", "field '--utc-time': '25:00' is not a time")]
    [InlineData("--utc-time", "2025-07-06T23:20Z", "field '--utc-time': '2025-07-06T23:20Z' is 2025-07-07 in Korea (UTC+9), not the --date 2025-07-08")]
    [InlineData("--number-fired", "two", "field '--number-fired': 'two' is not a whole number")]
    [InlineData("--landing-area", "Sea of Japan", "field '--landing-area': 'Sea of Japan' is not a landing area")]
    [InlineData("--number-fired", "0", "field '--number-fired': 0 missiles: the number fired must be at least 1")]
    [InlineData("--range-km", "1,000", "field '--range-km': '1,000' is not a number of kilometres")]
    public async Task A_bad_field_is_refused_in_plain_words_naming_the_flag(string flag, string value, string expected)
    {
        var args = new List<string>(Launch);
        var at = args.IndexOf(flag);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([flag, value]);
        }

        var (exit, output, error) = await Run([.. args]);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task An_instant_on_the_korean_date_is_taken_whether_given_whole_or_as_a_time_of_day()
    {
        var args = new List<string>(Launch);
        args[args.IndexOf("--utc-time") + 1] = "2025-07-07T23:20Z";
        var (exit, output, error) = await Run([.. args, "--dry-run"]);
        Assert.True(exit == 0, error);
        Assert.Contains("\"utc_instant\": \"2025-07-07T23:20:00Z\"", output);
    }

    [Fact]
    public async Task The_readme_site_junghwa_is_the_gazetteer_site_chunghwa_with_its_coordinates()
    {
        // Junghwa is the South Korean spelling of Chunghwa; the README's example of events add names it so.
        var args = new List<string>(Launch);
        args[args.IndexOf("--site") + 1] = "Junghwa";
        var (exit, output, error) = await Run([.. args]);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var site = json.RootElement[0].GetProperty("site");
        Assert.Equal("Chunghwa", site.GetProperty("name").GetString());
        Assert.Equal(38.875, site.GetProperty("lat").GetDouble());
        var (checkExit, checkOut, _) = await Run("db", "check");
        Assert.True(checkExit == 0, checkOut);
    }

    [Fact]
    public async Task Adding_a_launch_the_record_may_already_hold_says_which_event_it_may_repeat()
    {
        var first = await Run(Launch);
        Assert.DoesNotContain("already holds", first.Error);

        var next = new List<string>(Launch);
        next[next.IndexOf("--date") + 1] = "2025-07-09";
        next[next.IndexOf("--utc-time") + 1] = "01:00";
        var (exit, _, error) = await Run([.. next]);

        Assert.Equal(0, exit);
        var note = System.Text.RegularExpressions.Regex.Replace(error, @"\s+", " ");
        Assert.Contains("Note: the record already holds 1 such event within a day of 2025-07-09: 2025-07-08-srbm-hwasong-11a.", note);
        Assert.Contains("it is now in the record twice", note);
    }

    [Fact]
    public async Task A_second_launch_of_the_same_day_and_system_gets_its_own_id_and_a_taken_id_is_refused()
    {
        Assert.Equal(0, (await Run(Launch)).Exit);
        var (exit, output, _) = await Run(Launch);
        Assert.Equal(0, exit);
        Assert.Contains("2025-07-08-srbm-hwasong-11a-2", output);

        var (refused, _, error) = await Run([.. Launch, "--id", "2017-09-03-nuclear-test"]);
        Assert.Equal(1, refused);
        Assert.Contains("field '--id': there is already an event '2017-09-03-nuclear-test'", error);
    }
}

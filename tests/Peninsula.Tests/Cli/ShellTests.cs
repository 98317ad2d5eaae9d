using Peninsula.Cli;
using Peninsula.Tests.Storage;

namespace Peninsula.Tests.Cli;

/// <summary>The command as it fits the shell: its name, its words, its suggestions and its tables in a pipe.</summary>
public sealed class ShellTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    [Fact]
    public async Task Help_calls_the_command_peninsula_whatever_program_runs_it()
    {
        var (exit, output, _) = await Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("  peninsula [command] [options]", output);
        Assert.DoesNotContain("Peninsula.Cli", output);
        Assert.DoesNotContain("testhost", output);
        var (_, events, _) = await Run("events", "--help");
        Assert.Contains("  peninsula events [command] [options]", events);
    }

    [Fact]
    public async Task One_event_is_counted_as_one_event_not_one_events()
    {
        var (exit, output, _) = await Run("events", "list", "--class", "icbm", "--limit", "1");
        Assert.Equal(0, exit);
        Assert.Contains("1 event. ", output);
        Assert.DoesNotContain("1 events", output);
        var (_, two, _) = await Run("events", "list", "--class", "icbm", "--limit", "2");
        Assert.Contains("2 events. ", two);
    }

    [Fact]
    public async Task A_mistyped_event_id_is_refused_with_the_id_it_is_close_to()
    {
        var (exit, output, error) = await Run("events", "show", "2017-09-03-nuclear-tst");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("there is no event '2017-09-03-nuclear-tst'. Did you mean 2017-09-03-nuclear-test?", error);
    }

    [Fact]
    public async Task A_shortened_context_name_is_refused_with_the_question_it_begins()
    {
        var (exit, output, error) = await Run("timing", "--context", "secstate");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("field '--context'", error);
        Assert.Contains("Did you mean secstate-visits?", error);
        Assert.DoesNotContain("named set (", error);
    }

    [Fact]
    public async Task A_brief_as_of_a_future_date_is_refused_in_plain_words_and_today_is_accepted()
    {
        // The test clock reads 2026-11-21 03:00 UTC: 12:00 on 2026-11-21 in Korea.
        var (exit, output, error) = await Run("brief", "--as-of", "2026-11-22");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("--as-of 2026-11-22 is in the future: today is 2026-11-21 in Korea.", error);
        var (today, brief, _) = await Run("brief", "--as-of", "2026-11-21");
        Assert.Equal(0, today);
        Assert.Contains("as of 2026-11-21", brief);
    }

    [Fact]
    public async Task A_table_in_a_pipe_keeps_each_event_on_one_line_at_full_width()
    {
        var (exit, output, error) = await CliProcess.RunAsync(Db, "events", "list", "--class", "icbm", "--since", "2023-01-01");
        Assert.True(exit == 0, error);
        var rows = output.Split('\n').Where(l => l.Contains("-icbm-", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 5, output);
        Assert.Contains(rows, r => r.Contains("2024-10-31-icbm-hwasong-19", StringComparison.Ordinal)
            && r.Contains("Intercontinental ballistic missile launch (Hwasong-19)", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Matches(@"│ \d{4}-\d\d-\d\d-icbm-[a-z0-9-]+ +│", r));
        Assert.True(rows.Max(r => r.Length) > 80, "the table was cut at 80 columns");
        Assert.DoesNotContain("\u001b[", output);
    }

    [Fact]
    public void A_table_on_a_console_of_a_given_width_fits_that_width_and_keeps_each_id_whole()
    {
        using var writer = new StringWriter();
        var console = CliRunner.Recording(writer);
        console.Profile.Width = 90;
        console.Write(Rendering.EventTable([Sample.Launch(), Sample.Visit()]));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 90, l));
        Assert.Contains(lines, l => l.TrimEnd('\r').Length >= 80);
        Assert.Contains(lines, l => l.Contains("2024-10-31-icbm-hwasong-19", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2024-03-17-blinken-visit", StringComparison.Ordinal));
    }
}

using System.Text.Json;
using Peninsula.Timing;

namespace Peninsula.Tests.Cli;

/// <summary>`peninsula timing` on the bundled record, as a user runs it.</summary>
public sealed class TimingCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    [Fact]
    public async Task Answers_the_blinken_question_in_plain_words_with_the_launch_as_evidence()
    {
        var (exit, output, _) = await Run("timing", "--context", "secstate-visits");
        Assert.Equal(0, exit);
        Assert.Matches(@"\d+ of \d+ visits had a ballistic launch within 1 day of the visit; chance would give [\d.]+ \(95% range \d+-\d+\); p = [\d.]+: ", output);
        Assert.Contains("2025-01-05-blinken", output);
        Assert.Contains("2025-01-06-irbm-hwasong-16b", output);
        Assert.Contains("10,000 permutations, seed 1", output);
    }

    [Fact]
    public async Task Json_carries_every_figure_and_the_evidence_by_id()
    {
        var (exit, output, _) = await Run("timing", "--context", "secstate-visits", "--permutations", "2000", "--seed", "7", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("secstate-visits", root.GetProperty("question").GetString());
        Assert.Equal(2000, root.GetProperty("method").GetProperty("permutations").GetInt32());
        Assert.Equal(7, root.GetProperty("method").GetProperty("seed").GetInt32());
        var hits = root.GetProperty("hits");
        foreach (var figure in new[] { "observed", "expected", "range_low", "range_high", "ratio", "ratio_low", "ratio_high", "p", "p_fewer", "p_circular", "p_all_placements" })
        {
            Assert.True(hits.TryGetProperty(figure, out _), figure);
        }

        var evidence = root.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("context").GetProperty("count").GetInt32(), evidence.Count);
        Assert.Equal(hits.GetProperty("observed").GetInt32(), evidence.Count(e => e.GetProperty("provocations").GetArrayLength() > 0));
        Assert.Equal(61, root.GetProperty("profile").GetArrayLength());
        Assert.Equal(-30, root.GetProperty("profile")[0].GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task Every_ready_made_question_is_answered_from_the_bundled_record_and_adjusted_together()
    {
        var (exit, output, _) = await Run("timing", "--context", "all", "--permutations", "1000", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("benjamini-hochberg", json.RootElement.GetProperty("adjustment").GetString());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(TimingQuestions.All.Select(q => q.Name), results.Select(r => r.GetProperty("question").GetString()));
        Assert.All(results, r =>
        {
            Assert.True(r.GetProperty("context").GetProperty("count").GetInt32() >= 9, r.GetProperty("question").GetString());
            Assert.True(r.GetProperty("p_adjusted").GetDouble() >= r.GetProperty("hits").GetProperty("p").GetDouble());
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("answer").GetString()));
        });
    }

    [Fact]
    public async Task Takes_any_filter_as_context_and_any_window_even_one_that_starts_with_a_minus()
    {
        var (exit, output, _) = await Run("timing", "--context", "kind=diplomatic-visit text=Blinken", "--provocations", "class=irbm,icbm,hgv", "--window", "-2..2", "--permutations", "500");
        Assert.Equal(0, exit);
        Assert.Contains("context events had a matching event within 2 days of the context event", output);
    }

    [Fact]
    public async Task Lists_the_ready_made_questions()
    {
        var (exit, output, _) = await Run("timing", "questions", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.EnumerateArray().Select(q => q.GetProperty("name").GetString()).ToList();
        Assert.Equal(["secstate-visits", "secdef-visits", "exercises", "us-elections", "rok-elections", "anniversaries", "un-resolutions", "summits", "deployments", "us-sanctions", "talks"], names);
        Assert.All(json.RootElement.EnumerateArray(), q => Assert.StartsWith("peninsula timing --context ", q.GetProperty("command").GetString()));
    }

    [Theory]
    [InlineData("--window", "3..1", "--window")]
    [InlineData("--context", "kind=visit", "not a kind of event")]
    [InlineData("--context", "text=Nobody-by-this-name", "No events match 'text=Nobody-by-this-name'")]
    [InlineData("--provocations", "kind=nuclear-test since=2018-01-01", "No events match 'kind=nuclear-test since=2018-01-01'")]
    [InlineData("--provocations", "kind=nuclear-test until=2008-12-31", "None of the 17 visits falls between 2006-01-01 and 2008-12-31")]
    [InlineData("--permutations", "10", "At least 100 permutations")]
    public async Task Bad_input_is_refused_with_a_plain_message_and_exit_code_1(string option, string value, string message)
    {
        var args = option == "--context" ? new[] { "timing", option, value } : ["timing", "--context", "secstate-visits", option, value];
        var (exit, _, error) = await Run(args);
        Assert.Equal(1, exit);
        Assert.Contains("Error:", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Without_a_context_it_says_what_to_give()
    {
        var (exit, _, error) = await Run("timing");
        Assert.Equal(1, exit);
        Assert.Contains("Say what to test against with --context", error);
        Assert.Contains("secstate-visits", error);
    }
}

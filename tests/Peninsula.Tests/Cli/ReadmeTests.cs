using Peninsula.Tests.Record;

namespace Peninsula.Tests.Cli;

/// <summary>The README is the front door: its commands must work as written.</summary>
public sealed class ReadmeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Readme => File.ReadAllText(Path.Combine(BundledRecordTests.RepositoryRoot(), "README.md"));

    [Fact]
    public void The_readme_gives_the_two_commands_and_ci_runs_the_test_command()
    {
        Assert.Contains("dotnet run --project src/Peninsula.Cli -- serve", Readme);
        Assert.Contains("dotnet test Peninsula.slnx", Readme);
        var ci = File.ReadAllText(Path.Combine(BundledRecordTests.RepositoryRoot(), ".ci", "run"));
        Assert.Contains("\ndotnet test Peninsula.slnx\n", ci);
    }

    [Fact]
    public async Task Every_peninsula_command_in_the_readme_runs_successfully_in_order()
    {
        var commands = Readme.Split('\n')
            .Where(l => l.StartsWith("peninsula ", StringComparison.Ordinal))
            .Select(l => l.Split('#')[0].Trim())
            .ToList();
        Assert.True(commands.Count >= 10, "the README's usage examples were not found");

        var db = _folder.File("readme.db");
        foreach (var command in commands)
        {
            // Paths into the repository (tests/..., data/..., docs/...) are the repository's; other file names are the test's own.
            var root = BundledRecordTests.RepositoryRoot();
            var args = ShellWords(command).Skip(1)
                .Select(a => a.StartsWith("tests/", StringComparison.Ordinal) || a.StartsWith("data/", StringComparison.Ordinal) || a.StartsWith("docs/", StringComparison.Ordinal)
                    ? Path.Combine(root, a)
                    : a.EndsWith(".json", StringComparison.Ordinal) || a.EndsWith(".csv", StringComparison.Ordinal) ? _folder.File(a) : a)
                .ToArray();
            var (exit, output, error) = await CliRunner.RunAsync(db, args);
            Assert.True(exit == 0, $"'{command}' exited with {exit}: {error}");
            Assert.False(string.IsNullOrWhiteSpace(output + error), $"'{command}' printed nothing");
        }

        // What the README's examples write (an event added by hand, imports, questions) leaves a record that passes its own checks.
        var (checkExit, checkOutput, _) = await CliRunner.RunAsync(db, "db", "check");
        Assert.True(checkExit == 0, $"'peninsula db check' after the README's commands: {checkOutput}");
    }

    [Fact]
    public async Task The_readme_timing_table_and_worked_example_give_what_timing_answers_on_the_bundled_record()
    {
        // The table is quoted from 'timing --context all' (10,000 permutations, seed 1): a calendar that gains a row changes it.
        var (exit, output, error) = await CliRunner.RunAsync(_folder.File("timing.db"), "timing", "--context", "all", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var names = Peninsula.Timing.TimingQuestions.All.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        var rows = Readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal) && names.Contains(l.Split('`')[1]))
            .ToDictionary(l => l.Split('`')[1], l => l.Split('|', StringSplitOptions.TrimEntries));
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            var name = result.GetProperty("question").GetString()!;
            Assert.True(rows.TryGetValue(name, out var cells), $"the README's timing table has no row for {name}");
            var hits = result.GetProperty("hits");
            var figures = System.Text.RegularExpressions.Regex.Matches(string.Join(" ", cells[3..8]), @"\d+(\.\d+)?").Select(m => m.Value).ToList();
            double[] actual =
            [
                hits.GetProperty("observed").GetInt32(), result.GetProperty("context").GetProperty("count").GetInt32(),
                hits.GetProperty("expected").GetDouble(), hits.GetProperty("range_low").GetInt32(), hits.GetProperty("range_high").GetInt32(),
                hits.GetProperty("ratio").GetDouble(), hits.GetProperty("ratio_low").GetDouble(), hits.GetProperty("ratio_high").GetDouble(),
                hits.GetProperty("p").GetDouble(), result.GetProperty("p_adjusted").GetDouble(),
            ];
            Assert.True(figures.Count == actual.Length, $"{name}: the README row should give hits, chance, ratio and both p-values: {string.Join(" | ", cells)}");
            for (var i = 0; i < actual.Length; i++)
            {
                // A figure as rounded in the README: within half a unit of its last digit.
                var shown = double.Parse(figures[i], System.Globalization.CultureInfo.InvariantCulture);
                var decimals = figures[i].Contains('.', StringComparison.Ordinal) ? figures[i].Length - figures[i].IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                Assert.True(Math.Abs(shown - actual[i]) <= (0.5 * Math.Pow(10, -decimals)) + 1e-9, $"{name}: the README gives {figures[i]} where timing gives {actual[i]} ({string.Join(" | ", cells)})");
            }
        }

        var (_, single, _) = await CliRunner.RunAsync(_folder.File("timing.db"), "timing", "--context", "secstate-visits", "--format", "json");
        using var one = System.Text.Json.JsonDocument.Parse(single);
        // The worked example quotes the answer over two lines of a block quote.
        var quoted = string.Join(" ", Readme.Split('\n').Where(l => l.StartsWith("> ", StringComparison.Ordinal)).Select(l => l[2..].Trim()));
        Assert.Contains(one.RootElement.GetProperty("answer").GetString()!, quoted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_s_crowd_figures_are_what_the_comparison_computes_on_the_bundled_record()
    {
        var text = Readme.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal);
        var match = System.Text.RegularExpressions.Regex.Match(
            text, @"the crowds' Brier score is (\d\.\d+) against the model's (\d\.\d+) \((\d+) forecasts on (\d+) questions; each question weighed once, (\d\.\d+) against (\d\.\d+)\)");
        Assert.True(match.Success, "the README's sentence on the crowds' figures was not found");
        await using var store = Peninsula.Storage.SqliteEventStore.Open(_folder.File("published.db"), CliRunner.Clock);
        await Peninsula.Storage.EventStores.EnsureBundledRecordAsync(store);
        var comparison = await Peninsula.Questions.PublishedComparison.ComputeAsync(Peninsula.Questions.PublishedForecasts.Bundled, store);
        var crowds = comparison.ByKind.Single(k => k.Kind == Peninsula.Questions.PublishedForecaster.Crowd).Totals;
        string F(double x) => x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [F(crowds.Brier), F(crowds.ModelBrier), crowds.Forecasts.ToString(System.Globalization.CultureInfo.InvariantCulture), crowds.Questions.ToString(System.Globalization.CultureInfo.InvariantCulture), F(crowds.BrierPerQuestion), F(crowds.ModelBrierPerQuestion)],
            match.Groups.Values.Skip(1).Select(g => g.Value));
    }

    [Fact]
    public async Task The_readme_and_the_data_readme_count_the_bundled_records_disagreements_as_db_conflicts_lists_them()
    {
        var (exit, output, error) = await CliRunner.RunAsync(_folder.File("conflicts.db"), "db", "conflicts", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        var events = rows.Select(r => r.GetProperty("event_id").GetString()).Distinct(StringComparer.Ordinal).Count();
        Assert.Contains($"disagree on {rows.Count} fields of {events} events", Readme.ReplaceLineEndings(" "));
        var dataReadme = File.ReadAllText(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "README.md")).ReplaceLineEndings(" ");
        Assert.Contains($"({rows.Count} fields of {events} events for the bundled record", dataReadme);
    }

    /// <summary>Splits a command line as a POSIX shell does for the simple cases the README uses: spaces, and double quotes around a word with spaces.</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    any = false;
                }
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}

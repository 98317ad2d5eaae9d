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

using Peninsula.Watch;

namespace Peninsula.Tests.Watch;

/// <summary>The public sources Peninsula lists (<c>data/feeds.csv</c>) and <c>watch add --defaults</c> and <c>--gdelt</c>.</summary>
public sealed class DefaultFeedsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    [Fact]
    public void The_list_holds_the_sources_the_readme_names_gdelts_update_list_among_them()
    {
        // Each row's fields, and names and addresses listed once, are checked by DefaultFeeds.Read
        // as it loads the list (the theory below); what the data itself must hold is checked here.
        var feeds = DefaultFeeds.All;

        Assert.True(feeds.Count >= 8, $"{feeds.Count} sources");
        Assert.Single(feeds, f => GdeltUpdates.IsUpdateList(f.Url));
        Assert.Contains(feeds, f => f.Url == GdeltUpdates.UpdateList);
    }

    [Theory]
    [InlineData("a,ftp://a.example/feed,A,news,1h,page", 2, "url", "is not an http or https address")]
    [InlineData("a,https://a.example/feed,,news,1h,page", 2, "publisher", "the value is empty")]
    [InlineData("a,https://a.example/feed,A,,1h,page", 2, "covers", "the value is empty")]
    [InlineData("a,https://a.example/feed,A,news,10s,page", 2, "every", "at most once a minute")]
    [InlineData("a,https://a.example/feed,A,news,1h,page\nb,https://a.example/feed,B,news,1h,page", 3, "url", "is listed twice")]
    [InlineData("a,https://a.example/feed,A,news,1h,page\nA,https://b.example/feed,B,news,1h,page", 3, "name", "is listed twice")]
    public void A_bad_row_of_the_list_is_refused_naming_its_line_and_field(string rows, long line, string field, string reason)
    {
        var error = Assert.Throws<InputException>(() =>
            DefaultFeeds.Read(new StringReader("name,url,publisher,covers,every,checked\n" + rows), "feeds.csv"));

        Assert.Equal(("feeds.csv", line, field), (error.File!, error.Line!.Value, error.Field!));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task Watch_add_defaults_adds_every_listed_source_once_and_says_what_was_already_there()
    {
        var (first, firstOut, _) = await Run("watch", "add", "--defaults");
        var (second, secondOut, _) = await Run("watch", "add", "--defaults");
        var (_, list, _) = await Run("watch", "list");

        var count = DefaultFeeds.All.Count;
        Assert.Equal((0, 0), (first, second));
        Assert.Contains($"Added {count} feeds:", firstOut);
        Assert.DoesNotContain("Already watched", firstOut);
        Assert.Contains("Added no feed.", secondOut);
        Assert.Contains($"Already watched, left as they were: {count}:", secondOut);
        Assert.All(DefaultFeeds.All, f => Assert.Contains(f.Name, list));
        await using var store = Peninsula.Storage.SqliteEventStore.Open(Db, CliRunner.Clock);
        Assert.Equal(count, (await store.WatchesAsync()).Count);
    }

    [Fact]
    public async Task Watch_add_gdelt_watches_gdelts_update_list_and_the_defaults_then_leave_it_as_it_is()
    {
        var (gdelt, gdeltOut, _) = await Run("watch", "add", "--gdelt", "--name", "gdelt-updates");
        var (defaults, defaultsOut, _) = await Run("watch", "add", "--defaults");

        Assert.Equal((0, 0), (gdelt, defaults));
        Assert.Contains($"gdelt-updates {GdeltUpdates.UpdateList}, every 15m", gdeltOut);
        Assert.Contains($"Added {DefaultFeeds.All.Count - 1} feeds:", defaultsOut);
        Assert.Contains($"gdelt {GdeltUpdates.UpdateList} (as gdelt-updates)", defaultsOut);
    }

    [Theory]
    [InlineData("watch", "add")]
    [InlineData("watch", "add", "--defaults", "--gdelt")]
    [InlineData("watch", "add", "https://www.nknews.org/feed/", "--defaults")]
    public async Task Watch_add_takes_one_of_an_address_defaults_or_gdelt(params string[] args)
    {
        var (exit, output, error) = await Run(args);

        Assert.NotEqual(0, exit);
        Assert.Contains("give one of: a feed's address, --defaults or --gdelt", output + error);
    }

    [Fact]
    public async Task Every_command_the_systemd_units_run_is_a_peninsula_command_that_exists()
    {
        var folder = Path.Combine(Record.BundledRecordTests.RepositoryRoot(), "deploy", "systemd");
        var commands = Directory.GetFiles(folder)
            .SelectMany(File.ReadAllLines)
            .Where(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))
            .Select(l => l["ExecStart=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        Assert.Equal(2, commands.Count);
        foreach (var command in commands)
        {
            Assert.EndsWith("/.dotnet/tools/peninsula", command[0], StringComparison.Ordinal);
            var (exit, output, error) = await Run([.. command.Skip(1), "--help"]);
            Assert.True(exit == 0, $"'{string.Join(' ', command.Skip(1))}': {error}");
            Assert.Contains("Poll the watched feeds", output);
        }
    }
}

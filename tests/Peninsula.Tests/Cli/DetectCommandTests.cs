using System.Text.Json;

namespace Peninsula.Tests.Cli;

/// <summary><c>peninsula detect</c> as a user runs it: files in, proposals out, nothing written.</summary>
public sealed class DetectCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private const string Feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Example Wire</title>
        <item><title>N. Korea fires ICBM</title><link>https://wire.example/1</link><guid>1</guid>
        <pubDate>Thu, 31 Oct 2024 01:30:00 +0000</pubDate>
        <description>North Korea fired an intercontinental ballistic missile on Thursday morning, the Joint Chiefs of Staff said.</description></item>
        <item><title>Weather</title><link>https://wire.example/2</link><guid>2</guid>
        <pubDate>Thu, 31 Oct 2024 02:00:00 +0000</pubDate><description>Rain in Seoul.</description></item>
        </channel></rss>
        """;

    [Fact]
    public async Task Detect_prints_one_proposal_as_json_with_the_fields_the_issue_names_and_matches_the_records_launch()
    {
        var feed = _folder.File("wire.xml");
        await File.WriteAllTextAsync(feed, Feed);

        var (exit, output, error) = await CliRunner.RunAsync(Db, "detect", feed, "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var proposal = json.RootElement.EnumerateArray().Single();
        string[] fields = ["date", "kind", "class", "system", "count", "site", "confidence", "matches", "documents", "sentences"];
        Assert.All(fields, f => Assert.True(proposal.TryGetProperty(f, out _), f));
        Assert.Equal("2024-10-31", proposal.GetProperty("date").GetString());
        Assert.Equal("icbm", proposal.GetProperty("class").GetString());
        Assert.Equal("2024-10-31-icbm-hwasong-19", proposal.GetProperty("matches").GetString());
        var document = proposal.GetProperty("documents").EnumerateArray().Single();
        Assert.Equal("https://wire.example/1", document.GetProperty("url").GetString());
        Assert.Equal("2024-10-31", document.GetProperty("published").GetString());
        var sentence = proposal.GetProperty("sentences").EnumerateArray().First();
        var text = "N. Korea fires ICBM\n\nNorth Korea fired an intercontinental ballistic missile on Thursday morning, the Joint Chiefs of Staff said.";
        Assert.Equal(sentence.GetProperty("text").GetString(), text.Substring(sentence.GetProperty("start").GetInt32(), sentence.GetProperty("length").GetInt32()));
    }

    [Fact]
    public async Task A_plain_text_file_without_a_publication_date_is_refused_naming_the_file_and_the_flag()
    {
        var text = _folder.File("article.txt");
        await File.WriteAllTextAsync(text, "Launch\nNorth Korea fired a ballistic missile on Tuesday.");

        var (exit, output, error) = await CliRunner.RunAsync(Db, "detect", text);

        Assert.Equal(1, exit);
        Assert.Contains("article.txt", error);
        Assert.Contains("--published", error);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public async Task A_plain_text_file_with_its_publication_date_makes_a_proposal_in_the_table()
    {
        var text = _folder.File("article.txt");
        await File.WriteAllTextAsync(text, "Launch\nNorth Korea fired two short-range ballistic missiles on Tuesday.");

        var (exit, output, error) = await CliRunner.RunAsync(Db, "detect", text, "--published", "2025-07-09");

        Assert.True(exit == 0, error);
        Assert.Contains("2025-07-08", output);
        Assert.Contains("srbm", output);
        Assert.Contains("new", output);
    }

    [Fact]
    public async Task Json_gives_an_apostrophe_a_curly_quote_and_korean_as_written_not_as_escapes()
    {
        var text = _folder.File("article.txt");
        await File.WriteAllTextAsync(text, "Launch\nNorth Korea fired two short-range ballistic missiles on Tuesday, South Korea's “Joint Chiefs” (합동참모본부) said.");

        var (exit, output, error) = await CliRunner.RunAsync(Db, "detect", text, "--published", "2025-07-09", "--format", "json");

        Assert.True(exit == 0, error);
        Assert.Contains("South Korea's “Joint Chiefs” (합동참모본부) said.", output);
        Assert.DoesNotContain("\\u", output);
    }
}

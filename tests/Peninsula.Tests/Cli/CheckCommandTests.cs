using System.Text.Json;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Cli;

/// <summary><c>peninsula check</c> as a user runs it.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private static string Example(string name) => Path.Combine(BundledRecordTests.RepositoryRoot(), "docs", "examples", name);

    [Fact]
    public async Task Json_output_has_the_documented_shape_with_verdicts_reasons_and_evidence()
    {
        var (exit, output, _) = await CliRunner.RunAsync(Db, "check", Example("what-is-north-korea-going-to-do.txt"), "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("published").ValueKind);
        Assert.Contains("2020", root.GetProperty("anchor").GetString());
        var claims = root.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(4, claims.Count);
        // The 2020 nuclear test is refuted; the record's silence about the two 2020 launches of
        // unstated and short-range class refutes nothing (it holds in full only nuclear tests, ICBMs
        // and space launches).
        Assert.Equal(["not-enough-evidence", "refuted", "not-enough-evidence"], claims.Take(3).Select(c => c.GetProperty("verdict").GetString()));
        Assert.Equal("sanction", claims[3].GetProperty("event_kind").GetString());
        Assert.All(claims, c => Assert.NotEmpty(c.GetProperty("facets").EnumerateArray()));
        var nuclear = claims[1];
        Assert.Equal("ordinal", nuclear.GetProperty("kind").GetString());
        Assert.Equal("in April, the country conducted its sixth nuclear test", nuclear.GetProperty("text").GetString());
        Assert.True(nuclear.GetProperty("end").GetInt32() > nuclear.GetProperty("start").GetInt32());
        Assert.Contains("2017-09-03", nuclear.GetProperty("reason").GetString());
        Assert.Equal(["2017-09-03-nuclear-test"], nuclear.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Text_output_shows_each_claim_with_its_verdict_and_reason()
    {
        var (exit, output, _) = await CliRunner.RunAsync(Db, "check", Example("blinken-visit-launch.txt"));

        Assert.Equal(0, exit);
        Assert.Contains("SUPPORTED", output);
        Assert.Contains("missile launch during Blinken’s visit to South Korea", output);
        Assert.Contains("Evidence: 2025-01-06-irbm-hwasong-16b", output);
        Assert.Contains("Hwasong-19", output);
        // "North Korea’s missile launch was a clear message": the launch is the subject of what the
        // sentence says of it, so it is asserted (bench/claims-real/README.md, "Events named by a noun").
        Assert.Contains("North Korea’s missile launch", output);
        Assert.Contains("claims: 4 supported, 0 refuted, 0 not enough evidence", output);
    }

    [Fact]
    public async Task Html_output_is_one_page_with_the_article_escaped_and_the_claims_marked()
    {
        var article = _folder.File("article.txt");
        await File.WriteAllTextAsync(article, "<script>alert(1)</script> North Korea conducted its sixth nuclear test in April 2020 & more.");

        var (exit, output, _) = await CliRunner.RunAsync(Db, "check", article, "--format", "html");

        Assert.Equal(0, exit);
        Assert.StartsWith("<!DOCTYPE html>", output);
        Assert.DoesNotContain("<script>", output);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", output);
        Assert.Contains("<mark class=\"refuted\"", output);
        Assert.Contains("<code>2017-09-03-nuclear-test</code>", output);
        Assert.DoesNotContain("<link", output);
    }

    [Fact]
    public async Task Standard_input_and_a_publication_date_are_read()
    {
        var (exit, output, _) = await CliRunner.RunWithInputAsync(Db, "In November, North Korea fired an ICBM.", "check", "-", "--published", "2023-03-01", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("2023-03-01", json.RootElement.GetProperty("published").GetString());
        var claim = Assert.Single(json.RootElement.GetProperty("claims").EnumerateArray());
        Assert.Equal("supported", claim.GetProperty("verdict").GetString());
        Assert.Equal(["2022-11-03-icbm", "2022-11-18-icbm-hwasong-17"], claim.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_clock_behind_Koreas_the_default_for_a_writer_not_known_reads_the_next_weekday_as_Koreas_day()
    {
        // us-voa-2017-02-11-first-under-trump: a Washington story dated Saturday tells of Korea's Sunday, 2017-02-12.
        const string sentence = "North Korea launched a ballistic missile early Sunday over the Sea of Japan.";
        var (exit, output, _) = await CliRunner.RunWithInputAsync(Db, sentence, "check", "-", "--published", "2017-02-11", "--clock", "behind", "--format", "json");
        var (koreaExit, korea, _) = await CliRunner.RunWithInputAsync(Db, sentence, "check", "-", "--published", "2017-02-11", "--clock", "korea", "--format", "json");
        var (unknownExit, unknown, _) = await CliRunner.RunWithInputAsync(Db, sentence, "check", "-", "--published", "2017-02-11", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Equal(0, koreaExit);
        Assert.Equal(0, unknownExit);
        Assert.Equal(output, unknown);
        using var json = JsonDocument.Parse(output);
        var claim = Assert.Single(json.RootElement.GetProperty("claims").EnumerateArray());
        Assert.Equal("supported", claim.GetProperty("verdict").GetString());
        Assert.Equal(["2017-02-12-mrbm-pukguksong-2"], claim.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        using var inKorea = JsonDocument.Parse(korea);
        Assert.NotEqual("supported", Assert.Single(inKorea.RootElement.GetProperty("claims").EnumerateArray()).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task A_clock_other_than_korea_or_behind_is_refused()
    {
        var (exit, output, error) = await CliRunner.RunWithInputAsync(Db, "North Korea fired a missile.", "check", "-", "--clock", "washington");

        Assert.NotEqual(0, exit);
        Assert.Contains("washington", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Bad_input_gets_a_plain_message_and_exit_code_1_without_touching_the_store()
    {
        var binary = _folder.File("image.png");
        await File.WriteAllBytesAsync(binary, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);
        var huge = _folder.File("huge.txt");
        await using (var file = File.Create(huge))
        {
            file.SetLength(50L * 1024 * 1024);
        }

        foreach (var (args, input, message) in new (string[], string, string)[]
        {
            (["check", "-"], "", "the article is empty"),
            (["check", binary], "", "binary"),
            (["check", huge], "", "larger than the limit of 5 MB"),
            (["check", _folder.File("missing.txt")], "", "there is no file"),
            (["check", "-", "--published", "18/03/2024"], "North Korea fired a missile.", "is not a date of the form YYYY-MM-DD"),
        })
        {
            var (exit, output, error) = await CliRunner.RunWithInputAsync(Db, input, args);
            Assert.Equal(1, exit);
            Assert.Empty(output);
            Assert.Contains("Error:", error);
            Assert.Contains(message, error);
        }

        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Text_in_another_language_says_so_and_exits_normally()
    {
        var (exit, output, _) = await CliRunner.RunWithInputAsync(Db, "북한은 2017년 9월 3일 여섯 번째 핵실험을 실시했다.", "check", "-");

        Assert.Equal(0, exit);
        Assert.Contains("Korean (Hangul)", output);
        Assert.Contains("0 claims", output);
    }
}

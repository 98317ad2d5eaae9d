using Peninsula.Import;
using Peninsula.Storage;
using Peninsula.Watch;

namespace Peninsula.Tests.Watch;

/// <summary>What a hostile or broken feed site can do to the watcher: each case fails its own feed and nothing else.</summary>
public sealed class HostileFeedTests : IDisposable
{
    // Short enough for a test, and the drip server's 5 bytes a second stays below the minimum.
    private static readonly FetchLimits Quick = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2), 100, TimeSpan.FromSeconds(1));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_watcher_survives_every_hostile_feed_records_each_failure_and_polls_the_other_feeds()
    {
        using var server = new HostileFeedServer();
        await using var store = EventStores.Open(_folder.File("peninsula.db"), CliRunner.Clock);
        string[] cases = ["drip", "huge", "nested", "nested-html", "reset", "zz-good"];
        foreach (var name in cases)
        {
            var path = name == "zz-good" ? "/good.xml" : $"/{name}.xml";
            await store.AddWatchAsync(new FeedWatch { Name = name, Url = server.Url(path), Every = TimeSpan.FromMinutes(15) });
        }

        using var http = new SafeHttp(AddressPolicy.AllowPrivate, limits: Quick);
        var polled = (await new FeedWatcher(store, http, CliRunner.Clock).PollDueAsync(all: true)).ToDictionary(w => w.Name);

        Assert.Equal(cases, polled.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("slower than the 100 bytes a second", polled["drip"].LastStatus, StringComparison.Ordinal);
        Assert.Contains("nests elements more than 64 deep", polled["nested"].LastStatus, StringComparison.Ordinal);
        Assert.Contains("broke after", polled["reset"].LastStatus, StringComparison.Ordinal);
        Assert.All(new[] { "drip", "nested", "reset" }, name =>
        {
            Assert.Equal(1, polled[name].Failures);
            Assert.Equal(CliRunner.Clock.GetUtcNow() + TimeSpan.FromMinutes(30), polled[name].NextPollAt);
        });
        Assert.Equal($"{HostileFeedServer.HugeItems} new documents, 0 already stored", polled["huge"].LastStatus);
        Assert.Equal("1 new document, 0 already stored", polled["nested-html"].LastStatus);
        Assert.Equal("1 new document, 0 already stored", polled["zz-good"].LastStatus);
        Assert.Single(await store.SearchDocumentsAsync("Hwasong"));
        var log = await store.WatchLogAsync(20);
        Assert.Contains(log, l => l.Name == "reset" && l.Message.StartsWith("failed (1 in a row, next try in 30m)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_feed_nested_deeper_than_the_limit_is_refused_with_its_line_and_element()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(HostileFeedServer.Nested()));

        var error = Assert.Throws<InputException>(() => new FeedImporter().Read(stream, "deep.xml", "deep.xml"));

        Assert.Equal("deep.xml", error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal("x", error.Field);
    }

    [Fact]
    public void Deeply_nested_escaped_html_becomes_its_text()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(HostileFeedServer.NestedHtml()));

        var document = Assert.Single(new FeedImporter().Read(stream, "deep.xml", "deep.xml").Documents);

        Assert.Equal("deep text", document.Body);
    }

    [Fact]
    public void A_feed_of_150000_items_is_read_whole()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(HostileFeedServer.Huge()));

        var batch = new FeedImporter().Read(stream, "huge.xml", "huge.xml");

        Assert.Equal(HostileFeedServer.HugeItems, batch.Documents.Count);
        Assert.Equal("Text 149999.", batch.Documents[^1].Body);
    }

    [Theory]
    [InlineData("<p>One <b>bold</b> word.</p><p>Two</p>", "One bold word. Two")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("<script>alert('<p>x</p>')</script>Text<style>p{}</style>", "Text")]
    [InlineData("Hwa<b>song</b>-19 &amp; KN-25<!-- <p>hidden</p> -->", "Hwasong-19 & KN-25")]
    [InlineData("<unclosed", "<unclosed")]
    public void Html_in_a_description_becomes_its_text(string html, string text) =>
        Assert.Equal(text, string.Join(' ', HtmlText.Of(html).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
}

using System.Net;
using Peninsula.Watch;

namespace Peninsula.Tests.Watch;

/// <summary>Watching feeds: conditional polling, deduplication, back-off, and refusing internal addresses.</summary>
public sealed class WatchTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    [Fact]
    public async Task A_watched_feed_is_polled_with_validators_and_new_items_are_stored_once()
    {
        var items = new List<(string, string)> { ("wire-1", "First item about Hwasong"), ("wire-2", "Second item") };
        using var server = new TestFeedServer(request =>
            request.Headers["If-None-Match"] == "\"v2\"" && items.Count == 2
                ? (304, "", [])
                : (200, TestFeedServer.Rss([.. items]), new Dictionary<string, string> { ["ETag"] = $"\"v{items.Count}\"" }));

        Assert.Equal(0, (await Run("watch", "add", server.Url().ToString(), "--name", "wire", "--every", "15m")).Exit);
        var (first, firstOut, _) = await Run("watch", "run", "--once", "--allow-private");
        var (second, secondOut, _) = await Run("watch", "run", "--once", "--allow-private");
        items.Add(("wire-3", "Third item"));
        var (third, thirdOut, _) = await Run("watch", "run", "--once", "--allow-private");

        Assert.Equal((0, 0, 0), (first, second, third));
        Assert.Contains("wire: 2 new, 0 already stored", firstOut);
        Assert.Contains("wire: not modified (304)", secondOut);
        Assert.Contains("wire: 1 new, 2 already stored", thirdOut);
        Assert.Equal([null, "\"v2\"", "\"v2\""], server.Requests.Select(r => r.IfNoneMatch));
        var (_, found, _) = await Run("docs", "search", "hwasong");
        Assert.Contains("First item about Hwasong", found);
        var (_, log, _) = await Run("watch", "log");
        Assert.Contains("not modified", log);
        Assert.Contains("added http://127.0.0.1", log);
    }

    [Fact]
    public async Task A_feed_on_a_loopback_address_is_refused_without_allow_private_and_backs_off()
    {
        using var server = new TestFeedServer(_ => (200, TestFeedServer.Rss(("x", "X")), []));
        await Run("watch", "add", server.Url().ToString(), "--name", "local");

        var (exit, output, _) = await Run("watch", "run", "--once");

        Assert.Equal(1, exit);
        Assert.Contains("refused to fetch from 127.0.0.1", output);
        Assert.Contains("it is a loopback address", output);
        Assert.Empty(server.Requests);
        var (_, list, _) = await Run("watch", "list");
        Assert.Contains("failed", list);
        var (_, log, _) = await Run("watch", "log");
        Assert.Contains("1 in a row, next try in 00:30:00", log);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_refused_on_the_address_connected_to()
    {
        using var inside = new TestFeedServer(_ => (200, TestFeedServer.Rss(("secret", "Internal")), []));
        using var outside = new TestFeedServer(_ => (302, "", new Dictionary<string, string> { ["Location"] = inside.Url().ToString() }));
        using var http = new SafeHttp(new OnlyPort(outside.Port));

        var error = await Assert.ThrowsAsync<FetchException>(() => http.GetAsync(outside.Url(), null, null));

        Assert.Contains("refused to fetch from 127.0.0.1", error.Message);
        Assert.Single(outside.Requests);
        Assert.Empty(inside.Requests);
    }

    [Fact]
    public async Task More_than_five_redirects_are_refused()
    {
        TestFeedServer? server = null;
        server = new TestFeedServer(request => (302, "", new Dictionary<string, string> { ["Location"] = server!.Url($"/hop{server.Requests.Count}").ToString() }));
        using (server)
        {
            using var http = new SafeHttp(AddressPolicy.AllowPrivate);
            var error = await Assert.ThrowsAsync<FetchException>(() => http.GetAsync(server.Url(), null, null));
            Assert.Contains("redirected more than 5 times", error.Message);
            Assert.Equal(6, server.Requests.Count);
        }
    }

    [Fact]
    public async Task A_response_over_the_size_limit_is_refused()
    {
        using var server = new TestFeedServer(_ => (200, new string('x', 5000), []));
        using var http = new SafeHttp(AddressPolicy.AllowPrivate, maxBytes: 1000);

        var error = await Assert.ThrowsAsync<FetchException>(() => http.GetAsync(server.Url(), null, null));

        Assert.Contains("more than the 1000", error.Message);
    }

    [Theory]
    [InlineData("ftp://example.org/feed")]
    [InlineData("file:///etc/passwd")]
    [InlineData("feed.xml")]
    public async Task Only_http_and_https_addresses_can_be_watched(string url)
    {
        var (exit, _, error) = await Run("watch", "add", url);
        Assert.Equal(1, exit);
        Assert.Contains("is not an http or https address", error);
    }

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("10.1.2.3", "a private address")]
    [InlineData("172.20.0.1", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("169.254.169.254", "a cloud metadata address")]
    [InlineData("169.254.10.1", "a link-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fd00:ec2::254", "a private address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("93.184.216.34", null)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", null)]
    public void Internal_addresses_are_recognised(string address, string? refusal) =>
        Assert.Equal(refusal, AddressPolicy.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Failures_back_off_by_doubling_up_to_a_day()
    {
        var every = TimeSpan.FromMinutes(15);
        Assert.Equal(TimeSpan.FromMinutes(30), FeedWatch.Backoff(every, 1));
        Assert.Equal(TimeSpan.FromMinutes(120), FeedWatch.Backoff(every, 3));
        Assert.Equal(TimeSpan.FromDays(1), FeedWatch.Backoff(every, 12));
    }

    [Theory]
    [InlineData("15m", 15 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1d", 86400)]
    public void Intervals_are_read_as_written(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), FeedWatch.ParseEvery(text));

    [Fact]
    public void Polling_more_than_once_a_minute_is_refused() =>
        Assert.Contains("once a minute", Assert.Throws<InputException>(() => FeedWatch.ParseEvery("10s")).Message);

    /// <summary>A policy that lets the test reach one loopback port and nothing else internal.</summary>
    private sealed class OnlyPort(int port) : AddressPolicy(allowPrivate: false)
    {
        public override string? Refusal(IPEndPoint endpoint) => endpoint.Port == port ? null : base.Refusal(endpoint);
    }
}

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
        Assert.Contains("wire: 2 new documents, 0 already stored", firstOut);
        Assert.Contains("wire: not modified (304)", secondOut);
        Assert.Contains("wire: 1 new document, 2 already stored", thirdOut);
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
        Assert.Contains("127.0.0.1 is a loopback address", output);
        Assert.Empty(server.Requests);
        var (_, list, _) = await Run("watch", "list");
        Assert.Contains("failed", list);
        var (_, log, _) = await Run("watch", "log");
        Assert.Contains("1 in a row, next try in 30m", log);
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
    [InlineData("::ffff:127.0.0.1", "a loopback address (the IPv4-mapped form of 127.0.0.1)")]
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("93.184.216.34", null)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", null)]
    [InlineData("192.0.0.170", "an IETF protocol address")]
    [InlineData("192.0.2.1", "a documentation address")]
    [InlineData("198.18.0.1", "a benchmarking address")]
    [InlineData("198.19.255.255", "a benchmarking address")]
    [InlineData("198.20.0.1", null)]
    [InlineData("198.51.100.7", "a documentation address")]
    [InlineData("203.0.113.9", "a documentation address")]
    [InlineData("192.31.196.1", "an AS112 address")]
    [InlineData("192.52.193.1", "an AMT address")]
    [InlineData("192.88.99.1", "a 6to4 relay address")]
    [InlineData("192.175.48.1", "an AS112 address")]
    [InlineData("100.64.0.1", "a shared (carrier-grade NAT) address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("240.0.0.1", "a reserved address")]
    [InlineData("255.255.255.255", "a broadcast address")]
    [InlineData("64:ff9b::7f00:1", "a loopback address (the NAT64 form of 127.0.0.1)")]
    [InlineData("64:ff9b::a9fe:a9fe", "a cloud metadata address (the NAT64 form of 169.254.169.254)")]
    [InlineData("64:ff9b::5db8:d822", null)]
    [InlineData("64:ff9b:1::1", "a reserved address")]
    [InlineData("2002:7f00:1::", "a loopback address (the 6to4 form of 127.0.0.1)")]
    [InlineData("2002:c0a8:101::1", "a private address (the 6to4 form of 192.168.1.1)")]
    [InlineData("2002:5db8:d822::1", null)]
    [InlineData("::127.0.0.1", "a loopback address (the IPv4-compatible form of 127.0.0.1)")]
    [InlineData("::10.0.0.1", "a private address (the IPv4-compatible form of 10.0.0.1)")]
    [InlineData("::ffff:0:a00:1", "a private address (the SIIT form of 10.0.0.1)")]
    [InlineData("::ffff:169.254.169.254", "a cloud metadata address (the IPv4-mapped form of 169.254.169.254)")]
    [InlineData("::", "an unspecified address")]
    [InlineData("100::1", "a reserved address")]
    [InlineData("2001::1", "an IETF protocol address (Teredo, benchmarking, ORCHID and others)")]
    [InlineData("2001:db8::1", "a documentation address")]
    [InlineData("3fff::1", "a documentation address")]
    [InlineData("2620:4f:8000::1", "an AS112 address")]
    [InlineData("fec0::1", "a private address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("5f00::1", "a reserved address")]
    public void Internal_addresses_are_recognised(string address, string? refusal) =>
        Assert.Equal(refusal, AddressPolicy.Classify(IPAddress.Parse(address)));

    [Fact]
    public void The_machines_own_addresses_are_refused()
    {
        var own = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => AddressPolicy.Classify(a) is null);
        if (own is null)
        {
            Assert.Skip("this machine has no public interface address to try (its own private ones are refused as private)");
        }

        Assert.Equal("an address of this machine", AddressPolicy.PublicOnly.Refusal(new IPEndPoint(own!, 80)));
    }

    [Fact]
    public async Task A_name_that_resolves_to_this_machine_is_refused_before_connecting()
    {
        using var server = new TestFeedServer(_ => (200, TestFeedServer.Rss(("x", "X")), []));
        using var http = new SafeHttp(AddressPolicy.PublicOnly);

        var error = await Assert.ThrowsAsync<FetchException>(() => http.GetAsync(new Uri($"http://localhost:{server.Port}/feed.xml"), null, null));

        Assert.Contains("refused to fetch from localhost", error.Message);
        Assert.Empty(server.Requests);
    }

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

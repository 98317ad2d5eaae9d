using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Peninsula.Tests.Import;
using Peninsula.Watch;

namespace Peninsula.Tests.Watch;

/// <summary>
/// GDELT's fifteen-minute update as a watched source, against a loopback server that serves an
/// update list of GDELT's layout and an export zip built from a real GDELT 2.0 export
/// (<c>Import/Fixtures/gdelt/20191024143000.export.CSV</c>, the same file the importer's tests read).
/// </summary>
public sealed class GdeltWatchTests : IDisposable
{
    private const string Export = "20191024143000.export.CSV";
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    private static byte[] ExportZip()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntryFromFile(SourceImporterTests.Fixture("gdelt/" + Export), Export);
        }

        return buffer.ToArray();
    }

    /// <summary>The update list as GDELT writes it: size, MD5 and address of the export, mentions and GKG files.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "GDELT publishes MD5 checksums; the test writes one as GDELT does.")]
    private static string UpdateList(Uri server, byte[] zip, string? md5 = null) =>
        $"{zip.Length} {md5 ?? Convert.ToHexStringLower(MD5.HashData(zip))} {server}gdeltv2/{Export}.zip\n" +
        $"318084 bb27f78ba45f69a17ea6ed7755e9f8ff {server}gdeltv2/20191024143000.mentions.CSV.zip\n" +
        $"10768507 ea8dde0beb0ba98810a92db068c0ce99 {server}gdeltv2/20191024143000.gkg.csv.zip\n";

    /// <summary>
    /// The articles the export's rows about North Korea cite, counted here from the raw columns
    /// (Actor1CountryCode 7, Actor2CountryCode 17, ActionGeo_CountryCode 53, SOURCEURL 60), apart
    /// from the scanner.
    /// </summary>
    private static HashSet<string> CitedArticles() =>
    [
        .. File.ReadLines(SourceImporterTests.Fixture("gdelt/" + Export))
            .Select(l => l.Split('\t'))
            .Where(c => c.Length == 61 && (c[7] == "PRK" || c[17] == "PRK" || c[53] == "KN") && c[60].StartsWith("http", StringComparison.Ordinal))
            .Select(c => c[60]),
    ];

    [Fact]
    public async Task A_watched_gdelt_update_list_keeps_each_article_about_north_korea_in_the_newest_export_once()
    {
        var zip = ExportZip();
        using var server = new BytesServer();
        server.Handle = request => request.Url!.AbsolutePath switch
        {
            "/gdeltv2/lastupdate.txt" when request.Headers["If-None-Match"] == "\"u1\"" => (304, [], []),
            "/gdeltv2/lastupdate.txt" => (200, System.Text.Encoding.ASCII.GetBytes(UpdateList(server.Root, zip)), new() { ["ETag"] = "\"u1\"" }),
            "/gdeltv2/" + Export + ".zip" => (200, zip, []),
            _ => (404, [], []),
        };
        var articles = CitedArticles();

        Assert.Equal(0, (await Run("watch", "add", $"{server.Root}gdeltv2/lastupdate.txt", "--name", "gdelt-loopback")).Exit);
        var (first, firstOut, _) = await Run("watch", "run", "--once", "--allow-private");
        var (second, secondOut, _) = await Run("watch", "run", "--once", "--allow-private");

        Assert.Equal(2, articles.Count); // a real fifteen minutes of October 2019: two articles with rows about North Korea
        Assert.Equal((0, 0), (first, second));
        Assert.Contains($"gdelt-loopback: {Export}.zip: {articles.Count} new documents, 0 already stored", firstOut);
        Assert.Contains("gdelt-loopback: not modified (304)", secondOut);
        Assert.Equal(1, server.Requests.Count(p => p.EndsWith(".export.CSV.zip", StringComparison.Ordinal)));
        Assert.DoesNotContain(server.Requests, p => p.Contains("mentions", StringComparison.Ordinal) || p.Contains("gkg", StringComparison.Ordinal));

        await using var store = Peninsula.Storage.SqliteEventStore.Open(Db, CliRunner.Clock);
        var (documents, signals, _) = await store.MediaCountsAsync();
        Assert.Equal(articles.Count, documents);
        Assert.True(signals >= articles.Count, "every kept row is also stored as a signal, as the importer stores it");
        var some = articles.First(a => GdeltUpdates.TitleOf(new Uri(a)) != new Uri(a).Host);
        var found = await store.SearchDocumentsAsync(GdeltUpdates.TitleOf(new Uri(some)).Split(' ').OrderByDescending(w => w.Length).First());
        Assert.Contains(found, d => d.Links.Contains(some) && d.Source == new Uri(some).Host && d.Date is not null);
    }

    [Fact]
    public async Task An_export_that_does_not_match_the_lists_checksum_is_refused_and_nothing_is_stored()
    {
        var zip = ExportZip();
        using var server = new BytesServer();
        server.Handle = request => request.Url!.AbsolutePath switch
        {
            "/gdeltv2/lastupdate.txt" => (200, System.Text.Encoding.ASCII.GetBytes(UpdateList(server.Root, zip, md5: new string('0', 32))), []),
            "/gdeltv2/" + Export + ".zip" => (200, zip, []),
            _ => (404, [], []),
        };
        await Run("watch", "add", $"{server.Root}gdeltv2/lastupdate.txt", "--name", "gdelt-loopback");

        var (exit, output, _) = await Run("watch", "run", "--once", "--allow-private");

        Assert.Equal(1, exit);
        Assert.Contains("gdelt-loopback: failed", output);
        await using var store = Peninsula.Storage.SqliteEventStore.Open(Db, CliRunner.Clock);
        var status = Assert.Single(await store.WatchesAsync()).LastStatus;
        Assert.StartsWith("failed: ", status, StringComparison.Ordinal);
        Assert.EndsWith("the update list says 00000000000000000000000000000000; it was not kept.", status, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), ((await store.MediaCountsAsync()).Documents, (await store.MediaCountsAsync()).Signals));
    }

    [Fact]
    public async Task An_update_list_that_names_an_internal_address_gets_nothing_from_it()
    {
        var zip = ExportZip();
        using var inside = new BytesServer { Handle = _ => (200, zip, []) };
        using var list = new BytesServer();
        list.Handle = _ => (200, System.Text.Encoding.ASCII.GetBytes(UpdateList(inside.Root, zip)), []);
        await using var store = Peninsula.Storage.SqliteEventStore.Open(Db, CliRunner.Clock);
        var watch = new FeedWatch { Name = "gdelt-public", Url = new Uri(list.Root, "gdeltv2/lastupdate.txt"), Every = GdeltUpdates.Every };
        await store.AddWatchAsync(watch);
        using var http = new SafeHttp(new OnlyPort(list.Root.Port));

        var (polled, summary) = await new FeedWatcher(store, http, CliRunner.Clock).PollAsync(watch);

        Assert.Null(summary);
        Assert.Equal(1, polled.Failures);
        Assert.Contains("refused to fetch from 127.0.0.1", polled.LastStatus, StringComparison.Ordinal);
        Assert.Empty(inside.Requests);
        Assert.Equal((0L, 0L), ((await store.MediaCountsAsync()).Documents, (await store.MediaCountsAsync()).Signals));
    }

    [Fact]
    public async Task An_export_over_the_size_limit_is_refused_and_nothing_is_stored()
    {
        var zip = ExportZip();
        using var server = new BytesServer();
        server.Handle = request => request.Url!.AbsolutePath == "/gdeltv2/lastupdate.txt"
            ? (200, System.Text.Encoding.ASCII.GetBytes(UpdateList(server.Root, zip)), [])
            : (200, zip, []);
        await using var store = Peninsula.Storage.SqliteEventStore.Open(Db, CliRunner.Clock);
        var watch = new FeedWatch { Name = "gdelt-loopback", Url = new Uri(server.Root, "gdeltv2/lastupdate.txt"), Every = GdeltUpdates.Every };
        await store.AddWatchAsync(watch);
        using var http = new SafeHttp(AddressPolicy.AllowPrivate, maxBytes: 64 * 1024);

        var (polled, summary) = await new FeedWatcher(store, http, CliRunner.Clock).PollAsync(watch);

        Assert.True(zip.Length > 64 * 1024, $"the export zip is {zip.Length} bytes");
        Assert.Null(summary);
        Assert.Contains("more than the 65536", polled.LastStatus, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), ((await store.MediaCountsAsync()).Documents, (await store.MediaCountsAsync()).Signals));
    }

    [Fact]
    public async Task An_export_whose_server_stalls_is_given_up_within_the_polls_budget_and_nothing_is_stored()
    {
        var zip = ExportZip();
        using var answer = new ManualResetEventSlim();
        using var server = new BytesServer();
        server.Handle = request =>
        {
            if (request.Url!.AbsolutePath == "/gdeltv2/lastupdate.txt")
            {
                return (200, System.Text.Encoding.ASCII.GetBytes(UpdateList(server.Root, zip)), []);
            }

            // The export's server says nothing for 20 seconds: longer than the budget, shorter than the fetch's own limits.
            answer.Wait(TimeSpan.FromSeconds(20));
            return (200, zip, []);
        };
        await using var store = Peninsula.Storage.SqliteEventStore.Open(Db, CliRunner.Clock);
        var watch = new FeedWatch { Name = "gdelt-loopback", Url = new Uri(server.Root, "gdeltv2/lastupdate.txt"), Every = GdeltUpdates.Every };
        await store.AddWatchAsync(watch);
        using var http = new SafeHttp(AddressPolicy.AllowPrivate);

        var (polled, summary) = await new FeedWatcher(store, http, CliRunner.Clock) { ReadBudget = TimeSpan.FromSeconds(2) }.PollAsync(watch);
        answer.Set();

        Assert.Null(summary);
        Assert.Equal(1, polled.Failures);
        Assert.EndsWith($"GDELT's export {Export}.zip took more than 2 seconds to download and read; Peninsula gave up on it.", polled.LastStatus, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), ((await store.MediaCountsAsync()).Documents, (await store.MediaCountsAsync()).Signals));
    }

    [Fact]
    public void An_update_list_of_another_layout_is_refused_naming_the_line_and_field()
    {
        var error = Assert.Throws<InputException>(() => GdeltUpdates.NewestExport(
            "150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip\n" +
            "150383 not-a-checksum http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\n",
            "lastupdate.txt"));

        Assert.Equal((2L, "md5"), (error.Line!.Value, error.Field!));
        Assert.Contains("is not an MD5 checksum", error.Message);
    }

    [Fact]
    public void The_newest_export_is_the_lists_export_line_as_gdelt_writes_it()
    {
        var file = GdeltUpdates.NewestExport(
            "150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\n" +
            "318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip\n" +
            "10768507 ea8dde0beb0ba98810a92db068c0ce99 http://data.gdeltproject.org/gdeltv2/20150218230000.gkg.csv.zip\n",
            "lastupdate.txt");

        Assert.Equal((150383L, "297a16b493de7cf6ca809a7cc31d0b93", "20150218230000.export.CSV.zip"), (file.Bytes, file.Md5, file.Name));
    }

    [Theory]
    [InlineData("https://www.example.org/news/north-korea-fires-ballistic-missile-20191024.html", "north korea fires ballistic missile 20191024")]
    [InlineData("https://www.example.org/article/2019/10/24/", "www.example.org")]
    [InlineData("https://www.example.org/world/asia_pacific/kim_meets_envoy/", "kim meets envoy")]
    public void An_articles_title_is_read_from_its_address(string url, string title) =>
        Assert.Equal(title, GdeltUpdates.TitleOf(new Uri(url)));

    [Fact]
    public void Gdelt_watches_are_told_apart_by_their_address() =>
        Assert.Equal((true, false), (GdeltUpdates.IsUpdateList(GdeltUpdates.UpdateList), GdeltUpdates.IsUpdateList(new Uri("https://www.nknews.org/feed/"))));

    /// <summary>A policy that lets the test reach one loopback port and nothing else internal.</summary>
    private sealed class OnlyPort(int port) : AddressPolicy(allowPrivate: false)
    {
        public override string? Refusal(IPEndPoint endpoint) => endpoint.Port == port ? null : base.Refusal(endpoint);
    }

    /// <summary>A loopback HTTP server whose answers are bytes (a zip), for these tests.</summary>
    private sealed class BytesServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public BytesServer()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Root = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Root.ToString());
            _listener.Start();
            _loop = Task.Run(Serve);
        }

        public Uri Root { get; }

        public Func<HttpListenerRequest, (int Status, byte[] Body, Dictionary<string, string> Headers)> Handle { get; set; } = _ => (404, [], []);

        public List<string> Requests { get; } = [];

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                lock (Requests)
                {
                    Requests.Add(context.Request.Url!.AbsolutePath);
                }

                var (status, body, headers) = Handle(context.Request);
                context.Response.StatusCode = status;
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }

                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
        }
    }
}

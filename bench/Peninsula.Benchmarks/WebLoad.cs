using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Peninsula.Storage;

namespace Peninsula.Benchmarks;

/// <summary>
/// The web API under load: a store of a million events (the bundled record plus generated ones),
/// <c>peninsula serve</c> in its own process, and wrk on loopback against the events list and the
/// forecasts at 1, 16 and 64 connections. Prints requests per second, p50 and p99 latency and
/// errors as Markdown.
/// </summary>
internal static partial class WebLoad
{
    private const string Url = "http://127.0.0.1:5181";

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
        var db = Path.Combine(Path.GetTempPath(), $"peninsula-web-load-{events}.db");
        if (ServedPeninsula.ReleaseCli() is not { } cli)
        {
            return 1;
        }

        await EnsureStoreAsync(db, events);
        var started = Stopwatch.StartNew();
        await using (await ServedPeninsula.StartAsync(cli, db, Url))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            Console.Error.WriteLine($"Server up in {started.Elapsed.TotalSeconds:0.0} s; computing the forecasts once…");
            var forecastWatch = Stopwatch.StartNew();
            (await http.GetAsync(Url + "/api/forecasts")).EnsureSuccessStatusCode();
            var firstForecast = forecastWatch.Elapsed;

            var output = new StringBuilder();
            output.AppendLine(CultureInfo.InvariantCulture, $"Store: {events:N0} events (the bundled record plus generated ones), SQLite, {new FileInfo(db).Length / 1e6:0} MB. ");
            output.AppendLine(CultureInfo.InvariantCulture, $"First `/api/forecasts` after start (all targets and horizons computed once, then cached until the record changes): {firstForecast.TotalSeconds:0.0} s.");
            output.AppendLine();
            output.AppendLine("| request | connections | requests/s | p50 | p99 | errors |");
            output.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            var distinct = Path.Combine(RepositoryRoot(), "bench", "web", "distinct-pages.lua");
            foreach (var (label, path, script) in new[]
            {
                ("`GET /api/events?since=2025-01-01` (the same page again)", "/api/events?since=2025-01-01", (string?)null),
                ("`GET /api/events?since=<random day>` (a different page each time)", "/api/events", distinct),
                ("`GET /api/forecasts`", "/api/forecasts", null),
            })
            {
                foreach (var connections in new[] { 1, 16, 64 })
                {
                    var result = Wrk(Url + path, connections, seconds, script);
                    output.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {connections} | {result.RequestsPerSecond:N0} | {result.P50} | {result.P99} | {result.Errors} |");
                    Console.Error.WriteLine($"{path} {script} x{connections}: {result.RequestsPerSecond:N0}/s p99 {result.P99}");
                }
            }

            Console.Write(output.ToString());
            return 0;
        }
    }

    /// <summary>
    /// A store of <paramref name="events"/> events: generated ones loaded in bulk into a new store
    /// (EventLoad: one transaction, minutes rather than the half hour of event-by-event saves),
    /// then the bundled record. An existing store is reused.
    /// </summary>
    private static async Task EnsureStoreAsync(string db, int events)
    {
        var isNew = !File.Exists(db);
        await using var store = EventStores.Open(db);
        if (isNew)
        {
            var generated = events - Record.BundledRecord.Events.Count;
            Console.Error.WriteLine($"Loading {generated:N0} generated events into {db}…");
            var watch = Stopwatch.StartNew();
            EventLoad.Load(store, () => SyntheticRecord.Events(generated, seed: 7), new ChangeOrigin("bench", "synthetic"), DateTimeOffset.UtcNow);
            Console.Error.WriteLine($"Loaded in {watch.Elapsed.TotalSeconds:0} s.");
        }

        await EventStores.EnsureBundledRecordAsync(store);
    }

    internal static WrkResult Wrk(string url, int connections, int seconds, string? script)
    {
        var threads = Math.Min(2, connections);
        string[] arguments = ["-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", .. script is null ? Array.Empty<string>() : ["-s", script], url];
        using var wrk = Process.Start(new ProcessStartInfo("wrk", arguments)
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("wrk could not be started: apt-get install wrk.");
        var text = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        var rps = double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var p50 = Percentile().Matches(text).First(m => m.Groups[1].Value == "50").Groups[2].Value;
        var p99 = Percentile().Matches(text).First(m => m.Groups[1].Value == "99").Groups[2].Value;
        var non2xx = Non2xx().Match(text) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(text) is { Success: true } s
            ? s.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(rps, p50, p99, non2xx + socket);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Peninsula.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|99)(?:\.0+)?%\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    internal sealed record WrkResult(double RequestsPerSecond, string P50, string P99, long Errors);
}

/// <summary>
/// How fast the overview renders in Debian's Chromium on the full bundled record: time from
/// navigation to the first cards drawn, and to the forecast chart, over several loads.
/// </summary>
internal static class WebRender
{
    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("peninsula-web-render");
        var db = Path.Combine(folder.FullName, "peninsula.db");
        await using var app = Web.PeninsulaServer.Build(["--urls", "http://127.0.0.1:0", "--db", db, "--Logging:LogLevel:Default", "Warning"]);
        await app.StartAsync();
        var url = app.Urls.First();
        using var http = new HttpClient();
        (await http.GetAsync(url + "/api/forecasts")).EnsureSuccessStatusCode();
        (await http.GetAsync(url + "/api/backtest?target=any-missile&horizon=7")).EnsureSuccessStatusCode();

        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
        var firstCards = new List<double>();
        var chart = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var page = await browser.NewPageAsync();
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(url + "/");
            await page.WaitForSelectorAsync("#since .card");
            var cards = watch.Elapsed.TotalMilliseconds;
            await page.WaitForSelectorAsync("#forecast-chart rect.bar");
            var drawn = watch.Elapsed.TotalMilliseconds;
            if (i > 0)
            {
                firstCards.Add(cards);
                chart.Add(drawn);
            }

            await page.CloseAsync();
        }

        await app.StopAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Overview, full bundled record, server warm, 5 loads in a fresh page each (after one warm-up load): days-since cards drawn in median {Median(firstCards):0} ms (max {firstCards.Max():0}); forecast chart drawn in median {Median(chart):0} ms (max {chart.Max():0})."));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

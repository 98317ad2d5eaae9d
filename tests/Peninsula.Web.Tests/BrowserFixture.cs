using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Peninsula.Events;
using Peninsula.Questions;
using Peninsula.Storage;

namespace Peninsula.Web.Tests;

/// <summary>
/// The real server on a loopback port and Debian's Chromium driven by Playwright (never a
/// downloaded browser). Where Chromium is missing the browser tests skip, saying so, except under
/// CI=true, where that is a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>An event whose title tries to run a script: the pages must show it as text.</summary>
    public const string HostileId = "2025-06-01-hostile-title";

    /// <summary>The sentence of the proposal waiting for review, with markup that must stay text.</summary>
    public const string ReviewSentence = "North Korea fired two short-range ballistic missiles <b>on Wednesday</b>, the Joint Chiefs of Staff said.";

    public const string HostileTitle = "Launch <script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "peninsula-browser-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("PENINSULA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: TestResults/screenshots under the test project.</summary>
    public static string Screenshots { get; } = Path.Combine(Repository.Root(), "tests", "Peninsula.Web.Tests", "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not at {ChromiumPath}: install Debian's chromium package (apt-get install chromium) or set PENINSULA_CHROMIUM. The browser tests are skipped.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"CI=true and {Unavailable}");
            }

            return;
        }

        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(Screenshots);
        var db = Path.Combine(_folder, "peninsula.db");
        _app = PeninsulaServer.Build(["--urls", "http://127.0.0.1:0", "--db", db, "--Logging:LogLevel:Default", "Warning"], new FixedClock(PeninsulaApp.Now));
        await using (var store = EventStores.Open(db))
        {
            await store.SaveAsync([new Event
            {
                Id = HostileId,
                Kind = EventKind.MissileLaunch,
                Class = "srbm",
                Date = new KoreanDate(2025, 6, 1),
                Actors = ["DPRK"],
                Title = HostileTitle,
                Summary = "<b>bold?</b> <a href=\"javascript:alert(1)\">link</a>",
                Sources = [new EventSource("Hostile <i>source</i>", "https://example.org/report?q=%3Cscript%3E", null, null, null, null, null)],
            }], new ChangeOrigin("browser-test"));
            await store.Questions().SaveQuestionsAsync(QuestionSeed.Questions, QuestionSeed.Forecasts);

            // One event waiting for review (ReviewPageTests), its sentence with markup in it.
            await store.ProposeAsync(new Detection.Proposal
            {
                Date = new KoreanDate(2026, 11, 18),
                Kind = EventKind.MissileLaunch,
                Class = "srbm",
                Confidence = 0.6,
                Documents = [new Detection.ProposalDocument("https://wire.example/n-1", "N. Korea fires ballistic missiles", new KoreanDate(2026, 11, 18), "Example Wire", "n-1")],
                Sentences = [new Detection.ProposalSentence(ReviewSentence, "https://wire.example/n-1", 35, ReviewSentence.Length)],
            });
        }

        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A new page that records console errors and uncaught exceptions.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(90_000);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url} {request.Failure}");
        await page.GotoAsync(BaseUrl + path);
        return (page, errors);
    }

    /// <summary>
    /// Waits until <paramref name="selector"/> shows what the page computed, and fails at once,
    /// saying so, when the page's status line reports an error instead; after
    /// <paramref name="seconds"/> it fails naming <paramref name="what"/> and quoting the status line,
    /// so that a slow machine is told apart from a page that hangs or broke. The wait is for the
    /// element, not for the page's network to go quiet, which also waits for whatever else it asks.
    /// </summary>
    public static async Task WaitForShownAsync(IPage page, string selector, string what, int seconds)
    {
        ArgumentNullException.ThrowIfNull(page);
        var shown = page.Locator(selector);
        var failed = page.Locator("#status.error");
        try
        {
            await shown.Or(failed).First.WaitForAsync(new LocatorWaitForOptions { Timeout = seconds * 1000f });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} ({selector}) was not shown within {seconds} s; the page's status line said: '{await StatusAsync(page)}'.");
        }

        if (await shown.CountAsync() == 0)
        {
            Assert.Fail($"{what} ({selector}) was not shown: the page reported '{await StatusAsync(page)}'.");
        }
    }

    /// <summary>
    /// Waits until the page's loader has finished: its status line is empty, or reports an error
    /// (which fails the test, quoting it). A click before then can land on content that moves when
    /// the last of it arrives and the status line is cleared.
    /// </summary>
    public static async Task WaitForLoadedAsync(IPage page, string what, int seconds)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            await page.WaitForFunctionAsync(
                "() => { const s = document.getElementById('status'); return s !== null && (s.textContent === '' || s.classList.contains('error')); }",
                null,
                new PageWaitForFunctionOptions { Timeout = seconds * 1000f, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} did not finish loading within {seconds} s; the page's status line said: '{await StatusAsync(page)}'.");
        }

        if (await page.Locator("#status.error").CountAsync() > 0)
        {
            Assert.Fail($"{what} reported '{await StatusAsync(page)}'.");
        }
    }

    private static async Task<string> StatusAsync(IPage page) =>
        await page.Locator("#status").CountAsync() == 0 ? "(no status line)" : await page.Locator("#status").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 });

    /// <summary>
    /// The README's pictures (docs/screenshots), taken by the tests that check the same pages, so
    /// that they show the dashboard as it is: what the browser shows 1280 pixels wide (900 high unless said).
    /// </summary>
    public static async Task ReadmePictureAsync(IPage page, string name, int height = 900)
    {
        if (height != 900)
        {
            await page.SetViewportSizeAsync(1280, height);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repository.Root(), "docs", "screenshots", name + ".png") });
        if (height != 900)
        {
            await page.SetViewportSizeAsync(1280, 900);
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

using Microsoft.Playwright;

namespace Peninsula.Web.Tests;

[Collection(SharedBrowser.Name)]
public sealed class BrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_overview_shows_days_since_forecasts_and_the_latest_events()
    {
        var (page, errors) = await OpenAsync("/");

        await page.WaitForSelectorAsync("#forecast-chart rect.bar");
        Assert.Equal(3, await page.Locator("#since .card").CountAsync());
        Assert.All(await page.Locator("#since .figure").AllTextContentsAsync(), text => Assert.Matches(@"^[\d,]+$", text));
        Assert.Equal(7, await page.Locator("#forecast-chart rect.bar").CountAsync());
        Assert.Equal(10, await page.Locator("#latest tbody tr").CountAsync());
        await page.WaitForSelectorAsync("#track-record a");
        await FinishAsync(page, errors, "overview");
    }

    [Fact]
    public async Task The_timeline_draws_months_redraws_on_filters_and_lists_a_clicked_month()
    {
        var (page, errors) = await OpenAsync("/timeline.html");

        await page.WaitForSelectorAsync("#chart rect.bar");
        var missiles = await page.Locator("#chart rect.bar").CountAsync();
        await page.SelectOptionAsync("#set", "nuclear");
        await UntilAsync(async () => await page.Locator("#chart rect.bar").CountAsync() != missiles);
        var nuclear = await page.Locator("#chart rect.bar").CountAsync();
        Assert.InRange(nuclear, 1, 6);
        Assert.True(missiles > nuclear * 10, $"{missiles} months with missile launches against {nuclear} with nuclear tests");

        await page.Locator("#chart rect.bar").First.ClickAsync();
        await page.WaitForSelectorAsync("#month-events tbody tr a");
        Assert.Contains("nuclear", await page.Locator("#month-events").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await FinishAsync(page, errors, "timeline");
    }

    [Fact]
    public async Task The_map_draws_the_base_map_sites_and_ranges_and_filters_by_year()
    {
        var (page, errors) = await OpenAsync("/map.html");

        await page.WaitForSelectorAsync("#map circle.site");
        Assert.True(await page.Locator("#map path.country").CountAsync() > 100, "the base map's countries");
        var allSites = await page.Locator("#map circle.site").CountAsync();
        var allRanges = await page.Locator("#map path.range").CountAsync();
        Assert.True(allRanges > 0, "reported ranges");

        await page.SelectOptionAsync("#year", "2017");
        var ranges2017 = await page.Locator("#map path.range").CountAsync();
        Assert.InRange(ranges2017, 1, allRanges - 1);
        Assert.True(await page.Locator("#map circle.site").CountAsync() <= allSites);
        Assert.Contains("launches shown", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        await FinishAsync(page, errors, "map");
    }

    [Fact]
    public async Task The_event_page_shows_every_field_and_source_links()
    {
        var (page, errors) = await OpenAsync("/event.html?id=2017-09-03-nuclear-test");

        await page.WaitForSelectorAsync("#history tbody tr");
        Assert.Contains("2017-09-03", await page.Locator("#fields").InnerTextAsync(), StringComparison.Ordinal);
        var links = await page.Locator("#sources a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.StartsWith("http", href, StringComparison.Ordinal));
        await FinishAsync(page, errors, "event");
    }

    [Fact]
    public async Task Script_in_an_event_title_summary_or_source_is_shown_as_text()
    {
        var (page, errors) = await OpenAsync($"/event.html?id={BrowserFixture.HostileId}");

        await page.WaitForSelectorAsync("#history tbody tr");
        Assert.Equal(BrowserFixture.HostileTitle, await page.Locator("#title").TextContentAsync());
        Assert.Contains("<b>bold?</b>", await page.Locator("#fields").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main script, main img, main b").CountAsync());
        Assert.Equal("Hostile <i>source</i>", await page.Locator("#sources a").TextContentAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.__pwned ?? null"));

        var (overview, _) = await OpenAsync("/");
        await overview.WaitForSelectorAsync("#latest tbody tr");
        Assert.Null(await overview.EvaluateAsync<int?>("window.__pwned ?? null"));
        await FinishAsync(page, errors, "event-hostile");
    }

    [Fact]
    public async Task The_timing_page_answers_and_draws_the_profile_against_chance()
    {
        var (page, errors) = await OpenAsync("/timing.html");

        await page.WaitForSelectorAsync("#profile circle.observed");
        Assert.Equal(61, await page.Locator("#profile circle.observed").CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#answer .answer").TextContentAsync()));
        Assert.Equal(1, await page.Locator("#profile path.band").CountAsync());
        await FinishAsync(page, errors, "timing");
    }

    [Fact]
    public async Task The_forecast_page_shows_reasons_the_reliability_diagram_and_the_backtest()
    {
        var (page, errors) = await OpenAsync("/forecast.html");

        await page.WaitForSelectorAsync("#reliability circle.bin");
        Assert.Equal(7, await page.Locator("#forecasts tbody tr").CountAsync());
        Assert.True(await page.Locator("#explanation li").CountAsync() > 0);
        Assert.True(await page.Locator("#backtest tbody tr").CountAsync() >= 2);
        Assert.Contains("(used)", await page.Locator("#backtest").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#tempo svg path.rate").CountAsync());
        var ticks = await page.Locator("#tempo svg g.events a").CountAsync();
        Assert.True(ticks > 100, $"{ticks} event links under the tempo chart");
        Assert.Contains("event days a year", await page.Locator("#tempo-note").TextContentAsync(), StringComparison.Ordinal);

        var before = await page.Locator("#backtest-note").TextContentAsync();
        await page.SelectOptionAsync("#target", "nuclear-test");
        await UntilAsync(async () => (await page.Locator("#explanation h3").TextContentAsync())!.Contains("nuclear-test", StringComparison.Ordinal));
        await UntilAsync(async () => await page.Locator("#backtest-note").TextContentAsync() != before);
        await FinishAsync(page, errors, "forecast");
    }

    [Fact]
    public async Task The_fact_check_round_trip_highlights_each_claim_and_escapes_the_article()
    {
        var (page, errors) = await OpenAsync("/check.html");
        var article = Repository.Example("what-is-north-korea-going-to-do.txt") +
                      "\n<script>window.__pwned = 4</script><img src=x onerror=\"window.__pwned = 5\"> North Korea conducted its sixth nuclear test on 3 September 2017.";

        await page.FillAsync("#article", article);
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#highlighted mark");

        Assert.True(await page.Locator("#highlighted mark.refuted").CountAsync() >= 1);
        Assert.True(await page.Locator("#highlighted mark.supported").CountAsync() >= 1);
        Assert.Contains("<script>window.__pwned = 4</script>", await page.Locator("#highlighted .article").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main script, main img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.__pwned ?? null"));
        Assert.True(await page.Locator("#claims li.claim a").CountAsync() > 0, "evidence links");
        await FinishAsync(page, errors, "check");
    }

    [Fact]
    public async Task Every_page_can_be_used_from_the_keyboard()
    {
        var (page, errors) = await OpenAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Peninsula", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        foreach (var path in new[] { "/", "/timeline.html", "/map.html", "/timing.html", "/forecast.html", "/check.html" })
        {
            var (other, _) = await OpenAsync(path);
            Assert.False(string.IsNullOrWhiteSpace(await other.Locator("h1").TextContentAsync()));
            Assert.Equal("en", await other.GetAttributeAsync("html", "lang"));
            await other.CloseAsync();
        }

        await page.WaitForSelectorAsync("#forecast-chart svg[aria-label]");
        await FinishAsync(page, errors, "keyboard");
    }

    [Fact]
    public async Task Pages_fit_a_phone_screen_without_sideways_scrolling()
    {
        if (browser.Unavailable is { } unavailable)
        {
            Assert.Skip(unavailable);
        }
        foreach (var (path, ready) in new[] { ("/", "#forecast-chart rect.bar"), ("/map.html", "#map circle.site"), ("/timeline.html", "#chart rect.bar") })
        {
            var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
            page.SetDefaultTimeout(90_000);
            await page.GotoAsync(browser.BaseUrl + path);
            await page.WaitForSelectorAsync(ready);
            Assert.True(
                await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"),
                $"{path} is wider than a 390-pixel screen");
            await BrowserFixture.ScreenshotAsync(page, "phone" + path.Replace('/', '-').Replace(".html", "", StringComparison.Ordinal));
            await page.CloseAsync();
        }
    }

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string path)
    {
        if (browser.Unavailable is { } unavailable)
        {
            Assert.Skip(unavailable);
        }
        return await browser.OpenAsync(path);
    }

    /// <summary>
    /// Waits for a condition checked from the test (the pages' Content-Security-Policy forbids the
    /// string evaluation that Playwright's WaitForFunction would need).
    /// </summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The page did not change within 90 seconds.");
            await Task.Delay(100);
        }
    }

    private static async Task FinishAsync(IPage page, List<string> errors, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, name);
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}

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
        await BrowserFixture.ReadmePictureAsync(page, "overview");
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
    public async Task The_map_draws_sites_by_class_with_a_legend_ranges_on_request_and_counts_that_follow_the_year()
    {
        var (page, errors) = await OpenAsync("/map.html");

        await page.WaitForSelectorAsync("#map circle.site");
        Assert.True(await page.Locator("#map path.country").CountAsync() > 100, "the base map's countries");
        Assert.Equal(0, await page.Locator("#map path.range").CountAsync());
        var sites = await page.Locator("#map circle.site").CountAsync();
        var fills = await page.Locator("#map circle.site").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('fill'))");
        Assert.True(fills.Distinct().Count() >= 3, $"sites in {fills.Distinct().Count()} colours");
        var radii = await page.Locator("#map circle.site").EvaluateAllAsync<double[]>("cs => cs.map(c => Number(c.getAttribute('r')))");
        Assert.True(radii.Max() > radii.Min() * 2, "sites sized by launches");
        var legend = await page.Locator("#map-legend span.dot").AllTextContentsAsync();
        Assert.Contains("Short-range ballistic (SRBM)", legend);
        Assert.Equal(sites, await page.Locator("#sites tbody tr").CountAsync());
        var firstSite = await page.Locator("#sites tbody tr td").First.TextContentAsync();
        Assert.StartsWith(firstSite!, await page.Locator("#map circle.site title").First.TextContentAsync(), StringComparison.Ordinal);

        var srbm = page.Locator("#classes label[title='srbm'] .count");
        var allYears = await srbm.TextContentAsync();
        await page.SelectOptionAsync("#year", "2017");
        await UntilAsync(async () => await srbm.TextContentAsync() != allYears);
        Assert.Equal(0, await page.Locator("#map path.range").CountAsync());
        await page.CheckAsync("#ranges");
        await page.WaitForSelectorAsync("#map path.range");
        var ranges2017 = await page.Locator("#map path.range").CountAsync();
        await page.SelectOptionAsync("#year", "");
        await UntilAsync(async () => await page.Locator("#map path.range").CountAsync() > ranges2017);
        Assert.Contains("launches shown", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        await page.UncheckAsync("#ranges");
        await UntilAsync(async () => await page.Locator("#map path.range").CountAsync() == 0);
        await page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ReadmePictureAsync(page, "map", height: 1300);
        await FinishAsync(page, errors, "map");
    }

    [Fact]
    public async Task The_timeline_shows_the_worlds_responses_and_the_talks_split_by_kind()
    {
        var (page, errors) = await OpenAsync("/timeline.html");
        await page.WaitForSelectorAsync("#chart rect.bar");

        await page.SelectOptionAsync("#split", "kind");
        await page.SelectOptionAsync("#set", "responses");
        await UntilAsync(async () => (await page.Locator("#legend span").AllTextContentsAsync()).Contains("Show of force"));
        var responses = await page.Locator("#legend span").AllTextContentsAsync();
        Assert.Equal(["Sanction", "Show of force", "Statement"], responses.Order(StringComparer.Ordinal));

        await page.SelectOptionAsync("#set", "diplomacy");
        await UntilAsync(async () => (await page.Locator("#legend span").AllTextContentsAsync()).Contains("Talks"));
        var diplomacy = await page.Locator("#legend span").AllTextContentsAsync();
        Assert.Equal(["Agreement", "Diplomatic visit", "Summit", "Talks"], diplomacy.Order(StringComparer.Ordinal));
        Assert.True(await page.Locator("#chart rect.bar").CountAsync() > 20, "months with visits, summits, talks and agreements since 2010");
        await FinishAsync(page, errors, "timeline-context");
    }

    [Fact]
    public async Task The_map_shows_context_events_at_their_places_by_kind_and_lists_the_places_beyond_it()
    {
        var (page, errors) = await OpenAsync("/map.html");

        await page.WaitForSelectorAsync("#map path.context");
        var kinds = await page.Locator("#map path.context").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('data-kind'))");
        Assert.Contains("show-of-force", kinds);
        Assert.Contains("talks", kinds);
        Assert.Contains("diplomatic-visit", kinds);
        Assert.Contains("summit", kinds);
        var colours = await page.Locator("#map path.context").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('fill'))");
        Assert.True(colours.Distinct().Count() >= 4, $"context marks in {colours.Distinct().Count()} colours");
        // A context mark is never in a launch class's colour, which the sites and the class legend use.
        var classColours = await page.EvaluateAsync<string[]>("async () => { const m = await import('/js/common.js'); return m.launchClasses.map(c => m.classColour(c)); }");
        Assert.Equal(11, classColours.Length);
        Assert.Empty(colours.Intersect(classColours, StringComparer.OrdinalIgnoreCase));
        var titles = await page.Locator("#map path.context title").AllTextContentsAsync();
        Assert.Contains(titles, t => t.StartsWith("Busan: ", StringComparison.Ordinal) && t.Contains("show of force", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Beijing: ", StringComparison.Ordinal) && t.Contains("talks", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Pyongyang: ", StringComparison.Ordinal) && t.Contains("diplomatic visit", StringComparison.Ordinal));
        Assert.Contains("Show of force", await page.Locator("#context-legend span.mark").AllTextContentsAsync());
        var places = await page.Locator("#places tbody tr").AllInnerTextsAsync();
        Assert.Contains(places, p => p.StartsWith("New York", StringComparison.Ordinal) && p.EndsWith("outside the map", StringComparison.Ordinal));
        Assert.Contains(places, p => p.StartsWith("Busan", StringComparison.Ordinal) && p.EndsWith("yes", StringComparison.Ordinal));
        Assert.Contains("context events at", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);

        // A kind turned off leaves the map; the year chosen narrows the rest.
        var before = await page.Locator("#map path.context").CountAsync();
        await page.UncheckAsync("#context-kinds input[value='show-of-force']");
        await UntilAsync(async () => await page.Locator("#map path.context[data-kind='show-of-force']").CountAsync() == 0);
        Assert.True(await page.Locator("#map path.context").CountAsync() < before);
        await page.SelectOptionAsync("#year", "2018");
        await UntilAsync(async () => (await page.Locator("#places tbody tr").AllInnerTextsAsync()).Any(p => p.StartsWith("Panmunjom", StringComparison.Ordinal)));
        Assert.DoesNotContain(await page.Locator("#places tbody tr").AllInnerTextsAsync(), p => p.StartsWith("Hanoi", StringComparison.Ordinal)); // the Hanoi summit was in 2019
        await FinishAsync(page, errors, "map-context");
    }

    [Fact]
    public async Task The_event_page_shows_every_field_and_source_links()
    {
        var (page, errors) = await OpenAsync("/event.html?id=2017-09-03-nuclear-test");

        await page.WaitForSelectorAsync("#history tbody tr");
        Assert.Contains("2017-09-03", await page.Locator("#fields").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("160 (estimates 50–250)", await page.Locator("#fields").InnerTextAsync(), StringComparison.Ordinal);
        var dated = await page.Locator("#sources tbody tr td:nth-child(2)").AllTextContentsAsync();
        Assert.NotEmpty(dated);
        Assert.All(dated, d => Assert.Equal("2017-09-03", d));
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
        // The reasons' table: the base rate, then each factor's signed effect, then the forecast, which is their sum as printed (to 0.01 points).
        var steps = (await page.Locator("#explanation tbody tr td:nth-child(2)").AllTextContentsAsync())
            .Select(v => double.Parse(v.Replace('\u2212', '-'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(steps.Count >= 5, $"{steps.Count} rows in the reasons' table");
        Assert.Equal(steps[^1], steps[..^1].Sum(), 1e-9);
        Assert.True(await page.Locator("#backtest tbody tr").CountAsync() >= 2);
        Assert.Contains("(used)", await page.Locator("#backtest").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(@"Against the best simple model here \((climatology|recent-rate-365d|hawkes)\), the forecast model's Brier score minus that model's is [+-]?\d\.\d{4} \(95% interval", await page.Locator("#backtest-note").TextContentAsync());
        Assert.Equal(1, await page.Locator("#tempo svg path.rate").CountAsync());
        var ticks = await page.Locator("#tempo svg g.events a").CountAsync();
        Assert.True(ticks > 100, $"{ticks} event links under the tempo chart");
        Assert.Contains("event days a year", await page.Locator("#tempo-note").TextContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ReadmePictureAsync(page, "forecast", height: 1000);

        var before = await page.Locator("#backtest-note").TextContentAsync();
        await page.SelectOptionAsync("#target", "nuclear-test");
        await UntilAsync(async () => (await page.Locator("#explanation h3").TextContentAsync())!.Contains("Nuclear test", StringComparison.Ordinal));
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

        // Each claim carries its verdict in the text; the summary is above the article.
        Assert.Equal(await page.Locator("#highlighted mark").CountAsync(), await page.Locator("#highlighted mark + .badge").CountAsync());
        var summaryTop = await page.Locator("#summary").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        var articleTop = await page.Locator("#highlighted .article").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(summaryTop < articleTop, "the summary comes before the article");
        Assert.Contains("claims checked", await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);

        // A click on a claim shows its verdict, facets and evidence beside the article, in view.
        var refuted = page.Locator("#highlighted mark.refuted").First;
        await refuted.ClickAsync();
        await page.WaitForSelectorAsync("#detail dl.facets");
        Assert.Equal("true", await refuted.GetAttributeAsync("aria-pressed"));
        Assert.Contains("Refuted", await page.Locator("#detail .verdict").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Kind of claim", await page.Locator("#detail dl.facets").InnerTextAsync(), StringComparison.Ordinal);
        var detailBox = await page.Locator("#detail").BoundingBoxAsync();
        var markBox = await refuted.BoundingBoxAsync();
        Assert.True(Math.Abs(detailBox!.Y - markBox!.Y) < 900, $"the details at {detailBox.Y}, the claim at {markBox.Y}");
        await BrowserFixture.ReadmePictureAsync(page, "check");
        await FinishAsync(page, errors, "check");
    }

    [Fact]
    public async Task The_fact_check_takes_an_iso_publication_date_and_refuses_a_month_day_year_one()
    {
        var (page, errors) = await OpenAsync("/check.html");

        Assert.Equal("text", await page.GetAttributeAsync("#published", "type"));
        Assert.Equal("YYYY-MM-DD", await page.GetAttributeAsync("#published", "placeholder"));
        await page.FillAsync("#article", "North Korea conducted its sixth nuclear test on 3 September 2017.");
        await page.FillAsync("#published", "09/04/2017");
        await page.ClickAsync("#check");
        await UntilAsync(async () => (await page.Locator("#status").TextContentAsync())!.Contains("YYYY-MM-DD", StringComparison.Ordinal));
        Assert.Contains("not a date written YYYY-MM-DD", await page.Locator("#status.error").TextContentAsync(), StringComparison.Ordinal);

        await page.FillAsync("#published", "2017-09-04");
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#highlighted mark.supported");
        Assert.Contains("2017-09-04", await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);
        await FinishAsync(page, errors, "check-date");
    }

    [Fact]
    public async Task The_fact_check_reads_a_writer_not_known_in_a_clock_behind_Korea_s_and_takes_Korea_s_when_asked()
    {
        // us-voa-2017-02-11-first-under-trump: a Washington story dated Saturday tells of Korea's Sunday, 2017-02-12.
        var (page, errors) = await OpenAsync("/check.html");
        Assert.Equal("behind", await page.Locator("#clock").InputValueAsync());
        await page.FillAsync("#article", "North Korea launched a ballistic missile early Sunday over the Sea of Japan.");
        await page.FillAsync("#published", "2017-02-11");
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#highlighted mark.supported");

        await page.SelectOptionAsync("#clock", "korea");
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#highlighted mark:not(.supported)");
        Assert.Equal(0, await page.Locator("#highlighted mark.supported").CountAsync());
        await FinishAsync(page, errors, "check-clock");
    }

    [Fact]
    public async Task Charts_label_their_axes_count_in_whole_numbers_and_name_things_in_words()
    {
        var (overview, errors) = await OpenAsync("/");
        await overview.WaitForSelectorAsync("#forecast-chart rect.bar");
        var chart = await overview.Locator("#forecast-chart svg").TextContentAsync();
        Assert.Contains("IRBM or longer", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("irbm-plus", chart, StringComparison.Ordinal);
        // The record being stale (it ends 2025-06-30; the server's today is 2026-11-21), the axis names the days the bars cover, as the heading does.
        Assert.Contains("Probability within the 30 days after 2025-06-30", chart, StringComparison.Ordinal);
        Assert.Equal(0, await overview.Locator("#status").EvaluateAsync<double>("e => e.getBoundingClientRect().height"));
        var kinds = await overview.Locator("#latest tbody td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.DoesNotContain("-", k, StringComparison.Ordinal));
        await overview.CloseAsync();

        var (timeline, _) = await OpenAsync("/timeline.html");
        await timeline.WaitForSelectorAsync("#chart rect.bar");
        await timeline.SelectOptionAsync("#set", "nuclear");
        await UntilAsync(async () => await timeline.Locator("#chart rect.bar").CountAsync() <= 6);
        var ticks = await timeline.Locator("#chart svg g.y-axis .tick text").AllTextContentsAsync();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Matches(@"^\d+$", t));
        Assert.Contains("Events per month", await timeline.Locator("#chart svg").TextContentAsync(), StringComparison.Ordinal);
        var summary = await timeline.Locator("#status").TextContentAsync();
        Assert.Contains("events", summary, StringComparison.Ordinal);
        await timeline.Locator("#chart rect.bar").First.ClickAsync();
        await timeline.WaitForSelectorAsync("#month-events tbody tr a");
        Assert.Equal(summary, await timeline.Locator("#status").TextContentAsync());
        await timeline.CloseAsync();

        var (timing, _) = await OpenAsync("/timing.html");
        await timing.WaitForSelectorAsync("#profile circle.observed");
        var answer = await timing.Locator("#answer").InnerTextAsync();
        var verdict = answer.Contains("no evidence", StringComparison.Ordinal) ? "no evidence" : "evidence";
        Assert.Equal(1, answer.Split(verdict).Length - 1);
        Assert.Contains("Days from the first day of each context event", await timing.Locator("#profile svg").TextContentAsync(), StringComparison.Ordinal);
        await timing.CloseAsync();

        var (forecast, _) = await OpenAsync("/forecast.html");
        await forecast.WaitForSelectorAsync("#reliability circle.bin");
        var inside = await forecast.Locator("#reliability svg").EvaluateAsync<bool>(
            "svg => { const box = svg.getBoundingClientRect(); return [...svg.querySelectorAll('.tick text')].every(t => { const r = t.getBoundingClientRect(); return r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5; }); }");
        Assert.True(inside, "a tick label of the reliability diagram is cut off");
        Assert.Contains("100%", await forecast.Locator("#reliability svg").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Nuclear test", await forecast.Locator("#target").InnerTextAsync(), StringComparison.Ordinal);
        await FinishAsync(forecast, errors, "charts");
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
    public async Task Every_page_says_the_data_is_as_of_the_records_end_and_how_old_it_is()
    {
        // The server's clock is fixed at 2026-11-21; the bundled record runs to 2025-06-30, its latest North Korean action is on 2025-06-19.
        foreach (var path in new[] { "/", "/timeline.html", "/map.html", "/timing.html", "/forecast.html", "/check.html", "/event.html?id=2017-09-03-nuclear-test" })
        {
            var (page, errors) = await OpenAsync(path);
            var banner = page.Locator("#freshness");
            await banner.WaitForAsync();
            var text = await banner.InnerTextAsync();
            Assert.StartsWith("Data as of 2025-06-30.", text, StringComparison.Ordinal);
            Assert.Contains("The record ends 509 days before today (2026-11-21 in Korea); its latest North Korean action is on 2025-06-19.", text, StringComparison.Ordinal);
            Assert.True(await banner.IsVisibleAsync(), $"the banner of {path} is not visible");
            if (path == "/")
            {
                await page.WaitForSelectorAsync("#forecast-chart rect.bar");
                Assert.Equal("Days since, as of the record's end (2025-06-30)", await page.Locator("#since-heading").InnerTextAsync());
                Assert.All(await page.Locator("#since .label").AllInnerTextsAsync(), label => Assert.Contains("to the record's end (2025-06-30)", label, StringComparison.Ordinal));
                Assert.Contains("not to today (2026-11-21", await page.Locator("#coverage").InnerTextAsync(), StringComparison.Ordinal);
                Assert.Contains("as of 2025-06-30", await page.Locator("#forecasts").InnerTextAsync(), StringComparison.Ordinal);
            }

            if (path == "/forecast.html")
            {
                await page.WaitForSelectorAsync("#forecasts table");
                Assert.Equal("As of the record's end (2025-06-30)", await page.Locator("#now-heading").InnerTextAsync());
            }

            await FinishAsync(page, errors, "freshness" + path.Split('?')[0].Replace('/', '-').Replace(".html", "", StringComparison.Ordinal));
        }
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

using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Web.Tests;

/// <summary>The questions the browser tests' store holds: one resolved yes with forecasts over time, one open.</summary>
internal static class QuestionSeed
{
    public static readonly Question[] Questions =
    [
        new("icbm-2024", "Will North Korea launch an ICBM in 2024?", ForecastTarget.Icbm, null, new KoreanDate(2024, 1, 1), new KoreanDate(2024, 12, 31), "https://example.org/q?<script>",
            new QuestionResolution(true, new KoreanDate(2024, 10, 31), "2024-10-31-icbm-hwasong-19")),
        new("icbm-2027", "Will North Korea launch an ICBM before 2027? <img src=x onerror=\"window.__pwned = 3\">", ForecastTarget.Icbm, null, new KoreanDate(2026, 11, 22), new KoreanDate(2026, 12, 31), null, null),
    ];

    /// <summary>Each forecast entered on the day it gives (at noon in Korea), as a team forecasting at the time would have, and one entered once the answer was known.</summary>
    public static readonly QuestionForecast[] Forecasts =
    [
        .. new QuestionForecast[]
        {
            new("icbm-2024", "model", new KoreanDate(2023, 12, 20), 0.12),
            new("icbm-2024", "model", new KoreanDate(2024, 3, 1), 0.2),
            new("icbm-2024", "model", new KoreanDate(2024, 6, 1), 0.18),
            new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.6),
            new("icbm-2024", "bob", new KoreanDate(2023, 12, 25), 0.8),
            new("icbm-2027", "model", new KoreanDate(2026, 11, 21), 0.05),
        }.Select(f => f with { Entered = new DateTimeOffset(f.AsOf.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(9)) }),
        new("icbm-2024", "carol", new KoreanDate(2024, 1, 10), 0.95) { Entered = new DateTimeOffset(2024, 11, 2, 3, 0, 0, TimeSpan.Zero) },
        // dave's forecast "as of" 15 November, entered on the 21st, is his latest: it counts from the 21st, after his forecast of the 20th.
        new("icbm-2027", "dave", new KoreanDate(2026, 11, 20), 0.3) { Entered = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero) },
        new("icbm-2027", "dave", new KoreanDate(2026, 11, 15), 0.4) { Entered = new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero) },
    ];
}

[Collection(SharedBrowser.Name)]
public sealed class QuestionPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_questions_page_lists_questions_shows_the_resolving_event_the_history_and_the_leaderboard()
    {
        if (browser.Unavailable is { } unavailable)
        {
            Assert.Skip(unavailable);
        }

        var (page, errors) = await browser.OpenAsync("/questions.html?id=icbm-2024");
        await BrowserFixture.WaitForShownAsync(page, "#history svg path.model", "the resolved question's forecasts over time", 90);
        Assert.Equal(2, await page.Locator("#questions tbody tr").CountAsync());
        // The open question first: what is still to forecast.
        Assert.Equal("icbm-2027", await page.Locator("#questions tbody tr:first-child a").GetAttributeAsync("data-id"));
        Assert.Contains("<img src=x", await page.Locator("#questions").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<int?>("window.__pwned ?? null"));

        Assert.Equal("Will North Korea launch an ICBM in 2024?", await page.Locator("#question-heading").InnerTextAsync());
        var resolution = page.Locator("#resolution a");
        Assert.Equal("/event.html?id=2024-10-31-icbm-hwasong-19", await resolution.GetAttributeAsync("href"));
        Assert.Equal(3, await page.Locator("#history circle.expert").CountAsync());
        // A key to the chart: the model's line, and each expert's own colour, named.
        Assert.Equal(["alice", "bob", "carol"], await page.Locator("#history-legend span.dot").AllInnerTextsAsync());
        Assert.Equal(1, await page.Locator("#history-legend span.line").CountAsync());
        Assert.Equal(3, (await page.Locator("#history circle.expert").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('fill'))")).Distinct().Count());
        // The model is scored on a resolved question.
        Assert.Matches(@"^model\s.*\syes$", await page.Locator("#forecasts tbody tr", new() { HasText = "model" }).First.InnerTextAsync());
        Assert.Contains("85.7%", await page.Locator("#aggregate").InnerTextAsync(), StringComparison.Ordinal);
        // Above both experts (60% and 80%): said, so that it does not read as a slip.
        Assert.StartsWith("The aggregate is above every expert's latest forecast (60.0% to 80.0%)", await page.Locator("#aggregate-note").InnerTextAsync(), StringComparison.Ordinal);
        // The model's probabilities link to the forecast and its reasons, and say how far the record goes; every date says its zone.
        Assert.Equal("/forecast.html?target=icbm", await page.Locator("#model-evidence a").GetAttributeAsync("href"));
        Assert.Contains("up to 2025-06-30 (Korean date)", await page.Locator("#model-evidence").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("As of (Korean date)", await page.Locator("#forecasts thead").InnerTextAsync(), StringComparison.Ordinal);

        // One line to read above the board; the rules behind it folded, one to a line.
        Assert.StartsWith("1 resolved, 1 open. Lower scores are better.", await page.Locator("#board-note").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Null(await page.Locator("#board-rules").GetAttributeAsync("open"));
        Assert.Equal(7, await page.Locator("#board-rules li").CountAsync());
        Assert.Contains("Ranked by each forecaster's Brier score minus the experts' aggregate's on the same days of the same questions", await page.Locator("#board-rules").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("aggregate", await page.Locator("#leaderboard tbody tr:first-child td:first-child").InnerTextAsync());
        var board = await page.Locator("#leaderboard").InnerTextAsync();
        foreach (var name in new[] { "bob", "aggregate", "alice", "model" })
        {
            Assert.Contains(name, board, StringComparison.Ordinal);
        }

        // carol's forecast came after the ICBM of 2024-10-31: listed apart, not ranked.
        Assert.DoesNotContain("carol", board, StringComparison.Ordinal);
        Assert.Contains("carol", await page.Locator("#not-scored").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2024-01-10, entered 2024-11-02", await page.Locator("#forecasts").InnerTextAsync(), StringComparison.Ordinal);
        // Each forecaster's score on the question, over the days its forecasts stood: alice's 60% from 2023-12-20 to the day before the ICBM.
        Assert.Matches(@"alice\s+2023-12-20\s+316\s+0\.160", await page.Locator("#scores tbody").InnerTextAsync());

        // The model against the published forecasts on past questions, computed by the server: a row per forecast, each linked to the question on its platform, to its source and to the resolving event.
        // A few seconds of processor time (bench questions-speed); the wait allows for two test projects sharing two processors.
        await BrowserFixture.WaitForShownAsync(page, "#published-forecasts tbody tr", "the model against the published forecasts (GET /api/questions/published)", 120);
        Assert.Equal(BundledPublished.ScoredOnTheBundledRecord(), await page.Locator("#published-forecasts tbody tr").CountAsync());
        var icbm2017 = page.Locator("#published-forecasts tbody tr", new() { HasText = "58.0% on 2017-02-11" });
        Assert.Equal("https://www.metaculus.com/questions/432/", await icbm2017.Locator("td:nth-child(1) a").GetAttributeAsync("href"));
        Assert.StartsWith("https://", await icbm2017.Locator("td:nth-child(4) a").GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Equal("/event.html?id=2017-07-04-icbm-hwasong-14", await icbm2017.Locator("td:nth-child(6) a").GetAttributeAsync("href"));
        // The same forecasts as a picture: one point each, filled where the event happened.
        Assert.Equal(BundledPublished.ScoredOnTheBundledRecord(), await page.Locator("#published-chart circle.published").CountAsync());
        Assert.True(await page.Locator("#published-chart circle.published.yes").CountAsync() > 0);
        Assert.True(await page.Locator("#published-chart circle.published.no").CountAsync() > 0);
        var totals = await page.Locator("#published-totals").InnerTextAsync();
        Assert.Contains("Crowds only", totals, StringComparison.Ordinal);
        // The difference with its 95% interval over questions, as the API gives it: "+0.131 (-0.040 to +0.311)".
        Assert.Matches(@"[+-]\d\.\d{3} \([+-]?\d\.\d{3} to [+-]?\d\.\d{3}\)", totals);
        Assert.True(await page.Locator("#published-questions tbody tr").CountAsync() >= 15);

        // Clicks wait for the page to finish loading: nothing then moves the link from under the pointer.
        await BrowserFixture.WaitForLoadedAsync(page, "the questions page", 120);
        await page.Locator("#questions a[data-id='icbm-2027']").ClickAsync();
        // As below: the address is enough, and the wait for the question says what the page reported if it never shows.
        await page.WaitForURLAsync("**/questions.html?id=icbm-2027", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await BrowserFixture.WaitForShownAsync(page, "#resolution", "the question the list links to", 120);
        Assert.StartsWith("Open", await page.Locator("#resolution").InnerTextAsync(), StringComparison.Ordinal);
        // Each forecaster's latest is the one the aggregate takes, as the CLI shows it.
        var dave = await page.Locator("#forecasts tbody tr", new() { HasText = "dave" }).First.InnerTextAsync();
        Assert.Contains("40.0%", dave, StringComparison.Ordinal);
        Assert.Contains("2026-11-15, entered 2026-11-21", dave, StringComparison.Ordinal);
        // Both of dave's forecasts, the latest table giving one: folded under it.
        Assert.Equal(2, await page.Locator("#every-forecast tbody tr", new() { HasText = "dave" }).CountAsync());
        await BrowserFixture.WaitForLoadedAsync(page, "the question the list links to", 120);
        // No full-page screenshot here: the browser's resize for it and back can swallow the click that follows.
        await page.Locator("#model-evidence a").ClickAsync();
        // The address is enough: the page's load, like its forecasts, can wait on a server busy with both
        // test projects on two processors, and the wait below says what the page reported if it never shows.
        await page.WaitForURLAsync("**/forecast.html?target=icbm", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await BrowserFixture.WaitForShownAsync(page, "#explanation h3", "the forecast's reasons on the page the question links to", 120);
        Assert.Equal("icbm", await page.Locator("#target").InputValueAsync());
        // The forecast page's note on the crowds carries the figures the server computed and links to the table behind them.
        await page.Locator("#crowd-note", new() { HasText = "Brier score is" }).WaitForAsync();
        Assert.Contains("95% interval", await page.Locator("#crowd-note").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("/questions.html#published", await page.Locator("#crowd-note a").GetAttributeAsync("href"));
        Assert.Empty(errors);

        // The picture of the open question, taken once no click follows.
        await page.GoBackAsync(new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await BrowserFixture.WaitForShownAsync(page, "#resolution", "the open question, back from its forecast", 120);
        await BrowserFixture.WaitForLoadedAsync(page, "the open question, back from its forecast", 120);
        await BrowserFixture.ScreenshotAsync(page, "questions");
        // The README's picture of the comparison (its totals and chart), once no click follows the resize it needs.
        await BrowserFixture.WaitForShownAsync(page, "#published-chart circle.published", "the model against the published forecasts, back from the forecast page", 120);
        await page.EvaluateAsync("() => document.getElementById('published').scrollIntoView()");
        await BrowserFixture.ReadmePictureAsync(page, "questions-published", height: 1250);
        await page.CloseAsync();
    }
}

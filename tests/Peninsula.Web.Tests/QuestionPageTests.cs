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

    public static readonly QuestionForecast[] Forecasts =
    [
        new("icbm-2024", "model", new KoreanDate(2023, 12, 20), 0.12),
        new("icbm-2024", "model", new KoreanDate(2024, 3, 1), 0.2),
        new("icbm-2024", "model", new KoreanDate(2024, 6, 1), 0.18),
        new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.6),
        new("icbm-2024", "bob", new KoreanDate(2023, 12, 25), 0.8),
        new("icbm-2027", "model", new KoreanDate(2026, 11, 21), 0.05),
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

        var (page, errors) = await browser.OpenAsync("/questions.html");
        await page.WaitForSelectorAsync("#history svg path.model");
        Assert.Equal(2, await page.Locator("#questions tbody tr").CountAsync());
        Assert.Contains("<img src=x", await page.Locator("#questions").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<int?>("window.__pwned ?? null"));

        Assert.Equal("Will North Korea launch an ICBM in 2024?", await page.Locator("#question-heading").InnerTextAsync());
        var resolution = page.Locator("#resolution a");
        Assert.Equal("/event.html?id=2024-10-31-icbm-hwasong-19", await resolution.GetAttributeAsync("href"));
        Assert.Equal(2, await page.Locator("#history circle.expert").CountAsync());
        Assert.Contains("90.4%", await page.Locator("#aggregate").InnerTextAsync(), StringComparison.Ordinal);
        // The model's probabilities link to the forecast and its reasons, and say how far the record goes; every date says its zone.
        Assert.Equal("/forecast.html?target=icbm", await page.Locator("#model-evidence a").GetAttributeAsync("href"));
        Assert.Contains("up to 2025-06-30 (Korean date)", await page.Locator("#model-evidence").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("As of (Korean date)", await page.Locator("#forecasts thead").InnerTextAsync(), StringComparison.Ordinal);

        var board = await page.Locator("#leaderboard").InnerTextAsync();
        foreach (var name in new[] { "bob", "aggregate", "alice", "model" })
        {
            Assert.Contains(name, board, StringComparison.Ordinal);
        }

        await page.Locator("#questions a[data-id='icbm-2027']").ClickAsync();
        await page.WaitForURLAsync("**/questions.html?id=icbm-2027");
        await page.WaitForSelectorAsync("#resolution");
        Assert.StartsWith("Open", await page.Locator("#resolution").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "questions");
        await page.Locator("#model-evidence a").ClickAsync();
        await page.WaitForURLAsync("**/forecast.html?target=icbm");
        await page.WaitForSelectorAsync("#explanation h3");
        Assert.Equal("icbm", await page.Locator("#target").InputValueAsync());
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}

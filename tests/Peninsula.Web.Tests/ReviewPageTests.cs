namespace Peninsula.Web.Tests;

/// <summary>The review page in a real headless Chromium, on the browser tests' shared server.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReviewPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_review_page_marks_the_supporting_sentence_as_text_and_asks_for_a_key_before_a_decision()
    {
        if (browser.Unavailable is { } unavailable)
        {
            Assert.Skip(unavailable);
        }

        var (page, errors) = await browser.OpenAsync("/review.html");

        await page.WaitForSelectorAsync("#queue mark");
        Assert.Equal(BrowserFixture.ReviewSentence, await page.Locator("#queue mark").First.TextContentAsync());
        Assert.Equal(0, await page.Locator("#queue mark b").CountAsync());
        Assert.Contains("2026-11-18", await page.Locator("#queue h2").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("https://wire.example/n-1", await page.Locator("#queue li a").First.GetAttributeAsync("href"));

        await page.Locator("#queue button[data-action=accept]").First.ClickAsync();
        await page.WaitForSelectorAsync("#status.error");
        Assert.Contains("API key", await page.Locator("#status").TextContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "review");
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}

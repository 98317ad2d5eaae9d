using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Peninsula.Web.Tests;

/// <summary>
/// The forecast page's "By a date of your choosing": the probability of at least one event in any
/// window, from a link or from the form, as the API gives it (the server's clock: 2026-11-21; the
/// bundled record ends 2025-06-30).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ForecastWindowPageTests(BrowserFixture browser)
{
    private const int Timeout = 90_000;

    [Fact]
    public async Task A_link_with_a_window_shows_its_probability_the_models_own_and_the_notified_launch_window_with_its_report()
    {
        // The day after North Korea notified Japan's coast guard of a satellite launch between 31 May and 10 June 2023.
        const string Window = "target=satellite-launch&as_of=2023-05-30&until=2023-06-10";
        var expected = await WindowAsync(Window);
        Assert.NotEqual(0, expected.GetProperty("plans").GetArrayLength());
        var page = await OpenAsync("/forecast.html?" + Window);

        var answer = await AnswerAsync(page, "the answer to the window in the link");
        Assert.Contains($"{Pct(expected.GetProperty("probability").GetDouble())} probability of at least one event of “Satellite launch” from 2023-05-31 to 2023-06-10 (11 days, both counted; Korean dates), forecast as of 2023-05-30.", answer, StringComparison.Ordinal);
        Assert.Contains($"The model alone says {Pct(expected.GetProperty("model_probability").GetDouble())}; a plan announced in public, active by 2023-05-30, adds to it:", answer, StringComparison.Ordinal);
        var report = page.Locator("#window-result ul.plans a");
        Assert.Equal(expected.GetProperty("plans")[0].GetProperty("source_url").GetString(), await report.GetAttributeAsync("href"));
        Assert.StartsWith("https://news.ntv.co.jp/", await report.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Contains(expected.GetProperty("plans")[0].GetProperty("note").GetString()!, answer, StringComparison.Ordinal);
        Assert.Contains("The forecast reads the record up to 2023-05-30.", answer, StringComparison.Ordinal);
        Assert.Contains("Read off the model's fixed-horizon forecasts as of 2023-05-30, before any plan: 7 days ", answer, StringComparison.Ordinal);
        Assert.Contains("The rule: Read off the 7, 30, 90 and 365-day forecasts", answer, StringComparison.Ordinal);

        // The form shows the link's choice, and the page's own target follows the link.
        Assert.Equal("satellite-launch", await page.Locator("#window-target").InputValueAsync());
        Assert.Equal("2023-05-30", await page.Locator("#window-as-of").InputValueAsync());
        Assert.Equal("2023-06-10", await page.Locator("#window-until").InputValueAsync());
        Assert.Equal("satellite-launch", await page.Locator("#target").InputValueAsync());
        await FinishAsync(page, "forecast-window-link");
    }

    [Fact]
    public async Task The_form_forecasts_a_window_as_of_the_records_end_puts_it_in_the_address_and_shows_why_a_window_is_refused()
    {
        var expected = await WindowAsync("target=icbm&as_of=2025-06-30&until=2025-12-31");
        Assert.Equal(0, expected.GetProperty("plans").GetArrayLength());
        var page = await OpenAsync("/forecast.html");

        // The as-of is the page's: the record's end, the record being stale.
        await Until(async () => await page.Locator("#window-as-of").InputValueAsync() == "2025-06-30", "the form's as-of to be the record's end");
        await page.Locator("#window-target").SelectOptionAsync("icbm");
        // By keyboard: the last day typed, then Enter.
        await page.Locator("#window-until").FillAsync("2025-12-31");
        await page.Locator("#window-until").PressAsync("Enter");

        var answer = await AnswerAsync(page, "the answer to the window of the form");
        Assert.Contains($"{Pct(expected.GetProperty("probability").GetDouble())} probability of at least one event of “ICBM” from 2025-07-01 to 2025-12-31 (184 days, both counted; Korean dates), forecast as of 2025-06-30.", answer, StringComparison.Ordinal);
        Assert.Contains("The forecast reads the record up to 2025-06-30. The record ends 509 days before today (2026-11-21 in Korea)", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("The model alone", answer, StringComparison.Ordinal);
        Assert.EndsWith("/forecast.html?target=icbm&as_of=2025-06-30&until=2025-12-31", page.Url, StringComparison.Ordinal);
        Assert.Equal("status", await page.Locator("#window-result").GetAttributeAsync("role"));

        // More than two years ahead: the API's reason, not a blank.
        await page.Locator("#window-until").FillAsync("2027-07-01");
        await page.Locator("#window-ask").ClickAsync();
        var refusal = page.Locator("#window-result .error");
        await refusal.WaitForAsync(new() { Timeout = Timeout });
        var problem = await WindowAsync("target=icbm&as_of=2025-06-30&until=2027-07-01", HttpStatusCode.BadRequest);
        Assert.Contains("at most two years ahead", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("No forecast for this window: " + problem.GetProperty("detail").GetString(), await refusal.InnerTextAsync());
        Assert.EndsWith("until=2027-07-01", page.Url, StringComparison.Ordinal);
        // Chromium logs the refused request itself; nothing else may go wrong.
        Assert.Single(_errors, e => e.StartsWith("console error: Failed to load resource: the server responded with a status of 400", StringComparison.Ordinal));
        _errors.RemoveAll(e => e.StartsWith("console error: Failed to load resource: the server responded with a status of 400", StringComparison.Ordinal));
        await FinishAsync(page, "forecast-window-form");
    }

    [Fact]
    public async Task A_link_naming_no_as_of_gives_the_apis_answer_to_the_same_address_the_window_from_tomorrow()
    {
        // The API's as-of defaults to today (2026-11-21 on the test server): the page answers the same address the same way.
        const string Window = "target=icbm&until=2026-12-31";
        var expected = await WindowAsync(Window);
        Assert.Equal("2026-11-21", expected.GetProperty("as_of").GetString());
        var page = await OpenAsync("/forecast.html?" + Window);

        var answer = await AnswerAsync(page, "the answer to a window whose link names no as-of");
        Assert.Contains($"{Pct(expected.GetProperty("probability").GetDouble())} probability of at least one event of “ICBM” from 2026-11-22 to 2026-12-31 (40 days, both counted; Korean dates), forecast as of 2026-11-21.", answer, StringComparison.Ordinal);
        Assert.Equal("", await page.Locator("#window-as-of").InputValueAsync());
        Assert.EndsWith("/forecast.html?" + Window, page.Url, StringComparison.Ordinal);
        Assert.Empty(_errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_link_naming_no_target_says_so_and_which_target_it_shows_instead()
    {
        if (browser.Unavailable is { } unavailable)
        {
            Assert.Skip(unavailable);
        }

        var page = await OpenAsync("/forecast.html?target=icbms");

        await Until(async () => (await page.Locator("#status").InnerTextAsync()).Contains("not a forecast target", StringComparison.Ordinal), "the page to say the link's target is not one");
        var said = await page.Locator("#status").InnerTextAsync();
        Assert.Contains("'icbms' in the address is not a forecast target; showing", said, StringComparison.Ordinal);
        Assert.Contains("icbm", said[said.IndexOf("The targets:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Empty(_errors);
        await page.CloseAsync();
    }

    /// <summary>A probability as the dashboard prints it (pct in common.js): two decimals under 1%, else one.</summary>
    private static string Pct(double p) => (p * 100).ToString(p < 0.01 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The window (or the problem with it) as the API answers it, from the same server the page reads.</summary>
    private async Task<JsonElement> WindowAsync(string query, HttpStatusCode status = HttpStatusCode.OK)
    {
        if (browser.Unavailable is { } unavailable)
        {
            Assert.Skip(unavailable);
        }

        using var client = new HttpClient { BaseAddress = new Uri(browser.BaseUrl), Timeout = TimeSpan.FromMilliseconds(Timeout) };
        using var response = await client.GetAsync("/api/forecasts/window?" + query);
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var (page, errors) = await browser.OpenAsync(path);
        _errors = errors;
        return page;
    }

    private List<string> _errors = [];

    /// <summary>Waits for the window's answer (its headline) and returns the whole result's text.</summary>
    private static async Task<string> AnswerAsync(IPage page, string what)
    {
        try
        {
            await page.Locator("#window-result p.answer").WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No {what} within {Timeout / 1000} s; the result reads: '{await page.Locator("#window-result").InnerTextAsync()}'.");
        }

        return await page.Locator("#window-result").InnerTextAsync();
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Timeout / 1000} s for {what}.");
            await Task.Delay(100);
        }
    }

    private async Task FinishAsync(IPage page, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, name);
        Assert.Empty(_errors);
        await page.CloseAsync();
    }
}

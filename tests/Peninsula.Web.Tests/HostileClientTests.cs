using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Peninsula.Web.Tests;

/// <summary>What an anonymous or hostile client can make the server do: budgets, cancellation, shared work, limits that a made-up key does not get around.</summary>
public sealed class HostileClientTests
{
    private const string NewLaunch = """
        {
          "id": "2025-07-11-srbm-test",
          "kind": "missile-launch",
          "class": "srbm",
          "date": "2025-07-11",
          "actors": ["DPRK"],
          "title": "Short-range ballistic missile launch",
          "sources": [{ "name": "Test source", "url": "https://example.org/report" }]
        }
        """;

    [Fact]
    public async Task A_new_random_key_with_each_fact_check_does_not_get_around_the_rate_limit()
    {
        using var app = new PeninsulaApp { CheckPerMinute = 3 };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = app.ClientWithKey($"pen_made-up-{Guid.NewGuid():N}");
            statuses.Add((await client.PostAsync("/api/check", Http.Text("North Korea launched a missile on 2017-07-04."))).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        using var keyed = app.ClientWithKey(await app.CreateKeyAsync("analyst"));
        Assert.Equal(HttpStatusCode.OK, (await keyed.PostAsync("/api/check", Http.Text("North Korea launched a missile on 2017-07-04."))).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_client_gets_a_few_new_analyses_a_minute_and_a_key_more_while_answers_already_computed_stay_free()
    {
        using var app = new PeninsulaApp { AnalysesPerMinute = 2, KeyAnalysesPerMinute = 4 };
        var anonymous = app.CreateClient();

        var first = await anonymous.GetAsync("/api/forecasts/tempo?target=icbm&as_of=2020-01-01");
        var second = await anonymous.GetAsync("/api/forecasts/tempo?target=icbm&as_of=2020-01-02");
        var third = await anonymous.GetAsync("/api/forecasts/tempo?target=icbm&as_of=2020-01-03");
        var again = await anonymous.GetAsync("/api/forecasts/tempo?target=icbm&as_of=2020-01-01");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode, again.StatusCode));
        var refused = await third.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("too many new analyses", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(third.Headers.RetryAfter!.ToString());
        using var keyed = app.ClientWithKey(await app.CreateKeyAsync("analyst"));
        foreach (var day in new[] { "04", "05", "06", "07" })
        {
            Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync($"/api/forecasts/tempo?target=icbm&as_of=2020-01-{day}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await keyed.GetAsync("/api/forecasts/tempo?target=icbm&as_of=2020-01-08")).StatusCode);
    }

    [Fact]
    public async Task Identical_requests_at_the_same_time_share_one_computation()
    {
        using var app = new PeninsulaApp();
        var client = app.CreateClient();
        var budget = app.Services.GetRequiredService<AnalysisBudget>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/api/forecasts?target=icbm&horizon=30&as_of=2016-01-01")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.ETag!.Tag).Distinct());
        Assert.Equal(1, budget.Started);
    }

    [Fact]
    public async Task The_warm_up_computes_what_the_overview_and_the_crowd_comparison_ask_so_their_first_visitor_waits_for_nothing()
    {
        using var app = new PeninsulaApp();
        var client = app.CreateClient();
        var budget = app.Services.GetRequiredService<AnalysisBudget>();
        await app.Services.GetRequiredService<RecordCache>().WarmAsync(budget, CancellationToken.None);
        var warmed = budget.Started;

        // The overview's two analyses, as it asks them on a record that ends before today.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts?horizon=30&as_of=2025-06-30")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/backtest?target=any-missile&horizon=7")).StatusCode);
        // The model against the published forecasts, which the forecast page's note and the questions page ask.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/questions/published")).StatusCode);

        Assert.Equal(3, warmed);
        Assert.Equal(warmed, budget.Started);
    }

    [Fact]
    public async Task A_computation_stops_when_the_client_that_asked_for_it_leaves()
    {
        using var app = new PeninsulaApp();
        var client = app.CreateClient();
        var budget = app.Services.GetRequiredService<AnalysisBudget>();
        using var leave = new CancellationTokenSource();

        var asking = client.GetAsync("/api/forecasts?as_of=2015-06-01", leave.Token);
        await Until(() => budget.Running == 1);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);

        // Every target at every horizon takes several seconds of processor time; it is abandoned instead.
        await Until(() => budget.Running == 0);
        Assert.Equal(1, budget.Started);
    }

    [Fact]
    public async Task After_a_write_readers_get_the_previous_forecast_until_the_new_one_is_ready()
    {
        using var app = new PeninsulaApp();
        var reader = app.CreateClient();
        const string Question = "/api/forecasts?target=icbm&horizon=30&as_of=2025-07-20";
        var before = await reader.GetAsync(Question);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var writer = app.ClientWithKey(await app.CreateKeyAsync("analyst"));
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync("/api/events", Http.Json(NewLaunch))).StatusCode);
        var during = await reader.GetAsync(Question);

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(before.Headers.ETag!.Tag, during.Headers.ETag!.Tag);
        Assert.Equal(await before.Content.ReadAsStringAsync(), await during.Content.ReadAsStringAsync());
        string? after = null;
        await Until(async () => (after = (await reader.GetAsync(Question)).Headers.ETag!.Tag) != before.Headers.ETag.Tag);
        Assert.NotEqual(before.Headers.ETag.Tag, after);
    }

    [Fact]
    public async Task A_backtest_with_too_many_issue_dates_is_refused_naming_the_step()
    {
        using var app = new PeninsulaApp();

        var problem = await (await app.CreateClient().GetAsync("/api/backtest?target=icbm&horizon=30&step=1&from=2010-01-01")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("step", problem.GetProperty("field").GetString());
        Assert.Contains("at most 1000 issue dates", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_does_not_show_where_the_store_is()
    {
        using var app = new PeninsulaApp();

        var health = await (await app.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();

        Assert.Contains("\"store\":\"sqlite\"", health, StringComparison.Ordinal);
        Assert.DoesNotContain("peninsula.db", health, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_trail_names_the_key_behind_a_change_only_to_key_holders()
    {
        using var app = new PeninsulaApp();
        var writer = app.ClientWithKey(await app.CreateKeyAsync("analyst"));
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync("/api/events", Http.Json(NewLaunch))).StatusCode);

        var anonymous = await (await app.CreateClient().GetAsync("/api/events/2025-07-11-srbm-test/audit")).JsonAsync();
        var keyHolder = await (await writer.GetAsync("/api/events/2025-07-11-srbm-test/audit")).JsonAsync();

        Assert.Equal("api key", anonymous[0].GetProperty("origin").GetString());
        Assert.Equal("api key analyst", keyHolder[0].GetProperty("origin").GetString());
        var bundled = await (await app.CreateClient().GetAsync("/api/events/2017-09-03-nuclear-test/audit")).JsonAsync();
        Assert.Equal("bundled-record", bundled[0].GetProperty("origin").GetString());
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition(), "the condition did not come true within a minute");
    }
}

using System.Net;

namespace Peninsula.Web.Tests;

public sealed class WriteApiTests : IDisposable
{
    private const string NewLaunch = """
        {
          "id": "2025-07-10-srbm-test",
          "kind": "missile-launch",
          "class": "srbm",
          "date": "2025-07-10",
          "actors": ["DPRK"],
          "title": "Short-range ballistic missile launch <script>alert(1)</script>",
          "sources": [{ "name": "Test source", "url": "https://example.org/report" }]
        }
        """;

    private readonly PeninsulaApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Writes_without_a_key_with_a_wrong_key_or_with_a_revoked_key_are_refused()
    {
        var none = await _app.CreateClient().PostAsync("/api/events", Http.Json(NewLaunch));
        var problem = await none.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(none.Headers.WwwAuthenticate);

        await (await _app.ClientWithKey("pen_not-a-real-key").PostAsync("/api/events", Http.Json(NewLaunch))).ProblemAsync(HttpStatusCode.Unauthorized);

        var secret = await _app.CreateKeyAsync("analyst");
        await _app.RevokeKeyAsync("analyst");
        var revoked = await (await _app.ClientWithKey(secret).DeleteAsync("/api/events/2017-09-03-nuclear-test")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", revoked.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/api/events/2017-09-03-nuclear-test")).StatusCode);
    }

    [Fact]
    public async Task An_event_is_created_replaced_and_deleted_and_every_step_is_audited_with_the_key()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));

        var created = await client.PostAsync("/api/events", Http.Json(NewLaunch));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/events/2025-07-10-srbm-test", created.Headers.Location?.OriginalString);
        await (await client.PostAsync("/api/events", Http.Json(NewLaunch))).ProblemAsync(HttpStatusCode.Conflict);

        var read = await client.GetAsync("/api/events/2025-07-10-srbm-test");
        var changed = NewLaunch.Replace("\"srbm\"", "\"mrbm\"", StringComparison.Ordinal);
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/events/2025-07-10-srbm-test") { Content = Http.Json(changed) })
        {
            put.Headers.IfMatch.Add(read.ETag());
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(put)).StatusCode);
        }

        var now = await (await client.GetAsync("/api/events/2025-07-10-srbm-test")).JsonAsync();
        Assert.Equal("mrbm", now.GetProperty("class").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/events/2025-07-10-srbm-test")).StatusCode);
        await (await client.GetAsync("/api/events/2025-07-10-srbm-test")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/events/2025-07-10-srbm-test")).ProblemAsync(HttpStatusCode.NotFound);
        // A deleted event's id is not taken again by a new event, as 'events add' refuses it too.
        var reused = await (await client.PostAsync("/api/events", Http.Json(NewLaunch))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The id belongs to a deleted event", reused.GetProperty("title").GetString());

        var audit = await (await client.GetAsync("/api/events/2025-07-10-srbm-test/audit")).JsonAsync();
        Assert.Equal(["delete", "update", "insert"], audit.EnumerateArray().Select(a => a.GetProperty("operation").GetString()!).ToList());
        Assert.All(audit.EnumerateArray(), a => Assert.Equal("api key analyst", a.GetProperty("origin").GetString()));
    }

    [Fact]
    public async Task A_stale_if_match_loses_with_412_and_changes_nothing()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        var read = await client.GetAsync("/api/events/2017-09-03-nuclear-test");
        var original = await read.Content.ReadAsStringAsync();
        using (var first = new HttpRequestMessage(HttpMethod.Put, "/api/events/2017-09-03-nuclear-test") { Content = Http.Json(original.Replace("\"magnitude\":6.3", "\"magnitude\":6.1", StringComparison.Ordinal)) })
        {
            first.Headers.IfMatch.Add(read.ETag());
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(first)).StatusCode);
        }

        using var second = new HttpRequestMessage(HttpMethod.Put, "/api/events/2017-09-03-nuclear-test") { Content = Http.Json(original) };
        second.Headers.IfMatch.Add(read.ETag());
        await (await client.SendAsync(second)).ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("\"magnitude\":6.1", await client.GetStringAsync("/api/events/2017-09-03-nuclear-test"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "x", "kind": "missile-launch" }""", "date")]
    [InlineData("""{ "id": "2025-07-10-x", "kind": "volcano", "date": "2025-07-10", "title": "t" }""", "kind")]
    [InlineData("""{ "id": "2025-07-10-x", "kind": "missile-launch", "date": "2025-07-10", "title": "t", "colour": "red" }""", null)]
    [InlineData("[1, 2", null)]
    [InlineData("""{ "id": "2025-07-10-x", "kind": "missile-launch", "class": "srbm", "date": "2025-07-10", "actors": ["DPRK"], "title": "t", "sources": [{ "name": "A rumour" }] }""", "source_url")]
    public async Task Invalid_events_are_refused_as_problems_naming_the_field(string body, string? field)
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        var problem = await (await client.PostAsync("/api/events", Http.Json(body))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("request body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        var count = await (await client.GetAsync("/api/events?since=2025-07-01")).JsonAsync();
        Assert.Equal(0, count.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_write_changes_the_list_etag()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        var before = (await client.GetAsync("/api/events?limit=5")).ETag();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/events", Http.Json(NewLaunch))).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events?limit=5");
        request.Headers.IfNoneMatch.Add(before);
        var after = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("2025-07-10-srbm-test", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class RateLimitTests
{
    [Fact]
    public async Task Fact_checks_beyond_the_limit_get_429_with_retry_after()
    {
        using var app = new PeninsulaApp { CheckPerMinute = 2 };
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/check", Http.Text("North Korea launched an ICBM on 2017-11-29."))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/check", Http.Text("North Korea launched an ICBM on 2017-11-29."))).StatusCode);

        var third = await client.PostAsync("/api/check", Http.Text("North Korea launched an ICBM on 2017-11-29."));
        await third.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(third.Headers.RetryAfter);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events?limit=1")).StatusCode);
    }

    [Fact]
    public async Task Writes_beyond_the_limit_get_429()
    {
        using var app = new PeninsulaApp { WritesPerMinute = 1 };
        var client = app.ClientWithKey(await app.CreateKeyAsync("bulk"));
        await (await client.DeleteAsync("/api/events/no-such-one")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/events/no-such-two")).ProblemAsync(HttpStatusCode.TooManyRequests);
    }
}

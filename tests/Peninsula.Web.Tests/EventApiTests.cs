using System.Net;

namespace Peninsula.Web.Tests;

[Collection(ReadOnlyServer.Name)]
public sealed class EventApiTests(PeninsulaApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Events_are_listed_newest_first_with_the_cli_filters()
    {
        var page = await (await _client.GetAsync("/api/events?kind=nuclear-test&limit=10")).JsonAsync();

        var ids = page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(6, ids.Count);
        Assert.Equal("2017-09-03-nuclear-test", ids[0]);
        Assert.Equal(JsonNull, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Filters_combine_class_since_until_system_and_text()
    {
        var icbms = await (await _client.GetAsync("/api/events?class=icbm&since=2023-01-01&until=2023-12-31&order=oldest&limit=100")).JsonAsync();
        var events = icbms.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Equal("icbm", e.GetProperty("class").GetString());
            Assert.StartsWith("2023-", e.GetProperty("date").GetString(), StringComparison.Ordinal);
        });
        Assert.True(string.CompareOrdinal(events[0].GetProperty("date").GetString(), events[^1].GetProperty("date").GetString()) <= 0, "order=oldest");

        var bySystem = await (await _client.GetAsync("/api/events?system=Hwasong-19")).JsonAsync();
        Assert.Contains(bySystem.GetProperty("events").EnumerateArray(), e => e.GetProperty("id").GetString() == "2024-10-31-icbm-hwasong-19");

        var byText = await (await _client.GetAsync("/api/events?kind=diplomatic-visit&text=Blinken")).JsonAsync();
        Assert.NotEmpty(byText.GetProperty("events").EnumerateArray());

        var ballistic = await (await _client.GetAsync("/api/events?set=ballistic&limit=1000")).JsonAsync();
        Assert.DoesNotContain(ballistic.GetProperty("events").EnumerateArray(), e => e.GetProperty("class").GetString() == "cruise");

        var responses = (await (await _client.GetAsync("/api/events?set=responses&limit=1000")).JsonAsync()).GetProperty("events").EnumerateArray().ToList();
        Assert.All(responses, e => Assert.Contains(e.GetProperty("kind").GetString(), new[] { "show-of-force", "statement", "sanction" }));
        Assert.Contains(responses, e => e.GetProperty("kind").GetString() == "show-of-force" && e.GetProperty("class").GetString() == "bomber");
        Assert.Contains(responses, e => e.GetProperty("kind").GetString() == "statement" && e.GetProperty("class").GetString() == "un-presidential-statement");
    }

    [Fact]
    public async Task Pages_follow_one_another_without_gaps_or_repeats()
    {
        var all = await (await _client.GetAsync("/api/events?class=icbm&limit=1000")).JsonAsync();
        var expected = all.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();

        var seen = new List<string?>();
        var next = "/api/events?class=icbm&limit=7";
        while (next is not null)
        {
            var page = await (await _client.GetAsync(next)).JsonAsync();
            seen.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
            next = page.GetProperty("next").GetString();
        }

        Assert.True(expected.Count > 7);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task An_unchanged_list_answers_304_to_its_etag()
    {
        var first = await _client.GetAsync("/api/events?kind=nuclear-test");
        var etag = first.ETag();

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/events?kind=nuclear-test");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/events?kind=missile-launch");
        other.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_launch_gives_its_landing_area_beside_its_other_figures()
    {
        var figures = (await (await _client.GetAsync("/api/events/2024-10-31-icbm-hwasong-19")).JsonAsync()).GetProperty("figures");

        Assert.Equal(7687, figures.GetProperty("apogee_km").GetDouble());
        Assert.Equal("sea-of-japan", figures.GetProperty("landing_area").GetString());
    }

    [Fact]
    public async Task One_event_has_every_field_and_its_sources()
    {
        var response = await _client.GetAsync("/api/events/2017-09-03-nuclear-test");
        var e = await response.JsonAsync();

        Assert.Equal("nuclear-test", e.GetProperty("kind").GetString());
        Assert.Equal("2017-09-03", e.GetProperty("date").GetString());
        Assert.NotEmpty(e.GetProperty("sources").EnumerateArray());
        Assert.NotNull(response.Headers.ETag);

        var audit = await (await _client.GetAsync("/api/events/2017-09-03-nuclear-test/audit")).JsonAsync();
        Assert.Equal("insert", audit.EnumerateArray().Last().GetProperty("operation").GetString());
    }

    [Theory]
    [InlineData("/api/events/no-such-event", HttpStatusCode.NotFound, null)]
    [InlineData("/api/events?kind=volcano", HttpStatusCode.BadRequest, "kind")]
    [InlineData("/api/events?class=bazooka", HttpStatusCode.BadRequest, "class")]
    [InlineData("/api/events?since=2020-13-45", HttpStatusCode.BadRequest, "since")]
    [InlineData("/api/events?limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/events?limit=5000", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/events?order=sideways", HttpStatusCode.BadRequest, "order")]
    [InlineData("/api/events?set=everything", HttpStatusCode.BadRequest, "set")]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound, null)]
    public async Task Bad_requests_get_problem_details_naming_the_field(string url, HttpStatusCode status, string? field)
    {
        var problem = await (await _client.GetAsync(url)).ProblemAsync(status);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Health_openapi_and_security_headers()
    {
        var health = await _client.GetAsync("/healthz");
        Assert.Equal("ok", (await health.JsonAsync()).GetProperty("status").GetString());

        var openapi = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/events", "/api/events/{id}", "/api/stats", "/api/timing", "/api/forecasts", "/api/check", "/healthz" })
        {
            Assert.Contains(path, paths);
        }

        var page = await _client.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Other_origins_get_no_cors_permission()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events?limit=1");
        request.Headers.Add("Origin", "https://evil.example");
        var response = await _client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        var answer = await _client.SendAsync(preflight);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Methods"));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}

using System.Net;
using System.Text;
using System.Text.Json;

namespace Peninsula.Web.Tests;

/// <summary>
/// The OpenAPI document is the API's contract: every query parameter it lists is read and checked,
/// no other is taken, the writes say they need a key, and the example bodies it gives are accepted
/// as they stand (the server's clock: 2026-11-21; the bundled record ends 2025-06-30).
/// </summary>
public sealed class ApiContractTests : IDisposable
{
    private readonly PeninsulaApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<JsonElement> OpenApiAsync() => await (await _app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();

    /// <summary>A valid value for a required parameter, so that the one under test is the only thing wrong.</summary>
    private static string Valid(string name) => name switch
    {
        "target" => "icbm",
        "until" => "2027-01-31",
        "context" => "all",
        _ => throw new ArgumentException($"No valid value for the required parameter '{name}'.", nameof(name)),
    };

    /// <summary>A value the parameter must refuse, or null when any text is a value (a filter, a name).</summary>
    private static string? Invalid(JsonElement parameter)
    {
        var schema = parameter.GetProperty("schema");
        if (schema.TryGetProperty("enum", out _))
        {
            return "no-such-value";
        }

        var type = schema.GetProperty("type").GetString();
        return type switch
        {
            "integer" => "-1",
            "boolean" => "maybe",
            "string" when schema.TryGetProperty("format", out var format) && format.GetString() == "date" => "2020-13-45",
            _ => null,
        };
    }

    [Fact]
    public async Task Every_query_parameter_the_document_lists_for_a_read_is_checked_and_a_bad_value_is_a_400_that_names_it()
    {
        var openapi = await OpenApiAsync();
        var client = _app.CreateClient();
        var checkedCount = 0;
        foreach (var path in openapi.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal) && !p.Name.Contains('{', StringComparison.Ordinal)))
        {
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            var all = parameters.EnumerateArray().ToList();
            var required = all.Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean()).Select(p => p.GetProperty("name").GetString()!).ToList();
            foreach (var parameter in all)
            {
                var name = parameter.GetProperty("name").GetString()!;
                if (Invalid(parameter) is not { } bad)
                {
                    continue;
                }

                var query = string.Join("&", required.Where(r => r != name).Select(r => $"{r}={Valid(r)}").Append($"{name}={bad}"));
                var response = await client.GetAsync($"{path.Name}?{query}");
                var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
                Assert.True(name == problem.GetProperty("field").GetString(), $"GET {path.Name}?{query} blamed '{problem.GetProperty("field")}', not '{name}': {problem.GetProperty("detail")}");
                checkedCount++;
            }
        }

        // target, horizon, as_of, dates, limits and lists across the reads: far more than a handful.
        Assert.True(checkedCount >= 25, $"only {checkedCount} parameters were checked");
    }

    [Fact]
    public async Task A_misspelt_or_unknown_parameter_is_refused_with_the_names_the_endpoint_takes_not_ignored()
    {
        var client = _app.CreateClient();
        var misspelt = await (await client.GetAsync("/api/forecasts?asof=2020-01-01")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("asof", misspelt.GetProperty("field").GetString());
        var detail = misspelt.GetProperty("detail").GetString()!;
        Assert.Contains("Did you mean 'as_of'?", detail, StringComparison.Ordinal);
        Assert.Contains("target, horizon, as_of", detail, StringComparison.Ordinal);

        var none = await (await client.GetAsync("/api/questions?page=2")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("takes no query parameters", none.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var twice = await (await client.GetAsync("/api/forecasts?as_of=2020-01-01&as_of=2021-01-01")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("given 2 times", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A flag is true or false (1 or 0), not anything else read as false.
        var keyed = _app.ClientWithKey(await _app.CreateKeyAsync("flags"));
        var flag = await (await keyed.PostAsync("/api/questions/import?dry_run=yes", Http.Json("[]"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("dry_run", flag.GetProperty("field").GetString());

        // An address with the wrong method says which methods it takes; one that is no endpoint is a 404.
        var method = await (await client.PostAsync("/api/forecasts", Http.Json("{}"))).ProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("/api/forecasts takes GET, not POST", method.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var delete = await client.DeleteAsync("/api/questions/icbm-2027");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal("GET", string.Join(", ", delete.Content.Headers.Allow));
        await (await client.GetAsync("/api/no-such-thing")).ProblemAsync(HttpStatusCode.NotFound);

        // An empty value is the default, on every endpoint alike.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts/tempo?target=&as_of=2025-06-30")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/questions/export?format=")).StatusCode);
        Assert.Equal("target", (await (await client.GetAsync("/api/forecasts/window?target=&until=2027-01-31")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());

        // A list parameter may be repeated, and the pages and files are not checked.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events?kind=nuclear-test&kind=summit&limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/forecast.html?target=icbm")).StatusCode);
    }

    [Fact]
    public async Task A_body_with_a_misspelt_field_another_content_type_or_nothing_in_it_is_refused_in_plain_words()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("bodies"));
        var misspelt = await (await client.PostAsync("/api/questions", Http.Json("""{"title": "m1", "target": "icbm", "open": "2027-01-01", "closes": "2027-12-31"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("open", misspelt.GetProperty("field").GetString());
        Assert.Contains("Did you mean 'opens'?", misspelt.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var twice = await (await client.PostAsync("/api/questions", Http.Json("""{"title": "m1", "title": "m2", "target": "icbm", "closes": "2027-12-31"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("given twice", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var text = new StringContent("""{"title": "m1", "target": "icbm", "closes": "2027-12-31"}""", Encoding.UTF8, "text/plain");
        await (await client.PostAsync("/api/questions", text)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var empty = await (await client.PostAsync("/api/questions", Http.Json(""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("the body is empty", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var broken = await (await client.PostAsync("/api/questions", Http.Json("""{"title": "m1",}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("LineNumber", broken.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("isFinalBlock", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A question id already taken is a conflict; a word of the addresses is no id; a window before the record is refused.
        const string Question = """{"id": "icbm-2027", "title": "ICBM in 2027?", "target": "icbm", "opens": "2027-01-01", "closes": "2027-12-31"}""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questions", Http.Json(Question))).StatusCode);
        await (await client.PostAsync("/api/questions", Http.Json(Question))).ProblemAsync(HttpStatusCode.Conflict);
        var reserved = await (await client.PostAsync("/api/questions", Http.Json("""{"id": "leaderboard", "title": "x", "target": "icbm", "closes": "2027-12-31"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("id", reserved.GetProperty("field").GetString());
        var early = await (await client.PostAsync("/api/questions", Http.Json("""{"title": "x", "target": "icbm", "opens": "1980-01-01", "closes": "1980-12-31"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("closes", early.GetProperty("field").GetString());

        var noProbability = await (await client.PostAsync("/api/questions/icbm-2027/forecasts", Http.Json("""{"by": "Bob"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("give the probability", noProbability.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var asof = await (await client.PostAsync("/api/questions/icbm-2027/forecasts", Http.Json("""{"by": "Bob", "probability": 0.3, "asof": "2020-01-01"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Did you mean 'as_of'?", asof.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_refuses_an_expert_s_forecast_dated_after_today_and_says_when_the_record_cannot_yet_answer_a_stated_resolution()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("imports"));
        var future = await (await client.PostAsync("/api/questions/import", Http.Json(
            """[{"id": "x6", "title": "X", "target": "icbm", "opens": "2027-01-01", "closes": "2027-12-31", "forecasts": [{"by": "Fred", "as_of": "2027-11-20", "probability": 0.3}]}]"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("in the future", future.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The file says the question of March 2026 resolved yes; the bundled record ends in June 2025.
        var answer = await (await client.PostAsync("/api/questions/import", Http.Json(
            """[{"id": "q-mar", "title": "A missile in March 2026?", "target": "any-missile", "opens": "2026-03-01", "closes": "2026-03-31", "resolution": "yes"}]"""))).JsonAsync();
        var differing = Assert.Single(answer.GetProperty("resolutions_differing").EnumerateArray()).GetString();
        Assert.Contains("the file says yes, the record here has no answer yet (it ends on 2025-06-30", differing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tempo_and_the_backtest_refuse_dates_outside_their_range_naming_the_parameter_given()
    {
        var client = _app.CreateClient();
        Assert.Equal("as_of", (await (await client.GetAsync("/api/forecasts/tempo?as_of=1989-12-31")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("as_of", (await (await client.GetAsync("/api/forecasts/tempo?as_of=2030-01-01")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("from", (await (await client.GetAsync("/api/backtest?from=2030-01-01")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        var to = await (await client.GetAsync("/api/backtest?to=2030-01-01")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("to", to.GetProperty("field").GetString());
        Assert.Contains("after today", to.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_writes_are_documented_as_needing_the_api_key_and_the_reads_are_not()
    {
        var openapi = await OpenApiAsync();
        // The document names no server from the request's Host header, which a client controls.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        spoofed.Headers.Host = "evil.example:9999";
        Assert.DoesNotContain("evil.example", await (await _app.CreateClient().SendAsync(spoofed)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var scheme = openapi.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());

        foreach (var path in openapi.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                // Each requirement is an object of schemes; an empty one means "no key needed".
                var requirements = operation.Value.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Select(s => s.Name).ToList()).ToList();
                var secured = requirements.Count > 0 && requirements.All(r => r.SequenceEqual(["ApiKey"]));
                var open = requirements.Any(r => r.Count == 0) && requirements.Any(r => r.SequenceEqual(["ApiKey"]));
                // Every write but the fact-check, which reads an article and writes nothing, needs a key;
                // a read takes one (it raises the client's budget of new analyses) but needs none.
                var write = operation.Name is "post" or "put" or "delete" && path.Name != "/api/check";
                Assert.True(write ? secured : open, $"{operation.Name.ToUpperInvariant()} {path.Name}: documented as {(secured ? "" : "not ")}needing a key");
                Assert.True(!write || operation.Value.GetProperty("responses").TryGetProperty("401", out _), $"{path.Name} lists no 401");
            }
        }
    }

    [Fact]
    public async Task Each_example_body_in_the_document_is_accepted_as_it_stands()
    {
        var openapi = await OpenApiAsync();
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("docs"));
        var paths = openapi.GetProperty("paths");

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string address, string contentType = "application/json")
        {
            var body = paths.GetProperty(path).GetProperty(method.Method.ToLowerInvariant()).GetProperty("requestBody").GetProperty("content").GetProperty(contentType).GetProperty("example");
            var text = body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText();
            return await client.SendAsync(new HttpRequestMessage(method, address) { Content = new StringContent(text, Encoding.UTF8, contentType) });
        }

        // A question's and a forecast's body list their fields, those required, and no others.
        foreach (var (path, required) in new[] { ("/api/questions", new[] { "closes", "title" }), ("/api/questions/{id}/forecasts", new[] { "by", "probability" }) })
        {
            var schema = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            var properties = schema.GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(required, schema.GetProperty("schema").GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
            Assert.False(schema.GetProperty("schema").GetProperty("additionalProperties").GetBoolean());
            Assert.All(schema.GetProperty("example").EnumerateObject(), p => Assert.Contains(p.Name, properties));
        }

        var created = await SendAsync(HttpMethod.Post, "/api/events", "/api/events");
        Assert.True(HttpStatusCode.Created == created.StatusCode, await created.Content.ReadAsStringAsync());
        var replaced = await SendAsync(HttpMethod.Put, "/api/events/{id}", "/api/events/2024-06-26-rocket-engine-test");
        Assert.True(HttpStatusCode.OK == replaced.StatusCode, await replaced.Content.ReadAsStringAsync());

        var question = await SendAsync(HttpMethod.Post, "/api/questions", "/api/questions");
        Assert.True(HttpStatusCode.Created == question.StatusCode, await question.Content.ReadAsStringAsync());
        var id = (await question.JsonAsync()).GetProperty("question").GetProperty("id").GetString();
        var forecast = await SendAsync(HttpMethod.Post, "/api/questions/{id}/forecasts", $"/api/questions/{id}/forecasts");
        Assert.True(HttpStatusCode.OK == forecast.StatusCode, await forecast.Content.ReadAsStringAsync());

        foreach (var type in new[] { "application/json", "text/csv" })
        {
            var import = await SendAsync(HttpMethod.Post, "/api/questions/import", "/api/questions/import?dry_run=true", type);
            Assert.True(HttpStatusCode.OK == import.StatusCode, type + ": " + await import.Content.ReadAsStringAsync());
            Assert.Equal(1, (await import.JsonAsync()).GetProperty("questions").GetProperty("added").GetInt32());
        }

        var check = await SendAsync(HttpMethod.Post, "/api/check", "/api/check?published=2020-05-01", "text/plain");
        Assert.True(HttpStatusCode.OK == check.StatusCode, await check.Content.ReadAsStringAsync());
    }
}

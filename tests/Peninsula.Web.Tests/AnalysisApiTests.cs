using System.Net;
using Peninsula.Events;

namespace Peninsula.Web.Tests;

[Collection(ReadOnlyServer.Name)]
public sealed class AnalysisApiTests(PeninsulaApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Freshness_counts_the_days_from_the_records_end_to_today_by_the_servers_clock()
    {
        // The clock is fixed at 2026-11-21 (Korea); the bundled record runs to 2025-06-30, its latest North Korean action is on 2025-06-19.
        var freshness = await (await _client.GetAsync("/api/freshness")).JsonAsync();
        Assert.Equal("2026-11-21", freshness.GetProperty("today").GetString());
        Assert.Equal("2025-06-19", freshness.GetProperty("latest_event").GetString());
        Assert.Equal("2025-06-30", freshness.GetProperty("record_end").GetString());
        Assert.Equal(509, freshness.GetProperty("days_old").GetInt32());
        Assert.True(freshness.GetProperty("stale").GetBoolean());
        Assert.Equal("2025-06-30", freshness.GetProperty("counted_to").GetString());
    }

    [Fact]
    public async Task Stats_count_by_one_or_two_dimensions_with_filters()
    {
        var byYear = await (await _client.GetAsync("/api/stats?by=year&kind=nuclear-test")).JsonAsync();
        var years = byYear.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("events").GetInt32());
        Assert.Equal(2, years["2016"]);
        Assert.Equal(1, years["2017"]);
        Assert.Equal(6, years.Values.Sum());

        var monthByClass = await (await _client.GetAsync("/api/stats?by=month&then=class&kind=missile-launch&since=2017-01-01&until=2017-12-31")).JsonAsync();
        var cells = monthByClass.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(cells, c => c.GetProperty("key").GetString() == "2017-11" && c.GetProperty("group").GetString() == "icbm");
        Assert.All(cells, c => Assert.StartsWith("2017-", c.GetProperty("key").GetString(), StringComparison.Ordinal));

        await (await _client.GetAsync("/api/stats?by=colour")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Timing_answers_a_ready_made_question_with_its_evidence()
    {
        var questions = await (await _client.GetAsync("/api/timing/questions")).JsonAsync();
        Assert.Contains(questions.EnumerateArray(), q => q.GetProperty("name").GetString() == "secstate-visits");

        var result = await (await _client.GetAsync("/api/timing?context=secstate-visits&permutations=500&seed=3")).JsonAsync();
        Assert.Equal("secstate-visits", result.GetProperty("question").GetString());
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("answer").GetString()));
        var p = result.GetProperty("hits").GetProperty("p").GetDouble();
        Assert.InRange(p, 1.0 / 501, 1.0);
        Assert.Equal(61, result.GetProperty("profile").GetArrayLength());
        Assert.Contains(result.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("provocations").GetArrayLength() > 0);

        await (await _client.GetAsync("/api/timing")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync("/api/timing?context=secstate-visits&permutations=10000000")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Forecasts_are_probabilities_with_their_reasons_for_every_target_and_horizon()
    {
        var all = await (await _client.GetAsync("/api/forecasts")).JsonAsync();
        Assert.Equal(7 * 4, all.GetArrayLength());
        foreach (var f in all.EnumerateArray())
        {
            Assert.InRange(f.GetProperty("probability").GetDouble(), 0, 1);
            Assert.Equal("2026-11-21", f.GetProperty("as_of").GetString());
            Assert.NotEmpty(f.GetProperty("explanation").EnumerateArray());
            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("model").GetString()));
        }

        var one = await (await _client.GetAsync("/api/forecasts?target=icbm&horizon=30&as_of=2017-09-10")).JsonAsync();
        var icbm = Assert.Single(one.EnumerateArray());
        Assert.Equal("2017-09-10", icbm.GetProperty("as_of").GetString());

        var unknown = await (await _client.GetAsync("/api/forecasts?target=meteor")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("target", unknown.GetProperty("field").GetString());
        await (await _client.GetAsync("/api/forecasts?horizon=12")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_forecast_adds_an_active_plan_announced_in_public_and_gives_the_model_s_own_probability_and_the_plan_s_report()
    {
        // The day after North Korea notified Japan's coast guard of a satellite launch from 31 May to 10 June 2023.
        var one = await (await _client.GetAsync("/api/forecasts?target=satellite-launch&horizon=30&as_of=2023-05-30")).JsonAsync();
        var f = Assert.Single(one.EnumerateArray());
        var plan = Assert.Single(f.GetProperty("plans").EnumerateArray());

        Assert.Equal("2023-05-satellite-may-31-jun-10", plan.GetProperty("id").GetString());
        Assert.StartsWith("https://news.ntv.co.jp/", plan.GetProperty("source_url").GetString(), StringComparison.Ordinal);
        Assert.InRange(f.GetProperty("model_probability").GetDouble(), 0, 0.02);
        Assert.InRange(f.GetProperty("probability").GetDouble(), 0.8, 0.9);
        Assert.Contains(f.GetProperty("factors").EnumerateArray(), x => x.GetProperty("factor").GetString() == "announced plans");

        var quiet = Assert.Single((await (await _client.GetAsync("/api/forecasts?target=satellite-launch&horizon=30&as_of=2023-07-01")).JsonAsync()).EnumerateArray());
        Assert.Empty(quiet.GetProperty("plans").EnumerateArray());
        Assert.Equal(quiet.GetProperty("probability").GetDouble(), quiet.GetProperty("model_probability").GetDouble());
    }

    [Fact]
    public async Task The_tempo_is_a_weekly_rate_with_its_interval_the_current_regime_and_the_events_behind_it()
    {
        var tempo = await (await _client.GetAsync("/api/forecasts/tempo?target=icbm")).JsonAsync();

        Assert.Equal("2025-06-30", tempo.GetProperty("data_until").GetString());
        var points = tempo.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal("2025-06-30", points[^1].GetProperty("date").GetString());
        Assert.Equal(7, KoreanDate.Parse(points[^1].GetProperty("date").GetString()!).DaysSince(KoreanDate.Parse(points[^2].GetProperty("date").GetString()!)));
        Assert.All(points, p => Assert.InRange(p.GetProperty("per_year").GetDouble(), p.GetProperty("low").GetDouble(), p.GetProperty("high").GetDouble()));
        // The quiet ICBM regime since the end of 2024 (no ICBM day after 2024-10-31 to June 2025),
        // after the five of 2022 and 2023 each, read with the regime length the forecast's reasons use.
        Assert.StartsWith("2024-", tempo.GetProperty("regime_start").GetString(), StringComparison.Ordinal);
        var events = tempo.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("date").GetString() == "2017-11-29");
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("id").GetString())));

        var problem = await (await _client.GetAsync("/api/forecasts/tempo?target=meteor")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("target", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_backtest_scores_every_model_and_names_the_forecast_model()
    {
        var result = await (await _client.GetAsync("/api/backtest?target=any-missile&horizon=30&from=2023-01-01&to=2024-06-30")).JsonAsync();

        var models = result.GetProperty("models").EnumerateArray().ToList();
        var used = result.GetProperty("forecast_model").GetString();
        Assert.Contains(models, m => m.GetProperty("model").GetString() == used);
        Assert.Contains(models, m => m.GetProperty("model").GetString() == "climatology");
        Assert.All(models, m => Assert.Equal(10, m.GetProperty("reliability").GetArrayLength()));
    }

    [Fact]
    public async Task The_check_refutes_the_invented_2020_events_and_supports_the_blinken_launch()
    {
        var invented = await (await _client.PostAsync("/api/check", Http.Text(Repository.Example("what-is-north-korea-going-to-do.txt")))).JsonAsync();
        var sixth = invented.GetProperty("claims").EnumerateArray().First(c => c.GetProperty("text").GetString()!.Contains("sixth nuclear test", StringComparison.Ordinal));
        Assert.Equal("refuted", sixth.GetProperty("verdict").GetString());
        Assert.Contains("2017-09-03", sixth.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var blinken = await (await _client.PostAsync("/api/check", Http.Text(Repository.Example("blinken-visit-launch.txt")))).JsonAsync();
        var claims = blinken.GetProperty("claims").EnumerateArray().ToList();
        Assert.Contains(claims, c => c.GetProperty("verdict").GetString() == "supported" && c.GetProperty("evidence").GetArrayLength() > 0);
        Assert.DoesNotContain(claims, c => c.GetProperty("verdict").GetString() == "refuted");
    }

    [Fact]
    public async Task The_check_takes_the_writer_s_clock_as_the_command_line_does_behind_Korea_s_when_not_known()
    {
        // us-voa-2017-02-11-first-under-trump: a Washington story dated Saturday tells of Korea's Sunday, 2017-02-12.
        const string sentence = "North Korea launched a ballistic missile early Sunday over the Sea of Japan.";
        foreach (var path in new[] { "/api/check?published=2017-02-11&clock=behind", "/api/check?published=2017-02-11" })
        {
            var behind = await (await _client.PostAsync(path, Http.Text(sentence))).JsonAsync();
            var claim = Assert.Single(behind.GetProperty("claims").EnumerateArray());
            Assert.Equal("supported", claim.GetProperty("verdict").GetString());
        }

        var korea = await (await _client.PostAsync("/api/check?published=2017-02-11&clock=korea", Http.Text(sentence))).JsonAsync();
        Assert.NotEqual("supported", Assert.Single(korea.GetProperty("claims").EnumerateArray()).GetProperty("verdict").GetString());

        var refused = await (await _client.PostAsync("/api/check?clock=washington", Http.Text(sentence))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("washington", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_refuses_empty_binary_and_oversized_articles_plainly()
    {
        var empty = await (await _client.PostAsync("/api/check", Http.Text("   "))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("empty", empty.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        using var binary = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0xFF, 0xFE, 0x00]);
        await (await _client.PostAsync("/api/check", binary)).ProblemAsync(HttpStatusCode.BadRequest);

        using var huge = new ByteArrayContent(new byte[7 * 1024 * 1024]);
        await (await _client.PostAsync("/api/check", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}

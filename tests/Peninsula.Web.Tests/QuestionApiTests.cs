using System.Net;
using System.Text.Json;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Web.Tests;

/// <summary>Forecasts for any window and questions over HTTP (the server's clock: 2026-11-21; the bundled record ends 2025-06-30).</summary>
public sealed class QuestionApiTests : IDisposable
{
    private const string Icbm2024 = """{ "id": "icbm-2024", "title": "Will North Korea launch an ICBM in 2024?", "target": "icbm", "opens": "2024-01-01", "closes": "2024-12-31" }""";

    private readonly PeninsulaApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Writing_a_question_or_a_forecast_needs_an_api_key_and_nothing_is_written_without_one()
    {
        var client = _app.CreateClient();
        await (await client.PostAsync("/api/questions", Http.Json(Icbm2024))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "alice", "probability": 0.6 }"""))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/api/questions/import", Http.Json("[]"))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/api/questions/update", Http.Json("{}"))).ProblemAsync(HttpStatusCode.Unauthorized);

        var list = await (await client.GetAsync("/api/questions")).JsonAsync();
        Assert.Equal(0, list.GetProperty("questions").GetArrayLength());
    }

    [Fact]
    public async Task A_question_added_with_a_key_resolves_from_the_record_and_an_expert_is_scored()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        var created = await client.PostAsync("/api/questions", Http.Json(Icbm2024));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var question = (await created.JsonAsync()).GetProperty("question");
        Assert.Equal("yes", question.GetProperty("status").GetString());
        Assert.Equal("2024-10-31-icbm-hwasong-19", question.GetProperty("resolving_event").GetString());

        // Entered today, long after the ICBM it gives a day before: kept, and listed as not scored.
        var entered = await (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "alice", "probability": 0.6, "as_of": "2023-12-20" }"""))).JsonAsync();
        Assert.Equal(("2023-12-20", "2026-11-21"), (entered.GetProperty("as_of").GetString(), entered.GetProperty("counts_from").GetString()));
        Assert.Contains("never scored", entered.GetProperty("note").GetString(), StringComparison.Ordinal);
        var bad = await (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "alice", "probability": 150 }"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("probability", bad.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var board = await (await _app.CreateClient().GetAsync("/api/questions/leaderboard")).JsonAsync();
        Assert.DoesNotContain(board.GetProperty("rows").EnumerateArray(), r => r.GetProperty("by").GetString() == "alice");
        Assert.Equal("alice", Assert.Single(board.GetProperty("entered_after_the_answer").EnumerateArray()).GetProperty("by").GetString());

        // With the address where it was published, it is scored as of the day it gives.
        var published = await (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "alice", "probability": 0.6, "as_of": "2023-12-20", "url": "https://example.org/alice" }"""))).JsonAsync();
        Assert.Equal(JsonValueKind.Null, published.GetProperty("note").ValueKind);
        board = await (await _app.CreateClient().GetAsync("/api/questions/leaderboard")).JsonAsync();
        var alice = board.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("by").GetString() == "alice");
        Assert.Equal(0.16, alice.GetProperty("brier").GetDouble(), 1e-9);
        // Scored on each day from 2023-12-20 to 2024-10-30, the day before the ICBM that answered the question.
        Assert.Equal(316, alice.GetProperty("days").GetInt32());
        Assert.Equal(Questions.Leaderboard.Ranking, board.GetProperty("ranking").GetString());
        var badUrl = await (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "alice", "probability": 0.6, "as_of": "2023-12-21", "url": "ftp://x" }"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("url", badUrl.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forecast_is_withdrawn_with_a_key_while_it_is_not_scored_and_a_scored_one_is_refused_with_409()
    {
        var anonymous = _app.CreateClient();
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questions", Http.Json(Icbm2024))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "Jane Analyst", "probability": 0.6, "as_of": "2023-12-20", "url": "https://example.org/jane" }"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "Jane Analyst", "probability": 0.9, "as_of": "2024-01-10" }"""))).StatusCode);

        await (await anonymous.DeleteAsync("/api/questions/icbm-2024/forecasts?by=Jane%20Analyst&as_of=2024-01-10")).ProblemAsync(HttpStatusCode.Unauthorized);
        var scored = await (await client.DeleteAsync("/api/questions/icbm-2024/forecasts?by=Jane%20Analyst")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("is scored", scored.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.DeleteAsync("/api/questions/icbm-2024/forecasts?by=Nobody")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/questions/icbm-2024/forecasts")).ProblemAsync(HttpStatusCode.BadRequest);

        // The one entered today, after the answer, is not scored: it can go.
        var withdrawn = await (await client.DeleteAsync("/api/questions/icbm-2024/forecasts?by=Jane%20Analyst&as_of=2024-01-10")).JsonAsync();
        var only = Assert.Single(withdrawn.GetProperty("withdrawn").EnumerateArray());
        Assert.Equal(("2024-01-10", 0.9), (only.GetProperty("as_of").GetString(), only.GetProperty("probability").GetDouble()));
        var question = await (await anonymous.GetAsync("/api/questions/icbm-2024")).JsonAsync();
        Assert.Equal(["2023-12-20"], question.GetProperty("forecasts").EnumerateArray().Where(f => f.GetProperty("by").GetString() == "Jane Analyst").Select(f => f.GetProperty("as_of").GetString()));
        var board = await (await anonymous.GetAsync("/api/questions/leaderboard")).JsonAsync();
        Assert.Empty(board.GetProperty("entered_after_the_answer").EnumerateArray());
    }

    [Fact]
    public async Task The_published_forecasts_on_past_questions_are_scored_beside_the_model_from_the_served_record()
    {
        var client = _app.CreateClient();
        var published = await (await client.GetAsync("/api/questions/published")).JsonAsync();
        Assert.Equal("2025-06-30", published.GetProperty("record_end").GetString());
        var forecasts = published.GetProperty("forecasts").EnumerateArray().ToList();
        Assert.Equal(BundledPublished.ScoredOnTheBundledRecord(), forecasts.Count);
        // The first ICBM: Metaculus's community at 58% as of 2017-02-11, the model then, and the launch of 2017-07-04 that resolved it.
        var first = forecasts.First(f => f.GetProperty("as_of").GetString() == "2017-02-11");
        Assert.Equal(0.58, first.GetProperty("probability").GetDouble());
        Assert.StartsWith("https://www.metaculus.com/questions/432", first.GetProperty("question_url").GetString(), StringComparison.Ordinal);
        Assert.Equal("yes", first.GetProperty("outcome").GetString());
        Assert.Equal("2017-07-04-icbm-hwasong-14", first.GetProperty("resolving_event").GetString());
        Assert.Equal(Math.Round(Math.Pow(1 - 0.58, 2), 6), first.GetProperty("brier").GetDouble(), 1e-9);
        var model = first.GetProperty("model_probability").GetDouble();
        Assert.Equal(Math.Round(Math.Pow(1 - model, 2), 6), first.GetProperty("model_brier").GetDouble(), 1e-6);
        Assert.Equal(published.GetProperty("questions").GetArrayLength(), published.GetProperty("all").GetProperty("questions").GetInt32());

        // Each total says by how much the model is worse or better, with its uncertainty over questions, and how many it wins.
        var all = published.GetProperty("all");
        var gap = all.GetProperty("model_minus_published_per_question");
        Assert.Equal(all.GetProperty("model_brier_per_question").GetDouble() - all.GetProperty("brier_per_question").GetDouble(), gap.GetProperty("estimate").GetDouble(), 1e-4);
        Assert.InRange(gap.GetProperty("estimate").GetDouble(), gap.GetProperty("low").GetDouble(), gap.GetProperty("high").GetDouble());
        Assert.True(all.GetProperty("questions_model_better").GetInt32() + all.GetProperty("questions_model_worse").GetInt32() <= all.GetProperty("questions").GetInt32());
        var oneQuestion = published.GetProperty("questions")[0].GetProperty("totals").GetProperty("model_minus_published_per_question");
        Assert.Equal(JsonValueKind.Null, oneQuestion.GetProperty("low").ValueKind);

        // Asked again, the same answer comes from the cache, not a second computation.
        var again = await (await client.GetAsync("/api/questions/published")).JsonAsync();
        Assert.Equal(published.GetProperty("all").GetRawText(), again.GetProperty("all").GetRawText());
    }

    [Fact]
    public async Task An_event_added_to_the_record_changes_the_published_comparison_it_resolves()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        static bool Yes2019(System.Text.Json.JsonElement published) => published.GetProperty("forecasts").EnumerateArray()
            .Where(f => f.GetProperty("question_url").GetString() == "https://www.metaculus.com/questions/1666/")
            .All(f => f.GetProperty("outcome").GetString() == "yes" && f.GetProperty("resolving_event").GetString() == "2019-06-01-icbm-test");
        Assert.False(Yes2019(await (await client.GetAsync("/api/questions/published")).JsonAsync()));

        const string icbm = """{ "id": "2019-06-01-icbm-test", "kind": "missile-launch", "class": "icbm", "date": "2019-06-01", "actors": ["DPRK"], "title": "ICBM launch (test)", "sources": [{ "name": "Test source", "url": "https://example.org/report" }] }""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/events", Http.Json(icbm))).StatusCode);

        // Readers keep the previous answer while the new one is computed, as for the backtest; then the figures follow the record.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!Yes2019(await (await client.GetAsync("/api/questions/published")).JsonAsync()))
        {
            Assert.True(DateTime.UtcNow < deadline, "the comparison did not follow the new event");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task An_import_with_a_bad_question_is_a_400_naming_line_and_field_and_writes_nothing()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        const string file = "[\n" + Icbm2024 + ",\n" + """{ "id": "bad", "title": "Bad", "target": "rocket", "opens": "2024-01-01", "closes": "2024-12-31" }""" + "\n]";
        var problem = await (await client.PostAsync("/api/questions/import", Http.Json(file))).ProblemAsync(HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("line 3", detail, StringComparison.Ordinal);
        Assert.Contains("field 'target'", detail, StringComparison.Ordinal);
        var list = await (await client.GetAsync("/api/questions")).JsonAsync();
        Assert.Equal(0, list.GetProperty("questions").GetArrayLength());
    }

    [Fact]
    public async Task Dates_no_forecast_can_be_made_as_of_are_400s_naming_the_parameter_not_500s_or_command_line_options()
    {
        var client = _app.CreateClient();
        // A date near the calendar's end overflowed into a 500; one before 1990 named the CLI's --as-of.
        string[] asked =
        [
            "/api/forecasts/window?target=icbm&as_of=9999-12-30&until=9999-12-31",
            "/api/forecasts?target=icbm&as_of=2030-01-01",
            "/api/forecasts?target=icbm&as_of=1989-12-31",
            "/api/backtest?target=icbm&horizon=7&from=9999-01-01&to=9999-12-31",
        ];
        // The backtest's from and to both lie ahead: from, the first, is named.
        string[] fields = ["as_of", "as_of", "as_of", "from"];
        for (var i = 0; i < asked.Length; i++)
        {
            var problem = await (await client.GetAsync(asked[i])).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(fields[i], problem.GetProperty("field").GetString());
            Assert.DoesNotContain("--", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var horizon = await (await client.GetAsync("/api/forecasts?target=icbm&horizon=abc")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("horizon", horizon.GetProperty("field").GetString());
        Assert.Contains("Valid horizons (days): 7, 30, 90, 365.", horizon.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var backwards = await (await client.GetAsync("/api/backtest?target=icbm&horizon=7&from=2024-06-01&to=2024-01-01")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("to", backwards.GetProperty("field").GetString());
        Assert.Contains("to (2024-01-01) is before from (2024-06-01)", backwards.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_question_is_a_404_and_update_takes_one_question_from_a_date_as_the_command_does()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        await (await client.GetAsync("/api/questions/nope")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/questions/nope/forecasts", Http.Json("""{ "by": "alice", "probability": 0.6 }"""))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/questions/update?question=nope", Http.Json("{}"))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questions", Http.Json(Icbm2024))).StatusCode);
        var future = await (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "alice", "probability": 0.6, "as_of": "2026-12-25" }"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("is in the future", future.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Added after it resolved, the question had no model forecast the web could record: from= back-fills them.
        var updated = await (await client.PostAsync("/api/questions/update?question=icbm-2024&from=2023-12-20", Http.Json("{}"))).JsonAsync();
        Assert.True(updated.GetProperty("model_forecasts_added").GetInt32() > 300);
        var shown = await (await client.GetAsync("/api/questions/icbm-2024")).JsonAsync();
        Assert.Equal(JsonValueKind.Object, shown.GetProperty("question").GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task An_imported_forecast_made_after_the_answer_is_left_out_naming_its_line_and_field_and_the_rest_is_taken()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        // ICBM in 2024 resolved yes on 2024-10-31: a forecast as of 2024-11-02 came after the answer.
        var file = "[\n" + Icbm2024[..^1] + """, "forecasts": [""" + "\n" +
                   """  { "by": "alice", "as_of": "2023-12-20", "probability": 0.6 },""" + "\n" +
                   """  { "by": "bob", "as_of": "2024-11-02", "probability": 0.9 } ] }""" + "\n]";
        var answer = await (await client.PostAsync("/api/questions/import", Http.Json(file))).JsonAsync();
        var notTaken = Assert.Single(answer.GetProperty("forecasts_not_taken").EnumerateArray()).GetString();
        Assert.Contains("line 4, field 'forecasts[1].as_of'", notTaken, StringComparison.Ordinal);
        Assert.Contains("resolved yes on 2024-10-31", notTaken, StringComparison.Ordinal);
        Assert.Equal(1, answer.GetProperty("forecasts").GetProperty("added").GetInt32());
        var shown = await (await client.GetAsync("/api/questions/icbm-2024")).JsonAsync();
        Assert.Equal(["alice"], shown.GetProperty("forecasts").EnumerateArray().Select(f => f.GetProperty("by").GetString()));
        Assert.Empty(answer.GetProperty("forecasts_replaced").EnumerateArray());
        Assert.Equal(["icbm-2024"], answer.GetProperty("questions_added").EnumerateArray().Select(q => q.GetString()));
        Assert.Empty(answer.GetProperty("questions_changed").EnumerateArray());

        // The file again with another probability for alice: hers was entered after the answer (not scored), so the file's replaces it, and the answer says so.
        var again = await (await client.PostAsync("/api/questions/import", Http.Json(file.Replace("\"probability\": 0.6", "\"probability\": 0.5", StringComparison.Ordinal)))).JsonAsync();
        var replaced = Assert.Single(again.GetProperty("forecasts_replaced").EnumerateArray()).GetString();
        Assert.Contains("line 3, field 'forecasts[0].as_of': alice's forecast on 'icbm-2024' as of 2023-12-20: 60.0% here, 50.0% in the file; the file's replaces it.", replaced, StringComparison.Ordinal);

        // A teammate's export in which alice's 50% was withdrawn: not scored here, so it is withdrawn here too, and the export carries it so.
        var withdrawnFile = file.Replace("\"probability\": 0.6 }", "\"probability\": 0.5, \"withdrawn\": \"2026-11-20T03:00:00Z\" }", StringComparison.Ordinal);
        var third = await (await client.PostAsync("/api/questions/import", Http.Json(withdrawnFile))).JsonAsync();
        Assert.Equal(1, third.GetProperty("forecasts").GetProperty("withdrawn").GetInt32());
        Assert.Contains("line 3, field 'forecasts[0].withdrawn': alice's forecast of 50.0% on 'icbm-2024' as of 2023-12-20, withdrawn on 2026-11-20 03:00 UTC", Assert.Single(third.GetProperty("forecasts_withdrawn").EnumerateArray()).GetString(), StringComparison.Ordinal);
        shown = await (await client.GetAsync("/api/questions/icbm-2024")).JsonAsync();
        Assert.Empty(shown.GetProperty("forecasts").EnumerateArray());
        var exported = await (await client.GetAsync("/api/questions/export")).Content.ReadAsStringAsync();
        Assert.Contains("\"withdrawn\": \"2026-11-20T03:00:00.000Z\"", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_forecast_dated_after_today_is_a_400_naming_its_line_and_field_and_nothing_is_written()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        var file = "[\n" + Icbm2024[..^1] + """, "forecasts": [""" + "\n" +
                   """  { "by": "alice", "as_of": "2023-12-20", "probability": 0.6, "entered": "2026-12-25T00:00:00Z" } ] }""" + "\n]";
        var problem = await (await client.PostAsync("/api/questions/import", Http.Json(file))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("forecasts[0].entered", problem.GetProperty("field").GetString());
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var list = await (await client.GetAsync("/api/questions")).JsonAsync();
        Assert.Equal(0, list.GetProperty("questions").GetArrayLength());
    }

    [Fact]
    public async Task An_imported_file_s_model_forecast_is_replaced_by_this_store_s_and_the_answer_says_so()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        // The file says the model gave 99% on an ICBM in 2024 as of 2023-12-20.
        var file = "[\n" + Icbm2024[..^1] + """, "forecasts": [ { "by": "model", "as_of": "2023-12-20", "probability": 0.99 } ] }""" + "\n]";

        var answer = await (await client.PostAsync("/api/questions/import", Http.Json(file))).JsonAsync();

        var model = answer.GetProperty("model_forecasts");
        Assert.Equal((1, 1, 0, 1), (model.GetProperty("in_file").GetInt32(), model.GetProperty("made_here").GetInt32(), model.GetProperty("kept").GetInt32(), model.GetProperty("differing").GetInt32()));
        Assert.Contains("not taken as they stand", model.GetProperty("note").GetString(), StringComparison.Ordinal);
        var shown = await (await client.GetAsync("/api/questions/icbm-2024")).JsonAsync();
        var stored = shown.GetProperty("forecasts").EnumerateArray().Single(f => f.GetProperty("by").GetString() == "model");
        Assert.Equal("2023-12-20", stored.GetProperty("as_of").GetString());
        Assert.InRange(stored.GetProperty("probability").GetDouble(), 0.001, 0.9);
    }

    [Fact]
    public async Task An_event_written_over_the_api_settles_an_open_question_on_the_next_read()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        const string March = """{ "id": "missile-2026-03", "title": "A missile in March 2026?", "target": "any-missile", "opens": "2026-03-01", "closes": "2026-03-31" }""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questions", Http.Json(March))).StatusCode);
        Assert.Equal("open", (await (await client.GetAsync("/api/questions/missile-2026-03")).JsonAsync()).GetProperty("question").GetProperty("status").GetString());

        // The strategic cruise missile of 4 March 2026 (Anadolu's report of the next day), after the bundled record's end.
        var launch = """{"id": "2026-03-04-strategic-cruise-missile", "kind": "missile-launch", "class": "cruise", "date": "2026-03-04", "date_precision": "day", "actors": ["DPRK"], "title": "Strategic cruise missile launch overseen by Kim Jong Un", "sources": [{"name": "Anadolu", "url": "https://www.anews.com.tr/world/2026/03/05/north-koreas-kim-oversees-launch-of-strategic-cruise-missile", "date": "2026-03-05"}]}""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/events", Http.Json(launch))).StatusCode);

        var listed = (await (await _app.CreateClient().GetAsync("/api/questions")).JsonAsync()).GetProperty("questions").EnumerateArray().Single();
        Assert.Equal(("yes", "2026-03-04-strategic-cruise-missile"), (listed.GetProperty("status").GetString(), listed.GetProperty("resolving_event").GetString()));
    }

    [Fact]
    public async Task What_export_writes_as_csv_imports_back_over_the_api_into_another_store()
    {
        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questions", Http.Json(Icbm2024))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/questions/icbm-2024/forecasts", Http.Json("""{ "by": "alice", "probability": "60%", "as_of": "2023-12-20" }"""))).StatusCode);
        var csv = await (await client.GetAsync("/api/questions/export?format=CSV")).Content.ReadAsStringAsync();

        using var other = new PeninsulaApp();
        var otherClient = other.ClientWithKey(await other.CreateKeyAsync("analyst"));
        // The CSV export sent back, once as text/csv and once named by format=csv: the second changes nothing.
        using var body = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsync("/api/questions/import", body)).StatusCode);
        using var again = new StringContent(csv, System.Text.Encoding.UTF8, "application/octet-stream");
        Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsync("/api/questions/import?format=csv", again)).StatusCode);
        var shown = await (await otherClient.GetAsync("/api/questions/icbm-2024")).JsonAsync();
        var alice = shown.GetProperty("forecasts").EnumerateArray().Single(f => f.GetProperty("by").GetString() == "alice");
        Assert.Equal(0.6, alice.GetProperty("probability").GetDouble(), 12);
    }

    [Fact]
    public async Task The_window_forecast_carries_its_probability_and_refuses_a_window_beyond_two_years()
    {
        var client = _app.CreateClient();
        var window = await (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2025-06-30&until=2025-12-31")).JsonAsync();
        Assert.Equal(184, window.GetProperty("days").GetInt32());
        // The same library call as 'forecast --until', on the bundled record the app's store holds.
        var expected = WindowForecast.Make(BundledRecord.Events, ForecastTarget.Parse("icbm", "target"), new KoreanDate(2025, 6, 30), new KoreanDate(2025, 12, 31));
        Assert.Equal(expected.Probability, window.GetProperty("probability").GetDouble(), 4);

        var problem = await (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2025-06-30&until=2028-01-01")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("two years", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_that_starts_later_carries_its_first_day_and_the_same_probability_as_the_command()
    {
        var client = _app.CreateClient();
        var window = await (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2025-06-30&from=2025-10-01&until=2025-12-31")).JsonAsync();
        Assert.Equal(("2025-10-01", "2025-12-31", 92), (window.GetProperty("from").GetString(), window.GetProperty("until").GetString(), window.GetProperty("days").GetInt32()));
        var expected = WindowForecast.Make(BundledRecord.Events, ForecastTarget.Icbm, new KoreanDate(2025, 6, 30), new KoreanDate(2025, 12, 31), new KoreanDate(2025, 10, 1));
        Assert.Equal(expected.Probability, window.GetProperty("probability").GetDouble(), 4);

        var early = await (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2025-06-30&from=2025-06-30&until=2025-12-31")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'from'", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var reversed = await (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2025-06-30&from=2025-12-01&until=2025-11-30")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("before 2025-12-01", reversed.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Window_forecasts_as_of_new_dates_cost_an_anonymous_client_from_its_analysis_budget()
    {
        using var app = new PeninsulaApp { AnalysesPerMinute = 2 };
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2020-01-01&until=2020-06-30")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2020-02-01&until=2020-06-30")).StatusCode);
        await (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2020-03-01&until=2020-06-30")).ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2020-01-01&until=2020-06-30")).StatusCode);
        // Another window as of a date already asked is read off the same forecasts, at no cost.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts/window?target=icbm&as_of=2020-01-01&until=2020-12-31")).StatusCode);
    }
}

using System.Text.Json;

namespace Peninsula.Tests.Cli;

/// <summary>peninsula questions and forecast --until as a user runs them (the tests' clock: 2026-11-21 in Korea; the bundled record ends 2025-06-30).</summary>
public sealed class QuestionsCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(string db, params string[] args) => CliRunner.RunAsync(_folder.File(db), args);

    [Fact]
    public async Task Update_from_a_date_months_back_says_before_the_wait_what_it_is_doing()
    {
        Assert.Equal(0, (await Run("w.db", "questions", "add", "--title", "ICBM by the end of 2026?", "--target", "icbm", "--from", "2026-09-01", "--until", "2026-12-31", "--id", "icbm-2026")).Exit);

        var (exit, _, error) = await Run("w.db", "questions", "update", "--from", "2026-09-01");
        var (shortExit, _, shortError) = await Run("w.db", "questions", "update", "--from", "2026-11-14");
        var (oneExit, _, oneError) = await Run("w.db", "questions", "update", "--from", "2026-09-01", "--question", "icbm-2026");

        Assert.True(exit == 0, error);
        Assert.Contains("Recording the model's forecasts for every day from 2026-09-01 to 2026-11-21 on each question whose window was still to close", Flat(error));
        Assert.True(oneExit == 0, oneError);
        Assert.Contains("from 2026-09-01 to 2026-11-21 on 'icbm-2026':", Flat(oneError));
        Assert.True(shortExit == 0, shortError);
        Assert.DoesNotContain("Recording", shortError);
    }

    [Fact]
    public async Task Update_right_after_add_says_there_is_nothing_new_to_record()
    {
        Assert.Equal(0, (await Run("n.db", "questions", "add", "--title", "ICBM by the end of 2026?", "--target", "icbm", "--until", "2026-12-31", "--id", "icbm-2026")).Exit);

        var (exit, output, error) = await Run("n.db", "questions", "update");

        Assert.True(exit == 0, error);
        Assert.Contains("No forecast of the model to record: each question's is recorded up to 2026-11-21, or its window is over", Flat(output));
    }

    [Fact]
    public async Task Update_from_a_day_the_model_cannot_forecast_is_refused_before_any_notice_of_a_long_wait()
    {
        Assert.Equal(0, (await Run("w.db", "questions", "add", "--title", "ICBM by the end of 2026?", "--target", "icbm", "--until", "2026-12-31", "--id", "icbm-2026")).Exit);

        var (exit, _, error) = await Run("w.db", "questions", "update", "--from", "1980-01-01");

        Assert.Equal(1, exit);
        Assert.Contains("--from", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Recording", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_until_gives_the_window_s_probability_between_the_fixed_horizons_around_it()
    {
        var (exit, output, error) = await Run("a.db", "forecast", "--target", "icbm", "--as-of", "2025-06-30", "--until", "2025-12-31", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(("icbm", "2025-06-30", "2025-12-31", 184), (root.GetProperty("target").GetString(), root.GetProperty("as_of").GetString(), root.GetProperty("until").GetString(), root.GetProperty("days").GetInt32()));
        var horizons = root.GetProperty("horizons").EnumerateArray().ToDictionary(h => h.GetProperty("horizon_days").GetInt32(), h => h.GetProperty("probability").GetDouble());
        Assert.InRange(root.GetProperty("probability").GetDouble(), horizons[90], horizons[365]);
        // No plan announced in public was active: the model's alone.
        Assert.Empty(root.GetProperty("plans").EnumerateArray());
        Assert.Equal(root.GetProperty("model_probability").GetDouble(), root.GetProperty("probability").GetDouble());

        // A notified satellite-launch window adds its part and names its report, in JSON and in words.
        var (planExit, planOutput, planError) = await Run("a.db", "forecast", "--target", "satellite-launch", "--as-of", "2023-05-30", "--until", "2023-06-10", "--format", "json");
        Assert.True(planExit == 0, planError);
        using var planJson = JsonDocument.Parse(planOutput);
        var plan = Assert.Single(planJson.RootElement.GetProperty("plans").EnumerateArray());
        Assert.Equal("2023-05-satellite-may-31-jun-10", plan.GetProperty("id").GetString());
        Assert.StartsWith("https://", plan.GetProperty("source_url").GetString(), StringComparison.Ordinal);
        Assert.True(planJson.RootElement.GetProperty("probability").GetDouble() > planJson.RootElement.GetProperty("model_probability").GetDouble());
        var (_, planText, _) = await Run("a.db", "forecast", "--target", "satellite-launch", "--as-of", "2023-05-30", "--until", "2023-06-10");
        Assert.Contains("Plans announced in public add to it", Flat(planText), StringComparison.Ordinal);

        var (badExit, badOutput, badError) = await Run("a.db", "forecast", "--target", "icbm", "--as-of", "2025-06-30", "--until", "2025-06-30");
        Assert.Equal(1, badExit);
        Assert.Empty(badOutput);
        Assert.Contains("--until", badError);
    }

    [Fact]
    public async Task A_forecast_dated_on_or_after_the_event_that_resolved_the_question_is_refused_naming_as_of()
    {
        // It was recorded, shown as the expert's latest and moved the aggregate, while the leaderboard ignored it.
        Assert.Equal(0, (await Run("r.db", "questions", "add", "--title", "ICBM in 2024?", "--target", "icbm", "--from", "2024-01-01", "--until", "2024-12-31", "--id", "icbm-2024")).Exit);

        var (exit, output, error) = await Run("r.db", "questions", "forecast", "icbm-2024", "--by", "Kim", "--probability", "75%", "--as-of", "2024-10-31");
        var (dayBefore, _, dayBeforeError) = await Run("r.db", "questions", "forecast", "icbm-2024", "--by", "Kim", "--probability", "75%", "--as-of", "2024-10-30");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("--as-of", error);
        Assert.Contains("resolved yes on 2024-10-31", Flat(error));
        Assert.True(dayBefore == 0, dayBeforeError);
        (exit, output, _) = await Run("r.db", "questions", "export", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Single(output.Split('\n'), l => l.Contains(",Kim,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_whose_window_ends_more_than_two_years_ahead_says_what_the_model_assumes_there()
    {
        var (exit, output, error) = await Run("l.db", "questions", "add", "--title", "Nuclear test before 2030?", "--target", "nuclear-test", "--until", "2029-12-31", "--id", "nuclear-2030");
        var (nearExit, nearOutput, _) = await Run("l.db", "questions", "add", "--title", "Nuclear test before 2028?", "--target", "nuclear-test", "--until", "2027-12-31", "--id", "nuclear-2028");

        Assert.True(exit == 0, error);
        Assert.Contains("more than two years ahead", Flat(output));
        Assert.Equal(0, nearExit);
        Assert.DoesNotContain("more than two years ahead", Flat(nearOutput));
    }

    [Fact]
    public async Task A_forecast_of_0_or_100_percent_is_recorded_and_says_how_the_scores_read_it()
    {
        // GJ Open's crowd once said 0% (data/questions), so certainty is taken; the user hears how it is scored.
        Assert.Equal(0, (await Run("c.db", "questions", "add", "--title", "Nuclear test in 2024?", "--target", "nuclear-test", "--from", "2024-01-01", "--until", "2024-12-31", "--id", "nuclear-2024")).Exit);

        var (exit, output, error) = await Run("c.db", "questions", "forecast", "nuclear-2024", "--by", "Kim", "--probability", "0", "--as-of", "2023-12-01");
        var (sure, sureOutput, sureError) = await Run("c.db", "questions", "forecast", "nuclear-2024", "--by", "Lee", "--probability", "100%", "--as-of", "2023-12-01");

        Assert.True(exit == 0, error);
        Assert.Contains("read it as 0.10%", Flat(output));
        Assert.True(sure == 0, sureError);
        Assert.Contains("read it as 99.9%", Flat(sureOutput));
    }

    [Fact]
    public async Task A_question_whose_window_has_passed_says_how_to_record_the_model_s_forecasts_on_it()
    {
        // 'No forecasts yet.' and nothing else: the model's forecasts on a past window need --from, which the user had to find.
        var (exit, output, error) = await Run("p.db", "questions", "add", "--title", "Nuclear test in 2024?", "--target", "nuclear-test", "--from", "2024-01-01", "--until", "2024-12-31", "--id", "nuclear-2024");

        Assert.True(exit == 0, error);
        Assert.Contains("peninsula questions update --question nuclear-2024 --from 2023-12-31", Flat(output));
        (exit, output, error) = await Run("p.db", "questions", "update", "--question", "nuclear-2024", "--from", "2023-12-31");
        Assert.True(exit == 0, error);
        Assert.Contains("Recorded 366 forecasts of the model", Flat(output));
    }

    [Fact]
    public async Task A_question_before_the_model_s_first_date_says_it_cannot_be_forecast_and_update_refuses_such_a_from_plainly()
    {
        // The hint used to suggest --from 1985-12-31, and following it crashed.
        var (exit, output, error) = await Run("p.db", "questions", "add", "--title", "ICBM in 1986?", "--target", "icbm", "--from", "1986-01-01", "--until", "1986-12-31", "--id", "icbm-1986");
        Assert.True(exit == 0, error);
        Assert.Contains("the model can give none: its forecasts start on 1990-01-01, and this window closed on 1986-12-31", Flat(output), StringComparison.Ordinal);

        (exit, output, error) = await Run("p.db", "questions", "update", "--question", "icbm-1986", "--from", "1985-12-31");
        Assert.Equal(1, exit);
        Assert.Contains("field '--from': Forecasts start on 1990-01-01", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);

        (exit, output, error) = await Run("p.db", "questions", "add", "--title", "ICBM by 1990?", "--target", "icbm", "--from", "1989-06-01", "--until", "1990-12-31", "--id", "icbm-1990");
        Assert.True(exit == 0, error);
        Assert.Contains("run peninsula questions update --question icbm-1990 --from 1990-01-01", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_names_the_options_a_user_typed_in_its_errors_not_the_stored_fields()
    {
        var (exit, _, error) = await Run("p.db", "questions", "add", "--title", "Backwards", "--target", "icbm", "--from", "2027-05-01", "--until", "2027-01-01");
        Assert.Equal(1, exit);
        Assert.Contains("field '--until': the window closes (2027-01-01) before it opens (2027-05-01).", error, StringComparison.Ordinal);

        (exit, _, error) = await Run("p.db", "questions", "add", "--title", "Bad id", "--target", "icbm", "--until", "2027-01-01", "--id", "Bad Id");
        Assert.Equal(1, exit);
        Assert.Contains("field '--id':", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_leaves_out_an_expert_s_forecast_made_after_the_answer_or_the_window_naming_each_line_and_takes_the_rest()
    {
        // 'questions forecast' refuses these one by one. An import that took them showed a forecast made after the ICBM of 2023-02-18
        // as the expert's latest; one that refused the whole file for them could not take a store's own export again (below).
        var file = _folder.File("late.csv");
        await File.WriteAllTextAsync(file, "question,title,target,opens,closes,by,as_of,probability\n" +
                                           "icbm-2023,ICBM in 2023?,icbm,2023-01-01,2023-12-31,dana,2023-01-10,0.4\n" +
                                           "icbm-2023,ICBM in 2023?,icbm,2023-01-01,2023-12-31,dana,2023-03-01,0.4\n" +
                                           "icbm-2023,ICBM in 2023?,icbm,2023-01-01,2023-12-31,eve,2024-01-05,0.4\n");
        var (exit, output, error) = await Run("late.db", "questions", "import", file);

        // Taken with rows left out: exit code 2, as 'import' gives, so that a script can tell.
        Assert.True(exit == 2, error);
        Assert.Contains("forecasts 1 added", output, StringComparison.Ordinal);
        var text = Flat(error);
        Assert.Contains("Not taken: 2 forecasts", text, StringComparison.Ordinal);
        Assert.Contains($"{file}, line 3, field 'as_of': 'icbm-2023' resolved yes on 2023-02-18", text, StringComparison.Ordinal);
        Assert.Contains($"{file}, line 4, field 'as_of': the window of 'icbm-2023' closes on 2023-12-31", text, StringComparison.Ordinal);
        var (_, shown, _) = await Run("late.db", "questions", "show", "icbm-2023", "--format", "json");
        using var json = JsonDocument.Parse(shown);
        Assert.Equal(["2023-01-10"], json.RootElement.GetProperty("forecasts").EnumerateArray().Where(f => f.GetProperty("by").GetString() != "model").Select(f => f.GetProperty("as_of").GetString()));
    }

    [Fact]
    public async Task A_store_s_own_export_imports_again_after_an_event_settled_a_question_before_a_forecast_it_holds()
    {
        // Park forecast in March while the record did not yet know of an ICBM in February; the event is imported afterwards.
        Assert.Equal(0, (await Run("own.db", "questions", "add", "--title", "ICBM in the first half of 2026?", "--target", "icbm", "--from", "2026-01-01", "--until", "2026-06-30", "--id", "icbm-h1-2026")).Exit);
        Assert.Equal(0, (await Run("own.db", "questions", "forecast", "icbm-h1-2026", "--by", "Park", "-p", "40%", "--as-of", "2026-03-01")).Exit);
        var events = _folder.File("icbm.json");
        await File.WriteAllTextAsync(events, """
            [{"id": "2026-02-15-icbm", "kind": "missile-launch", "class": "icbm", "date": "2026-02-15", "date_precision": "day", "actors": ["DPRK"],
              "title": "An ICBM launch (a test's own event)", "sources": [{"name": "Example", "url": "https://example.org/icbm-2026-02-15", "date": "2026-02-15"}]}]
            """);
        Assert.Equal(0, (await Run("own.db", "import", events)).Exit);
        var export = _folder.File("own.csv");
        Assert.Equal(0, (await Run("own.db", "questions", "export", "--format", "csv", "--output", export)).Exit);

        var (exit, output, error) = await Run("own.db", "questions", "import", export);

        Assert.True(exit == 0, error);
        Assert.Contains("forecasts 0 added, 0 updated, 1 unchanged", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Not taken", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_closing_more_than_two_years_ahead_says_its_model_forecast_reaches_further_than_a_window_would()
    {
        // forecast --until refuses a window more than two years ahead; a question on one got the model's 67.6% with no word of it.
        var (exit, output, error) = await Run("far.db", "questions", "add", "--title", "A nuclear test before 2030?", "--target", "nuclear-test", "--until", "2029-12-31", "--id", "nuclear-2030");
        Assert.True(exit == 0, error);
        Assert.Contains("The window ends more than two years after 2026-11-21, further than forecast --until reaches: the model's forecast carries its 365-day forecast's tempo on to 2029-12-31, a long extrapolation.", Flat(output), StringComparison.Ordinal);

        // Two years ahead to the day is a window forecast --until takes: nothing to say.
        (exit, output, error) = await Run("far.db", "questions", "add", "--title", "A nuclear test by 2028-11-21?", "--target", "nuclear-test", "--until", "2028-11-21", "--id", "nuclear-2028");
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("more than two years", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_named_csv_is_written_as_csv_and_imports_again()
    {
        Assert.Equal(0, (await Run("named.db", "questions", "add", "--title", "ICBM in 2027?", "--target", "icbm", "--from", "2027-01-01", "--until", "2027-12-31", "--id", "icbm-2027")).Exit);
        var file = _folder.File("shared.csv");
        var (exit, _, error) = await Run("named.db", "questions", "export", "--output", file);
        Assert.True(exit == 0, error);
        Assert.StartsWith("question,", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        (exit, _, error) = await Run("named.db", "questions", "import", file);
        Assert.True(exit == 0, error);
        (exit, _, error) = await Run("named.db", "questions", "export", "--format", "csv", "--output", _folder.File("shared.json"));
        Assert.Equal(1, exit);
        Assert.Contains("whose name says JSON", Flat(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_that_changes_the_window_of_a_question_with_forecasts_is_refused_by_line_and_field_while_a_new_title_is_taken_and_named()
    {
        await AddIcbm2024Async("win.db", publishedForecast: true);
        var file = _folder.File("win.csv");
        await File.WriteAllTextAsync(file, "question,title,target,opens,closes\n" +
                                           "icbm-2024,ICBM in 2023?,icbm,2023-01-01,2023-12-31\n");

        var (exit, _, error) = await Run("win.db", "questions", "import", file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}, line 2, field 'opens': question 'icbm-2024' is stored with opens 2024-01-01, and the file gives 2023-01-01", error.ReplaceLineEndings(" "), StringComparison.Ordinal);
        var (_, shown, _) = await Run("win.db", "questions", "show", "icbm-2024", "--format", "json");
        Assert.Contains("\"opens\": \"2024-01-01\"", shown, StringComparison.Ordinal);

        // A new title alone is taken.
        await File.WriteAllTextAsync(file, "question,title,target,opens,closes\n" +
                                           "icbm-2024,Will North Korea launch an ICBM in 2024?,icbm,2024-01-01,2024-12-31\n" +
                                           "icbm-2027,Will North Korea launch an ICBM in 2027?,icbm,2027-01-01,2027-12-31\n");
        var (dryExit, dryOutput, _) = await Run("win.db", "questions", "import", file, "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.Contains("Would add: icbm-2027.", Flat(dryOutput), StringComparison.Ordinal);
        Assert.Contains("Would change: icbm-2024 (title)", Flat(dryOutput), StringComparison.Ordinal);
        (exit, var output, error) = await Run("win.db", "questions", "import", file);
        Assert.True(exit == 0, error);
        Assert.Contains("Added: icbm-2027.", Flat(output), StringComparison.Ordinal);
        Assert.Contains("Changed: icbm-2024 (title)", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolved_question_shows_each_forecaster_s_score_over_the_days_its_forecasts_stood()
    {
        // Kim's 60% as of 2023-12-20 stood until the ICBM of 2024-10-31 answered the question: 316 days.
        await AddIcbm2024Async("sc.db", publishedForecast: true);

        var (exit, output, error) = await Run("sc.db", "questions", "show", "icbm-2024");
        Assert.True(exit == 0, error);
        Assert.Contains("Scores, over the days each forecast stood until the answer was known (2024-10-31)", Flat(output), StringComparison.Ordinal);
        Assert.Matches(@"Kim\s*│\s*2023-12-20\s*│\s*316\s*│\s*0\.160", output);
        // Each expert forecast with the address where it was published, which the table of latest forecasts leaves out.
        Assert.Contains("Every expert forecast", output, StringComparison.Ordinal);
        Assert.Matches(@"Kim\s*│\s*2023-12-20\s*│\s*60\.0%\s*│\s*https://example\.org/kim", output);

        (exit, output, error) = await Run("sc.db", "questions", "show", "icbm-2024", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var scores = json.RootElement.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(["aggregate", "Kim"], scores.Select(x => x.GetProperty("by").GetString()));
        var kim = scores[1];
        Assert.Equal(("2023-12-20", 316, 0.16, 316), (kim.GetProperty("from").GetString(), kim.GetProperty("days").GetInt32(), kim.GetProperty("brier").GetDouble(), kim.GetProperty("days_with_aggregate").GetInt32()));
        Assert.Equal(0, kim.GetProperty("brier_vs_aggregate").GetDouble());

        // An open question has no scores yet.
        Assert.Equal(0, (await Run("sc.db", "questions", "add", "--title", "ICBM by the end of 2027?", "--target", "icbm", "--until", "2027-12-31", "--id", "icbm-2027")).Exit);
        (_, output, _) = await Run("sc.db", "questions", "show", "icbm-2027", "--format", "json");
        using var open = JsonDocument.Parse(output);
        Assert.Empty(open.RootElement.GetProperty("scores").EnumerateArray());
    }

    [Fact]
    public async Task A_forecaster_s_name_that_differs_only_in_case_or_unicode_form_is_one_forecaster_or_refused()
    {
        Assert.Equal(0, (await Run("n.db", "questions", "add", "--title", "ICBM by the end of 2026?", "--target", "icbm", "--until", "2026-12-31", "--id", "icbm-2026")).Exit);
        Assert.Equal(0, (await Run("n.db", "questions", "forecast", "icbm-2026", "--by", "Kim Analyst", "-p", "20%")).Exit);
        Assert.Equal(0, (await Run("n.db", "questions", "forecast", "icbm-2026", "--by", "E\u0301lise", "-p", "30%")).Exit);

        var (exit, _, error) = await Run("n.db", "questions", "forecast", "icbm-2026", "--by", "kim analyst", "-p", "25%");
        Assert.Equal(1, exit);
        Assert.Contains("differs only in letter case from the forecaster 'Kim Analyst'", error, StringComparison.Ordinal);

        // The composed É and E followed by a combining accent are one name.
        Assert.Equal(0, (await Run("n.db", "questions", "forecast", "icbm-2026", "--by", "\u00C9lise", "-p", "35%")).Exit);
        var (_, shown, _) = await Run("n.db", "questions", "show", "icbm-2026", "--format", "json");
        using var json = JsonDocument.Parse(shown);
        Assert.Equal(1, json.RootElement.GetProperty("forecasts").EnumerateArray().Count(f => f.GetProperty("by").GetString() == "\u00C9lise"));
    }

    [Fact]
    public async Task A_filter_naming_an_actor_is_told_that_it_reads_no_announced_plan_and_which_filter_would()
    {
        // A week before Hanoi: the second summit was announced for the end of February (data/plans/announced.csv).
        var (exit, output, error) = await Run("a.db", "questions", "add", "--title", "Will Trump and Kim meet in 2019?", "--filter", "kind=summit actor=US", "--from", "2019-02-21", "--until", "2019-12-31", "--id", "summit-2019");

        Assert.True(exit == 0, error);
        var text = Flat(output);
        Assert.Contains("are not read for this filter", text, StringComparison.Ordinal);
        Assert.Contains("--filter \"kind=summit class=us-dprk\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_puts_open_questions_first_soonest_to_close_first_then_the_resolved_most_recently_answered_first()
    {
        await AddTeamQuestionsAsync("order.db", "30%");
        Assert.Equal(0, (await Run("order.db", "questions", "add", "--title", "ICBM in 2023?", "--target", "icbm", "--from", "2023-01-01", "--until", "2023-12-31", "--id", "icbm-2023")).Exit);
        Assert.Equal(0, (await Run("order.db", "questions", "add", "--title", "ICBM in 2028?", "--target", "icbm", "--from", "2028-01-01", "--until", "2028-12-31", "--id", "a-icbm-2028")).Exit);

        var (exit, list, error) = await Run("order.db", "questions", "list", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(list);
        Assert.Equal(["icbm-2026", "a-icbm-2028", "icbm-2024", "icbm-2023"], json.RootElement.EnumerateArray().Select(q => q.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Show_and_list_give_the_same_model_forecast_and_aggregate_for_a_question()
    {
        await AddIcbm2024Async("m.db", publishedForecast: true);
        Assert.Equal(0, (await Run("m.db", "questions", "update", "--question", "icbm-2024", "--from", "2024-10-01")).Exit);

        var (_, list, _) = await Run("m.db", "questions", "list", "--format", "json");
        var (_, show, _) = await Run("m.db", "questions", "show", "icbm-2024", "--format", "json");

        using var listed = JsonDocument.Parse(list);
        using var shown = JsonDocument.Parse(show);
        var inList = listed.RootElement.EnumerateArray().Single();
        var inShow = shown.RootElement.GetProperty("question");
        // The model's latest before the answer (2024-10-30), in both.
        Assert.Equal("2024-10-30", inShow.GetProperty("model").GetProperty("as_of").GetString());
        Assert.Equal(inList.GetProperty("model").GetRawText(), inShow.GetProperty("model").GetRawText());
        Assert.Equal(inList.GetProperty("aggregate").GetRawText(), inShow.GetProperty("aggregate").GetRawText());
    }

    [Fact]
    public async Task A_mistyped_question_id_is_answered_with_the_id_it_is_probably_a_slip_for()
    {
        await AddIcbm2024Async("t.db");

        var (exit, _, error) = await Run("t.db", "questions", "forecast", "icbm-202", "--by", "Kim", "-p", "20%", "--as-of", "2023-12-01");

        Assert.Equal(1, exit);
        Assert.Contains("Did you mean 'icbm-2024'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_in_the_past_without_from_asks_for_from_and_a_filter_may_not_carry_dates_of_its_own()
    {
        var (exit, _, error) = await Run("p.db", "questions", "add", "--title", "ICBM in 2025?", "--target", "icbm", "--until", "2025-12-31");
        Assert.Equal(1, exit);
        Assert.Contains("--from", error, StringComparison.Ordinal);
        Assert.Contains("without --from it opens tomorrow", error.ReplaceLineEndings(" "), StringComparison.Ordinal);

        (exit, _, error) = await Run("p.db", "questions", "add", "--title", "A summit in 2018?", "--filter", "kind=summit since=2030-01-01", "--from", "2018-01-01", "--until", "2018-12-31");
        Assert.Equal(1, exit);
        Assert.Contains("--filter", error, StringComparison.Ordinal);
        Assert.Contains("a question's dates are its window", error.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_is_added_resolved_from_the_record_forecast_by_an_expert_and_scored()
    {
        var (exit, output, error) = await Run("q.db", "questions", "add", "--title", "Will North Korea launch an ICBM in 2024?", "--target", "icbm",
            "--from", "2024-01-01", "--until", "2024-12-31", "--id", "icbm-2024");
        Assert.True(exit == 0, error);
        Assert.Contains("Resolved yes on 2024-10-31", output);
        Assert.Contains("2024-10-31-icbm-hwasong-19", output);

        // Entered today (2026-11-21 in the tests' clock), long after the ICBM: kept, shown, never scored.
        (exit, output, error) = await Run("q.db", "questions", "forecast", "icbm-2024", "--by", "Alice", "--probability", "70%", "--as-of", "2023-12-20");
        Assert.True(exit == 0, error);
        Assert.Contains("Recorded Alice's forecast of 70.0%", output);
        Assert.Contains("entered on 2026-11-21, after the answer (yes) was known on 2024-10-31", output);
        Assert.Contains("(--url)", output);

        (exit, _, error) = await Run("q.db", "questions", "forecast", "icbm-2024", "--by", "Alice", "--probability", "1.7x");
        Assert.Equal(1, exit);
        Assert.Contains("--probability", error);

        (exit, output, _) = await Run("q.db", "questions", "leaderboard", "--format", "json");
        Assert.Equal(0, exit);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.DoesNotContain(json.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("by").GetString() == "Alice");
            var late = Assert.Single(json.RootElement.GetProperty("entered_after_the_answer").EnumerateArray());
            Assert.Equal(("Alice", "2023-12-20", "2024-10-31"), (late.GetProperty("by").GetString(), late.GetProperty("as_of").GetString(), late.GetProperty("answer_known").GetString()));
        }

        (exit, output, _) = await Run("q.db", "questions", "leaderboard");
        Assert.Equal(0, exit);
        Assert.Contains("Alice on icbm-2024: 70.0% as of 2023-12-20, entered on 2026-11-21", output);

        // The same forecast with the address where it was published is scored as of the day it gives.
        (exit, output, error) = await Run("q.db", "questions", "forecast", "icbm-2024", "--by", "Alice", "--probability", "70%", "--as-of", "2023-12-20", "--url", "https://example.org/alice-2023-12-20");
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("never scored", output);
        (exit, output, _) = await Run("q.db", "questions", "leaderboard", "--format", "json");
        Assert.Equal(0, exit);
        using var scored = JsonDocument.Parse(output);
        var rows = scored.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("by").GetString()!, r => r.GetProperty("brier").GetDouble());
        Assert.Equal(0.09, rows["Alice"], 1e-9);
        Assert.Equal(0.09, rows["aggregate"], 1e-9);
        Assert.Equal(1, scored.RootElement.GetProperty("resolved_questions").GetInt32());
        Assert.Empty(scored.RootElement.GetProperty("entered_after_the_answer").EnumerateArray());
    }

    [Fact]
    public async Task A_question_on_a_filter_gets_the_model_s_forecasts_from_update_and_a_model_row_on_the_leaderboard()
    {
        var (exit, output, error) = await Run("f.db", "questions", "add", "--title", "Will Trump meet Kim Jong-un for a second time before April 2019?",
            "--filter", "kind=summit class=us-dprk", "--from", "2019-01-21", "--until", "2019-03-31", "--id", "second-meeting");
        Assert.True(exit == 0, error);
        Assert.Contains("Resolved yes on 2019-02-27", output);

        (exit, _, error) = await Run("f.db", "questions", "update", "--question", "second-meeting", "--from", "2019-01-14");
        Assert.True(exit == 0, error);

        (exit, output, _) = await Run("f.db", "questions", "show", "second-meeting", "--format", "json");
        Assert.Equal(0, exit);
        using var shown = JsonDocument.Parse(output);
        var days = shown.RootElement.GetProperty("forecasts").EnumerateArray().Where(f => f.GetProperty("by").GetString() == "model").ToList();
        // Every day from 2019-01-14 to the day before Hanoi (2019-02-26). From 2019-01-19 (in Korea) the
        // White House's announcement of a second summit near the end of February is a plan the model
        // reads (data/plans/announced.csv): its forecast jumps from a summit's rare chance to about the
        // share of earlier summit plans kept.
        Assert.Equal(44, days.Count);
        Assert.All(days, d => Assert.InRange(d.GetProperty("probability").GetDouble(), 0.001, 0.999));
        double On(string day) => days.Single(d => d.GetProperty("as_of").GetString() == day).GetProperty("probability").GetDouble();
        Assert.True(On("2019-01-18") < 0.1, $"before the announcement: {On("2019-01-18")}");
        Assert.InRange(On("2019-01-19"), 0.5, 0.9);
        Assert.InRange(On("2019-02-20"), 0.5, 0.9);

        (exit, output, _) = await Run("f.db", "questions", "leaderboard", "--format", "json");
        Assert.Equal(0, exit);
        using var board = JsonDocument.Parse(output);
        Assert.Contains(board.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("by").GetString() == "model");
    }

    [Fact]
    public async Task A_question_on_a_filter_the_record_never_matched_gets_the_model_s_forecast_and_says_why_it_is_so_low()
    {
        var (exit, output, error) = await Run("j.db", "questions", "add", "--title", "Will Kim Jong Un meet Japan's prime minister before 2027?",
            "--filter", "kind=summit actor=JP", "--until", "2026-12-31", "--id", "kim-japan");
        Assert.True(exit == 0, error);
        var text = Flat(output);
        Assert.Contains("The record has no event this filter matches up to 2025-06-30: the model's forecast rests on none since 1984 and is near its floor (0.10% at each of its horizons of 7 to 365 days).", text);

        (exit, output, _) = await Run("j.db", "questions", "show", "kim-japan", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var model = Assert.Single(json.RootElement.GetProperty("forecasts").EnumerateArray());
        // 40 days read off fixed horizons at the floor: a share of a year's 0.1%, above nothing.
        Assert.InRange(model.GetProperty("probability").GetDouble(), 0.00001, 0.001);
    }

    [Fact]
    public async Task An_open_question_gets_the_model_s_forecast_and_says_the_record_ends_before_its_window()
    {
        var (exit, output, error) = await Run("o.db", "questions", "add", "--title", "Will North Korea launch an ICBM before 2027?", "--target", "icbm", "--until", "2026-12-31");
        Assert.True(exit == 0, error);
        Assert.Contains("will-north-korea-launch-an-icbm-before-2027", output);
        Assert.Contains("Open: the record ends on 2025-06-30, before the window closes on 2026-12-31.", output);
        Assert.Contains("model", output);

        (exit, output, _) = await Run("o.db", "questions", "show", "will-north-korea-launch-an-icbm-before-2027", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var model = Assert.Single(json.RootElement.GetProperty("forecasts").EnumerateArray());
        Assert.Equal(("model", "2026-11-21"), (model.GetProperty("by").GetString(), model.GetProperty("as_of").GetString()));
        Assert.InRange(model.GetProperty("probability").GetDouble(), 0.0001, 0.9999);
    }

    [Fact]
    public async Task Export_then_import_elsewhere_gives_the_same_questions_and_a_second_import_changes_nothing()
    {
        await Run("from.db", "questions", "add", "--title", "Nuclear test in 2024?", "--target", "nuclear-test", "--from", "2024-01-01", "--until", "2024-12-31", "--id", "nuclear-2024");
        await Run("from.db", "questions", "forecast", "nuclear-2024", "--by", "Bob", "-p", "0.2", "--as-of", "2023-12-01");
        var file = _folder.File("shared.csv");
        var (exit, _, error) = await Run("from.db", "questions", "export", "--format", "csv", "--output", file);
        Assert.True(exit == 0, error);

        (exit, var output, error) = await Run("to.db", "questions", "import", file);
        Assert.True(exit == 0, error);
        Assert.Contains("questions 1 added", output);
        Assert.Contains("forecasts 1 added", output);
        Assert.Contains("recorded by peninsula questions update", Flat(output));
        (_, output, _) = await Run("to.db", "questions", "import", file);
        Assert.Contains("questions 0 added, 0 updated, 1 unchanged; forecasts 0 added, 0 updated, 1 unchanged", output);

        var (_, before, _) = await Run("from.db", "questions", "export");
        var (_, after, _) = await Run("to.db", "questions", "export");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_file_s_model_forecasts_are_not_taken_as_they_stand_this_store_s_model_speaks_for_those_days()
    {
        // A file that says the model gave 99% on an ICBM in 2027 as of 2026-11-01, and 50% on an ICBM
        // in 2024 a week after the launch that settled it.
        var file = _folder.File("claims-to-be-the-model.csv");
        await File.WriteAllTextAsync(file, "question,title,target,opens,closes,by,as_of,probability\n" +
                                           "icbm-2027,ICBM in 2027?,icbm,2027-01-01,2027-12-31,model,2026-11-01,0.99\n" +
                                           "icbm-2027,ICBM in 2027?,icbm,2027-01-01,2027-12-31,alice,2026-11-01,0.4\n" +
                                           "icbm-2024,ICBM in 2024?,icbm,2024-01-01,2024-12-31,model,2024-11-07,0.5\n");

        var (exit, output, error) = await Run("m.db", "questions", "import", file);

        Assert.True(exit == 0, error);
        var said = Flat(output);
        Assert.Contains("The file gives 2 forecasts by 'model'; they were not taken as they stand", said);
        Assert.Contains("it made 1 here on its own record, kept its own on 0 days and makes none on 1 day", said);
        Assert.Contains("1 of the file's differ from this store's by more than half a percentage point", said);

        // The model's forecast for that day is the one this store's own back-fill makes.
        await File.WriteAllTextAsync(_folder.File("plain.csv"), "question,title,target,opens,closes,by,as_of,probability\n" +
                                                                 "icbm-2027,ICBM in 2027?,icbm,2027-01-01,2027-12-31,alice,2026-11-01,0.4\n");
        Assert.Equal(0, (await Run("own.db", "questions", "import", _folder.File("plain.csv"))).Exit);
        Assert.Equal(0, (await Run("own.db", "questions", "update", "--from", "2026-11-01")).Exit);
        Assert.Equal(await ForecastOnAsync("own.db", "icbm-2027", "model", "2026-11-01"), await ForecastOnAsync("m.db", "icbm-2027", "model", "2026-11-01"));
        Assert.NotEqual(0.99, await ForecastOnAsync("m.db", "icbm-2027", "model", "2026-11-01"));
        Assert.Null(await ForecastOnAsync("m.db", "icbm-2024", "model", "2024-11-07"));

        // Importing the file again changes nothing: the store keeps its own (and counts alice's as unchanged).
        (_, output, _) = await Run("m.db", "questions", "import", file);
        Assert.Contains("forecasts 0 added, 0 updated, 1 unchanged", output);
        Assert.Contains("kept its own on 1 day and", Flat(output));
    }

    [Fact]
    public async Task An_event_imported_into_the_record_settles_an_open_question_with_no_command_to_run()
    {
        Assert.Equal(0, (await Run("s.db", "questions", "add", "--title", "A missile in March 2026?", "--target", "any-missile", "--from", "2026-03-01", "--until", "2026-03-31", "--id", "missile-2026-03")).Exit);
        Assert.Equal("open", await StatusAsync("s.db", "missile-2026-03"));

        // The strategic cruise missile of 4 March 2026 (Anadolu's report of the next day), after the bundled record's end.
        var file = _folder.File("newer.json");
        await File.WriteAllTextAsync(file, """
            [{"id": "2026-03-04-strategic-cruise-missile", "kind": "missile-launch", "class": "cruise", "date": "2026-03-04", "date_precision": "day", "actors": ["DPRK"],
              "title": "Strategic cruise missile launch overseen by Kim Jong Un",
              "sources": [{"name": "Anadolu", "url": "https://www.anews.com.tr/world/2026/03/05/north-koreas-kim-oversees-launch-of-strategic-cruise-missile", "date": "2026-03-05"}]}]
            """);
        var (exit, _, error) = await Run("s.db", "import", file);
        Assert.True(exit == 0, error);

        Assert.Equal("yes", await StatusAsync("s.db", "missile-2026-03"));
        var (_, shown, _) = await Run("s.db", "questions", "show", "missile-2026-03", "--format", "json");
        using var json = JsonDocument.Parse(shown);
        Assert.Equal("2026-03-04-strategic-cruise-missile", json.RootElement.GetProperty("question").GetProperty("resolving_event").GetString());
    }

    [Fact]
    public async Task A_forecast_dated_after_an_event_just_imported_is_refused_with_no_read_of_the_questions_between()
    {
        Assert.Equal(0, (await Run("f.db", "questions", "add", "--title", "A missile in March 2026?", "--target", "any-missile", "--from", "2026-03-01", "--until", "2026-03-31", "--id", "missile-2026-03")).Exit);
        var file = _folder.File("launch.json");
        await File.WriteAllTextAsync(file, """
            [{"id": "2026-03-04-strategic-cruise-missile", "kind": "missile-launch", "class": "cruise", "date": "2026-03-04", "date_precision": "day", "actors": ["DPRK"],
              "title": "Strategic cruise missile launch overseen by Kim Jong Un",
              "sources": [{"name": "Anadolu", "url": "https://www.anews.com.tr/world/2026/03/05/north-koreas-kim-oversees-launch-of-strategic-cruise-missile", "date": "2026-03-05"}]}]
            """);
        Assert.Equal(0, (await Run("f.db", "import", file)).Exit);

        var (exit, _, error) = await Run("f.db", "questions", "forecast", "missile-2026-03", "--by", "Bob", "-p", "0.9", "--as-of", "2026-03-10");

        Assert.Equal(1, exit);
        Assert.Contains("resolved yes on 2026-03-04", error);
    }

    [Fact]
    public async Task Withdraw_takes_a_mistyped_forecast_off_an_open_question_and_the_export_marks_it_withdrawn()
    {
        Assert.Equal(0, (await Run("wd.db", "questions", "add", "--title", "ICBM by the end of 2026?", "--target", "icbm", "--until", "2026-12-31", "--id", "icbm-2026")).Exit);
        Assert.Equal(0, (await Run("wd.db", "questions", "forecast", "icbm-2026", "--by", "Kim", "-p", "60%", "--as-of", "2026-11-10")).Exit);
        Assert.Equal(0, (await Run("wd.db", "questions", "forecast", "icbm-2026", "--by", "Kim", "-p", "0.02", "--as-of", "2026-11-20")).Exit);
        Assert.Equal(0, (await Run("wd.db", "questions", "forecast", "icbm-2026", "--by", "Lee", "-p", "30%")).Exit);

        var (exit, output, error) = await Run("wd.db", "questions", "withdraw", "icbm-2026", "--by", "Kim", "--as-of", "2026-11-20");

        Assert.True(exit == 0, error);
        Assert.Contains("Withdrew Kim's forecast on icbm-2026: 2.0% as of 2026-11-20.", Flat(output), StringComparison.Ordinal);
        Assert.Null(await ForecastOnAsync("wd.db", "icbm-2026", "Kim", "2026-11-20"));
        Assert.Equal(0.6, await ForecastOnAsync("wd.db", "icbm-2026", "Kim", "2026-11-10"));

        // The export carries it marked withdrawn (its last column), so that a store that took it withdraws it too.
        var (_, exported, _) = await Run("wd.db", "questions", "export", "--format", "csv");
        Assert.Matches(@",Kim,2026-11-20,0.02,,[0-9T:.-]+Z,2026-11-21T[0-9:.]+Z\n", exported);
        Assert.Matches(@",Kim,2026-11-10,0.6,,[0-9T:.-]+Z,\n", exported);

        // Without --as-of every forecast of theirs goes; then there is nothing of theirs left to withdraw, and the error says whose there are.
        Assert.Contains("60.0% as of 2026-11-10", Flat((await Run("wd.db", "questions", "withdraw", "icbm-2026", "--by", "Kim")).Out), StringComparison.Ordinal);
        var (noneExit, _, noneError) = await Run("wd.db", "questions", "withdraw", "icbm-2026", "--by", "Kim");
        Assert.Equal(1, noneExit);
        Assert.Contains("'Kim' has no forecast on 'icbm-2026'", Flat(noneError), StringComparison.Ordinal);
        Assert.Contains("Its forecasters: 'Lee'", Flat(noneError), StringComparison.Ordinal);
        Assert.Contains("--by", noneError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_refuses_a_scored_forecast_and_the_models_and_takes_one_entered_after_the_answer()
    {
        await AddIcbm2024Async("ws.db", publishedForecast: true);
        // Entered today, long after the ICBM of 2024-10-31: never scored.
        Assert.Equal(0, (await Run("ws.db", "questions", "forecast", "icbm-2024", "--by", "Late", "-p", "0.9", "--as-of", "2024-01-10")).Exit);

        var (scoredExit, _, scoredError) = await Run("ws.db", "questions", "withdraw", "icbm-2024", "--by", "Kim");
        var (modelExit, _, modelError) = await Run("ws.db", "questions", "withdraw", "icbm-2024", "--by", "model");
        var (wrongDayExit, _, wrongDayError) = await Run("ws.db", "questions", "withdraw", "icbm-2024", "--by", "Late", "--as-of", "2024-01-11");
        var (lateExit, lateOutput, lateError) = await Run("ws.db", "questions", "withdraw", "icbm-2024", "--by", "Late", "--as-of", "2024-01-10");
        // Nor can a scored forecast be changed: a new probability for its day would rewrite the score with the answer known.
        var (changeExit, _, changeError) = await Run("ws.db", "questions", "forecast", "icbm-2024", "--by", "Kim", "-p", "10%", "--as-of", "2023-12-20", "--url", "https://example.org/kim");

        Assert.Equal(1, scoredExit);
        Assert.Contains("Kim's forecast of 60.0% as of 2023-12-20 on 'icbm-2024' is scored: the question resolved yes on 2024-10-31", Flat(scoredError), StringComparison.Ordinal);
        Assert.Equal(1, modelExit);
        Assert.Contains("Peninsula's model", Flat(modelError), StringComparison.Ordinal);
        Assert.Equal(1, wrongDayExit);
        Assert.Contains("--as-of", wrongDayError, StringComparison.Ordinal);
        Assert.Contains("theirs are as of 2024-01-10", Flat(wrongDayError), StringComparison.Ordinal);
        Assert.Equal(1, changeExit);
        Assert.Contains("field '--probability': Kim's forecast of 60.0% as of 2023-12-20 on 'icbm-2024' is scored", Flat(changeError), StringComparison.Ordinal);
        Assert.True(lateExit == 0, lateError);
        Assert.Contains("Withdrew Late's forecast on icbm-2024: 90.0% as of 2024-01-10.", Flat(lateOutput), StringComparison.Ordinal);
        var (_, board, _) = await Run("ws.db", "questions", "leaderboard", "--format", "json");
        Assert.Contains("\"Kim\"", board, StringComparison.Ordinal);
        Assert.DoesNotContain("Late", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_says_which_stored_forecasts_it_replaces_and_leaves_a_scored_one_as_it_is()
    {
        await AddTeamQuestionsAsync("rp.db", "60%");
        // A teammate's copy of the same questions, in which Kim's two forecasts have other probabilities.
        var file = _folder.File("team.csv");
        Assert.Equal(0, (await Run("rp.db", "questions", "export", "--format", "csv", "--output", file)).Exit);
        var exported = await File.ReadAllTextAsync(file);
        Assert.Contains(",Kim,2023-12-20,0.6,", exported, StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, exported.Replace(",Kim,2026-11-10,0.6,", ",Kim,2026-11-10,0.3,", StringComparison.Ordinal).Replace(",Kim,2023-12-20,0.6,", ",Kim,2023-12-20,0.1,", StringComparison.Ordinal));

        var (dryExit, dryOutput, dryError) = await Run("rp.db", "questions", "import", file, "--dry-run");
        var (exit, output, error) = await Run("rp.db", "questions", "import", file);

        Assert.True(dryExit == 2, dryError);
        Assert.Contains("Would replace: 1 stored forecast", Flat(dryOutput), StringComparison.Ordinal);
        Assert.Contains("Kim's forecast on 'icbm-2026' as of 2026-11-10: 60.0% here, 30.0% in the file; the file's replaces it.", Flat(dryOutput), StringComparison.Ordinal);
        Assert.True(exit == 2, error);
        Assert.Contains("Replaced: 1 stored forecast", Flat(output), StringComparison.Ordinal);
        Assert.Contains("Not taken: 1 forecast", Flat(error), StringComparison.Ordinal);
        Assert.Contains("field 'as_of': the file gives 10.0%, but Kim's forecast of 60.0% as of 2023-12-20 on 'icbm-2024' is scored", Flat(error), StringComparison.Ordinal);
        Assert.Equal(0.3, await ForecastOnAsync("rp.db", "icbm-2026", "Kim", "2026-11-10"));
        Assert.Equal(0.6, await ForecastOnAsync("rp.db", "icbm-2024", "Kim", "2023-12-20"));
    }

    [Fact]
    public async Task A_withdrawal_travels_in_an_export_to_a_store_that_took_the_forecast_before_and_a_scored_one_stays()
    {
        // Two teammates' stores: the second imported the first's questions with Kim's 20% on an open question and his published 60% on a resolved one.
        await AddTeamQuestionsAsync("wa.db", "20%");
        var first = _folder.File("first.json");
        Assert.Equal(0, (await Run("wa.db", "questions", "export", "--output", first)).Exit);
        Assert.Equal(0, (await Run("wb.db", "questions", "import", first)).Exit);
        Assert.Equal(0.2, await ForecastOnAsync("wb.db", "icbm-2026", "Kim", "2026-11-10"));

        // Kim withdraws his 20% in the first store; its next export carries the withdrawal.
        Assert.Equal(0, (await Run("wa.db", "questions", "withdraw", "icbm-2026", "--by", "Kim")).Exit);
        var second = _folder.File("second.csv");
        Assert.Equal(0, (await Run("wa.db", "questions", "export", "--format", "csv", "--output", second)).Exit);
        var csv = await File.ReadAllTextAsync(second);
        Assert.StartsWith("question,title,target,filter,opens,closes,question_url,resolution,resolved_on,resolving_event,by,as_of,probability,forecast_url,entered,withdrawn\n", csv, StringComparison.Ordinal);
        Assert.Matches(@",Kim,2026-11-10,0.2,,2026-11-21T[0-9:.]+Z,2026-11-21T[0-9:.]+Z\n", csv);

        var (dryExit, dryOutput, _) = await Run("wb.db", "questions", "import", second, "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.Contains("Would withdraw: 1 stored forecast", Flat(dryOutput), StringComparison.Ordinal);
        Assert.Equal(0.2, await ForecastOnAsync("wb.db", "icbm-2026", "Kim", "2026-11-10"));

        var (exit, output, error) = await Run("wb.db", "questions", "import", second);
        Assert.True(exit == 0, error);
        Assert.Contains("1 withdrawn", output, StringComparison.Ordinal);
        Assert.Contains($"Withdrew: 1 stored forecast the file says was withdrawn where it was exported", Flat(output), StringComparison.Ordinal);
        Assert.Contains($"{second}, line 3, field 'withdrawn': Kim's forecast of 20.0% on 'icbm-2026' as of 2026-11-10, withdrawn on 2026-11-21", Flat(output), StringComparison.Ordinal);
        Assert.Null(await ForecastOnAsync("wb.db", "icbm-2026", "Kim", "2026-11-10"));
        // Importing it again changes nothing.
        (exit, output, _) = await Run("wb.db", "questions", "import", second);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("Withdrew", output, StringComparison.Ordinal);
        Assert.Contains("forecasts 0 added, 0 updated", output, StringComparison.Ordinal);

        // A file that says a scored forecast was withdrawn: it stays, and the rest of the file is taken.
        var scored = _folder.File("scored.csv");
        await File.WriteAllLinesAsync(scored, csv.Split('\n').Select(line => line.Contains(",Kim,2023-12-20,", StringComparison.Ordinal) ? line + "2026-11-21T01:00:00.000Z" : line));
        (exit, _, error) = await Run("wb.db", "questions", "import", scored);
        Assert.True(exit == 2, error);
        Assert.Contains("Not taken: 1 forecast", Flat(error), StringComparison.Ordinal);
        Assert.Contains("field 'withdrawn': the file says Kim's 60.0% as of 2023-12-20 on 'icbm-2024' was withdrawn, but Kim's forecast of 60.0% as of 2023-12-20 on 'icbm-2024' is scored", Flat(error), StringComparison.Ordinal);
        Assert.Equal(0.6, await ForecastOnAsync("wb.db", "icbm-2024", "Kim", "2023-12-20"));
    }

    /// <summary>The text with each run of white space (the console's line breaks) as one space.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    /// <summary>Adds "ICBM in 2024?" (resolved yes on 2024-10-31 by the bundled record), with Kim's 60% published on 2023-12-20 when asked.</summary>
    private async Task AddIcbm2024Async(string db, bool publishedForecast = false)
    {
        Assert.Equal(0, (await Run(db, "questions", "add", "--title", "ICBM in 2024?", "--target", "icbm", "--from", "2024-01-01", "--until", "2024-12-31", "--id", "icbm-2024")).Exit);
        if (publishedForecast)
        {
            Assert.Equal(0, (await Run(db, "questions", "forecast", "icbm-2024", "--by", "Kim", "-p", "60%", "--as-of", "2023-12-20", "--url", "https://example.org/kim")).Exit);
        }
    }

    /// <summary>"ICBM in 2024?" with Kim's published 60% (<see cref="AddIcbm2024Async"/>), and the open "ICBM by the end of 2026?" with Kim's <paramref name="probability"/> as of 2026-11-10.</summary>
    private async Task AddTeamQuestionsAsync(string db, string probability)
    {
        await AddIcbm2024Async(db, publishedForecast: true);
        Assert.Equal(0, (await Run(db, "questions", "add", "--title", "ICBM by the end of 2026?", "--target", "icbm", "--until", "2026-12-31", "--id", "icbm-2026")).Exit);
        Assert.Equal(0, (await Run(db, "questions", "forecast", "icbm-2026", "--by", "Kim", "-p", probability, "--as-of", "2026-11-10")).Exit);
    }

    private async Task<string?> StatusAsync(string db, string question)
    {
        var (exit, output, error) = await Run(db, "questions", "list", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().Single(q => q.GetProperty("id").GetString() == question).GetProperty("status").GetString();
    }

    /// <summary>The probability <paramref name="by"/> gave on <paramref name="question"/> as of <paramref name="asOf"/>, as 'questions show' lists it, or null.</summary>
    private async Task<double?> ForecastOnAsync(string db, string question, string by, string asOf)
    {
        var (exit, output, error) = await Run(db, "questions", "show", question, "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("forecasts").EnumerateArray()
            .Where(f => f.GetProperty("by").GetString() == by && f.GetProperty("as_of").GetString() == asOf)
            .Select(f => (double?)f.GetProperty("probability").GetDouble())
            .SingleOrDefault();
    }

    [Fact]
    public async Task An_import_with_a_bad_row_names_file_line_and_field_and_writes_nothing()
    {
        var good = _folder.File("good.csv");
        var bad = _folder.File("bad.csv");
        await File.WriteAllTextAsync(good, "question,title,target,opens,closes,by,as_of,probability\ng-1,Good,icbm,2024-01-01,2024-12-31,alice,2023-12-01,0.5\n");
        await File.WriteAllTextAsync(bad, "question,title,target,opens,closes,by,as_of,probability\n" +
                                          "b-1,Fine,icbm,2024-01-01,2024-12-31,alice,2023-12-01,0.5\n" +
                                          "b-2,Bad date,icbm,2024-01-01,2024-13-31,alice,2023-12-01,0.5\n");
        var (exit, output, error) = await Run("bad.db", "questions", "import", good, bad);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains($"{bad}, line 3, field 'closes'", error);

        var (_, list, _) = await Run("bad.db", "questions", "list", "--format", "json");
        Assert.Equal("[]", list.Trim());
    }

    [Fact]
    public async Task Questions_published_scores_each_bundled_published_forecast_beside_the_model_on_the_store_s_record()
    {
        var (exit, output, error) = await Run("p.db", "questions", "published", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var forecasts = root.GetProperty("forecasts").EnumerateArray().ToList();
        // Every forecast on a question the bundled record settles is scored; a question whose window
        // runs past the record's end is listed as open, with the record's end.
        var bundled = Peninsula.Questions.PublishedForecasts.Bundled.Contents;
        var end = Peninsula.Record.BundledRecord.CoverageEndOf(Peninsula.Record.BundledRecord.Events);
        var settled = bundled.Questions.Where(q => q.Closes <= end).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(bundled.Forecasts.Count(f => settled.Contains(f.QuestionId)), forecasts.Count);
        var open = bundled.Questions.Where(q => !settled.Contains(q.Id)).ToList();
        Assert.NotEmpty(open);
        Assert.All(open, q => Assert.Contains($"{q.Id}: open in the record (it ends on {end})", root.GetProperty("not_scored").EnumerateArray().Select(n => n.GetString())));
        Assert.All(forecasts, f => Assert.StartsWith("http", f.GetProperty("source_url").GetString(), StringComparison.Ordinal));
        var first = forecasts.First(f => f.GetProperty("outcome").GetString() == "yes" && f.GetProperty("kind").GetString() == "crowd");
        Assert.False(string.IsNullOrEmpty(first.GetProperty("resolving_event").GetString()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("resolving_event_title").GetString()));
        // The crowds' totals are the means of their rows, as the JSON carries them.
        var crowds = forecasts.Where(f => f.GetProperty("kind").GetString() == "crowd").ToList();
        var totals = root.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "crowd").GetProperty("totals");
        Assert.Equal(crowds.Count, totals.GetProperty("forecasts").GetInt32());
        Assert.Equal(Math.Round(crowds.Average(f => f.GetProperty("brier").GetDouble()), 5), totals.GetProperty("brier").GetDouble(), 1e-5);
        Assert.Equal(Math.Round(crowds.Average(f => f.GetProperty("model_brier").GetDouble()), 5), totals.GetProperty("model_brier").GetDouble(), 1e-5);

        var (tableExit, table, tableError) = await Run("p.db", "questions", "published");
        Assert.True(tableExit == 0, tableError);
        var text = Flat(table);
        Assert.Contains("Crowds only", text, StringComparison.Ordinal);
        Assert.Contains("Per question", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forecast_s_model_note_points_at_the_command_that_scores_it_against_the_crowds()
    {
        var (exit, output, error) = await Run("f.db", "forecast", "--target", "icbm");
        Assert.True(exit == 0, error);
        var text = Flat(output);
        Assert.Contains("peninsula questions published", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bench/results", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_from_a_later_day_gives_the_window_s_probability_and_refuses_a_window_that_does_not_fit()
    {
        var (exit, output, error) = await Run("l.db", "forecast", "--target", "icbm", "--as-of", "2025-06-30", "--from", "2025-10-01", "--until", "2025-12-31", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(("2025-06-30", "2025-10-01", "2025-12-31", 92), (root.GetProperty("as_of").GetString(), root.GetProperty("from").GetString(), root.GetProperty("until").GetString(), root.GetProperty("days").GetInt32()));
        var (_, tomorrow, _) = await Run("l.db", "forecast", "--target", "icbm", "--as-of", "2025-06-30", "--until", "2025-12-31", "--format", "json");
        using var whole = JsonDocument.Parse(tomorrow);
        Assert.Equal("2025-07-01", whole.RootElement.GetProperty("from").GetString());
        Assert.True(root.GetProperty("probability").GetDouble() < whole.RootElement.GetProperty("probability").GetDouble());

        var (tableExit, table, _) = await Run("l.db", "forecast", "--target", "icbm", "--as-of", "2025-06-30", "--from", "2025-10-01", "--until", "2025-12-31");
        Assert.Equal(0, tableExit);
        Assert.Contains("from 2025-10-01 to 2025-12-31 (92 days)", Flat(table), StringComparison.Ordinal);

        foreach (var (args, field) in new[]
        {
            (new[] { "--from", "2025-06-30", "--until", "2025-12-31" }, "--from"),
            (new[] { "--from", "2025-12-01", "--until", "2025-11-30" }, "--until"),
            (new[] { "--from", "2025-12-01" }, "--until"),
        })
        {
            var (badExit, badOutput, badError) = await Run("l.db", ["forecast", "--target", "icbm", "--as-of", "2025-06-30", .. args]);
            Assert.Equal(1, badExit);
            Assert.Empty(badOutput);
            Assert.Contains(field, badError, StringComparison.Ordinal);
        }
    }
}

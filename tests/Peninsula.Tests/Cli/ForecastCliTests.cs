using System.Text.Json;
using Peninsula.Import;

namespace Peninsula.Tests.Cli;

/// <summary>forecast, backtest and scenarios as a user (or a script reading the JSON) runs them.</summary>
public sealed class ForecastCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(_folder.File("peninsula.db"), args);

    [Fact]
    public async Task Forecast_as_json_gives_target_horizon_date_probability_model_and_reasons()
    {
        var (exit, output, error) = await Run("forecast", "--target", "ballistic", "--horizon", "30", "--as-of", "2023-03-01", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var forecast = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("ballistic", forecast.GetProperty("target").GetString());
        Assert.Equal(30, forecast.GetProperty("horizon_days").GetInt32());
        Assert.Equal("2023-03-01", forecast.GetProperty("as_of").GetString());
        Assert.InRange(forecast.GetProperty("probability").GetDouble(), 0.0, 1.0);
        Assert.Equal("ensemble", forecast.GetProperty("model").GetString());
        var reasons = forecast.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("Base rate: ", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("Current regime: ", StringComparison.Ordinal));
        // The base rate and the factors add up to the probability (to the 5 places JSON gives, up to the rounding of a sum of doubles).
        var factors = forecast.GetProperty("factors").EnumerateArray().ToList();
        Assert.Contains(factors, f => f.GetProperty("factor").GetString() == "current regime");
        var sum = forecast.GetProperty("base_rate").GetDouble() + factors.Sum(f => f.GetProperty("effect").GetDouble());
        Assert.Equal(forecast.GetProperty("probability").GetDouble(), sum, 1e-12);
    }

    [Fact]
    public async Task Forecast_adds_a_plan_announced_in_public_to_its_fixed_horizons_and_names_it_with_its_report()
    {
        // The day after North Korea notified Japan's coast guard of a satellite launch from 31 May to 10 June 2023.
        var (exit, output, error) = await Run("forecast", "--horizon", "30", "--as-of", "2023-05-30");
        var (quietExit, quiet, quietError) = await Run("forecast", "--horizon", "30", "--as-of", "2023-07-01");

        Assert.True(exit == 0, error);
        var text = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Matches(@"satellite-launch │ 30 │ 83\.4% │ 1\.3% │ announced plans \+82\.78 pts", text);
        Assert.Contains("A plan announced in public is active for any-missile, ballistic, satellite-launch: the forecasts above add it", text, StringComparison.Ordinal);
        Assert.Contains("peninsula forecast --target satellite-launch --as-of 2023-05-30 --until 2023-06-10", text, StringComparison.Ordinal);
        Assert.Contains("https://news.ntv.co.jp/", text, StringComparison.Ordinal);
        Assert.True(quietExit == 0, quietError);
        Assert.DoesNotContain("A plan announced in public is active", quiet, StringComparison.Ordinal);
        Assert.DoesNotContain("announced plans +", quiet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_example_of_reasons_that_add_up_is_what_forecast_prints()
    {
        var readme = File.ReadAllLines(Path.Combine(Peninsula.Tests.Record.BundledRecordTests.RepositoryRoot(), "README.md"));
        var quoted = readme.Single(l => l.StartsWith("> Result: ", StringComparison.Ordinal))[2..];

        var (exit, output, error) = await Run("forecast", "--target", "icbm", "--horizon", "90", "--as-of", "2022-12-31");

        Assert.True(exit == 0, error);
        Assert.Contains(quoted, output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_past_the_end_of_the_record_says_what_it_knows()
    {
        var (exit, output, _) = await Run("forecast", "--target", "icbm", "--horizon", "7");
        Assert.Equal(0, exit);
        Assert.Contains("as of the record's end, 2025-06-30", output);
        Assert.Contains("The record ends on 2025-06-30, 509 days before 2026-11-21", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "));
        Assert.Contains("only know events up to 2025-06-30", output);
    }

    [Fact]
    public async Task Backtest_as_json_scores_every_model_and_names_the_forecast_model()
    {
        var (exit, output, error) = await Run("backtest", "--target", "ballistic", "--horizon", "7", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("ensemble", root.GetProperty("forecast_model").GetString());
        var models = root.GetProperty("models").EnumerateArray().ToList();
        Assert.Contains(models, m => m.GetProperty("model").GetString() == "ensemble");
        Assert.Contains(models, m => m.GetProperty("model").GetString() == "hawkes");
        foreach (var m in models)
        {
            Assert.Equal(53, m.GetProperty("n").GetInt32());
            foreach (var key in new[] { "brier", "log_loss", "bss", "bss_low", "bss_high", "ece" })
            {
                Assert.Equal(JsonValueKind.Number, m.GetProperty(key).ValueKind);
            }

            Assert.Equal(10, m.GetProperty("reliability").GetArrayLength());
        }

        // Against the best of the issue's simple references on these forecasts, with its interval.
        var against = root.GetProperty("against_best_reference");
        double Brier(string name) => models.Single(m => m.GetProperty("model").GetString() == name).GetProperty("brier").GetDouble();
        var best = new[] { "climatology", "recent-rate-365d", "hawkes" }.MinBy(Brier)!;
        Assert.Equal(best, against.GetProperty("model").GetString());
        Assert.Equal(Brier("ensemble") - Brier(best), against.GetProperty("brier_difference").GetDouble(), 1e-4);
        Assert.InRange(against.GetProperty("brier_difference").GetDouble(), against.GetProperty("low").GetDouble(), against.GetProperty("high").GetDouble());
        var expected = against.GetProperty("low").GetDouble() > 0 ? "worse by more than the luck of the period explains"
            : against.GetProperty("high").GetDouble() < 0 ? "better by more than the luck of the period explains"
            : "the period cannot tell them apart";
        Assert.Equal(expected, against.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Backtest_refuses_an_unknown_target_and_names_the_valid_ones()
    {
        var (exit, _, error) = await Run("backtest", "--target", "rocket", "--horizon", "7", "--from", "2024-01-01", "--to", "2024-12-31");
        Assert.Equal(1, exit);
        Assert.Contains("'rocket' is not a forecast target", error);
        Assert.Contains("any-missile", error);
    }

    [Fact]
    public async Task An_imported_launch_after_the_bundled_record_extends_what_the_forecast_knows()
    {
        var file = _folder.File("later.json");
        await File.WriteAllTextAsync(file, "[" + EventJson.Serialize(Sample.Launch("2025-08-01-test-launch", "2025-08-01") with { UtcInstant = null }) + "]");
        Assert.Equal(0, (await Run("import", file)).Exit);

        var (exit, output, error) = await Run("forecast", "--target", "icbm", "--horizon", "30", "--as-of", "2025-08-05", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var forecast = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("2025-08-01", forecast.GetProperty("data_until").GetString());
        // It knows nothing after 2025-08-01, so its 30 days are those after it, and the JSON says which.
        Assert.Equal("2025-08-02", forecast.GetProperty("first_day").GetString());
        Assert.Equal("2025-08-31", forecast.GetProperty("last_day").GetString());
        Assert.Contains(forecast.GetProperty("explanation").EnumerateArray(), e => e.GetString()!.Contains("the last on 2025-08-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forecast_asked_past_the_records_end_is_headed_with_the_records_end_and_the_days_it_covers()
    {
        var (exit, output, error) = await Run("forecast", "--target", "icbm", "--horizon", "7", "--as-of", "2026-01-10");
        Assert.True(exit == 0, error);
        var text = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Contains("Forecasts as of the record's end, 2025-06-30 (Korean date; each covers the days after it, from 2025-07-01)", text);
        Assert.DoesNotContain("Forecasts as of 2026-01-10", text);
        Assert.Contains("For days from 2026-01-11 on, name them: peninsula forecast --as-of 2026-01-10 --until 2026-02-09", text);

        (exit, output, error) = await Run("scenarios", "--as-of", "2026-01-10");
        Assert.True(exit == 0, error);
        Assert.Contains("Scenarios for the 365 days after the record's end, 2025-06-30 (Korean date; it ends 194 days before 2026-01-10)", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "));
    }

    [Fact]
    public async Task A_backtest_that_stops_before_the_record_ends_does_not_say_the_record_ends_there()
    {
        var (exit, output, error) = await Run("backtest", "--target", "ballistic", "--horizon", "7", "--from", "2024-01-01", "--to", "2024-12-31");
        Assert.True(exit == 0, error);
        var text = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.DoesNotContain("the record ends on 2025-01-07", text);
        Assert.Contains("outcomes were read from the record up to 2025-01-07, 7 days after the last issue date asked for (--to); the record runs to 2025-06-30.", text);
        Assert.Matches(@"Against the best simple model here \((climatology|recent-rate-365d|hawkes)\): the forecast model's Brier score minus that model's is [+-]?\d\.\d{4} \(95% interval [+-]?\d\.\d{4} to [+-]?\d\.\d{4}\); ((worse|better) by more than the luck of the period explains|the period cannot tell them apart)\.", text);
    }

    [Fact]
    public async Task A_date_before_the_series_or_a_backtest_without_known_outcomes_is_refused_plainly()
    {
        var (exit, _, error) = await Run("forecast", "--as-of", "1980-01-01");
        Assert.Equal(1, exit);
        Assert.Contains("field '--as-of': Forecasts start on 1990-01-01", error);

        (exit, _, error) = await Run("backtest", "--target", "icbm", "--horizon", "30", "--from", "2025-06-15", "--to", "2025-06-30");
        Assert.Equal(1, exit);
        Assert.Contains("No forecast from 2025-06-15 to 2025-06-30 can be scored yet", error);
    }

    [Fact]
    public async Task A_forecast_as_of_a_date_inside_the_record_s_first_six_years_is_refused_naming_the_first_date_not_crashed()
    {
        // 1984-1989 are in the record, but every model learns from them first: these stopped with a stack trace.
        string[][] asked =
        [
            ["forecast", "--target", "icbm", "--horizon", "7", "--as-of", "1985-01-01"],
            ["forecast", "--target", "icbm", "--as-of", "1985-06-01", "--until", "1985-12-31", "--format", "json"],
            ["scenarios", "--horizon", "90", "--as-of", "1989-12-31"],
        ];
        foreach (var args in asked)
        {
            var (exit, output, error) = await Run(args);
            Assert.Equal(1, exit);
            Assert.Empty(output);
            Assert.Contains("field '--as-of': Forecasts start on 1990-01-01: the models learn from six years of the record, which begins on 1984-01-01", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        }

        var (backtestExit, _, backtestError) = await Run("backtest", "--target", "icbm", "--horizon", "7", "--from", "1989-01-01", "--to", "1989-12-31");
        Assert.Equal(1, backtestExit);
        Assert.Contains("field '--to': Forecasts start on 1990-01-01", backtestError, StringComparison.Ordinal);
        Assert.DoesNotContain("the record ends on 1990", backtestError, StringComparison.Ordinal);

        var (firstDayExit, _, firstDayError) = await Run("forecast", "--target", "icbm", "--horizon", "7", "--as-of", "1990-01-01");
        Assert.True(firstDayExit == 0, firstDayError);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_one_plain_line_naming_the_option_not_the_parser_s_type_and_the_whole_help()
    {
        var (exit, output, error) = await Run("forecast", "--target", "icbm", "--horizon", "abc");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("field '--horizon': 'abc' is not a whole number.", error, StringComparison.Ordinal);
        Assert.Contains("peninsula forecast --help lists every option.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", error, StringComparison.Ordinal);

        (exit, _, error) = await Run("events", "list", "--limit", "many");
        Assert.Equal(1, exit);
        Assert.Contains("field '--limit': 'many' is not a whole number.", error, StringComparison.Ordinal);
        Assert.Contains("peninsula events list --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tempo_reads_the_icbm_regimes_year_by_year_and_refuses_a_bad_target_or_a_date_before_it_starts_plainly()
    {
        var (exit, output, error) = await Run("tempo", "--target", "icbm");
        Assert.True(exit == 0, error);
        var lines = output.Split('\n');
        // 2017's three ICBM launch days, the 2018-2021 moratorium, the five of 2022 (2022-11-03 and
        // 2022-05-25 among them, typed from the provocation table and a correction), and the quiet
        // regime since the end of 2024 (no ICBM day after 2024-10-31 to June 2025).
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ 2017 +│") && l.Contains("│          3 │", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ 2021 +│") && l.Contains("│          0 │", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ 2022 +│") && l.Contains("│          5 │", StringComparison.Ordinal));
        // The record's last year stops on 2025-06-30: its row says so rather than passing for a whole year.
        Assert.Contains(lines, l => l.Contains("│ 2025 (to 06-30) │", StringComparison.Ordinal));
        Assert.Contains("in a regime that began about 2024-", output, StringComparison.Ordinal);

        (exit, output, error) = await Run("tempo", "--target", "icbm", "--as-of", "2019-12-31", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal("2019-12-31", points[^1].GetProperty("date").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("events").GetArrayLength());

        (exit, _, error) = await Run("tempo", "--as-of", "1984-06-01");
        Assert.NotEqual(0, exit);
        Assert.Contains("The tempo starts on 1985-01-01, a year into the record; 1984-06-01 is earlier.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);

        (exit, _, error) = await Run("tempo", "--target", "meteor");
        Assert.NotEqual(0, exit);
        Assert.Contains("'meteor' is not a forecast target", error, StringComparison.Ordinal);
        Assert.Contains("--target", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenarios_say_which_are_model_outputs_and_which_are_base_rates()
    {
        var (exit, output, error) = await Run("scenarios", "--horizon", "90", "--as-of", "2024-01-01", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var scenarios = json.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("scenario").GetString()!, s => s.GetProperty("source").GetString());
        Assert.Equal("model", scenarios["continued-provocation"]);
        Assert.Equal("model", scenarios["major-escalation"]);
        Assert.Equal("base rate", scenarios["diplomatic-opening"]);
    }
}

/// <summary>Forecast output does not depend on the machine's culture.</summary>
public sealed class ForecastCultureTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly System.Globalization.CultureInfo _culture = System.Globalization.CultureInfo.CurrentCulture;

    public void Dispose()
    {
        System.Globalization.CultureInfo.CurrentCulture = _culture;
        _folder.Dispose();
    }

    [Fact]
    public async Task Under_a_german_culture_probabilities_still_use_a_decimal_point()
    {
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        var (exit, output, error) = await CliRunner.RunAsync(_folder.File("peninsula.db"), "forecast", "--target", "icbm", "--horizon", "30", "--as-of", "2023-03-01");
        Assert.True(exit == 0, error);
        Assert.Matches(@"\d+\.\d%", output);
        Assert.DoesNotMatch(@"\d+,\d%", output);
    }
}

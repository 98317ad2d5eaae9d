using System.Globalization;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Tests.Forecasting;

/// <summary>The reasons of a forecast add up to it, and a factor that raises it is one the record pushes up.</summary>
public sealed class ForecastReasonsTests
{
    /// <summary>Rounding of a sum of a handful of doubles between 0 and 1.</summary>
    private const double SumTolerance = 1e-12;

    [Theory]
    [InlineData("2025-06-30")]
    [InlineData("2017-02-15")]
    public void Reasons_sum_to_the_forecast_for_every_target_and_horizon(string asOf)
    {
        var forecasts = Forecaster.Make(BundledRecord.Events, ForecastTarget.All, ForecastTarget.Horizons, KoreanDate.Parse(asOf));

        Assert.Equal(ForecastTarget.All.Count * ForecastTarget.Horizons.Count, forecasts.Count);
        foreach (var f in forecasts)
        {
            Assert.Equal(f.Probability, f.BaseRate + f.Factors.Sum(x => x.Effect), SumTolerance);
            Assert.Equal(["long-run rate", "current regime", "regime change"], f.Factors.Take(3).Select(x => x.Name));
            // The sum above holds by construction; what it sums must be the models' own figures: the
            // first three steps end at the forecast model's own probability (round 2's change-point model with its
            // regime length set per target; it was round one's change-point model), before any floor or bound.
            Assert.Equal(f.Components["change-point-by-class"], f.BaseRate + f.Factors.Take(3).Sum(x => x.Effect), SumTolerance);
            // Every factor has its sentence in the explanation, with its sign; a step that moves the printed figure by nothing has none ("0.00 pts", never "-0.00").
            foreach (var (factor, printed) in f.Factors.Zip(Forecaster.PrintedEffects(f)))
            {
                var unmoved = printed is "0.00 pts" or "0.0 pts";
                var sign = unmoved ? "0.0" : factor.Effect < 0 ? "-" : "+";
                Assert.Contains(f.Explanation, line => line.Contains($"({sign}", StringComparison.Ordinal) && line.StartsWith(Sentence(factor.Name), StringComparison.Ordinal));
                Assert.DoesNotContain("-0.00 ", printed, StringComparison.Ordinal);
                Assert.DoesNotContain("-0.0 ", printed, StringComparison.Ordinal);
            }

            Assert.Contains(f.Explanation, line => line.StartsWith($"Result: {Forecaster.Pct(f.Probability)} = the base rate {Forecaster.Pct(f.BaseRate)}", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("2025-06-30")]
    [InlineData("2017-02-15")]
    public void The_long_run_rate_the_explanation_states_is_the_one_behind_the_models_long_run_chance(string asOf)
    {
        var data = ForecastData.Build(BundledRecord.Events, KoreanDate.Parse(asOf));
        var t = data.Days - 1;
        foreach (var target in ForecastTarget.All)
        {
            foreach (var horizon in ForecastTarget.Horizons)
            {
                var run = RollingForecast.RunCoherent(data, target, horizon, t, t, candidates: false);
                var rate = Forecaster.LongRunRate(run.Problem.Series, t);
                // A new regime's gamma prior: shape rate * PriorDays, rate PriorDays; its chance of
                // an event day within the horizon is 1 - (b / (b + H))^a.
                var chance = 1 - Math.Pow(ChangePointModel.PriorDays / (ChangePointModel.PriorDays + horizon), rate * ChangePointModel.PriorDays);

                Assert.Equal(run.Problem.ChangePointByClassParts.LongRun, chance, SumTolerance);
            }
        }
    }

    [Fact]
    public void A_factor_listed_as_positive_moves_the_probability_up()
    {
        // At the end of 2022, after the year's ICBM launches, the current regime is listed as raising the ICBM forecast;
        // the same record without those launches gives a lower forecast, and the factor no longer raises it as much.
        var asOf = new KoreanDate(2022, 12, 31);
        var record = BundledRecord.Events;
        var withoutThem = record.Where(e => !(e.Kind == EventKind.MissileLaunch && e.Class == "icbm" && e.Date.Year == 2022)).ToList();
        Assert.True(withoutThem.Count < record.Count);

        foreach (var horizon in ForecastTarget.Horizons)
        {
            var busy = Forecaster.Make(record, [ForecastTarget.Icbm], [horizon], asOf)[0];
            var quiet = Forecaster.Make(withoutThem, [ForecastTarget.Icbm], [horizon], asOf)[0];
            var regime = busy.Factors.Single(x => x.Name == "current regime");

            Assert.True(regime.Effect > 0, $"{horizon} days: the current regime is listed as raising the forecast ({regime.Effect})");
            Assert.True(busy.Probability > quiet.Probability, $"{horizon} days: {busy.Probability} with the launches, {quiet.Probability} without");
            Assert.True(regime.Effect > quiet.Factors.Single(x => x.Name == "current regime").Effect);
        }
    }

    [Fact]
    public void No_possible_event_gets_probability_zero_or_one()
    {
        var end = new KoreanDate(2025, 6, 30);
        // Never a missile in forty years, and a missile every day for ten: neither makes the next one impossible or certain.
        var never = ForecastData.Build([ForecastModelsTests.Incident(100)], end);
        var daily = ForecastData.Build(Enumerable.Range(ForecastData.Index(end) - 3650, 3651).Select(d => ForecastModelsTests.Launch(d)).ToList(), end);
        foreach (var (data, expected, atHorizon) in new[] { (never, "floor", 7), (daily, "ceiling", 365) })
        {
            foreach (var horizon in ForecastTarget.Horizons)
            {
                var f = Forecaster.Make(data, ForecastTarget.AnyMissile, horizon, end);
                Assert.InRange(f.Probability, RollingForecast.Floor, 1 - RollingForecast.Floor);
                Assert.Equal(f.Probability, f.BaseRate + f.Factors.Sum(x => x.Effect), SumTolerance);
                if (horizon == atHorizon)
                {
                    Assert.Contains(f.Factors, x => x.Name == expected);
                }
            }
        }
    }

    [Fact]
    public void A_longer_horizon_is_never_given_a_lower_probability_for_any_target()
    {
        var forecasts = Forecaster.Make(BundledRecord.Events, ForecastTarget.All, ForecastTarget.Horizons, new KoreanDate(2023, 6, 30));
        foreach (var target in ForecastTarget.All)
        {
            var probabilities = forecasts.Where(f => f.Target == target).OrderBy(f => f.HorizonDays).Select(f => f.Probability).ToList();
            Assert.Equal(probabilities.Order(), probabilities);
        }
    }

    [Theory]
    [InlineData(0.426, "+42.6 pts")]
    [InlineData(-0.011, "-1.1 pts")]
    [InlineData(-0.00002, "0.00 pts")]
    [InlineData(0.00002, "0.00 pts")]
    [InlineData(0.0004, "+0.04 pts")]
    public void An_effect_is_shown_with_one_sign_in_percentage_points_and_none_when_it_rounds_to_nothing(double effect, string shown) =>
        Assert.Equal(shown, Forecaster.Effect(effect));

    [Theory]
    [InlineData("2025-06-30")]
    [InlineData("2022-12-31")]
    [InlineData("2019-06-30")]
    public void The_reasons_as_printed_add_up_to_the_forecast_as_printed_for_every_target_and_horizon(string asOf)
    {
        // Each number rounded on its own gave 'Result: 99.3% = the base rate 76.4% + 18.8 pts + 3.3 pts + 0.7 pts' (99.2).
        foreach (var f in Forecaster.Make(BundledRecord.Events, ForecastTarget.All, ForecastTarget.Horizons, KoreanDate.Parse(asOf)))
        {
            var result = f.Explanation.Single(line => line.StartsWith("Result: ", StringComparison.Ordinal));
            var match = System.Text.RegularExpressions.Regex.Match(result, @"^Result: (?<p>[0-9.]+)% = the base rate (?<b>[0-9.]+)%(?<e>( [+-] [0-9.]+ pts)*)\.$");
            Assert.True(match.Success, result);
            var effects = System.Text.RegularExpressions.Regex.Matches(match.Groups["e"].Value, @" ([+-]) ([0-9.]+) pts")
                .Select(m => (m.Groups[1].Value == "-" ? -1 : 1) * decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(f.Factors.Count, effects.Count);
            Assert.True(decimal.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture) + effects.Sum() == decimal.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture),
                $"{f.Target.Slug} {f.HorizonDays} days: {result}");
            // Each factor's own sentence prints the same effect as the sum.
            foreach (var (factor, printed) in f.Factors.Zip(Forecaster.PrintedEffects(f)))
            {
                Assert.Contains(f.Explanation, line => line.StartsWith(Sentence(factor.Name), StringComparison.Ordinal) && line.Contains($"({printed})", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void In_json_the_base_rate_plus_the_effects_is_the_probability_to_the_five_places_given()
    {
        // Rounded one by one to 5 places, ballistic in 30 days as of 2025-06-30 gave 0.36807 for a probability of 0.36806.
        foreach (var f in Forecaster.Make(BundledRecord.Events, ForecastTarget.All, ForecastTarget.Horizons, new KoreanDate(2025, 6, 30)))
        {
            var json = System.Text.Json.JsonDocument.Parse(Peninsula.Import.EventJson.SerializeValue(ForecastDocuments.Forecast(f))).RootElement;
            var sum = json.GetProperty("base_rate").GetDecimal() + json.GetProperty("factors").EnumerateArray().Sum(x => x.GetProperty("effect").GetDecimal());
            Assert.True(sum == json.GetProperty("probability").GetDecimal(), $"{f.Target.Slug} {f.HorizonDays} days: {sum} for {json.GetProperty("probability").GetDecimal()}");
        }
    }

    [Fact]
    public void Printed_effects_that_each_round_up_give_back_the_lost_tenths_to_add_up()
    {
        // 10% + four effects of 1.25 points is 15.0%; each rounded alone, 1.3 four times would print 15.2.
        var printed = Forecaster.PrintedEffects(0.10, [.. Enumerable.Repeat(new ForecastFactor("step", 0.0125), 4)], 0.15);

        Assert.Equal(5.0m, printed.Sum(p => decimal.Parse(p.TrimStart('+').Replace(" pts", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)));
        Assert.All(printed, p => Assert.Contains(p, new[] { "+1.2 pts", "+1.3 pts" }));
    }

    [Fact]
    public void A_negligible_negative_step_is_printed_without_a_sign_and_the_printed_steps_still_add_up()
    {
        // 0.50% base rate; a step of -0.0001 points leaves the printed 0.50%; then +0.10 points to 0.60%.
        var printed = Forecaster.PrintedEffects(0.005, [new ForecastFactor("regime change", -0.000001), new ForecastFactor("floor", 0.000999)], 0.005999);

        Assert.Equal(["0.00 pts", "+0.10 pts"], printed);
        Assert.DoesNotContain(printed, p => p.StartsWith("-0", StringComparison.Ordinal));
    }

    private static string Sentence(string factor) => factor switch
    {
        "long-run rate" => "Long-run rate: ",
        "current regime" => "Current regime: ",
        "regime change" => "A change of regime: ",
        "floor" => "Floor: ",
        "ceiling" => "Ceiling: ",
        "shorter horizon" => "Raised to the ",
        "announced plans" => "Announced plans: ",
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "A factor without a sentence."),
    };
}

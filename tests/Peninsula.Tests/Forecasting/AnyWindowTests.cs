using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Tests.Forecasting;

/// <summary>
/// Forecasts for any window, read off the fixed horizons. Expected values computed by hand in
/// Python: H = -ln(1 - p) at 7, 30, 90 and 365 days, joined by straight lines.
/// </summary>
public sealed class AnyWindowTests
{
    private const double Tolerance = 1e-9;

    private static HazardCurve Curve(double p7, double p30, double p90, double p365) =>
        new(ForecastTarget.Icbm, new KoreanDate(2024, 1, 1), new KoreanDate(2024, 1, 1), [(7, p7), (30, p30), (90, p90), (365, p365)]);

    [Fact]
    public void The_forecasts_read_off_one_data_set_on_an_earlier_day_are_those_of_the_record_rebuilt_as_of_that_day()
    {
        // A later day first: the change-point passes, kept from that day on, are run again from the earlier one.
        KoreanDate[] days = [new(2024, 3, 1), new(2017, 7, 4), BundledRecord.CoverageEndOf(BundledRecord.Events)];
        var data = ForecastData.Build(BundledRecord.Events, days[^1]);
        foreach (var target in new[] { ForecastTarget.Icbm, ForecastTarget.AnyMissile })
        {
            foreach (var day in days)
            {
                // The model before the plans (on 2024-03-01 the plan of December 2023 for three satellites is active,
                // which the fixed horizons add and windows and questions add over their own days).
                var rebuilt = Forecaster.Make(BundledRecord.Events, [target], ForecastTarget.Horizons, day).Select(f => (f.HorizonDays, f.ModelProbability));
                // Exactly: the questions' figures must not move in the last digit.
                Assert.Equal(rebuilt, Forecaster.ProbabilitiesAt(data, target, ForecastTarget.Horizons, day));
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Forecaster.ProbabilitiesAt(data, ForecastTarget.Icbm, ForecastTarget.Horizons, days[^1].AddDays(1)));
    }

    [Fact]
    public void The_curve_gives_back_each_fixed_horizon_exactly()
    {
        var curve = Curve(0.1, 0.3, 0.5, 0.8);
        Assert.Equal(0.1, curve.Probability(7), Tolerance);
        Assert.Equal(0.3, curve.Probability(30), Tolerance);
        Assert.Equal(0.5, curve.Probability(90), Tolerance);
        Assert.Equal(0.8, curve.Probability(365), Tolerance);
    }

    [Fact]
    public void Between_horizons_the_hazard_is_joined_by_a_straight_line()
    {
        var curve = Curve(0.1, 0.3, 0.5, 0.8);
        // python: H30 + (30/60)(H90 - H30) = 0.52491..., 1 - exp(-that)
        Assert.Equal(0.4083920216900384, curve.Probability(60), Tolerance);
        // days 11..20: H(20) - H(10) on the segment from 7 to 30 days
        Assert.Equal(0.10350910551947123, curve.Probability(11, 20), Tolerance);
    }

    [Fact]
    public void A_window_past_the_records_end_is_read_from_the_records_end_as_the_questions_model_reads_it()
    {
        // As of 2026-12-07 the models know the record to 2025-06-30: 'an ICBM by 2026-12-31' covered
        // the first 24 days after the record's end (3.8%) while the question's model, on the same
        // window, counted its days 526 to 549 after that end (2.4%).
        var asOf = new KoreanDate(2026, 12, 7);
        var until = new KoreanDate(2026, 12, 31);
        var window = WindowForecast.Make(BundledRecord.Events, ForecastTarget.Icbm, asOf, until);
        var question = new Peninsula.Questions.Question("icbm-eoy", "ICBM by the end of 2026?", ForecastTarget.Icbm, null, asOf.AddDays(1), until, null, null);
        var model = new Peninsula.Questions.QuestionModel(BundledRecord.Events).Forecast(question, asOf)!;

        Assert.Equal((526, 549), window.DaysAfterRecordEnd);
        Assert.Equal(model.Probability, window.Probability, 1e-6);
        // Both ends past a year after the record's end: the hazard grows at the 365-day forecast's rate, 24 days of it.
        var year = window.Horizons.Single(h => h.Days == 365).Probability;
        Assert.Equal(1 - Math.Pow(1 - year, 24.0 / 365), window.Probability, Tolerance);
    }

    [Fact]
    public void Beyond_a_year_the_hazard_grows_at_the_year_rate_so_two_years_is_one_year_twice()
    {
        var curve = Curve(0.1, 0.3, 0.5, 0.8);
        Assert.Equal(1 - (0.2 * 0.2), curve.Probability(730), Tolerance);
    }

    [Fact]
    public void A_longer_window_is_never_less_likely_even_when_a_horizon_is_below_a_shorter_one()
    {
        var curve = Curve(0.2, 0.1, 0.5, 0.4);
        var last = 0.0;
        for (var days = 1; days <= HazardCurve.MaxDays; days++)
        {
            var p = curve.Probability(days);
            Assert.True(p >= last, $"{days} days: {p} is below {last}");
            last = p;
        }

        Assert.Equal(0.2, curve.Probability(30), Tolerance);
    }

    [Fact]
    public void The_model_s_window_forecast_is_monotone_and_equals_its_fixed_horizons()
    {
        var asOf = new KoreanDate(2023, 6, 30);
        var events = BundledRecord.Events;
        var fixedHorizons = Forecaster.Make(events, [ForecastTarget.Ballistic], ForecastTarget.Horizons, asOf);
        var curve = HazardCurve.From(fixedHorizons);
        foreach (var f in fixedHorizons)
        {
            Assert.Equal(f.Probability, curve.Probability(f.HorizonDays), 1e-9);
        }

        var last = 0.0;
        for (var days = 1; days <= HazardCurve.MaxDays; days++)
        {
            var p = curve.Probability(days);
            Assert.InRange(p, last, 1.0);
            last = p;
        }

        var window = WindowForecast.Make(events, ForecastTarget.Ballistic, asOf, asOf.AddDays(90));
        Assert.Equal(fixedHorizons.Single(f => f.HorizonDays == 90).Probability, window.Probability, 1e-9);
        Assert.Equal(90, window.Days);
    }

    [Theory]
    [InlineData("2024-06-30", "not after")]
    [InlineData("2024-06-01", "not after")]
    [InlineData("2026-07-01", "at most two years ahead")]
    public void A_window_that_ends_on_or_before_its_date_or_beyond_two_years_is_refused_naming_until(string until, string reason)
    {
        var error = Assert.Throws<InputException>(() => WindowForecast.CheckWindow(new KoreanDate(2024, 6, 30), KoreanDate.Parse(until)));
        Assert.Equal("--until", error.Field);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_window_of_exactly_two_years_is_accepted()
    {
        WindowForecast.CheckWindow(new KoreanDate(2024, 6, 30), new KoreanDate(2026, 6, 30));
    }

    [Fact]
    public void A_window_that_starts_later_is_the_hazard_between_its_days_and_never_more_likely_than_from_tomorrow()
    {
        var asOf = new KoreanDate(2023, 6, 30);
        var fixedHorizons = Forecaster.Make(BundledRecord.Events, [ForecastTarget.Ballistic], ForecastTarget.Horizons, asOf);
        double P(int days) => fixedHorizons.Single(f => f.HorizonDays == days).Probability;

        // Days 31 to 90: no event in 90 days given none in the first 30, so 1 - (1 - p90) / (1 - p30).
        var later = WindowForecast.From(fixedHorizons, asOf.AddDays(90), asOf.AddDays(31));
        Assert.Equal(1 - ((1 - P(90)) / (1 - P(30))), later.Probability, Tolerance);
        Assert.Equal((asOf.AddDays(31), 60), (later.First, later.Days));
        Assert.Equal((31, 90), later.DaysAfterAsOf);

        for (var end = 1; end <= HazardCurve.MaxDays; end += 13)
        {
            var fromTomorrow = WindowForecast.From(fixedHorizons, asOf.AddDays(end)).Probability;
            for (var start = 2; start <= end; start += 11)
            {
                var p = WindowForecast.From(fixedHorizons, asOf.AddDays(end), asOf.AddDays(start)).Probability;
                Assert.True(p <= fromTomorrow + 1e-15, $"days {start} to {end}: {p} is above {fromTomorrow} from tomorrow");
            }
        }

        // Naming tomorrow as the start is the same window as leaving it out.
        Assert.Equal(WindowForecast.From(fixedHorizons, asOf.AddDays(90)).Probability, WindowForecast.From(fixedHorizons, asOf.AddDays(90), asOf.AddDays(1)).Probability, Tolerance);
    }

    [Fact]
    public void A_later_window_past_the_records_end_is_counted_from_the_records_end_as_a_question_with_that_window_is()
    {
        var asOf = new KoreanDate(2026, 12, 7);
        var (from, until) = (new KoreanDate(2027, 1, 1), new KoreanDate(2027, 6, 30));
        var window = WindowForecast.Make(BundledRecord.Events, ForecastTarget.Icbm, asOf, until, from);
        var question = new Peninsula.Questions.Question("icbm-h1-2027", "ICBM in the first half of 2027?", ForecastTarget.Icbm, null, from, until, null, null);
        var model = new Peninsula.Questions.QuestionModel(BundledRecord.Events).Forecast(question, asOf)!;

        Assert.Equal(model.Probability, window.Probability, 1e-6);
        Assert.Equal((from.DaysSince(window.DataUntil), until.DaysSince(window.DataUntil)), window.DaysAfterRecordEnd);
        Assert.True(window.Probability < WindowForecast.Make(BundledRecord.Events, ForecastTarget.Icbm, asOf, until).Probability);
    }

    [Fact]
    public void A_question_whose_window_began_after_the_records_end_is_forecast_over_the_days_the_record_does_not_cover()
    {
        // 'An ICBM in 2026?' asked on 2026-12-08 of the record ending on 2025-06-30: nothing of 2026 is
        // known, and an ICBM on any of its days, imported later, settles the question yes. The model
        // gives the whole year as seen from the record's end (it gave the last 23 days, as if the rest
        // were known to be quiet).
        var recordEnd = BundledRecord.CoverageEnd;
        var question = new Peninsula.Questions.Question("icbm-2026", "ICBM in 2026?", ForecastTarget.Icbm, null, new KoreanDate(2026, 1, 1), new KoreanDate(2026, 12, 31), null, null);
        var model = new Peninsula.Questions.QuestionModel(BundledRecord.Events);
        var whole = WindowForecast.Make(BundledRecord.Events, ForecastTarget.Icbm, recordEnd, question.Closes, question.Opens);
        var lastDays = WindowForecast.Make(BundledRecord.Events, ForecastTarget.Icbm, new KoreanDate(2026, 12, 8), question.Closes);

        Assert.Equal(whole.Probability, model.Forecast(question, new KoreanDate(2026, 12, 8))!.Probability, 1e-6);
        Assert.Equal(question.Opens, model.FirstUnknownDay(question, new KoreanDate(2026, 12, 8)));
        Assert.True(whole.Probability > 5 * lastDays.Probability, $"{whole.Probability} for 2026 against {lastDays.Probability} for its last 23 days");
        // With nothing recorded after the record's end, the days that pass change nothing.
        Assert.Equal(whole.Probability, model.Forecast(question, new KoreanDate(2026, 3, 1))!.Probability, 1e-6);
        Assert.Equal(whole.Probability, model.Forecast(question, new KoreanDate(2025, 8, 1))!.Probability, 1e-6);
    }

    [Theory]
    [InlineData("2024-06-30", "2024-12-31", "--from", "not after 2024-06-30")]
    [InlineData("2024-06-01", "2024-12-31", "--from", "not after 2024-06-30")]
    [InlineData("2024-09-01", "2024-08-31", "--until", "2024-08-31 is before 2024-09-01")]
    [InlineData("2024-09-01", "2026-07-01", "--until", "at most two years ahead")]
    public void A_window_starting_on_or_before_its_date_or_ending_before_it_starts_is_refused_naming_the_option(string from, string until, string field, string reason)
    {
        var error = Assert.Throws<InputException>(() => WindowForecast.CheckWindow(new KoreanDate(2024, 6, 30), KoreanDate.Parse(until), KoreanDate.Parse(from)));
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;
using Peninsula.Record;

namespace Peninsula.Tests.Questions;

/// <summary>
/// The model forecasts a question on an event filter as it forecasts a target: the same model on the
/// days with an event the filter matches, knowing only what the record knew as of the forecast's date.
/// </summary>
public sealed class FilterForecastTests
{
    private const double Tolerance = 1e-12;

    private const string UsDprkSummits = "kind=summit class=us-dprk";

    private static readonly KoreanDate AsOf = new(2019, 1, 21);

    // Metaculus 2580: a second Trump-Kim meeting before April 2019, asked from 2019-01-21; the record's answer is Hanoi, 2019-02-27.
    private static readonly Question SecondMeeting = new(
        "second-meeting", "Will President Trump meet Kim Jong-un for a second time before April 2019?", null, UsDprkSummits,
        new KoreanDate(2019, 1, 21), new KoreanDate(2019, 3, 31), null, null);

    // What the store's search gives for the filter (kind and class are exact columns): the record's US-DPRK summits.
    private static List<Event> SummitsOf(IEnumerable<Event> record) =>
        [.. record.Where(e => e.Kind == EventKind.Summit && e.Class == "us-dprk")];

    private static double Model(IReadOnlyList<Event> record, Question question, KoreanDate asOf) =>
        new QuestionModel(record, new Dictionary<string, IReadOnlyList<Event>> { [question.Filter!] = SummitsOf(record) }, AnnouncedPlans.None).Forecast(question, asOf)!.Probability;

    private static Event Summit(string id, KoreanDate date) => new()
    {
        Id = id,
        Kind = EventKind.Summit,
        Class = "us-dprk",
        Date = date,
        Actors = ["US", "DPRK"],
        Title = "A US-DPRK summit that did not happen",
        Sources = [new EventSource("Test", "https://example.org/", date.ToString(), null)],
    };

    [Fact]
    public void A_filter_question_gets_a_model_forecast_as_of_a_date_that_uses_only_events_known_by_then()
    {
        var record = BundledRecord.Events;
        var p = Model(record, SecondMeeting, AsOf);
        Assert.InRange(p, RollingForecast.Floor, 1 - RollingForecast.Floor);

        // A summit after the date, not yet announced by the record's rule (a week ahead), changes nothing ...
        var later = record.Append(Summit("2019-03-20-summit", new KoreanDate(2019, 3, 20))).ToList();
        Assert.Equal(p, Model(later, SecondMeeting, AsOf), Tolerance);

        // ... while one before it does: the model reads the filter's own past.
        var earlier = record.Append(Summit("2018-12-01-summit", new KoreanDate(2018, 12, 1))).ToList();
        Assert.True(Model(earlier, SecondMeeting, AsOf) > p);
    }

    [Fact]
    public void An_exercise_announced_by_the_forecast_s_date_makes_the_forecast_the_model_s_ceiling()
    {
        // Exercises are announced by the allies about a week ahead: Dong Maeng 19-1 (2019-03-04) counts as known from 2019-02-25.
        // Summits no longer count this way (AnnouncedPlansTests): only a plan announced in public tells of one ahead.
        const string exercises = "kind=military-exercise class=us-rok";
        var record = BundledRecord.Events;
        var question = new Question("exercise", "A US-ROK exercise in March 2019?", null, exercises, new KoreanDate(2019, 2, 20), new KoreanDate(2019, 3, 10), null, null);
        var model = new QuestionModel(
            record,
            new Dictionary<string, IReadOnlyList<Event>> { [exercises] = [.. record.Where(e => e.Kind == EventKind.MilitaryExercise && e.Class == "us-rok")] },
            AnnouncedPlans.None);
        Assert.Equal(1 - RollingForecast.Floor, model.Forecast(question, new KoreanDate(2019, 2, 25))!.Probability, Tolerance);
        Assert.True(model.Forecast(question, new KoreanDate(2019, 2, 24))!.Probability < 1 - RollingForecast.Floor);
    }

    [Fact]
    public void A_filter_equivalent_to_a_target_gives_the_target_s_forecast()
    {
        var record = BundledRecord.Events;
        var onTarget = new Question("icbm", "ICBM by the end of 2018?", ForecastTarget.Icbm, null, new KoreanDate(2017, 2, 10), new KoreanDate(2018, 12, 31), null, null);
        var onFilter = onTarget with { Target = null, Filter = "kind=missile-launch class=icbm" };
        var icbms = record.Where(e => e.Kind == EventKind.MissileLaunch && e.Class == "icbm").ToList();
        var model = new QuestionModel(record, new Dictionary<string, IReadOnlyList<Event>> { [onFilter.Filter!] = icbms }, AnnouncedPlans.None);
        foreach (var day in new[] { new KoreanDate(2017, 2, 11), new KoreanDate(2017, 6, 1), new KoreanDate(2018, 3, 1) })
        {
            Assert.Equal(model.Forecast(onTarget, day)!.Probability, model.Forecast(onFilter, day)!.Probability, Tolerance);
        }
    }

    [Fact]
    public void A_longer_window_on_a_filter_never_has_a_lower_probability()
    {
        var record = BundledRecord.Events;
        var previous = 0.0;
        foreach (var days in new[] { 3, 7, 20, 30, 60, 90, 200, 365, 500, 700 })
        {
            var p = Model(record, SecondMeeting with { Closes = AsOf.AddDays(days) }, AsOf);
            Assert.True(p >= previous, $"{days} days: {p} is below {previous}");
            previous = p;
        }

        Assert.True(previous > Model(record, SecondMeeting with { Closes = AsOf.AddDays(3) }, AsOf));
    }

    [Fact]
    public void A_filter_the_record_never_matched_gets_the_model_s_floor_bounded_forecast_and_says_so()
    {
        var target = ForecastTarget.OfFilter("kind=summit class=dprk-china since=2030-01-01", []);
        var forecast = Forecaster.Make(BundledRecord.Events, [target], [30], new KoreanDate(2019, 1, 21)).Single();
        Assert.InRange(forecast.Probability, RollingForecast.Floor, 0.01);
        Assert.Contains(forecast.Explanation, line => line.StartsWith("The record has no event this filter (kind=summit class=dprk-china since=2030-01-01) matches up to 2019-01-21", StringComparison.Ordinal));
    }
}

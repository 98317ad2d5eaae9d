using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;
using Peninsula.Record;

namespace Peninsula.Tests.Questions;

/// <summary>
/// A plan announced in public (a summit agreed with a time frame, a notified launch window) tells a
/// forecaster of an event ahead; the model reads it by the rule of docs/forecast-selection.md, "Round
/// 3": while the plan is active, the share of earlier plans of its kind that were kept, times the part
/// of its frame inside the window, adds to the model's own chance as an independent way for the event
/// to come. Whether a plan was kept, the record says.
/// </summary>
public sealed class AnnouncedPlansTests
{
    private const double Tolerance = 1e-6;

    private const string Header = "id,announced,kind,class,title,frame_from,frame_to,revises,cancelled,source_name,source_url,cancelled_source_url,note\n";

    private const string UsDprkSummits = "kind=summit class=us-dprk";

    // Two earlier plans the record settles: the first inter-Korean summit was held on its dates
    // (2000-06-13), the 2007 one only on 2007-10-02, more than 30 days after its announced frame.
    private const string EarlierPlans =
        "2000-inter-korean,2000-04-10,summit,inter-korean,First inter-Korean summit agreed,2000-06-12,2000-06-14,,,Test,https://example.org/2000,,\n" +
        "2007-inter-korean,2007-08-08,summit,inter-korean,Second inter-Korean summit agreed,2007-08-28,2007-08-30,,,Test,https://example.org/2007,,\n";

    // A second Trump-Kim meeting "near the end of February", announced on 2019-01-19 (Korea).
    private const string Hanoi =
        "2019-us-dprk,2019-01-19,summit,us-dprk,A second Trump-Kim summit near the end of February,2019-02-21,2019-02-28,,,Test,https://example.org/2019,,\n";

    private static readonly Question SecondMeeting = new(
        "second-meeting", "Will President Trump meet Kim Jong-un for a second time before April 2019?", null, UsDprkSummits,
        new KoreanDate(2019, 1, 21), new KoreanDate(2019, 3, 31), null, null);

    private static AnnouncedPlans Table(string rows) => AnnouncedPlans.Read(new StringReader(Header + rows), "plans.csv");

    private static List<Event> SummitsOf(IEnumerable<Event> record) =>
        [.. record.Where(e => e.Kind == EventKind.Summit && e.Class == "us-dprk")];

    private static QuestionModel Model(AnnouncedPlans plans) =>
        new(BundledRecord.Events, new Dictionary<string, IReadOnlyList<Event>> { [UsDprkSummits] = SummitsOf(BundledRecord.Events) }, plans);

    private static double P(AnnouncedPlans plans, Question question, KoreanDate asOf) => Model(plans).Forecast(question, asOf)!.Probability;

    [Fact]
    public void An_active_plan_adds_the_share_of_earlier_plans_kept_to_the_model_s_own_chance()
    {
        var asOf = new KoreanDate(2019, 1, 21);
        var alone = P(AnnouncedPlans.None, SecondMeeting, asOf);

        // One of the two earlier plans was kept: (1 + 1) / (2 + 2) with the uniform prior, and the whole frame is in the window.
        var withPlan = P(Table(EarlierPlans + Hanoi), SecondMeeting, asOf);
        Assert.Equal(1 - ((1 - alone) * (1 - 0.5)), withPlan, Tolerance);

        // Before its announcement the plan is not known.
        var before = new KoreanDate(2019, 1, 18);
        Assert.Equal(P(AnnouncedPlans.None, SecondMeeting, before), P(Table(EarlierPlans + Hanoi), SecondMeeting, before), Tolerance);
    }

    [Fact]
    public void The_note_names_the_plan_its_report_and_the_evidence_for_its_chance()
    {
        var note = Model(Table(EarlierPlans + Hanoi)).Note(SecondMeeting, new KoreanDate(2019, 1, 21));
        Assert.NotNull(note);
        Assert.Contains("Announced on 2019-01-19: A second Trump-Kim summit near the end of February (2019-02-21 to 2019-02-28; https://example.org/2019)", note, StringComparison.Ordinal);
        Assert.Contains("Of 2 earlier summit plans whose outcome was known, 1 were kept (share 50.0% with a uniform prior)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_part_of_the_frame_inside_the_window_counts()
    {
        var asOf = new KoreanDate(2019, 1, 21);
        var alone = P(AnnouncedPlans.None, SecondMeeting with { Closes = new KoreanDate(2019, 2, 24) }, asOf);
        var p = P(Table(EarlierPlans + Hanoi), SecondMeeting with { Closes = new KoreanDate(2019, 2, 24) }, asOf);

        // Four of the frame's eight days (21 to 24 February) are in the window.
        Assert.Equal(1 - ((1 - alone) * (1 - (0.5 * 4 / 8))), p, Tolerance);
    }

    [Fact]
    public void A_plan_called_off_adds_nothing_until_a_revision_revives_it()
    {
        const string plans =
            "2018-date,2018-05-11,summit,us-dprk,Singapore on 12 June,2018-06-12,2018-06-12,,2018-05-25,Test,https://example.org/may,https://example.org/off,\n" +
            "2018-revived,2018-06-02,summit,us-dprk,Singapore back on,2018-06-12,2018-06-12,2018-date,,Test,https://example.org/june,,\n";
        var question = new Question("meet-2018", "Will Trump and Kim meet in 2018?", null, UsDprkSummits, new KoreanDate(2018, 3, 9), new KoreanDate(2018, 12, 31), null, null);
        var table = Table(plans);

        var active = new KoreanDate(2018, 5, 20);
        Assert.True(P(table, question, active) > P(AnnouncedPlans.None, question, active) + 0.3);

        var calledOff = new KoreanDate(2018, 5, 26);
        Assert.Equal(P(AnnouncedPlans.None, question, calledOff), P(table, question, calledOff), Tolerance);

        // Revived: the chain is open again. The called-off step is not counted as a failed plan of its own.
        var revived = new KoreanDate(2018, 6, 3);
        Assert.Equal(1 - ((1 - P(AnnouncedPlans.None, question, revived)) * (1 - 0.5)), P(table, question, revived), Tolerance);
    }

    [Fact]
    public void A_plan_whose_frame_has_passed_spreads_its_chance_over_the_grace_days_then_is_counted_as_not_kept()
    {
        var question = SecondMeeting with { Opens = new KoreanDate(2019, 3, 1), Closes = new KoreanDate(2019, 3, 15) };
        var plans = Table(EarlierPlans +
            "late,2019-01-19,summit,us-dprk,A meeting in mid-February that came late,2019-02-10,2019-02-12,,,Test,https://example.org/late,,\n" +
            "next,2019-05-01,summit,us-dprk,A meeting in late June,2019-06-20,2019-06-25,,,Test,https://example.org/next,,\n");
        var asOf = new KoreanDate(2019, 2, 20);

        // Frame passed on 12 February: the 30 days after it run to 14 March, of which 1 to 14 March (14 of 22 days from 21 February) are in the window.
        var alone = P(AnnouncedPlans.None, question, asOf);
        Assert.Equal(1 - ((1 - alone) * (1 - (0.5 * 14 / 22))), P(plans, question, asOf), Tolerance);

        // Hanoi came on 27 February, within the grace days: the plan counts as kept when a later plan
        // asks, beside the two earlier ones (one kept): (2 + 1) / (3 + 2).
        var later = plans.On(BundledRecord.Events).Outlook(p => p.Class == "us-dprk", new KoreanDate(2019, 6, 1), new KoreanDate(2019, 6, 2), new KoreanDate(2019, 6, 30));
        var next = Assert.Single(later.Plans);
        Assert.Equal(("next", 2, 3, 0.6), (next.Plan.Id, next.Kept, next.Resolved, next.KeptShare));
    }

    [Fact]
    public void A_notified_launch_window_counts_for_the_targets_that_count_a_satellite_launch_and_no_others()
    {
        var plans = Table("2023-window,2023-05-30,satellite-launch,,Launch window notified to Japan's coast guard,2023-05-31,2023-06-11,,,Test,https://example.org/notice,,\n");
        var asOf = new KoreanDate(2023, 5, 30);
        foreach (var target in ForecastTarget.All)
        {
            var question = new Question($"q-{target.Slug}", "In the window?", target, null, asOf, new KoreanDate(2023, 6, 30), null, null);
            var raised = P(plans, question, asOf) > P(AnnouncedPlans.None, question, asOf) + 1e-9;
            Assert.True(raised == target.Slug is "satellite-launch" or "ballistic" or "any-missile", $"{target.Slug}: raised {raised}");
        }
    }

    [Fact]
    public void A_summit_is_no_longer_known_a_week_ahead_without_a_plan()
    {
        // Hanoi (2019-02-27) used to count as known from 2019-02-20 and gave 99.9%.
        Assert.True(P(AnnouncedPlans.None, SecondMeeting, new KoreanDate(2019, 2, 20)) < 0.5);
    }

    [Theory]
    [InlineData("dup,2019-01-19,summit,us-dprk,Again,2019-02-21,2019-02-28,,,Test,https://example.org/b,,\n", 3, "id")]
    [InlineData("x,2019-01-19,summit,,No class,2019-02-21,2019-02-28,,,Test,https://example.org/b,,\n", 3, "class")]
    [InlineData("x,2019-01-19,summit,us-dprk,Revises nothing known,2019-02-21,2019-02-28,nowhere,,Test,https://example.org/b,,\n", 3, "revises")]
    [InlineData("x,2019-01-19,summit,us-dprk,Frame reversed,2019-02-28,2019-02-21,,,Test,https://example.org/b,,\n", 3, "frame_to")]
    [InlineData("x,2019-01-19,summit,us-dprk,Called off without a report,2019-02-21,2019-02-28,,2019-02-01,Test,https://example.org/b,,\n", 3, "cancelled_source_url")]
    [InlineData("x,2019-01-19,summit,us-dprk,No report,2019-02-21,2019-02-28,,,Test,,,\n", 3, "source_url")]
    [InlineData("x,2019-01-19,parade,,Not a kind,2019-02-21,2019-02-28,,,Test,https://example.org/b,,\n", 3, "kind")]
    public void A_bad_row_is_refused_with_its_file_line_and_column(string row, long line, string column)
    {
        const string first = "dup,2019-01-19,summit,us-dprk,First,2019-02-21,2019-02-28,,,Test,https://example.org/a,,\n";
        var error = Assert.Throws<InputException>(() => Table(first + row));
        Assert.Equal(("plans.csv", line, column), (error.File, error.Line, error.Field));
    }

    [Fact]
    public void A_window_forecast_reads_the_plans_a_question_on_the_same_days_reads()
    {
        // North Korea notified Japan's coast guard on 2023-05-29 of a satellite launch between
        // 31 May and 10 June 2023 (the bundled table); asked the day after, the window of those days.
        var asOf = new KoreanDate(2023, 5, 30);
        var (first, until) = (new KoreanDate(2023, 5, 31), new KoreanDate(2023, 6, 10));
        var plans = AnnouncedPlans.Bundled.On(BundledRecord.Events);

        var window = WindowForecast.Make(BundledRecord.Events, ForecastTarget.SatelliteLaunch, asOf, until).WithPlans(plans);
        var question = new Question("satellite", "A satellite launch from 31 May to 10 June 2023?", ForecastTarget.SatelliteLaunch, null, first, until, null, null);

        Assert.Equal("2023-05-satellite-may-31-jun-10", Assert.Single(window.Plans).Plan.Id);
        Assert.True(window.Probability > window.ModelProbability + 0.3, $"{window.Probability} against the model's {window.ModelProbability}");
        Assert.Equal(new QuestionModel(BundledRecord.Events).Forecast(question, asOf)!.Probability, window.Probability, Tolerance);

        // Once the launch of 2023-05-31 has carried the plan out, no plan is active: the model's alone.
        var after = WindowForecast.Make(BundledRecord.Events, ForecastTarget.SatelliteLaunch, new KoreanDate(2023, 6, 15), new KoreanDate(2023, 7, 15)).WithPlans(plans);
        Assert.Empty(after.Plans);
        Assert.Equal(after.ModelProbability, after.Probability);
    }

    [Fact]
    public void A_fixed_horizon_reads_the_plans_as_the_window_of_its_days_does_and_its_reasons_still_add_up()
    {
        // As of 2023-05-30 the notified window is 31 May to 10 June: 7 of its 11 days fall in the next 7 days.
        var asOf = new KoreanDate(2023, 5, 30);
        var plans = AnnouncedPlans.Bundled.On(BundledRecord.Events);
        var forecasts = Forecaster.Make(BundledRecord.Events, [ForecastTarget.SatelliteLaunch], ForecastTarget.Horizons, asOf);

        foreach (var f in forecasts)
        {
            var window = WindowForecast.From(forecasts, asOf.AddDays(f.HorizonDays)).WithPlans(plans);
            Assert.Equal(window.Probability, f.Probability, Tolerance);
            Assert.Equal(window.ModelProbability, f.ModelProbability, Tolerance);
            Assert.Equal("2023-05-satellite-may-31-jun-10", Assert.Single(f.Plans).Plan.Id);
            var plan = Assert.Single(f.Factors, x => x.Name == "announced plans");
            Assert.Equal(f.Probability - f.ModelProbability, plan.Effect, 1e-12);
            Assert.Equal(f.Probability, f.BaseRate + f.Factors.Sum(x => x.Effect), 1e-12);
            Assert.Contains(f.Explanation, line => line.StartsWith("Announced plans: Announced on 2023-05-29", StringComparison.Ordinal));
        }

        var week = forecasts.Single(f => f.HorizonDays == 7);
        Assert.Equal(1 - ((1 - week.ModelProbability) * (1 - (5.0 / 6 * 7 / 11))), week.Probability, Tolerance);
        // A longer horizon is still never below a shorter one.
        Assert.True(forecasts.Zip(forecasts.Skip(1)).All(x => x.Second.Probability >= x.First.Probability));

        // The targets that cannot count a satellite launch, and days with no plan active, are the model's alone.
        var icbm = Forecaster.Make(BundledRecord.Events, [ForecastTarget.Icbm], [30], asOf).Single();
        var later = Forecaster.Make(BundledRecord.Events, [ForecastTarget.SatelliteLaunch], [30], new KoreanDate(2023, 6, 15)).Single();
        Assert.All(new[] { icbm, later }, f =>
        {
            Assert.Empty(f.Plans);
            Assert.Equal(f.ModelProbability, f.Probability);
            Assert.DoesNotContain(f.Factors, x => x.Name == "announced plans");
        });
    }

    [Fact]
    public void The_backtest_scores_the_forecast_model_with_the_plans_and_every_other_model_without()
    {
        var issue = new KoreanDate(2023, 5, 30);
        var result = Backtest.Run(BundledRecord.Events, ForecastTarget.SatelliteLaunch, 7, issue, issue, step: 1);
        var scored = Assert.Single(result.Forecasts);
        var model = result.Scores.Select(s => s.Model).ToList();
        double P(string name) => scored.Probabilities[model.IndexOf(name)];

        Assert.Equal(issue, scored.IssueDate);
        Assert.True(scored.Happened);
        Assert.Equal(Forecaster.Make(BundledRecord.Events, [ForecastTarget.SatelliteLaunch], [7], issue).Single().Probability, P(RollingForecast.ForecastModel), Tolerance);
        Assert.True(P(RollingForecast.ForecastModel) > 0.5, $"{P(RollingForecast.ForecastModel)}");
        Assert.True(P("change-point-by-class") < 0.01, $"the chosen candidate before plans: {P("change-point-by-class")}");
        Assert.True(P("recent-rate-365d") < 0.01 && P("change-point") < 0.01);
    }

    [Fact]
    public void An_event_on_the_day_a_plan_is_announced_carries_it_out_only_inside_its_frame()
    {
        var plans = AnnouncedPlans.Bundled.On(BundledRecord.Events);

        // After the failed launch of 2023-08-24 North Korea said it would try again in October: that
        // day's launch did not carry the plan out, so on 1 September it is active for October.
        var september = plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2023, 9, 1), new KoreanDate(2023, 9, 2), new KoreanDate(2023, 10, 31));
        var october = Assert.Single(september.Plans);
        Assert.Equal("2023-08-satellite-october", october.Plan.Id);
        Assert.Equal(1.0, october.InWindow, Tolerance);

        // At Panmunjom on 2018-04-27 the leaders agreed Moon would visit Pyongyang in the autumn: the
        // summit of that day is not the autumn one, which the plan waits for until 2018-09-18.
        var panmunjom = ForecastTarget.OfFilter("kind=summit class=inter-korean", []);
        var may = plans.Outlook(panmunjom, new KoreanDate(2018, 5, 1), new KoreanDate(2018, 5, 2), new KoreanDate(2018, 12, 31));
        Assert.Equal("2018-04-ikorean-pyongyang-autumn", Assert.Single(may.Plans).Plan.Id);
        // (By then the plan agreed in Pyongyang, Kim's visit to Seoul within the year, is the active one.)
        var september2018 = plans.Outlook(panmunjom, new KoreanDate(2018, 9, 20), new KoreanDate(2018, 9, 21), new KoreanDate(2018, 12, 31));
        Assert.Equal("2018-09-kim-seoul-within-year", Assert.Single(september2018.Plans).Plan.Id);

        // A launch on the day of its own notice, inside the notified window, carries it out (2024-05-27).
        Assert.Empty(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2024, 5, 27), new KoreanDate(2024, 5, 28), new KoreanDate(2024, 6, 30)).Plans);
    }
}

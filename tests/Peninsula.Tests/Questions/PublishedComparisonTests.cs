using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;
using Peninsula.Record;
using Peninsula.Storage;
using Peninsula.Tests.Storage;

namespace Peninsula.Tests.Questions;

/// <summary>
/// The model against published forecasts on a small set whose Brier scores were computed by hand:
/// which questions are scored, the model asked as of each forecast's date, and the totals forecast
/// by forecast and with each question weighed once.
/// </summary>
public sealed class PublishedComparisonTests
{
    private const double Tolerance = 1e-12;

    private static readonly Question Quiet = new(
        "icbm-2019", "Will North Korea launch an ICBM in 2019?", ForecastTarget.Icbm, null, new KoreanDate(2019, 1, 1), new KoreanDate(2019, 12, 31), "https://example.org/q/1", null);

    private static readonly Question Flew = new(
        "icbm-2022", "Will North Korea launch an ICBM in 2022?", ForecastTarget.Icbm, null, new KoreanDate(2022, 1, 15), new KoreanDate(2022, 12, 31), "https://example.org/q/2", null);

    private static readonly Question Open = new(
        "icbm-2026", "Will North Korea launch an ICBM before 2027?", ForecastTarget.Icbm, null, new KoreanDate(2025, 6, 1), new KoreanDate(2026, 12, 31), null, null);

    private static readonly Question OnAFilter = new(
        "summit", "A summit in 2019?", null, "kind=summit", new KoreanDate(2019, 1, 1), new KoreanDate(2019, 12, 31), null, null);

    private static PublishedForecasts Set() => new(
        new QuestionFiles.Contents(
            [Quiet, Flew, Open, OnAFilter],
            [
                new(Quiet.Id, "crowd A", new KoreanDate(2018, 12, 31), 0.3, "https://example.org/f/1"),
                new(Quiet.Id, "crowd A", new KoreanDate(2019, 3, 1), 0.2, "https://example.org/f/2"),
                new(Flew.Id, "signal B", new KoreanDate(2022, 2, 1), 0.5, "https://example.org/f/3"),
                new(Open.Id, "crowd A", new KoreanDate(2025, 6, 1), 0.4, "https://example.org/f/4"),
                new(OnAFilter.Id, "crowd A", new KoreanDate(2019, 1, 1), 0.1, "https://example.org/f/5"),
            ],
            new Dictionary<string, bool>(StringComparer.Ordinal) { [Quiet.Id] = false, [Flew.Id] = true }),
        new Dictionary<string, PublishedForecaster>(StringComparer.Ordinal)
        {
            ["crowd A"] = new("crowd A", PublishedForecaster.Crowd, "a crowd"),
            ["signal B"] = new("signal B", PublishedForecaster.Signal, "a signal"),
        });

    // What the store's search gives for "kind=summit" (an exact column): the record's summits.
    private static Dictionary<string, IReadOnlyList<Event>> Summits(IEnumerable<Event> record) =>
        new(StringComparer.Ordinal) { [OnAFilter.Filter!] = [.. record.Where(e => e.Kind == EventKind.Summit)] };

    [Fact]
    public void Each_published_forecast_on_a_resolved_question_is_scored_beside_the_model_asked_as_of_its_date()
    {
        var record = BundledRecord.Events;
        var comparison = PublishedComparison.Compute(Set(), record, Summits(record));
        Assert.Equal(4, comparison.Rows.Count);
        var model = new QuestionModel(record, Summits(record));
        foreach (var row in comparison.Rows)
        {
            Assert.Equal(model.Forecast(row.Question with { Resolution = null }, row.Published.AsOf)!.Probability, row.Model, Tolerance);
            Assert.Equal(Math.Pow(row.Model - (row.Outcome ? 1 : 0), 2), row.ModelBrier, Tolerance);
        }

        var flew = comparison.Rows.Single(r => r.Question.Id == Flew.Id);
        Assert.True(flew.Outcome);
        Assert.Equal("2022-03-16-icbm-hwasong-17", flew.Question.Resolution!.EventId);
        Assert.Equal(record.Single(e => e.Id == "2022-03-16-icbm-hwasong-17").Title, flew.ResolvingEventTitle);
        Assert.Equal(PublishedForecaster.Signal, flew.Kind);
        Assert.Equal(0.25, flew.Brier, Tolerance);
        Assert.All(comparison.Rows.Where(r => r.Question.Id == Quiet.Id), r => Assert.False(r.Outcome));
    }

    [Fact]
    public void A_question_the_record_leaves_open_is_listed_as_not_scored()
    {
        var comparison = PublishedComparison.Compute(Set(), BundledRecord.Events, Summits(BundledRecord.Events));
        var open = Assert.Single(comparison.NotScored);
        Assert.StartsWith("icbm-2026: open in the record (it ends on 2025-06-30)", open, StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_comparison_scores_a_question_on_a_filter_resolved_and_forecast_from_the_filter_s_events()
    {
        var record = BundledRecord.Events;
        var comparison = PublishedComparison.Compute(Set(), record, Summits(record));
        var row = Assert.Single(comparison.Rows, r => r.Question.Id == OnAFilter.Id);
        // The record's first summit of 2019: Kim Jong Un in Beijing from 2019-01-07.
        Assert.True(row.Outcome);
        Assert.Equal(new KoreanDate(2019, 1, 7), row.Question.Resolution!.On);
        Assert.Equal(0.81, row.Brier, Tolerance);
        var model = new QuestionModel(record, Summits(record)).Forecast(OnAFilter, new KoreanDate(2019, 1, 1))!.Probability;
        Assert.Equal(model, row.Model, Tolerance);
        Assert.Equal(Math.Pow(1 - model, 2), row.ModelBrier, Tolerance);

        // Without the filter's events the comparison cannot score it, and says so rather than skip it.
        Assert.Throws<ArgumentException>(() => PublishedComparison.Compute(Set(), record, new Dictionary<string, IReadOnlyList<Event>>()));
    }

    [Fact]
    public void Totals_weigh_each_forecast_once_and_each_question_once()
    {
        var comparison = PublishedComparison.Compute(Set(), BundledRecord.Events, Summits(BundledRecord.Events));
        // By hand: crowd A on the quiet year, 0.3 and 0.2 on a no (0.09, 0.04), and 0.1 on the summit, a yes (0.81); signal B, 0.5 on a yes (0.25).
        var all = comparison.All;
        Assert.Equal((4, 3), (all.Forecasts, all.Questions));
        Assert.Equal((0.09 + 0.04 + 0.25 + 0.81) / 4, all.Brier, Tolerance);
        Assert.Equal((((0.09 + 0.04) / 2) + 0.25 + 0.81) / 3, all.BrierPerQuestion, Tolerance);
        var crowds = comparison.ByKind.Single(k => k.Kind == PublishedForecaster.Crowd).Totals;
        Assert.Equal((3, 2), (crowds.Forecasts, crowds.Questions));
        Assert.Equal((0.09 + 0.04 + 0.81) / 3, crowds.Brier, Tolerance);
        var models = comparison.Rows.Select(r => r.ModelBrier).ToList();
        Assert.Equal(models.Average(), all.ModelBrier, Tolerance);
        Assert.Equal((((models[0] + models[1]) / 2) + models[2] + models[3]) / 3, all.ModelBrierPerQuestion, Tolerance);
        Assert.Equal([Quiet.Id, Flew.Id, OnAFilter.Id], comparison.ByQuestion.Select(q => q.Question.Id));
    }

    [Fact]
    public void Totals_give_the_model_s_score_minus_the_published_with_an_interval_from_resampling_questions_and_count_questions_won()
    {
        var comparison = PublishedComparison.Compute(Set(), BundledRecord.Events, Summits(BundledRecord.Events));
        var all = comparison.All;
        Assert.Equal(all.ModelBrier - all.Brier, all.GapPerForecast.Estimate, Tolerance);
        Assert.Equal(all.ModelBrierPerQuestion - all.BrierPerQuestion, all.GapPerQuestion.Estimate, Tolerance);
        Assert.InRange(all.GapPerQuestion.Estimate, all.GapPerQuestion.Low, all.GapPerQuestion.High);
        Assert.InRange(all.GapPerForecast.Estimate, all.GapPerForecast.Low, all.GapPerForecast.High);

        // Question by question: the model's mean Brier against the published mean on that question.
        var won = comparison.ByQuestion.Count(q => q.Totals.ModelBrier < q.Totals.Brier);
        var lost = comparison.ByQuestion.Count(q => q.Totals.ModelBrier > q.Totals.Brier);
        Assert.Equal((won, lost), (all.ModelBetterOn, all.ModelWorseOn));
        Assert.Equal(3, won + lost);

        // One question alone cannot be resampled: its interval is unknown, its estimate is not.
        var flew = comparison.ByQuestion.Single(q => q.Question.Id == Flew.Id).Totals;
        Assert.True(double.IsNaN(flew.GapPerQuestion.Low) && double.IsNaN(flew.GapPerQuestion.High));
        Assert.Equal(flew.ModelBrier - flew.Brier, flew.GapPerQuestion.Estimate, Tolerance);
    }

    [Fact]
    public void The_figures_follow_the_record_they_are_computed_from()
    {
        // An ICBM imported into 2019 turns the quiet year into a yes, resolved by that event: nothing is read from a stored result.
        var launch = Sample.Launch("2019-06-01-icbm-hwasong-19", "2019-06-01");
        var record = BundledRecord.Events.Append(launch).OrderBy(e => e.Date).ToList();
        var comparison = PublishedComparison.Compute(Set(), record, Summits(record));
        var quiet = comparison.Rows.Where(r => r.Question.Id == Quiet.Id).ToList();
        Assert.All(quiet, r => Assert.True(r.Outcome));
        Assert.All(quiet, r => Assert.Equal(launch.Id, r.Question.Resolution!.EventId));
        Assert.Equal(0.49, quiet[0].Brier, Tolerance);
    }

    [Fact]
    public async Task The_bundled_comparison_gives_the_model_s_figures_of_the_record_rebuilt_as_of_each_forecast_s_date()
    {
        using var backend = new SqliteBackend();
        await using var store = backend.Open();
        await EventStores.EnsureBundledRecordAsync(store);
        var published = PublishedForecasts.Bundled;
        var record = await store.ListAsync(EventQuery.All);
        var filterEvents = await QuestionResolver.FilterEventsAsync(store, published.Contents.Questions);
        var comparison = PublishedComparison.Compute(published, record, filterEvents);

        // The definition the comparison reads faster (one data set for every date): the window's
        // forecast on the record rebuilt as of each date, with the plans active then, as forecast
        // --until makes it. On each target's earliest and latest forecast, so that the test stays
        // quick as the questions file grows; the figures must agree to the six places the model keeps.
        var model = new QuestionModel(record, filterEvents);
        var plans = AnnouncedPlans.Bundled.On(record);
        var checkedRows = comparison.Rows
            .GroupBy(r => model.TargetOf(r.Question).Slug, StringComparer.Ordinal)
            .SelectMany(g => new[] { g.MinBy(r => r.Published.AsOf)!, g.MaxBy(r => r.Published.AsOf)! }.Distinct())
            .ToList();
        Assert.True(checkedRows.Count >= 4, $"only {checkedRows.Count} rows to check");
        foreach (var row in checkedRows)
        {
            var (q, asOf) = (row.Question, row.Published.AsOf);
            var from = q.Opens > asOf.AddDays(1) ? q.Opens : (KoreanDate?)null;
            var window = WindowForecast.Make(record, model.TargetOf(q), asOf, q.Closes, from).WithPlans(plans);
            Assert.Equal(Math.Round(window.Probability, 6), row.Model);
        }
    }
}

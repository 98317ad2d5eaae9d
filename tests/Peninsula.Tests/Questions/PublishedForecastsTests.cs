using Peninsula.Import;
using Peninsula.Questions;
using Peninsula.Record;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Questions;

/// <summary>The published forecasts bundled in data/questions: readable, sourced, and resolved by the record as the file states.</summary>
public sealed class PublishedForecastsTests
{
    private static readonly string File = Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "questions", "resolved-crowd.csv");

    private static readonly string Forecasters = Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "questions", "forecasters.csv");

    /// <summary>
    /// The bundled record and, after it, the events of the newer edition of bench/forecast-newer
    /// (compiled from published reports for the forecast model's clean test), which settle the
    /// questions asked after the bundled record ends, as the question benchmark imports it.
    /// </summary>
    private static IReadOnlyList<Peninsula.Events.Event> RecordWithNewerEdition()
    {
        var newer = new ReferenceMissilesImporter().Read(Tests.Import.NewerEditionTests.Newer("missile-tests.csv")).Events
            .Concat(new ReferenceProvocationsImporter().Read(Tests.Import.NewerEditionTests.Newer("provocations.csv")).Events);
        return [.. BundledRecord.Events, .. newer];
    }

    [Fact]
    public void Every_question_has_a_source_and_a_dated_forecast_and_the_record_resolves_it_as_stated()
    {
        var contents = QuestionFiles.Read(File);
        Assert.True(contents.Questions.Count >= 15);
        var record = RecordWithNewerEdition();
        var end = BundledRecord.CoverageEndOf(record);
        foreach (var q in contents.Questions)
        {
            Assert.NotNull(q.Url);
            var forecasts = contents.Forecasts.Where(f => f.QuestionId == q.Id).ToList();
            Assert.NotEmpty(forecasts);
            Assert.All(forecasts, f => Assert.NotNull(f.Url));
            Assert.All(forecasts, f => Assert.True(f.AsOf < q.Closes, $"{q.Id}: a forecast after its window"));

            var inWindow = record.Where(e => e.Date >= q.Opens && e.Date <= q.Closes).ToList();
            var resolution = QuestionResolver.Resolve(q, inWindow, end);
            Assert.NotNull(resolution);
            Assert.Equal(contents.StatedOutcomes[q.Id], resolution.Outcome);
        }
    }

    [Fact]
    public void Every_forecaster_is_listed_as_a_crowd_or_a_signal_and_fifteen_questions_have_a_crowds_forecast()
    {
        var contents = QuestionFiles.Read(File);
        using var text = System.IO.File.OpenText(Forecasters);
        var kinds = CsvTable.Read(text, Forecasters, ["by", "kind", "what"]).Records.ToDictionary(r => r.Required("by"), r => r.Required("kind"), StringComparer.Ordinal);
        Assert.All(kinds.Values, k => Assert.Contains(k, new[] { "crowd", "signal" }));
        Assert.All(contents.Forecasts, f => Assert.True(kinds.ContainsKey(f.By), $"{f.By} is not in forecasters.csv"));

        var crowdQuestions = contents.Forecasts.Where(f => kinds[f.By] == "crowd").Select(f => f.QuestionId).Distinct(StringComparer.Ordinal).Count();
        Assert.True(crowdQuestions >= 15, $"{crowdQuestions} questions have a crowd's forecast");
    }

    [Fact]
    public void The_library_carries_the_published_forecasts_of_data_questions_and_who_each_forecaster_is()
    {
        var bundled = PublishedForecasts.Bundled;
        var file = PublishedForecasts.Read(File);
        Assert.Equal(file.Contents.Questions, bundled.Contents.Questions);
        Assert.Equal(file.Contents.Forecasts, bundled.Contents.Forecasts);
        Assert.Equal(PublishedForecaster.Crowd, bundled.KindOf("Metaculus community (median)"));
        Assert.Equal(PublishedForecaster.Signal, bundled.KindOf("CSIS Beyond Parallel / Predata"));
    }

    [Fact]
    public void A_forecaster_the_list_leaves_out_is_refused_naming_the_file_and_field()
    {
        var folder = Directory.CreateTempSubdirectory("peninsula-published-");
        try
        {
            var questions = Path.Combine(folder.FullName, "resolved-crowd.csv");
            System.IO.File.Copy(File, questions);
            System.IO.File.WriteAllLines(Path.Combine(folder.FullName, "forecasters.csv"), ["by,kind,what", "Good Judgment Open crowd,crowd,a crowd"]);
            var error = Assert.Throws<InputException>(() => PublishedForecasts.Read(questions));
            Assert.Contains("forecasters.csv", error.Message, StringComparison.Ordinal);
            Assert.Contains("Metaculus community (median)", error.Message, StringComparison.Ordinal);
            Assert.Equal("by", error.Field);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

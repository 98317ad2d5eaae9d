using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Tests.Storage;

/// <summary>What every store does with questions, on SQLite and on PostgreSQL.</summary>
public abstract class QuestionStoreContract<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    protected TBackend Backend { get; } = new();

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    private static readonly Question Icbm2024 =
        new("icbm-2024", "Will North Korea launch an ICBM in 2024?", ForecastTarget.Icbm, null, new KoreanDate(2024, 1, 1), new KoreanDate(2024, 12, 31), "https://example.org/q",
            new QuestionResolution(true, new KoreanDate(2024, 10, 31), "2024-10-31-icbm-hwasong-19"));

    private static readonly Question Summit = new("summit-2024", "A summit in 2024?", null, "kind=summit actor=US", new KoreanDate(2024, 1, 1), new KoreanDate(2024, 12, 31), null, null);

    [Fact]
    public async Task Questions_and_forecasts_are_saved_read_back_and_saving_them_again_changes_nothing()
    {
        await using var store = Backend.Open();
        var questions = store.Questions();
        QuestionForecast[] forecasts = [new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.6), new("icbm-2024", "model", new KoreanDate(2023, 12, 20), 0.12, null)];
        var first = await questions.SaveQuestionsAsync([Icbm2024, Summit], forecasts);
        Assert.Equal((2, 2), (first.Questions.Added, first.Forecasts.Added));
        Assert.Equal([Icbm2024, Summit], await questions.QuestionsAsync());
        Assert.Equal(forecasts.OrderBy(f => f.By, StringComparer.Ordinal), await questions.QuestionForecastsAsync("icbm-2024"));

        var again = await questions.SaveQuestionsAsync([Icbm2024, Summit], forecasts);
        Assert.True(again.ChangedNothing);
        Assert.Equal((2, 2), (again.Questions.Unchanged, again.Forecasts.Unchanged));
    }

    [Fact]
    public async Task A_forecast_by_the_same_forecaster_on_the_same_day_replaces_the_first()
    {
        await using var store = Backend.Open();
        var questions = store.Questions();
        await questions.SaveQuestionsAsync([Icbm2024], [new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.6)]);
        var saved = await questions.SaveQuestionsAsync([], [new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.7)]);
        Assert.Equal(1, saved.Forecasts.Updated);
        Assert.Equal(0.7, Assert.Single(await questions.QuestionForecastsAsync()).Probability);
    }

    [Fact]
    public async Task A_forecast_on_an_unknown_question_is_refused_and_nothing_of_the_save_is_written()
    {
        await using var store = Backend.Open();
        var questions = store.Questions();
        var error = await Assert.ThrowsAsync<InputException>(() => questions.SaveQuestionsAsync([Icbm2024], [new("nowhere", "alice", new KoreanDate(2023, 12, 20), 0.6)]));
        Assert.Contains("no question 'nowhere'", error.Message);
        Assert.Empty(await questions.QuestionsAsync());
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        await using var store = Backend.Open();
        var summary = await store.Questions().SaveQuestionsAsync([Icbm2024], [], dryRun: true);
        Assert.Equal(1, summary.Questions.Added);
        Assert.Empty(await store.Questions().QuestionsAsync());
    }
}

/// <summary>The question store on SQLite.</summary>
public sealed class SqliteQuestionStoreTests : QuestionStoreContract<SqliteBackend>;

/// <summary>The question store on PostgreSQL (skipped without <c>PENINSULA_TEST_POSTGRES</c>).</summary>
public sealed class PostgresQuestionStoreTests : QuestionStoreContract<PostgresBackend>;

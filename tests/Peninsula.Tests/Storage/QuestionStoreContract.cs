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
    public async Task A_forecast_is_stamped_with_the_time_the_store_took_it_and_keeps_the_time_a_shared_file_gives()
    {
        await using var store = Backend.Open();
        var questions = store.Questions();
        var elsewhere = new DateTimeOffset(2023, 12, 20, 1, 2, 3, TimeSpan.Zero);
        await questions.SaveQuestionsAsync([Icbm2024], [new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.6), new("icbm-2024", "bob", new KoreanDate(2023, 12, 20), 0.3) { Entered = elsewhere }]);

        var stored = await questions.QuestionForecastsAsync("icbm-2024");
        Assert.Equal(CliRunner.Clock.GetUtcNow(), stored.Single(f => f.By == "alice").Entered);
        Assert.Equal(elsewhere, stored.Single(f => f.By == "bob").Entered);

        // The same forecast again keeps its first time; a new probability is entered anew.
        await questions.SaveQuestionsAsync([], [new("icbm-2024", "bob", new KoreanDate(2023, 12, 20), 0.3), new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.7) { Entered = elsewhere }]);
        stored = await questions.QuestionForecastsAsync("icbm-2024");
        Assert.Equal(elsewhere, stored.Single(f => f.By == "bob").Entered);
        Assert.Equal((0.7, elsewhere), (stored.Single(f => f.By == "alice").Probability, stored.Single(f => f.By == "alice").Entered));
    }

    [Fact]
    public async Task A_withdrawn_forecast_is_kept_but_no_longer_read_and_the_same_one_entered_again_is_added_anew()
    {
        await using var store = Backend.Open();
        var questions = store.Questions();
        QuestionForecast alice = new("summit-2024", "alice", new KoreanDate(2024, 1, 5), 0.6), bob = new("summit-2024", "bob", new KoreanDate(2024, 1, 5), 0.3);
        await questions.SaveQuestionsAsync([Summit], [alice, bob]);

        Assert.Equal(1, await questions.WithdrawForecastsAsync([alice]));

        Assert.Equal([bob], await questions.QuestionForecastsAsync("summit-2024"));
        Assert.Equal([bob], await questions.QuestionForecastsAsync());
        Assert.Equal(1, await Backend.ScalarAsync("SELECT count(*) FROM question_forecasts WHERE forecaster = 'alice' AND withdrawn IS NOT NULL AND probability = 0.6"));
        var again = await questions.SaveQuestionsAsync([], [alice]);
        Assert.Equal(1, again.Forecasts.Added);
        Assert.Equal([alice, bob], await questions.QuestionForecastsAsync("summit-2024"));
    }

    [Fact]
    public async Task A_withdrawal_takes_all_or_nothing_and_nothing_once_a_forecast_is_no_longer_held_as_given()
    {
        await using var store = Backend.Open();
        var questions = store.Questions();
        QuestionForecast first = new("summit-2024", "alice", new KoreanDate(2024, 1, 5), 0.6), second = new("summit-2024", "alice", new KoreanDate(2024, 2, 5), 0.4);
        await questions.SaveQuestionsAsync([Summit], [first, second]);
        // Another writer replaced the second one meanwhile.
        await questions.SaveQuestionsAsync([], [second with { Probability = 0.45 }]);

        Assert.Equal(0, await questions.WithdrawForecastsAsync([first, second]));

        Assert.Equal([first, second with { Probability = 0.45 }], await questions.QuestionForecastsAsync("summit-2024"));
        Assert.Equal(0, await questions.WithdrawForecastsAsync([first with { By = "nobody" }]));
    }

    [Fact]
    public async Task A_save_carries_out_withdrawals_from_another_store_in_its_transaction_and_they_are_read_back_for_export()
    {
        await using var store = Backend.Open();
        var questions = store.Questions();
        QuestionForecast alice = new("summit-2024", "alice", new KoreanDate(2024, 1, 5), 0.6), bob = new("summit-2024", "bob", new KoreanDate(2024, 1, 5), 0.3);
        await questions.SaveQuestionsAsync([Summit], [alice, bob]);
        var at = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);

        // alice's as held is withdrawn as of the time the file gives; bob's is held with another probability, and carol's not at all: both left alone.
        var saved = await questions.SaveQuestionsAsync([], [], withdrawals: [alice with { Withdrawn = at }, bob with { Probability = 0.35, Withdrawn = at }, alice with { By = "carol", Withdrawn = at }]);

        Assert.Equal(1, saved.Withdrawn);
        Assert.False(saved.ChangedNothing);
        Assert.Equal([bob], await questions.QuestionForecastsAsync("summit-2024"));
        var withdrawn = Assert.Single(await questions.WithdrawnForecastsAsync());
        Assert.Equal((alice, at), (withdrawn, withdrawn.Withdrawn));
        Assert.NotNull(withdrawn.Entered);

        // Again: nothing left to withdraw. In a dry run, counted and not written.
        Assert.True((await questions.SaveQuestionsAsync([], [], withdrawals: [alice with { Withdrawn = at }])).ChangedNothing);
        var dry = await questions.SaveQuestionsAsync([], [], dryRun: true, withdrawals: [bob with { Withdrawn = at }]);
        Assert.Equal(1, dry.Withdrawn);
        Assert.Equal([bob], await questions.QuestionForecastsAsync("summit-2024"));
    }

    [Fact]
    public async Task Forecasts_stored_before_entry_times_were_kept_are_kept_without_one_and_count_from_their_date()
    {
        await using (var store = Backend.Open())
        {
            await store.Questions().SaveQuestionsAsync([Icbm2024], [new("icbm-2024", "alice", new KoreanDate(2023, 12, 20), 0.6)]);
        }

        await Backend.ExecuteAsync("ALTER TABLE question_forecasts DROP COLUMN withdrawn; ALTER TABLE question_forecasts DROP COLUMN entered;" + Backend.ForgetMigrationsFrom(9));
        await using (var store = Backend.Open())
        {
            var alice = Assert.Single(await store.Questions().QuestionForecastsAsync());
            Assert.Equal((0.6, (DateTimeOffset?)null, new KoreanDate(2023, 12, 20)), (alice.Probability, alice.Entered, alice.CountsFrom));
        }
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
    public async Task A_question_changed_by_an_import_while_questions_update_ran_keeps_the_change_and_gets_no_forecast_made_on_the_old_one()
    {
        await using var store = Backend.Open();
        await using var other = Backend.Open();
        await store.SaveAsync([Sample.Launch("2024-10-31-icbm-hwasong-19", "2024-10-31")], new Peninsula.Storage.ChangeOrigin("import", "test.json"));
        var open2025 = new Question("icbm-2025", "Will North Korea launch an ICBM in 2025?", ForecastTarget.Icbm, null, new KoreanDate(2025, 1, 1), new KoreanDate(2025, 12, 31), null, null);
        await store.Questions().SaveQuestionsAsync([Icbm2024 with { Resolution = null }, open2025], []);
        // 'questions import' corrects both questions after the update read them and before it saves.
        Question[] corrected = [Icbm2024 with { Title = "Will North Korea launch an ICBM in calendar 2024?", Resolution = null }, open2025 with { Closes = new KoreanDate(2025, 6, 30) }];
        var racing = Interleaved.Wrap(store, nameof(IQuestionStore.QuestionForecastsAsync), () => other.Questions().SaveQuestionsAsync(corrected, []));

        var updated = await new QuestionBook(racing).UpdateAsync(new KoreanDate(2025, 1, 10));

        Assert.Equal(corrected, await store.Questions().QuestionsAsync());
        Assert.Equal(0, updated.ModelForecasts.Added);
        Assert.Equal(["icbm-2024", "icbm-2025"], updated.ChangedMeanwhile);
        Assert.Empty(await store.Questions().QuestionForecastsAsync());
        // The next update resolves and forecasts them as they now stand.
        await new QuestionBook(store).UpdateAsync(new KoreanDate(2025, 1, 10));
        Assert.Equal(Icbm2024.Resolution, (await store.Questions().QuestionsAsync())[0].Resolution);
        Assert.Equal([("icbm-2025", new KoreanDate(2025, 1, 10))], (await store.Questions().QuestionForecastsAsync()).Select(f => (f.QuestionId, f.AsOf)));
    }

    [Fact]
    public async Task A_question_added_with_an_id_another_writer_took_meanwhile_is_refused_and_theirs_is_kept()
    {
        await using var store = Backend.Open();
        await using var other = Backend.Open();
        var theirs = Summit with { Title = "Their summit question" };
        var racing = Interleaved.Wrap(store, nameof(IQuestionStore.QuestionsAsync), () => other.Questions().SaveQuestionsAsync([theirs], []));

        var refused = await Assert.ThrowsAsync<InputException>(() => new QuestionBook(racing).AddAsync(Summit, new KoreanDate(2024, 1, 1)));

        Assert.Equal("id", refused.Field);
        Assert.Equal([theirs], await store.Questions().QuestionsAsync());
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

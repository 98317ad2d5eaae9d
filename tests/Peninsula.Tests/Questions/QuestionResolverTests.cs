using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;
using Peninsula.Storage;

namespace Peninsula.Tests.Questions;

/// <summary>Questions resolve from the record: yes with the first event that counts, no once the record covers the window, open before.</summary>
public sealed class QuestionResolverTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly Question Icbm2024 =
        new("icbm-2024", "Will North Korea launch an ICBM in 2024?", ForecastTarget.Icbm, null, new KoreanDate(2024, 1, 1), new KoreanDate(2024, 12, 31), null, null);

    /// <summary>As every caller resolves: the filters' events read once each, then the questions resolved in memory.</summary>
    private static async Task<IReadOnlyList<Question>> ResolveAsync(SqliteEventStore store, IReadOnlyList<Event> record, IReadOnlyList<Question> questions) =>
        QuestionResolver.Resolve(record, questions, await QuestionResolver.FilterEventsAsync(store, questions));

    [Fact]
    public void A_question_resolves_yes_with_the_first_matching_event_in_its_window_linked()
    {
        var srbm = Sample.Launch("2024-05-01-srbm", "2024-05-01") with { Class = "srbm" };
        var first = Sample.Launch("2024-10-31-icbm-hwasong-19", "2024-10-31");
        var second = Sample.Launch("2024-12-18-icbm", "2024-12-18");
        var resolution = QuestionResolver.Resolve(Icbm2024, [second, srbm, first], new KoreanDate(2025, 6, 30));
        Assert.Equal(new QuestionResolution(true, new KoreanDate(2024, 10, 31), "2024-10-31-icbm-hwasong-19"), resolution);
    }

    [Fact]
    public void A_question_resolves_no_once_the_record_covers_its_window_without_a_matching_event()
    {
        var srbm = Sample.Launch("2024-05-01-srbm", "2024-05-01") with { Class = "srbm" };
        Assert.Equal(new QuestionResolution(false, new KoreanDate(2024, 12, 31), null), QuestionResolver.Resolve(Icbm2024, [srbm], new KoreanDate(2024, 12, 31)));
    }

    [Fact]
    public void A_question_stays_open_while_the_record_ends_before_its_window_does()
    {
        Assert.Null(QuestionResolver.Resolve(Icbm2024, [], new KoreanDate(2024, 12, 30)));
    }

    [Fact]
    public void An_event_outside_the_window_does_not_resolve_it()
    {
        var before = Sample.Launch("2023-12-18-icbm", "2023-12-18");
        Assert.Null(QuestionResolver.Resolve(Icbm2024, [before], new KoreanDate(2024, 6, 30)));
    }

    [Fact]
    public async Task Questions_on_targets_are_resolved_from_the_record_read_once_for_the_run_not_from_the_store_again()
    {
        // The store is empty: a resolver that read it again for each question would find no launch.
        await using var store = SqliteEventStore.Open(_folder.File("peninsula.db"), CliRunner.Clock);
        var record = new[] { Sample.Launch("2024-10-31-icbm-hwasong-19", "2024-10-31"), Sample.Launch("2025-06-30-srbm", "2025-06-30") with { Class = "srbm" } };
        var icbm2023 = Icbm2024 with { Id = "icbm-2023", Opens = new KoreanDate(2023, 1, 1), Closes = new KoreanDate(2023, 12, 31) };

        var resolved = await ResolveAsync(store, record, [Icbm2024, icbm2023]);

        Assert.Equal(["icbm-2024", "icbm-2023"], resolved.Select(q => q.Id));
        Assert.Equal(new QuestionResolution(true, new KoreanDate(2024, 10, 31), "2024-10-31-icbm-hwasong-19"), resolved[0].Resolution);
        Assert.Equal(new QuestionResolution(false, new KoreanDate(2023, 12, 31), null), resolved[1].Resolution);
    }

    [Fact]
    public async Task Questions_sharing_a_filter_each_resolve_from_their_own_window_of_one_read_of_the_store()
    {
        await using var store = SqliteEventStore.Open(_folder.File("peninsula.db"), CliRunner.Clock);
        var launch = Sample.Launch("2024-10-31-icbm-hwasong-19", "2024-10-31");
        await store.SaveAsync([launch, Sample.Visit()], new ChangeOrigin("import", "test.json"));
        var record = await store.ListAsync(EventQuery.All);
        Question OnFilter(string id, KoreanDate opens, KoreanDate closes) =>
            new(id, $"A launch from {opens} to {closes}?", null, "kind=missile-launch", opens, closes, null, null);
        var spring = OnFilter("spring", new KoreanDate(2024, 3, 1), new KoreanDate(2024, 5, 31));
        var autumn = OnFilter("autumn", new KoreanDate(2024, 10, 1), new KoreanDate(2024, 11, 30));
        var visit = OnFilter("march", new KoreanDate(2024, 3, 1), new KoreanDate(2024, 3, 31)) with { Filter = "kind=diplomatic-visit" };

        var resolved = await ResolveAsync(store, record, [autumn, spring, visit]);

        Assert.Equal(new QuestionResolution(true, new KoreanDate(2024, 10, 31), launch.Id), resolved[0].Resolution);
        Assert.Equal(new QuestionResolution(false, new KoreanDate(2024, 5, 31), null), resolved[1].Resolution);
        Assert.Equal(new QuestionResolution(true, new KoreanDate(2024, 3, 17), "2024-03-17-blinken-visit"), resolved[2].Resolution);
    }

    [Fact]
    public async Task An_update_that_is_refused_saves_no_resolution_either_because_resolutions_and_forecasts_are_written_together()
    {
        await using var store = SqliteEventStore.Open(_folder.File("peninsula.db"), CliRunner.Clock);
        await store.SaveAsync([Sample.Launch("2024-10-31-icbm-hwasong-19", "2024-10-31")], new ChangeOrigin("import", "test.json"));
        await store.Questions().SaveQuestionsAsync([Icbm2024], []);

        var error = await Assert.ThrowsAsync<InputException>(() => new QuestionBook(store).UpdateAsync(new KoreanDate(2025, 1, 10), onlyId: "no-such-question"));
        var unchanged = Assert.Single(await store.Questions().QuestionsAsync());
        var updated = await new QuestionBook(store).UpdateAsync(new KoreanDate(2025, 1, 10));

        Assert.Equal("question", error.Field);
        Assert.Null(unchanged.Resolution);
        Assert.Equal(new QuestionResolution(true, new KoreanDate(2024, 10, 31), "2024-10-31-icbm-hwasong-19"), Assert.Single(updated.Questions).Resolution);
        Assert.Equal(updated.Questions, await store.Questions().QuestionsAsync());
    }

    [Fact]
    public async Task An_update_tells_its_progress_day_by_day_up_to_every_day_it_forecasts()
    {
        await using var store = SqliteEventStore.Open(_folder.File("peninsula.db"), CliRunner.Clock);
        await store.SaveAsync([Sample.Launch("2024-10-31-icbm-hwasong-19", "2024-10-31")], new ChangeOrigin("import", "test.json"));
        var test2025 = new Question("test-2025", "A nuclear test in 2025?", ForecastTarget.Parse("nuclear-test"), null, new KoreanDate(2025, 1, 1), new KoreanDate(2025, 12, 31), null, null);
        await store.Questions().SaveQuestionsAsync([test2025], []);
        var heard = new Heard();

        var updated = await new QuestionBook(store).UpdateAsync(new KoreanDate(2025, 1, 10), from: new KoreanDate(2025, 1, 1), progress: heard);

        Assert.Equal(10, updated.ModelForecasts.Added);
        Assert.Equal([.. Enumerable.Range(1, 10).Select(d => (d, 10))], heard.Reports);
    }

    private sealed class Heard : IProgress<(int Done, int Total)>
    {
        public List<(int Done, int Total)> Reports { get; } = [];

        public void Report((int Done, int Total) value) => Reports.Add(value);
    }
}

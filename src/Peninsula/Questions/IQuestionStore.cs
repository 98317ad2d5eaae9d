namespace Peninsula.Questions;

/// <summary>
/// Where questions and their forecasts are kept: the same store as the record (SQLite or
/// PostgreSQL), in its own tables. Every write is one transaction.
/// </summary>
public interface IQuestionStore
{
    /// <summary>
    /// Saves questions and forecasts, all or nothing. A question equal to the stored one, and a
    /// forecast whose question, forecaster, date and probability are stored already, are left
    /// alone, so saving the same things twice changes nothing; a forecast by the same forecaster
    /// on the same question and date replaces the stored one. A forecast on a question that is
    /// neither stored nor saved with it is an <see cref="InputException"/>, and nothing is written.
    /// With <paramref name="dryRun"/> the transaction is rolled back and only the summary is returned.
    /// <paramref name="asRead"/> holds, for questions the caller worked out from what it read, the
    /// question as read (null: none had that id): one the store no longer holds as read, changed
    /// or added by another writer since, is left as stored and not saved, nor are the forecasts on
    /// it; <see cref="QuestionSaveSummary.ChangedSinceRead"/> names it.
    /// </summary>
    /// <remarks>
    /// <paramref name="withdrawals"/>: forecasts to mark withdrawn in the same transaction, each as
    /// of its <see cref="QuestionForecast.Withdrawn"/> time (an import of a file that carries
    /// another store's withdrawals): one held with the same probability and not yet withdrawn is
    /// marked, any other is left alone. Whether it may be withdrawn is the caller's rule.
    /// <see cref="QuestionSaveSummary.Withdrawn"/> counts those marked.
    /// </remarks>
    Task<QuestionSaveSummary> SaveQuestionsAsync(
        IReadOnlyCollection<Question> questions, IReadOnlyCollection<QuestionForecast> forecasts, bool dryRun = false,
        IReadOnlyDictionary<string, Question?>? asRead = null, IReadOnlyCollection<QuestionForecast>? withdrawals = null, CancellationToken cancellationToken = default);

    /// <summary>Every question, by id.</summary>
    Task<IReadOnlyList<Question>> QuestionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The forecasts on one question (or on all when null), by question, forecaster and date; withdrawn ones are not read.</summary>
    Task<IReadOnlyList<QuestionForecast>> QuestionForecastsAsync(string? questionId = null, CancellationToken cancellationToken = default);

    /// <summary>The withdrawn forecasts, each with the time it was withdrawn (<see cref="QuestionForecast.Withdrawn"/>), by question, forecaster and date: what an export carries so that a withdrawal reaches the stores the forecast went to.</summary>
    Task<IReadOnlyList<QuestionForecast>> WithdrawnForecastsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks forecasts withdrawn, all or nothing, as of the store's clock: each is kept, with its
    /// probability and entry time, but no longer read (<see cref="QuestionForecastsAsync"/>). A
    /// forecast is matched by question, forecaster and date, and taken only while the store holds
    /// it with the probability given; when one is not held so (another writer changed or withdrew
    /// it meanwhile), nothing is withdrawn and the answer is 0. Whether a forecast may be withdrawn
    /// is the caller's rule (<see cref="QuestionBook.WithdrawAsync"/>). Returns how many were withdrawn.
    /// </summary>
    Task<int> WithdrawForecastsAsync(IReadOnlyCollection<QuestionForecast> forecasts, CancellationToken cancellationToken = default);
}

/// <summary>What a save of questions did (or, in a dry run, would do).</summary>
/// <param name="Questions">Questions added, updated and unchanged.</param>
/// <param name="Forecasts">Forecasts added, updated (a new probability for the same forecaster and date) and unchanged.</param>
public sealed record QuestionSaveSummary(Storage.ImportCounts Questions, Storage.ImportCounts Forecasts)
{
    /// <summary>The questions left as stored because another writer changed or added them since the caller read them (see <see cref="IQuestionStore.SaveQuestionsAsync"/>).</summary>
    public IReadOnlyList<string> ChangedSinceRead { get; init; } = [];

    /// <summary>How many forecasts the save marked withdrawn (see <see cref="IQuestionStore.SaveQuestionsAsync"/>).</summary>
    public int Withdrawn { get; init; }

    /// <summary>Whether the save wrote nothing new.</summary>
    public bool ChangedNothing => Questions.Added + Questions.Updated + Forecasts.Added + Forecasts.Updated + Withdrawn == 0;
}

/// <summary>The question store of an event store, for the hosts.</summary>
public static class QuestionStores
{
    /// <summary>The store's questions; every store Peninsula opens keeps them.</summary>
    public static IQuestionStore Questions(this Storage.IEventStore store) =>
        store as IQuestionStore ?? throw new InvalidOperationException($"{store?.Description} keeps no questions.");
}

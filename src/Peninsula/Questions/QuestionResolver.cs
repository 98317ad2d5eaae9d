using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Storage;

namespace Peninsula.Questions;

/// <summary>
/// Resolves questions from the record: yes when an event that counts falls in the window (the
/// first one is linked); no once the window has passed and the record covers it to its last day;
/// open while the record ends before the window does (a launch the record does not yet hold
/// could still come).
/// </summary>
public static class QuestionResolver
{
    /// <summary>The resolution of <paramref name="question"/> from the events of its window (<paramref name="inWindow"/>, others are ignored) in a record that ends on <paramref name="recordEnd"/>; null while it is open.</summary>
    public static QuestionResolution? Resolve(Question question, IReadOnlyList<Event> inWindow, KoreanDate recordEnd)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(inWindow);
        var first = inWindow
            .Where(e => e.Date >= question.Opens && e.Date <= question.Closes && (question.Target is null || question.Target.Matches(e)))
            .OrderBy(e => e.Date).ThenBy(e => e.UtcInstant).ThenBy(e => e.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (first is not null)
        {
            return new QuestionResolution(true, first.Date, first.Id);
        }

        return recordEnd >= question.Closes ? new QuestionResolution(false, question.Closes, null) : null;
    }

    /// <summary>
    /// Resolves <paramref name="questions"/> against <paramref name="record"/>, the store's whole
    /// record as the caller read it once for this run. A question on a target is resolved from
    /// that record in memory; questions on an event filter from one read of the store per distinct
    /// filter (the store's search decides what a filter's words match), whatever their number.
    /// Returns the questions in the same order with their resolutions; nothing is saved.
    /// </summary>
    internal static async Task<IReadOnlyList<Question>> ResolveAsync(
        IEventStore store, IReadOnlyList<Event> record, IReadOnlyList<Question> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(questions);
        var end = BundledRecord.CoverageEndOf(record);
        var byFilter = new Dictionary<string, IReadOnlyList<Event>>(StringComparer.Ordinal);
        foreach (var sharing in questions.Where(q => q.Filter is not null).GroupBy(q => q.Filter!, StringComparer.Ordinal))
        {
            byFilter[sharing.Key] = await EventsOfFilterAsync(store, sharing.Key, sharing.Min(q => q.Opens), sharing.Max(q => q.Closes), cancellationToken).ConfigureAwait(false);
        }

        return [.. questions.Select(q => q with { Resolution = Resolve(q, q.Filter is { } f ? byFilter[f] : record, end) })];
    }

    /// <summary>The events matching <paramref name="filter"/> from <paramref name="opens"/> to <paramref name="closes"/>: the filter's own since/until narrow that span further, never widen it.</summary>
    private static async Task<IReadOnlyList<Event>> EventsOfFilterAsync(IEventStore store, string filter, KoreanDate opens, KoreanDate closes, CancellationToken cancellationToken)
    {
        var query = EventFilter.Parse(filter, "filter");
        var since = query.Since is { } s && s > opens ? s : opens;
        var until = query.Until is { } u && u < closes ? u : closes;
        return await store.ListAsync(query with { Since = since, Until = until }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves every question against the store's record (<paramref name="record"/>, read once by
    /// the caller; see <see cref="ResolveAsync"/>) and saves the resolutions that changed
    /// (a question resolved yes stays linked to its first event, which a later import may change).
    /// Returns the questions as they now stand.
    /// </summary>
    public static async Task<IReadOnlyList<Question>> ResolveAllAsync(IEventStore store, IReadOnlyList<Event> record, CancellationToken cancellationToken = default)
    {
        var (now, changed, asRead) = await ResolveStoredAsync(store, record, cancellationToken).ConfigureAwait(false);
        if (changed.Count > 0)
        {
            // A question another writer changed since it was read keeps that writer's version (which it resolved itself).
            await store.Questions().SaveQuestionsAsync(changed, [], cancellationToken: cancellationToken, asRead: asRead).ConfigureAwait(false);
        }

        return now;
    }

    /// <summary>
    /// Every stored question resolved against <paramref name="record"/> (see <see cref="ResolveAsync"/>),
    /// those whose resolution changed, for the caller to save (with whatever else it writes, in one
    /// transaction), and the questions as read, for the save to leave alone those another writer
    /// has changed since (see <see cref="IQuestionStore.SaveQuestionsAsync"/>).
    /// </summary>
    internal static async Task<(IReadOnlyList<Question> Now, IReadOnlyList<Question> Changed, IReadOnlyDictionary<string, Question?> AsRead)> ResolveStoredAsync(
        IEventStore store, IReadOnlyList<Event> record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var questions = await store.Questions().QuestionsAsync(cancellationToken).ConfigureAwait(false);
        var now = await ResolveAsync(store, record, questions, cancellationToken).ConfigureAwait(false);
        return (now, [.. now.Where((q, i) => q != questions[i])], questions.ToDictionary(q => q.Id, Question? (q) => q, StringComparer.Ordinal));
    }
}

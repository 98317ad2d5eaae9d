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

    /// <summary>The events of the record that could resolve <paramref name="question"/>: in its window, matching its filter.</summary>
    public static async Task<IReadOnlyList<Event>> EventsInWindowAsync(IEventStore store, Question question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(question);
        var query = question.Filter is { } filter ? EventFilter.Parse(filter, "filter") : EventQuery.All;
        // The filter's own since/until narrow the window further; never widen it.
        var since = query.Since is { } s && s > question.Opens ? s : question.Opens;
        var until = query.Until is { } u && u < question.Closes ? u : question.Closes;
        return await store.ListAsync(query with { Since = since, Until = until }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves every question against the store's record and saves the resolutions that changed
    /// (a question resolved yes stays linked to its first event, which a later import may change).
    /// Returns the questions as they now stand.
    /// </summary>
    public static async Task<IReadOnlyList<Question>> ResolveAllAsync(IEventStore store, IReadOnlyList<Event> record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var questions = await store.Questions().QuestionsAsync(cancellationToken).ConfigureAwait(false);
        var end = BundledRecord.CoverageEndOf(record);
        var result = new List<Question>(questions.Count);
        var changed = new List<Question>();
        foreach (var q in questions)
        {
            var resolution = Resolve(q, await EventsInWindowAsync(store, q, cancellationToken).ConfigureAwait(false), end);
            var now = q with { Resolution = resolution };
            if (now != q)
            {
                changed.Add(now);
            }

            result.Add(now);
        }

        if (changed.Count > 0)
        {
            await store.Questions().SaveQuestionsAsync(changed, [], cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}

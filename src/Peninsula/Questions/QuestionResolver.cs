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
    /// Resolves <paramref name="questions"/> in memory: those on a target against
    /// <paramref name="record"/>, the store's record as the caller read it once for the run; those on
    /// a filter against the filter's events (<paramref name="byFilter"/>, one read of the store per
    /// distinct filter: see <see cref="FilterEventsAsync"/>). Returns the questions in the same order
    /// with their resolutions; nothing is saved.
    /// </summary>
    internal static IReadOnlyList<Question> Resolve(IReadOnlyList<Event> record, IReadOnlyList<Question> questions, IReadOnlyDictionary<string, IReadOnlyList<Event>> byFilter)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(byFilter);
        var end = BundledRecord.CoverageEndOf(record);
        return [.. questions.Select(q => q with { Resolution = Resolve(q, q.Filter is { } f ? byFilter[f] : record, end) })];
    }

    /// <summary>
    /// The events of the whole record each distinct filter of <paramref name="questions"/> matches,
    /// one read of the store per filter (its own since and until kept): what both the resolution
    /// and the model's forecast of a filter question count.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<Event>>> FilterEventsAsync(
        IEventStore store, IEnumerable<Question> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(questions);
        var byFilter = new Dictionary<string, IReadOnlyList<Event>>(StringComparer.Ordinal);
        foreach (var filter in questions.Select(q => q.Filter).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            byFilter[filter] = await store.ListAsync(EventFilter.Parse(filter, "filter"), cancellationToken).ConfigureAwait(false);
        }

        return byFilter;
    }

    /// <summary>
    /// Resolves every question against the store's record (<paramref name="record"/>, read once by
    /// the caller; see <see cref="Resolve(IReadOnlyList{Event}, IReadOnlyList{Question}, IReadOnlyDictionary{string, IReadOnlyList{Event}})"/>) and saves the resolutions that changed
    /// (a question resolved yes stays linked to its first event, which a later import may change).
    /// Returns the questions as they now stand. <paramref name="stored"/>: the questions as the
    /// caller just read them from the store, if it has (else they are read here).
    /// </summary>
    public static async Task<IReadOnlyList<Question>> ResolveAllAsync(
        IEventStore store, IReadOnlyList<Event> record, IReadOnlyList<Question>? stored = null, CancellationToken cancellationToken = default)
    {
        var (now, changed, asRead, _) = await ResolveStoredAsync(store, record, stored, cancellationToken).ConfigureAwait(false);
        if (changed.Count > 0)
        {
            // A question another writer changed since it was read keeps that writer's version (which it resolved itself).
            await store.Questions().SaveQuestionsAsync(changed, [], cancellationToken: cancellationToken, asRead: asRead).ConfigureAwait(false);
        }

        return now;
    }

    /// <summary>
    /// Every stored question resolved against <paramref name="record"/> (see <see cref="Resolve(IReadOnlyList{Event}, IReadOnlyList{Question}, IReadOnlyDictionary{string, IReadOnlyList{Event}})"/>),
    /// those whose resolution changed, for the caller to save (with whatever else it writes, in one
    /// transaction), and the questions as read, for the save to leave alone those another writer
    /// has changed since (see <see cref="IQuestionStore.SaveQuestionsAsync"/>).
    /// </summary>
    /// <remarks><paramref name="stored"/>: as for <see cref="ResolveAllAsync"/>. Also returns the filters' events it read (<see cref="FilterEventsAsync"/>), for the model's forecasts on the same questions.</remarks>
    internal static async Task<(IReadOnlyList<Question> Now, IReadOnlyList<Question> Changed, IReadOnlyDictionary<string, Question?> AsRead, IReadOnlyDictionary<string, IReadOnlyList<Event>> ByFilter)> ResolveStoredAsync(
        IEventStore store, IReadOnlyList<Event> record, IReadOnlyList<Question>? stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var questions = stored ?? await store.Questions().QuestionsAsync(cancellationToken).ConfigureAwait(false);
        var byFilter = await FilterEventsAsync(store, questions, cancellationToken).ConfigureAwait(false);
        var now = Resolve(record, questions, byFilter);
        return (now, [.. now.Where((q, i) => q != questions[i])], questions.ToDictionary(q => q.Id, Question? (q) => q, StringComparer.Ordinal), byFilter);
    }
}

using Peninsula.Events;

namespace Peninsula.Detection;

/// <summary>Where a proposal stands in the review queue.</summary>
public enum ReviewStatus
{
    /// <summary>Waiting for a person.</summary>
    Pending,

    /// <summary>Accepted: its event is in the record.</summary>
    Accepted,

    /// <summary>Rejected: not an event, or not one for the record.</summary>
    Rejected,
}

/// <summary>
/// A proposal in the review queue. Times are UTC; the proposal's date is a Korean date (UTC+9).
/// </summary>
/// <param name="Id">The queue's id for it, e.g. <c>r-2025-07-08-srbm-3f2a</c>.</param>
/// <param name="Status">Pending, accepted or rejected.</param>
/// <param name="Proposal">The proposal with every document and sentence that supports it.</param>
/// <param name="CreatedAt">When detection first proposed it.</param>
/// <param name="UpdatedAt">When it last changed (a new report, an edit, a decision).</param>
/// <param name="DecidedBy">Who accepted or rejected it (an API key's name, --by, or auto-accept).</param>
/// <param name="DecidedAt">When.</param>
/// <param name="EventId">The record's event it became, once accepted.</param>
/// <param name="Note">Why it was rejected or how it was edited, in words.</param>
public sealed record ReviewItem(
    string Id,
    ReviewStatus Status,
    Proposal Proposal,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? EventId = null,
    string? Note = null);

/// <summary>The review queue as a store keeps it (SQLite and PostgreSQL alike).</summary>
public interface IReviewStore
{
    /// <summary>The items with this status (every item when null), by date.</summary>
    Task<IReadOnlyList<ReviewItem>> ReviewsAsync(ReviewStatus? status = ReviewStatus.Pending, CancellationToken cancellationToken = default);

    /// <summary>One item by id, or null.</summary>
    Task<ReviewItem?> FindReviewAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a proposal, in one transaction: merged into the pending item of its kind, a
    /// compatible class and a date at most a day away, if there is one (see
    /// <see cref="ReviewRules.Merge"/>); else, when a reviewer rejected such an item, its documents
    /// and sentences are added to that item, which stays rejected (<see cref="ReviewRules.Attach"/>:
    /// a rejection sticks however many outlets report the event later); else added as a new
    /// pending item. An accepted item of the same event (one accepted since the proposal was
    /// detected) is returned unchanged: the caller adds the documents to its event as sources.
    /// Returns the item as stored; its status tells which.
    /// </summary>
    Task<ReviewItem> ProposeAsync(Proposal proposal, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores an item's new state (status, proposal, decision) in place of <paramref name="read"/>,
    /// the item as the caller read it, in one transaction, and only if the stored item is still
    /// that one (the same status and proposal): returns false and writes nothing when it changed
    /// since it was read (a new report was merged into it, or someone decided or edited it), so
    /// that the caller decides again on what is stored and no report is lost. An unknown id is an
    /// <see cref="InputException"/>.
    /// </summary>
    Task<bool> SaveReviewAsync(ReviewItem item, ReviewItem read, CancellationToken cancellationToken = default);

    /// <summary>Of these document ids, those that have not passed through detection yet.</summary>
    Task<IReadOnlySet<string>> UndetectedAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks documents as passed through detection, once detection of them has succeeded, so that
    /// a feed polled again is not read again and a failure does not lose them.
    /// </summary>
    Task MarkDetectedAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default);
}

/// <summary>The rules of the queue that do not depend on the store.</summary>
public static class ReviewRules
{
    /// <summary>The status as stored.</summary>
    public static string Slug(this ReviewStatus status) => status switch
    {
        ReviewStatus.Pending => "pending",
        ReviewStatus.Accepted => "accepted",
        _ => "rejected",
    };

    /// <summary>A status from its stored or typed name.</summary>
    public static ReviewStatus ParseStatus(string text, string field = "--status") => text.Trim().ToLowerInvariant() switch
    {
        "pending" => ReviewStatus.Pending,
        "accepted" => ReviewStatus.Accepted,
        "rejected" => ReviewStatus.Rejected,
        _ => throw new InputException($"'{text}' is not a review status; use pending, accepted, rejected or all.", field: field),
    };

    /// <summary>
    /// Whether a stored item is still the one a reviewer read: the same status and the same
    /// proposal (compared as written, so that a row kept in an older spelling of the JSON still
    /// counts as unchanged).
    /// </summary>
    internal static bool Unchanged(ReviewItem stored, ReviewItem read) =>
        stored.Status == read.Status && ProposalJson.WriteOne(stored.Proposal) == ProposalJson.WriteOne(read.Proposal);

    /// <summary>The error for an id the queue does not hold.</summary>
    internal static InputException UnknownProposal(string id) =>
        new($"there is no proposal '{id}' in the review queue; 'peninsula review list' shows them.", field: "id");

    /// <summary>A new item's id: the date, the class (or kind) and a short hash of its first document.</summary>
    public static string NewId(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var what = proposal.Class ?? proposal.Kind.Slug();
        var seed = string.Join("\n", proposal.Documents.Select(d => d.Id));
        return $"r-{proposal.Date}-{what}-{Import.KcnaImporter.Hash(seed)[..6]}";
    }

    /// <summary>Whether a new proposal is the same event as a queued one: same kind, a compatible class, at most a day apart.</summary>
    public static bool SameEvent(Proposal queued, Proposal found)
    {
        ArgumentNullException.ThrowIfNull(queued);
        ArgumentNullException.ThrowIfNull(found);
        return queued.Kind == found.Kind && EventDetector.Compatible(queued.Class, found.Class)
               && Math.Abs(queued.Date.DaysSince(found.Date)) <= EventDetector.ToleranceDays;
    }

    /// <summary>
    /// Of the stored items near a new proposal, the one it adds to: a pending item of the same
    /// event first, else an accepted one (the event is in the record: the proposal's documents
    /// are its sources, and nothing is queued again), else a rejected one, else none.
    /// </summary>
    public static ReviewItem? SameEventAs(IEnumerable<ReviewItem> near, Proposal found)
    {
        ArgumentNullException.ThrowIfNull(near);
        ArgumentNullException.ThrowIfNull(found);
        var same = near.Where(i => SameEvent(i.Proposal, found)).ToList();
        return same.FirstOrDefault(i => i.Status == ReviewStatus.Pending)
               ?? same.FirstOrDefault(i => i.Status == ReviewStatus.Accepted && i.EventId is not null)
               ?? same.FirstOrDefault(i => i.Status == ReviewStatus.Rejected);
    }

    /// <summary>
    /// A rejected proposal with a new report of the same event: its documents and sentences are
    /// added (each once) and every field stays as the reviewer rejected it.
    /// </summary>
    public static Proposal Attach(Proposal rejected, Proposal found)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(found);
        return rejected with
        {
            Documents = [.. rejected.Documents.Concat(found.Documents).DistinctBy(d => d.Id)],
            Sentences = [.. rejected.Sentences.Concat(found.Sentences).DistinctBy(s => (s.Document, s.Start))],
        };
    }

    /// <summary>
    /// A queued proposal with a new report of the same event: the documents and sentences of
    /// both (each once), the date and fields of the one more documents support, the class of
    /// either when the other has none; the confidence grows with each new publisher.
    /// </summary>
    public static Proposal Merge(Proposal queued, Proposal found)
    {
        ArgumentNullException.ThrowIfNull(queued);
        ArgumentNullException.ThrowIfNull(found);
        var both = Attach(queued, found);
        var lead = found.Documents.Count > queued.Documents.Count ? found : queued;
        var other = ReferenceEquals(lead, found) ? queued : found;
        var newPublisher = found.Documents.Any(d => !queued.Documents.Any(q => string.Equals(q.Publisher, d.Publisher, StringComparison.OrdinalIgnoreCase)));
        var confidence = newPublisher ? Math.Round(Math.Min(0.99, 1 - ((1 - queued.Confidence) * (1 - found.Confidence))), 2) : Math.Max(queued.Confidence, found.Confidence);
        return lead with
        {
            Class = lead.Class ?? other.Class,
            System = lead.System ?? other.System,
            Count = lead.Count ?? other.Count,
            Site = lead.Site ?? other.Site,
            Confidence = confidence,
            Documents = both.Documents,
            Sentences = both.Sentences,
        };
    }
}

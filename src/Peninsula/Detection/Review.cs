using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Storage;

namespace Peninsula.Detection;

/// <summary>What detection did with the new documents of one poll.</summary>
/// <param name="Documents">New documents read.</param>
/// <param name="SourcesAdded">Sources added to events the record already held, as "event id: url".</param>
/// <param name="Queued">Review items that a proposal created or added to.</param>
/// <param name="Accepted">Events written by --auto-accept.</param>
public sealed record DetectionOutcome(int Documents, IReadOnlyList<string> SourcesAdded, IReadOnlyList<ReviewItem> Queued, IReadOnlyList<string> Accepted)
{
    /// <summary>Nothing read.</summary>
    public static readonly DetectionOutcome None = new(0, [], [], []);

    /// <summary>Rejected proposals that a new report of the same event was added to, without queueing it again.</summary>
    public IReadOnlyList<ReviewItem> KeptRejected { get; init; } = [];

    /// <summary>Proposals --auto-accept would have accepted but the record refused, with the reason; they stay pending for a reviewer.</summary>
    public IReadOnlyList<(string Id, string Reason)> NotAccepted { get; init; } = [];

    /// <summary>Documents detection failed on, each with the reason in words; they are marked as read and not read again.</summary>
    public IReadOnlyList<DetectionFailure> Failures { get; init; } = [];

    /// <summary>The record's events that proposals were matched to (each once), whether or not they added a source.</summary>
    public IReadOnlyList<string> Matched { get; init; } = [];

    /// <summary>The ids of the review items of <see cref="Queued"/> that are new; the others were waiting and got more reports.</summary>
    public IReadOnlyList<string> Created { get; init; } = [];

    /// <summary>The outcome in words, for the watch log: each thing detection did, counted by what it is.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Matched.Count > 0)
        {
            parts.Add($"{Count(Matched.Count, "event")} the record holds reported ({(SourcesAdded.Count == 0 ? "no new source" : Count(SourcesAdded.Count, "source") + " added")})");
        }

        if (Created.Count > 0)
        {
            parts.Add($"{Count(Created.Count, "new review item")} ({string.Join(", ", Created)})");
        }

        var waiting = Queued.Where(i => !Created.Contains(i.Id)).Select(i => i.Id).Distinct().ToList();
        if (waiting.Count > 0)
        {
            parts.Add($"{Count(waiting.Count, "waiting review item")} given more reports ({string.Join(", ", waiting)})");
        }

        if (KeptRejected.Count > 0)
        {
            parts.Add($"{Count(KeptRejected.Count, "event")} already rejected kept out of the queue ({string.Join(", ", KeptRejected.Select(i => i.Id).Distinct())})");
        }

        if (Accepted.Count > 0)
        {
            parts.Add($"{Count(Accepted.Count, "event")} accepted automatically ({string.Join(", ", Accepted)})");
        }

        if (NotAccepted.Count > 0)
        {
            parts.Add($"{Count(NotAccepted.Count, "review item")} not accepted automatically and left for review ({string.Join("; ", NotAccepted.Select(n => $"{n.Id}: {n.Reason}"))})");
        }

        if (Failures.Count > 0)
        {
            parts.Add($"{Count(Failures.Select(f => f.DocumentId).Distinct().Count(), "document")} failed, not to be read again ({string.Join("; ", Failures.Select(f => $"{f.DocumentId}: {f.Reason}"))})");
        }

        return $"detection read {Count(Documents, "new document")}: {(parts.Count == 0 ? "no launch or test in them" : string.Join(", ", parts))}";
    }

    private static string Count(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";
}

/// <summary>A document detection failed on.</summary>
/// <param name="DocumentId">The document's id in the store.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record DetectionFailure(string DocumentId, string Reason);

/// <summary>Changes to a queued proposal a reviewer makes before accepting it; null leaves a field as detected.</summary>
public sealed record ProposalEdit
{
    /// <summary>The Korean date, YYYY-MM-DD.</summary>
    public string? Date { get; init; }

    /// <summary>The class (srbm, icbm, cruise ...).</summary>
    public string? Class { get; init; }

    /// <summary>The weapon system: a gazetteer id or name.</summary>
    public string? System { get; init; }

    /// <summary>How many were fired.</summary>
    public int? Count { get; init; }

    /// <summary>The site.</summary>
    public string? Site { get; init; }
}

/// <summary>
/// Watch, detect, review: new documents pass through detection; a proposal that is a record's
/// event adds its documents to that event as sources (each once, audited); a new one enters the
/// review queue, where a person accepts, rejects or edits it. Accepting writes the event through
/// <see cref="HandEntry"/>, the validation and write of <c>peninsula events add</c>.
/// </summary>
public static class Review
{
    /// <summary>The importer tag of a source that detection added.</summary>
    public const string Importer = "detect/1";

    /// <summary>
    /// Passes the documents that have not passed through detection yet. With
    /// <paramref name="autoAccept"/>, a queued proposal that at least that many independent
    /// publishers report is accepted as <c>auto-accept</c>. A document that detection fails on
    /// (its reading throws, or the store refuses what it reports) is named in
    /// <see cref="DetectionOutcome.Failures"/> with the reason, and the others go on.
    /// </summary>
    /// <remarks>
    /// Each document is marked as read once everything it reports has been handled, whether that
    /// succeeded or failed: a document detection failed on is not read again, since the same text
    /// read against the same record fails the same way, and retrying it would hold it in every
    /// poll for ever. The failure stays in the watch log. A failure before any document is read
    /// (the store cannot be asked) throws and leaves every document for the next pass.
    /// </remarks>
    public static async Task<DetectionOutcome> DetectNewAsync(IEventStore store, IReadOnlyList<Document> documents, string origin, int? autoAccept, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(documents);
        var fresh = await store.UndetectedAsync([.. documents.Select(d => d.Id)], cancellationToken).ConfigureAwait(false);
        if (fresh.Count == 0)
        {
            return DetectionOutcome.None;
        }

        // An item without a date of its own was published at the latest when it was fetched.
        var fetched = KoreanDate.FromInstant(clock.GetUtcNow());
        var readable = documents.Where(d => fresh.Contains(d.Id)).DistinctBy(d => d.Id).Select(d => DetectionInput.Of(d, fetched)).OfType<DetectionDocument>().ToList();
        var failures = new List<DetectionFailure>();
        IReadOnlyList<Proposal> proposals = [];
        if (readable.Count > 0)
        {
            var record = await store.ListAsync(new EventQuery { Kinds = [EventKind.MissileLaunch, EventKind.NuclearTest] }, cancellationToken).ConfigureAwait(false);
            proposals = new EventDetector(record).Detect(readable, (document, ex) => failures.Add(new DetectionFailure(document.Id, $"it could not be read: {Reason(ex)}")));
        }

        return await FileAsync(store, fresh, proposals, failures, origin, autoAccept, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Files what detection made of <paramref name="documents"/> (ids) against the record and the
    /// queue as they stand now, which may be later than the record <paramref name="proposals"/>
    /// were detected against: another <c>watch run</c>, or a reviewer, may have written or accepted
    /// the event in the meantime, and then the documents become its sources, not a new item.
    /// </summary>
    internal static async Task<DetectionOutcome> FileAsync(
        IEventStore store, IReadOnlySet<string> documents, IReadOnlyList<Proposal> proposals, IReadOnlyList<DetectionFailure> readFailures,
        string origin, int? autoAccept, TimeProvider clock, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        var matched = new List<string>();
        var created = new List<string>();
        var queued = new List<ReviewItem>();
        var kept = new List<ReviewItem>();
        var accepted = new List<string>();
        var notAccepted = new List<(string, string)>();
        var failures = new List<DetectionFailure>(readFailures);
        var detected = new ChangeOrigin(origin, "detected in a new document");

        // How many proposals each document is still in: it is done, and marked read, after the last.
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in proposals.SelectMany(p => p.Documents.Select(d => d.Id).Distinct()))
        {
            open[id] = open.GetValueOrDefault(id) + 1;
        }

        await store.MarkDetectedAsync([.. documents.Where(id => !open.ContainsKey(id))], cancellationToken).ConfigureAwait(false);
        Recorded? recorded = null;
        foreach (var proposal in proposals)
        {
            try
            {
                var known = proposal.Matches
                            ?? (recorded ??= await Recorded.ReadAsync(store, proposals, cancellationToken).ConfigureAwait(false)).Match(proposal)?.Id;
                var item = known is null ? await store.ProposeAsync(proposal, cancellationToken).ConfigureAwait(false) : null;
                if (known is not null || item is { Status: ReviewStatus.Accepted, EventId: not null })
                {
                    // The record's event, or one accepted after the record above was read (by
                    // another run's --auto-accept or a reviewer): the documents are its sources.
                    var eventId = known ?? item!.EventId!;
                    added.AddRange(await AddSourcesAsync(store, eventId, proposal, detected, cancellationToken).ConfigureAwait(false));
                    if (!matched.Contains(eventId))
                    {
                        matched.Add(eventId);
                    }
                }
                else if (item!.Status == ReviewStatus.Rejected)
                {
                    // A reviewer said no to this event: a new report of it is kept with the
                    // rejected proposal, for the record of what was read, and queues nothing.
                    kept.Add(item);
                }
                else
                {
                    queued.Add(item);
                    // A waiting item keeps the id its first documents gave it; documents are read
                    // once, so only a new item has the id of this proposal's documents.
                    if (item.Id == ReviewRules.NewId(proposal))
                    {
                        created.Add(item.Id);
                    }

                    if (autoAccept is { } n && item.Proposal.Publishers >= n)
                    {
                        try
                        {
                            var e = await AcceptAsync(store, item, $"auto-accept ({item.Proposal.Publishers} publishers, at least {n})", null, clock, cancellationToken).ConfigureAwait(false);
                            accepted.Add(e.Id);
                            recorded?.Add(e);
                        }
                        catch (InputException ex)
                        {
                            // An event the record cannot take as it stands (its id is a deleted event's):
                            // it stays in the queue for a reviewer, who is told why, and the rest of the batch goes on.
                            notAccepted.Add((item.Id, ex.Reason));
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var what = proposal.Kind == EventKind.NuclearTest ? "nuclear test" : proposal.Class is { } c ? $"{c.ToUpperInvariant()} launch" : "missile launch";
                failures.AddRange(proposal.Documents.Select(d => new DetectionFailure(d.Id, $"the {what} of {proposal.Date} it reports could not be stored: {Reason(ex)}")));
            }

            var done = proposal.Documents.Select(d => d.Id).Distinct().Where(id => --open[id] == 0).ToList();
            await store.MarkDetectedAsync(done, cancellationToken).ConfigureAwait(false);
        }

        return new DetectionOutcome(documents.Count, added, queued, accepted) { KeptRejected = kept, NotAccepted = notAccepted, Failures = failures, Matched = matched, Created = created };
    }

    /// <summary>The record's event a proposal is, as the record stands now (only the days a match can fall on are read): for an accept, which must see the store as it is.</summary>
    private static async Task<Event?> RecordedAsync(IEventStore store, Proposal proposal, CancellationToken cancellationToken)
    {
        var (since, until) = Days(proposal);
        var near = new EventQuery { Kinds = [proposal.Kind], Since = since, Until = until };
        var record = await store.ListAsync(near, cancellationToken).ConfigureAwait(false);
        return new EventDetector(record).Match(proposal.Kind, proposal.Class, proposal.Date);
    }

    /// <summary>The days a match of the proposal can fall on; throws where they fall off the calendar.</summary>
    private static (KoreanDate Since, KoreanDate Until) Days(Proposal proposal) =>
        (proposal.Date.AddDays(-EventDetector.ToleranceDays), proposal.Date.AddDays(EventDetector.ToleranceDays));

    /// <summary>
    /// The record's events that the proposals of one filing without a match of their own could be,
    /// read once, when the first such proposal is filed: the kinds they report, from the earliest
    /// day a match of any of them can fall on to the latest. An event this filing accepts is added,
    /// so that a later proposal of it finds it as a read of the store would.
    /// </summary>
    private sealed class Recorded(List<Event> events)
    {
        private EventDetector? _detector;

        public static async Task<Recorded> ReadAsync(IEventStore store, IReadOnlyList<Proposal> proposals, CancellationToken cancellationToken)
        {
            // A proposal whose days around it fall off the calendar fails alone, in Match, as its own read did.
            var unmatched = proposals.Where(p => p.Matches is null && OnCalendar(p)).ToList();
            if (unmatched.Count == 0)
            {
                return new Recorded([]);
            }

            var near = new EventQuery
            {
                Kinds = [.. unmatched.Select(p => p.Kind).Distinct().Order()],
                Since = unmatched.Min(p => p.Date).AddDays(-EventDetector.ToleranceDays),
                Until = unmatched.Max(p => p.Date).AddDays(EventDetector.ToleranceDays),
            };
            return new Recorded([.. await store.ListAsync(near, cancellationToken).ConfigureAwait(false)]);
        }

        /// <summary>The record's event a proposal is, as a read of the days a match can fall on would find it.</summary>
        public Event? Match(Proposal proposal)
        {
            _ = Days(proposal); // fails, as a read of those days would, where they fall off the calendar
            return (_detector ??= new EventDetector(events)).Match(proposal.Kind, proposal.Class, proposal.Date);
        }

        private static bool OnCalendar(Proposal proposal)
        {
            try
            {
                _ = Days(proposal);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        public void Add(Event e)
        {
            events.RemoveAll(known => known.Id == e.Id);
            events.Add(e);
            _detector = null;
        }
    }

    private static string Reason(Exception ex) => ex is InputException input ? input.Reason : ex.Message;

    /// <summary>
    /// Accepts a pending proposal (with <paramref name="edit"/> applied first): the event is
    /// written with its documents as sources, audited as accepted by <paramref name="by"/>. When
    /// the record has meanwhile got the event, its documents are added to it as sources instead.
    /// </summary>
    public static async Task<Event> AcceptAsync(IEventStore store, string id, string by, ProposalEdit? edit, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await AcceptAsync(store, await FoundAsync(store, id, cancellationToken).ConfigureAwait(false), by, edit, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Accepts <paramref name="item"/>, a proposal the caller has already read; it must be pending.
    /// A report merged into it after it was read (by a <c>watch run</c> at the same time) is not
    /// lost: the decision is made again on the item as stored, and the report becomes a source of
    /// the accepted event.
    /// </summary>
    public static async Task<Event> AcceptAsync(IEventStore store, ReviewItem item, string by, ProposalEdit? edit, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(item);
        Pending(item);
        var origin = new ChangeOrigin("review accept", $"accepted by {by}");
        while (true)
        {
            var proposal = edit is null ? item.Proposal : Edited(item.Proposal, edit);
            Event written;
            if (await RecordedAsync(store, proposal, cancellationToken).ConfigureAwait(false) is { } known)
            {
                await AddSourcesAsync(store, known.Id, proposal, origin, cancellationToken).ConfigureAwait(false);
                written = (await store.FindAsync(known.Id, cancellationToken).ConfigureAwait(false))!;
            }
            else if (await Entry(proposal).TryAddAsync(store, origin, cancellationToken: cancellationToken).ConfigureAwait(false) is { } added)
            {
                // The one path of an event entered by hand: validated, refused on a deleted event's id, audited.
                written = added;
            }
            else
            {
                // Another writer (a second reviewer, a watch run's --auto-accept) wrote the event
                // just now: the next pass finds it in the record and adds the reports to it.
                continue;
            }

            var now = clock.GetUtcNow();
            var accepted = item with { Status = ReviewStatus.Accepted, Proposal = proposal, DecidedBy = by, DecidedAt = now, UpdatedAt = now, EventId = written.Id };
            if (await store.SaveReviewAsync(accepted, item, cancellationToken).ConfigureAwait(false))
            {
                return written;
            }

            // Changed since it was read. Accepted meanwhile as the same event: done. Still
            // pending with more reports: the next pass finds the event just written and adds them.
            var stored = await FoundAsync(store, item.Id, cancellationToken).ConfigureAwait(false);
            if (stored is { Status: ReviewStatus.Accepted } && stored.EventId == written.Id)
            {
                return written;
            }

            item = stored.Status == ReviewStatus.Pending ? stored : throw new InputException(
                $"the proposal '{item.Id}' was {stored.Status.Slug()} by {stored.DecidedBy ?? "someone"} while it was being accepted; the event '{written.Id}' is in the record now, so check whether it should stay.",
                field: "id");
        }
    }

    /// <summary>Rejects a pending proposal, with the reviewer's reason.</summary>
    public static async Task<ReviewItem> RejectAsync(IEventStore store, string id, string by, string? reason, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await RejectAsync(store, await FoundAsync(store, id, cancellationToken).ConfigureAwait(false), by, reason, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rejects <paramref name="item"/>, a proposal the caller has already read; it must be pending.
    /// A report merged into it after it was read stays with the rejected item.
    /// </summary>
    public static async Task<ReviewItem> RejectAsync(IEventStore store, ReviewItem item, string by, string? reason, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(item);
        return await ChangeAsync(store, item, read =>
        {
            var now = clock.GetUtcNow();
            return read with { Status = ReviewStatus.Rejected, DecidedBy = by, DecidedAt = now, UpdatedAt = now, Note = reason };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes fields of a pending proposal; the change is checked as an event would be when accepted.</summary>
    public static async Task<ReviewItem> EditAsync(IEventStore store, string id, ProposalEdit edit, string by, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await EditAsync(store, await FoundAsync(store, id, cancellationToken).ConfigureAwait(false), edit, by, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes fields of <paramref name="item"/>, a proposal the caller has already read; it must
    /// be pending. A report merged into it after it was read is kept, with the edit applied.
    /// </summary>
    internal static async Task<ReviewItem> EditAsync(IEventStore store, ReviewItem item, ProposalEdit edit, string by, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(edit);
        return await ChangeAsync(store, item, read =>
        {
            var proposal = Edited(read.Proposal, edit);
            // Refused now, not at acceptance: a class or date the record would refuse.
            _ = Entry(proposal).ToEvent(_ => false);
            return read with { Proposal = proposal, UpdatedAt = clock.GetUtcNow(), Note = $"edited by {by}" };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves <paramref name="change"/> of a pending item read by the caller; when the stored item
    /// changed since (a report merged in), the change is made again on the item as stored, so
    /// nothing merged in between is lost.
    /// </summary>
    private static async Task<ReviewItem> ChangeAsync(IEventStore store, ReviewItem item, Func<ReviewItem, ReviewItem> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = change(Pending(item));
            if (await store.SaveReviewAsync(changed, item, cancellationToken).ConfigureAwait(false))
            {
                return changed;
            }

            item = await FoundAsync(store, item.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The event a proposal becomes, as <c>peninsula events add</c> would be given it.</summary>
    public static HandEntry Entry(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var sources = proposal.Documents.Where(d => IsWebAddress(d.Url)).ToList();
        var what = proposal.Kind == EventKind.NuclearTest ? "Nuclear test"
            : proposal.Class is { } c ? $"{c.ToUpperInvariant()} launch" : "Missile launch";
        return new HandEntry
        {
            Kind = proposal.Kind.Slug(),
            Class = proposal.Class,
            Date = proposal.Date.ToString(),
            Title = $"{what} reported by {string.Join(", ", sources.Select(d => d.Publisher).Distinct(StringComparer.OrdinalIgnoreCase))}",
            Actors = ["DPRK"],
            System = proposal.System,
            Site = proposal.Site,
            NumberFired = proposal.Count,
            SourceUrls = [.. sources.Select(d => d.Url)],
            SourceNames = [.. sources.Select(d => d.Publisher)],
            SourceDate = sources.Count > 0 ? sources.Min(d => d.Published).ToString() : null,
            FromReview = true,
        };
    }

    private static async Task<List<string>> AddSourcesAsync(IEventStore store, string eventId, Proposal proposal, ChangeOrigin origin, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await store.FindStoredAsync(eventId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return [];
            }

            var known = stored.Event.Sources.Select(s => s.Url).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            var added = proposal.Documents
                .Where(d => IsWebAddress(d.Url) && known.Add(d.Url))
                .Select(d => new EventSource(d.Publisher, d.Url, d.Published.ToString(), d.Title, Importer: Importer))
                .ToList();
            if (added.Count == 0)
            {
                return [];
            }

            try
            {
                await store.UpdateAsync(stored.Event with { Sources = [.. stored.Event.Sources, .. added] }, stored.Version, origin, cancellationToken).ConfigureAwait(false);
                return [.. added.Select(s => $"{eventId}: {s.Url}")];
            }
            catch (ConcurrencyConflictException)
            {
                // Another writer changed the event since it was read (a second watch run adding its
                // reports, an edit): read it again and add what it still lacks, rather than fail the
                // documents, which are not read again.
            }
        }
    }

    private static async Task<ReviewItem> FoundAsync(IEventStore store, string id, CancellationToken cancellationToken) =>
        await store.FindReviewAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw ReviewRules.UnknownProposal(id);

    private static ReviewItem Pending(ReviewItem item) => item.Status == ReviewStatus.Pending
        ? item
        : throw new InputException($"the proposal '{item.Id}' was already {item.Status.Slug()} by {item.DecidedBy ?? "someone"}; only a pending proposal can be changed.", field: "id");

    private static Proposal Edited(Proposal p, ProposalEdit edit) => p with
    {
        Date = edit.Date is { } d ? KoreanDate.ParseInput(d, "--date")!.Value : p.Date,
        Class = edit.Class ?? p.Class,
        System = edit.System ?? p.System,
        Count = edit.Count ?? p.Count,
        Site = edit.Site ?? p.Site,
    };

    private static bool IsWebAddress(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}

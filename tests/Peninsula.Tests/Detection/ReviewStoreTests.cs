using Peninsula.Detection;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Storage;
using Peninsula.Tests.Storage;

namespace Peninsula.Tests.Detection;

/// <summary>
/// The review queue and what detection does with new documents, the same on every backend
/// (<see cref="StoreBackend"/>): PostgreSQL where <c>PENINSULA_TEST_POSTGRES</c> names a server.
/// </summary>
public abstract class ReviewStoreContract<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private static readonly TimeProvider Clock = CliRunner.Clock;

    protected TBackend Backend { get; } = new();

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<IEventStore> OpenAsync()
    {
        var store = Backend.Open();
        await EventStores.EnsureBundledRecordAsync(store);
        return store;
    }

    private static Document Report(string id, string publisher, string title, string body, KoreanDate date, string url) => new()
    {
        Id = id,
        Date = date,
        Title = title,
        Body = body,
        Links = [url],
        Source = publisher,
        Provenance = new Provenance("feed/1", "test", id),
    };

    private static readonly KoreanDate NewDay = new(2026, 11, 18);

    /// <summary>The SRBM launch of the new day as an analyst enters it by hand.</summary>
    private static HandEntry NewDayByHand() => new()
    {
        Kind = "missile-launch",
        Class = "srbm",
        Date = NewDay.ToString(),
        Title = "SRBM launch",
        Actors = ["DPRK"],
        SourceUrls = ["https://www.mod.go.jp/example"],
    };

    private static Document NewLaunch(string id, string publisher) => Report(
        id, publisher, "N. Korea fires ballistic missiles", "North Korea fired two short-range ballistic missiles on Wednesday, the Joint Chiefs of Staff said.", NewDay, $"https://{publisher.ToLowerInvariant()}.example/{id}");

    [Fact]
    public async Task A_second_report_of_a_known_launch_adds_it_as_a_source_once_and_no_event()
    {
        await using var store = await OpenAsync();
        var before = (await store.ListAsync(EventQuery.All)).Count;
        var report = Report("wire-1", "Example Wire", "N. Korea fires ICBM", "North Korea fired an intercontinental ballistic missile on Thursday.", new KoreanDate(2024, 10, 31), "https://wire.example/icbm");

        var first = await Review.DetectNewAsync(store, [report], "watch wire", null, Clock);
        var again = await Review.DetectNewAsync(store, [report with { Id = "wire-1-copy" }], "watch wire", null, Clock);

        Assert.Equal(["2024-10-31-icbm-hwasong-19: https://wire.example/icbm"], first.SourcesAdded);
        Assert.Empty(again.SourcesAdded);
        Assert.Equal("detection read 1 new document: 1 event the record holds reported (1 source added)", first.ToString());
        Assert.Equal("detection read 1 new document: 1 event the record holds reported (no new source)", again.ToString());
        Assert.Empty(first.Queued);
        Assert.Equal(before, (await store.ListAsync(EventQuery.All)).Count);
        var launch = (await store.FindAsync("2024-10-31-icbm-hwasong-19"))!;
        Assert.Single(launch.Sources, s => s.Url == "https://wire.example/icbm" && s.Importer == Review.Importer);
        Assert.Contains(await store.AuditAsync("2024-10-31-icbm-hwasong-19"), a => a.Operation == "update" && a.Origin.Contains("watch wire", StringComparison.Ordinal));
        Assert.Empty(await store.ReviewsAsync());
    }

    [Fact]
    public async Task Reports_of_a_known_launch_from_two_watch_runs_at_once_both_become_its_sources()
    {
        await using var store = await OpenAsync();
        await using var other = Backend.Open();
        static Document Icbm(string id, string publisher) => Report(
            id, publisher, "N. Korea fires ICBM", "North Korea fired an intercontinental ballistic missile on Thursday.", new KoreanDate(2024, 10, 31), $"https://{publisher.ToLowerInvariant()}.example/icbm");
        // The other watch run adds its report to the event after this one read the event.
        var racing = Interleaved.Wrap(store, nameof(IEventStore.FindStoredAsync), () => Review.DetectNewAsync(other, [Icbm("kyodo-1", "Kyodo")], "watch kyodo", null, Clock));

        var outcome = await Review.DetectNewAsync(racing, [Icbm("wire-1", "Wire")], "watch wire", null, Clock);

        Assert.Empty(outcome.Failures);
        Assert.Equal(["2024-10-31-icbm-hwasong-19: https://wire.example/icbm"], outcome.SourcesAdded);
        var urls = (await store.FindAsync("2024-10-31-icbm-hwasong-19"))!.Sources.Select(s => s.Url).ToList();
        Assert.Contains("https://wire.example/icbm", urls);
        Assert.Contains("https://kyodo.example/icbm", urls);
    }

    [Fact]
    public async Task Reports_of_a_new_launch_from_two_publishers_make_one_pending_proposal_and_a_document_is_read_once()
    {
        await using var store = await OpenAsync();

        var first = await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch a", null, Clock);
        var second = await Review.DetectNewAsync(store, [NewLaunch("b-1", "Kyodo"), NewLaunch("a-1", "Yonhap")], "watch b", null, Clock);

        Assert.Equal(1, first.Documents);
        Assert.Equal(1, second.Documents);
        var item = Assert.Single(await store.ReviewsAsync());
        Assert.Equal($"detection read 1 new document: 1 new review item ({item.Id})", first.ToString());
        Assert.Equal($"detection read 1 new document: 1 waiting review item given more reports ({item.Id})", second.ToString());
        Assert.Equal(ReviewStatus.Pending, item.Status);
        Assert.Equal(NewDay, item.Proposal.Date);
        Assert.Equal("srbm", item.Proposal.Class);
        Assert.Equal(2, item.Proposal.Count);
        Assert.Equal(2, item.Proposal.Publishers);
        Assert.Equal(["a-1", "b-1"], item.Proposal.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
        var found = (await store.FindReviewAsync(item.Id))!;
        Assert.Equal(ProposalJson.WriteOne(item.Proposal), ProposalJson.WriteOne(found.Proposal));
        Assert.Equal(item with { Proposal = found.Proposal }, found);
    }

    [Fact]
    public async Task A_batch_of_new_launches_on_several_days_reads_the_record_once_to_detect_and_once_to_file()
    {
        await using var store = await OpenAsync();
        var counted = CountingStore.Wrap(store, out var counter);
        // Three Wednesdays, each launch new to the record: three proposals that match nothing.
        Document On(int week) => Report(
            $"w-{week}", "Yonhap", "N. Korea fires ballistic missiles", "North Korea fired two short-range ballistic missiles on Wednesday, the Joint Chiefs of Staff said.",
            NewDay.AddDays(7 * week), $"https://yonhap.example/w-{week}");

        var outcome = await Review.DetectNewAsync(counted, [On(0), On(1), On(2)], "watch yonhap", null, Clock);

        Assert.Equal(3, outcome.Created.Count);
        Assert.Equal(2, counter.Calls(nameof(IEventStore.ListAsync)));
    }

    [Fact]
    public async Task A_launch_auto_accepted_early_in_a_batch_is_the_record_for_a_later_proposal_of_it()
    {
        await using var store = await OpenAsync();
        // Two reports of one new launch, on days far enough apart in their words to be two proposals
        // unless the first, accepted at once, is already the record's when the second is filed.
        var first = Report("a-1", "Yonhap", "N. Korea fires ballistic missile", "North Korea fired a short-range ballistic missile on Wednesday, the Joint Chiefs of Staff said.", NewDay, "https://yonhap.example/a-1");
        var second = Report("b-1", "Kyodo", "N. Korea fired ballistic missile", "North Korea fired a short-range ballistic missile on Thursday, the Japanese government said.", NewDay.AddDays(1), "https://kyodo.example/b-1");

        var outcome = await Review.DetectNewAsync(store, [first, second], "watch", autoAccept: 1, Clock);

        var launches = (await store.ListAsync(new EventQuery { Kinds = [EventKind.MissileLaunch], Since = NewDay.AddDays(-1) })).ToList();
        Assert.True(launches.Count == 1, $"{outcome}: {string.Join(", ", launches.Select(e => e.Id))}");
    }

    [Fact]
    public async Task Accepting_a_proposal_writes_the_event_with_its_documents_as_sources_audited_under_the_reviewers_name()
    {
        await using var store = await OpenAsync();
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap"), NewLaunch("b-1", "Kyodo")], "watch", null, Clock);
        var item = Assert.Single(await store.ReviewsAsync());

        var e = await Review.AcceptAsync(store, item.Id, "analyst-key", null, Clock);

        Assert.Equal("2026-11-18-srbm", e.Id);
        Assert.Equal(EventKind.MissileLaunch, e.Kind);
        Assert.Equal(NewDay, e.Date);
        Assert.Equal(2, e.Figures.NumberFired);
        Assert.Equal(["https://kyodo.example/b-1", "https://yonhap.example/a-1"], e.Sources.Select(s => s.Url).Order(StringComparer.Ordinal));
        Assert.NotNull(await store.FindAsync(e.Id));
        var audit = Assert.Single(await store.AuditAsync(e.Id));
        Assert.Equal("insert", audit.Operation);
        Assert.Contains("accepted by analyst-key", audit.Origin, StringComparison.Ordinal);
        var decided = (await store.FindReviewAsync(item.Id))!;
        Assert.Equal(ReviewStatus.Accepted, decided.Status);
        Assert.Equal(e.Id, decided.EventId);
        Assert.Empty(await store.ReviewsAsync());
        var error = await Assert.ThrowsAsync<InputException>(() => Review.AcceptAsync(store, item.Id, "someone", null, Clock));
        Assert.Contains("already accepted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_proposal_stays_rejected_and_an_edit_the_record_would_refuse_is_refused()
    {
        await using var store = await OpenAsync();
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch", null, Clock);
        var item = Assert.Single(await store.ReviewsAsync());

        var bad = await Assert.ThrowsAsync<InputException>(() => Review.EditAsync(store, item.Id, new ProposalEdit { Class = "rocket" }, "analyst", Clock));
        var edited = await Review.EditAsync(store, item.Id, new ProposalEdit { Class = "crbm" }, "analyst", Clock);
        await Review.RejectAsync(store, item.Id, "analyst", "a drill, not a launch", Clock);
        var again = await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch", null, Clock);

        Assert.Equal("--class", bad.Field);
        Assert.Equal("crbm", edited.Proposal.Class);
        Assert.Equal(0, again.Documents);
        Assert.Empty(await store.ReviewsAsync());
        var rejected = Assert.Single(await store.ReviewsAsync(ReviewStatus.Rejected));
        Assert.Equal("a drill, not a launch", rejected.Note);
        Assert.Equal("analyst", rejected.DecidedBy);
    }

    [Fact]
    public async Task A_new_report_of_a_rejected_event_is_kept_with_the_rejected_proposal_and_queues_nothing()
    {
        await using var store = await OpenAsync();
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch", null, Clock);
        var item = Assert.Single(await store.ReviewsAsync());
        await Review.RejectAsync(store, item.Id, "analyst", "a drill, not a launch", Clock);

        var later = await Review.DetectNewAsync(store, [NewLaunch("b-1", "Kyodo"), NewLaunch("c-1", "NHK")], "watch", 2, Clock);

        Assert.Equal(2, later.Documents);
        Assert.Empty(later.Queued);
        Assert.Empty(later.Accepted);
        Assert.Equal([item.Id], later.KeptRejected.Select(i => i.Id));
        Assert.Equal($"detection read 2 new documents: 1 event already rejected kept out of the queue ({item.Id})", later.ToString());
        Assert.Empty(await store.ReviewsAsync());
        var rejected = Assert.Single(await store.ReviewsAsync(null));
        Assert.Equal(ReviewStatus.Rejected, rejected.Status);
        Assert.Equal("a drill, not a launch", rejected.Note);
        Assert.Equal("analyst", rejected.DecidedBy);
        Assert.Equal(["a-1", "b-1", "c-1"], rejected.Proposal.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Null(await store.FindAsync("2026-11-18-srbm"));
    }

    [Fact]
    public async Task A_document_detection_fails_on_is_reported_and_read_once_and_the_others_of_its_batch_still_make_proposals()
    {
        await using var store = await OpenAsync();
        // The store refuses what the bad document reports (a nuclear test), as a full disk or a
        // constraint would, and nothing else.
        await Backend.ExecuteAsync(Backend.FailInsertsInto("review_queue", "NEW.kind = 'nuclear-test'"));
        var bad = Report("bad-1", "Wire", "N. Korea conducts nuclear test", "North Korea conducted a nuclear test on Wednesday, its seventh.", NewDay, "https://wire.example/bad-1");

        var first = await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap"), bad, NewLaunch("b-1", "Kyodo")], "watch", null, Clock);
        var again = await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap"), bad, NewLaunch("b-1", "Kyodo")], "watch", null, Clock);

        Assert.Equal(3, first.Documents);
        var item = Assert.Single(first.Queued);
        Assert.Equal(["a-1", "b-1"], item.Proposal.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
        var failure = Assert.Single(first.Failures);
        Assert.Equal("bad-1", failure.DocumentId);
        Assert.Contains("nuclear test of 2026-11-18", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("simulated failure", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("1 document failed, not to be read again (bad-1: ", first.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, again.Documents);
        Assert.Equal([item.Id], (await store.ReviewsAsync()).Select(i => i.Id));
    }

    [Fact]
    public async Task A_feed_item_dated_on_the_calendars_first_day_is_reported_as_failed_and_read_once_and_the_others_of_its_batch_still_make_proposals()
    {
        await using var store = await OpenAsync();
        // A real way to make detection throw: the days around an event dated 0001-01-01 are
        // looked up, and the day before it cannot be represented.
        var ancient = Report("old-1", "Wire", "N. Korea fires missiles", "North Korea fired two short-range ballistic missiles on Wednesday.", new KoreanDate(1, 1, 1), "https://wire.example/old-1");

        var outcome = await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap"), ancient], "watch", null, Clock);

        Assert.Equal(["a-1"], Assert.Single(outcome.Queued).Proposal.Documents.Select(d => d.Id));
        var failure = Assert.Single(outcome.Failures);
        Assert.Equal("old-1", failure.DocumentId);
        Assert.StartsWith("the missile launch of 0001-01-01 it reports could not be stored: ", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(await store.UndetectedAsync(["a-1", "old-1"]));
    }

    [Fact]
    public async Task A_run_that_read_the_record_before_another_accepted_the_event_adds_its_report_as_a_source_not_a_new_review_item()
    {
        await using var store = await OpenAsync();
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch a", null, Clock);
        var item = Assert.Single(await store.ReviewsAsync());
        // A second `watch run --auto-accept 1` reads the record and detects its new report ...
        var stale = new EventDetector(await store.ListAsync(EventQuery.All)).Detect([DetectionInput.Of(NewLaunch("b-1", "Kyodo"))!]);
        // ... while the first run's proposal is accepted.
        var e = await Review.AcceptAsync(store, item.Id, "auto-accept", null, Clock);

        var outcome = await Review.FileAsync(store, new HashSet<string> { "b-1" }, stale, [], "watch b", 1, Clock, default);

        Assert.Null(Assert.Single(stale).Matches);
        Assert.Equal([$"{e.Id}: https://kyodo.example/b-1"], outcome.SourcesAdded);
        Assert.Empty(outcome.Queued);
        Assert.Empty(outcome.Accepted);
        Assert.Equal([item.Id], (await store.ReviewsAsync(null)).Select(i => i.Id));
        Assert.Contains("https://kyodo.example/b-1", (await store.FindAsync(e.Id))!.Sources.Select(s => s.Url));
    }

    [Fact]
    public async Task A_proposal_of_an_event_accepted_since_it_was_detected_is_not_queued_again()
    {
        await using var store = await OpenAsync();
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch", null, Clock);
        var item = Assert.Single(await store.ReviewsAsync());
        var stale = Assert.Single(new EventDetector([]).Detect([DetectionInput.Of(NewLaunch("b-1", "Kyodo"))!]));
        var e = await Review.AcceptAsync(store, item.Id, "analyst", null, Clock);

        var filed = await store.ProposeAsync(stale);

        Assert.Equal((item.Id, ReviewStatus.Accepted, e.Id), (filed.Id, filed.Status, filed.EventId));
        Assert.Equal([item.Id], (await store.ReviewsAsync(null)).Select(i => i.Id));
    }

    /// <summary>A second outlet's report of the pending launch, as a concurrent <c>watch run</c> files it.</summary>
    private static Proposal KyodoReport() => Assert.Single(new EventDetector([]).Detect([DetectionInput.Of(NewLaunch("b-1", "Kyodo"))!]));

    /// <summary>
    /// A pending item as a reviewer's page read it, and the item as stored after another watch run
    /// merged a second outlet's report into it.
    /// </summary>
    private static async Task<(ReviewItem Read, ReviewItem Merged)> ReadThenMergedAsync(IEventStore store)
    {
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch a", null, Clock);
        var read = Assert.Single(await store.ReviewsAsync());
        return (read, await store.ProposeAsync(KyodoReport()));
    }

    [Fact]
    public async Task A_report_merged_into_a_proposal_while_a_reviewer_accepts_it_becomes_a_source_of_the_accepted_event()
    {
        await using var store = await OpenAsync();
        var (read, merged) = await ReadThenMergedAsync(store);

        var e = await Review.AcceptAsync(store, read, "analyst", null, Clock);

        Assert.Equal((read.Id, ReviewStatus.Pending), (merged.Id, merged.Status));
        Assert.Equal(["https://kyodo.example/b-1", "https://yonhap.example/a-1"], (await store.FindAsync(e.Id))!.Sources.Select(s => s.Url).Order(StringComparer.Ordinal));
        var decided = (await store.FindReviewAsync(read.Id))!;
        Assert.Equal((ReviewStatus.Accepted, e.Id), (decided.Status, decided.EventId));
        Assert.Equal(["a-1", "b-1"], decided.Proposal.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_report_merged_into_a_proposal_while_a_reviewer_rejects_it_stays_with_the_rejected_proposal()
    {
        await using var store = await OpenAsync();
        var (read, _) = await ReadThenMergedAsync(store);

        await Review.RejectAsync(store, read, "analyst", "an exercise, not a launch", Clock);

        var decided = (await store.FindReviewAsync(read.Id))!;
        Assert.Equal((ReviewStatus.Rejected, "an exercise, not a launch"), (decided.Status, decided.Note));
        Assert.Equal(["a-1", "b-1"], decided.Proposal.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_edit_of_a_proposal_read_before_a_new_report_was_merged_keeps_the_report_and_the_edit()
    {
        await using var store = await OpenAsync();
        var (read, _) = await ReadThenMergedAsync(store);

        await Review.EditAsync(store, read, new ProposalEdit { Site = "Sunan" }, "analyst", Clock);

        var edited = (await store.FindReviewAsync(read.Id))!;
        Assert.Equal((ReviewStatus.Pending, "Sunan"), (edited.Status, edited.Proposal.Site));
        Assert.Equal(["a-1", "b-1"], edited.Proposal.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_reviewers_accepting_one_proposal_at_once_write_one_event_and_keep_the_first_ones_edit()
    {
        await using var store = await OpenAsync();
        await using var other = Backend.Open();
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch a", null, Clock);
        var read = Assert.Single(await store.ReviewsAsync());
        Event? theirs = null;
        // A second reviewer accepts it, naming the site, after this accept read the ids taken.
        var racing = Interleaved.Wrap(store, nameof(IEventStore.TakenIdsAsync),
            async () => theirs = await Review.AcceptAsync(other, read, "second analyst", new ProposalEdit { Site = "Sunan" }, Clock));

        var mine = await Review.AcceptAsync(racing, read, "analyst", null, Clock);

        Assert.Equal(theirs!.Id, mine.Id);
        var day = Assert.Single(await store.ListAsync(new EventQuery { Since = NewDay, Until = NewDay }));
        Assert.Equal(theirs.Id, day.Id);
        Assert.Contains("Sunan", day.Site?.Name, StringComparison.Ordinal);
        Assert.Equal((ReviewStatus.Accepted, "second analyst"), ((await store.FindReviewAsync(read.Id))!.Status, (await store.FindReviewAsync(read.Id))!.DecidedBy));
    }

    [Fact]
    public async Task A_decision_on_a_proposal_that_changed_since_it_was_read_is_not_saved()
    {
        await using var store = await OpenAsync();
        var (read, merged) = await ReadThenMergedAsync(store);
        var rejected = read with { Status = ReviewStatus.Rejected, DecidedBy = "analyst" };

        Assert.False(await store.SaveReviewAsync(rejected, read));
        Assert.Equal(ProposalJson.WriteOne(merged.Proposal), ProposalJson.WriteOne((await store.FindReviewAsync(read.Id))!.Proposal));
        Assert.True(await store.SaveReviewAsync(rejected with { Proposal = merged.Proposal }, merged));
        Assert.Equal(ReviewStatus.Rejected, (await store.FindReviewAsync(read.Id))!.Status);
        await Assert.ThrowsAsync<InputException>(() => store.SaveReviewAsync(rejected with { Id = "r-none" }, read with { Id = "r-none" }));
    }

    [Fact]
    public async Task Accepting_a_proposal_goes_through_events_add_so_a_deleted_events_id_is_refused_alike_and_the_proposal_stays_pending()
    {
        await using var store = await OpenAsync();
        var byHand = NewDayByHand();
        var added = await byHand.AddAsync(store, HandEntry.Origin("analyst"));
        await store.DeleteAsync(added.Id, new ChangeOrigin("test", "a mistake"));
        await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch", null, Clock);
        var item = Assert.Single(await store.ReviewsAsync());

        var typed = await Assert.ThrowsAsync<InputException>(() => (byHand with { Id = added.Id }).AddAsync(store, HandEntry.Origin("analyst")));
        var accepted = await Assert.ThrowsAsync<InputException>(() => Review.AcceptAsync(store, item.Id, "analyst", null, Clock));

        Assert.Equal("2026-11-18-srbm", added.Id);
        Assert.Equal(("--id", "id"), (typed.Field, accepted.Field));
        Assert.Contains("deleted", typed.Message, StringComparison.Ordinal);
        Assert.Contains("deleted", accepted.Message, StringComparison.Ordinal);
        Assert.Contains("review edit", accepted.Message, StringComparison.Ordinal); // review accept has no --id to give
        Assert.Equal(ReviewStatus.Pending, (await store.FindReviewAsync(item.Id))!.Status);
        Assert.Equal(["insert", "delete"], (await store.AuditAsync(added.Id)).Select(a => a.Operation).Reverse());
    }

    [Fact]
    public async Task Auto_accept_adds_what_enough_independent_publishers_report_and_queues_the_rest()
    {
        await using var store = await OpenAsync();

        var one = await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap"), NewLaunch("a-2", "Yonhap")], "watch", 2, Clock);
        var two = await Review.DetectNewAsync(store, [NewLaunch("b-1", "Kyodo")], "watch", 2, Clock);

        Assert.Empty(one.Accepted);
        Assert.Equal(["2026-11-18-srbm"], two.Accepted);
        Assert.Equal(ReviewStatus.Accepted, Assert.Single(await store.ReviewsAsync(null)).Status);
        Assert.Contains("auto-accept", Assert.Single(await store.AuditAsync("2026-11-18-srbm")).Origin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documents_detection_has_not_read_are_found_in_one_batch_each_once()
    {
        await using var store = await OpenAsync();
        await store.MarkDetectedAsync(["read-1", "read-2"]);

        var fresh = await store.UndetectedAsync(["read-1", "new-1", "new-2", "new-1", "read-2", "new \"3\""]);

        Assert.Equal(["new \"3\"", "new-1", "new-2"], fresh.Order(StringComparer.Ordinal));
        Assert.Empty(await store.UndetectedAsync([]));
    }

    [Fact]
    public async Task Auto_accept_that_the_record_refuses_says_why_and_leaves_the_proposal_pending()
    {
        await using var store = await OpenAsync();
        var added = await NewDayByHand().AddAsync(store, HandEntry.Origin("analyst"));
        await store.DeleteAsync(added.Id, new ChangeOrigin("test", "a mistake"));

        var outcome = await Review.DetectNewAsync(store, [NewLaunch("a-1", "Yonhap")], "watch", 1, Clock);

        var item = Assert.Single(outcome.Queued);
        Assert.Empty(outcome.Accepted);
        var (id, reason) = Assert.Single(outcome.NotAccepted);
        Assert.Equal(item.Id, id);
        Assert.Contains("deleted", reason, StringComparison.Ordinal);
        Assert.Contains($"1 new review item ({item.Id}), 1 review item not accepted automatically and left for review ({item.Id}: ", outcome.ToString(), StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Pending, (await store.FindReviewAsync(item.Id))!.Status);
    }
}

public sealed class SqliteReviewStoreTests : ReviewStoreContract<SqliteBackend>;

public sealed class PostgresReviewStoreTests : ReviewStoreContract<PostgresBackend>;

/// <summary>A store that counts the calls of each of its methods and passes every call on.</summary>
public class CountingStore : System.Reflection.DispatchProxy
{
    private IEventStore _inner = null!;
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    public static IEventStore Wrap(IEventStore inner, out CountingStore counter)
    {
        var store = Create<IStoreWithQuestions, CountingStore>();
        counter = (CountingStore)(object)store;
        counter._inner = inner;
        return store;
    }

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls[targetMethod.Name] = _calls.GetValueOrDefault(targetMethod.Name) + 1;
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}

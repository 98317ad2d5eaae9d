using Dapper;
using Peninsula.Detection;
using Peninsula.Events;

namespace Peninsula.Storage;

public sealed partial class SqliteEventStore
{
    private const string ReviewColumns = "id, status, proposal, created_at, updated_at, decided_by, decided_at, event_id, note";

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReviewItem>> ReviewsAsync(ReviewStatus? status = ReviewStatus.Pending, CancellationToken cancellationToken = default)
    {
        var rows = _connection.Query<ReviewRow>(
            $"SELECT {ReviewColumns} FROM review_queue WHERE @status IS NULL OR status = @status ORDER BY korean_date, id",
            new { status = status?.Slug() });
        return Task.FromResult<IReadOnlyList<ReviewItem>>([.. rows.Select(ToItem)]);
    }

    /// <inheritdoc/>
    public Task<ReviewItem?> FindReviewAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = _connection.QuerySingleOrDefault<ReviewRow>($"SELECT {ReviewColumns} FROM review_queue WHERE id = @id", new { id });
        return Task.FromResult(row is null ? null : ToItem(row));
    }

    /// <inheritdoc/>
    public Task<ReviewItem> ProposeAsync(Proposal proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Task.FromResult(Write("queueing a proposal for review", () =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            // Every status, named so that the index on (status, korean_date) serves the range of days.
            var near = _connection.Query<ReviewRow>(
                $"SELECT {ReviewColumns} FROM review_queue WHERE status IN ('pending', 'accepted', 'rejected') AND kind = @kind AND korean_date BETWEEN @from AND @to ORDER BY korean_date, id",
                new { kind = proposal.Kind.Slug(), from = proposal.Date.AddDays(-EventDetector.ToleranceDays).ToString(), to = proposal.Date.AddDays(EventDetector.ToleranceDays).ToString() },
                transaction).Select(ToItem);
            var now = _clock.GetUtcNow();
            ReviewItem item;
            var same = ReviewRules.SameEventAs(near, proposal);
            if (same is { Status: ReviewStatus.Accepted })
            {
                // Accepted since the proposal was detected: its event takes the documents, not the queue.
                item = same;
            }
            else if (same is { } queued)
            {
                item = queued with
                {
                    Proposal = queued.Status == ReviewStatus.Pending ? ReviewRules.Merge(queued.Proposal, proposal) : ReviewRules.Attach(queued.Proposal, proposal),
                    UpdatedAt = now,
                };
                WriteReview(item, transaction);
            }
            else
            {
                item = new ReviewItem(ReviewRules.NewId(proposal), ReviewStatus.Pending, proposal, now, now);
                _connection.Execute(
                    "INSERT INTO review_queue (id, status, korean_date, kind, class, publishers, proposal, created_at, updated_at) VALUES (@id, 'pending', @date, @kind, @class, @publishers, @proposal, @now, @now)",
                    new { id = item.Id, date = proposal.Date.ToString(), kind = proposal.Kind.Slug(), @class = proposal.Class, publishers = proposal.Publishers, proposal = ProposalJson.WriteOne(proposal), now = Text(now) },
                    transaction);
            }

            transaction.Commit();
            return item;
        }));
    }

    /// <inheritdoc/>
    public Task<bool> SaveReviewAsync(ReviewItem item, ReviewItem read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(read);
        return Task.FromResult(Write("saving a review decision", () =>
        {
            // Immediate: no other writer (another watch run merging a report) between the check and the write.
            using var transaction = _connection.BeginTransaction(deferred: false);
            var stored = _connection.QuerySingleOrDefault<ReviewRow>($"SELECT {ReviewColumns} FROM review_queue WHERE id = @id", new { id = item.Id }, transaction)
                ?? throw ReviewRules.UnknownProposal(item.Id);
            if (!ReviewRules.Unchanged(ToItem(stored), read))
            {
                return false;
            }

            WriteReview(item, transaction);
            transaction.Commit();
            return true;
        }));
    }

    /// <inheritdoc/>
    public Task<IReadOnlySet<string>> UndetectedAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        // One query for the whole batch: the ids go in as one JSON array, not one parameter each.
        var fresh = _connection.Query<string>(
            "SELECT DISTINCT given.value FROM json_each(@ids) AS given WHERE NOT EXISTS (SELECT 1 FROM detected_documents d WHERE d.document_id = given.value)",
            new { ids = System.Text.Json.JsonSerializer.Serialize(documentIds) });
        return Task.FromResult<IReadOnlySet<string>>(fresh.ToHashSet(StringComparer.Ordinal));
    }

    /// <inheritdoc/>
    public Task MarkDetectedAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        Write("marking documents as read by detection", () =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var now = Now();
            foreach (var id in documentIds.Distinct())
            {
                _connection.Execute("INSERT INTO detected_documents (document_id, detected_at) VALUES (@id, @now) ON CONFLICT DO NOTHING", new { id, now }, transaction);
            }

            transaction.Commit();
        });
        return Task.CompletedTask;
    }

    private void WriteReview(ReviewItem item, Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        var p = item.Proposal;
        var changed = _connection.Execute(
            "UPDATE review_queue SET status = @status, korean_date = @date, kind = @kind, class = @class, publishers = @publishers, proposal = @proposal, updated_at = @updated, " +
            "decided_by = @by, decided_at = @decided, event_id = @eventId, note = @note WHERE id = @id",
            new
            {
                id = item.Id,
                status = item.Status.Slug(),
                date = p.Date.ToString(),
                kind = p.Kind.Slug(),
                @class = p.Class,
                publishers = p.Publishers,
                proposal = ProposalJson.WriteOne(p),
                updated = Text(item.UpdatedAt),
                by = item.DecidedBy,
                decided = Text(item.DecidedAt),
                eventId = item.EventId,
                note = item.Note,
            },
            transaction);
        if (changed == 0)
        {
            throw ReviewRules.UnknownProposal(item.Id);
        }
    }

    private static ReviewItem ToItem(ReviewRow r) => new(
        r.id,
        ReviewRules.ParseStatus(r.status),
        ProposalJson.ReadOne(r.proposal),
        Instant(r.created_at)!.Value,
        Instant(r.updated_at)!.Value,
        r.decided_by,
        Instant(r.decided_at),
        r.event_id,
        r.note);

#pragma warning disable IDE1006, CA1812 // Dapper maps the columns by name; instantiated by Dapper.
    private sealed record ReviewRow(string id, string status, string proposal, string created_at, string updated_at, string? decided_by, string? decided_at, string? event_id, string? note);
#pragma warning restore IDE1006, CA1812
}

using Dapper;
using Npgsql;
using Peninsula.Detection;
using Peninsula.Events;

namespace Peninsula.Storage;

public sealed partial class PostgresEventStore
{
    private const string ReviewColumns = "id, status, proposal, created_at, updated_at, decided_by, decided_at, event_id, note";

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReviewItem>> ReviewsAsync(ReviewStatus? status = ReviewStatus.Pending, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ReviewItem>>("reading the review queue", async connection =>
            [.. (await connection.QueryAsync<ReviewRow>(new CommandDefinition(
                $"SELECT {ReviewColumns} FROM review_queue WHERE @status::text IS NULL OR status = @status ORDER BY korean_date, id COLLATE \"C\"",
                new { status = status?.Slug() }, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(ToItem)],
            cancellationToken);

    /// <inheritdoc/>
    public Task<ReviewItem?> FindReviewAsync(string id, CancellationToken cancellationToken = default) =>
        ReadAsync("reading a proposal", async connection =>
            (await connection.QuerySingleOrDefaultAsync<ReviewRow>(new CommandDefinition(
                $"SELECT {ReviewColumns} FROM review_queue WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false)) is { } row ? ToItem(row) : null,
            cancellationToken);

    /// <inheritdoc/>
    public Task<ReviewItem> ProposeAsync(Proposal proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return WriteAsync("queueing a proposal", async (connection, transaction) =>
        {
            // One writer at a time decides whether a report is new: two polls must not queue one event twice.
            await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE review_queue IN SHARE ROW EXCLUSIVE MODE", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            // Every status, named so that the index on (status, korean_date) serves the range of days.
            var near = (await connection.QueryAsync<ReviewRow>(new CommandDefinition(
                $"SELECT {ReviewColumns} FROM review_queue WHERE status IN ('pending', 'accepted', 'rejected') AND kind = @kind AND korean_date BETWEEN @from::date AND @to::date ORDER BY korean_date, id COLLATE \"C\"",
                new { kind = proposal.Kind.Slug(), from = proposal.Date.AddDays(-EventDetector.ToleranceDays).ToString(), to = proposal.Date.AddDays(EventDetector.ToleranceDays).ToString() },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(ToItem);
            var now = _clock.GetUtcNow();
            var same = ReviewRules.SameEventAs(near, proposal);
            if (same is { Status: ReviewStatus.Accepted })
            {
                // Accepted since the proposal was detected: its event takes the documents, not the queue.
                return same;
            }

            if (same is { } queued)
            {
                var merged = queued with
                {
                    Proposal = queued.Status == ReviewStatus.Pending ? ReviewRules.Merge(queued.Proposal, proposal) : ReviewRules.Attach(queued.Proposal, proposal),
                    UpdatedAt = now,
                };
                await WriteReviewAsync(connection, transaction, merged, cancellationToken).ConfigureAwait(false);
                return merged;
            }

            var item = new ReviewItem(ReviewRules.NewId(proposal), ReviewStatus.Pending, proposal, now, now);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO review_queue (id, status, korean_date, kind, class, publishers, proposal, created_at, updated_at) VALUES (@id, 'pending', @date::date, @kind, @class, @publishers, @proposal, @now, @now)",
                new { id = item.Id, date = proposal.Date.ToString(), kind = proposal.Kind.Slug(), @class = proposal.Class, publishers = proposal.Publishers, proposal = ProposalJson.WriteOne(proposal), now = now.UtcDateTime },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return item;
        }, dryRun: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> SaveReviewAsync(ReviewItem item, ReviewItem read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(read);
        return WriteAsync("saving a proposal", async (connection, transaction) =>
        {
            // The lock a new report takes to merge into the queue: one waits for the other, and the check below sees the merge.
            await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE review_queue IN SHARE ROW EXCLUSIVE MODE", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var stored = await connection.QuerySingleOrDefaultAsync<ReviewRow>(new CommandDefinition(
                $"SELECT {ReviewColumns} FROM review_queue WHERE id = @id", new { id = item.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                ?? throw ReviewRules.UnknownProposal(item.Id);
            if (!ReviewRules.Unchanged(ToItem(stored), read))
            {
                return false;
            }

            await WriteReviewAsync(connection, transaction, item, cancellationToken).ConfigureAwait(false);
            return true;
        }, dryRun: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlySet<string>> UndetectedAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        return ReadAsync<IReadOnlySet<string>>("finding documents detection has not read", async connection =>
        {
            var fresh = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT DISTINCT id FROM unnest(@ids) AS given(id) WHERE NOT EXISTS (SELECT 1 FROM detected_documents d WHERE d.document_id = given.id)",
                new { ids = documentIds.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return fresh.ToHashSet(StringComparer.Ordinal);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task MarkDetectedAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        return WriteAsync("marking documents as read by detection", (connection, transaction) =>
            connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO detected_documents (document_id, detected_at) SELECT DISTINCT unnest(@ids), @now ON CONFLICT DO NOTHING",
                new { ids = documentIds.ToArray(), now = Now() }, transaction, cancellationToken: cancellationToken)), dryRun: false, cancellationToken);
    }

    private static async Task WriteReviewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ReviewItem item, CancellationToken cancellationToken)
    {
        var p = item.Proposal;
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE review_queue SET status = @status, korean_date = @date::date, kind = @kind, class = @class, publishers = @publishers, proposal = @proposal, updated_at = @updated, " +
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
                updated = item.UpdatedAt.UtcDateTime,
                by = item.DecidedBy,
                decided = item.DecidedAt?.UtcDateTime,
                eventId = item.EventId,
                note = item.Note,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw ReviewRules.UnknownProposal(item.Id);
        }
    }

    private static ReviewItem ToItem(ReviewRow r) => new(
        r.id,
        ReviewRules.ParseStatus(r.status),
        ProposalJson.ReadOne(r.proposal),
        Utc(r.created_at),
        Utc(r.updated_at),
        r.decided_by,
        r.decided_at is { } at ? Utc(at) : null,
        r.event_id,
        r.note);

#pragma warning disable IDE1006, CA1812 // Dapper maps the columns by name; instantiated by Dapper.
    private sealed record ReviewRow(string id, string status, string proposal, DateTime created_at, DateTime updated_at, string? decided_by, DateTime? decided_at, string? event_id, string? note);
#pragma warning restore IDE1006, CA1812
}

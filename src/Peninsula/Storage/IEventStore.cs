using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Storage;

/// <summary>
/// Where the record lives. SQLite is the embedded default; a server implementation satisfies the
/// same contract. Every write is one transaction and is written to the audit trail.
/// </summary>
public interface IEventStore : IAsyncDisposable, Detection.IReviewStore
{
    /// <summary>A plain description of the store for messages, e.g. <c>SQLite database ./peninsula.db</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Inserts new events and updates changed ones, all or nothing. Events equal to what is stored
    /// are left alone, so saving the same events twice changes nothing. With
    /// <paramref name="dryRun"/> the transaction is rolled back and only the summary is returned.
    /// <paramref name="asRead"/> holds, for events the caller worked out from what it read, the
    /// event as read (null: none, or a deleted one, had that id): one the store no longer holds as
    /// read, changed by another writer since, is left as stored and named in
    /// <see cref="SaveSummary.ChangedSinceRead"/>, for the caller to work out again.
    /// </summary>
    Task<SaveSummary> SaveAsync(
        IReadOnlyCollection<Event> events, ChangeOrigin origin, bool dryRun = false, IReadOnlyDictionary<string, Event?>? asRead = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts one new event and audits the insert, unless an event (a deleted one included)
    /// already has its id: then nothing is written and the answer is false. The check and the
    /// insert are one transaction, so of two writers adding the same id at once one gets false,
    /// where <see cref="SaveAsync"/> would let the second replace the first's event.
    /// </summary>
    Task<bool> AddAsync(Event e, ChangeOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The events that match the query, ordered by Korean date, then UTC instant, then id.</summary>
    Task<IReadOnlyList<Event>> ListAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>One event by id, or null when there is none (or it was deleted).</summary>
    Task<Event?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the events (deleted ones left out) that are <paramref name="id"/> or begin with it
    /// and a hyphen (<c>id-2</c>, <c>id-3</c> ...): the ids a new event numbered after
    /// <paramref name="id"/> could clash with, read without reading the events.
    /// </summary>
    Task<IReadOnlySet<string>> TakenIdsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One event by id with its version, for an edit that must not overwrite someone else's; null when there is none (or it was deleted).</summary>
    Task<StoredEvent?> FindStoredAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a stored event with <paramref name="changed"/> (same id) if its version is still
    /// <paramref name="expectedVersion"/>, as read with <see cref="FindStoredAsync"/>, and audits
    /// the update. Returns the new version. When someone else changed or deleted the event in the
    /// meantime nothing is saved and a <see cref="ConcurrencyConflictException"/> says so; an
    /// unknown id is an <see cref="InputException"/>.
    /// </summary>
    Task<long> UpdateAsync(Event changed, long expectedVersion, ChangeOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Marks an event deleted (it stays in the store and in the audit trail); false when there is no such event.</summary>
    Task<bool> DeleteAsync(string id, ChangeOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The audit trail, newest first, optionally for one event.</summary>
    Task<IReadOnlyList<AuditEntry>> AuditAsync(string? eventId = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Schema version, counts and coverage.</summary>
    Task<StoreInfo> InfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the database's integrity and the record's own rules.</summary>
    Task<IntegrityReport> CheckAsync(CancellationToken cancellationToken = default);

    /// <summary>A stored setting (such as the fingerprint of the bundled data), or null.</summary>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a setting.</summary>
    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes what an importer read from one file, all or nothing: events merged with the stored
    /// ones (new sources added, disagreements recorded as conflicts and settled by
    /// <paramref name="policy"/>), documents stored once, media signals deduplicated by GDELT id
    /// and their daily aggregates rebuilt. Importing the same batch twice changes nothing.
    /// </summary>
    Task<ImportSummary> ImportAsync(ImportBatch batch, ImportPolicy policy, ChangeOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>Documents whose title or text hold every word, newest first.</summary>
    Task<IReadOnlyList<Document>> SearchDocumentsAsync(string text, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>The recorded disagreements between sources, optionally for one event.</summary>
    Task<IReadOnlyList<Conflict>> ConflictsAsync(string? eventId = null, CancellationToken cancellationToken = default);

    /// <summary>Daily aggregates of the media signals between two days (inclusive).</summary>
    Task<IReadOnlyList<SignalDay>> SignalDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Counts of documents and media signals.</summary>
    Task<(long Documents, long Signals, long Conflicts)> MediaCountsAsync(CancellationToken cancellationToken = default);

    /// <summary>The watched feeds, by name.</summary>
    Task<IReadOnlyList<Watch.FeedWatch>> WatchesAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a feed to watch; a name or URL already watched is refused with an <see cref="InputException"/>.</summary>
    Task AddWatchAsync(Watch.FeedWatch watch, CancellationToken cancellationToken = default);

    /// <summary>Stops watching a feed; false when there is no such name.</summary>
    Task<bool> RemoveWatchAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Saves the state of a watched feed after a poll, with a line for the log.</summary>
    Task SaveWatchAsync(Watch.FeedWatch watch, string logMessage, CancellationToken cancellationToken = default);

    /// <summary>The watch log, newest first.</summary>
    Task<IReadOnlyList<Watch.WatchLogEntry>> WatchLogAsync(int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many changes the record's events have had (the audit trail's last sequence number): it
    /// grows with every insert, update and delete, so caches and HTTP ETags can key on it.
    /// </summary>
    Task<long> ChangeCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a new API key; a name already used is refused with an <see cref="InputException"/>.</summary>
    Task AddApiKeyAsync(Access.ApiKey key, CancellationToken cancellationToken = default);

    /// <summary>Every API key, revoked ones included, by name.</summary>
    Task<IReadOnlyList<Access.ApiKey>> ApiKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The key whose secret has this hash, or null.</summary>
    Task<Access.ApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key from now on; false when there is no key of that name in force.</summary>
    Task<bool> RevokeApiKeyAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>An event as stored, with its version: 1 when inserted, one more on every change (optimistic concurrency).</summary>
public sealed record StoredEvent(Event Event, long Version);

/// <summary>What an import of one file did (or, in a dry run, would do).</summary>
/// <param name="Input">The file or URL.</param>
/// <param name="Events">Events added, updated and unchanged.</param>
/// <param name="Documents">Documents added, updated (new topics or links) and unchanged.</param>
/// <param name="Signals">Media signals added and unchanged.</param>
/// <param name="Conflicts">Every disagreement between sources found in this file.</param>
/// <param name="NewConflicts">How many of them were not recorded before.</param>
/// <param name="Rejections">Rows refused, with file, line, field and reason.</param>
/// <param name="Skipped">Rows read that were not for Peninsula (GDELT rows about other countries).</param>
/// <param name="Warnings">Values left empty because they could not be read (their rows were kept).</param>
/// <param name="Rows">Rows (stories, items) read from the file.</param>
public sealed record ImportSummary(
    string Input, ImportCounts Events, ImportCounts Documents, ImportCounts Signals,
    IReadOnlyList<Conflict> Conflicts, int NewConflicts, IReadOnlyList<Rejection> Rejections, long Skipped, IReadOnlyList<Rejection> Warnings, long Rows)
{
    /// <summary>The layout or edition the file was recognised as, if the source has several.</summary>
    public string? Layout { get; init; }

    /// <summary>Whether the import wrote nothing new.</summary>
    public bool ChangedNothing => Events.Added + Events.Updated + Documents.Added + Documents.Updated + Signals.Added + NewConflicts == 0;
}

/// <summary>Added, updated and unchanged records of one sort.</summary>
public sealed record ImportCounts(int Added, int Updated, int Unchanged)
{
    /// <summary>Nothing.</summary>
    public static readonly ImportCounts None = new(0, 0, 0);
}

/// <summary>The media signals of one day, one CAMEO root and one QuadClass.</summary>
public sealed record SignalDay(DateOnly Day, string EventRootCode, int QuadClass, int Signals, long Mentions, double? MeanTone);

/// <summary>Who or what made a change: the command and, for imports, the file.</summary>
/// <param name="Command">The command or process, e.g. <c>import</c> or <c>bundled-record</c>.</param>
/// <param name="Input">The file or other input, if any.</param>
public sealed record ChangeOrigin(string Command, string? Input = null)
{
    /// <inheritdoc/>
    public override string ToString() => Input is null ? Command : $"{Command} {Input}";
}

/// <summary>What a save did (or, in a dry run, would do).</summary>
/// <param name="Added">Ids of new events.</param>
/// <param name="Updated">Ids of events that changed.</param>
/// <param name="Unchanged">How many events were already stored as given.</param>
public sealed record SaveSummary(IReadOnlyList<string> Added, IReadOnlyList<string> Updated, int Unchanged)
{
    /// <summary>Ids of events left as stored because another writer changed them since the caller read them (see <see cref="IEventStore.SaveAsync"/>).</summary>
    public IReadOnlyList<string> ChangedSinceRead { get; init; } = [];
}

/// <summary>One row of the audit trail.</summary>
/// <param name="Sequence">Order of the change in this store.</param>
/// <param name="At">When, in UTC.</param>
/// <param name="Operation"><c>insert</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="EventId">The event changed.</param>
/// <param name="Origin">The command and input that made the change.</param>
/// <param name="Before">The event before, in the project's JSON format, or null for an insert.</param>
/// <param name="After">The event after, or null for a delete.</param>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Operation, string EventId, string Origin, string? Before, string? After);

/// <summary>Facts about a store.</summary>
/// <param name="Description">What and where it is.</param>
/// <param name="SchemaVersion">The schema version of the store.</param>
/// <param name="LatestSchemaVersion">The newest schema version this program knows.</param>
/// <param name="Events">Events (not deleted).</param>
/// <param name="Deleted">Events marked deleted.</param>
/// <param name="Sources">Source records.</param>
/// <param name="AuditEntries">Rows in the audit trail.</param>
/// <param name="FirstDate">The earliest Korean date in the record.</param>
/// <param name="LastDate">The latest Korean date in the record.</param>
/// <param name="EventsByKind">Events per kind slug.</param>
public sealed record StoreInfo(
    string Description,
    int SchemaVersion,
    int LatestSchemaVersion,
    long Events,
    long Deleted,
    long Sources,
    long AuditEntries,
    KoreanDate? FirstDate,
    KoreanDate? LastDate,
    IReadOnlyDictionary<string, long> EventsByKind);

/// <summary>The result of an integrity check: empty <see cref="Problems"/> means all is well.</summary>
/// <param name="Checks">What was checked, in plain words.</param>
/// <param name="Problems">What is wrong, in plain words.</param>
public sealed record IntegrityReport(IReadOnlyList<string> Checks, IReadOnlyList<string> Problems)
{
    /// <summary>Whether every check passed.</summary>
    public bool IsHealthy => Problems.Count == 0;
}

/// <summary>The store file was written by a newer Peninsula; it is refused and left untouched.</summary>
public sealed class StoreVersionException(string message) : Exception(message);

namespace Peninsula.Storage;

/// <summary>
/// The store could not do what was asked for a reason outside the record: the connection to the
/// database server was lost, the disk is full, the server cannot be reached. The message names the
/// store, what was being done and whether anything was saved (a write that fails saves nothing).
/// </summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// An edit lost a race: the event changed in the store after the editor read it. Nothing was
/// saved; read the event again and reapply the edit.
/// </summary>
public sealed class ConcurrencyConflictException(string eventId, long expectedVersion, long? storedVersion)
    : Exception(storedVersion is { } stored
        ? $"Event '{eventId}' was changed by someone else after you read it (you read version {expectedVersion}, the store now has version {stored}); nothing was saved. Read the event again and reapply your edit."
        : $"Event '{eventId}' was deleted by someone else after you read it (you read version {expectedVersion}); nothing was saved.")
{
    /// <summary>The event edited.</summary>
    public string EventId { get; } = eventId;

    /// <summary>The version the editor read.</summary>
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>The version now stored, or null when the event has been deleted.</summary>
    public long? StoredVersion { get; } = storedVersion;
}

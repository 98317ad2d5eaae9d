using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Record;

namespace Peninsula.Storage;

/// <summary>Finds and opens the store a command works on, and keeps the bundled record loaded in it.</summary>
public static partial class EventStores
{
    /// <summary>The environment variable that names the store when <c>--db</c> is not given.</summary>
    public const string EnvironmentVariable = "PENINSULA_DB";

    /// <summary>The store used when neither <c>--db</c> nor <see cref="EnvironmentVariable"/> names one.</summary>
    public const string DefaultLocation = "peninsula.db";

    private const string FingerprintSetting = "bundled_record_fingerprint";
    private const string IdsSetting = "bundled_record_ids";

    /// <summary>The store location: the option if given, else the environment variable, else <see cref="DefaultLocation"/>.</summary>
    public static string Locate(string? option, Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultLocation;

    /// <summary>
    /// Opens the store at a location: a PostgreSQL database when the location is a connection
    /// string (<c>Host=...;Database=...</c>) or a URL (<c>postgres://user@host:5432/database</c>),
    /// else a SQLite file path. Either way the schema is brought up to date.
    /// </summary>
    public static IEventStore Open(string location, TimeProvider? clock = null) =>
        IsPostgres(location) ? PostgresEventStore.Open(PostgresConnectionString(location), clock) : SqliteEventStore.Open(location, clock);

    /// <summary>
    /// Brings the schema of the store at <paramref name="location"/> up to date (creating the
    /// store if needed) without loading the bundled record. Returns the schema version before and
    /// after, and the store's description.
    /// </summary>
    public static async Task<(int From, int To, string Description)> MigrateAsync(string location, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var from = SchemaVersionOf(location);
        // Opening a store applies its pending migrations. The version is read again rather than
        // taken from InfoAsync, whose counts scan every event (a minute at ten million).
        await using var store = Open(location, clock);
        return (from, SchemaVersionOf(location), store.Description);
    }

    private static int SchemaVersionOf(string location) =>
        IsPostgres(location) ? PostgresEventStore.SchemaVersionOf(PostgresConnectionString(location)) : SqliteEventStore.SchemaVersionOf(location);

    /// <summary>Whether a location names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || HostKey().IsMatch(location);
    }

    /// <summary>
    /// The Npgsql connection string for a PostgreSQL location. A URL's user, password, host, port
    /// and database become keywords; <c>sslmode</c> is the one query parameter understood.
    /// </summary>
    internal static string PostgresConnectionString(string location)
    {
        if (!location.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(location).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new InputException($"the PostgreSQL connection string is not valid: {ex.Message}", field: "--db");
            }
        }

        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InputException("the PostgreSQL address is not a valid URL; expected postgres://user:password@host:5432/database.", field: "--db");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, Uri.UnescapeDataString(v)) : (pair, "");
            if (!key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                throw new InputException($"the PostgreSQL URL parameter '{key}' is not understood; only sslmode is. Use a connection string (Host=...;Database=...) for other settings.", field: "--db");
            }

            builder.SslMode = Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
                ? mode
                : throw new InputException($"'{value}' is not an sslmode; use disable, allow, prefer, require, verify-ca or verify-full.", field: "--db");
        }

        return builder.ConnectionString;
    }

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostKey();

    /// <summary>
    /// Where sources disagree on the store's events (about one event when <paramref name="eventId"/>
    /// is given): the bundled record's disagreements (its tables with each other, and its corrections)
    /// when the store holds the bundled record as this Peninsula builds it, then those its imports
    /// recorded. A store the bundled record was never loaded into lists only its own.
    /// </summary>
    public static async Task<(IReadOnlyList<Conflict> Bundled, IReadOnlyList<Conflict> Imported)> ConflictsAsync(
        IEventStore store, string? eventId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var holdsBundle = await store.GetSettingAsync(FingerprintSetting, cancellationToken).ConfigureAwait(false) == BundledRecord.Fingerprint;
        IReadOnlyList<Conflict> bundled = holdsBundle ? [.. BundledRecord.Disagreements.Where(c => eventId is null || c.EventId == eventId)] : [];
        return (bundled, await store.ConflictsAsync(eventId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Loads the bundled record into the store when it has never been loaded or the bundled data
    /// has changed since (a newer Peninsula). Returns what changed, or null when it was current.
    /// Events that an older bundle had and this one does not are deleted (softly, and audited).
    /// What the store changed in a bundled event since the older bundle is kept: the sources that
    /// imports, watched feeds and reviews added, and every field edited or set by an import (see
    /// <see cref="BundleUpdate"/>); the fields it left alone take the newer bundle's values. A bundled
    /// event deleted by hand (the API, an analyst) stays deleted.
    /// </summary>
    public static async Task<SaveSummary?> EnsureBundledRecordAsync(IEventStore store, CancellationToken cancellationToken = default)
    {
        if (await store.GetSettingAsync(FingerprintSetting, cancellationToken).ConfigureAwait(false) == BundledRecord.Fingerprint)
        {
            return null;
        }

        var origin = new ChangeOrigin(BundleUpdate.Origin, BundledRecord.Fingerprint[..12]);
        var previous = await store.GetSettingAsync(IdsSetting, cancellationToken).ConfigureAwait(false);
        // An event another writer changes while the merge is made (an edit through the API, a source
        // a review accept adds) is left as that writer saved it, and merged again from there.
        List<string> added = [], updated = [];
        SaveSummary summary;
        IReadOnlyList<Event> events;
        do
        {
            (events, var asRead) = await BundleUpdate.MergeAsync(store, BundledRecord.Events, loadedBefore: previous is not null, cancellationToken).ConfigureAwait(false);
            summary = await store.SaveAsync(events, origin, asRead: asRead, cancellationToken: cancellationToken).ConfigureAwait(false);
            added.AddRange(summary.Added);
            updated.AddRange(summary.Updated);
        }
        while (summary.ChangedSinceRead.Count > 0);

        // The bundle's ids, with those deleted by hand and left deleted: they are not the bundle's dropping.
        var current = BundledRecord.Events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in (previous is null ? [] : JsonSerializer.Deserialize<List<string>>(previous) ?? []).Where(id => !current.Contains(id)))
        {
            await store.DeleteAsync(dropped, origin, cancellationToken).ConfigureAwait(false);
        }

        await store.SetSettingAsync(IdsSetting, JsonSerializer.Serialize(current.Order(StringComparer.Ordinal)), cancellationToken).ConfigureAwait(false);
        await store.SetSettingAsync(FingerprintSetting, BundledRecord.Fingerprint, cancellationToken).ConfigureAwait(false);
        List<string> addedOnce = [.. added.Distinct(StringComparer.Ordinal)], updatedOnce = [.. updated.Distinct(StringComparer.Ordinal).Except(addedOnce, StringComparer.Ordinal)];
        return new SaveSummary(addedOnce, updatedOnce, events.Count - addedOnce.Count - updatedOnce.Count);
    }
}

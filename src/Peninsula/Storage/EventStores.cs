using System.Text.Json;
using Peninsula.Record;

namespace Peninsula.Storage;

/// <summary>Finds and opens the store a command works on, and keeps the bundled record loaded in it.</summary>
public static class EventStores
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

    /// <summary>Opens the store at a location (a SQLite file path).</summary>
    public static IEventStore Open(string location, TimeProvider? clock = null) => SqliteEventStore.Open(location, clock);

    /// <summary>
    /// Loads the bundled record into the store when it has never been loaded or the bundled data
    /// has changed since (a newer Peninsula). Returns what changed, or null when it was current.
    /// Events that an older bundle had and this one does not are deleted (softly, and audited).
    /// </summary>
    public static async Task<SaveSummary?> EnsureBundledRecordAsync(IEventStore store, CancellationToken cancellationToken = default)
    {
        if (await store.GetSettingAsync(FingerprintSetting, cancellationToken).ConfigureAwait(false) == BundledRecord.Fingerprint)
        {
            return null;
        }

        var origin = new ChangeOrigin("bundled-record", BundledRecord.Fingerprint[..12]);
        var events = BundledRecord.Events;
        var summary = await store.SaveAsync(events, origin, cancellationToken: cancellationToken).ConfigureAwait(false);
        var previous = await store.GetSettingAsync(IdsSetting, cancellationToken).ConfigureAwait(false);
        var current = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in (previous is null ? [] : JsonSerializer.Deserialize<List<string>>(previous) ?? []).Where(id => !current.Contains(id)))
        {
            await store.DeleteAsync(dropped, origin, cancellationToken).ConfigureAwait(false);
        }

        await store.SetSettingAsync(IdsSetting, JsonSerializer.Serialize(current.Order(StringComparer.Ordinal)), cancellationToken).ConfigureAwait(false);
        await store.SetSettingAsync(FingerprintSetting, BundledRecord.Fingerprint, cancellationToken).ConfigureAwait(false);
        return summary;
    }
}

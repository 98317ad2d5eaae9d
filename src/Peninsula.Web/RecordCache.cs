using System.Collections.Concurrent;
using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Web;

/// <summary>
/// Results of the analyses (forecasts, backtests, timing tests, counts) kept while the record does
/// not change. Each result is keyed by what was asked and by the store's change count, so a write
/// or an import makes the next request compute afresh; concurrent requests for the same result
/// share one computation.
/// </summary>
internal sealed class RecordCache(StorePool pool, TimeProvider clock, ILogger<RecordCache> logger)
{
    /// <summary>More distinct questions than this and the cache starts over (it holds what is asked often).</summary>
    private const int MaxEntries = 512;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The store's change count now.</summary>
    public async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        return await lease.Store.ChangeCountAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every event in the record as of <paramref name="version"/>.</summary>
    public Task<IReadOnlyList<Event>> EventsAsync(long version) =>
        GetAsync<IReadOnlyList<Event>>("events", version, async () =>
        {
            using var lease = pool.Rent();
            return await lease.Store.ListAsync(EventQuery.All).ConfigureAwait(false);
        });

    /// <summary>
    /// The result for <paramref name="key"/> at <paramref name="version"/>, computed once (off the
    /// request thread) and then shared. A failed computation is not kept.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, long version, Func<Task<T>> compute)
        where T : class
    {
        if (_entries.Count > MaxEntries)
        {
            _entries.Clear();
        }

        var fresh = new Entry(version, new Lazy<Task<object>>(async () => await Task.Run(compute).ConfigureAwait(false)));
        var entry = _entries.AddOrUpdate(key, fresh, (_, old) => old.Version >= version ? old : fresh);
        try
        {
            return (T)await entry.Value.Value.ConfigureAwait(false);
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>The forecasts as of a Korean date, every target and horizon.</summary>
    public async Task<IReadOnlyList<Forecast>> ForecastsAsync(KoreanDate asOf, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync("forecasts:" + asOf, version, async () =>
        {
            var events = await EventsAsync(version).ConfigureAwait(false);
            return Forecaster.Make(events, ForecastTarget.All, ForecastTarget.Horizons, asOf);
        }).ConfigureAwait(false);
    }

    /// <summary>Computes today's forecasts ahead of the first request that wants them.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = clock.GetTimestamp();
            await ForecastsAsync(KoreanDate.Today(clock), cancellationToken).ConfigureAwait(false);
            Log.ForecastsReady(logger, Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1));
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // A failed warm-up only means the first request computes the forecasts itself; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ForecastsNotWarmed(logger, ex);
        }
    }

    private sealed record Entry(long Version, Lazy<Task<object>> Value);
}

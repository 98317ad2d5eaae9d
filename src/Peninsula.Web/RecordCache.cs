using System.Collections.Concurrent;
using System.Globalization;
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
    /// <summary>More distinct questions than this and the least recently asked are dropped.</summary>
    private const int MaxEntries = 512;

    /// <summary>Pages of events kept at most (each under about 100 KB).</summary>
    private const int MaxPages = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _pages = new(StringComparer.Ordinal);

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
    public Task<T> GetAsync<T>(string key, long version, Func<Task<T>> compute)
        where T : class => GetAsync(_entries, MaxEntries, key, version, compute);

    /// <summary>
    /// A response body kept for the same question (a page of events): held apart from the
    /// analyses, so that many different pages push out only other pages, never the forecasts.
    /// </summary>
    public Task<byte[]> PageAsync(string key, long version, Func<Task<byte[]>> compute) =>
        GetAsync(_pages, MaxPages, key, version, compute);

    private static async Task<T> GetAsync<T>(ConcurrentDictionary<string, Entry> entries, int max, string key, long version, Func<Task<T>> compute)
        where T : class
    {
        if (entries.Count > max)
        {
            Trim(entries, max);
        }

        var fresh = new Entry(version, new Lazy<Task<object>>(async () => await Task.Run(compute).ConfigureAwait(false)));
        var entry = entries.AddOrUpdate(key, fresh, (_, old) => old.Version >= version ? old : fresh);
        entry.Touch();
        try
        {
            return (T)await entry.Value.Value.ConfigureAwait(false);
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>
    /// The forecasts as of a Korean date for the targets and horizons asked (all when null). A
    /// selection is cut from the forecasts of every target and horizon when those are ready, and
    /// computed on its own otherwise.
    /// </summary>
    public async Task<IReadOnlyList<Forecast>> ForecastsAsync(KoreanDate asOf, ForecastTarget? target, int? horizon, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        var everyKey = "forecasts:" + asOf;
        if (target is null && horizon is null)
        {
            return await GetAsync(everyKey, version, () => MakeAsync(ForecastTarget.All, ForecastTarget.Horizons)).ConfigureAwait(false);
        }

        IReadOnlyList<ForecastTarget> targets = target is null ? ForecastTarget.All : [target];
        IReadOnlyList<int> horizons = horizon is null ? ForecastTarget.Horizons : [horizon.Value];
        if (_entries.TryGetValue(everyKey, out var every) && every.Version == version && every.Value.IsValueCreated && every.Value.Value.IsCompletedSuccessfully)
        {
            every.Touch();
            return [.. ((IReadOnlyList<Forecast>)every.Value.Value.Result).Where(f => targets.Contains(f.Target) && horizons.Contains(f.HorizonDays))];
        }

        return await GetAsync(string.Create(CultureInfo.InvariantCulture, $"{everyKey}:{target?.Slug}:{horizon}"), version, () => MakeAsync(targets, horizons)).ConfigureAwait(false);

        async Task<IReadOnlyList<Forecast>> MakeAsync(IReadOnlyList<ForecastTarget> targets, IReadOnlyList<int> horizons) =>
            Forecaster.Make(await EventsAsync(version).ConfigureAwait(false), targets, horizons, asOf);
    }

    /// <summary>Computes today's forecasts ahead of the first request that wants them.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = clock.GetTimestamp();
            // The pages ask as of the record's end when the record is stale, so that is what is warmed.
            var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
            var asOf = Reports.RecordFreshness.Of(await EventsAsync(version).ConfigureAwait(false), KoreanDate.Today(clock)).CountedTo;
            await ForecastsAsync(asOf, null, null, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Drops the least recently used quarter: many different questions push out the answers
    /// nobody has asked for lately, not the forecasts every visitor of the overview asks for.
    /// </summary>
    private static void Trim(ConcurrentDictionary<string, Entry> entries, int max)
    {
        foreach (var (key, entry) in entries.OrderBy(e => e.Value.LastUsed).Take(entries.Count - (max * 3 / 4)).ToList())
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }

    private sealed record Entry(long Version, Lazy<Task<object>> Value)
    {
        private static long s_clock;
        private long _lastUsed;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch() => Volatile.Write(ref _lastUsed, Interlocked.Increment(ref s_clock));
    }
}

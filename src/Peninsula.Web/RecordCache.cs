using System.Collections.Concurrent;
using System.Globalization;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Web;

/// <summary>An answer from <see cref="RecordCache"/> and the store's change count it was computed at.</summary>
internal readonly record struct Cached<T>(T Value, long Version);

/// <summary>
/// Results of the analyses (forecasts, backtests, timing tests, counts) kept while the record does
/// not change. Each result is keyed by what was asked and by the store's change count, so a write
/// or an import makes the next request compute afresh. Concurrent requests for the same result
/// share one computation, which is cancelled when every request waiting for it has gone. For the
/// expensive analyses, readers keep getting the previous answer after a write until the new one is
/// ready, so that one write does not make every reader wait for a recomputation.
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
    public async Task<IReadOnlyList<Event>> EventsAsync(long version, CancellationToken cancellationToken = default) =>
        (await GetAsync<IReadOnlyList<Event>>("events", version, async token =>
        {
            using var lease = pool.Rent();
            return await lease.Store.ListAsync(EventQuery.All, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// The result for <paramref name="key"/> at <paramref name="version"/>, computed once (off the
    /// request thread) and then shared. <paramref name="charge"/> is called only when this request
    /// starts a new computation (it throws to refuse one). With <paramref name="keepPrevious"/>, a
    /// result of an older version is returned while the new one is computed. A failed or cancelled
    /// computation is not kept.
    /// </summary>
    public Task<Cached<T>> GetAsync<T>(
        string key, long version, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken, Action? charge = null, bool keepPrevious = false)
        where T : class => GetAsync(_entries, MaxEntries, key, version, compute, charge, keepPrevious, cancellationToken);

    /// <summary>
    /// A response body kept for the same question (a page of events): held apart from the
    /// analyses, so that many different pages push out only other pages, never the forecasts.
    /// </summary>
    public async Task<byte[]> PageAsync(string key, long version, Func<CancellationToken, Task<byte[]>> compute, CancellationToken cancellationToken) =>
        (await GetAsync(_pages, MaxPages, key, version, compute, charge: null, keepPrevious: false, cancellationToken).ConfigureAwait(false)).Value;

    private static async Task<Cached<T>> GetAsync<T>(
        ConcurrentDictionary<string, Entry> entries, int max, string key, long version, Func<CancellationToken, Task<T>> compute, Action? charge, bool keepPrevious,
        CancellationToken cancellationToken)
        where T : class
    {
        if (entries.Count > max)
        {
            Trim(entries, max);
        }

        Entry? replaced = null;
        var fresh = new Entry(version, async token => await compute(token).ConfigureAwait(false));
        var entry = entries.AddOrUpdate(key, fresh, (_, old) =>
        {
            if (old.Version >= version && !old.IsDead)
            {
                return old;
            }

            replaced = old;
            return fresh;
        });
        var started = ReferenceEquals(entry, fresh);
        if (started && keepPrevious && (replaced?.Result ?? replaced?.Previous) is { } previous)
        {
            // The answer before the write is served until the new one is ready; the new one is
            // the server's own work, computed once and not cancelled by any reader leaving.
            fresh.Previous = previous;
            fresh.Start(background: true);
            ForgetOnFailure(entries, key, fresh);
            return new Cached<T>((T)previous.Value, previous.Version);
        }

        if (started && charge is not null)
        {
            try
            {
                charge();
            }
            catch
            {
                entries.TryRemove(new KeyValuePair<string, Entry>(key, fresh));
                throw;
            }
        }

        entry.Touch();
        if (keepPrevious && entry.Result is null && entry.Previous is { } stale)
        {
            return new Cached<T>((T)stale.Value, stale.Version);
        }

        try
        {
            return new Cached<T>((T)await entry.WaitAsync(cancellationToken).ConfigureAwait(false), entry.Version);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
        catch (OperationCanceledException) when (entry.IsCancelled)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private static void ForgetOnFailure(ConcurrentDictionary<string, Entry> entries, string key, Entry entry) =>
        _ = entry.Work!.ContinueWith(
            t => entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)),
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>
    /// The forecasts as of a Korean date for the targets and horizons asked (all when null). A
    /// selection is cut from the forecasts of every target and horizon when those are ready, and
    /// computed on its own otherwise. <paramref name="run"/> runs the computation itself (within
    /// the server's budget for analyses); <paramref name="charge"/> and <paramref name="keepPrevious"/>
    /// are as in <see cref="GetAsync{T}(string, long, Func{CancellationToken, Task{T}}, CancellationToken, Action?, bool)"/>,
    /// for the selection computed on its own.
    /// </summary>
    public async Task<IReadOnlyList<Forecast>> ForecastsAsync(
        KoreanDate asOf, ForecastTarget? target, int? horizon, long version, Func<Func<CancellationToken, IReadOnlyList<Forecast>>, CancellationToken, Task<IReadOnlyList<Forecast>>> run,
        CancellationToken cancellationToken, Action? charge = null, bool keepPrevious = false)
    {
        var everyKey = "forecasts:" + asOf;
        if (target is null && horizon is null)
        {
            return (await GetAsync(everyKey, version, token => MakeAsync(ForecastTarget.All, ForecastTarget.Horizons, token), cancellationToken).ConfigureAwait(false)).Value;
        }

        IReadOnlyList<ForecastTarget> targets = target is null ? ForecastTarget.All : [target];
        IReadOnlyList<int> horizons = horizon is null ? ForecastTarget.Horizons : [horizon.Value];
        if (_entries.TryGetValue(everyKey, out var every) && every.Version == version && every.Result is { } all)
        {
            every.Touch();
            return [.. ((IReadOnlyList<Forecast>)all.Value).Where(f => targets.Contains(f.Target) && horizons.Contains(f.HorizonDays))];
        }

        return (await GetAsync(string.Create(CultureInfo.InvariantCulture, $"{everyKey}:{target?.Slug}:{horizon}"), version, token => MakeAsync(targets, horizons, token), cancellationToken, charge, keepPrevious)
            .ConfigureAwait(false)).Value;

        async Task<IReadOnlyList<Forecast>> MakeAsync(IReadOnlyList<ForecastTarget> targets, IReadOnlyList<int> horizons, CancellationToken token)
        {
            var events = await EventsAsync(version, token).ConfigureAwait(false);
            return await run(t => Forecaster.Make(events, targets, horizons, asOf, t), token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The backtest of one target and horizon (the API's document), from <paramref name="from"/>
    /// to <paramref name="to"/> every <paramref name="step"/> days, kept like any analysis;
    /// <paramref name="run"/>, <paramref name="charge"/> and <paramref name="keepPrevious"/> as in <see cref="ForecastsAsync"/>.
    /// </summary>
    public async Task<object> BacktestAsync(
        ForecastTarget target, int horizon, KoreanDate from, KoreanDate to, int step, long version, Func<Func<CancellationToken, object>, CancellationToken, Task<object>> run,
        CancellationToken cancellationToken, Action? charge = null, bool keepPrevious = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(run);
        return (await GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"backtest:{target.Slug}:{horizon}:{from}:{to}:{step}"),
            version,
            async token =>
            {
                var events = await EventsAsync(version, token).ConfigureAwait(false);
                return await run(t => ForecastDocuments.Backtest(Backtest.Run(events, target, horizon, from, to, step, t)), token).ConfigureAwait(false);
            },
            cancellationToken,
            charge,
            keepPrevious).ConfigureAwait(false)).Value;
    }

    /// <summary>
    /// The model against the published forecasts on past questions (the API's document of
    /// <see cref="Questions.PublishedComparison"/> on the bundled published forecasts), computed from
    /// the record at <paramref name="version"/> and kept like any analysis, so that its figures
    /// always agree with the record; <paramref name="run"/>, <paramref name="charge"/> and
    /// <paramref name="keepPrevious"/> as in <see cref="ForecastsAsync"/>.
    /// </summary>
    public async Task<object> PublishedAsync(
        long version, Func<Func<CancellationToken, object>, CancellationToken, Task<object>> run, CancellationToken cancellationToken, Action? charge = null, bool keepPrevious = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (await GetAsync(
            "published",
            version,
            async token =>
            {
                var events = await EventsAsync(version, token).ConfigureAwait(false);
                IReadOnlyDictionary<string, IReadOnlyList<Event>> filterEvents;
                using (var lease = pool.Rent())
                {
                    filterEvents = await Questions.QuestionResolver.FilterEventsAsync(lease.Store, Questions.PublishedForecasts.Bundled.Contents.Questions, token).ConfigureAwait(false);
                }

                return await run(t => Questions.QuestionDocuments.Published(Questions.PublishedComparison.Compute(Questions.PublishedForecasts.Bundled, events, filterEvents, t)), token).ConfigureAwait(false);
            },
            cancellationToken,
            charge,
            keepPrevious).ConfigureAwait(false)).Value;
    }

    /// <summary>
    /// Computes today's forecasts, then the track record the overview shows (any missile within
    /// 7 days, weekly from 2022), then the model against the published forecasts on past questions,
    /// ahead of the first request that wants them.
    /// </summary>
    public async Task WarmAsync(AnalysisBudget budget, CancellationToken cancellationToken)
    {
        try
        {
            var started = clock.GetTimestamp();
            // The pages ask as of the record's end when the record is stale, so that is what is warmed.
            var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
            var events = await EventsAsync(version, cancellationToken).ConfigureAwait(false);
            var asOf = Reports.RecordFreshness.Of(events, KoreanDate.Today(clock)).CountedTo;
            await ForecastsAsync(asOf, null, null, version, budget.RunAsync, cancellationToken).ConfigureAwait(false);
            Log.ForecastsReady(logger, Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1));
            var to = BundledRecord.CoverageEndOf(events);
            started = clock.GetTimestamp();
            await BacktestAsync(ForecastTarget.AnyMissile, 7, ForecastReport.DefaultFrom, to, 7, version, budget.RunAsync, cancellationToken).ConfigureAwait(false);
            Log.TrackRecordReady(logger, Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1));
            started = clock.GetTimestamp();
            await PublishedAsync(version, budget.RunAsync, cancellationToken).ConfigureAwait(false);
            Log.PublishedComparisonReady(logger, Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1));
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

    /// <summary>
    /// One computation and the requests waiting for it. It starts with its first waiter and is
    /// cancelled when the last waiter has gone, unless it runs for the server itself (a refresh
    /// after a write).
    /// </summary>
#pragma warning disable CA1001 // A CancellationTokenSource without a timer holds nothing to release; entries are dropped, not closed.
    private sealed class Entry(long version, Func<CancellationToken, Task<object>> compute)
#pragma warning restore CA1001
    {
        private static long s_clock;
        private readonly CancellationTokenSource _cancel = new();
        private readonly Lock _lock = new();
        private long _lastUsed;
        private int _waiters;
        private bool _background;

        public long Version { get; } = version;

        public Task<object>? Work { get; private set; }

        /// <summary>The answer of an older version, served while this one is computed.</summary>
        public Cached<object>? Previous { get; set; }

        /// <summary>The answer, once computed.</summary>
        public Cached<object>? Result => Work is { IsCompletedSuccessfully: true } t ? new Cached<object>(t.Result, Version) : null;

        public bool IsCancelled => _cancel.IsCancellationRequested;

        /// <summary>Cancelled or failed: a new request computes afresh instead of sharing it.</summary>
        public bool IsDead => IsCancelled || Work is { IsFaulted: true } or { IsCanceled: true };

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch() => Volatile.Write(ref _lastUsed, Interlocked.Increment(ref s_clock));

        public void Start(bool background)
        {
            lock (_lock)
            {
                _background |= background;
                Work ??= Run();
            }
        }

        public async Task<object> WaitAsync(CancellationToken cancellationToken)
        {
            Task<object> work;
            lock (_lock)
            {
                work = Work ??= Run();
                _waiters++;
            }

            try
            {
                return await work.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_lock)
                {
                    if (--_waiters == 0 && !_background && !work.IsCompleted)
                    {
                        // Nobody wants the answer any more: stop the work instead of finishing it for no one.
                        _cancel.Cancel();
                    }
                }
            }
        }

        private Task<object> Run()
        {
            var token = _cancel.Token;
            return Task.Run(() => compute(token), token);
        }
    }
}

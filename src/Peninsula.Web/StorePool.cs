using System.Collections.Concurrent;
using Peninsula.Storage;

namespace Peninsula.Web;

/// <summary>
/// Stores for requests. A SQLite store object serves one caller at a time (it holds one
/// connection), so each request rents one and gives it back; idle ones are kept up to a bound and
/// the rest closed. A PostgreSQL store takes a pooled connection per operation and serves any
/// number of callers, so every request is lent the same one (one data source, one migration check).
/// </summary>
public sealed class StorePool : IAsyncDisposable
{
    private readonly ConcurrentBag<IEventStore> _idle = [];
    private readonly Func<IEventStore> _open;
    private readonly int _maxIdle;
    private readonly IEventStore? _shared;
    private int _idleCount;

    /// <summary>A pool over the store at <paramref name="location"/>.</summary>
    public StorePool(string location, TimeProvider clock, int maxIdle = 32)
    {
        Location = location;
        _open = () => EventStores.Open(location, clock);
        _maxIdle = maxIdle;
        _shared = EventStores.IsPostgres(location) ? _open() : null;
    }

    /// <summary>Where the store is (a SQLite file path or a server connection).</summary>
    public string Location { get; }

    /// <summary>Lends a store; dispose the lease to give it back.</summary>
    public Lease Rent()
    {
        if (_shared is not null)
        {
            return new Lease(this, _shared);
        }

        if (_idle.TryTake(out var store))
        {
            Interlocked.Decrement(ref _idleCount);
            return new Lease(this, store);
        }

        return new Lease(this, _open());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync().ConfigureAwait(false);
        }

        while (_idle.TryTake(out var store))
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Return(IEventStore store)
    {
        if (ReferenceEquals(store, _shared))
        {
            return;
        }

        if (Interlocked.Increment(ref _idleCount) <= _maxIdle)
        {
            _idle.Add(store);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A store lent to one request.</summary>
    public readonly struct Lease(StorePool pool, IEventStore store) : IDisposable
    {
        /// <summary>The store, for this request only.</summary>
        public IEventStore Store => store;

        /// <inheritdoc/>
        public void Dispose() => pool.Return(store);
    }
}

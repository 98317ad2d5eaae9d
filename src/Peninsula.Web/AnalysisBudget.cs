using System.Globalization;
using System.Threading.RateLimiting;

namespace Peninsula.Web;

/// <summary>A request refused because its client has used up its budget of new analyses; answered with 429 and Retry-After.</summary>
internal sealed class BudgetExceededException(TimeSpan retryAfter)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"This client has asked for too many new analyses; try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds, or use an API key for a larger allowance."))
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// What the expensive analyses (forecasts as of a new date, backtests, timing tests, tempo) may
/// cost. Each client has a budget of new computations a minute (answers already computed are
/// free): few for anonymous clients, more for a valid API key. The computations themselves run on
/// at most half the processors, so that the rest always serve the record (<c>/api/events</c>, pages).
/// </summary>
internal sealed class AnalysisBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TaskScheduler _scheduler;
    private int _started;
    private int _running;

    public AnalysisBudget(IConfiguration configuration)
    {
        var anonymous = configuration.GetValue("RateLimits:AnalysesPerMinute", 30);
        var withKey = configuration.GetValue("RateLimits:KeyAnalysesPerMinute", 300);
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(
            client,
            c => Bucket(c.StartsWith("key:", StringComparison.Ordinal) ? withKey : anonymous)));
        Threads = Math.Max(1, Environment.ProcessorCount / 2);
        _scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Threads).ConcurrentScheduler;
    }

    /// <summary>How many threads the analyses may use at once.</summary>
    public int Threads { get; }

    /// <summary>Computations started since the server started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Computations running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Takes one new computation from the client's budget, or throws <see cref="BudgetExceededException"/>.</summary>
    public void Charge(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(Clients.Of(http));
        if (!lease.IsAcquired)
        {
            throw new BudgetExceededException(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// Runs a computation on the analyses' own threads (its parallel loops included, which take
    /// the current scheduler), stopping when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.Factory.StartNew(
            () =>
            {
                Interlocked.Increment(ref _started);
                Interlocked.Increment(ref _running);
                try
                {
                    return work(cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            },
            cancellationToken,
            TaskCreationOptions.DenyChildAttach,
            _scheduler);
    }

    public void Dispose() => _limiter.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = Math.Max(1, perMinute),
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, perMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

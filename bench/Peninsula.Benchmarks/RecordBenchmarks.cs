using BenchmarkDotNet.Attributes;
using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Storage;

namespace Peninsula.Benchmarks;

/// <summary>
/// What a first run and the everyday commands cost on the bundled record: creating a store and
/// loading the record into it (the first `peninsula` command on a fresh machine), listing with
/// filters, and full-text search.
/// </summary>
[MemoryDiagnoser]
public class RecordBenchmarks : BundledStoreBenchmark
{
    [Benchmark(Description = "create store + load bundled record")]
    public async Task<int> CreateAndLoad()
    {
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
        await using (var store = EventStores.Open(path))
        {
            var summary = await EventStores.EnsureBundledRecordAsync(store);
            File.Delete(path);
            return summary!.Added.Count;
        }
    }

    [Benchmark(Description = "events list --kind missile-launch --class icbm")]
    public async Task<int> ListIcbms() =>
        (await Store.ListAsync(new EventQuery { Kinds = [EventKind.MissileLaunch], Classes = ["icbm"] })).Count;

    [Benchmark(Description = "events list (whole record)")]
    public async Task<int> ListAll() => (await Store.ListAsync(EventQuery.All)).Count;

    [Benchmark(Description = "events list --text hwasong")]
    public async Task<int> Search() => (await Store.ListAsync(new EventQuery { Text = "hwasong" })).Count;
}

/// <summary>A store in a folder of its own, loaded with the bundled record before the benchmarks run.</summary>
public abstract class BundledStoreBenchmark
{
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "peninsula-bench", Guid.NewGuid().ToString("N"));

    protected IEventStore Store { get; private set; } = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        Directory.CreateDirectory(Folder);
        _ = BundledRecord.Events;
        Store = EventStores.Open(Path.Combine(Folder, "loaded.db"));
        await EventStores.EnsureBundledRecordAsync(Store);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await Store.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

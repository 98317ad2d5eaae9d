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
public class RecordBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "peninsula-bench", Guid.NewGuid().ToString("N"));
    private IEventStore _store = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        Directory.CreateDirectory(_folder);
        _ = BundledRecord.Events;
        _store = EventStores.Open(Path.Combine(_folder, "loaded.db"));
        await EventStores.EnsureBundledRecordAsync(_store);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "create store + load bundled record")]
    public async Task<int> CreateAndLoad()
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
        await using (var store = EventStores.Open(path))
        {
            var summary = await EventStores.EnsureBundledRecordAsync(store);
            File.Delete(path);
            return summary!.Added.Count;
        }
    }

    [Benchmark(Description = "events list --kind missile-launch --class icbm")]
    public async Task<int> ListIcbms() =>
        (await _store.ListAsync(new EventQuery { Kinds = [EventKind.MissileLaunch], Classes = ["icbm"] })).Count;

    [Benchmark(Description = "events list (whole record)")]
    public async Task<int> ListAll() => (await _store.ListAsync(EventQuery.All)).Count;

    [Benchmark(Description = "events list --text hwasong")]
    public async Task<int> Search() => (await _store.ListAsync(new EventQuery { Text = "hwasong" })).Count;
}

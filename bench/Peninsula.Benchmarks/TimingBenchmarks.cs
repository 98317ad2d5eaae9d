using BenchmarkDotNet.Attributes;
using Peninsula.Record;
using Peninsula.Storage;
using Peninsula.Timing;

namespace Peninsula.Benchmarks;

/// <summary>
/// What `peninsula timing --context NAME` costs on the full bundled record, past the process
/// start: reading both sets from the store and running 10,000 permutations of each kind, with the
/// event-study profile. The anniversaries question is the largest (449 context events).
/// </summary>
[MemoryDiagnoser]
public class TimingBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "peninsula-bench", Guid.NewGuid().ToString("N"));
    private IEventStore _store = null!;

    [Params("secstate-visits", "exercises", "anniversaries", "summits")]
    public string Question { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        Directory.CreateDirectory(_folder);
        _ = BundledRecord.Events;
        _store = EventStores.Open(Path.Combine(_folder, "timing.db"));
        await EventStores.EnsureBundledRecordAsync(_store);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "timing, 10,000 permutations")]
    public async Task<double> Timing() =>
        (await TimingAnalysis.RunAsync(_store, TimingQuestions.Find(Question)!, new TimingOptions { Permutations = 10_000 })).Hits.P;
}

using BenchmarkDotNet.Attributes;
using Peninsula.Timing;

namespace Peninsula.Benchmarks;

/// <summary>
/// What `peninsula timing --context NAME` costs on the full bundled record, past the process
/// start: reading both sets from the store and running 10,000 permutations of each kind, with the
/// event-study profile. The anniversaries question is the largest (449 context events).
/// </summary>
[MemoryDiagnoser]
public class TimingBenchmarks : BundledStoreBenchmark
{
    [Params("secstate-visits", "exercises", "anniversaries", "summits")]
    public string Question { get; set; } = "";

    [Benchmark(Description = "timing, 10,000 permutations")]
    public async Task<double> Timing() =>
        (await TimingAnalysis.RunAsync(Store, TimingQuestions.Find(Question)!, new TimingOptions { Permutations = 10_000 })).Hits.P;
}

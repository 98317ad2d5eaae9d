using BenchmarkDotNet.Running;
using Peninsula.Benchmarks;

// dotnet run -c Release --project bench/Peninsula.Benchmarks -- --filter '*'      (BenchmarkDotNet suites)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- gdelt            (GDELT filter against DuckDB)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- claims           (accuracy on the labelled claims, and one timed 1 MB check)
return args switch
{
    ["gdelt", ..] => await GdeltBenchmark.RunAsync(args),
    ["gdelt-scan", var folder, var pattern] => GdeltBenchmark.Scan(folder, pattern),
    ["claims", ..] => Claims(),
    _ => Run(args),
};

static int Claims()
{
    ClaimEvaluationRun.Print(Console.Out);
    return 0;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RecordBenchmarks).Assembly).Run(args);
    return 0;
}

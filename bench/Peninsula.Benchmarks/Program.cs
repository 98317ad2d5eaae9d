using BenchmarkDotNet.Running;
using Peninsula.Benchmarks;

// dotnet run -c Release --project bench/Peninsula.Benchmarks -- --filter '*'      (BenchmarkDotNet suites)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- gdelt            (GDELT filter against DuckDB)
return args switch
{
    ["gdelt", ..] => await GdeltBenchmark.RunAsync(args),
    ["gdelt-scan", var folder, var pattern] => GdeltBenchmark.Scan(folder, pattern),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RecordBenchmarks).Assembly).Run(args);
    return 0;
}

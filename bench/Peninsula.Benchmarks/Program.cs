using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Peninsula.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- claims   (accuracy on the labelled claims, and one timed 1 MB check)
if (args is ["claims", ..])
{
    Peninsula.Benchmarks.ClaimEvaluationRun.Print(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Peninsula.Benchmarks.RecordBenchmarks).Assembly).Run(args);

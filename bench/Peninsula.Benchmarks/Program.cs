using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Peninsula.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-goal   (the issue-5 goal, as Markdown)
if (args is ["forecast-goal"])
{
    Console.Write(Peninsula.Benchmarks.ForecastGoal.Run());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Peninsula.Benchmarks.RecordBenchmarks).Assembly).Run(args);

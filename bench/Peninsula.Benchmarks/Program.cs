using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Peninsula.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Peninsula.Benchmarks.RecordBenchmarks).Assembly).Run(args);

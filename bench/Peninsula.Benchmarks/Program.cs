using BenchmarkDotNet.Running;
using Peninsula.Benchmarks;

// dotnet run -c Release --project bench/Peninsula.Benchmarks -- --filter '*'      (BenchmarkDotNet suites)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- gdelt            (GDELT filter against DuckDB)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- claims           (accuracy on the labelled claims, and one timed 1 MB check)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-goal    (the forecasting goal, as Markdown)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-validate (the validation period 2016-2021 the forecast settings are chosen on)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- stores           (SQLite and PostgreSQL on 10,000,000 generated events; see StoreBenchmark)
return args switch
{
    ["gdelt", ..] => await GdeltBenchmark.RunAsync(args),
    ["gdelt-scan", var folder, var pattern] => GdeltBenchmark.Scan(folder, pattern),
    ["stores", ..] => await StoreBenchmark.RunAsync(args),
    ["claims", ..] => Print(ClaimEvaluationRun.Print),
    ["forecast-goal"] => Print(output => output.Write(ForecastGoal.Run())),
    ["forecast-validate"] => Print(output => output.Write(ForecastValidation.Run())),
    _ => Run(args),
};

static int Print(Action<TextWriter> write)
{
    write(Console.Out);
    return 0;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RecordBenchmarks).Assembly).Run(args);
    return 0;
}

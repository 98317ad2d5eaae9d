using BenchmarkDotNet.Running;
using Peninsula.Benchmarks;

// dotnet run -c Release --project bench/Peninsula.Benchmarks -- --filter '*'      (BenchmarkDotNet suites)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- gdelt            (GDELT filter against DuckDB)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- claims           (accuracy on the labelled claims, and one timed 1 MB check)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- claim-patterns   (regenerate src/Peninsula/Reading/ClaimPatterns.Generated.cs after changing data/claims or data/gazetteer)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-goal    (the forecasting goal, as Markdown)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-validate (the validation period 2016-2021 the forecast settings are chosen on)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-selection (issue 20: the candidates on 2010-2021, round 6 on the whole bundled record, and the one docs/forecast-selection.md chooses)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-speed   (issue 20: wall time of the report's backtest and of peninsula forecast)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- web-load [EVENTS] [SECONDS] (wrk against peninsula serve on a store of a million events)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- web-render       (the overview's first render in Chromium)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- web-hostile [SECONDS] (wrk on /api/events at 64 connections while 4 anonymous clients ask for new forecasts)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-calibration validate|goal (the recalibration experiment)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-regime  (the change-point model against climatology, 1995-2021, by target and horizon)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- cns-merge [ROWS...] (the CNS merge on many launches of one date, beside the same rows over many dates)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- questions [FILE] (the model against the crowd on resolved questions, data/questions/resolved-crowd.csv)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- questions-speed (wall and processor time of the published comparison on the bundled record, and a digest of its figures)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect [FILE.json|FOLDER ...] [--output FILE] (detection on real archives; bench/detect/README.md)
// dotnet run -c Release --project bench/Peninsula.Benchmarks -- stores           (SQLite and PostgreSQL on 10,000,000 generated events; see StoreBenchmark)
return args switch
{
    ["gdelt", ..] => await GdeltBenchmark.RunAsync(args),
    ["gdelt-scan", var folder, var pattern] => GdeltBenchmark.Scan(folder, pattern),
    ["stores", ..] => await StoreBenchmark.RunAsync(args),
    ["cns-merge", ..] => CnsMergeBenchmark.Run(args),
    ["claims", ..] => Print(ClaimEvaluationRun.Print),
    ["claims-dates"] => Print(ClaimEvaluationRun.Dates),
    ["claims-heldout", ..] => HeldOutClaimsBenchmark.Run(args),
    ["detect", ..] => DetectBenchmark.Run(args),
    ["claim-patterns"] => Print(ClaimEvaluationRun.WritePatterns),
    ["forecast-goal"] => Print(output => output.Write(ForecastGoal.Run())),
    ["forecast-selection"] => Print(output => output.Write(ForecastSelection.Run())),
    ["forecast-speed"] => Print(output => output.Write(ForecastSpeed.Run())),
    ["forecast-validate"] => Print(output => output.Write(ForecastValidation.Run())),
    ["web-load", ..] => await WebLoad.RunAsync(args),
    ["web-render"] => await WebRender.RunAsync(),
    ["web-hostile", ..] => await WebHostile.RunAsync(args),
    ["questions-speed"] => await QuestionsSpeed.RunAsync(Console.Out),
    ["questions"] => Print(output => output.Write(QuestionsBenchmark.Run(Path.Combine(ClaimEvaluationRun.Root(), "data", "questions", "resolved-crowd.csv")))),
    ["questions", var file] => Print(output => output.Write(QuestionsBenchmark.Run(file))),
    ["forecast-regime"] => Print(output => output.Write(ForecastRegime.Run())),
    ["forecast-calibration", var period] => Print(output => output.Write(ForecastCalibration.Run(period))),
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

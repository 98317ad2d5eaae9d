using BenchmarkDotNet.Attributes;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// What the issue-5 goal costs: fitting every model as of every weekly issue date from 2022-01-01
/// to 2025-06-30 and scoring them (any-missile, 7 days), from scratch each time (Hawkes fits
/// included); and one forecast as of the end of the record.
/// </summary>
[MemoryDiagnoser]
public class ForecastBenchmarks
{
    private IReadOnlyList<Event> _events = null!;

    [GlobalSetup]
    public void Setup() => _events = BundledRecord.Events;

    [Benchmark(Description = "backtest any-missile 7d, 2022-01-01..2025-06-30, weekly (fit + score)")]
    public BacktestResult BacktestAnyMissile7() =>
        Backtest.Run(_events, ForecastTarget.AnyMissile, 7, ForecastGoal.From, ForecastGoal.To);

    [Benchmark(Description = "forecast any-missile 7d as of 2025-06-30")]
    public Forecast ForecastAnyMissile7() =>
        Forecaster.Make(_events, [ForecastTarget.AnyMissile], [7], ForecastGoal.To)[0];
}

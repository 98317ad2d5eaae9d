using System.Diagnostics;
using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The wall time of the two forecasting paths users wait for (issue 20, item 3): the report's
/// backtest of every target and horizon on 2022-01-01 .. 2025-06-30 (every candidate fitted at
/// every weekly issue date; target under a minute), and <c>peninsula forecast</c> of every target
/// and horizon as of the record's end (the forecast model alone). The times live here, not in
/// docs/forecast-report.md, so that the generated report changes only when the forecasts do.
/// Run with <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-speed</c>.
/// </summary>
public static class ForecastSpeed
{
    public static string Run()
    {
        var events = BundledRecord.Events;
        var asOf = BundledRecord.CoverageEndOf(events);
        var text = new StringBuilder();
        void Line(FormattableString s) => text.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');

        // Warm the JIT first, so the times below are the work, not the compiler.
        Forecaster.Make(events, [ForecastTarget.Ballistic], [7], asOf);
        // Processor time beside wall time: on a machine shared with other work the wall time says
        // as much about the neighbours as about this code.
        var process = Process.GetCurrentProcess();
        var forecasts = new List<double>();
        var forecastCpu = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            Forecaster.Make(events, ForecastTarget.All, ForecastTarget.Horizons, asOf);
            forecasts.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            forecastCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
        }

        var backtests = new List<double>();
        var backtestCpu = new List<double>();
        for (var i = 0; i < 2; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            Backtest.RunAll(events, ForecastReport.DefaultFrom, new KoreanDate(2025, 6, 30));
            backtests.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            backtestCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
        }

        Line($"## Forecasting speed ({Environment.ProcessorCount} processors)");
        Line($"");
        Line($"| path | runs | wall time: best | slowest | processor time: least | most |");
        Line($"| --- | ---: | ---: | ---: | ---: | ---: |");
        Line($"| `peninsula forecast` of {ForecastTarget.All.Count} targets x {ForecastTarget.Horizons.Count} horizons as of {asOf} (the forecast model alone) | {forecasts.Count} | {forecasts.Min():0.000} s | {forecasts.Max():0.000} s | {forecastCpu.Min():0.000} s | {forecastCpu.Max():0.000} s |");
        Line($"| backtest of every target and horizon, weekly 2022-01-01 .. 2025-06-30, every candidate (the report's; target under 60 s of wall time) | {backtests.Count} | {backtests.Min():0.0} s | {backtests.Max():0.0} s | {backtestCpu.Min():0.0} s | {backtestCpu.Max():0.0} s |");
        return text.ToString();
    }
}

using System.CommandLine;
using System.Globalization;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Import;
using Peninsula.Record;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula backtest</c>: how each forecasting model would have done, issue date by issue date.</summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Option<string?>("--target") { Description = $"What to forecast: {string.Join(", ", ForecastTarget.All.Select(t => t.Slug))}." };
        var horizon = new Option<int?>("--horizon") { Description = "Days ahead: 7, 30, 90 or 365." };
        var from = new Option<string?>("--from") { Description = "First issue date (Korean date, YYYY-MM-DD). Default: 2022-01-01." };
        var to = new Option<string?>("--to") { Description = "Last issue date (Korean date). Default: the end of the record. Only forecasts whose outcome is known are scored." };
        var step = new Option<int>("--step") { Description = "Days between issue dates.", DefaultValueFactory = _ => 7 };
        var report = new Option<string?>("--report") { Description = "Write the full report (every target and horizon, Markdown plus reliability diagrams as SVG) to this file instead, e.g. docs/forecast-report.md." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("backtest", "Score every forecasting model on past issue dates (rolling origin, each model refitted as of each date): Brier score, log loss, skill against climatology, calibration.")
        {
            target, horizon, from, to, step, report, format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var events = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
            var start = KoreanDate.ParseInput(parse.GetValue(from), "--from") ?? ForecastReport.DefaultFrom;
            var end = KoreanDate.ParseInput(parse.GetValue(to), "--to") ?? Record.BundledRecord.CoverageEndOf(events);
            Forecaster.CheckAsOf(end, KoreanDate.Today(context.Clock), "--to");
            if (parse.GetValue(report) is { } path)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var written = ForecastReport.Write(events, path, start, end, parse.GetValue(step));
                context.Out.MarkupLine($"Wrote {Markup.Escape(path)} and {written.Count - 1} reliability diagrams ({Markup.Escape(string.Join(", ", written.Skip(1).Select(Path.GetFileName)))}) in {watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s.");
                return 0;
            }

            var targetSlug = parse.GetValue(target) ?? throw new InputException("Name a target with --target (or write the whole report with --report FILE).", field: "--target");
            var days = parse.GetValue(horizon) ?? throw new InputException("Name a horizon with --horizon: 7, 30, 90 or 365.", field: "--horizon");
            var result = Backtest.Run(events, ForecastTarget.Parse(targetSlug), ForecastTarget.ParseHorizon(days), start, end, parse.GetValue(step));
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(ForecastDocuments.Backtest(result)));
            }
            else
            {
                Render(context.Out, result, Record.BundledRecord.CoverageEndOf(events));
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static void Render(IAnsiConsole console, BacktestResult r, KoreanDate recordEnd)
    {
        Rendering.Heading(console, $"[bold]Backtest[/]: {Markup.Escape(r.Target.Description)} within {r.HorizonDays} days");
        // The backtest reads the record only up to the last issue date's outcome, which may be well before the record's end.
        var outcomes = r.DataEnd < recordEnd
            ? $"outcomes were read from the record up to {r.DataEnd}, {r.HorizonDays} days after the last issue date asked for (--to); the record runs to {recordEnd}."
            : $"the record ends on {r.DataEnd}, so later issue dates cannot be scored yet.";
        console.MarkupLine(
            $"{r.Scores[0].N} forecasts issued every {r.StepDays} days from {r.FirstIssue} to {r.LastIssue} (Korean dates); the event came within the horizon after {r.Positives} of them. " +
            $"Each model was refitted as of each issue date on the record up to that date; {outcomes}");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Model");
        foreach (var c in new[] { "Brier", "Log loss", "Skill vs climatology (95% interval)", "Calibration error", "Sharpness" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (var s in r.Scores)
        {
            var name = s.Model == r.ForecastModel ? $"[bold]{s.Model}[/] (used by forecast)" : s.Model;
            var skill = s.Model == "climatology" ? "0 (reference)" : $"{F(s.Bss)} ({F(s.BssLow)} to {F(s.BssHigh)})";
            table.AddRow(name, F(s.Brier), F(s.LogLoss), skill, F(s.Ece), F(s.Sharpness));
        }

        console.Write(table);
        var against = r.AgainstBestReference();
        console.MarkupLine(Markup.Escape(
            $"Against the best simple model here ({against.Reference}): the forecast model's Brier score minus that model's is {Rendering.Signed(against.Difference, 4)} " +
            $"(95% interval {Rendering.Signed(against.Low, 4)} to {Rendering.Signed(against.High, 4)}); {against.Verdict}."));
        var chosen = r.Chosen;
        console.MarkupLine(
            $"Skill above 0 beats the base rate; an interval that includes 0 means the record cannot tell them apart. Calibration error is the average gap between forecast and observed frequency over ten bins. Reliability of [bold]{chosen.Model}[/]:");
        var bins = new Table().Border(TableBorder.Simple);
        bins.AddColumn("Forecast bin");
        bins.AddColumn(new TableColumn("Forecasts").RightAligned());
        bins.AddColumn(new TableColumn("Mean forecast").RightAligned());
        bins.AddColumn(new TableColumn("Observed").RightAligned());
        foreach (var b in chosen.Reliability.Where(b => b.Count > 0))
        {
            bins.AddRow(string.Create(CultureInfo.InvariantCulture, $"{b.Low:0.0}-{b.High:0.0}"), Rendering.Number(b.Count), Percent(b.MeanForecast), Percent(b.Observed));
        }

        console.Write(bins);
        if (r.DataEnd == BundledRecord.CoverageEnd)
        {
            console.MarkupLine($"[grey]The bundled record ends on {BundledRecord.CoverageEnd}; import later events to score later forecasts.[/]");
        }
    }

    internal static string F(double x) => double.IsFinite(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    internal static string Percent(double x) => double.IsFinite(x) ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";
}

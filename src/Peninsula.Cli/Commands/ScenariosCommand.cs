using System.CommandLine;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula scenarios</c>: continued provocation, major escalation, diplomatic opening, as probabilities.</summary>
internal static class ScenariosCommand
{
    public static Command Create(CliContext context)
    {
        var horizon = new Option<int>("--horizon") { Description = "Days ahead: 90 or 365.", DefaultValueFactory = _ => 365 };
        var asOf = new Option<string?>("--as-of") { Description = "As of the end of this Korean date (YYYY-MM-DD). Default: today in Korea." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("scenarios", "The outlooks commentators argue about, as probabilities: continued provocation, major escalation, diplomatic opening.")
        {
            horizon, asOf, format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var date = KoreanDate.ParseInput(parse.GetValue(asOf), "--as-of") ?? KoreanDate.Today(context.Clock);
            Forecaster.CheckAsOf(date, KoreanDate.Today(context.Clock));
            var events = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
            var days = parse.GetValue(horizon);
            var scenarios = Scenarios.Compute(events, date, days);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(scenarios.Select(s => new
                {
                    scenario = s.Name,
                    description = s.Description,
                    horizon_days = days,
                    as_of = date.ToString(),
                    probability = Math.Round(s.Probability, 5),
                    source = s.Source,
                    base_rate = Math.Round(s.BaseRate, 5),
                    basis = s.Basis,
                })));
                return 0;
            }

            // Past the record's end the scenarios know nothing later: they cover the days after that end, and the heading says so.
            var recordEnd = scenarios[0].DataUntil;
            Rendering.Heading(context.Out, recordEnd < date
                ? $"[bold]Scenarios[/] for the {days} days after the record's end, {recordEnd} (Korean date; it ends {date.DaysSince(recordEnd)} days before {date})"
                : $"[bold]Scenarios[/] for the {days} days after {date} (Korean date)");
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Scenario");
            table.AddColumn(new TableColumn("Probability").RightAligned());
            table.AddColumn("From");
            table.AddColumn(new TableColumn("Base rate").RightAligned());
            foreach (var s in scenarios)
            {
                table.AddRow(Markup.Escape(s.Description), $"[bold]{Forecaster.Pct(s.Probability)}[/]", s.Source == "model" ? "model" : "[yellow]base rate[/]",
                    Forecaster.Pct(s.BaseRate));
            }

            context.Out.Write(table);
            foreach (var s in scenarios)
            {
                context.Out.MarkupLine($"  - [bold]{Markup.Escape(s.Name)}[/]: {Markup.Escape(s.Basis)}");
            }

            context.Out.MarkupLine("[grey]'model' rows come from Peninsula's fitted models (see peninsula backtest for their track record); 'base rate' rows are how often it happened in the record.[/]");
            return 0;
        }, cancellationToken));
        return command;
    }
}

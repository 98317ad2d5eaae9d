using System.CommandLine;
using System.Globalization;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula tempo</c>: how often a target has been happening, year by year, as the change-point model reads it.</summary>
internal static class TempoCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Option<string>("--target") { Description = $"Which events: {string.Join(", ", ForecastTarget.All.Select(t => t.Slug))}.", DefaultValueFactory = _ => ForecastTarget.AnyMissile.Slug };
        var asOf = new Option<string?>("--as-of") { Description = "Using the record up to the end of this Korean date (YYYY-MM-DD). Default: today in Korea." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("tempo", "How often North Korea has been doing something, year by year since 1985, as the change-point model behind the forecasts reads it: event days a year with a 90% interval, and when the current regime began.")
        {
            target, asOf, format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var date = KoreanDate.ParseInput(parse.GetValue(asOf), "--as-of") ?? KoreanDate.Today(context.Clock);
            var chosen = ForecastTarget.Parse(parse.GetValue(target)!);
            var events = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
            var tempo = Tempo.Of(events, chosen, date);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(ForecastDocuments.Tempo(tempo)));
                return 0;
            }

            Render(context.Out, tempo);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static void Render(IAnsiConsole console, TempoSeries tempo)
    {
        Rendering.Heading(console, $"[bold]Tempo[/] of {Markup.Escape(tempo.Target.Description)}, to {tempo.DataUntil} (Korean dates)");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Year");
        table.AddColumn(new TableColumn("Event days").RightAligned());
        table.AddColumn(new TableColumn("Tempo at the year's end, event days a year: median (90% interval)").RightAligned());
        table.AddColumn("Tempo");
        var top = Math.Max(1, tempo.Points.Max(p => p.PerYear));
        foreach (var year in tempo.Points.GroupBy(p => p.Date.Year))
        {
            var last = year.Last();
            var days = tempo.Events.Where(e => e.Date.Year == year.Key).Select(e => e.Date).Distinct().Count();
            var bar = new string('█', (int)Math.Round(24 * last.PerYear / top));
            // The record's last year is cut short at its end: the row says so.
            var partial = year.Key == tempo.DataUntil.Year && tempo.DataUntil != new KoreanDate(year.Key, 12, 31);
            table.AddRow(
                partial ? $"{year.Key.ToString(CultureInfo.InvariantCulture)} (to {tempo.DataUntil.ToString()[5..]})" : year.Key.ToString(CultureInfo.InvariantCulture),
                days.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{last.PerYear:0.0} ({last.Low:0.0} to {last.High:0.0})"),
                $"[blue]{bar}[/]");
        }

        console.Write(table);
        var now = tempo.Points[^1];
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"On {now.Date}: {now.PerYear:0.0} event days a year (the median; 90% interval {now.Low:0.0} to {now.High:0.0}), in a regime that began about {tempo.RegimeStart} (the median of the model's estimate).")));
        console.MarkupLine("[grey]Each year's tempo uses only the record up to that year's end (the last year's, up to the record's end). 'peninsula tempo --format json' gives every week and the events behind it; the dashboard's forecast page charts it.[/]");
    }
}

using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Peninsula.Import;
using Peninsula.Reports;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula stats --by ...</c>: counts of events.</summary>
internal static class StatsCommand
{
    public static Command Create(CliContext context)
    {
        var filter = new CommonOptions.Filter();
        var by = new Option<string>("--by", "-b") { Description = "Group by year, month, kind, class, system or site.", DefaultValueFactory = _ => "year" };
        by.AcceptOnlyFromAmong("year", "month", "kind", "class", "system", "site");
        var format = CommonOptions.Format("table", "table", "csv", "json");
        var command = new Command("stats", "Count events by year, month, kind, class, system or site, with the same filters as 'events list'.") { by, format };
        filter.AddTo(command);
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var dimension = Enum.Parse<StatisticsDimension>(parse.GetValue(by)!, ignoreCase: true);
            var events = await store.ListAsync(filter.Read(parse), cancellationToken).ConfigureAwait(false);
            var rows = EventStatistics.Count(events, dimension);
            switch (parse.GetValue(format))
            {
                case "json":
                    context.RawOut.WriteLine(EventJson.SerializeValue(rows.Select(r => new { key = r.Key, events = r.Events, missiles_fired = r.MissilesFired, launches_uncounted = r.LaunchesUncounted })));
                    break;
                case "csv":
                    using (var csv = CsvWriter.Create(context.RawOut, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
                    {
                        csv.WriteHeader([dimension.ToString().ToLowerInvariant(), "events", "missiles_fired", "launches_uncounted"]);
                        foreach (var r in rows)
                        {
                            csv.WriteRecord([SpreadsheetText.Neutralise(r.Key), r.Events.ToString(CultureInfo.InvariantCulture), r.MissilesFired.ToString(CultureInfo.InvariantCulture), r.LaunchesUncounted.ToString(CultureInfo.InvariantCulture)]);
                        }
                    }

                    break;
                default:
                    Render(context.Out, rows, dimension, events.Count);
                    break;
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static void Render(IAnsiConsole console, IReadOnlyList<StatisticsRow> rows, StatisticsDimension dimension, int total)
    {
        if (rows.Count == 0)
        {
            console.MarkupLine("No events match these filters.");
            return;
        }

        var showMissiles = rows.Any(r => r.MissilesFired > 0 || r.LaunchesUncounted > 0);
        var max = rows.Max(r => r.Events);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(dimension.ToString());
        table.AddColumn(new TableColumn("Events").RightAligned());
        if (showMissiles)
        {
            table.AddColumn(new TableColumn("Missiles fired").RightAligned());
        }

        table.AddColumn("");
        foreach (var r in rows)
        {
            var bar = new string('█', Math.Max(r.Events * 40 / max, r.Events > 0 ? 1 : 0));
            var cells = new List<string> { Markup.Escape(r.Key), Rendering.Number(r.Events) };
            if (showMissiles)
            {
                cells.Add(MissilesFired(r));
            }

            cells.Add($"[steelblue]{bar}[/]");
            table.AddRow([.. cells]);
        }

        console.Write(table);
        console.MarkupLine($"[grey]{Rendering.Count(total, "event")} in {Rendering.Count(rows.Count, "group")}. Dates are Korean dates (UTC+9).[/]");
        if (showMissiles && rows.Any(r => r.LaunchesUncounted > 0))
        {
            console.MarkupLine("[grey]'at least n' where some launches have no number of missiles in any source; 'unknown' where none has.[/]");
        }
    }

    /// <summary>The missiles fired as a reader should take them: a known sum, a lower bound, or unknown.</summary>
    internal static string MissilesFired(StatisticsRow r) =>
        r.LaunchesUncounted == 0 ? Rendering.Number(r.MissilesFired)
        : r.MissilesFired == 0 && r.LaunchesUncounted == r.Events ? "unknown"
        : $"at least {Rendering.Number(r.MissilesFired + r.LaunchesUncounted)}";
}

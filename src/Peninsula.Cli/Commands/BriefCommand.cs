using System.CommandLine;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Record;
using Peninsula.Reports;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula brief</c>: the situation brief, the main job.</summary>
internal static class BriefCommand
{
    public static Command Create(CliContext context)
    {
        var asOf = new Option<string?>("--as-of") { Description = "The Korean date of the brief (YYYY-MM-DD). Default: today in Korea." };
        var days = new Option<int>("--days") { Description = "How many days of recent events to show.", DefaultValueFactory = _ => 30 };
        var years = new Option<int>("--years") { Description = "How many years the launches-per-year chart covers.", DefaultValueFactory = _ => 20 };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("brief", "A situation brief: days since the last ballistic launch, ICBM and nuclear test; recent events; launches per year.")
        {
            asOf, days, years, format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var today = KoreanDate.Today(context.Clock);
            var date = KoreanDate.ParseInput(parse.GetValue(asOf), "--as-of") ?? today;
            if (date > today)
            {
                throw new InputException(
                    $"--as-of {date} is in the future: today is {today} in Korea. A brief can only be written about a day that has happened; for what may come, see 'peninsula forecast'.",
                    field: "--as-of");
            }
            var recentDays = parse.GetValue(days);
            var yearCount = parse.GetValue(years);
            if (recentDays < 1 || yearCount < 1)
            {
                throw new InputException("--days and --years must be at least 1.", field: recentDays < 1 ? "--days" : "--years");
            }

            var events = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
            var brief = SituationBrief.Compute(events, date, recentDays, yearCount);
            if (parse.GetValue(format) == "json")
            {
                WriteJson(context.RawOut, brief);
            }
            else
            {
                Render(context.Out, brief, store.Description);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static void Render(IAnsiConsole console, SituationBrief brief, string storeDescription)
    {
        Rendering.Heading(console, $"[bold]North Korea situation brief[/] as of {brief.AsOf} (Korea, UTC+9)");
        console.MarkupLine($"[grey]Record: {brief.RecordFirst?.ToString() ?? "empty"} to {brief.RecordLast?.ToString() ?? "-"} (latest North Korean action), {Markup.Escape(storeDescription)}.[/]");
        if (brief.RecordLast is { } last && brief.DaysSinceAreUpperBounds)
        {
            console.MarkupLine(
                $"[yellow]The record's latest North Korean action is {last}, {brief.AsOf.DaysSince(last)} days before {brief.AsOf}.[/] " +
                $"The bundled record ends on {BundledRecord.CoverageEnd}; later events appear once imported ([bold]peninsula import[/]). " +
                "Counts of days below are upper bounds until then: a launch that the record does not yet hold can only make them smaller.");
        }

        console.WriteLine();
        var milestones = new Table().Border(TableBorder.Rounded).Title("Days since");
        milestones.AddColumn("Last");
        milestones.AddColumn("Date (KST)");
        milestones.AddColumn(new TableColumn("Days ago").RightAligned());
        milestones.AddColumn("Event");
        foreach (var m in brief.Milestones)
        {
            milestones.AddRow(
                Markup.Escape(m.What),
                m.Event?.Date.ToString() ?? "none",
                m.DaysAgo is { } d ? Rendering.Number(d) : "-",
                m.Event is null ? "[grey]none in the record[/]" : $"{Markup.Escape(m.Event.Title)} [grey]({Markup.Escape(m.Event.Id)})[/]");
        }

        console.Write(milestones);
        console.WriteLine();
        if (brief.Recent.Count == 0)
        {
            console.MarkupLine($"[bold]Last {brief.RecentDays} days:[/] no events in the record between {brief.AsOf.AddDays(-brief.RecentDays + 1)} and {brief.AsOf}.");
        }
        else
        {
            console.MarkupLine($"[bold]Last {brief.RecentDays} days[/] ({brief.AsOf.AddDays(-brief.RecentDays + 1)} to {brief.AsOf}): {Rendering.Count(brief.Recent.Count, "event")}");
            console.Write(Rendering.EventTable(brief.Recent));
        }

        console.WriteLine();
        var chart = new BarChart()
            .Width(72)
            .Label($"[bold]Ballistic launch events per year[/] [grey](missiles fired in brackets; {brief.LaunchesByYear[0].Year}-{brief.LaunchesByYear[^1].Year}{(brief.Freshness.IsStale ? $", to the record's end {brief.Freshness.CountedTo}" : "")})[/]")
            .LeftAlignLabel();
        foreach (var y in brief.LaunchesByYear)
        {
            chart.AddItem($"{y.Year} ({y.MissilesFired})", y.LaunchEvents, y.LaunchEvents >= 20 ? Color.Red : y.LaunchEvents >= 8 ? Color.Orange1 : Color.SteelBlue);
        }

        console.Write(chart);
        console.MarkupLine("[grey]A launch event is one system fired from one site on one Korean date; see 'peninsula events show ID' for sources.[/]");
    }

    private static void WriteJson(TextWriter output, SituationBrief brief)
    {
        var document = new
        {
            as_of = brief.AsOf.ToString(),
            time_zone = "Asia/Seoul (UTC+9)",
            record_first = brief.RecordFirst?.ToString(),
            record_last = brief.RecordLast?.ToString(),
            bundled_record_ends = BundledRecord.CoverageEnd.ToString(),
            days_since_are_upper_bounds = brief.DaysSinceAreUpperBounds,
            days_since = brief.Milestones.Select(m => new
            {
                what = m.What,
                event_id = m.Event?.Id,
                date = m.Event?.Date.ToString(),
                days = m.DaysAgo,
            }),
            recent_days = brief.RecentDays,
            recent = brief.Recent.Select(e => e.Id),
            launches_by_year = brief.LaunchesByYear.Select(y => new { year = y.Year, launch_events = y.LaunchEvents, missiles_fired = y.MissilesFired }),
        };
        output.WriteLine(EventJson.SerializeValue(document));
    }
}

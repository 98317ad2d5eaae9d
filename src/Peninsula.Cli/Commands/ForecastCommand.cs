using System.CommandLine;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula forecast</c>: calibrated probabilities of what North Korea does next.</summary>
internal static class ForecastCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Option<string?>("--target") { Description = $"What to forecast: {string.Join(", ", ForecastTarget.All.Select(t => t.Slug))}. Default: all." };
        var horizon = new Option<int?>("--horizon") { Description = "Days ahead: 7, 30, 90 or 365. Default: all four." };
        var asOf = new Option<string?>("--as-of") { Description = "Forecast as of the end of this Korean date (YYYY-MM-DD), using only what was known then. Default: today in Korea." };
        var until = new Option<string?>("--until")
        {
            Description = "Forecast a window of any length instead: at least one event from the day after --as-of (or --from) to this Korean date (YYYY-MM-DD), at most two years ahead. Needs --target.",
        };
        var from = new Option<string?>("--from")
        {
            Description = "With --until: the window's first Korean date (YYYY-MM-DD), after --as-of. Default: the day after --as-of.",
        };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("forecast", "The probability that North Korea does something (a missile launch, an ICBM, a nuclear test ...) within the next 7, 30, 90 or 365 days, or by any date up to two years ahead (--until), with the reasons.")
        {
            target, horizon, asOf, until, from, format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var date = KoreanDate.ParseInput(parse.GetValue(asOf), "--as-of") ?? KoreanDate.Today(context.Clock);
            Forecaster.CheckAsOf(date, KoreanDate.Today(context.Clock));
            var start = KoreanDate.ParseInput(parse.GetValue(from), "--from");
            if (KoreanDate.ParseInput(parse.GetValue(until), "--until") is { } end)
            {
                return await WindowAsync(context, store, parse.GetValue(target), parse.GetValue(horizon), date, start, end, parse.GetValue(format) == "json", cancellationToken).ConfigureAwait(false);
            }

            if (start is not null)
            {
                // The example is one the command takes: the window's own first day, to 90 days later.
                throw new InputException($"--from starts a window: give its last day with --until (e.g. --from {start} --until {start.Value.AddDays(89)}).", field: "--until");
            }

            var targets = parse.GetValue(target) is { } slug ? [ForecastTarget.Parse(slug)] : ForecastTarget.All;
            var horizons = parse.GetValue(horizon) is { } h ? [ForecastTarget.ParseHorizon(h)] : ForecastTarget.Horizons;
            var events = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
            var forecasts = Forecaster.Make(events, targets, horizons, date);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(forecasts.Select(ForecastDocuments.Forecast)));
            }
            else
            {
                Render(context.Out, forecasts, date);
                RenderActivePlans(context.Out, forecasts);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> WindowAsync(
        CliContext context, Storage.IEventStore store, string? slug, int? horizon, KoreanDate asOf, KoreanDate? from, KoreanDate until, bool json, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            throw new InputException("a window (--until) is forecast for one target: add --target, e.g. --target icbm.", field: "--target");
        }

        if (horizon is not null)
        {
            throw new InputException("--until sets the window's end; leave out --horizon.", field: "--horizon");
        }

        var target = ForecastTarget.Parse(slug);
        WindowForecast.CheckWindow(asOf, until, from);
        var events = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
        var forecast = WindowForecast.Make(events, target, asOf, until, from, cancellationToken).WithPlans(AnnouncedPlans.Bundled.On(events));
        if (json)
        {
            context.RawOut.WriteLine(EventJson.SerializeValue(forecast.ToDocument()));
            return 0;
        }

        var console = context.Out;
        Rendering.Heading(console, $"[bold]Forecast[/] as of {asOf} (Korean date)");
        if (forecast.DataUntil < asOf)
        {
            console.MarkupLine($"[yellow]The record ends on {forecast.DataUntil}:[/] this forecast knows no events after that date.");
        }

        console.MarkupLine($"[bold]{Markup.Escape(forecast.Describe())}[/]");
        console.MarkupLine("  " + Markup.Escape(string.Join(", ", forecast.Horizons.Select(h => $"{h.Days} days {Forecaster.Pct(h.Probability)}"))) +
                           (forecast.DaysAfterRecordEnd is { } days
                               ? $" (the fixed horizons after {forecast.DataUntil}, the record's end; the window is their days {days.First} to {days.Last}, counted from the record's end)"
                               : forecast.DaysAfterAsOf is { } later
                                   ? $" (the fixed horizons after {asOf}; the window is their days {later.First} to {later.Last})"
                                   : " (the fixed horizons)"));
        console.MarkupLine($"[grey]{Markup.Escape(WindowForecast.Rule)}[/]");
        if (forecast.Plans.Count > 0)
        {
            console.MarkupLine($"The model alone: {Forecaster.Pct(forecast.ModelProbability)} (the horizons above are the model's). Plans announced in public add to it over the window's days, each as an independent way for the event to come, as they do to the fixed horizons of peninsula forecast:");
            foreach (var plan in forecast.Plans)
            {
                console.MarkupLine("  " + Markup.Escape(plan.Describe()));
            }
        }

        return 0;
    }

    /// <summary>
    /// The plans announced in public that are active as of the forecasts' date and count for a target
    /// shown (a notified launch window, a summit agreed with a time frame), as the forecasts carry
    /// them: the forecasts above add each over their days (the factor "announced plans"); the reader
    /// is shown each plan with its report, as read at the longest horizon shown, and pointed at the
    /// window of its days.
    /// </summary>
    private static void RenderActivePlans(IAnsiConsole console, IReadOnlyList<Forecast> forecasts)
    {
        var active = forecasts
            .OrderBy(f => f.HorizonDays)
            .SelectMany(f => f.Plans.Select(p => (f.Target, Plan: p)))
            .GroupBy(x => x.Plan.Plan.Id, StringComparer.Ordinal);
        foreach (var plan in active)
        {
            var (slugs, window) = (plan.Select(x => x.Target.Slug).Distinct().ToList(), plan.Last().Plan);
            console.MarkupLine(
                $"[yellow]A plan announced in public is active[/] for {Markup.Escape(string.Join(", ", slugs))}: the forecasts above add it (the factor \"announced plans\"); for its own days, " +
                $"[bold]peninsula forecast --target {Markup.Escape(slugs[^1])} --as-of {forecasts[0].AsOf} --until {window.To}[/]. {Markup.Escape(window.Describe())}");
        }
    }

    private static void Render(IAnsiConsole console, IReadOnlyList<Forecast> forecasts, KoreanDate asOf)
    {
        var dataUntil = forecasts[0].DataUntil;
        if (dataUntil < asOf)
        {
            // The forecasts know nothing after the record's end, so they are made as of it and cover the days after it, and the heading says so.
            Rendering.Heading(console, $"[bold]Forecasts[/] as of the record's end, {dataUntil} (Korean date; each covers the days after it, from {dataUntil.AddDays(1)})");
            console.MarkupLine(
                $"[yellow]The record ends on {dataUntil}, {asOf.DaysSince(dataUntil)} days before {asOf}.[/] These forecasts only know events up to {dataUntil}: " +
                $"they are the outlook as it stood then, for the days after it. For days from {asOf.AddDays(1)} on, name them: [bold]peninsula forecast --as-of {asOf} --until {asOf.AddDays(30)}[/]. " +
                "Import later events ([bold]peninsula import[/]) to bring them up to date.");
        }
        else
        {
            Rendering.Heading(console, $"[bold]Forecasts[/] as of {asOf} (Korean date; each covers the days after it)");
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Target");
        table.AddColumn(new TableColumn("Days").RightAligned());
        table.AddColumn(new TableColumn("Probability").RightAligned());
        table.AddColumn(new TableColumn("Base rate").RightAligned());
        table.AddColumn("Biggest factors (from the base rate)");
        foreach (var f in forecasts)
        {
            var printed = Forecaster.PrintedEffects(f);
            var reason = f.Factors.Count == 0 ? "-" : string.Join(", ", f.Factors.Select((x, k) => (x, Printed: printed[k])).OrderByDescending(x => Math.Abs(x.x.Effect)).Take(2).Select(x => $"{x.x.Name} {x.Printed}"));
            table.AddRow(Markup.Escape(f.Target.Slug), f.HorizonDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"[bold]{Forecaster.Pct(f.Probability)}[/]", Forecaster.Pct(f.BaseRate), Markup.Escape(reason));
        }

        console.Write(table);
        if (forecasts.Count <= 4)
        {
            foreach (var f in forecasts)
            {
                console.MarkupLine($"[bold]{Markup.Escape(f.Target.Description)} within {f.HorizonDays} days: {Forecaster.Pct(f.Probability)}[/]");
                foreach (var line in f.Explanation)
                {
                    console.MarkupLine($"  - {Markup.Escape(line)}");
                }
            }
        }
        else
        {
            console.MarkupLine("[grey]Name one --target (and --horizon) to see every reason; --format json gives them all.[/]");
        }

        console.MarkupLine($"[grey]Model: {forecasts[0].Model} (the change-point model: the tempo of the current regime, allowing for a change of regime, with how long a regime lasts read from each target's own record; never below 0.1% or above 99.9%, never below a shorter horizon's forecast; chosen on 2010-2021 in the second round of docs/forecast-selection.md), plus any plan announced in public that is active (a notified satellite-launch window, a summit agreed with a time frame; data/plans/announced.csv). The base rate plus the factors is the probability. Its track record: peninsula backtest. How it did against real crowd forecasts published on past questions, scored on this record: peninsula questions published.[/]");
    }
}

using System.CommandLine;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula events list</c>, <c>peninsula events show</c> and <c>peninsula events add</c>.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("events", "List, search, show and add the events of the record.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Add(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var filter = new CommonOptions.Filter();
        var format = CommonOptions.Format("table", "table", "csv", "json");
        var limit = new Option<int?>("--limit", "-n") { Description = "Show at most this many events (the latest)." };
        var command = new Command("list", "List events that match the filters, oldest first. Dates are Korean dates (UTC+9).") { format, limit };
        filter.AddTo(command);
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var query = filter.Read(parse);
            var events = await store.ListAsync(query, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(limit) is { } n)
            {
                events = n < 0 ? throw new InputException("--limit must not be negative.", field: "--limit") : [.. events.TakeLast(n)];
            }

            switch (parse.GetValue(format))
            {
                case "json":
                    EventJson.Write(events, context.RawOut);
                    break;
                case "csv":
                    EventCsv.Write(events, context.RawOut);
                    break;
                default:
                    if (events.Count == 0)
                    {
                        context.Out.MarkupLine("No events match these filters.");
                        break;
                    }

                    context.Out.Write(Rendering.EventTable(events));
                    context.Out.MarkupLine($"[grey]{Rendering.Count(events.Count, "event")}. 'peninsula events show ID' gives every field and source.[/]");
                    break;
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The event's id, e.g. 2017-09-03-nuclear-test." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("show", "Show one event with all its fields and sources.") { id, format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var wanted = parse.GetValue(id)!;
            var e = await store.FindAsync(wanted, cancellationToken).ConfigureAwait(false);
            if (e is null)
            {
                var all = await store.ListAsync(Events.EventQuery.All, cancellationToken).ConfigureAwait(false);
                var near = Events.Spelling.Closest(wanted, all.Select(n => n.Id)).ToList();
                if (near.Count == 0)
                {
                    var found = await store.ListAsync(new Events.EventQuery { Text = wanted.Replace('-', ' '), Limit = 3 }, cancellationToken).ConfigureAwait(false);
                    near = [.. found.Select(n => n.Id)];
                }

                throw new InputException(
                    $"there is no event '{wanted}'." + (near.Count > 0 ? $" Did you mean {string.Join(" or ", near)}?" : " 'peninsula events list' shows the ids."),
                    field: "id");
            }

            if (parse.GetValue(format) == "json")
            {
                EventJson.Write([e], context.RawOut);
            }
            else
            {
                Rendering.EventDetails(context.Out, e);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Add(CliContext context)
    {
        Option<string?> Text(string name, string description) => new(name) { Description = description };
        Option<string[]> Many(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = false };

        var id = Text("--id", "The event's id. Default: from the date, kind, class and system, e.g. 2025-07-08-srbm-hwasong-11a.");
        var kind = Text("--kind", "What happened: missile-launch, nuclear-test, diplomatic-visit ... ('peninsula events list --kind x' lists them).");
        var cls = Text("--class", "The class within the kind, e.g. srbm or icbm. Default for a launch: the class of the --system.");
        var date = Text("--date", "The Korean date (UTC+9), YYYY-MM-DD.");
        var endDate = Text("--end-date", "The last Korean date of a span (a visit, an exercise), YYYY-MM-DD.");
        var utcTime = Text("--utc-time", "The time in UTC: HH:MM (on the UTC day that falls on --date in Korea) or an instant such as 2025-07-08T23:20Z.");
        var title = Text("--title", "A short title in your own words.");
        var summary = Text("--summary", "A summary in your own words.");
        var actors = Many("--actor", "An actor code (DPRK, ROK, US, JP, CN, RU, UN, EU, UK, OTHER), the acting party first; repeat for more.");
        var people = Many("--person", "A person involved, by name; repeat for more.");
        var system = Text("--system", "The weapon system: a name or designation the gazetteer knows (Hwasong-11A, KN-23) or a new name.");
        var site = Text("--site", "The site: a name the gazetteer knows (its coordinates are added) or a new name.");
        // Numbers are read here rather than by the parser, so that a mistyped one is refused in plain words.
        var fired = Text("--number-fired", "How many missiles were fired.");
        var apogee = Text("--apogee-km", "The highest apogee reported, in kilometres.");
        var range = Text("--range-km", "The longest distance flown reported, in kilometres.");
        var landing = Text("--landing-area", "Where the missiles came down, as lower-case words joined by dashes: sea-of-japan, yellow-sea, pacific-ocean.");
        var outcome = Text("--outcome", "success, failure, partial or unknown.");
        var urls = Many("--source-url", "Where the event is reported (http or https); at least one, repeat for more.");
        var names = Many("--source-name", "Who reports it: one name for all sources or one per --source-url. Default: the web site's name.");
        var sourceDate = Text("--source-date", "The date of the reports, YYYY-MM-DD.");
        var by = Text("--by", "Your name, kept in the audit trail with the change.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the event and print it, but write nothing." };
        var command = new Command("add", "Add an event entered by hand, checked as an import is, with at least one source URL. Prints the event added as JSON.")
        {
            id, kind, cls, date, endDate, utcTime, title, summary, actors, people, system, site, fired, apogee, range, landing, outcome, urls, names, sourceDate, by, dryRun,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var entry = new HandEntry
            {
                Id = parse.GetValue(id),
                Kind = parse.GetValue(kind),
                Class = parse.GetValue(cls),
                Date = parse.GetValue(date),
                EndDate = parse.GetValue(endDate),
                UtcTime = parse.GetValue(utcTime),
                Title = parse.GetValue(title),
                Summary = parse.GetValue(summary),
                Actors = parse.GetValue(actors) ?? [],
                People = parse.GetValue(people) ?? [],
                System = parse.GetValue(system),
                Site = parse.GetValue(site),
                NumberFired = WholeNumber(parse.GetValue(fired), "--number-fired"),
                ApogeeKm = Kilometres(parse.GetValue(apogee), "--apogee-km"),
                RangeKm = Kilometres(parse.GetValue(range), "--range-km"),
                LandingArea = parse.GetValue(landing),
                Outcome = parse.GetValue(outcome),
                SourceUrls = parse.GetValue(urls) ?? [],
                SourceNames = parse.GetValue(names) ?? [],
                SourceDate = parse.GetValue(sourceDate),
            };

            var isDryRun = parse.GetValue(dryRun);
            var e = await entry.AddAsync(store, HandEntry.Origin(parse.GetValue(by)), isDryRun, cancellationToken).ConfigureAwait(false);

            EventJson.Write([e], context.RawOut);
            context.Error.MarkupLine(isDryRun
                ? $"[grey]Dry run: '{Markup.Escape(e.Id)}' is valid and would be added; nothing was written.[/]"
                : $"[grey]Added '{Markup.Escape(e.Id)}' to {Markup.Escape(store.Description)}. 'peninsula events show {Markup.Escape(e.Id)}' shows it.[/]");

            // An import joins a report to the stored event it matches; a hand entry is never joined, so say when it may be a second copy.
            var near = (await store.ListAsync(
                    new Events.EventQuery { Kinds = [e.Kind], Classes = e.Class is null ? [] : [e.Class], Since = e.Date.AddDays(-1), Until = e.LastDate.AddDays(1) },
                    cancellationToken).ConfigureAwait(false))
                .Where(other => other.Id != e.Id).Select(other => other.Id).ToList();
            if (near.Count > 0)
            {
                context.Error.MarkupLine(
                    $"[yellow]Note:[/] the record already holds {Rendering.Count(near.Count, "such event")} within a day of {e.Date}: {Markup.Escape(string.Join(", ", near))}. " +
                    (isDryRun
                        ? "If it is the same event, do not add it again."
                        : "If it is the same event, it is now in the record twice; 'peninsula events show ID' compares them, and DELETE /api/events/ID (with an API key) removes one."));
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static int? WholeNumber(string? text, string flag) =>
        text is null ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new InputException($"'{text}' is not a whole number such as 2.", HandEntry.InputName, field: flag);

    private static double? Kilometres(string? text, string flag) =>
        text is null ? null
        : double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var km) ? km
        : throw new InputException($"'{text}' is not a number of kilometres such as 1000 or 52.5.", HandEntry.InputName, field: flag);
}

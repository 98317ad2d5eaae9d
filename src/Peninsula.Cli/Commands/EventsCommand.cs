using System.CommandLine;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula events list</c> and <c>peninsula events show</c>.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("events", "List, search and show the events of the record.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
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
}

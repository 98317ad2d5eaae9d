using System.CommandLine;
using System.Globalization;
using Peninsula.Detection;
using Peninsula.Events;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula review list|show|accept|reject|edit</c>: the events detection found that the record does not hold.</summary>
internal static class ReviewCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("review", "Review the events that 'watch run' found in new documents and the record does not hold: accept, reject or edit them.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Accept(context));
        command.Subcommands.Add(Reject(context));
        command.Subcommands.Add(Edit(context));
        return command;
    }

    private static Argument<string> Id() => new("id") { Description = "The proposal's id, as 'peninsula review list' shows it." };

    private static Option<string?> By() => new("--by") { Description = "Your name, kept with the decision and in the audit trail (without it: your account's name)." };

    private static Command List(CliContext context)
    {
        var status = new Option<string>("--status") { Description = "pending, accepted, rejected or all.", DefaultValueFactory = _ => "pending" };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("list", "List the proposals in the review queue, by date (Korean dates, UTC+9).") { status, format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var wanted = parse.GetValue(status)!;
            var items = await store.ReviewsAsync(wanted == "all" ? null : ReviewRules.ParseStatus(wanted), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(ProposalJson.WriteItems(items, indented: true));
                return 0;
            }

            if (items.Count == 0)
            {
                context.Out.MarkupLine(wanted == "pending" ? "Nothing waits for review." : $"No proposals are {Markup.Escape(wanted)}.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("Id").AddColumn("Status").AddColumn("Date (Korea)").AddColumn("Kind").AddColumn("Class").AddColumn("System")
                .AddColumn("Confidence").AddColumn("Publishers").AddColumn("Documents");
            foreach (var i in items)
            {
                var p = i.Proposal;
                table.AddRow(
                    Markup.Escape(i.Id), i.Status.Slug(), p.Date.ToString(), p.Kind.Slug(), p.Class ?? "-", Markup.Escape(p.System ?? "-"),
                    p.Confidence.ToString("0.00", CultureInfo.InvariantCulture), p.Publishers.ToString(CultureInfo.InvariantCulture), p.Documents.Count.ToString(CultureInfo.InvariantCulture));
            }

            context.Out.Write(table);
            context.Out.MarkupLine($"[grey]{Rendering.Count(items.Count, "proposal")}. 'peninsula review show ID' gives the documents and sentences; 'review accept ID' adds the event.[/]");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = Id();
        var format = CommonOptions.Format("text", "text", "json");
        var command = new Command("show", "Show a proposal with its documents and the sentences that report it.") { id, format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var item = await store.FindReviewAsync(parse.GetValue(id)!, cancellationToken).ConfigureAwait(false)
                       ?? throw new InputException($"there is no proposal '{parse.GetValue(id)}' in the review queue; 'peninsula review list' shows them.", field: "id");
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(ProposalJson.WriteItem(item, indented: true));
                return 0;
            }

            var p = item.Proposal;
            Rendering.Heading(context.Out, $"[bold]{Markup.Escape(item.Id)}[/] ({item.Status.Slug()})");
            context.Out.MarkupLine($"{p.Date} (Korean date) {p.Kind.Slug()} {Markup.Escape(p.Class ?? "class unknown")}, system {Markup.Escape(p.System ?? "unknown")}, count {p.Count?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, site {Markup.Escape(p.Site ?? "unknown")}; confidence {p.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}");
            if (item.DecidedBy is not null)
            {
                context.Out.MarkupLine($"[grey]{item.Status.Slug()} by {Markup.Escape(item.DecidedBy)} at {item.DecidedAt:yyyy-MM-dd HH:mm} UTC{(item.EventId is null ? "" : $" as {Markup.Escape(item.EventId)}")}{(item.Note is null ? "" : $": {Markup.Escape(item.Note)}")}[/]");
            }

            foreach (var d in p.Documents)
            {
                context.Out.WriteLine();
                context.Out.MarkupLine($"[bold]{Markup.Escape(d.Title)}[/] [grey]({Markup.Escape(d.Publisher)}, {d.Published})[/]");
                context.Out.MarkupLine($"[grey]{Markup.Escape(d.Url)}[/]");
                foreach (var s in p.Sentences.Where(s => s.Document == d.Url))
                {
                    context.Out.MarkupLine($"  [yellow]»[/] [underline]{Markup.Escape(s.Text.ReplaceLineEndings(" "))}[/]");
                }
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Accept(CliContext context)
    {
        var id = Id();
        var by = By();
        var edit = new EditOptions();
        var command = new Command("accept", "Accept a proposal: the event is added to the record with its documents as sources, checked as 'events add' checks an event, and audited under your name. Flags change a field first.") { id, by };
        edit.AddTo(command);
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var who = Who(parse.GetValue(by));
            var e = await Review.AcceptAsync(store, parse.GetValue(id)!, who, edit.Read(parse), context.Clock, cancellationToken).ConfigureAwait(false);
            EventJson.Write([e], context.RawOut);
            context.Error.MarkupLine($"[grey]Accepted '{Markup.Escape(parse.GetValue(id)!)}' as '{Markup.Escape(e.Id)}' in {Markup.Escape(store.Description)}. 'peninsula events show {Markup.Escape(e.Id)}' shows it.[/]");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Reject(CliContext context)
    {
        var id = Id();
        var by = By();
        var reason = new Option<string?>("--reason") { Description = "Why: not an event, another country's, already reported under another date ..." };
        var command = new Command("reject", "Reject a proposal: nothing is added to the record, and the documents that made it do not propose it again.") { id, by, reason };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var item = await Review.RejectAsync(store, parse.GetValue(id)!, Who(parse.GetValue(by)), parse.GetValue(reason), context.Clock, cancellationToken).ConfigureAwait(false);
            context.Out.MarkupLine($"Rejected '{Markup.Escape(item.Id)}'.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Edit(CliContext context)
    {
        var id = Id();
        var by = By();
        var edit = new EditOptions();
        var command = new Command("edit", "Change the date, class, system, count or site of a pending proposal before it is accepted.") { id, by };
        edit.AddTo(command);
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var changes = edit.Read(parse) ?? throw new InputException("give at least one of --date, --class, --system, --count, --site.", field: "--date");
            var item = await Review.EditAsync(store, parse.GetValue(id)!, changes, Who(parse.GetValue(by)), context.Clock, cancellationToken).ConfigureAwait(false);
            context.RawOut.WriteLine(ProposalJson.WriteItem(item, indented: true));
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>Who decided: --by, else the account that ran the command ("alice at the command line"), never an empty name.</summary>
    internal static string Who(string? by) =>
        !string.IsNullOrWhiteSpace(by) ? by.Trim()
        : string.IsNullOrWhiteSpace(Environment.UserName) ? "someone at the command line (no --by given)"
        : $"{Environment.UserName} at the command line";

    private sealed class EditOptions
    {
        private readonly Option<string?> _date = new("--date") { Description = "The Korean date (UTC+9), YYYY-MM-DD." };
        private readonly Option<string?> _class = new("--class") { Description = "The class: srbm, crbm, mrbm, irbm, icbm, slbm, hgv, cruise, slv ..." };
        private readonly Option<string?> _system = new("--system") { Description = "The weapon system: a name or designation the gazetteer knows, or a new name." };
        private readonly Option<string?> _count = new("--count") { Description = "How many missiles were fired." };
        private readonly Option<string?> _site = new("--site") { Description = "The launch site." };

        public void AddTo(Command command)
        {
            command.Options.Add(_date);
            command.Options.Add(_class);
            command.Options.Add(_system);
            command.Options.Add(_count);
            command.Options.Add(_site);
        }

        public ProposalEdit? Read(ParseResult parse)
        {
            var count = parse.GetValue(_count) is { } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new InputException($"'{text}' is not a whole number such as 2.", field: "--count")
                : (int?)null;
            var edit = new ProposalEdit { Date = parse.GetValue(_date), Class = parse.GetValue(_class), System = parse.GetValue(_system), Count = count, Site = parse.GetValue(_site) };
            return edit == new ProposalEdit() ? null : edit;
        }
    }
}

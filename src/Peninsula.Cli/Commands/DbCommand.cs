using System.CommandLine;
using System.Globalization;
using Peninsula.Import;
using Peninsula.Record;
using Peninsula.Storage;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula db info</c>, <c>db check</c>, <c>db audit</c>, <c>db conflicts</c>, <c>db migrate</c> and <c>db copy</c>.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("db", "Look after the store: its schema, counts, integrity and audit trail.");
        command.Subcommands.Add(Info(context));
        command.Subcommands.Add(Check(context));
        command.Subcommands.Add(Audit(context));
        command.Subcommands.Add(Conflicts(context));
        command.Subcommands.Add(Migrate(context));
        command.Subcommands.Add(Copy(context));
        return command;
    }

    private static Command Migrate(CliContext context)
    {
        var command = new Command("migrate", "Create the store if needed and bring its schema up to date, without loading the bundled record.");
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.GuardAsync(context, async () =>
        {
            var location = EventStores.Locate(parse.GetValue(CommonOptions.Db), context.Environment);
            PeninsulaCommand.RequireFolder(location, "--db");
            var (from, to, description) = await EventStores.MigrateAsync(location, context.Clock, cancellationToken).ConfigureAwait(false);
            context.Out.MarkupLine(from == to
                ? $"{Markup.Escape(description)}: schema version {to}, up to date."
                : $"{Markup.Escape(description)}: schema version {from} -> {to}.");
            return 0;
        }));
        return command;
    }

    private static Command Copy(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The store to copy: a SQLite file, or a PostgreSQL connection string or postgres:// URL.", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy into (created if needed; must hold no record yet).", Required = true };
        var command = new Command(
            "copy",
            "Copy a whole record (events, audit trail, documents, signals, conflicts, watches) from one store to another, SQLite or PostgreSQL either way, and check the counts.")
        {
            from, to,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.GuardAsync(context, async () =>
        {
            // Opening a SQLite path creates the file: a mistyped --from would copy an empty record and say all was well.
            if (!EventStores.IsPostgres(parse.GetValue(from)!) && !File.Exists(parse.GetValue(from)))
            {
                throw new InputException($"there is no store '{parse.GetValue(from)}' (no such file); nothing was copied.", field: "--from");
            }

            PeninsulaCommand.RequireFolder(parse.GetValue(to)!, "--to");
            await using var source = EventStores.Open(parse.GetValue(from)!, context.Clock);
            await using var target = EventStores.Open(parse.GetValue(to)!, context.Clock);
            var counts = await Task.Run(() => StoreCopy.Copy(source, target, cancellationToken), cancellationToken).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(source.Description)} -> {Markup.Escape(target.Description)}");
            table.AddColumns("Table", "From", "To", "");
            foreach (var c in counts)
            {
                table.AddRow(c.Table, Rendering.Number(c.From), Rendering.Number(c.To), c.Matches ? "[green]ok[/]" : "[red]differs[/]");
            }

            context.Out.Write(table);
            var wrong = counts.Where(c => !c.Matches).ToList();
            if (wrong.Count > 0)
            {
                context.Error.MarkupLine($"[red]Error:[/] the copy is incomplete: {Markup.Escape(string.Join(", ", wrong.Select(c => $"{c.Table} has {c.To} rows of {c.From}")))}.");
                return 1;
            }

            context.Out.MarkupLine($"[green]Copied {Rendering.Number(counts.Sum(c => c.From))} rows; every table's count matches.[/]");
            return 0;
        }));
        return command;
    }

    private static Command Conflicts(CliContext context)
    {
        var eventId = new Option<string?>("--event", "-e") { Description = "Only the disagreements about this event." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("conflicts", "Where sources disagree on a field of an event (the bundled tables with each other, and imports with the record): both values, their sources, and which was kept and why.") { eventId, format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var only = parse.GetValue(eventId);
            var (bundled, imported) = await EventStores.ConflictsAsync(store, only, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<Conflict> conflicts = [.. bundled, .. imported];
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(conflicts));
                return 0;
            }

            if (conflicts.Count == 0)
            {
                context.Out.MarkupLine("No disagreements between sources are recorded.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).Title("Disagreements between sources");
            table.AddColumns("Event", "Field", "Kept", "Other", "Why");

            foreach (var c in conflicts)
            {
                table.AddRow(
                    Markup.Escape(c.EventId), Markup.Escape(c.Field), $"{Markup.Escape(c.KeptValue ?? "")} [grey]({Markup.Escape(c.KeptSource)})[/]",
                    $"{Markup.Escape(c.OtherValue ?? "")} [grey]({Markup.Escape(c.OtherSource)})[/]", Markup.Escape(c.Rule));
            }

            context.Out.Write(table);
            context.Out.MarkupLine($"[grey]{Rendering.Count(conflicts.Count, "disagreement")}: {bundled.Count} in the bundled record this store holds, {imported.Count} from imports. The bundled record's rules are in data/README.md and its corrections in data/corrections.csv; 'peninsula import --precedence' sets which imported source wins.[/]");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Info(CliContext context)
    {
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("info", "Schema version, counts of events, sources and audit entries, and the dates covered.") { format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var info = await store.InfoAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(new
                {
                    store = info.Description,
                    schema_version = info.SchemaVersion,
                    latest_schema_version = info.LatestSchemaVersion,
                    events = info.Events,
                    deleted = info.Deleted,
                    sources = info.Sources,
                    audit_entries = info.AuditEntries,
                    first_date = info.FirstDate?.ToString(),
                    last_date = info.LastDate?.ToString(),
                    events_by_kind = info.EventsByKind,
                }));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).HideHeaders().Title("Store");
            table.AddColumn("");
            table.AddColumn("");
            table.AddRow("Store", Markup.Escape(info.Description));
            table.AddRow("Schema version", $"{info.SchemaVersion} (this Peninsula knows up to {info.LatestSchemaVersion})");
            table.AddRow("Events", Rendering.Number((int)info.Events));
            table.AddRow("Deleted (kept for the audit trail)", Rendering.Number((int)info.Deleted));
            table.AddRow("Sources", Rendering.Number((int)info.Sources));
            table.AddRow("Audit entries", Rendering.Number((int)info.AuditEntries));
            table.AddRow("Dates covered (Korea, UTC+9)", $"{info.FirstDate} to {info.LastDate}");
            context.Out.Write(table);
            var kinds = new BarChart().Width(60).Label("[bold]Events by kind[/]").LeftAlignLabel();
            foreach (var (kind, n) in info.EventsByKind.OrderByDescending(p => p.Value))
            {
                kinds.AddItem(kind, n, Color.SteelBlue);
            }

            context.Out.Write(kinds);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var command = new Command("check", "Check the store's integrity and the record's rules; exits 1 when a check fails.");
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var report = await store.CheckAsync(cancellationToken).ConfigureAwait(false);
            foreach (var check in report.Checks)
            {
                context.Out.MarkupLine($"[green]checked[/] {Markup.Escape(check)}");
            }

            foreach (var problem in report.Problems)
            {
                context.Out.MarkupLine($"[red]problem[/] {Markup.Escape(problem)}");
            }

            // The record against its own sources: each finding is a problem.
            var findings = RecordChecks.Run(await store.ListAsync(RecordChecks.Launches, cancellationToken).ConfigureAwait(false));
            context.Out.MarkupLine($"[green]checked[/] the record against its sources ({Markup.Escape(string.Join(", ", RecordChecks.Names))})");
            foreach (var f in findings)
            {
                context.Out.MarkupLine($"[red]problem[/] {Markup.Escape(f.EventId)} ({Markup.Escape(f.Check)}): {Markup.Escape(f.Message)}");
            }

            var total = report.Checks.Count + 1;
            var problems = report.Problems.Count + findings.Count;
            context.Out.MarkupLine(problems == 0
                ? $"[green]All {total} checks passed.[/]"
                : $"[red]{Rendering.Count(problems, "problem")} found.[/]");
            return problems == 0 ? 0 : 1;
        }, cancellationToken));
        return command;
    }

    private static Command Audit(CliContext context)
    {
        var id = new Option<string?>("--event", "-e") { Description = "Only the changes of this event." };
        var limit = new Option<int>("--limit", "-n") { Description = "How many entries, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("audit", "The audit trail: every insert, update and delete, when, and by which command or import.") { id, limit };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var entries = await store.AuditAsync(parse.GetValue(id), parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("#");
            table.AddColumn("When (UTC)");
            table.AddColumn("Change");
            table.AddColumn("Event");
            table.AddColumn("By");
            foreach (var e in entries)
            {
                table.AddRow(e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    e.Operation, Markup.Escape(e.EventId), Markup.Escape(e.Origin));
            }

            context.Out.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }
}

using System.CommandLine;
using System.Text;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Storage;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula import</c> and <c>peninsula export</c> in the project's own formats (JSON and CSV).</summary>
internal static class ExchangeCommands
{
    public static Command CreateImport(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A .json or .csv file in Peninsula's own format (see docs/json-format.md), or - for standard input." };
        var format = new Option<string?>("--format", "-f") { Description = "json or csv; by default taken from the file's extension." };
        format.AcceptOnlyFromAmong("json", "csv");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change without writing anything." };
        var command = new Command("import", "Import events in Peninsula's own format. All or nothing: one bad record and nothing is written.")
        {
            file, format, dryRun,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var path = parse.GetValue(file)!;
            var events = Read(path, parse.GetValue(format), context.StandardInput);
            var isDryRun = parse.GetValue(dryRun);
            var summary = await store.SaveAsync(events, new ChangeOrigin("import", path), isDryRun, cancellationToken).ConfigureAwait(false);
            Report(context.Out, path, summary, isDryRun);
            return 0;
        }, cancellationToken));
        return command;
    }

    public static Command CreateExport(CliContext context)
    {
        var filter = new CommonOptions.Filter();
        var format = CommonOptions.Format("json", "json", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export events in Peninsula's own format; importing the file into an empty store gives the same record.")
        {
            format, output,
        };
        filter.AddTo(command);
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var events = await store.ListAsync(filter.Read(parse), cancellationToken).ConfigureAwait(false);
            var target = parse.GetValue(output);
            void Write(TextWriter writer)
            {
                if (parse.GetValue(format) == "csv")
                {
                    EventCsv.Write(events, writer);
                }
                else
                {
                    EventJson.Write(events, writer);
                }
            }

            if (target is null)
            {
                Write(context.RawOut);
            }
            else
            {
                // Write beside the target and move into place, so a failed export never leaves half a file.
                var temporary = target + ".partial";
                using (var file = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
                {
                    Write(file);
                }

                File.Move(temporary, target, overwrite: true);
                context.Error.MarkupLine($"[grey]Wrote {Rendering.Number(events.Count)} events to {Markup.Escape(target)}.[/]");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static IReadOnlyList<Event> Read(string path, string? format, TextReader standardInput)
    {
        byte[] bytes;
        if (path == "-")
        {
            bytes = Encoding.UTF8.GetBytes(standardInput.ReadToEnd());
            format ??= "json";
        }
        else
        {
            if (!File.Exists(path))
            {
                throw new InputException("the file does not exist.", path);
            }

            bytes = File.ReadAllBytes(path);
            format ??= Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".json" => "json",
                ".csv" => "csv",
                _ => throw new InputException("cannot tell the format from the file name: use a .json or .csv file, or --format json|csv.", path),
            };
        }

        var name = path == "-" ? "standard input" : path;
        if (format == "json")
        {
            return EventJson.Read(bytes, name);
        }

        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        return EventCsv.Read(text, name);
    }

    private static void Report(IAnsiConsole console, string path, SaveSummary summary, bool dryRun)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(dryRun ? $"Dry run of {Markup.Escape(path)}: nothing was written" : $"Imported {Markup.Escape(path)}");
        table.AddColumn("Added");
        table.AddColumn("Updated");
        table.AddColumn("Unchanged");
        table.AddColumn("Rejected");
        table.AddRow(Rendering.Number(summary.Added.Count), Rendering.Number(summary.Updated.Count), Rendering.Number(summary.Unchanged), "0");
        console.Write(table);
        foreach (var (label, ids) in new[] { ("added", summary.Added), ("updated", summary.Updated) })
        {
            if (ids.Count > 0)
            {
                var shown = string.Join(", ", ids.Take(20)) + (ids.Count > 20 ? $" and {ids.Count - 20} more" : "");
                console.MarkupLine($"[grey]{(dryRun ? "Would be " : "")}{label}: {Markup.Escape(shown)}[/]");
            }
        }
    }
}

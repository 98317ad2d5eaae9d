using System.CommandLine;
using System.Globalization;
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
        var files = new Argument<string[]>("files")
        {
            Description = "Files or folders to import (- for standard input, own formats only).",
            Arity = ArgumentArity.OneOrMore,
        };
        string[] formats = ["json", "csv", .. SourceImporters.All.Select(i => i.Name)];
        var format = new Option<string?>("--format", "-f")
        {
            Description = "json or csv (Peninsula's own formats, taken from the extension by default), or a source's own layout: " +
                          string.Join("; ", SourceImporters.All.Select(i => $"{i.Name}: {i.Description}")),
        };
        format.AcceptOnlyFromAmong(formats);
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change without writing anything." };
        var precedence = new Option<string?>("--precedence")
        {
            Description = $"When sources disagree on a field, which wins, highest first. Default: {string.Join(",", ImportPolicy.Default.Precedence)}.",
        };
        var command = new Command(
            "import",
            "Import files: Peninsula's own formats (all or nothing), or a source's own layout (CNS, reference tables, GDELT, KCNA, feeds), each file in one transaction. " +
            "Exit code 0: imported; 2: imported, but some rows were refused (listed); 1: a file could not be imported.")
        {
            files, format, dryRun, precedence,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var paths = parse.GetValue(files)!;
            var isDryRun = parse.GetValue(dryRun);
            var name = parse.GetValue(format);
            if (name is null or "json" or "csv")
            {
                foreach (var path in paths)
                {
                    var events = Read(path, name, context.StandardInput);
                    var summary = await store.SaveAsync(events, new ChangeOrigin("import", path), isDryRun, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Report(context.Out, path, summary, isDryRun);
                }

                return 0;
            }

            var importer = SourceImporters.Find(name);
            var policy = parse.GetValue(precedence) is { } order ? ImportPolicy.Parse(order) : ImportPolicy.Default;
            var inputs = SourceImporters.Expand(paths, importer);
            return await ImportSources(context, store, importer, inputs, policy, isDryRun, cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> ImportSources(
        CliContext context, IEventStore store, SourceImporter importer, IReadOnlyList<string> inputs, ImportPolicy policy, bool dryRun, CancellationToken cancellationToken)
    {
        var summaries = new List<ImportSummary>();
        var failures = new List<string>();
        async Task One(string path)
        {
            try
            {
                var batch = importer.Read(path, cancellationToken);
                summaries.Add(await store.ImportAsync(batch, policy, new ChangeOrigin($"import --format {importer.Name} ({importer.Tag})", path), dryRun, cancellationToken)
                    .ConfigureAwait(false));
            }
            catch (InputException ex)
            {
                failures.Add(ex.Message);
                context.Error.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)} [grey](nothing from this file was written)[/]");
            }
        }

        if (inputs.Count > 1 && context.Error.Profile.Capabilities.Interactive)
        {
            await context.Error.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask($"Importing {Rendering.Count(inputs.Count, "file")} ({importer.Name})", maxValue: inputs.Count);
                foreach (var path in inputs)
                {
                    task.Description = $"Importing {Markup.Escape(Path.GetFileName(path))}";
                    await One(path).ConfigureAwait(false);
                    task.Increment(1);
                }
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var path in inputs)
            {
                await One(path).ConfigureAwait(false);
            }
        }

        SourceReport(context.Out, importer, summaries, dryRun);
        return failures.Count > 0 ? 1 : summaries.Any(s => s.Rejections.Count > 0) ? 2 : 0;
    }

    private static void SourceReport(IAnsiConsole console, SourceImporter importer, List<ImportSummary> summaries, bool dryRun)
    {
        if (summaries.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(dryRun ? $"Dry run ({importer.Name}): nothing was written" : $"Imported ({importer.Name}, importer version {importer.Version})");
        table.AddColumn("File");
        table.AddColumn(new TableColumn("Rows read").RightAligned());
        table.AddColumn("Records");
        foreach (var column in new[] { "Added", "Updated", "Unchanged", "Rejected", "Conflicts (new)" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        var gdelt = importer is GdeltImporter;
        if (gdelt)
        {
            table.AddColumn(new TableColumn("Not about North Korea").RightAligned());
        }

        foreach (var s in summaries)
        {
            var rows = new List<(string Sort, ImportCounts Counts)>();
            if (s.Events != ImportCounts.None || importer is CnsImporter or ReferenceImporter)
            {
                rows.Add(("events", s.Events));
            }

            if (s.Documents != ImportCounts.None || importer is KcnaImporter or FeedImporter)
            {
                rows.Add(("documents", s.Documents));
            }

            if (s.Signals != ImportCounts.None || importer is GdeltImporter)
            {
                rows.Add(("media signals", s.Signals));
            }

            foreach (var (sort, counts) in rows)
            {
                string[] cells =
                [
                    Markup.Escape(Path.GetFileName(s.Input)), s.Rows.ToString("N0", CultureInfo.InvariantCulture), sort, Rendering.Number(counts.Added),
                    Rendering.Number(counts.Updated), Rendering.Number(counts.Unchanged), Rendering.Number(s.Rejections.Count),
                    $"{Rendering.Number(s.Conflicts.Count)} ({Rendering.Number(s.NewConflicts)})",
                ];
                table.AddRow(gdelt ? [.. cells, s.Skipped.ToString("N0", CultureInfo.InvariantCulture)] : cells);
            }
        }

        console.Write(table);
        foreach (var s in summaries.Where(s => s.Layout is not null))
        {
            console.MarkupLine($"[grey]{Markup.Escape(Path.GetFileName(s.Input))}: read as {Markup.Escape(s.Layout!)}.[/]");
        }

        var rejections = summaries.SelectMany(s => s.Rejections).ToList();
        if (rejections.Count > 0)
        {
            console.MarkupLine($"[yellow]{Rendering.Count(rejections.Count, "row")} {(rejections.Count == 1 ? "was" : "were")} refused:[/]");
            foreach (var r in rejections.Take(50))
            {
                console.MarkupLine($"  {Markup.Escape(r.ToString())}");
            }

            if (rejections.Count > 50)
            {
                console.MarkupLine($"  [grey]and {Rendering.Number(rejections.Count - 50)} more.[/]");
            }
        }

        var warnings = summaries.SelectMany(s => s.Warnings).ToList();
        if (warnings.Count > 0)
        {
            console.MarkupLine($"[yellow]{Rendering.Count(warnings.Count, "value")} could not be read and {(warnings.Count == 1 ? "was" : "were")} left empty (their rows were imported):[/]");
            foreach (var w in warnings.Take(20))
            {
                console.MarkupLine($"  {Markup.Escape(w.ToString())}");
            }
        }

        var conflicts = summaries.SelectMany(s => s.Conflicts).ToList();
        if (conflicts.Count > 0)
        {
            console.MarkupLine($"[grey]Sources disagree on {Rendering.Count(conflicts.Count, "field")} (kept value first); 'peninsula db conflicts' lists them all:[/]");
            foreach (var c in conflicts.Take(10))
            {
                console.MarkupLine($"  [grey]{Markup.Escape(c.EventId)} {Markup.Escape(c.Field)}: {Markup.Escape(c.KeptValue ?? "")} ({Markup.Escape(c.KeptSource)}) vs {Markup.Escape(c.OtherValue ?? "")} ({Markup.Escape(c.OtherSource)}); {Markup.Escape(c.Rule)}[/]");
            }
        }

        if (summaries.All(s => s.ChangedNothing) && !dryRun)
        {
            console.MarkupLine("[grey]Nothing changed: every record was already stored.[/]");
        }
    }

    public static Command CreateExport(CliContext context)
    {
        var filter = new CommonOptions.Filter();
        var format = CommonOptions.Format("json", "json", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output (its extension, .json or .csv, sets the format unless --format is given)." };
        var command = new Command("export", "Export events in Peninsula's own format; importing the file into an empty store gives the same record.")
        {
            format, output,
        };
        filter.AddTo(command);
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var target = parse.GetValue(output);
            var chosen = CommonOptions.ExportFormat(parse, format, target, "json", "csv");
            var events = await store.ListAsync(filter.Read(parse), cancellationToken).ConfigureAwait(false);
            CommonOptions.WriteExport(context, target, chosen == "csv" ? writer => EventCsv.Write(events, writer) : writer => EventJson.Write(events, writer),
                $"{Rendering.Count(events.Count, "event")} as {chosen.ToUpperInvariant()}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static IReadOnlyList<Event> Read(string path, string? format, TextReader standardInput)
    {
        if (path == "-")
        {
            format ??= "json";
            return format == "json"
                ? EventJson.Read(Encoding.UTF8.GetBytes(standardInput.ReadToEnd()), "standard input")
                : EventCsv.Read(standardInput, "standard input");
        }

        if (!File.Exists(path))
        {
            throw new InputException("the file does not exist.", path);
        }

        format ??= Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => "json",
            ".csv" => "csv",
            _ => throw new InputException("cannot tell the format from the file name: use a .json or .csv file, or --format json|csv.", path),
        };
        if (format == "json")
        {
            return EventJson.Read(File.ReadAllBytes(path), path);
        }

        // CSV is read as a stream, line by line, so that a huge line is refused instead of read whole.
        using var text = new StreamReader(path, Encoding.UTF8);
        return EventCsv.Read(text, path);
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

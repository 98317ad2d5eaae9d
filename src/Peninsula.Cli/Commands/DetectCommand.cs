using System.CommandLine;
using System.Globalization;
using Peninsula.Detection;
using Peninsula.Events;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula detect</c>: the North Korean launches and tests that feeds, KCNA archives and texts report.</summary>
internal static class DetectCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("file") { Description = "RSS or Atom feeds (.xml, .rss, .atom), KCNA archives (.json) or plain text files (the first line is the headline).", Arity = ArgumentArity.OneOrMore };
        var published = new Option<string?>("--published") { Description = "The publication date in Korea (YYYY-MM-DD) of plain text files and of feed items that give none." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("detect", "Find the North Korean missile launches and nuclear tests that documents report, one proposal per event merged across documents, each matched against the record. Writes nothing.")
        {
            files, published, format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.GuardAsync(context, () =>
        {
            // Read and refuse bad input before the store is opened.
            var date = KoreanDate.ParseInput(parse.GetValue(published), "--published");
            var (documents, warnings) = DetectionInput.Read(parse.GetValue(files)!, date, cancellationToken);
            return PeninsulaCommand.WithStoreAsync(context, parse, async store =>
            {
                var events = await store.ListAsync(new EventQuery { Kinds = [EventKind.MissileLaunch, EventKind.NuclearTest] }, cancellationToken).ConfigureAwait(false);
                var proposals = new EventDetector(events).Detect(documents);
                foreach (var warning in warnings)
                {
                    context.Error.MarkupLine($"[yellow]Left out: {Markup.Escape(warning.ToString())}[/]");
                }

                if (parse.GetValue(format) == "json")
                {
                    context.RawOut.WriteLine(ProposalJson.Write(proposals));
                    return 0;
                }

                Render(context.Out, proposals, documents.Count);
                return 0;
            }, cancellationToken);
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, IReadOnlyList<Proposal> proposals, int documents)
    {
        if (proposals.Count == 0)
        {
            console.MarkupLine($"No North Korean launch or nuclear test reported in {Rendering.Count(documents, "document")}.");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Date (Korea)").AddColumn("Kind").AddColumn("Class").AddColumn("System").AddColumn("Count")
            .AddColumn("Confidence").AddColumn("In the record").AddColumn("Reported by");
        foreach (var p in proposals)
        {
            table.AddRow(
                p.Date.ToString(),
                p.Kind.Slug(),
                p.Class ?? "-",
                Markup.Escape(p.System ?? "-"),
                p.Count?.ToString(CultureInfo.InvariantCulture) ?? "-",
                p.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(p.Matches ?? "new"),
                Markup.Escape($"{Rendering.Count(p.Documents.Count, "document")} from {string.Join(", ", p.Documents.Select(d => d.Publisher).Distinct())}"));
        }

        console.Write(table);
        console.MarkupLine($"[grey]{Rendering.Count(proposals.Count, "proposal")} from {Rendering.Count(documents, "document")}; dates are Korean dates (UTC+9). '--format json' gives the documents and the sentences.[/]");
    }
}

using System.CommandLine;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula docs search</c>: the texts imported from state media and feeds.</summary>
internal static class DocsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("docs", "Texts imported from state media archives (kcna) and feeds (feed, watch).");
        var words = new Argument<string>("words") { Description = "Words that must all occur in the title or text, e.g. hwasong." };
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 20 };
        var format = CommonOptions.Format("table", "table", "json");
        var search = new Command("search", "Full-text search of the documents.") { words, limit, format };
        search.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var n = parse.GetValue(limit);
            if (n < 1)
            {
                throw new InputException("--limit must be at least 1.", field: "--limit");
            }

            var documents = await store.SearchDocumentsAsync(parse.GetValue(words)!, n, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(documents.Select(d => new
                {
                    d.Id,
                    Date = d.Date?.ToString(),
                    d.PublishedAt,
                    d.Title,
                    d.Body,
                    d.Links,
                    d.Topics,
                    d.Source,
                    d.Provenance,
                })));
                return 0;
            }

            if (documents.Count == 0)
            {
                context.Out.MarkupLine("No documents hold those words. Import some with 'peninsula import --format kcna|feed' or 'peninsula watch'.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Date (KST)");
            table.AddColumn("Source");
            table.AddColumn("Title");
            table.AddColumn("Link");
            foreach (var d in documents)
            {
                table.AddRow(
                    d.Date?.ToString() ?? "", Markup.Escape(d.Source),
                    $"{Markup.Escape(d.Title)}\n[grey]{Markup.Escape(d.Body.Length > 160 ? d.Body[..160] + "..." : d.Body)}[/]",
                    Markup.Escape(d.Links.Count > 0 ? d.Links[0] : ""));
            }

            context.Out.Write(table);
            context.Out.MarkupLine($"[grey]{Rendering.Count(documents.Count, "document")}. Text is shown as text, never as markup.[/]");
            return 0;
        }, cancellationToken));
        command.Subcommands.Add(search);
        return command;
    }
}

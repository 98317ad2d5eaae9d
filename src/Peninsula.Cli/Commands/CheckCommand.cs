using System.CommandLine;
using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Reading;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula check</c>: fact-check an article's claims against the record.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The article: a UTF-8 text file, or - to read standard input." };
        var published = new Option<string?>("--published") { Description = "The article's publication date in Korea (YYYY-MM-DD); anchors 'in April', 'last year', 'recently'." };
        var clock = new Option<string>("--clock")
        {
            Description = "The clock the article's dates are in: korea (Korea's or Japan's own texts) or behind (a US or European outlet, or not known, the default: its date, 'today' and weekdays may be a day behind Korea's, and never refute on their own).",
            DefaultValueFactory = _ => "behind",
        };
        clock.AcceptOnlyFromAmong([.. WriterClocks.Names]);
        var format = CommonOptions.Format("text", "text", "json", "html");
        var command = new Command("check", $"Fact-check an article: each claim about North Korea's launches, tests and moves is supported, refuted or undecided by the record. Articles up to {ArticleInput.MaxBytes / (1024 * 1024)} MB.")
        {
            file, published, clock, format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.GuardAsync(context, () =>
        {
            // Read and refuse bad input before the store is opened.
            var date = KoreanDate.ParseInput(parse.GetValue(published), "--published");
            var path = parse.GetValue(file)!;
            var text = path == "-" ? ArticleInput.Read(context.StandardInput, "standard input") : ArticleInput.ReadFile(path);
            // Read the article while the store opens and the events load: neither needs the other.
            var reading = Task.Run(() => ArticleChecker.Read(text), cancellationToken);
            return PeninsulaCommand.WithStoreAsync(context, parse, async store =>
            {
                var events = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
                var writer = WriterClocks.Parse(parse.GetValue(clock), "--clock");
                var check = new ArticleChecker(events).Check(await reading.ConfigureAwait(false), date, writer);
                switch (parse.GetValue(format))
                {
                    case "json":
                        context.RawOut.WriteLine(ArticleCheckReport.Json(check));
                        break;
                    case "html":
                        context.RawOut.Write(ArticleCheckReport.Html(check, path == "-" ? "article" : Path.GetFileName(path)));
                        break;
                    default:
                        Render(context.Out, check);
                        break;
                }

                return 0;
            }, cancellationToken);
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, ArticleCheck check)
    {
        Rendering.Heading(console, "[bold]Fact-check[/] against the record");
        console.MarkupLine($"[grey]Anchor: {Markup.Escape(check.Anchor.Description)}. The record covers events to {check.RecordEnd}; dates are Korean dates (UTC+9).[/]");
        if (check.Notice is { } notice)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]");
        }

        var number = 0;
        foreach (var claim in check.Claims)
        {
            number++;
            var (colour, label) = Style(claim.Verdict);
            console.WriteLine();
            var (before, after) = Context(check.Text, claim);
            console.MarkupLine($"[bold]{number}.[/] [{colour} bold]{label}[/] [grey]({claim.Type.Slug()})[/]");
            console.MarkupLine($"   [grey]…{Markup.Escape(before)}[/][{colour} underline]{Markup.Escape(claim.Text)}[/][grey]{Markup.Escape(after)}…[/]");
            console.MarkupLine($"   {Markup.Escape(claim.Reason)}");
            if (claim.Facets.Count > 1)
            {
                console.MarkupLine($"   {string.Join(" [grey]·[/] ", claim.Facets.Select(f => $"{Markup.Escape(f.Facet)} {Markup.Escape(f.Stated)} [{FacetColour(f.Result)}]{f.Mark}[/]"))}");
            }

            if (claim.Evidence.Count > 0)
            {
                console.MarkupLine($"   [grey]Evidence: {Markup.Escape(string.Join(", ", claim.Evidence))}[/]");
            }
        }

        if (check.Unread.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]Not read[/] [grey]({Rendering.Count(check.Unread.Count, "sentence")}; the rest was checked)[/]");
            foreach (var u in check.Unread)
            {
                console.MarkupLine($"   [red]{Markup.Escape(Shorten(u.Text, 140))}[/] [grey]{Markup.Escape(u.Reason)}[/]");
            }
        }

        if (check.Statements.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]Not checked[/] [grey]({Rendering.Count(check.Statements.Count, "opinion, intention or generalisation", "opinions, intentions and generalisations")})[/]");
            foreach (var s in check.Statements.Take(20))
            {
                console.MarkupLine($"   [grey]{s.Type.Slug()}:[/] {Markup.Escape(Shorten(s.Text, 140))}");
            }

            if (check.Statements.Count > 20)
            {
                console.MarkupLine($"   [grey]and {check.Statements.Count - 20} more (--format json lists them all).[/]");
            }
        }

        console.WriteLine();
        console.MarkupLine(
            $"[bold]{Rendering.Count(check.Claims.Count, "claim")}:[/] [green]{Count(check, ClaimVerdict.Supported)} supported[/], [red]{Count(check, ClaimVerdict.Refuted)} refuted[/], " +
            $"[yellow]{Count(check, ClaimVerdict.NotEnoughEvidence)} not enough evidence[/]. [grey]'peninsula events show ID' shows an evidence event.[/]");
    }

    private static string FacetColour(FacetResult result) => result switch
    {
        FacetResult.Matches => "green",
        FacetResult.Contradicted => "red",
        _ => "yellow",
    };

    private static (string Colour, string Label) Style(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Supported => ("green", "SUPPORTED"),
        ClaimVerdict.Refuted => ("red", "REFUTED"),
        _ => ("yellow", "NOT ENOUGH EVIDENCE"),
    };

    private static (string Before, string After) Context(string text, CheckedClaim claim)
    {
        var from = Math.Max(0, claim.Start - 50);
        var to = Math.Min(text.Length, claim.End + 50);
        return (Flat(text[from..claim.Start]), Flat(text[claim.End..to]));
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.None));

    private static string Shorten(string text, int max) => text.Length <= max ? Flat(text) : Flat(text[..max]) + "…";

    private static int Count(ArticleCheck check, ClaimVerdict verdict) => check.Claims.Count(c => c.Verdict == verdict);
}

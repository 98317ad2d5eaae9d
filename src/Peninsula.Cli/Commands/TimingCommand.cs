using System.CommandLine;
using System.Globalization;
using System.Text;
using Peninsula.Import;
using Peninsula.Timing;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula timing</c>: is a provocation at the time of a visit, drill or election a message, or chance?</summary>
internal static class TimingCommand
{
    public static Command Create(CliContext context)
    {
        var contexts = new Option<string[]>("--context", "-c")
        {
            Description = "A ready-made question (see 'peninsula timing questions'), 'all' for every one, or a filter such as " +
                          "\"kind=diplomatic-visit text=Blinken\". Repeat it to ask several at once (p-values are then also adjusted).",
        };
        var provocations = new Option<string?>("--provocations", "-p")
        {
            Description = "The provocations: a named set (ballistic, missiles, nuclear, provocations) or a filter such as \"class=icbm,irbm since=2017-01-01\". " +
                          "Default: the question's own, else ballistic.",
        };
        var window = new Option<string?>("--window", "-w")
        {
            Description = "Days around each context event, from..to: -3..3 is three days before its start to three after its end, 0..0 during it, 1..30 the 30 days after. " +
                          "Default: the question's own, else -3..3.",
        };
        var permutations = new Option<int>("--permutations", "-n") { Description = "Permutations of each kind.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the permutations; the same seed gives the same figures.", DefaultValueFactory = _ => 1 };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command(
            "timing",
            "Test whether provocations fall at the time of context events (visits, exercises, elections, anniversaries, resolutions, summits) more often than chance.")
        {
            contexts, provocations, window, permutations, seed, format,
        };
        command.Subcommands.Add(Questions(context));
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var windowText = parse.GetValue(window);
            var windowValue = windowText is null ? (TimingWindow?)null : TimingWindow.Parse(windowText);
            var questions = TimingQuestions.Resolve(parse.GetValue(contexts) ?? [], parse.GetValue(provocations), windowValue, "--context");
            var options = new TimingOptions { Permutations = parse.GetValue(permutations), Seed = parse.GetValue(seed) };
            var results = new List<TimingResult>();
            foreach (var question in questions)
            {
                results.Add(await TimingAnalysis.RunAsync(store, question, options, cancellationToken).ConfigureAwait(false));
            }

            if (results.Count > 1)
            {
                results = [.. TimingAnalysis.AdjustForMultipleQuestions(results)];
            }

            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(results.Count == 1
                    ? EventJson.SerializeValue(TimingDocument.From(results[0]))
                    : EventJson.SerializeValue(new { Adjustment = "benjamini-hochberg", Results = results.Select(TimingDocument.From) }));
            }
            else if (results.Count == 1)
            {
                Render(context.Out, results[0]);
            }
            else
            {
                RenderScan(context.Out, results);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Questions(CliContext context)
    {
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("questions", "List the ready-made timing questions, each answerable with 'peninsula timing --context NAME'.") { format };
        command.SetAction(parse =>
        {
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(TimingQuestions.All.Select(TimingDocument.Question)));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Name");
            table.AddColumn("Question");
            table.AddColumn("Context events");
            table.AddColumn("Window");
            foreach (var q in TimingQuestions.All)
            {
                table.AddRow(
                    $"[bold]{Markup.Escape(q.Name!)}[/]",
                    Markup.Escape(q.Title) + $"\n[grey]{Markup.Escape(q.Rationale ?? "")}[/]",
                    Markup.Escape(q.Context),
                    Markup.Escape($"{q.Window}: {q.Window.Describe(q.ContextNoun.One)}"));
            }

            context.Out.Write(table);
            context.Out.MarkupLine("[grey]Run one with 'peninsula timing --context NAME', all at once with 'peninsula timing --context all'. " +
                                   "Provocations default to ballistic launches; --provocations and --window change them.[/]");
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, TimingResult result)
    {
        var q = result.Question;
        Rendering.Heading(console, $"[bold]{Markup.Escape(q.Title)}[/]");
        console.MarkupLine($"[bold]{Markup.Escape(result.Answer)}[/]");
        console.WriteLine();

        var figures = new Table().Border(TableBorder.Rounded);
        figures.AddColumn("");
        figures.AddColumn(new TableColumn("Observed").RightAligned());
        figures.AddColumn(new TableColumn("Chance").RightAligned());
        figures.AddColumn(new TableColumn("95% range").RightAligned());
        figures.AddColumn(new TableColumn("Ratio (95% CI)").RightAligned());
        figures.AddColumn(new TableColumn("p").RightAligned());
        figures.AddColumn(new TableColumn("p (shift)").RightAligned());
        figures.AddRow(Cells($"{Cap(q.ContextNoun.Many)} with a {q.ProvocationNoun.One} in the window", result.Hits, result.ContextEvents));
        figures.AddRow(Cells($"{Cap(q.ProvocationNoun.Many)} inside a window", result.ProvocationsInside, result.Provocations));
        console.Write(figures);

        var hits = result.Evidence.Where(e => e.Provocations.Count > 0).ToList();
        if (hits.Count > 0)
        {
            var evidence = new Table().Border(TableBorder.Rounded).Title($"The evidence: {q.ContextNoun.Many} with a {q.ProvocationNoun.One} in the window");
            evidence.AddColumn(Cap(q.ContextNoun.One));
            evidence.AddColumn("Window (KST)");
            evidence.AddColumn(new TableColumn("Chance").RightAligned());
            evidence.AddColumn(Cap(q.ProvocationNoun.Many));
            foreach (var e in hits)
            {
                evidence.AddRow(
                    $"{Markup.Escape(e.Context.Title)}\n[grey]{Markup.Escape(Rendering.Date(e.Context))} · {Markup.Escape(e.Context.Id)}[/]",
                    $"{e.WindowStart}..{e.WindowEnd}",
                    Percent(e.ChanceOfHit),
                    string.Join("\n", e.Provocations.Select(p => Markup.Escape(p.Id))));
            }

            console.Write(evidence);
        }

        var misses = result.ContextEvents - hits.Count;
        if (misses > 0)
        {
            console.MarkupLine($"[grey]{Markup.Escape(Cap(q.ContextNoun.Count(misses)))} had none in the window (all of them are in --format json).[/]");
        }

        console.WriteLine();
        RenderProfile(console, result);
        console.WriteLine();
        console.MarkupLine($"[grey]{Markup.Escape(Method(result))}[/]");
        foreach (var note in result.Notes)
        {
            console.MarkupLine($"[grey]Note: {Markup.Escape(note)}[/]");
        }
    }

    private static void RenderScan(IAnsiConsole console, List<TimingResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Timing questions, tested together");
        table.AddColumn("Question");
        table.AddColumn(new TableColumn("Hits").RightAligned());
        table.AddColumn(new TableColumn("Chance (95% range)").RightAligned());
        table.AddColumn(new TableColumn("Ratio (95% CI)").RightAligned());
        table.AddColumn(new TableColumn("p").RightAligned());
        table.AddColumn(new TableColumn("p adjusted").RightAligned());
        table.AddColumn("Reading");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Question.Name ?? r.Question.Context) + $"\n[grey]{Markup.Escape(r.Question.Window.Describe(r.Question.ContextNoun.One))}[/]",
                $"{r.Hits.Observed} of {r.ContextEvents}",
                $"{TimingAnswer.Number(r.Hits.Expected)} ({r.Hits.RangeLow}-{r.Hits.RangeHigh})",
                Ratio(r.Hits),
                TimingAnswer.P(r.Hits.P),
                TimingAnswer.P(r.AdjustedP ?? r.Hits.P),
                Markup.Escape(r.TooSmall ? "too few to conclude anything" : r.Reading));
        }

        console.Write(table);
        foreach (var r in results)
        {
            console.MarkupLine($"[bold]{Markup.Escape(r.Question.Name ?? r.Question.Context)}:[/] {Markup.Escape(r.Answer)}");
        }

        console.MarkupLine($"[grey]p adjusted: Benjamini-Hochberg over the {results.Count} questions, which keeps the expected share of false findings among those called significant at 5%. " +
                           $"{Markup.Escape(Method(results[0], single: false))} 'peninsula timing --context NAME' shows one question with its evidence.[/]");
    }

    /// <summary>
    /// Provocations by day offset from the context events' first day as columns, over the band
    /// that 95% of random placements fall in (shaded); a column above the shading is more than chance gives.
    /// </summary>
    private static void RenderProfile(IAnsiConsole console, TimingResult result)
    {
        var points = result.Profile;
        var top = Math.Max(1, points.Max(p => Math.Max(p.Observed, p.BandHigh)));
        var height = Math.Min(8, top);
        console.MarkupLine($"[bold]{Markup.Escape(Cap(result.Question.ProvocationNoun.Many))} by day from the start of each {Markup.Escape(result.Question.ContextNoun.One)}[/] " +
                           "[grey](columns: observed; shading: 95% of random placements; red: above it)[/]");
        for (var row = height; row >= 1; row--)
        {
            var level = (double)top * row / height;
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"[grey]{(row == height ? top.ToString(CultureInfo.InvariantCulture) : ""),4} │[/]");
            foreach (var p in points)
            {
                var bar = p.Observed >= level - (top / (2.0 * height));
                var band = p.BandHigh >= level - (top / (2.0 * height));
                line.Append(bar ? (p.Observed > p.BandHigh ? "[red]█[/]" : "[steelblue]█[/]") : band ? "[grey]░[/]" : " ");
            }

            console.MarkupLine(line.ToString());
        }

        var axis = new StringBuilder("     └");
        var labels = new StringBuilder("      ");
        foreach (var p in points)
        {
            axis.Append(p.Offset % 10 == 0 ? '┴' : '─');
        }

        var first = points[0].Offset;
        for (var i = 0; i < points.Count; i++)
        {
            var offset = first + i;
            if (offset % 10 == 0 && labels.Length <= 6 + i)
            {
                var label = offset.ToString("+0;-0;0", CultureInfo.InvariantCulture);
                labels.Append(' ', Math.Max(0, 6 + i - labels.Length - (label.Length / 2)));
                labels.Append(label);
            }
        }

        console.MarkupLine($"[grey]{axis}[/]");
        console.MarkupLine($"[grey]{labels}  days[/]");
    }

    private static string[] Cells(string what, Comparison c, int of) =>
    [
        Markup.Escape(what),
        $"{c.Observed} of {of}",
        TimingAnswer.Number(c.Expected),
        $"{c.RangeLow}-{c.RangeHigh}",
        Ratio(c),
        TimingAnswer.P(c.P),
        TimingAnswer.P(c.PCircular),
    ];

    private static string Ratio(Comparison c) =>
        double.IsNaN(c.Ratio) ? "n/a" : $"{TimingAnswer.Number(c.Ratio)} ({TimingAnswer.Number(c.RatioLow)}-{TimingAnswer.Number(c.RatioHigh)})";

    private static string Method(TimingResult r, bool single = true) =>
        (single ? $"{r.PeriodStart} to {r.PeriodEnd} (Korean dates). " : "") +
        $"{r.Permutations.ToString("N0", CultureInfo.InvariantCulture)} permutations, seed {r.Seed}: " +
        "each window moved to a random day of its own year, the provocations kept as they are; p counts the placements with at least as many hits. " +
        (single && r.Hits.PAllPlacements is { } exact ? $"Over every possible placement, p = {TimingAnswer.P(exact)}. " : "") +
        "A pattern in timing is an association, not proof of intent.";

    private static string Percent(double p) => p.ToString("0%", CultureInfo.InvariantCulture);

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

using System.CommandLine;
using System.Globalization;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Import;
using Peninsula.Questions;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula questions</c>: forecasting questions, the model's and the experts' forecasts on them, their resolution from the record and the leaderboard.</summary>
internal static class QuestionsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "questions",
            "Forecasting questions ('Will North Korea launch an ICBM before 2027?'): the model's forecast recorded day by day, experts' forecasts, " +
            "resolution from the record with the event that settled it, and a leaderboard (Brier and log score). Dates are Korean dates (UTC+9).");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Forecast(context));
        command.Subcommands.Add(Withdraw(context));
        command.Subcommands.Add(Update(context));
        command.Subcommands.Add(Resolve(context));
        command.Subcommands.Add(LeaderboardCommand(context));
        command.Subcommands.Add(Published(context));
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    /// <summary>The option of <c>questions add</c> that sets each field of a question.</summary>
    private static readonly Dictionary<string, string> OptionOf = new(StringComparer.Ordinal)
    {
        ["id"] = "--id",
        ["title"] = "--title",
        ["target"] = "--target",
        ["filter"] = "--filter",
        ["opens"] = "--from",
        ["closes"] = "--until",
        ["url"] = "--url",
    };

    private static Command Add(CliContext context)
    {
        var title = new Option<string>("--title") { Description = "The question in words, e.g. \"Will North Korea launch an ICBM before 2027?\".", Required = true };
        var target = new Option<string?>("--target") { Description = $"What counts: a forecast target ({string.Join(", ", ForecastTarget.All.Select(t => t.Slug))}); the model forecasts these." };
        var filter = new Option<string?>("--filter") { Description = "Or an event filter, as in timing: e.g. \"kind=summit class=us-dprk\" (the model forecasts the days with an event it matches)." };
        var from = new Option<string?>("--from") { Description = "The window's first Korean date (YYYY-MM-DD). Default: tomorrow in Korea." };
        var until = new Option<string>("--until") { Description = "The window's last Korean date (YYYY-MM-DD), inclusive.", Required = true };
        var id = new Option<string?>("--id") { Description = "A short id of lower-case letters, digits and hyphens. Default: made from the title, in Latin letters (a Korean title by the Revised Romanization)." };
        var url = new Option<string?>("--url") { Description = "Where the question was first asked, if anywhere." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("add", "Adds a question and records the model's forecast on it as of today (Korean date).") { title, target, filter, from, until, id, url, format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var today = KoreanDate.Today(context.Clock);
            var text = parse.GetValue(title)!;
            if (parse.GetValue(from) is null && KoreanDate.ParseInput(parse.GetValue(until), "--until") is { } last && last <= today)
            {
                throw new InputException($"the window closes on {last}, and without --from it opens tomorrow ({today.AddDays(1)}): give --from, the window's first day (e.g. --from {last.Date.Year}-01-01).", field: "--from");
            }

            var question = new Question(
                parse.GetValue(id) ?? Question.IdFrom(text),
                text,
                parse.GetValue(target) is { } slug ? ForecastTarget.Parse(slug) : null,
                parse.GetValue(filter),
                KoreanDate.ParseInput(parse.GetValue(from), "--from") ?? today.AddDays(1),
                KoreanDate.ParseInput(parse.GetValue(until), "--until")!.Value,
                parse.GetValue(url),
                null);
            QuestionBook.Details details;
            try
            {
                details = await new QuestionBook(store).AddAsync(question, today, cancellationToken).ConfigureAwait(false);
            }
            catch (InputException ex) when (ex.File is null && ex.Field is { } field && OptionOf.TryGetValue(field, out var option))
            {
                // The question's fields by the options that set them: the window's last day is --until, not 'closes'.
                throw new InputException(ex.Reason, null, null, option);
            }

            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(QuestionDocuments.Details(details)));
            }
            else
            {
                context.Out.MarkupLine($"Added question [bold]{Markup.Escape(details.Question.Id)}[/].");
                Render(context.Out, details);
                if (question.Target is not null && question.Closes > new KoreanDate(today.Date.AddYears(2)))
                {
                    context.Out.MarkupLine("[grey]The window ends more than two years ahead, where forecast --until stops: the model's forecast on it carries the coming year's pace on to the window's end, an assumption that says less the further it reaches.[/]");
                }
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("list", "Every question: its window, what counts, whether it is open or resolved, and the latest forecasts.") { format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var (questions, forecasts) = await new QuestionBook(store).AllAsync(cancellationToken).ConfigureAwait(false);
            var today = KoreanDate.Today(context.Clock);
            var standings = QuestionStanding.All(questions, forecasts, today);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(standings.Select(QuestionDocuments.Summary)));
                return 0;
            }

            if (questions.Count == 0)
            {
                context.Out.MarkupLine("No questions yet. Add one: [bold]peninsula questions add --title \"Will North Korea launch an ICBM before 2027?\" --target icbm --until 2026-12-31[/]");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(new TableColumn("Id").NoWrap());
            table.AddColumn("Question");
            table.AddColumn(new TableColumn("Window (KST)").NoWrap());
            table.AddColumn("Counts");
            table.AddColumn("Status");
            table.AddColumn(new TableColumn("Model").RightAligned());
            table.AddColumn(new TableColumn("Experts").RightAligned());
            foreach (var (q, model, aggregate) in standings)
            {
                table.AddRow(Markup.Escape(q.Id), Markup.Escape(q.Title), $"{q.Opens}..{q.Closes}", Markup.Escape(q.SubjectSlug), Markup.Escape(Status(q)),
                    model is null ? "-" : Forecaster.Pct(model.Probability), aggregate is null ? "-" : Forecaster.Pct(aggregate.Probability));
            }

            context.Out.Write(table);
            context.Out.MarkupLine($"[grey]Model: its latest recorded forecast (peninsula questions update records today's). Experts: their aggregate, {Markup.Escape(ExpertAggregate.Rule)}.[/]");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var question = new Argument<string>("question") { Description = "The question's id." };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("show", "One question: its window, resolution (with the event that settled it), each forecaster's latest forecast, every expert forecast with where it was published, and on a resolved question each forecaster's score (--format json: every forecast, the model's daily ones too).") { question, format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var details = await new QuestionBook(store).ShowAsync(parse.GetValue(question)!, KoreanDate.Today(context.Clock), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(QuestionDocuments.Details(details)));
            }
            else
            {
                Render(context.Out, details);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Forecast(CliContext context)
    {
        var question = new Argument<string>("question") { Description = "The question's id." };
        var by = new Option<string>("--by") { Description = "The forecaster's name.", Required = true };
        var probability = new Option<string>("--probability", "-p") { Description = "The probability that it resolves yes: 0.25 or 25%.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The Korean date the forecast was made (YYYY-MM-DD). Default: today in Korea. A forecast entered after that day counts from the day it is entered, unless --url gives where it was published." };
        var url = new Option<string?>("--url") { Description = "Where the forecast was published (http or https), if it was: it is then scored as of --as-of, the day its publication gives." };
        var command = new Command("forecast", "Records an expert's forecast on a question (one per forecaster and day; a second one on the same day replaces the first, unless the first is scored).") { question, by, probability, asOf, url };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var p = QuestionForecast.ParseProbability(parse.GetValue(probability), field: "--probability");
            var day = QuestionForecast.CheckMadeBy(KoreanDate.ParseInput(parse.GetValue(asOf), "--as-of") ?? KoreanDate.Today(context.Clock), KoreanDate.Today(context.Clock), "--as-of");
            var id = parse.GetValue(question)!;
            var entry = await new QuestionBook(store).ForecastAsync(id, parse.GetValue(by)!, p, day, parse.GetValue(url), name => "--" + name.Replace('_', '-'), cancellationToken).ConfigureAwait(false);
            var saved = entry.Saved;
            context.Out.MarkupLine(saved.Forecasts.Unchanged > 0
                ? $"{Markup.Escape(parse.GetValue(by)!.Trim())}'s forecast of {Forecaster.Pct(p)} on {Markup.Escape(id)} as of {day} was recorded already."
                : $"Recorded {Markup.Escape(parse.GetValue(by)!.Trim())}'s forecast of [bold]{Forecaster.Pct(p)}[/] on {Markup.Escape(id)} as of {day}{(saved.Forecasts.Updated > 0 ? " (it replaces that day's earlier one)" : "")}.");
            if (p is 0 or 1)
            {
                // Certainty would score minus infinity when wrong; say what the leaderboard does with it.
                context.Out.MarkupLine($"[grey]A forecast of {Forecaster.Pct(p)} is certainty: the leaderboard's log score and the aggregate read it as {Forecaster.Pct(p == 0 ? ExpertAggregate.Floor : 1 - ExpertAggregate.Floor)}.[/]");
            }

            if (entry.WhenItCounts("--url") is { } when)
            {
                context.Out.MarkupLine(Markup.Escape(when));
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Withdraw(CliContext context)
    {
        var question = new Argument<string>("question") { Description = "The question's id." };
        var by = new Option<string>("--by") { Description = "The forecaster's name, as entered.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Only the forecast as of this Korean date (YYYY-MM-DD). Default: every forecast of theirs on the question." };
        var command = new Command(
            "withdraw",
            "Withdraws a forecaster's forecasts on a question (a mistyped one, or a forecaster entered by mistake). Only what is not scored can go: forecasts on an open question, and those entered after the answer was known. A withdrawn forecast is kept in the store, marked so, and no longer shown or scored; the export carries the withdrawal, so that a store that imported the forecast withdraws it too.")
        { question, by, asOf };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var day = KoreanDate.ParseInput(parse.GetValue(asOf), "--as-of");
            var withdrawal = await new QuestionBook(store).WithdrawAsync(parse.GetValue(question)!, parse.GetValue(by)!, day, name => "--" + name.Replace('_', '-'), cancellationToken).ConfigureAwait(false);
            context.Out.MarkupLine(Markup.Escape(withdrawal.Describe()));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Update(CliContext context)
    {
        var from = new Option<string?>("--from") { Description = "Record the model's forecasts from this Korean date on (YYYY-MM-DD). Default: the day after each question's last one, or today." };
        var question = new Option<string?>("--question") { Description = "Only this question." };
        var command = new Command(
            "update",
            "Resolves every question from the record and records the model's forecast on each open one for today and each day since its last (the days in between back-filled cheaply: the models fitted once a week).")
        {
            from, question,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var today = KoreanDate.Today(context.Clock);
            var start = KoreanDate.ParseInput(parse.GetValue(from), "--from");
            if (start > today)
            {
                throw new InputException($"--from {start} is after today ({today} in Korea).", field: "--from");
            }

            if (start is { } earliest)
            {
                // Checked before the notice of a long wait, not after it.
                Forecaster.CheckAsOf(earliest, today, "--from");
            }

            if (start is { } first && today.DaysSince(first) > 31)
            {
                // A long back-fill fits the models once a week of it: tell the user before the wait (three years took 45 s on two shared cores).
                var which = parse.GetValue(question) is { } one ? $"on '{Markup.Escape(one)}'" : "on each question whose window was still to close";
                context.Error.MarkupLine($"[grey]Recording the model's forecasts for every day from {first} to {today} {which}: the models are fitted once for each week, so this can take a minute or more.[/]");
            }

            Task<UpdateSummary> Update(IProgress<(int Done, int Total)>? progress) =>
                new QuestionBook(store).UpdateAsync(today, start, parse.GetValue(question), progress, cancellationToken);
            var summary = start is not null && context.Error.Profile.Capabilities.Interactive
                ? await context.Error.Progress().AutoClear(true).StartAsync(bar =>
                {
                    var task = bar.AddTask("Forecasting each open question day by day", maxValue: 1);
                    return Update(new Progress<(int Done, int Total)>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    }));
                }).ConfigureAwait(false)
                : await Update(null).ConfigureAwait(false);

            var counts = summary.ModelForecasts;
            context.Out.MarkupLine(counts.Added + counts.Updated + counts.Unchanged == 0
                ? start is null
                    ? $"No forecast of the model to record: each question's is recorded up to {today}, or its window is over or the answer known (the model forecasts a window only before it closes; --from YYYY-MM-DD records earlier days)."
                    : $"No forecast of the model to record from {start}: the windows were over or the answers known by then."
                : $"Recorded {Rendering.Count(counts.Added + counts.Updated, "forecast")} of the model up to {today} at most, each question's to the day before its answer was known or its window closed " +
                  $"({counts.Unchanged} already recorded; the models fitted {Rendering.Count(summary.Fits, "time")}).");
            if (summary.ChangedMeanwhile.Count > 0)
            {
                context.Error.MarkupLine(Markup.Escape(
                    $"{string.Join(", ", summary.ChangedMeanwhile)} changed while this update ran (another 'questions import' or update saved {(summary.ChangedMeanwhile.Count == 1 ? "it" : "them")}): " +
                    "left as saved, with no forecast of this run. Run 'peninsula questions update' again to resolve and forecast them as they now stand."));
            }

            RenderStatuses(context.Out, summary.Questions, summary.RecordEnd);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Resolve(CliContext context)
    {
        var command = new Command("resolve", "Resolves every question from the record: yes with the first event that counts, no once the record covers the whole window, open until then.");
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var record = await store.ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false);
            var questions = await QuestionResolver.ResolveAllAsync(store, record, cancellationToken: cancellationToken).ConfigureAwait(false);
            RenderStatuses(context.Out, questions, Record.BundledRecord.CoverageEndOf(record));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command LeaderboardCommand(CliContext context)
    {
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("leaderboard", "Brier and log scores of the model, each expert and the experts' aggregate on the resolved questions, averaged over the days each forecast stood.") { format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var view = await new QuestionBook(store).LeaderboardAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(QuestionDocuments.Leaderboard(view)));
                return 0;
            }

            var rows = view.Rows;
            Rendering.Heading(context.Out, $"[bold]Leaderboard[/] on {Rendering.Count(view.Resolved, "resolved question")} ({view.Open} open)");
            if (rows.Count == 0)
            {
                context.Out.MarkupLine("No resolved question has a forecast that can be scored yet.");
                RenderEnteredTooLate(context.Out, view);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Forecaster");
            table.AddColumn(new TableColumn("Questions").RightAligned());
            table.AddColumn(new TableColumn("Resolved yes").RightAligned());
            table.AddColumn(new TableColumn("Brier").RightAligned());
            table.AddColumn(new TableColumn("Log score").RightAligned());
            table.AddColumn(new TableColumn("Days").RightAligned());
            table.AddColumn(new TableColumn("Brier minus the aggregate's (ranks)").RightAligned());
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.By), r.Questions.ToString(CultureInfo.InvariantCulture), r.Yes.ToString(CultureInfo.InvariantCulture),
                    r.Brier.ToString("0.000", CultureInfo.InvariantCulture), r.LogScore.ToString("0.000", CultureInfo.InvariantCulture),
                    r.Days.ToString("N0", CultureInfo.InvariantCulture),
                    r.BrierVsAggregate is { } d ? $"{Rendering.Signed(d)} on {Rendering.Count(r.WithAggregate, "question")}{Interval(r)}" : "-");
            }

            context.Out.Write(table);
            context.Out.MarkupLine("[grey]Brier: (p - outcome)², 0 best, 0.25 for always 50%, averaged over the days each forecast stood, then over the questions. Log score: ln of the probability given to what happened, 0 best, -0.693 for always 50%, averaged the same way. Days: how long the forecaster's forecasts stood before the answers were known, summed over its questions. " +
                                   $"{Leaderboard.Ranking} In brackets: a 95% interval from resampling the shared questions; one that spans 0 cannot tell the forecaster from the aggregate. " +
                                   $"{QuestionDocuments.WhichForecastCounts} Aggregate: {Markup.Escape(ExpertAggregate.Rule)}.[/]");
            RenderEnteredTooLate(context.Out, view);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>The forecasts the leaderboard leaves out because they were entered once the answer was known, one a line.</summary>
    private static void RenderEnteredTooLate(IAnsiConsole console, LeaderboardView view)
    {
        if (view.EnteredTooLate.Count == 0)
        {
            return;
        }

        console.MarkupLine($"Not scored: {Rendering.Count(view.EnteredTooLate.Count, "forecast")} entered after the answer was known (whoever entered it could know the answer):");
        foreach (var (q, f) in view.EnteredTooLate)
        {
            console.MarkupLine($"  {Markup.Escape(f.By)} on {Markup.Escape(q.Id)}: {Forecaster.Pct(f.Probability)} as of {f.AsOf}, entered on {f.CountsFrom}; the answer, {q.Resolution!.Word}, was known on {q.AnswerKnownOn}.");
        }

        console.MarkupLine("[grey]A forecast published at the time is scored as of its date when it is entered with the address where it was published (questions forecast --url).[/]");
    }

    private static Command Published(CliContext context)
    {
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command(
            "published",
            "The model against real forecasts published on past questions (Metaculus, Good Judgment Open, a statistical signal; bundled with their sources): " +
            "each question resolved from the record, the model asked as of each published forecast's date, and the Brier scores of both.")
        {
            format,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var comparison = await PublishedComparison.ComputeAsync(PublishedForecasts.Bundled, store, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(QuestionDocuments.Published(comparison)));
                return 0;
            }

            RenderPublished(context.Out, comparison);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static void RenderPublished(IAnsiConsole console, PublishedComparison comparison)
    {
        var inv = CultureInfo.InvariantCulture;
        Rendering.Heading(console, $"[bold]The model against published forecasts[/] on {Rendering.Count(comparison.ByQuestion.Count, "past question")}, resolved from the record (to {comparison.RecordEnd})");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Question");
        table.AddColumn("Forecaster");
        table.AddColumn("As of");
        table.AddColumn(new TableColumn("Published").RightAligned());
        table.AddColumn(new TableColumn("Model").RightAligned());
        table.AddColumn("Outcome");
        table.AddColumn(new TableColumn("Brier published").RightAligned());
        table.AddColumn(new TableColumn("Brier model").RightAligned());
        foreach (var r in comparison.Rows)
        {
            table.AddRow(
                Markup.Escape($"{r.Question.Title} ({r.Question.Opens}..{r.Question.Closes})"),
                Markup.Escape($"{r.Published.By} ({r.Kind})"),
                r.Published.AsOf.ToString(),
                Forecaster.Pct(r.Published.Probability),
                Forecaster.Pct(r.Model),
                Markup.Escape(r.Outcome ? $"yes, {r.Question.Resolution!.EventId}" : "no"),
                r.Brier.ToString("0.000", inv),
                r.ModelBrier.ToString("0.000", inv));
        }

        console.Write(table);
        foreach (var (kind, totals) in comparison.ByKind.Where(k => k.Totals.Forecasts > 0))
        {
            console.MarkupLine(Markup.Escape($"{PublishedForecaster.Heading(kind)}: {Totals(totals)}"));
        }

        console.MarkupLine(Markup.Escape($"All published forecasts: {Totals(comparison.All)}"));
        var questions = new Table().Border(TableBorder.Rounded).Title("Per question (its forecasts' mean Brier)");
        questions.AddColumn("Question");
        questions.AddColumn(new TableColumn("Forecasts").RightAligned());
        questions.AddColumn(new TableColumn("Brier published").RightAligned());
        questions.AddColumn(new TableColumn("Brier model").RightAligned());
        foreach (var (q, t) in comparison.ByQuestion)
        {
            questions.AddRow(Markup.Escape(q.Title), t.Forecasts.ToString(inv), t.Brier.ToString("0.000", inv), t.ModelBrier.ToString("0.000", inv));
        }

        console.Write(questions);
        foreach (var reason in comparison.NotScored)
        {
            console.MarkupLine($"[yellow]Not scored:[/] {Markup.Escape(reason)}");
        }

        console.MarkupLine($"[grey]Brier: (p - outcome)², 0 best, 0.25 for always 50%. The model ({Markup.Escape(PublishedComparison.Model)}) is asked as of each published forecast's Korean date, knowing only the record up to then. " +
                           "The questions, forecasts and their source addresses: --format json, or data/questions/ in the source.[/]");

        static string Totals(PublishedTotals t) => string.Create(CultureInfo.InvariantCulture,
            $"{t.Forecasts} forecasts on {t.Questions} questions, Brier {t.Brier:0.000} published against {t.ModelBrier:0.000} for the model ({(t.ModelNoWorse ? "the model no worse" : "the model worse")}); " +
            $"each question weighed once, {t.BrierPerQuestion:0.000} against {t.ModelBrierPerQuestion:0.000} ({(t.ModelNoWorsePerQuestion ? "the model no worse" : "the model worse")}).") +
            Gaps(t);

        static string Gaps(PublishedTotals t) => t.Questions < 2 ? "" :
            $" The model's Brier minus the published: {Gap(t.GapPerForecast)} forecast by forecast, {Gap(t.GapPerQuestion)} each question weighed once (95% intervals, resampling questions); " +
            $"the model better on {t.ModelBetterOn} of {t.Questions} questions, worse on {t.ModelWorseOn}.";

        static string Gap(BrierGap g) => $"{Rendering.Signed(g.Estimate)} ({Rendering.Signed(g.Low)} to {Rendering.Signed(g.High)})";
    }

    private static string Interval(LeaderboardRow r) => r.VsAggregateInterval is { } i
        ? $" ({Rendering.Signed(i.Low)} to {Rendering.Signed(i.High)})"
        : "";

    private static Command Import(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "Question files (.json or .csv), as questions export writes them.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format", "-f") { Description = "json or csv (default: from the extension)." };
        format.AcceptOnlyFromAmong("json", "csv");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change without writing anything." };
        var command = new Command(
            "import",
            "Imports questions and forecasts, all the files in one transaction: a bad value is reported by file, line and field and nothing is written. Importing the same file twice changes nothing. " +
            "Exit code 0: imported; 2: imported, but some forecasts were not taken (listed); 1: nothing was written.")
        {
            files, format, dryRun,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var paths = parse.GetValue(files)!;
            var read = paths.Select(p => (Path: p, Contents: QuestionFiles.Read(p, parse.GetValue(format)))).ToList();
            var duplicate = read.SelectMany(r => r.Contents.Questions.Select(q => (r.Path, q.Id))).GroupBy(x => x.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InputException($"question '{duplicate.Key}' is in more than one file ({string.Join(", ", duplicate.Select(d => d.Path))}); nothing was written.", duplicate.Last().Path, field: "question");
            }

            var all = QuestionFiles.Contents.Merge(read.Select(r => r.Contents));
            var isDryRun = parse.GetValue(dryRun);
            var result = await new QuestionBook(store).ImportAsync(all, KoreanDate.Today(context.Clock), isDryRun, cancellationToken).ConfigureAwait(false);
            var s = result.Saved;
            context.Out.MarkupLine(
                $"{(isDryRun ? "Dry run, nothing was written: would import" : "Imported")} from {Rendering.Count(paths.Length, "file")}: questions {s.Questions.Added} added, {s.Questions.Updated} updated, {s.Questions.Unchanged} unchanged; " +
                $"forecasts {s.Forecasts.Added} added, {s.Forecasts.Updated} updated, {s.Forecasts.Unchanged} unchanged{(s.Withdrawn > 0 ? $", {s.Withdrawn} withdrawn" : "")}.");
            if (result.QuestionsAdded.Count > 0)
            {
                context.Out.MarkupLine($"{(isDryRun ? "Would add" : "Added")}: {Markup.Escape(string.Join(", ", result.QuestionsAdded.Take(QuestionFiles.MaxErrorsListed)))}{(result.QuestionsAdded.Count > QuestionFiles.MaxErrorsListed ? $" and {result.QuestionsAdded.Count - QuestionFiles.MaxErrorsListed} more" : "")}.");
            }

            if (result.QuestionsChanged.Count > 0)
            {
                context.Out.MarkupLine($"{(isDryRun ? "Would change" : "Changed")}:");
                List(context.Out, result.QuestionsChanged);
            }

            if (result.Model.Describe() is { } model)
            {
                context.Out.MarkupLine(Markup.Escape(model));
            }

            if (result.Replaced.Count > 0)
            {
                // Two files that disagree, imported one after the other: the last one wins, and says so.
                context.Out.MarkupLine($"[yellow]{(isDryRun ? "Would replace" : "Replaced")}:[/] {Rendering.Count(result.Replaced.Count, "stored forecast")} the file gives another value for:");
                List(context.Out, result.Replaced);
            }

            if (result.Withdrawn.Count > 0)
            {
                context.Out.MarkupLine($"[yellow]{(isDryRun ? "Would withdraw" : "Withdrew")}:[/] {Rendering.Count(result.Withdrawn.Count, "stored forecast")} the file says {(result.Withdrawn.Count == 1 ? "was" : "were")} withdrawn where it was exported (kept in the store, marked withdrawn):");
                List(context.Out, result.Withdrawn);
            }

            if (result.NotTaken.Count > 0)
            {
                context.Error.MarkupLine($"[yellow]Not taken:[/] {Rendering.Count(result.NotTaken.Count, "forecast")}, made when the answer was known or no day of the window was left (never to be scored), changing or withdrawing a scored forecast (which stays), or withdrawing one held here with another value; the rest of the file was taken:");
                List(context.Error, result.NotTaken);
            }

            if (!isDryRun && s.Questions.Added > 0 && all.Questions.Any(q => !all.Forecasts.Any(f => f.IsModel && f.QuestionId == q.Id)))
            {
                context.Out.MarkupLine("The model's forecasts on new questions the file gives none for are recorded by [bold]peninsula questions update[/] (from today; [bold]--from YYYY-MM-DD[/] back-fills earlier days).");
            }

            foreach (var d in result.Disagreements)
            {
                context.Error.MarkupLine($"[yellow]Resolution differs:[/] {Markup.Escape(d)}. Questions resolve from the record; check the question's filter and the record.");
            }

            // As 'import' does: a script can tell a file taken whole from one taken with rows left out.
            return result.NotTaken.Count > 0 ? 2 : 0;
        }, cancellationToken));
        return command;
    }

    private static void List(IAnsiConsole console, IReadOnlyList<string> lines)
    {
        foreach (var line in lines.Take(QuestionFiles.MaxErrorsListed))
        {
            console.MarkupLine($"  {Markup.Escape(line)}");
        }

        if (lines.Count > QuestionFiles.MaxErrorsListed)
        {
            console.MarkupLine($"  and {lines.Count - QuestionFiles.MaxErrorsListed} more.");
        }
    }

    private static Command Export(CliContext context)
    {
        var format = CommonOptions.Format("json", "json", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of the standard output (its extension, .json or .csv, sets the format unless --format is given)." };
        var command = new Command("export", "Writes every question with its forecasts and resolution, as JSON or CSV, for questions import elsewhere.") { format, output };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var path = parse.GetValue(output);
            var chosen = CommonOptions.ExportFormat(parse, format, path, "json", "csv");
            var (questions, forecasts) = await new QuestionBook(store).ExportAsync(cancellationToken).ConfigureAwait(false);
            CommonOptions.WriteExport(context, path, chosen == "csv" ? writer => QuestionFiles.WriteCsv(questions, forecasts, writer) : writer => QuestionFiles.WriteJson(questions, forecasts, writer),
                $"{Rendering.Count(questions.Count, "question")} and {Rendering.Count(forecasts.Count, "forecast")} as {chosen.ToUpperInvariant()}");
            return 0;
        }, cancellationToken));
        return command;
    }

    internal static string Status(Question q) => q.Resolution switch
    {
        { Outcome: true } r => $"yes ({r.On}, {r.EventId})",
        { Outcome: false } => "no",
        null => "open",
    };

    private static void RenderStatuses(IAnsiConsole console, IReadOnlyList<Question> questions, KoreanDate recordEnd)
    {
        foreach (var q in questions)
        {
            var line = q.Resolution switch
            {
                { Outcome: true } r => $"[green]yes[/] on {r.On}: {Markup.Escape(r.EventId ?? "")}",
                { Outcome: false } => $"[red]no[/]: nothing that counts from {q.Opens} to {q.Closes}",
                null when recordEnd < q.Closes && recordEnd >= q.Opens => $"open: the record ends on {recordEnd}, before the window closes on {q.Closes}",
                null when recordEnd < q.Opens => $"open: the window opens on {q.Opens}, after the record's end ({recordEnd})",
                null => "open",
            };
            console.MarkupLine($"{Markup.Escape(q.Id)}: {line}");
        }
    }

    private static void Render(IAnsiConsole console, QuestionBook.Details d)
    {
        var q = d.Question;
        Rendering.Heading(console, $"[bold]{Markup.Escape(q.Title)}[/]");
        console.MarkupLine($"Id: {Markup.Escape(q.Id)}");
        console.MarkupLine($"Counts: {Markup.Escape(q.Subject)} ({Markup.Escape(q.SubjectSlug)})");
        console.MarkupLine($"Window: {q.Opens} to {q.Closes} (Korean dates, inclusive)");
        if (q.Url is not null)
        {
            console.WriteLine($"Asked at: {q.Url}");
        }

        console.MarkupLine(q.Resolution switch
        {
            { Outcome: true } r => $"Resolved [green]yes[/] on {r.On}: {Markup.Escape(d.ResolvingEvent?.Title ?? r.EventId ?? "")} ({Markup.Escape(r.EventId ?? "")}; peninsula events show {Markup.Escape(r.EventId ?? "")})",
            { Outcome: false } => $"Resolved [red]no[/]: the record covers the window and holds nothing that counts.",
            null when d.RecordEnd < q.Closes => $"Open: the record ends on {d.RecordEnd}, before the window closes on {q.Closes}.",
            null => "Open.",
        });
        var counts = d.Forecasts.CountBy(f => f.By).ToDictionary(StringComparer.Ordinal);
        var latest = ExpertAggregate.Latest(d.Forecasts).Select(f => (Latest: f, Count: counts[f.By])).OrderBy(x => x.Latest.IsModel ? 0 : 1).ThenBy(x => x.Latest.By, StringComparer.Ordinal).ToList();
        if (latest.Count == 0)
        {
            var first = q.Opens.AddDays(-1) < Forecaster.FirstAsOf ? Forecaster.FirstAsOf : q.Opens.AddDays(-1);
            console.MarkupLine(first < q.Closes
                ? $"No forecasts yet. The model forecasts a window only from before it closes: to record its forecasts from {(first == q.Opens.AddDays(-1) ? "the day before the window opened" : $"{first}, the first date it forecasts as of")}, run [bold]peninsula questions update --question {Markup.Escape(q.Id)} --from {first}[/]."
                : $"No forecasts yet, and the model can give none: its forecasts start on {Forecaster.FirstAsOf}, and this window closed on {q.Closes}.");
            if (d.ModelNote is { } before)
            {
                console.MarkupLine($"[grey]Model: {Markup.Escape(before)}[/]");
            }

            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Forecaster");
        table.AddColumn(new TableColumn("Latest").RightAligned());
        table.AddColumn("As of (KST)");
        table.AddColumn(new TableColumn("Forecasts").RightAligned());
        foreach (var (f, count) in latest)
        {
            table.AddRow(Markup.Escape(f.By), Forecaster.Pct(f.Probability), f.EnteredLater ? $"{f.AsOf}, entered {f.CountsFrom}" : f.AsOf.ToString(), count.ToString(CultureInfo.InvariantCulture));
        }

        if (d.Aggregate is { } a)
        {
            table.AddRow("[bold]aggregate of the experts[/]", $"[bold]{Forecaster.Pct(a.Probability)}[/]", a.AsOf.ToString(), "");
        }

        console.Write(table);
        RenderExpertForecasts(console, d.Forecasts);
        if (d.ModelNote is { } note)
        {
            console.MarkupLine($"[grey]Model: {Markup.Escape(note)}[/]");
        }

        console.MarkupLine($"[grey]Aggregate: {Markup.Escape(ExpertAggregate.Rule)}.[/]");
        if (d.Aggregate is { } aggregate && ExpertAggregate.Beyond(aggregate, d.Forecasts) is { } beyond)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(beyond)}[/]");
        }

        if (d.Forecasts.Any(f => f.EnteredLater))
        {
            console.MarkupLine("[grey]A forecast entered after the day it gives counts from the day it was entered (it may know what happened in between), unless it carries the address where it was published; " +
                               (q.Resolution is null ? "the aggregate reads it from that day.[/]" : "one entered once the answer was known is shown but never scored.[/]"));
        }

        RenderScores(console, d);
    }

    /// <summary>
    /// Every expert's forecast, oldest first, with where it was published: the table above gives
    /// each forecaster's latest only. Shown when it adds something (a forecaster with more than one
    /// forecast, or one with an address); the model's daily forecasts are in <c>--format json</c>.
    /// </summary>
    private static void RenderExpertForecasts(IAnsiConsole console, IReadOnlyList<QuestionForecast> forecasts)
    {
        var experts = forecasts.Where(f => !f.IsModel).OrderBy(f => f.By, StringComparer.Ordinal).ThenBy(f => f.AsOf).ToList();
        if (!experts.GroupBy(f => f.By, StringComparer.Ordinal).Any(g => g.Count() > 1) && !experts.Any(f => f.Url is not null))
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Every expert forecast");
        table.AddColumn("Forecaster");
        table.AddColumn("As of (KST)");
        table.AddColumn(new TableColumn("Probability").RightAligned());
        table.AddColumn("Published at");
        foreach (var f in experts)
        {
            table.AddRow(Markup.Escape(f.By), f.EnteredLater ? $"{f.AsOf}, entered {f.CountsFrom}" : f.AsOf.ToString(), Forecaster.Pct(f.Probability), f.Url is null ? "-" : Markup.Escape(f.Url));
        }

        console.Write(table);
    }

    /// <summary>On a resolved question, each forecaster's score over the days its forecasts stood.</summary>
    private static void RenderScores(IAnsiConsole console, QuestionBook.Details d)
    {
        var scores = d.Scores;
        if (scores.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"Scores, over the days each forecast stood until the answer was known ({d.Question.AnswerKnownOn})");
        table.AddColumn("Forecaster");
        table.AddColumn("From (KST)");
        table.AddColumn(new TableColumn("Days").RightAligned());
        table.AddColumn(new TableColumn("Brier").RightAligned());
        table.AddColumn(new TableColumn("Log score").RightAligned());
        table.AddColumn(new TableColumn("Brier minus the aggregate's").RightAligned());
        foreach (var s in scores)
        {
            table.AddRow(Markup.Escape(s.By), s.From.ToString(), s.Days.ToString("N0", CultureInfo.InvariantCulture),
                s.Brier.ToString("0.000", CultureInfo.InvariantCulture), s.LogScore.ToString("0.000", CultureInfo.InvariantCulture),
                s.BrierVsAggregate is { } v ? $"{Rendering.Signed(v)} on {Rendering.Count(s.DaysWithAggregate, "day")}" : "-");
        }

        console.Write(table);
        console.MarkupLine("[grey]Each day from a forecaster's first forecast to the day before the answer was known is scored on the forecast standing that day; the leaderboard (peninsula questions leaderboard) averages these over the questions.[/]");
    }
}

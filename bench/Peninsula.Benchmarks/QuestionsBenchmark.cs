using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Import;
using Peninsula.Questions;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The model against the crowd on real, resolved forecasting questions about North Korea
/// (bench/questions-crowd/resolved-crowd.csv): each question resolved from the bundled record, the model
/// asked as of each crowd forecast's date (knowing only the record up to then), and the Brier score
/// of both, over the crowds' forecasts alone (the goal of issue 20) and over the statistical signals
/// apart, as <c>forecasters.csv</c> beside the file classes each forecaster; then the extremizing
/// factor of the experts' aggregate, chosen on past questions only. Run with <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- questions</c>.
/// </summary>
public static class QuestionsBenchmark
{
    public static string Run(string path)
    {
        var contents = QuestionFiles.Read(path);
        var kinds = ForecasterKinds.Read(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, ForecasterKinds.FileName), contents);
        var record = BundledRecord.Events;
        var end = BundledRecord.CoverageEndOf(record);
        var model = new QuestionModel(record);
        var rows = new List<(Question Q, QuestionForecast Crowd, double Model, bool Outcome)>();
        var skipped = new List<string>();
        foreach (var q in contents.Questions)
        {
            var inWindow = record.Where(e => e.Date >= q.Opens && e.Date <= q.Closes).ToList();
            if (q.Target is null)
            {
                skipped.Add($"{q.Id}: asks about a filter; the model forecasts only its targets");
                continue;
            }

            var resolution = QuestionResolver.Resolve(q, inWindow, end);
            if (resolution is null)
            {
                skipped.Add($"{q.Id}: open in the bundled record (it ends on {end})");
                continue;
            }

            var resolved = q with { Resolution = resolution };
            foreach (var crowd in contents.Forecasts.Where(f => f.QuestionId == q.Id && !f.IsModel))
            {
                var asked = resolved with { Resolution = resolution.Outcome && resolution.On <= crowd.AsOf ? null : resolution };
                var forecast = model.Forecast(asked with { Resolution = null }, crowd.AsOf);
                if (forecast is null)
                {
                    skipped.Add($"{q.Id} as of {crowd.AsOf}: the window had closed");
                    continue;
                }

                rows.Add((resolved, crowd, forecast.Probability, resolution.Outcome));
            }
        }

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("# The model against published forecasts on resolved questions about North Korea");
        text.AppendLine();
        text.AppendLine(inv, $"Questions from `{Path.GetFileName(path)}` ({contents.Questions.Count} questions, {contents.Forecasts.Count} published forecasts), resolved from the bundled record (to {end}); the model (`{Forecasting.RollingForecast.ForecastModel}`, read off its 7/30/90/365-day forecasts for the question's window) asked as of each published forecast's date. Crowds and statistical signals are scored apart (`forecasters.csv`). Brier: (p - outcome)², lower is better.");
        text.AppendLine();
        text.AppendLine("| Question | Window | Forecaster | As of | Published p | Model p | Outcome (record) | Stated | Brier published | Brier model |");
        text.AppendLine("|---|---|---|---|---:|---:|---|---|---:|---:|");
        foreach (var (q, crowd, p, outcome) in rows)
        {
            var stated = contents.StatedOutcomes.TryGetValue(q.Id, out var s) ? (s ? "yes" : "no") : "-";
            text.AppendLine(inv, $"| {q.Title} | {q.Opens}..{q.Closes} | {crowd.By} | {crowd.AsOf} | {crowd.Probability:0.000} | {p:0.000} | {(outcome ? "yes" : "no")} {q.Resolution!.EventId} | {stated} | {ProperScores.Brier(crowd.Probability, outcome):0.000} | {ProperScores.Brier(p, outcome):0.000} |");
        }

        text.AppendLine();
        if (rows.Count == 0)
        {
            text.AppendLine("No crowd forecast could be scored.");
        }
        else
        {
            var crowdBrier = rows.Average(r => ProperScores.Brier(r.Crowd.Probability, r.Outcome));
            var meanBrier = rows.Average(r => ProperScores.Brier((r.Crowd.Probability + r.Model) / 2, r.Outcome));
            foreach (var kind in ForecasterKinds.All)
            {
                var ofKind = rows.Where(r => kinds[r.Crowd.By] == kind).ToList();
                text.AppendLine(inv, $"**{ForecasterKinds.Heading(kind)}: {Summary(ofKind)}**");
                text.AppendLine();
            }

            text.AppendLine(inv, $"All published forecasts together: {Summary(rows)} Mean of the published probability and the model's, over all: Brier {meanBrier:0.000}.");
            foreach (var group in rows.GroupBy(r => r.Crowd.By, StringComparer.Ordinal))
            {
                text.AppendLine();
                text.AppendLine(inv, $"- {group.Key} ({kinds[group.Key]}): {group.Count()} forecasts on {group.Select(r => r.Q.Id).Distinct().Count()} questions, Brier {group.Average(r => ProperScores.Brier(r.Crowd.Probability, r.Outcome)):0.000}; the model on the same questions and dates {group.Average(r => ProperScores.Brier(r.Model, r.Outcome)):0.000}.");
            }

            text.AppendLine();
            text.AppendLine("Extremizing factor for the experts' aggregate (crowd forecasts extremized as sigmoid(a · logit p)), chosen on past questions only: each forecast is scored with the factor that did best on the forecasts whose questions had resolved before its date (none before the first: factor 1).");
            text.AppendLine();
            text.AppendLine("| Factor | Brier on all (hindsight) |");
            text.AppendLine("|---:|---:|");
            foreach (var a in ExpertAggregate.Factors)
            {
                text.AppendLine(inv, $"| {a:0.##} | {rows.Average(r => ProperScores.Brier(Extremize(r.Crowd.Probability, a), r.Outcome)):0.0000} |");
            }

            var resolved = rows.Select(r => (r.Crowd.Probability, r.Outcome, Known: r.Q.Resolution!.On)).ToList();
            var walk = rows.Select(r =>
            {
                var factor = ExpertAggregate.ChooseExtremizing(resolved, r.Crowd.AsOf);
                return (Factor: factor, Brier: ProperScores.Brier(Extremize(r.Crowd.Probability, factor), r.Outcome));
            }).ToList();
            var now = ExpertAggregate.ChooseExtremizing(resolved, new KoreanDate(DateOnly.MaxValue));
            text.AppendLine();
            text.AppendLine(inv, $"Chosen on past questions: Brier {walk.Average(w => w.Brier):0.0000} against {crowdBrier:0.0000} unextremized; factors used: {string.Join(", ", walk.GroupBy(w => w.Factor).OrderBy(g => g.Key).Select(g => $"{g.Key:0.##} ({g.Count()}x)"))}. " +
                                 $"Chosen on all of them, for questions asked from now on: {now:0.##}; the aggregate uses {ExpertAggregate.Extremizing:0.##}{(now == ExpertAggregate.Extremizing ? "" : " (stale: set ExpertAggregate.Extremizing to the choice)")}.");
        }

        if (skipped.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Not scored:");
            foreach (var s in skipped)
            {
                text.AppendLine("- " + s);
            }
        }

        return text.ToString();
    }

    private static double Extremize(double p, double a) => LogOdds.Extremize(p, a, ExpertAggregate.Floor);

    /// <summary>The Brier scores of the published forecasts and the model's on the same dates, and whether the model is no worse.</summary>
    private static string Summary(List<(Question Q, QuestionForecast Crowd, double Model, bool Outcome)> rows)
    {
        if (rows.Count == 0)
        {
            return "no forecasts.";
        }

        var published = rows.Average(r => ProperScores.Brier(r.Crowd.Probability, r.Outcome));
        var model = rows.Average(r => ProperScores.Brier(r.Model, r.Outcome));

        // Several dated forecasts on one question are not independent tests; weighing each question
        // once (its forecasts' scores averaged first) keeps a question asked often from deciding alone.
        var byQuestion = rows.GroupBy(r => r.Q.Id, StringComparer.Ordinal).ToList();
        var publishedPerQuestion = byQuestion.Average(g => g.Average(r => ProperScores.Brier(r.Crowd.Probability, r.Outcome)));
        var modelPerQuestion = byQuestion.Average(g => g.Average(r => ProperScores.Brier(r.Model, r.Outcome)));
        return string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} forecasts on {byQuestion.Count} questions, Brier of the published forecasts {published:0.000}, model {model:0.000}; model no worse: {(model <= published ? "met" : "not met")}. " +
            $"Each question weighed once: published {publishedPerQuestion:0.000}, model {modelPerQuestion:0.000}; model no worse: {(modelPerQuestion <= publishedPerQuestion ? "met" : "not met")}.");
    }
}

/// <summary>
/// Which published forecasters are crowds (people's forecasts pooled, or a market's price) and which
/// are statistical signals, read from <c>forecasters.csv</c> (columns <c>by</c>, <c>kind</c>, <c>what</c>)
/// beside the questions file. Issue 20's goal is about the crowds, so the benchmark scores them apart.
/// </summary>
internal static class ForecasterKinds
{
    public const string FileName = "forecasters.csv";

    public const string Crowd = "crowd";

    public const string Signal = "signal";

    public static IReadOnlyList<string> All { get; } = [Crowd, Signal];

    public static string Heading(string kind) => kind == Crowd
        ? "Crowds only (people's forecasts pooled, or a market's price), the goal of issue 20"
        : "Statistical signals (not crowds)";

    /// <summary>Each forecaster's kind; a forecaster of the questions file missing here, or an unknown kind, is an <see cref="InputException"/>.</summary>
    public static IReadOnlyDictionary<string, string> Read(string file, QuestionFiles.Contents contents)
    {
        if (!File.Exists(file))
        {
            throw new InputException($"there is no {FileName} beside the questions file; it says which forecaster is a crowd and which a signal (columns by, kind, what).", file);
        }

        using var text = File.OpenText(file);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(text, file, ["by", "kind", "what"]).Records)
        {
            var kind = r.Required("kind");
            if (!All.Contains(kind))
            {
                throw r.Error("kind", $"'{kind}' is not a kind of forecaster: use {string.Join(" or ", All)}.");
            }

            if (!kinds.TryAdd(r.Required("by"), kind))
            {
                throw r.Error("by", $"'{r.Required("by")}' is listed twice.");
            }
        }

        foreach (var by in contents.Forecasts.Select(f => f.By).Distinct(StringComparer.Ordinal))
        {
            if (!kinds.ContainsKey(by))
            {
                throw new InputException($"the forecaster '{by}' of the questions file is not listed; add a row saying whether it is a crowd or a signal.", file, field: "by");
            }
        }

        return kinds;
    }
}

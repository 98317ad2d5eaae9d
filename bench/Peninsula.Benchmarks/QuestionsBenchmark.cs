using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The model against the crowd on real, resolved forecasting questions about North Korea
/// (bench/questions-crowd/resolved-crowd.csv): each question resolved from the bundled record, the model
/// asked as of each crowd forecast's date (knowing only the record up to then), and the Brier score
/// of both; then the extremizing factor of the experts' aggregate, chosen on past questions only.
/// Run with <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- questions</c>.
/// </summary>
public static class QuestionsBenchmark
{
    public static string Run(string path)
    {
        var contents = QuestionFiles.Read(path);
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
        text.AppendLine(inv, $"Questions from `{Path.GetFileName(path)}` ({contents.Questions.Count} questions, {contents.Forecasts.Count} crowd forecasts), resolved from the bundled record (to {end}); the model (`{Forecasting.RollingForecast.ForecastModel}`, read off its 7/30/90/365-day forecasts for the question's window) asked as of each crowd forecast's date. Brier: (p - outcome)², lower is better.");
        text.AppendLine();
        text.AppendLine("| Question | Window | Crowd | As of | Crowd p | Model p | Outcome (record) | Stated | Brier crowd | Brier model |");
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
            var modelBrier = rows.Average(r => ProperScores.Brier(r.Model, r.Outcome));
            var meanBrier = rows.Average(r => ProperScores.Brier((r.Crowd.Probability + r.Model) / 2, r.Outcome));
            text.AppendLine(inv, $"**{rows.Count} forecasts on {rows.Select(r => r.Q.Id).Distinct().Count()} questions: Brier of the published forecasts {crowdBrier:0.000}, model {modelBrier:0.000}, mean of both {meanBrier:0.000}.** " +
                                 $"Model no worse than the published forecasts on these: {(modelBrier <= crowdBrier ? "met" : "not met")}.");
            foreach (var group in rows.GroupBy(r => r.Crowd.By, StringComparer.Ordinal))
            {
                text.AppendLine();
                text.AppendLine(inv, $"- {group.Key}: {group.Count()} forecasts, Brier {group.Average(r => ProperScores.Brier(r.Crowd.Probability, r.Outcome)):0.000}; the model on the same questions and dates {group.Average(r => ProperScores.Brier(r.Model, r.Outcome)):0.000}.");
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
}

using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Benchmarks;

/// <summary>
/// The model against the crowd on real, resolved forecasting questions about North Korea
/// (data/questions/resolved-crowd.csv, bundled with the library): <see cref="PublishedComparison"/>
/// on the bundled record and the newer edition of bench/forecast-newer, scored over the crowds' forecasts alone (the goal of issue 20) and over the
/// statistical signals apart, as <c>forecasters.csv</c> beside the file classes each forecaster; then
/// the extremizing factor of the experts' aggregate, chosen on past questions only. Run with
/// <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- questions</c>.
/// </summary>
public static class QuestionsBenchmark
{
    /// <summary>
    /// The newer edition of the reference tables (bench/forecast-newer: the ballistic launches of
    /// 2025-07-01 to its end, compiled from published reports for the forecast model's clean test),
    /// imported after the bundled record so that questions whose windows fall after 2025-06-30 are
    /// settled. The model asked as of an earlier date reads only the record up to that date, so the
    /// edition changes nothing for the questions the bundled record settles.
    /// </summary>
    private static readonly (Import.SourceImporter Importer, string File)[] NewerEdition =
    [
        (new Import.ReferenceMissilesImporter(), "missile-tests.csv"),
        (new Import.ReferenceProvocationsImporter(), "provocations.csv"),
    ];

    /// <summary>
    /// The comparison on the bundled record and the newer edition in a new SQLite store (a
    /// temporary file, deleted after): questions on an event filter need the store's search to read
    /// what the filter matches.
    /// </summary>
    private static async Task<PublishedComparison> Compare(PublishedForecasts published)
    {
        var folder = Path.Combine(Path.GetTempPath(), "peninsula-questions-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var store = Storage.SqliteEventStore.Open(Path.Combine(folder, "peninsula.db"));
            await Storage.EventStores.EnsureBundledRecordAsync(store);
            foreach (var (importer, file) in NewerEdition)
            {
                var path = Path.Combine(ClaimEvaluationRun.Root(), "bench", "forecast-newer", file);
                await store.ImportAsync(importer.Read(path), Import.ImportPolicy.Default, new Storage.ChangeOrigin("questions-bench", path), dryRun: false);
            }

            return await PublishedComparison.ComputeAsync(published, store);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string Run(string path)
    {
        var published = PublishedForecasts.Read(path);
        var contents = published.Contents;
        var comparison = Compare(published).GetAwaiter().GetResult();
        var end = comparison.RecordEnd;
        var rows = comparison.Rows;
        var skipped = comparison.NotScored;

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("# The model against published forecasts on resolved questions about North Korea");
        text.AppendLine();
        text.AppendLine(inv, $"Questions from `{Path.GetFileName(path)}` ({contents.Questions.Count} questions, {contents.Forecasts.Count} published forecasts), resolved from the bundled record (to 2025-06-30) and the newer edition of `bench/forecast-newer` (to {end}); the model (`{Forecasting.RollingForecast.ForecastModel}`, read off its 7/30/90/365-day forecasts for the question's window) asked as of each published forecast's date. Crowds and statistical signals are scored apart (`forecasters.csv`). Brier: (p - outcome)², lower is better.");
        text.AppendLine();
        text.AppendLine("| Question | Window | Forecaster | As of | Published p | Model p | Outcome (record) | Stated | Brier published | Brier model |");
        text.AppendLine("|---|---|---|---|---:|---:|---|---|---:|---:|");
        foreach (var r in rows)
        {
            var (q, crowd) = (r.Question, r.Published);
            var stated = r.Stated is { } s ? (s ? "yes" : "no") : "-";
            text.AppendLine(inv, $"| {q.Title} | {q.Opens}..{q.Closes} | {crowd.By} | {crowd.AsOf} | {crowd.Probability:0.000} | {r.Model:0.000} | {(r.Outcome ? "yes" : "no")} {q.Resolution!.EventId} | {stated} | {r.Brier:0.000} | {r.ModelBrier:0.000} |");
        }

        text.AppendLine();
        if (rows.Count == 0)
        {
            text.AppendLine("No crowd forecast could be scored.");
        }
        else
        {
            var crowdBrier = comparison.All.Brier;
            var meanBrier = rows.Average(r => ProperScores.Brier((r.Published.Probability + r.Model) / 2, r.Outcome));
            foreach (var (kind, totals) in comparison.ByKind)
            {
                text.AppendLine(inv, $"**{PublishedForecaster.Heading(kind)}: {Summary(totals)}**");
                text.AppendLine();
            }

            text.AppendLine(inv, $"All published forecasts together: {Summary(comparison.All)} Mean of the published probability and the model's, over all: Brier {meanBrier:0.000}.");
            foreach (var (by, kind, totals) in comparison.ByForecaster)
            {
                text.AppendLine();
                text.AppendLine(inv, $"- {by} ({kind}): {totals.Forecasts} forecasts on {totals.Questions} questions, Brier {totals.Brier:0.000}; the model on the same questions and dates {totals.ModelBrier:0.000}.");
            }

            text.AppendLine();
            text.AppendLine("Extremizing factor for the experts' aggregate (crowd forecasts extremized as sigmoid(a · logit p)), chosen on past questions only: each forecast is scored with the factor that did best on the forecasts whose questions had resolved before its date (none before the first: factor 1).");
            text.AppendLine();
            text.AppendLine("| Factor | Brier on all (hindsight) |");
            text.AppendLine("|---:|---:|");
            foreach (var a in ExpertAggregate.Factors)
            {
                text.AppendLine(inv, $"| {a:0.##} | {rows.Average(r => ProperScores.Brier(Extremize(r.Published.Probability, a), r.Outcome)):0.0000} |");
            }

            var resolved = rows.Select(r => (r.Published.Probability, r.Outcome, Known: r.Question.Resolution!.On)).ToList();
            var walk = rows.Select(r =>
            {
                var factor = ExpertAggregate.ChooseExtremizing(resolved, r.Published.AsOf);
                return (Factor: factor, Brier: ProperScores.Brier(Extremize(r.Published.Probability, factor), r.Outcome));
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
    private static string Summary(PublishedTotals t) => t.Forecasts == 0
        ? "no forecasts."
        : string.Create(CultureInfo.InvariantCulture,
            $"{t.Forecasts} forecasts on {t.Questions} questions, Brier of the published forecasts {t.Brier:0.000}, model {t.ModelBrier:0.000}; model no worse: {(t.ModelNoWorse ? "met" : "not met")}. " +
            $"Each question weighed once: published {t.BrierPerQuestion:0.000}, model {t.ModelBrierPerQuestion:0.000}; model no worse: {(t.ModelNoWorsePerQuestion ? "met" : "not met")}. " +
            $"Model minus published (95% interval, resampling questions): {t.GapPerForecast.Estimate:+0.000;-0.000} ({t.GapPerForecast.Low:+0.000;-0.000} to {t.GapPerForecast.High:+0.000;-0.000}) forecast by forecast, " +
            $"{t.GapPerQuestion.Estimate:+0.000;-0.000} ({t.GapPerQuestion.Low:+0.000;-0.000} to {t.GapPerQuestion.High:+0.000;-0.000}) each question weighed once; the model better on {t.ModelBetterOn} of {t.Questions} questions, worse on {t.ModelWorseOn}.");
}

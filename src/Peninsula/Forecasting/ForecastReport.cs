using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Forecasting;

/// <summary>
/// The committed track record: every target at every horizon backtested, written as Markdown with
/// one reliability diagram (SVG) per target. Regenerate with
/// <c>peninsula backtest --report docs/forecast-report.md</c>.
/// </summary>
public static class ForecastReport
{
    /// <summary>The first issue date of the report's backtests unless another is given.</summary>
    public static readonly KoreanDate DefaultFrom = new(2022, 1, 1);

    /// <summary>The issue's floor: a Brier score is judged only with at least this many events and this many non-events.</summary>
    internal const int MinimumCount = 10;

    /// <summary>
    /// The 95% interval of the forecast model's Brier score minus <paramref name="reference"/>'s on
    /// the same issue dates (<see cref="Scoring.BrierDifferenceInterval"/>).
    /// </summary>
    private static (double Low, double High) DifferenceInterval(BacktestResult r, string reference)
    {
        var chosen = IndexOf(r, r.ForecastModel);
        var other = IndexOf(r, reference);
        return Scoring.BrierDifferenceInterval(
            [.. r.Forecasts.Select(f => f.Probabilities[chosen])],
            [.. r.Forecasts.Select(f => f.Probabilities[other])],
            [.. r.Forecasts.Select(f => f.Happened)],
            r.BootstrapBlock);
    }

    private static int IndexOf(BacktestResult r, string model)
    {
        for (var i = 0; i < r.Scores.Count; i++)
        {
            if (r.Scores[i].Model == model)
            {
                return i;
            }
        }

        throw new ArgumentException($"No model {model} in the backtest of {r.Target.Slug} at {r.HorizonDays} days.", nameof(model));
    }

    /// <summary>
    /// The reference models of the issue's Brier target and of the selection rule
    /// (docs/forecast-selection.md): a model must do no worse than the best of them.
    /// </summary>
    internal static readonly IReadOnlyList<string> References = ["climatology", "recent-rate-365d", "hawkes"];

    /// <summary>Whether a target-horizon has enough events and non-events (<see cref="MinimumCount"/> each) for its Brier score to be judged.</summary>
    internal static bool IsJudged(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Positives >= MinimumCount && result.NonEvents >= MinimumCount;
    }

    /// <summary>The issue's calibration target: an ECE of at most 0.05 at 7 and 30 days, 0.10 at 90 and 365.</summary>
    public static double EceTarget(int horizon) => horizon <= 30 ? 0.05 : 0.10;

    private static readonly string[] HorizonColours = ["#1b6ca8", "#e07b00", "#2a9d3a", "#c0392b"];

    /// <summary>Runs every backtest and writes the report and its diagrams; returns the files written, the report first.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<Event> events, string path, KoreanDate from, KoreanDate to, int step = 7)
    {
        var data = ForecastData.Build(events, to.AddDays(ForecastTarget.Horizons.Max()));
        // A period shorter than the longest horizon (a newer edition of a few months, say) scores the horizons it can.
        var horizons = ForecastTarget.Horizons.Order().Where(h => Backtest.IsScorable(data, h, from, to)).ToList();
        if (horizons.Count == 0)
        {
            var shortest = ForecastTarget.Horizons.Min();
            throw new InputException(
                $"No forecast from {from} to {to} can be scored yet: the record ends on {data.DataEnd}, so the last issue date with a known {shortest}-day outcome is {data.DataEnd.AddDays(-shortest)}.",
                field: "--from");
        }

        var results = Backtest.RunAll(data, from, to, step, horizons);

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var imageFolderName = Path.GetFileNameWithoutExtension(path);
        var imageFolder = Path.Combine(folder, imageFolderName);
        Directory.CreateDirectory(imageFolder);
        var written = new List<string> { path };
        foreach (var target in ForecastTarget.All)
        {
            var file = Path.Combine(imageFolder, $"reliability-{target.Slug}.svg");
            File.WriteAllText(file, ReliabilitySvg(target, [.. results.Where(r => r.Target == target)]));
            written.Add(file);
        }

        File.WriteAllText(path, Markdown(results, data, from, to, step, imageFolderName, path));
        return written;
    }

    /// <summary>The report as Markdown; <paramref name="path"/> is where it is written, relative to the repository's root (links are made relative to its folder).</summary>
    internal static string Markdown(IReadOnlyList<BacktestResult> results, ForecastData data, KoreanDate from, KoreanDate to, int step, string imageFolder, string path = "docs/forecast-report.md")
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Link(string file) => Path.GetRelativePath(folder, Path.GetFullPath(file)).Replace('\\', '/');
        var afterBundled = data.DataEnd > BundledRecord.CoverageEnd;
        var cleanTest = from > BundledRecord.CoverageEnd;
        var command = $"peninsula backtest --report {path.Replace('\\', '/')} --from {from} --to {to}";
        var text = new StringBuilder();
        void Line(string s = "") => text.Append(s).Append('\n');
        Line("# Forecast track record");
        Line();
        Line(afterBundled
            ? Invariant($"Generated by `{command}` on a store holding the bundled record, which ends on {BundledRecord.CoverageEnd}, and North Korean actions imported after it (data up to {data.DataEnd}). Do not edit by hand.")
            : Invariant($"Generated by `{command}` on the bundled record (data up to {data.DataEnd}). Do not edit by hand."));
        Line();
        Line(Invariant($"Rolling origin: a forecast is issued every {step} days from {from}, each model refitted as of its issue date with only the record known by then (North Korean actions dated on or before it; exercises, visits and summits from their announcement, start minus {ForecastData.ExerciseAnnouncementLeadDays}, {ForecastData.VisitAnnouncementLeadDays} and {ForecastData.SummitAnnouncementLeadDays} days). A forecast is scored once its outcome is known, so the last issue date is the end of the record minus the horizon."));
        Line();
        Line(Invariant($"**The forecast model** (`{RollingForecast.ForecastModel}`) is the `change-point-by-class` model: Bayesian online change-point detection on the daily series of event days (the tempo of the current regime, allowing for a new regime within the horizon), averaged over regimes lasting one, three and ten years on average, each weighted by how well it explains the target's own record up to the issue date. It is kept within {RollingForecast.Floor:0.0%} .. {1 - RollingForecast.Floor:0.0%} (every target is physically possible; below one in a thousand is below what the record can tell apart) and raised to its forecast at any shorter horizon; while a plan announced in public is active (a notified satellite-launch window or a launch month announced by North Korea, [data/plans/announced.csv]({Link("data/plans/announced.csv")})) the plan is added as an independent way for the event to come, as the questions read it ([forecast-selection.md]({Link("docs/forecast-selection.md")}), \"Round 3 in the fixed horizons\"; every other model here is plan-free). It was chosen in the second round of selection, by rules written before any of its candidates ran ([forecast-selection.md]({Link("docs/forecast-selection.md")}), \"Round 2\"), on weekly issue dates 2010-2021 only ([bench/results/forecast-selection.md]({Link("bench/results/forecast-selection.md")})). {(cleanTest
            ? $"That round was designed knowing the first round's results on 2022-2025; this period starts after the bundled record's end ({BundledRecord.CoverageEnd}), so no choice of either round was designed on it: it is the clean test of the model as chosen ([forecast-selection.md]({Link("docs/forecast-selection.md")}), \"The clean test still to come\")."
            : "That round was designed knowing the first round's results on 2022-2025 (the `change-point` model, round one's choice, is the last Brier and ECE columns of the first table), so this period is not a clean test of the idea; its settings were fixed before the run and nothing here was tuned on 2022-2025.")} Every candidate of the selection rounds (those of rounds 4 and 5, which the rule did not choose, included) and the forecast model of before issue 20 (`pool-shrunk`) are scored below beside it."));
        Line();
        var scoresBlocks = results.Any(r => r.HorizonDays == 365)
            ? "blocks as long as the horizon in issue dates, at least 4; 2,000 resamples, seeded; at 365 days a 3.5-year period holds only about three independent outcomes, so those intervals say little"
            : "blocks as long as the horizon in issue dates, at least 4; 2,000 resamples, seeded; a period of months holds only a few independent outcomes at 30 and 90 days, so those intervals say little";
        Line($"**Scores.** Brier score (mean squared error of the probability, lower is better); log loss (natural log); Brier skill score (BSS) against climatology, the expanding base rate since 1984, with a 95% moving-block bootstrap interval ({scoresBlocks}); expected calibration error (ECE) over ten equal bins; sharpness (standard deviation of the forecasts).");
        var unscored = ForecastTarget.Horizons.Where(h => results.All(r => r.HorizonDays != h)).ToList();
        if (unscored.Count > 0)
        {
            Line();
            Line(Invariant($"**Not scored**: {string.Join(" and ", unscored.Select(h => $"{h} days"))}. The record ends on {data.DataEnd}, so the last issue date with a known outcome at {(unscored.Count == 1 ? "that horizon" : "those horizons")} ({string.Join(", ", unscored.Select(h => data.DataEnd.AddDays(-h).ToString()))}) comes before the first, {from}: the period is too short to say anything there."));
        }

        Line();
        Line("## The forecast model against the simple models");
        Line();
        Line(Invariant($"The issue's targets: on every target-horizon with at least {MinimumCount} events and {MinimumCount} non-events, a Brier score no worse than the best of climatology, the 365-day rate and Hawkes; an ECE of at most {EceTarget(7):0.00} at 7 and 30 days and {EceTarget(90):0.00} at 90 and 365 days. \"Best\" is the lowest Brier score of the five models in the row; rows marked *few* have fewer than {MinimumCount} events or non-events, too few to judge a Brier score by."));
        Line();
        string[] compared = [RollingForecast.ForecastModel, "climatology", "recent-rate-365d", "hawkes", "change-point"];
        Line("| target | horizon | events | non-events | Brier: forecast model | climatology | 365-day rate | Hawkes | change-point | best | ECE: forecast model | climatology | 365-day rate | Hawkes | change-point | Brier target | ECE target |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        var brierMisses = new List<string>();
        var clearMisses = new List<string>();
        var eceMisses = new List<string>();
        var eligible = 0;
        foreach (var r in results)
        {
            ModelScore Of(string model) => r.Scores.First(s => s.Model == model);
            var chosen = r.Chosen;
            var nonEvents = r.NonEvents;
            var few = !IsJudged(r);
            var bestReference = References.MinBy(m => Of(m).Brier)!;
            var best = compared.MinBy(m => Of(m).Brier)!;
            var margin = chosen.Brier - Of(bestReference).Brier;
            string brierVerdict;
            if (few)
            {
                brierVerdict = "few";
            }
            else
            {
                eligible++;
                var (low, high) = DifferenceInterval(r, bestReference);
                brierVerdict = margin <= 1e-12 ? "met" : Invariant($"**missed** by {margin:0.0000} ({bestReference}; 95% interval {low:+0.0000;-0.0000} to {high:+0.0000;-0.0000})");
                if (margin > 1e-12)
                {
                    brierMisses.Add(Invariant($"{r.Target.Slug} {r.HorizonDays} ({chosen.Brier:0.0000} against {bestReference} {Of(bestReference).Brier:0.0000}, {margin:+0.0000})"));
                    if (low > 0)
                    {
                        clearMisses.Add(Invariant($"{r.Target.Slug} {r.HorizonDays}"));
                    }
                }
            }

            var eceTarget = EceTarget(r.HorizonDays);
            var eceVerdict = chosen.Ece <= eceTarget ? "met" : Invariant($"**missed** by {chosen.Ece - eceTarget:0.000}");
            if (chosen.Ece > eceTarget)
            {
                eceMisses.Add(Invariant($"{r.Target.Slug} {r.HorizonDays} ({chosen.Ece:0.000} against {eceTarget:0.00})"));
            }

            var name = few ? $"{r.Target.Slug} (*few*)" : r.Target.Slug;
            Line(Invariant($"| {name} | {r.HorizonDays} | {r.Positives} | {nonEvents} | {string.Join(" | ", compared.Select(m => Of(m).Brier.ToString("0.0000", CultureInfo.InvariantCulture)))} | {(best == RollingForecast.ForecastModel ? "forecast model" : best)} | {string.Join(" | ", compared.Select(m => Of(m).Ece.ToString("0.000", CultureInfo.InvariantCulture)))} | {brierVerdict} | {eceVerdict} |"));
        }

        Line();
        // The wall time changes from run to run, so it is not written here: the command prints it, and the forecast-speed bench measures it.
        Line($"**Speed**: the wall time of this backtest is printed by the command that writes this file and measured by `dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-speed` ([bench/results/forecast-speed.md]({Link("bench/results/forecast-speed.md")})); it is not written here so that this file changes only when the forecasts do.");
        Line();
        Line(Invariant($"**Brier target**: met on {eligible - brierMisses.Count} of the {eligible} target-horizons with at least {MinimumCount} events and {MinimumCount} non-events{(brierMisses.Count == 0 ? "." : "; missed on " + string.Join(", ", brierMisses) + ".")}"));
        if (brierMisses.Count > 0)
        {
            Line();
            Line(Invariant($"**How sure each miss is**: the interval beside each miss is a 95% moving-block bootstrap interval of the forecast model's Brier score minus the best reference's, on the same issue dates (the blocks of the BSS intervals). {(clearMisses.Count == 0 ? "Every miss's interval reaches zero or below: none is larger than the luck of the period can explain." : $"{clearMisses.Count} of the {brierMisses.Count} misses have an interval above zero, a gap the luck of the period does not explain: {string.Join(", ", clearMisses)}; the other {brierMisses.Count - clearMisses.Count} reach zero or below, so the period cannot tell them from a tie.")} The target is judged on the scores as measured, not on these intervals."));
        }
        Line();
        Line(Invariant($"**ECE target**: met on {results.Count - eceMisses.Count} of {results.Count} target-horizons{(eceMisses.Count == 0 ? "." : "; missed on " + string.Join(", ", eceMisses) + ".")}"));
        Line();
        foreach (var target in ForecastTarget.All)
        {
            Line(Invariant($"## {target.Slug}: {target.Description}"));
            Line();
            Line(Invariant($"![Reliability of the forecast model for {target.Slug}]({imageFolder}/reliability-{target.Slug}.svg)"));
            Line();
            foreach (var r in results.Where(r => r.Target == target))
            {
                Line(Invariant($"**{r.HorizonDays} days**: {r.Scores[0].N} forecasts from {r.FirstIssue} to {r.LastIssue}, followed by the target {r.Positives} times."));
                Line();
                Line("| model | Brier | log loss | BSS (95% interval) | ECE | sharpness |");
                Line("| --- | ---: | ---: | --- | ---: | ---: |");
                foreach (var s in r.Scores)
                {
                    var name = s.Model == r.ForecastModel ? $"**{s.Model}**" : s.Model;
                    var skill = s.Model == "climatology" ? "0 (reference)" : Invariant($"{s.Bss:0.000} ({s.BssLow:0.000} to {s.BssHigh:0.000})");
                    Line(Invariant($"| {name} | {s.Brier:0.0000} | {s.LogLoss:0.000} | {skill} | {s.Ece:0.000} | {s.Sharpness:0.000} |"));
                }

                Line();
                var bins = r.Chosen.Reliability.Where(b => b.Count > 0).Select(b => Invariant($"{b.Low:0.0}-{b.High:0.0}: {b.Count} at {b.MeanForecast:0.000}, observed {b.Observed:0.000}"));
                Line($"Reliability of the forecast model (bin: forecasts at mean probability, observed frequency): {string.Join("; ", bins)}.");
                Line();
            }
        }

        return text.ToString();
    }

    /// <summary>A reliability diagram: the forecast model's observed frequency against its mean forecast per bin, one line per horizon, dot area by the number of forecasts.</summary>
    internal static string ReliabilitySvg(ForecastTarget target, IReadOnlyList<BacktestResult> results)
    {
        const double size = 360, left = 60, top = 40, width = 460, height = 490;
        double X(double p) => left + (p * size);
        double Y(double p) => top + size - (p * size);
        var svg = new StringBuilder();
        void Add(string s) => svg.Append(s).Append('\n');
        Add(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        Add(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"));
        Add(Invariant($"<text x=\"{left}\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Reliability: {Escape(target.Slug)} ({RollingForecast.ForecastModel})</text>"));
        for (var i = 0; i <= 10; i++)
        {
            var v = i / 10.0;
            Add(Invariant($"<line x1=\"{X(v):0.#}\" y1=\"{Y(0):0.#}\" x2=\"{X(v):0.#}\" y2=\"{Y(1):0.#}\" stroke=\"#eee\"/>"));
            Add(Invariant($"<line x1=\"{X(0):0.#}\" y1=\"{Y(v):0.#}\" x2=\"{X(1):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#eee\"/>"));
            if (i % 2 == 0)
            {
                Add(Invariant($"<text x=\"{X(v):0.#}\" y=\"{Y(0) + 16:0.#}\" text-anchor=\"middle\">{v:0.0}</text>"));
                Add(Invariant($"<text x=\"{X(0) - 6:0.#}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\">{v:0.0}</text>"));
            }
        }

        Add(Invariant($"<rect x=\"{X(0)}\" y=\"{Y(1)}\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#888\"/>"));
        Add(Invariant($"<line x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\" stroke=\"#888\" stroke-dasharray=\"4 4\"/>"));
        Add(Invariant($"<text x=\"{X(0.5):0.#}\" y=\"{Y(0) + 34:0.#}\" text-anchor=\"middle\">mean forecast probability (bin)</text>"));
        Add(Invariant($"<text transform=\"translate(18 {Y(0.5):0.#}) rotate(-90)\" text-anchor=\"middle\">observed frequency</text>"));
        for (var k = 0; k < results.Count; k++)
        {
            var r = results[k];
            var colour = HorizonColours[k % HorizonColours.Length];
            var bins = r.Chosen.Reliability.Where(b => b.Count > 0).ToList();
            var points = string.Join(" ", bins.Select(b => Invariant($"{X(b.MeanForecast):0.#},{Y(b.Observed):0.#}")));
            Add(Invariant($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>"));
            foreach (var b in bins)
            {
                var radius = 2 + (6 * Math.Sqrt((double)b.Count / Math.Max(1, r.Chosen.N)));
                Add(Invariant($"<circle cx=\"{X(b.MeanForecast):0.#}\" cy=\"{Y(b.Observed):0.#}\" r=\"{radius:0.#}\" fill=\"{colour}\" fill-opacity=\"0.7\"><title>{r.HorizonDays} days, bin {b.Low:0.0}-{b.High:0.0}: {b.Count} forecasts, mean {b.MeanForecast:0.000}, observed {b.Observed:0.000}</title></circle>"));
            }

            var legendY = Y(0) + 56 + (k / 2 * 18);
            var legendX = left + (k % 2 * 180);
            Add(Invariant($"<rect x=\"{legendX}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>"));
            Add(Invariant($"<text x=\"{legendX + 14}\" y=\"{legendY}\">{r.HorizonDays} days (ECE {r.Chosen.Ece:0.000})</text>"));
        }

        Add("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}

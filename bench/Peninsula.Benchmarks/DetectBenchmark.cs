using System.Diagnostics;
using System.Globalization;
using System.Text;
using Peninsula.Detection;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// <c>detect [ARCHIVE.json ...] [--output FILE]</c>: runs detection over a real KCNA archive
/// (by default the files under <c>bench/detect/archive/</c>, which <c>bench/detect/fetch.sh</c>
/// downloads) and scores it against the bundled record's launch days of the archive's period:
/// recall of ballistic, cruise and satellite launch days (one day either side), precision of the
/// launch proposals, class accuracy, the median lag from event to first document, and the time
/// of 10,000 documents on one thread.
/// </summary>
internal static class DetectBenchmark
{
    private const int TimedDocuments = 10_000;

    public static int Run(string[] args)
    {
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();
        var files = args.Skip(1).TakeWhile(a => a != "--output").ToList();
        if (files.Count == 0)
        {
            var folder = Path.Combine(ClaimEvaluationRun.Root(), "bench", "detect", "archive");
            files = Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)] : [];
        }

        if (files.Count == 0)
        {
            Console.Error.WriteLine("No KCNA archive to read: run 'bash bench/detect/fetch.sh' first (it downloads the public archive into bench/detect/archive/), or name archive files: detect FILE.json ...");
            return 1;
        }

        var report = Report(files);
        if (output is null)
        {
            Console.Write(report);
        }
        else
        {
            File.WriteAllText(output, report);
            Console.Error.WriteLine($"Wrote {output}.");
        }

        return 0;
    }

    private static string Report(IReadOnlyList<string> files)
    {
        var (documents, warnings) = DetectionInput.Read(files, null);
        var withText = documents.Where(d => d.Body.Length > 0).ToList();
        var (from, to) = DensePeriod(withText.Select(d => d.Published));
        var inPeriod = withText.Where(d => d.Published >= from && d.Published <= to.AddDays(EventDetector.FollowUpDays)).ToList();
        var record = BundledRecord.Events;
        var reference = record
            .Where(e => e.Kind == EventKind.MissileLaunch && e.Class is { } c && (Taxonomy.BallisticClasses.Contains(c) || c == "cruise") && e.Date >= from && e.Date <= to)
            .ToList();
        var referenceDays = reference.GroupBy(e => e.Date).OrderBy(g => g.Key).ToList();

        var detector = new EventDetector(record);
        var proposals = detector.Detect(inPeriod).Where(p => p.Date >= from.AddDays(-1) && p.Date <= to.AddDays(1)).ToList();
        var launches = proposals.Where(p => p.Kind == EventKind.MissileLaunch).ToList();

        bool Near(KoreanDate a, KoreanDate b) => Math.Abs(a.DaysSince(b)) <= EventDetector.ToleranceDays;
        var recalled = referenceDays.Where(day => launches.Any(p => Near(p.Date, day.Key))).ToList();
        var correct = launches.Where(p => reference.Any(e => Near(e.Date, p.Date))).ToList();
        // Precision of launch days: proposals a day or less apart are one proposed day.
        var proposedDays = launches.Select(p => p.Date).Distinct().Order().Aggregate(new List<KoreanDate>(), (days, d) =>
        {
            if (days.Count == 0 || d.DaysSince(days[^1]) > EventDetector.ToleranceDays)
            {
                days.Add(d);
            }

            return days;
        });
        var rightDays = proposedDays.Count(d => reference.Any(e => Near(e.Date, d)));
        var classed = correct.Where(p => p.Class is not null).ToList();
        var rightClass = classed.Count(p => reference.Any(e => Near(e.Date, p.Date) && e.Class == p.Class));
        var lags = recalled.Select(day => launches.Where(p => Near(p.Date, day.Key)).SelectMany(p => p.Documents).Min(d => d.Published).DaysSince(day.Key)).Order().ToList();

        // Time: the archive's documents cycled to 10,000 (new ids), detected on this thread.
        var timed = Enumerable.Range(0, TimedDocuments).Select(i => withText[i % withText.Count] with { Id = $"{withText[i % withText.Count].Id}-{i}" }).ToList();
        detector.Detect(timed.Take(200));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var timedProposals = detector.Detect(timed).Count;
        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

        var recall = Ratio(recalled.Count, referenceDays.Count);
        var precision = Ratio(rightDays, proposedDays.Count);
        var classAccuracy = Ratio(rightClass, classed.Count);
        var text = new StringBuilder();
        string F(double? x) => x is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        string Met(double? x, double goal) => x is { } v && v >= goal ? "met" : "not met";
        text.AppendLine(CultureInfo.InvariantCulture, $"# Detection on a real KCNA archive");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect` over {string.Join(", ", files.Select(Path.GetFileName))}: {documents.Count:N0} stories with text ({warnings.Count} rows without text left out); the archive is dense from {from} to {to} (Korean dates), the period scored. Reference: the bundled record's ballistic, cruise and satellite launches in that period, {referenceDays.Count} launch days; a proposal is right when a record launch lies within one day of it.");
        text.AppendLine();
        text.AppendLine("| Measure | Value | Target |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Recall of reference launch days (±1 day) | {F(recall)} ({recalled.Count} of {referenceDays.Count}) | ≥ 0.9: {Met(recall, 0.9)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Precision of proposed launch days | {F(precision)} ({rightDays} of {proposedDays.Count} days; {correct.Count} of {launches.Count} proposals) | ≥ 0.9: {Met(precision, 0.9)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Class accuracy of right proposals with a class | {F(classAccuracy)} ({rightClass} of {classed.Count}; {correct.Count - classed.Count} without a class) | ≥ 0.8: {Met(classAccuracy, 0.8)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Median lag, event to first document | {(lags.Count == 0 ? "n/a" : $"{lags[lags.Count / 2]} days")} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {TimedDocuments:N0} documents through detection, one thread | {clock.Elapsed.TotalSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU ({timedProposals} proposals) | < 10 s: {(clock.Elapsed.TotalSeconds < 10 ? "met" : "not met")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Nuclear-test proposals (the record has none in the period) | {proposals.Count(p => p.Kind == EventKind.NuclearTest)} | 0 |");
        text.AppendLine();
        text.AppendLine("## Reference launch days");
        text.AppendLine();
        text.AppendLine("| Korean date | Record events | Proposed | Proposal's class | First document |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var day in referenceDays)
        {
            var p = launches.Where(p => Near(p.Date, day.Key)).OrderBy(p => Math.Abs(p.Date.DaysSince(day.Key))).FirstOrDefault();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {day.Key} | {string.Join(", ", day.Select(e => e.Id))} | {(p is null ? "no" : $"yes, {p.Date}")} | {p?.Class ?? "-"} | {(p is null ? "-" : p.Documents.Min(d => d.Published).ToString())} |");
        }

        text.AppendLine();
        text.AppendLine("## Launch proposals no record launch supports");
        text.AppendLine();
        text.AppendLine("| Proposed date | Class | Documents | Headline of the first |");
        text.AppendLine("|---|---|---|---|");
        foreach (var p in launches.Except(correct))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Date} | {p.Class ?? "-"} | {p.Documents.Count} | {p.Documents[0].Title.Replace('|', '/')} |");
        }

        text.AppendLine();
        text.AppendLine("Only dates, classes, record ids and KCNA headlines are committed here; the stories themselves are not (see bench/detect/README.md).");
        return text.ToString();
    }

    /// <summary>The longest run of days in which the archive never goes more than three days without a story.</summary>
    private static (KoreanDate From, KoreanDate To) DensePeriod(IEnumerable<KoreanDate> dates)
    {
        var days = dates.Distinct().Order().ToList();
        var best = (From: days[0], To: days[0]);
        var start = days[0];
        for (var i = 1; i < days.Count; i++)
        {
            if (days[i].DaysSince(days[i - 1]) > 3)
            {
                start = days[i];
            }

            if (days[i].DaysSince(start) > best.To.DaysSince(best.From))
            {
                best = (start, days[i]);
            }
        }

        return best;
    }

    private static double? Ratio(int n, int of) => of == 0 ? null : (double)n / of;
}

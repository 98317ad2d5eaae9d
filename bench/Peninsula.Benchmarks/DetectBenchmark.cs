using System.Diagnostics;
using System.Globalization;
using System.Text;
using Peninsula.Claims;
using Peninsula.Detection;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// <c>detect [ARCHIVE ...] [--output FILE]</c>: runs detection over real archives and scores each,
/// and all together, against the bundled record's launch days: recall of ballistic, cruise and
/// satellite launch days (one day either side), precision of the launch proposals, class
/// accuracy, the median lag from event to first document, and the time of 10,000 documents on
/// one thread. An archive is a KCNA archive or feed file (a stream of news, scored over its dense
/// period) or a folder of real-set documents (<c>bench/claims-real/documents</c>: government
/// statements, each scored over the days it could report). By default: every file under
/// <c>bench/detect/archive/</c> (which <c>bench/detect/fetch.sh</c> fills) and the real set.
/// Proposals the record does not support but <c>bench/detect/record-gaps.csv</c> names (real
/// events the record lacks, with their source) are shown as record gaps, and every figure is
/// given both against the record alone and with those gaps counted as right. Recall is given
/// twice: of every record launch day (the issue's target) and of the launch days the archive
/// reports, as <c>bench/detect/reported-days.csv</c> labels them (how well the reader reads what
/// the sources carry).
/// </summary>
internal static class DetectBenchmark
{
    private const int TimedDocuments = 10_000;

    public static int Run(string[] args)
    {
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();
        var paths = args.Skip(1).TakeWhile(a => a != "--output").ToList();
        var root = ClaimEvaluationRun.Root();
        if (paths.Count == 0)
        {
            var folder = Path.Combine(root, "bench", "detect", "archive");
            paths = Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)] : [];
            if (paths.Count == 0)
            {
                Console.Error.WriteLine("No KCNA archive under bench/detect/archive/: run 'bash bench/detect/fetch.sh' first (it downloads the public archive, or copies it from a local mirror). Scoring the real set only.");
            }

            paths.Add(Path.Combine(root, "bench", "claims-real", "documents"));
        }

        var gaps = RecordGap.Read(Path.Combine(root, "bench", "detect", "record-gaps.csv"));
        var reported = ReportedDay.Read(Path.Combine(root, "bench", "detect", "reported-days.csv"));
        var archives = paths.Select(Archive.Read).ToList();
        var report = Report(archives, gaps, reported);
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

    private static string Report(IReadOnlyList<Archive> archives, IReadOnlyList<RecordGap> gaps, IReadOnlyList<ReportedDay> reported)
    {
        var record = BundledRecord.Events;
        var detector = new EventDetector(record);
        var scores = archives.Select(a => Score.Of(a, detector, record, gaps, reported)).ToList();
        foreach (var s in scores.Where(s => s.Unlabelled.Count > 0))
        {
            Console.Error.WriteLine($"bench/detect/reported-days.csv has no label for {s.Unlabelled.Count} launch days of {s.Archive.Name} ({string.Join(", ", s.Unlabelled)}): they count as not reported. Label them by the rule in bench/detect/README.md.");
        }

        // Time: the documents of every archive of whole stories cycled to 10,000 (new ids), detected
        // on this thread; an archive of headlines alone would make the figure a flattering one.
        var all = archives.Where(a => !a.HeadlinesOnly).SelectMany(a => a.Documents).ToList();
        all = all.Count > 0 ? all : [.. archives.SelectMany(a => a.Documents)];
        var timed = Enumerable.Range(0, TimedDocuments).Select(i => all[i % all.Count] with { Id = $"{all[i % all.Count].Id}-{i}" }).ToList();
        detector.Detect(timed.Take(200));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var timedProposals = detector.Detect(timed).Count;
        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

        var text = new StringBuilder();
        text.AppendLine("# Detection on real archives");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect --output bench/results/detect.md` over {archives.Count} archives (bench/detect/README.md says where each comes from). Reference: the bundled record's ballistic, cruise and satellite launch days in the days each archive covers; a proposal is right when a record launch lies within one day of it. A proposal the record does not support but `bench/detect/record-gaps.csv` names, with its source, is a real event the record lacks: each figure is given against the record alone and, after the slash, with those record gaps counted as right.");
        text.AppendLine();
        text.AppendLine("Recall is given twice. **Recall (±1 day)** is of every record launch day in the archive's days, reported or not: the issue's target is judged on it. **Recall of reported days** is of the launch days the archive reports, as `bench/detect/reported-days.csv` labels them (a document from the day before to the day after the launch that says North Korea launched or fired it; labelled by searching the archives, not by the reader): it says how well the reader reads what the sources carry, and a source that never reports a launch cannot lower it.");
        text.AppendLine();
        text.AppendLine("| Archive | Documents | Days scored | Launch days | Recall (±1 day) | Reported launch days | Recall of reported days | Precision of proposed days | Class accuracy | Median lag |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in scores)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Archive.Name} | {s.Archive.Documents.Count:N0} | {s.Archive.Covered} | {s.ReferenceDays.Count} | {Figure(s.Recalled.Count, s.ReferenceDays.Count)} | {s.Reported.Count} | {Figure(s.RecalledReported, s.Reported.Count)} | {Figure(s.RightDays, s.ProposedDays.Count)} / {Figure(s.RightDays + s.GapDays.Count, s.ProposedDays.Count)} | {Figure(s.RightClass, s.Classed)} / {Figure(s.RightClass + s.GapClass, s.Classed + s.GapClassed)} | {Median(s.Lags)} |");
        }

        var total = Score.Sum(scores);
        text.AppendLine(CultureInfo.InvariantCulture, $"| **All** | {archives.Sum(a => a.Documents.Count):N0} | | {total.ReferenceDays} | {Figure(total.Recalled, total.ReferenceDays)} | {total.Reported} | {Figure(total.RecalledReported, total.Reported)} | {Figure(total.RightDays, total.ProposedDays)} / {Figure(total.RightDays + total.GapDays, total.ProposedDays)} | {Figure(total.RightClass, total.Classed)} / {Figure(total.RightClass + total.GapClass, total.Classed + total.GapClassed)} | {Median(total.Lags)} |");
        text.AppendLine();
        text.AppendLine("| Target (all archives) | Value | Met |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Recall of launch days ≥ 0.9 (every record launch day: the issue's target) | {F(Ratio(total.Recalled, total.ReferenceDays))} | {Met(Ratio(total.Recalled, total.ReferenceDays), 0.9)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Recall of the launch days the archives report (not the issue's target: the reader on what the sources carry) | {F(Ratio(total.RecalledReported, total.Reported))} ({total.RecalledReported}/{total.Reported}) | {Met(Ratio(total.RecalledReported, total.Reported), 0.9)} at 0.9 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Precision of launch days ≥ 0.9 | {F(Ratio(total.RightDays, total.ProposedDays))} against the record; {F(Ratio(total.RightDays + total.GapDays, total.ProposedDays))} with record gaps | {Met(Ratio(total.RightDays, total.ProposedDays), 0.9)}; {Met(Ratio(total.RightDays + total.GapDays, total.ProposedDays), 0.9)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Class accuracy ≥ 0.8 | {F(Ratio(total.RightClass, total.Classed))} against the record; {F(Ratio(total.RightClass + total.GapClass, total.Classed + total.GapClassed))} with record gaps | {Met(Ratio(total.RightClass, total.Classed), 0.8)}; {Met(Ratio(total.RightClass + total.GapClass, total.Classed + total.GapClassed), 0.8)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {TimedDocuments:N0} documents through detection, one thread, < 10 s | {clock.Elapsed.TotalSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU ({timedProposals} proposals) | {(clock.Elapsed.TotalSeconds < 10 ? "met" : "not met")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Nuclear-test proposals on no record test (0 wanted) | {scores.Sum(s => s.FalseNuclear.Count)} | {(scores.Sum(s => s.FalseNuclear.Count) == 0 ? "met" : "not met")} |");

        foreach (var s in scores)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## {s.Archive.Name}");
            text.AppendLine();
            text.AppendLine(s.Archive.Description);
            text.AppendLine();
            text.AppendLine("| Korean date | Record events | Archive reports it | Proposed | Proposal's class | First document |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var day in s.ReferenceDays)
            {
                var p = s.Launches.Where(p => Near(p.Date, day.Key)).OrderBy(p => Math.Abs(p.Date.DaysSince(day.Key))).FirstOrDefault();
                var label = s.Labels.GetValueOrDefault(day.Key);
                var reports = label is null ? "not labelled" : label.ReportDate is { } on ? $"{label.Reported}, {on}" : label.Reported;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {day.Key} | {string.Join(", ", day.Select(e => e.Id))} | {reports} | {(p is null ? "no" : $"yes, {p.Date}")} | {p?.Class ?? "-"} | {(p is null ? "-" : p.Documents.Min(d => d.Published).ToString())} |");
            }

            var unsupported = s.Unsupported.Concat(s.FalseNuclear).ToList();
            var wrongClass = s.WrongClass;
            if (unsupported.Count + wrongClass.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| Proposed date | Class | Documents | What | Headline of the first document |");
                text.AppendLine("|---|---|---|---|---|");
                foreach (var p in unsupported.Concat(wrongClass).OrderBy(p => p.Date))
                {
                    var gap = gaps.FirstOrDefault(g => Near(g.Date, p.Date) && EventDetector.Compatible(g.Class, p.Class));
                    var what = gap is not null ? $"record gap: {gap.What} ([source]({gap.Url}))"
                        : p.Kind == EventKind.NuclearTest ? "no record nuclear test within a day"
                        : unsupported.Contains(p) ? "no record launch within a day" : "a class no record launch of that day has";
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Date} | {(p.Kind == EventKind.NuclearTest ? "nuclear test" : p.Class ?? "-")} | {p.Documents.Count} | {what} | {p.Documents[0].Title.ReplaceLineEndings(" ").Replace('|', '/')} |");
                }
            }
        }

        text.AppendLine();
        text.AppendLine("Only dates, classes, record ids, headlines and titles are committed here; the KCNA stories are not (see bench/detect/README.md).");
        return text.ToString();
    }

    internal static bool IsReference(Event e) =>
        e.Kind == EventKind.MissileLaunch && e.Class is { } c && (Taxonomy.BallisticClasses.Contains(c) || c == "cruise");

    internal static bool Near(KoreanDate a, KoreanDate b) => Math.Abs(a.DaysSince(b)) <= EventDetector.ToleranceDays;

    private static string Figure(int n, int of) => of == 0 ? "n/a" : $"{F(Ratio(n, of))} ({n}/{of})";

    private static string F(double? x) => x is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Met(double? x, double goal) => x is { } v && v >= goal ? "met" : "not met";

    private static string Median(IReadOnlyList<int> lags) => lags.Count == 0 ? "n/a" : $"{lags.Order().ElementAt(lags.Count / 2)} days";

    private static double? Ratio(int n, int of) => of == 0 ? null : (double)n / of;

    /// <summary>A real event the record lacks, named with its source, so that a proposal of it is told from an error.</summary>
    private sealed record RecordGap(KoreanDate Date, string Class, string What, string Url)
    {
        public static IReadOnlyList<RecordGap> Read(string path)
        {
            using var reader = new StreamReader(path);
            return [.. CsvTable.Read(reader, path, ["date", "class", "what", "url", "headline"]).Records
                .Select(r => new RecordGap(r.RequiredDate("date"), r.Required("class"), r.Required("what"), r.Required("url")))];
        }
    }

    /// <summary>
    /// Whether an archive reports a record launch day, as <c>bench/detect/reported-days.csv</c> labels
    /// it by the rule in <c>bench/detect/README.md</c>: <c>yes</c> (a document of the day before to
    /// the day after says so), <c>later</c> (only two to seven days after) or <c>no</c>.
    /// </summary>
    private sealed record ReportedDay(string Archive, KoreanDate Date, string Reported, KoreanDate? ReportDate)
    {
        private static readonly string[] Values = ["yes", "later", "no"];

        public bool Counts => Reported == "yes";

        public static IReadOnlyList<ReportedDay> Read(string path)
        {
            using var reader = new StreamReader(path);
            return [.. CsvTable.Read(reader, path, ["archive", "date", "record_events", "reported", "report_date", "headline", "url", "note"]).Records.Select(r =>
            {
                var reported = r.Required("reported");
                if (!Values.Contains(reported))
                {
                    throw r.Error("reported", $"'{reported}' is not one of {string.Join(", ", Values)}.");
                }

                var on = r.OptionalDate("report_date");
                if ((reported == "no") != (on is null) || (reported != "no" && (r.Optional("headline") is null || r.Optional("url") is null)))
                {
                    throw r.Error("report_date", $"a day labelled '{reported}' needs {(reported == "no" ? "no report date" : "the report's date, headline and address")}.");
                }

                return new ReportedDay(r.Required("archive"), r.RequiredDate("date"), reported, on);
            })];
        }
    }

    /// <summary>
    /// One archive: its documents and the days it covers. A file is a stream of news (every day
    /// of its dense period is covered); a folder of real-set documents covers, for each document,
    /// its date and the day either side, the tolerance every match takes (a US text is dated in
    /// Washington, a day behind Korea). A wider window counted launches no document reports: the
    /// statements are chosen around launches, not a stream of news.
    /// </summary>
    private sealed record Archive(string Name, string Description, IReadOnlyList<DetectionDocument> Documents, Func<KoreanDate, bool> Covers, string Covered, bool Stream)
    {
        /// <summary>Whether every story is its headline alone (rda_headlines.py writes the headline as the text).</summary>
        public bool HeadlinesOnly => Documents.All(d => d.Body == d.Title);

        public static Archive Read(string path)
        {
            if (Directory.Exists(path))
            {
                // The real set's folder, or its documents/ folder: RealClaimSet reads the headers.
                var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
                var set = RealClaimSet.Load(Path.GetFileName(full) == "documents" ? Path.GetDirectoryName(full)! : full);
                var documents = set.Documents.Keys.Order(StringComparer.Ordinal).Select(set.Document)
                    .Select(d => new DetectionDocument(d.Id, d.Url, d.Title, d.Text.Trim(), d.Published, null, d.Publisher))
                    .ToList();
                var days = documents.Select(d => d.Published).ToHashSet();
                return new Archive(
                    Path.GetFileName(Path.GetDirectoryName(full)!) + "/" + Path.GetFileName(full),
                    $"Government statements and reports, and Voice of America news, of the fact-check's real set ({documents.Count} documents, {documents.Min(d => d.Published)} to {documents.Max(d => d.Published)}; public domain or the Government of Japan's terms, committed with their sources). Each covers its own date and the day either side (a US text is dated in Washington, a day behind Korea; a KCNA report comes the day after); the record's launch days in those windows are the reference.",
                    documents,
                    day => days.Any(p => Math.Abs(p.DaysSince(day)) <= EventDetector.ToleranceDays),
                    $"{days.Count} windows",
                    Stream: false);
            }

            var (read, warnings) = DetectionInput.Read([path], null);
            var withText = read.Where(d => d.Body.Length > 0).ToList();
            var (from, to) = DensePeriod(withText.Select(d => d.Published));
            var inPeriod = withText.Where(d => d.Published >= from && d.Published <= to.AddDays(EventDetector.FollowUpDays)).ToList();
            return new Archive(
                Path.GetFileName(path),
                (withText.All(d => d.Body == d.Title) ? "A stream of KCNA headlines, each read as a whole story: " : "A stream of KCNA stories: ") + $"{withText.Count:N0} with text ({warnings.Count} rows without text left out), dense from {from} to {to} (Korean dates), the period scored.",
                inPeriod,
                day => day >= from && day <= to,
                $"{from} to {to}",
                Stream: true);
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
    }

    /// <summary>What detection found in one archive, against the record and the named record gaps.</summary>
    private sealed record Score(
        Archive Archive,
        IReadOnlyList<IGrouping<KoreanDate, Event>> ReferenceDays,
        IReadOnlyList<Proposal> Launches,
        IReadOnlyList<KoreanDate> Recalled,
        IReadOnlyList<KoreanDate> ProposedDays,
        int RightDays,
        IReadOnlyList<KoreanDate> GapDays,
        int Classed,
        int RightClass,
        int GapClassed,
        int GapClass,
        IReadOnlyList<int> Lags,
        IReadOnlyList<Proposal> FalseNuclear,
        IReadOnlyDictionary<KoreanDate, ReportedDay> Labels,
        IReadOnlyList<KoreanDate> Reported,
        int RecalledReported,
        IReadOnlyList<KoreanDate> Unlabelled,
        IReadOnlyList<Proposal> Unsupported,
        IReadOnlyList<Proposal> WrongClass)
    {

        public static Score Of(Archive archive, EventDetector detector, IReadOnlyList<Event> record, IReadOnlyList<RecordGap> gaps, IReadOnlyList<ReportedDay> reported)
        {
            var reference = record.Where(e => IsReference(e) && archive.Covers(e.Date)).ToList();
            var referenceDays = reference.GroupBy(e => e.Date).OrderBy(g => g.Key).ToList();
            var proposals = detector.Detect(archive.Documents)
                .Where(p => !archive.Stream || archive.Covers(p.Date) || archive.Covers(p.Date.AddDays(1)) || archive.Covers(p.Date.AddDays(-1)))
                .ToList();
            var launches = proposals.Where(p => p.Kind == EventKind.MissileLaunch).ToList();
            var supported = record.Where(IsReference).ToList();
            var recalled = referenceDays.Where(day => launches.Any(p => Near(p.Date, day.Key))).Select(d => d.Key).ToList();
            var correct = launches.Where(p => supported.Any(e => Near(e.Date, p.Date))).ToList();

            // Precision of launch days: proposals a day or less apart are one proposed day.
            var proposedDays = launches.Select(p => p.Date).Distinct().Order().Aggregate(new List<KoreanDate>(), (days, d) =>
            {
                if (days.Count == 0 || d.DaysSince(days[^1]) > EventDetector.ToleranceDays)
                {
                    days.Add(d);
                }

                return days;
            });
            var rightDays = proposedDays.Count(d => supported.Any(e => Near(e.Date, d)));
            var gapDays = proposedDays.Where(d => !supported.Any(e => Near(e.Date, d)) && gaps.Any(g => Near(g.Date, d))).ToList();
            var classed = correct.Where(p => p.Class is not null).ToList();
            // Each proposal is judged once: the figures and the report's tables of errors are both read from these.
            var unsupported = launches.Where(p => !correct.Contains(p)).ToList();
            var wrongClass = classed.Where(p => !supported.Any(e => Near(e.Date, p.Date) && e.Class == p.Class)).ToList();
            var rightClass = classed.Count - wrongClass.Count;
            var gapClassed = unsupported.Count(p => p.Class is { } c && gaps.Any(g => Near(g.Date, p.Date) && g.Class == c));
            var gapClass = gapClassed + wrongClass.Count(p => gaps.Any(g => Near(g.Date, p.Date) && g.Class == p.Class));
            var lags = recalled.Select(day => launches.Where(p => Near(p.Date, day)).SelectMany(p => p.Documents).Min(d => d.Published).DaysSince(day)).ToList();
            var falseNuclear = proposals.Where(p => p.Kind == EventKind.NuclearTest && !record.Any(e => e.Kind == EventKind.NuclearTest && Near(e.Date, p.Date))).ToList();
            var labels = reported.Where(r => r.Archive == archive.Name).ToDictionary(r => r.Date);
            // The launch days the archive reports, as labelled; those the labels do not name count
            // as not reported, and are said on the console.
            var reportedDays = referenceDays.Select(d => d.Key).Where(d => labels.TryGetValue(d, out var l) && l.Counts).ToList();
            var unlabelled = referenceDays.Select(d => d.Key).Where(d => !labels.ContainsKey(d)).ToList();
            return new Score(
                archive, referenceDays, launches, recalled, proposedDays, rightDays, gapDays, classed.Count, rightClass, gapClassed, gapClass, lags, falseNuclear, labels,
                reportedDays, reportedDays.Count(recalled.Contains), unlabelled, unsupported, wrongClass);
        }

        public static (int ReferenceDays, int Recalled, int Reported, int RecalledReported, int ProposedDays, int RightDays, int GapDays, int Classed, int RightClass, int GapClassed, int GapClass, IReadOnlyList<int> Lags) Sum(IReadOnlyList<Score> scores) => (
            scores.Sum(s => s.ReferenceDays.Count),
            scores.Sum(s => s.Recalled.Count),
            scores.Sum(s => s.Reported.Count),
            scores.Sum(s => s.RecalledReported),
            scores.Sum(s => s.ProposedDays.Count),
            scores.Sum(s => s.RightDays),
            scores.Sum(s => s.GapDays.Count),
            scores.Sum(s => s.Classed),
            scores.Sum(s => s.RightClass),
            scores.Sum(s => s.GapClassed),
            scores.Sum(s => s.GapClass),
            [.. scores.SelectMany(s => s.Lags)]);
    }
}

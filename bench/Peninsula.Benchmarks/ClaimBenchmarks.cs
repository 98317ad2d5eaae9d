using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Peninsula.Claims;
using Peninsula.Reading;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>Checking articles: the two examples and a 1 MB article made of them, against the bundled record.</summary>
[MemoryDiagnoser]
public class ClaimBenchmarks
{
    private ArticleChecker _checker = null!;
    private string _example = "";
    private string _megabyte = "";

    [GlobalSetup]
    public void Setup()
    {
        _checker = new ArticleChecker(BundledRecord.Events);
        _example = ClaimEvaluationRun.Example("what-is-north-korea-going-to-do.txt");
        _megabyte = ClaimEvaluationRun.Megabyte();
    }

    [Benchmark(Description = "check the 5 KB example article")]
    public int Example() => _checker.Check(_example).Claims.Count;

    [Benchmark(Description = "check a 1 MB article")]
    public int Megabyte() => _checker.Check(_megabyte).Claims.Count;
}

/// <summary>Accuracy on the authored labelled set and on the real development set, and the time of one 1 MB check, as the committed report prints them.</summary>
internal static class ClaimEvaluationRun
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Peninsula.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository: Peninsula.slnx was not found above the benchmark.");
    }

    public static string Example(string name) => File.ReadAllText(Path.Combine(Root(), "docs", "examples", name));

    /// <summary>About 1 MB (1,048,576 characters) of article text: both examples repeated, with dated paragraphs between.</summary>
    public static string Megabyte()
    {
        var parts = new[] { Example("what-is-north-korea-going-to-do.txt"), Example("blinken-visit-launch.txt") };
        var text = new StringBuilder(1 << 20);
        for (var i = 0; text.Length < 1 << 20; i++)
        {
            text.Append(parts[i % 2]).Append("\n\nOn March 18, 2024, North Korea fired six short-range ballistic missiles during Blinken's visit to Seoul.\n\n");
        }

        return text.ToString(0, 1 << 20);
    }

    /// <summary>Writes <see cref="ClaimPatterns.GeneratedPath"/> for every pattern the bundled rules produce.</summary>
    public static void WritePatterns(TextWriter output)
    {
        _ = new AssertionReader(ClaimKnowledge.Bundled);
        var asked = ClaimPatterns.Asked;
        var path = Path.Combine(Root(), ClaimPatterns.GeneratedPath);
        File.WriteAllText(path, ClaimPatterns.Source(asked.Select(a => (a.Pattern, a.Options))));
        output.WriteLine($"Wrote {asked.Count} patterns to {ClaimPatterns.GeneratedPath} ({asked.Count(a => !a.Generated)} were not compiled ahead of time before).");
    }

    public static void Print(TextWriter output)
    {
        var path = Path.Combine(Root(), "tests", "Peninsula.Tests", "Claims", "labelled-claims.csv");
        var checker = new ArticleChecker(BundledRecord.Events);
        IReadOnlyList<LabelledClaim> rows;
        using (var text = File.OpenText(path))
        {
            rows = ClaimEvaluation.Read(text, "tests/Peninsula.Tests/Claims/labelled-claims.csv");
        }

        output.WriteLine("## Authored set (tests/Peninsula.Tests/Claims/labelled-claims.csv), each sentence alone\n");
        output.Write(ClaimEvaluation.Run(rows, checker).Report());
        output.WriteLine("\n## Real development set (bench/claims-real), each document as one article with its publication date\n");
        output.Write(RealSetEvaluation.Run(RealClaimSet.Load(Path.Combine(Root(), "bench", "claims-real")), checker).Report());
        var article = Megabyte();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n1 MB article ({article.Length:N0} characters), load average {Machine.LoadAverage()}:"));
        output.WriteLine(Time(checker, article));
    }

    /// <summary>
    /// Every sentence of the real development set where a date is involved in a verdict: the label
    /// names a date facet or the failure class is weekday or year, or the checker read a time in it.
    /// For each, what the checker read: the time's words, the period, and where the time was placed from.
    /// </summary>
    public static void Dates(TextWriter output)
    {
        var set = RealClaimSet.Load(Path.Combine(Root(), "bench", "claims-real"));
        var evaluation = RealSetEvaluation.Run(set, new ArticleChecker(BundledRecord.Events));
        var rows = evaluation.Results
            .Where(r => r.Label.FailureClass is "weekday" or "year" || r.Label.Reason.Contains("date", StringComparison.OrdinalIgnoreCase)
                        || r.Claims.Any(c => c.Time is { Period: not null } or { Unresolved: not null }))
            .Where(r => r.Label.Verdict != "none" || r.Actual != "none")
            .ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} sentences; right {rows.Count(r => r.Actual == r.Label.Verdict)}, wrong {rows.Count(r => r.Actual != r.Label.Verdict)}.\n"));
        output.WriteLine("| line | document (published) | class | labelled | given | the time as read: words → period (placed by) |");
        output.WriteLine("|---:|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var document = set.Document(r.Label.Document);
            var text = document.Text;
            var read = r.Claims.Count == 0 ? "no claim"
                : string.Join("; ", r.Claims.Select(c => c.Time is not { } t ? $"{c.Type} with no time"
                    : t.Period is { } p ? $"'{(t.Span is { } s ? s.Of(text) : "(carried)")}' → {p.Dates} ({t.Basis}{(t.Doubt is null ? "" : "; not certain")})"
                    : t.Unresolved is { } u ? $"'{u}' → unresolved"
                    : "recently"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label.Line} | {r.Label.Document} ({document.Published}) | {r.Label.FailureClass} | {r.Label.Verdict} | {(r.Actual == r.Label.Verdict ? r.Actual : $"**{r.Actual}**")} | {read.Replace("|", "/", StringComparison.Ordinal)} |"));
        }
    }

    /// <summary>A first check of the article, then five timed, wall time and processor time (which does not grow with other work on the machine).</summary>
    private static string Time(ArticleChecker checker, string article)
    {
        var cold = Stopwatch.StartNew();
        checker.Check(article); // the first run also pays for JIT compilation
        var first = cold.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        var processor = new List<double>();
        var claims = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            claims = checker.Check(article).Claims.Count;
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            processor.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        times.Sort();
        processor.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"- on one thread, as the reader reads ({claims:N0} claims): median {times[2]:0} ms wall (fastest {times[0]:0}, slowest {times[4]:0}) over 5 runs after a first run of {first:0} ms; processor time median {processor[2]:0} ms (fastest {processor[0]:0}, slowest {processor[4]:0}).");
    }
}

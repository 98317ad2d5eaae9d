using System.Diagnostics;
using System.Globalization;
using System.Text;
using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The fact-check scored on a held-out set of real articles: the folder named (bench/claims-heldout-b,
/// set B, labelled before the checker was run on it, or any folder of the same layout; sets A, once
/// bench/claims-heldout, and D, once bench/claims-heldout-d, are now part of the development set and no
/// folder is scored by default); the report is printed and written to bench/results/FOLDER-NAME.md.
/// The scoring is the development set's (<see cref="RealSetEvaluation"/>), so the sets' figures compare
/// directly.
/// </summary>
internal static class HeldOutClaimsBenchmark
{
    /// <summary>What decides a verdict: the reader, the checker, their rules and the record. The last commit that changed any of them is the checker's.</summary>
    private static readonly string[] CheckerPaths = ["src/Peninsula/Reading", "src/Peninsula/Claims", "data"];

    /// <summary><c>claims-heldout FOLDER</c> scores FOLDER and writes bench/results/ followed by the folder's name and .md.</summary>
    public static int Run(string[] args)
    {
        var root = ClaimEvaluationRun.Root();
        if (args.Length != 2)
        {
            Console.Error.WriteLine("Usage: claims-heldout FOLDER (a folder with documents/*.txt and labels.csv, such as bench/claims-heldout-b; the results are written to bench/results/ under the folder's name, e.g. bench/results/claims-heldout-b.md).");
            return 2;
        }

        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(args[1]));
        if (!Directory.Exists(Path.Combine(folder, "documents")) || !File.Exists(Path.Combine(folder, "labels.csv")))
        {
            Console.Error.WriteLine($"{folder} is not a claim set: it needs a documents folder and a labels.csv (see bench/claims-real/README.md).");
            return 2;
        }

        var set = RealClaimSet.Load(folder);
        var problems = set.DocumentProblems().Concat(set.LabelProblems()).ToList();
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"{folder} has {problems.Count} problems; fix them before scoring it:");
            foreach (var problem in problems)
            {
                Console.Error.WriteLine("  " + problem);
            }

            return 1;
        }

        var report = Report(root, folder, set, DateTimeOffset.UtcNow);
        Console.Out.Write(report);
        var results = $"bench/results/{Path.GetFileName(folder)}.md";
        File.WriteAllText(Path.Combine(root, results), report);
        Console.Error.WriteLine($"Wrote {results}.");

        return 0;
    }

    private static string Report(string root, string folder, RealClaimSet set, DateTimeOffset now)
    {
        var shown = Path.GetRelativePath(root, folder).Replace('\\', '/');
        var korean = now.ToOffset(KoreanDate.Offset);
        var text = new StringBuilder();
        var name = Path.GetFileName(folder);
        var heldOut = name == "claims-heldout" || name.StartsWith("claims-heldout-", StringComparison.Ordinal);
        text.Append(heldOut ? $"# Claim checking on a held-out set ({shown})\n\n" : $"# Claim checking on {shown}\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Run {korean:yyyy-MM-dd HH:mm} KST (UTC+9) with `dotnet run -c Release --project bench/Peninsula.Benchmarks -- claims-heldout {shown}`.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- Checker: {CheckerCommit(root)}.\n");
        text.Append(CultureInfo.InvariantCulture, $"- Repository at: {Git(root, "log", "-1", "--format=%h (%cs)") ?? "unknown (git is not available)"}.\n");
        if (heldOut)
        {
            text.Append(
                "- **This set is held out.** Its labels were written by reading the record and committed before the checker was first " +
                "run on it, and no rule of the reader or the checker has been written against it: these figures say how the checker " +
                "does on news text it was not fixed on. A rule written to meet one of the misses below ends that; see " +
                $"{shown}/README.md.\n");
        }

        text.Append("- Each document is checked as one article with its publication date (the header's, unshifted); each claim found is placed in the labelled sentence it overlaps most; a sentence takes the gravest verdict of its claims (the development set's scoring, `RealSetEvaluation`).\n\n");
        text.Append(RealSetEvaluation.Run(set, new ArticleChecker(BundledRecord.Events)).Report());
        return text.ToString();
    }

    /// <summary>The last commit that changed the reader, the checker or the record, and whether they have changed since.</summary>
    private static string CheckerCommit(string root)
    {
        string[] log = ["log", "-1", "--format=%h (%cs)", "--", .. CheckerPaths];
        var last = Git(root, log);
        if (last is null)
        {
            return "unknown (git is not available)";
        }

        string[] status = ["status", "--porcelain", "--", .. CheckerPaths];
        var changed = Git(root, status);
        return changed is { Length: > 0 }
            ? $"last changed in {last}, **with uncommitted changes to the reader, checker or record since**"
            : $"last changed in {last} (the last commit touching {string.Join(", ", CheckerPaths)})";
    }

    /// <summary>The trimmed output of a git command run in the repository, or null when git cannot be run or fails.</summary>
    private static string? Git(string root, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
#pragma warning disable CA1031 // No git on the machine is a line of the report ("unknown"), not a reason to lose the scores.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}

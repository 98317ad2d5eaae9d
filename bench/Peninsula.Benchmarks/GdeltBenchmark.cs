using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Peninsula.Import;

namespace Peninsula.Benchmarks;

/// <summary>
/// The GDELT filter against DuckDB, side by side in one run: generate realistic GDELT 2.0 export
/// files (rows drawn from the real fixture, about 0.5% about North Korea, fresh GLOBALEVENTIDs),
/// then count the North Korean rows of all of them, uncompressed and zipped, with Peninsula's
/// scanner (one thread, in a child process so that its peak memory is its own) and with DuckDB's
/// read_csv (through @duckdb/node-api, one thread and two).
/// <code>dotnet run -c Release --project bench/Peninsula.Benchmarks -- gdelt [--gigabytes 2] [--output bench/results/gdelt.md]</code>
/// Needs the peer once: <c>npm ci --prefix bench/gdelt</c>.
/// </summary>
public static class GdeltBenchmark
{
    private const long FileBytes = 50_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var gigabytes = double.Parse(Option(args, "--gigabytes") ?? "2", CultureInfo.InvariantCulture);
        var output = Option(args, "--output");
        var root = Repository();
        var folder = Path.Combine(Path.GetTempPath(), "peninsula-gdelt-bench");
        Directory.CreateDirectory(Path.Combine(folder, "zip"));
        var fixture = Path.Combine(root, "tests", "Peninsula.Tests", "Import", "Fixtures", "gdelt", "20191024143000.export.CSV");
        var peer = Path.Combine(root, "bench", "gdelt");
        if (!Directory.Exists(Path.Combine(peer, "node_modules", "@duckdb", "node-api")))
        {
            Console.Error.WriteLine("The DuckDB peer is not installed: run 'npm ci --prefix bench/gdelt' once.");
            return 1;
        }

        var files = Generate(fixture, folder, (long)(gigabytes * 1e9));
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"Generated {files.Count} files, {bytes / 1e9:0.00} GB, in {folder}; zipping copies...");
        var zips = files.Select(f => Zip(f, Path.Combine(folder, "zip", Path.GetFileName(f) + ".zip"))).ToList();
        var zipBytes = zips.Sum(f => new FileInfo(f).Length);

        var rows = new List<string[]>();
        var self = Environment.ProcessPath!;
        var dll = typeof(GdeltBenchmark).Assembly.Location;
        foreach (var (label, input, inputBytes, arguments) in new[]
        {
            ("Peninsula (1 thread)", "uncompressed", bytes, new[] { dll, "gdelt-scan", folder, "*.export.CSV" }),
            ("Peninsula (1 thread)", "zip", zipBytes, new[] { dll, "gdelt-scan", Path.Combine(folder, "zip"), "*.export.CSV.zip" }),
        })
        {
            var best = Best(3, () => Child(self.EndsWith("dotnet", StringComparison.Ordinal) ? self : "dotnet", arguments));
            rows.Add(Row(label, input, inputBytes, bytes, best));
        }

        foreach (var threads in new[] { 1, 2 })
        {
            var best = Best(3, () => Child("node", [Path.Combine(peer, "duckdb-count.mjs"), Path.Combine(folder, "*.export.CSV"), threads.ToString(CultureInfo.InvariantCulture)]));
            rows.Add(Row($"DuckDB {DuckDbVersion(peer)} ({threads} thread{(threads == 1 ? "" : "s")})", "uncompressed", bytes, bytes, best));
        }

        rows.Add(["DuckDB", "zip", "", "", "", "", "", "reads gzip and zstd, not zip"]);
        var table = new StringBuilder();
        table.AppendLine("| tool | input | size on disk (GB) | seconds | GB/s (of the CSV bytes) | rows/s (millions) | rows kept | peak memory (MB) |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            table.AppendLine("| " + string.Join(" | ", r) + " |");
        }

        var report = new StringBuilder()
            .AppendLine("# GDELT filter benchmark")
            .AppendLine()
            .AppendLine(FormattableString.Invariant($"Command: `dotnet run -c Release --project bench/Peninsula.Benchmarks -- gdelt --gigabytes {gigabytes}` ") +
                        FormattableString.Invariant($"({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version})."))
            .AppendLine()
            .AppendLine(FormattableString.Invariant($"Input: {files.Count} generated GDELT 2.0 export files of about {FileBytes / 1e6:0} MB, {bytes / 1e9:0.00} GB in all ") +
                        FormattableString.Invariant($"({zipBytes / 1e9:0.00} GB zipped), rows drawn from the real fixture `20191024143000.export.CSV` (0.47% of its rows are about North Korea). ") +
                        "Task: count the rows where Actor1CountryCode or Actor2CountryCode is PRK or ActionGeo_CountryCode is KN. Best of three runs each; " +
                        "files in the page cache; throughput is of the uncompressed CSV bytes (GB = 10^9 bytes); peak memory is the process's peak resident set.")
            .AppendLine()
            .Append(table);
        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString()).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Child mode: scan the files matching a pattern in a folder, print rows, kept, seconds and peak memory as JSON.</summary>
    public static int Scan(string folder, string pattern)
    {
        var files = Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).ToList();
        long rows = 0, kept = 0;
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            if (file.EndsWith(".zip", StringComparison.Ordinal))
            {
                using var zip = ZipFile.OpenRead(file);
                SafeZip.Check(zip, file, SafeZip.Gdelt);
                foreach (var entry in zip.Entries)
                {
                    using var stream = SafeZip.Open(entry, file, SafeZip.Gdelt);
                    var counts = GdeltScanner.Scan(stream, (_, _) => { }, (_, _, _) => { });
                    rows += counts.Rows;
                    kept += counts.Kept;
                }
            }
            else
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                var counts = GdeltScanner.Scan(stream, (_, _) => { }, (_, _, _) => { });
                rows += counts.Rows;
                kept += counts.Kept;
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new { rows, kept, seconds = watch.Elapsed.TotalSeconds, max_rss_mb = PeakResidentMegabytes() }));
        return 0;
    }

    private static List<string> Generate(string fixture, string folder, long total)
    {
        var lines = File.ReadAllLines(fixture).Select(l => l.Split('\t', 2)).ToArray();
        var random = new Random(20191024);
        var files = new List<string>();
        long written = 0, id = 900_000_000;
        for (var n = 0; written < total; n++)
        {
            var path = Path.Combine(folder, $"2019{n / 96 + 1:0000}{n % 96:00}0000.export.CSV");
            files.Add(path);
            if (File.Exists(path) && new FileInfo(path).Length >= FileBytes)
            {
                written += new FileInfo(path).Length;
                continue;
            }

            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
            long size = 0;
            while (size < FileBytes)
            {
                var line = $"{id++}\t{lines[random.Next(lines.Length)][1]}";
                writer.WriteLine(line);
                size += line.Length + 1;
            }

            written += size;
        }

        return files;
    }

    private static string Zip(string file, string zip)
    {
        if (!File.Exists(zip))
        {
            using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
            archive.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.Fastest);
        }

        return zip;
    }

    private static (long Rows, long Kept, double Seconds, double PeakMb) Best(int runs, Func<(long, long, double, double)> run) =>
        Enumerable.Range(0, runs).Select(_ => run()).MinBy(r => r.Item3);

    private static (long Rows, long Kept, double Seconds, double PeakMb) Child(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {process.StandardError.ReadToEnd()}");
        }

        using var json = JsonDocument.Parse(text.Trim().Split('\n')[^1]);
        var r = json.RootElement;
        return (r.GetProperty("rows").GetInt64(), r.GetProperty("kept").GetInt64(), r.GetProperty("seconds").GetDouble(), r.GetProperty("max_rss_mb").GetDouble());
    }

    private static string[] Row(string tool, string input, long inputBytes, long csvBytes, (long Rows, long Kept, double Seconds, double PeakMb) r) =>
    [
        tool, input, (inputBytes / 1e9).ToString("0.00", CultureInfo.InvariantCulture), r.Seconds.ToString("0.00", CultureInfo.InvariantCulture),
        (csvBytes / 1e9 / r.Seconds).ToString("0.00", CultureInfo.InvariantCulture), (r.Rows / 1e6 / r.Seconds).ToString("0.0", CultureInfo.InvariantCulture),
        r.Kept.ToString("N0", CultureInfo.InvariantCulture), r.PeakMb.ToString("0", CultureInfo.InvariantCulture),
    ];

    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string DuckDbVersion(string peer)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(peer, "package.json")));
        return json.RootElement.GetProperty("dependencies").GetProperty("@duckdb/node-api").GetString()!;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Peninsula.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from within the repository.");
    }
}

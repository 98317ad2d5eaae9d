using System.Diagnostics;
using System.Globalization;
using System.Text;
using Peninsula.Import;
using Peninsula.Record;
using Peninsula.Storage;

namespace Peninsula.Benchmarks;

/// <summary>
/// The CNS merge on many launches of one date (issue 19: 2,000 rows on one date took 29 s, 10,000
/// over 300 s), beside the same rows spread over as many dates. Each row is a launch of its own
/// (its own system and site), written in the 2023 CSV export's layout; the file is read by the CNS
/// importer and planned against the bundled record as an import would be (nothing is written).
/// </summary>
internal static class CnsMergeBenchmark
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [2_000, 5_000, 10_000];
        var folder = Directory.CreateTempSubdirectory("peninsula-cns-merge-");
        try
        {
            Console.WriteLine("| rows | one date | spread over dates |");
            Console.WriteLine("| ---: | ---: | ---: |");
            var bundled = BundledRecord.Events; // built once, outside the timings
            foreach (var n in sizes)
            {
                var oneDate = Write(folder.FullName, n, spread: false);
                var spread = Write(folder.FullName, n, spread: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {Time(oneDate, bundled, distinct: true):0.00} s | {Time(spread, bundled, distinct: false):0.00} s |"));
            }

            Console.WriteLine();
            Console.WriteLine("Read by CnsImporter and planned against the bundled record (ImportPlan.Make), best of 3, Release build.");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <param name="path">The generated CSV export.</param>
    /// <param name="bundled">The record the rows are planned against.</param>
    /// <param name="distinct">Whether every launch must stay a launch of its own (on one date with no launches in the record; spread over 1990 onwards, a few join the record's launches without a site).</param>
    private static double Time(string path, IReadOnlyList<Peninsula.Events.Event> bundled, bool distinct)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var batch = new CnsImporter().Read(path);
            var plan = ImportPlan.Make(bundled, batch.Events, ImportPolicy.Default, path, CancellationToken.None);
            if (distinct && plan.Added != batch.Events.Count)
            {
                var joined = plan.Changes.Where(c => c.Before is not null).Select(c => $"{c.Before!.Id} ({c.Before.Site?.Name})");
                throw new InvalidOperationException($"{plan.Added} of {batch.Events.Count} launches were added: distinct launches must stay distinct. Joined: {string.Join(", ", joined.Take(5))}");
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static string Write(string folder, int rows, bool spread)
    {
        var path = Path.Combine(folder, $"cns-{rows}-{(spread ? "spread" : "one-date")}.csv");
        var text = new StringBuilder("F1,Date,Date Entered/Updated,Launch Time (UTC),Missile Name,Missile Type,Launch Agency/Authority,Facility Name,Facility Location,Other Name,Facility Latitude,Facility Longitude,Landing Location,Apogee,Distance Travelled,Confirmation Status,Test Outcome,Additional Information,Source(s)\r\n");
        var start = new DateOnly(1990, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var date = (spread ? start.AddDays(i * 3) : new DateOnly(2024, 6, 5)).ToString("d-MMM-yy", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{i},{date},,,Test-{i},SRBM,,Site {i},,,39.0,125.7,Sea of Japan,50 km,300 km,Confirmed,Success,,\r\n");
        }

        File.WriteAllText(path, text.ToString(), Encoding.Latin1);
        return path;
    }
}

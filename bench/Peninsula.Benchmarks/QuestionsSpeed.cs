using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Peninsula.Questions;
using Peninsula.Storage;

namespace Peninsula.Benchmarks;

/// <summary>
/// The time <see cref="PublishedComparison"/> takes on the bundled record, the wait behind the
/// questions page's comparison, <c>peninsula questions published</c> and the web's warm-up: the
/// record and each filter's events read from a new SQLite store once, then the comparison computed
/// three times (each with a new <see cref="QuestionModel"/>, so nothing is kept between runs; the
/// first also pays the JIT, as a new process does), with wall and processor time and a digest of
/// every figure it produced (each row's question, forecaster, date, outcome and the model's
/// probability, round-trip formatted): the digest changes exactly when a figure does. Run with
/// <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- questions-speed</c>.
/// </summary>
public static class QuestionsSpeed
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "peninsula-questions-speed", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var store = SqliteEventStore.Open(Path.Combine(folder, "peninsula.db"));
            await EventStores.EnsureBundledRecordAsync(store);
            var published = PublishedForecasts.Bundled;
            var watch = Stopwatch.StartNew();
            var record = await store.ListAsync(Events.EventQuery.All);
            var filterEvents = await QuestionResolver.FilterEventsAsync(store, published.Contents.Questions);
            var read = watch.Elapsed.TotalSeconds;
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(inv, $"## The published comparison ({Environment.ProcessorCount} processors, load average {Machine.LoadAverage()} at the start)"));
            output.WriteLine();
            output.WriteLine(string.Create(inv, $"{published.Contents.Questions.Count} questions, {published.Contents.Forecasts.Count(f => !f.IsModel)} published forecasts; reading the record ({record.Count} events) and the filters' events from SQLite: {read:0.00} s."));
            output.WriteLine();
            output.WriteLine("| run | rows | wall time | processor time | figures (SHA-256 of every row, first 16 hex digits) |");
            output.WriteLine("| ---: | ---: | ---: | ---: | --- |");
            var process = Process.GetCurrentProcess();
            for (var run = 1; run <= 3; run++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                watch.Restart();
                var comparison = PublishedComparison.Compute(published, record, filterEvents);
                var wall = watch.Elapsed.TotalSeconds;
                process.Refresh();
                var used = (process.TotalProcessorTime - cpu).TotalSeconds;
                output.WriteLine(string.Create(inv, $"| {run} | {comparison.Rows.Count} | {wall:0.00} s | {used:0.00} s | {Digest(comparison)} |"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every figure of the comparison, one row a line (the model's probability round-trip formatted), hashed.</summary>
    internal static string Digest(PublishedComparison comparison)
    {
        var text = new StringBuilder();
        foreach (var r in comparison.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Question.Id},{r.Published.By},{r.Published.AsOf},{r.Published.Probability:R},{r.Outcome},{r.Question.Resolution!.On},{r.Model:R}\n");
        }

        foreach (var s in comparison.NotScored)
        {
            text.Append(s).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

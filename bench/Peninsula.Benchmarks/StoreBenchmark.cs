using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Peninsula.Events;
using Peninsula.Storage;

namespace Peninsula.Benchmarks;

/// <summary>
/// SQLite and PostgreSQL side by side on one generated record (<see cref="SyntheticRecord"/>):
/// the bulk load rate, the per-event import path on a sample, the dashboard's main queries and
/// the size on disk.
/// </summary>
/// <remarks>
/// dotnet run -c Release --project bench/Peninsula.Benchmarks -- stores [--events 10000000]
///     [--postgres "Host=...;Username=...;Database=postgres"] [--folder /tmp] [--output bench/results/stores.md]
/// The PostgreSQL server defaults to $PENINSULA_BENCH_POSTGRES, else $PENINSULA_TEST_POSTGRES; the
/// benchmark creates (and afterwards drops) a database of its own on it.
/// </remarks>
internal static class StoreBenchmark
{
    private const int Repeats = 3;
    private const int SampleEvents = 20_000;
    private static readonly DateTimeOffset LoadedAt = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [_, "--generate-only", var n])
        {
            var watch = Stopwatch.StartNew();
            var bytes = SyntheticRecord.Events(int.Parse(n, CultureInfo.InvariantCulture)).Sum(e => (long)Peninsula.Import.EventJson.Serialize(e).Length);
            Console.WriteLine($"{bytes} bytes of JSON in {watch.Elapsed}");
            return 0;
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var count = int.Parse(Option(args, "--events") ?? "10000000", CultureInfo.InvariantCulture);
        var server = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("PENINSULA_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("PENINSULA_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Name a PostgreSQL server with --postgres or $PENINSULA_BENCH_POSTGRES.");
        var folder = Path.Combine(Option(args, "--folder") ?? Path.GetTempPath(), "peninsula-stores-bench");
        var output = Option(args, "--output");
        Directory.CreateDirectory(folder);

        var database = "peninsula_bench";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {database}");
            await admin.ExecuteAsync($"CREATE DATABASE {database}");
        }

        var sqlitePath = Path.Combine(folder, "bench.db");
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Delete(file);
        }

        var backends = new List<Backend>
        {
            new("SQLite", sqlitePath, () => SqliteSize(sqlitePath), Sqlite),
            new("PostgreSQL", new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, () => PostgresSize(server, database), Postgres),
        };

        var results = new List<Result>();
        foreach (var backend in backends)
        {
            Console.Error.WriteLine($"{backend.Name}: loading {count:N0} events...");
            results.Add(await MeasureAsync(backend, count, folder));
            if (backend.Name == "SQLite")
            {
                // Room on the disk for the PostgreSQL copy.
                File.Delete(sqlitePath);
            }
        }

        await using (var admin = new NpgsqlConnection(server))
        {
            NpgsqlConnection.ClearAllPools();
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        var report = Report(count, results, args, server);
        Console.Write(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    private sealed record Backend(string Name, string Location, Func<long> Size, Dialect Dialect);

    /// <summary>The dashboard's queries that IEventStore does not (yet) offer, in each backend's SQL.</summary>
    private sealed record Dialect(string LatestPage, string CountsByMonth, Func<string, Func<long>> Scalar);

    private sealed record Result(string Backend, TimeSpan Load, TimeSpan Analyze, double SampleRate, long Bytes, IReadOnlyList<(string Query, TimeSpan Median, long Rows)> Queries);

    private static readonly Dialect Sqlite = new(
        "SELECT id FROM events WHERE deleted_at IS NULL ORDER BY korean_date DESC, utc_instant DESC, id DESC LIMIT 50 OFFSET {0}",
        "SELECT substr(korean_date, 1, 7) AS month, kind, count(*) FROM events WHERE deleted_at IS NULL GROUP BY month, kind",
        location => () =>
        {
            using var connection = new SqliteConnection($"Data Source={location};Pooling=False");
            connection.Open();
            return connection.ExecuteScalar<long>("SELECT count(*) FROM events");
        });

    private static readonly Dialect Postgres = new(
        "SELECT id FROM events WHERE deleted_at IS NULL ORDER BY korean_date DESC, utc_instant DESC NULLS LAST, id DESC LIMIT 50 OFFSET {0}",
        "SELECT date_trunc('month', korean_date) AS month, kind, count(*) FROM events WHERE deleted_at IS NULL GROUP BY month, kind",
        location => () =>
        {
            using var connection = new NpgsqlConnection(location);
            connection.Open();
            return connection.ExecuteScalar<long>("SELECT count(*) FROM events");
        });

    private static async Task<Result> MeasureAsync(Backend backend, int count, string folder)
    {
        // The per-event path (what `peninsula import` and the web's writes use), on a sample, in a store of its own.
        var sampleLocation = backend.Name == "SQLite"
            ? Path.Combine(folder, "sample.db")
            : new NpgsqlConnectionStringBuilder(backend.Location) { SearchPath = "sample" }.ConnectionString;
        if (backend.Name != "SQLite")
        {
            await using var connection = new NpgsqlConnection(backend.Location);
            await connection.ExecuteAsync("CREATE SCHEMA sample");
        }

        double sampleRate;
        await using (var sample = EventStores.Open(sampleLocation))
        {
            var events = SyntheticRecord.Events(SampleEvents, seed: 9).ToList();
            var watch = Stopwatch.StartNew();
            await sample.SaveAsync(events, new ChangeOrigin("bench"));
            sampleRate = SampleEvents / watch.Elapsed.TotalSeconds;
        }

        if (backend.Name == "SQLite")
        {
            File.Delete(sampleLocation);
        }
        else
        {
            await using var connection = new NpgsqlConnection(backend.Location);
            await connection.ExecuteAsync("DROP SCHEMA sample CASCADE");
        }

        await using var store = EventStores.Open(backend.Location);
        var load = Stopwatch.StartNew();
        EventLoad.Load(store, () => SyntheticRecord.Events(count), new ChangeOrigin("bench", $"{count} synthetic events"), LoadedAt);
        load.Stop();
        Console.Error.WriteLine($"{backend.Name}: loaded in {load.Elapsed}");
        var analyze = Stopwatch.StartNew();
        Execute(backend, "ANALYZE");
        analyze.Stop();

        var queries = new List<(string, TimeSpan, long)>
        {
            await TimeAsync("latest 50 events (page 1)", () => Rows(backend, string.Format(CultureInfo.InvariantCulture, backend.Dialect.LatestPage, 0))),
            await TimeAsync("latest events, page 100 (OFFSET 4950)", () => Rows(backend, string.Format(CultureInfo.InvariantCulture, backend.Dialect.LatestPage, 4950))),
            await TimeAsync("ListAsync kind=missile-launch class=icbm since=2020-01-01 limit 50", async () =>
                (await store.ListAsync(new EventQuery { Kinds = [EventKind.MissileLaunch], Classes = ["icbm"], Since = new KoreanDate(2020, 1, 1), Limit = 50 })).Count),
            await TimeAsync("ListAsync kind=summit (all, ~1/50 of the record) limit 1000", async () =>
                (await store.ListAsync(new EventQuery { Kinds = [EventKind.Summit], Limit = 1000 })).Count),
            await TimeAsync("ListAsync text=\"Hwasong-15\" limit 50", async () => (await store.ListAsync(new EventQuery { Text = "Hwasong-15", Limit = 50 })).Count),
            await TimeAsync("counts per month by kind", () => Rows(backend, backend.Dialect.CountsByMonth)),
            await TimeAsync("InfoAsync (stats: counts, per kind, date range)", async () => (await store.InfoAsync()).EventsByKind.Count),
            await TimeAsync("FindAsync by id", async () => (await store.FindAsync($"syn-{count / 2:D8}")) is null ? 0 : 1),
        };
        return new Result(backend.Name, load.Elapsed, analyze.Elapsed, sampleRate, backend.Size(), queries);
    }

    private static async Task<(string, TimeSpan, long)> TimeAsync(string name, Func<Task<int>> query)
    {
        // No warm-up run: at ten million events the scans take minutes. The first of the runs
        // pays for a cold cache; the median is of the later ones where there are three.
        var rows = 0;
        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await query();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        Console.Error.WriteLine($"  {name}: {times[Repeats / 2].TotalMilliseconds:F1} ms, {rows} rows");
        return (name, times[Repeats / 2], rows);
    }

    private static Task<int> Rows(Backend backend, string sql)
    {
        if (backend.Name == "SQLite")
        {
            using var connection = new SqliteConnection($"Data Source={backend.Location};Pooling=False");
            connection.Open();
            return Task.FromResult(connection.Query(sql).Count());
        }

        using var pg = new NpgsqlConnection(backend.Location);
        pg.Open();
        return Task.FromResult(pg.Query(sql).Count());
    }

    private static void Execute(Backend backend, string sql)
    {
        if (backend.Name == "SQLite")
        {
            using var connection = new SqliteConnection($"Data Source={backend.Location};Pooling=False");
            connection.Open();
            connection.Execute(sql, commandType: System.Data.CommandType.Text);
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
            return;
        }

        using var pg = new NpgsqlConnection(backend.Location);
        pg.Open();
        pg.Execute(sql, commandTimeout: 0, commandType: System.Data.CommandType.Text);
    }

    private static long SqliteSize(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    private static long PostgresSize(string server, string database)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        return connection.ExecuteScalar<long>("SELECT pg_database_size(@database)", new { database });
    }

    private static string Report(int count, List<Result> results, string[] args, string server)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        text.AppendLine(c, $"# Stores: SQLite and PostgreSQL on {count:N0} generated events");
        text.AppendLine();
        text.AppendLine("```sh");
        text.AppendLine(c, $"dotnet run -c Release --project bench/Peninsula.Benchmarks -- {string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Contains(';', StringComparison.Ordinal) ? $"\"{a}\"" : a))}");
        text.AppendLine("```");
        text.AppendLine();
        using (var pg = new NpgsqlConnection(server))
        {
            pg.Open();
            var postgresVersion = pg.ExecuteScalar<string>("SELECT split_part(version(), ' on ', 1)");
            text.AppendLine(string.Create(c, $"Run {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores (shared with other work), .NET {Environment.Version}, SQLite {SqliteVersion()}, {postgresVersion} ") +
                            "(a throwaway cluster as .ci/postgres.sh starts it: fsync off, default memory settings). " +
                            "Events from `SyntheticRecord.Events(count, seed: 8)`: the bundled record's events moved to random dates 1950-2099.");
        }

        text.AppendLine();
        text.AppendLine(Row(["", .. results.Select(r => r.Backend)]));
        text.AppendLine(Row(["---", .. results.Select(_ => "---:")]));
        text.AppendLine(Row(["bulk load (EventLoad: one transaction; binary COPY on PostgreSQL)", .. results.Select(r => $"{r.Load.TotalSeconds:F0} s")]));
        text.AppendLine(Row(["bulk load rate", .. results.Select(r => $"{count / r.Load.TotalSeconds:N0} events/s")]));
        text.AppendLine(Row(["ANALYZE after the load", .. results.Select(r => $"{r.Analyze.TotalSeconds:F1} s")]));
        text.AppendLine(Row([$"per-event path (SaveAsync, {SampleEvents:N0} new events into an empty store)", .. results.Select(r => $"{r.SampleRate:N0} events/s")]));
        text.AppendLine(Row(["size on disk", .. results.Select(r => $"{r.Bytes / 1024.0 / 1024 / 1024:F2} GiB")]));
        foreach (var (query, i) in results[0].Queries.Select((q, i) => (q.Query, i)))
        {
            text.AppendLine(Row([query, .. results.Select(r => $"{r.Queries[i].Median.TotalMilliseconds:F1} ms ({r.Queries[i].Rows:N0} rows)")]));
        }

        text.AppendLine();
        text.AppendLine(c, $"Query times are the median of {Repeats} runs (no warm-up), through a fresh connection for the SQL ones and the store's own for the IEventStore ones.");
        return text.ToString();
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ExecuteScalar<string>("SELECT sqlite_version()")!;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

/// <summary>
/// One backend for the store tests: every test gets a fresh, empty store of its own at
/// <see cref="Location"/> (what <c>--db</c> would name), and raw SQL for setting up faults.
/// </summary>
public abstract class StoreBackend : IDisposable
{
    /// <summary>Where the store is, as <c>--db</c> takes it. Skips the test where the backend is not available.</summary>
    public abstract string Location { get; }

    /// <summary>Opens the test's store (the same database every time).</summary>
    public IEventStore Open() => EventStores.Open(Location, CliRunner.Clock);

    /// <summary>Runs SQL against the store's database, behind the store's back.</summary>
    public abstract Task ExecuteAsync(string sql);

    /// <summary>Runs a query that returns one number.</summary>
    public abstract Task<long> ScalarAsync(string sql);

    /// <summary>
    /// How the backend would run <paramref name="sql"/>, its plan in the backend's words, with
    /// sequential scans made a last resort where the planner would otherwise prefer them on a small table.
    /// </summary>
    public abstract Task<string> PlanAsync(string sql, object parameters);

    /// <summary>The query of the store's <see cref="IEventStore.TakenIdsAsync"/>.</summary>
    public abstract string TakenIdsQuery { get; }

    /// <summary>SQL that makes the store forget the migrations from <paramref name="version"/> on, as a store written before them would be (their changes are the caller's to undo).</summary>
    public abstract string ForgetMigrationsFrom(int version);

    /// <summary>SQL that makes any insert of the event <paramref name="id"/> fail inside its transaction.</summary>
    public abstract string FailInsertOf(string id);

    /// <summary>SQL that makes every insert into <paramref name="table"/> fail, as a full disk or a lost server would.</summary>
    public abstract string FailEveryInsertInto(string table);

    /// <summary>SQL that makes an insert into <paramref name="table"/> fail when the new row meets <paramref name="condition"/> (SQL on <c>NEW</c>, the same in both backends).</summary>
    public abstract string FailInsertsInto(string table, string condition);

    /// <summary>SQL that undoes <see cref="FailEveryInsertInto"/> and <see cref="FailInsertsInto"/>.</summary>
    public abstract string StopFailingInsertsInto(string table);

    /// <summary>Whether another process or connection is writing to the store right now (it holds an open write transaction).</summary>
    public abstract Task<bool> SomeoneIsWritingAsync();

    public abstract void Dispose();
}

public sealed class SqliteBackend : StoreBackend
{
    private readonly TempFolder _folder = new();

    public override string Location => _folder.File("store.db");

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={Location};Pooling=False");
        connection.Open();
        return connection;
    }

    public override async Task ExecuteAsync(string sql)
    {
        using var connection = Connect();
        await connection.ExecuteAsync(sql);
    }

    public override async Task<long> ScalarAsync(string sql)
    {
        using var connection = Connect();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public override async Task<string> PlanAsync(string sql, object parameters)
    {
        using var connection = Connect();
        return string.Join("\n", (await connection.QueryAsync($"EXPLAIN QUERY PLAN {sql}", parameters)).Select(row => (string)row.detail));
    }

    public override string TakenIdsQuery => SqliteEventStore.TakenIdsQuery;

    public override string ForgetMigrationsFrom(int version) =>
        $"DELETE FROM schema_migrations WHERE version >= {version}; PRAGMA user_version = {version - 1};";

    public override string FailInsertOf(string id) =>
        $"CREATE TRIGGER fail_midway BEFORE INSERT ON events WHEN NEW.id = '{id}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;";

    public override string FailEveryInsertInto(string table) =>
        $"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;";

    public override string FailInsertsInto(string table, string condition) =>
        $"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} WHEN {condition} BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;";

    public override string StopFailingInsertsInto(string table) => $"DROP TRIGGER fail_{table};";

    public override Task<bool> SomeoneIsWritingAsync()
    {
        // A writer holds SQLite's write lock for its whole transaction: when we cannot take it at
        // once, someone is writing. Asked through the native API, which (unlike
        // Microsoft.Data.Sqlite) does not wait and retry; released at once.
        SQLitePCL.Batteries_V2.Init();
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_open_v2(Location, out var db, SQLitePCL.raw.SQLITE_OPEN_READWRITE, null));
        using (db)
        {
            var result = SQLitePCL.raw.sqlite3_exec(db, "BEGIN IMMEDIATE");
            if (result == SQLitePCL.raw.SQLITE_OK)
            {
                SQLitePCL.raw.sqlite3_exec(db, "ROLLBACK");
            }

            return Task.FromResult(result == SQLitePCL.raw.SQLITE_BUSY);
        }
    }

    public override void Dispose() => _folder.Dispose();
}

/// <summary>
/// A PostgreSQL server named by <see cref="EnvironmentVariable"/> (<c>.ci/run</c> starts one).
/// Each test gets a schema of its own on it, dropped afterwards. Where the variable is not set
/// the tests skip, saying so; under <c>CI=true</c> they fail instead, so CI cannot pass without
/// having run them.
/// </summary>
public sealed class PostgresBackend : StoreBackend
{
    public const string EnvironmentVariable = "PENINSULA_TEST_POSTGRES";

    /// <summary>A tablespace on a tiny file system (<c>.ci/postgres.sh</c> makes one when run as root), for the full-disk test.</summary>
    public const string FullTablespaceVariable = "PENINSULA_TEST_POSTGRES_FULL_TABLESPACE";

    private readonly string _schema = "test_" + Guid.NewGuid().ToString("N");
    private readonly string? _tablespace;
    private string? _location;

    public PostgresBackend()
    {
    }

    /// <summary>A store whose tables live in <paramref name="tablespace"/>.</summary>
    public PostgresBackend(string tablespace) => _tablespace = tablespace;

    public static string Server => Available(EnvironmentVariable, "a PostgreSQL connection string, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres (bash .ci/run starts a server and sets it)");

    /// <summary>The value of a variable the PostgreSQL tests need: skips without it, fails without it under CI=true.</summary>
    public static string Available(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            var message = $"{variable} is not set: it should hold {what}.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"{message} CI=true, so the PostgreSQL tests must run; .ci/run sets it.");
            }

            Assert.Skip($"PostgreSQL test skipped: {message}");
        }

        return value!;
    }

    public override string Location
    {
        get
        {
            if (_location is null)
            {
                var server = Server;
                using (var connection = new NpgsqlConnection(server))
                {
                    connection.Open();
                    connection.Execute($"CREATE SCHEMA {_schema}");
                }

                // The application name tells this test's connections (and its CLI processes') from
                // those of the tests running beside it on the same server.
                var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = _schema, ApplicationName = _schema };
                if (_tablespace is not null)
                {
                    builder.Options = $"-c default_tablespace={_tablespace}";
                }

                _location = builder.ConnectionString;
            }

            return _location;
        }
    }

    private NpgsqlConnection Connect()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Location) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = Connect();
        await connection.ExecuteAsync(sql);
    }

    public override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Connect();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public override async Task<string> PlanAsync(string sql, object parameters)
    {
        await using var connection = Connect();
        await connection.ExecuteAsync("SET enable_seqscan = off");
        return string.Join("\n", await connection.QueryAsync<string>($"EXPLAIN {sql}", parameters));
    }

    public override string TakenIdsQuery => PostgresEventStore.TakenIdsQuery;

    public override string ForgetMigrationsFrom(int version) => $"DELETE FROM schema_migrations WHERE version >= {version};";

    public override string FailInsertOf(string id) =>
        "CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$; " +
        $"CREATE TRIGGER fail_midway BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.id = '{id}') EXECUTE FUNCTION fail_midway();";

    public override string FailEveryInsertInto(string table) =>
        "CREATE OR REPLACE FUNCTION fail_always() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$; " +
        $"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION fail_always();";

    public override string FailInsertsInto(string table, string condition) =>
        "CREATE OR REPLACE FUNCTION fail_always() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$; " +
        $"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION fail_always();";

    public override string StopFailingInsertsInto(string table) => $"DROP TRIGGER fail_{table} ON {table};";

    public override async Task<bool> SomeoneIsWritingAsync() =>
        await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = current_setting('application_name') AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()") > 0;

    /// <summary>The server process ids of the connections that are writing right now.</summary>
    public async Task<long[]> WritersAsync()
    {
        await using var connection = Connect();
        return [.. await connection.QueryAsync<long>("SELECT pid FROM pg_stat_activity WHERE application_name = current_setting('application_name') AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()")];
    }

    public override void Dispose()
    {
        if (_location is null)
        {
            return;
        }

        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        connection.Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }
}

using System.Globalization;
using System.Reflection;
using Dapper;
using Npgsql;

namespace Peninsula.Storage;

/// <summary>
/// The PostgreSQL schema as numbered migrations (embedded <c>NNNN_name.sql</c> files), each step
/// recorded in <c>schema_migrations</c>. Several processes may start at once: an advisory lock
/// lets one of them migrate while the others wait and then find nothing left to do.
/// </summary>
internal static class PostgresMigrations
{
    private const string Prefix = "migrations/Postgres/";

    // Any fixed number: the key of the advisory lock that serialises migrations.
    private const long MigrationLock = 0x50656e696e73;

    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Latest => All[^1].Version;

    public static int CurrentVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction = null) =>
        connection.ExecuteScalar<bool>("SELECT to_regclass('schema_migrations') IS NOT NULL", transaction: transaction)
            ? connection.ExecuteScalar<int?>("SELECT max(version) FROM schema_migrations", transaction: transaction) ?? 0
            : 0;

    /// <summary>Brings the schema up to date, all steps in one transaction (PostgreSQL's DDL is transactional).</summary>
    public static void Apply(NpgsqlConnection connection, TimeProvider clock, string description)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLock }, transaction);
        var current = CurrentVersion(connection, transaction);
        if (current > Latest)
        {
            throw new StoreVersionException(
                $"{description} has schema version {current}, but this Peninsula knows versions up to {Latest}. " +
                "It was written by a newer Peninsula; upgrade Peninsula to use it. The database was not changed.");
        }

        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)", transaction: transaction);
        foreach (var (version, name, sql) in All.Where(m => m.Version > current))
        {
            connection.Execute(sql, transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = clock.GetUtcNow().UtcDateTime }, transaction);
        }

        transaction.Commit();
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var file = Path.GetFileNameWithoutExtension(resource[Prefix.Length..]);
            var version = int.Parse(file[..4], CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add((version, file[5..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return migrations;
    }
}

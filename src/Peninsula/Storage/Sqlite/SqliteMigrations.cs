using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Peninsula.Storage;

/// <summary>
/// The SQLite schema as numbered migrations (embedded <c>NNNN_name.sql</c> files). The version
/// is kept in <c>PRAGMA user_version</c> and each applied step in <c>schema_migrations</c>.
/// </summary>
internal static class SqliteMigrations
{
    private const string Prefix = "migrations/Sqlite/";

    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Latest => All[^1].Version;

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Brings the schema up to date, each step in its own transaction. Several processes may open
    /// a new store at once: each step takes the write lock first (BEGIN IMMEDIATE) and reads the
    /// version under it, so a step another process has just applied is not applied again.
    /// </summary>
    public static void Apply(SqliteConnection connection, TimeProvider clock)
    {
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = CurrentVersion(connection, transaction);
            if (All.FirstOrDefault(m => m.Version > current) is not { Sql: not null } next)
            {
                transaction.Commit();
                return;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n" +
                next.Sql +
                $"\nINSERT INTO schema_migrations (version, name, applied_at) VALUES ({next.Version}, $name, $at);" +
                $"\nPRAGMA user_version = {next.Version};";
            command.Parameters.AddWithValue("$name", next.Name);
            command.Parameters.AddWithValue("$at", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
            transaction.Commit();
        }
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

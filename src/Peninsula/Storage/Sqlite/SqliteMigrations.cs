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

    /// <summary>Brings the schema up to date, each step in its own transaction.</summary>
    public static void Apply(SqliteConnection connection, TimeProvider clock)
    {
        var current = CurrentVersion(connection);
        foreach (var (version, name, sql) in All.Where(m => m.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n" +
                sql +
                $"\nINSERT INTO schema_migrations (version, name, applied_at) VALUES ({version}, $name, $at);" +
                $"\nPRAGMA user_version = {version};";
            command.Parameters.AddWithValue("$name", name);
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

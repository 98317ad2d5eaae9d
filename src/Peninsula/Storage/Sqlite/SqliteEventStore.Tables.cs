using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Peninsula.Storage;

public sealed partial class SqliteEventStore : IRecordTables
{
    IRecordSnapshot IRecordTables.ReadSnapshot() => new Snapshot(_connection);

    /// <summary>
    /// A read transaction on the store's connection. In WAL mode its first read fixes what it sees,
    /// so one is made at once; writers go on meanwhile and are not seen.
    /// </summary>
    private sealed class Snapshot : IRecordSnapshot
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;

        public Snapshot(SqliteConnection connection)
        {
            _connection = connection;
            _transaction = connection.BeginTransaction(deferred: true);
            _connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master", transaction: _transaction);
        }

        public IEnumerable<object?[]> ReadRows(RecordTable table)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = $"SELECT {table.ColumnList} FROM {table.Name} ORDER BY rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new object?[table.Columns.Count];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : FromSqlite(reader.GetValue(i), table.Columns[i].Kind);
                }

                yield return row;
            }
        }

        public long Count(RecordTable table) => _connection.ExecuteScalar<long>($"SELECT count(*) FROM {table.Name}", transaction: _transaction);

        public void Dispose() => _transaction.Dispose();
    }

    long IRecordTables.Count(RecordTable table) => _connection.ExecuteScalar<long>($"SELECT count(*) FROM {table.Name}");

    void IRecordTables.WriteRows(IReadOnlyList<RecordTable> tables, Func<RecordTable, IEnumerable<object?[]>> rows, CancellationToken cancellationToken)
    {
        Write("loading rows", () =>
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var table in tables)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
                var parameters = table.Columns.Select((_, i) => command.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
                command.Prepare();
                var n = 0;
                foreach (var row in rows(table))
                {
                    if (++n % 10_000 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    for (var i = 0; i < parameters.Length; i++)
                    {
                        parameters[i].Value = ToSqlite(row[i], table.Columns[i].Kind) ?? DBNull.Value;
                    }

                    command.ExecuteNonQuery();
                }
            }

            // The search indexes are derived: rebuilt from what was loaded, as SaveAsync would write them.
            _connection.Execute(
                "DELETE FROM events_fts; INSERT INTO events_fts (id, title, summary, systems, people) " +
                "SELECT id, title, coalesce(summary, ''), " +
                "CASE WHEN system_id IS NULL THEN '' ELSE system_id || ' ' || coalesce(system_name, system_id) || coalesce((SELECT ' ' || group_concat(value, ' ') FROM json_each(system_aliases)), '') END, " +
                "coalesce((SELECT group_concat(value, ' ') FROM json_each(people)), '') FROM events WHERE deleted_at IS NULL; " +
                "DELETE FROM documents_fts; INSERT INTO documents_fts (id, title, body) SELECT id, title, body FROM documents;",
                transaction: transaction);
            transaction.Commit();
            return true;
        });
    }

    private static object? FromSqlite(object value, ColumnKind kind) => kind switch
    {
        ColumnKind.Text or ColumnKind.Json => Convert.ToString(value, CultureInfo.InvariantCulture),
        ColumnKind.Int => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        ColumnKind.Long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ColumnKind.Real => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        ColumnKind.Bool => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        ColumnKind.Date => DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
    };

    private static object? ToSqlite(object? value, ColumnKind kind) => value switch
    {
        null => null,
        bool yes => yes ? 1L : 0L,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => kind switch
        {
            ColumnKind.InstantSeconds => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ColumnKind.InstantMillis => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            _ => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        },
        _ => value,
    };
}

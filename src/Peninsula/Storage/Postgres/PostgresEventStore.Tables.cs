using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Peninsula.Storage;

public sealed partial class PostgresEventStore : IRecordTables
{
    IRecordSnapshot IRecordTables.ReadSnapshot() => new Snapshot(_dataSource.OpenConnection());

    /// <summary>
    /// A read-only repeatable-read transaction on a connection of its own: every read sees the
    /// snapshot its first statement took, made at once; writers go on meanwhile and are not seen.
    /// </summary>
    private sealed class Snapshot : IRecordSnapshot
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;

        public Snapshot(NpgsqlConnection connection)
        {
            _connection = connection;
            try
            {
                _transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
                _connection.Execute("SET TRANSACTION READ ONLY; SELECT 1", transaction: _transaction);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public IEnumerable<object?[]> ReadRows(RecordTable table)
        {
            var key = table.Name switch
            {
                "event_actors" or "event_sources" => "event_id COLLATE \"C\", position",
                "audit" or "watch_log" => "sequence",
                "media_signals" => "global_event_id",
                "signal_days" => "day, event_root_code COLLATE \"C\", quad_class",
                "settings" => "key COLLATE \"C\"",
                "conflicts" => "event_id COLLATE \"C\", field COLLATE \"C\", other_source COLLATE \"C\", other_value COLLATE \"C\"",
                "watches" or "api_keys" => "name COLLATE \"C\"",
                "detected_documents" => "document_id COLLATE \"C\"",
                "question_forecasts" => "question_id COLLATE \"C\", forecaster COLLATE \"C\", as_of",
                _ => "id COLLATE \"C\"",
            };
            using var command = new NpgsqlCommand($"SELECT {table.ColumnList} FROM {table.Name} ORDER BY {key}", _connection, _transaction) { CommandTimeout = 0 };
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new object?[table.Columns.Count];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : table.Columns[i].Kind switch
                    {
                        ColumnKind.Text or ColumnKind.Json => reader.GetString(i),
                        ColumnKind.Int => reader.GetInt32(i),
                        ColumnKind.Long => reader.GetInt64(i),
                        ColumnKind.Real => reader.GetDouble(i),
                        ColumnKind.Date => reader.GetFieldValue<DateOnly>(i),
                        ColumnKind.Bool => reader.GetBoolean(i),
                        _ => Utc(reader.GetFieldValue<DateTime>(i)),
                    };
                }

                yield return row;
            }
        }

        public long Count(RecordTable table) =>
            _connection.ExecuteScalar<long>($"SELECT count(*) FROM {table.Name}", transaction: _transaction, commandTimeout: 0);

        public void Dispose()
        {
            _transaction.Dispose();
            _connection.Dispose();
        }
    }

    long IRecordTables.Count(RecordTable table)
    {
        using var connection = _dataSource.OpenConnection();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {table.Name}", commandTimeout: 0);
    }

    /// <summary>Binary COPY into every table in one transaction; the identity counters then continue after the copied rows.</summary>
    void IRecordTables.WriteRows(IReadOnlyList<RecordTable> tables, Func<RecordTable, IEnumerable<object?[]>> rows, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            foreach (var table in tables)
            {
                var types = table.Columns.Select(c => c.Kind switch
                {
                    ColumnKind.Text => NpgsqlDbType.Text,
                    ColumnKind.Int => NpgsqlDbType.Integer,
                    ColumnKind.Long => NpgsqlDbType.Bigint,
                    ColumnKind.Real => NpgsqlDbType.Double,
                    ColumnKind.Date => NpgsqlDbType.Date,
                    ColumnKind.Json => NpgsqlDbType.Jsonb,
                    ColumnKind.Bool => NpgsqlDbType.Boolean,
                    _ => NpgsqlDbType.TimestampTz,
                }).ToArray();
                using var importer = connection.BeginBinaryImport($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)");
                // Completing a COPY of millions of rows (index upkeep included) takes longer than
                // a command's default 30 seconds; a load waits for it as long as it takes.
                importer.Timeout = TimeSpan.Zero;
                var n = 0;
                foreach (var row in rows(table))
                {
                    if (++n % 10_000 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    importer.StartRow();
                    for (var i = 0; i < types.Length; i++)
                    {
                        switch (row[i])
                        {
                            case null:
                                importer.WriteNull();
                                break;
                            case DateTimeOffset at:
                                importer.Write(at.UtcDateTime, types[i]);
                                break;
                            case var value:
                                importer.Write(value, types[i]);
                                break;
                        }
                    }
                }

                importer.Complete();
            }

            connection.Execute(
                "SELECT setval(pg_get_serial_sequence('audit', 'sequence'), coalesce((SELECT max(sequence) FROM audit), 0) + 1, false); " +
                "SELECT setval(pg_get_serial_sequence('watch_log', 'sequence'), coalesce((SELECT max(sequence) FROM watch_log), 0) + 1, false);",
                transaction: transaction, commandTimeout: 0);
            transaction.Commit();
        }
        catch (Exception ex) when (Translate(ex, Description, "loading rows") is { } translated)
        {
            throw translated;
        }
    }
}

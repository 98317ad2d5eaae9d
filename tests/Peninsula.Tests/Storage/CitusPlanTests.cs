using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Storage;

/// <summary>
/// The PostgreSQL schema, as the migrations make it, keeps the rules of the Citus plan in
/// docs/scaling.md: every table has a place in the plan's table, every key of a distributed table
/// includes its distribution column, and foreign keys stay between colocated tables or point at
/// reference tables. Read from the live schema, so a new migration that breaks a rule (or a
/// table the plan does not name) fails here. There is no Citus in CI; this checks the shape.
/// </summary>
public sealed partial class CitusPlanTests : IDisposable
{
    private readonly PostgresBackend _backend = new();

    private sealed record Placement(string Table, bool Distributed, string? Column, string Group);

    private sealed record Constraint(string Table, char Type, string[] Columns, string? Referenced, string[] ReferencedColumns, string Name);

    [Fact]
    public async Task Every_table_has_a_place_in_the_plan()
    {
        var plan = Plan();
        await using var connection = await MigratedAsync();
        var tables = (await connection.QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).ToList();

        Assert.Empty(tables.Except(plan.Keys));
        Assert.Empty(plan.Keys.Except(tables));
    }

    [Fact]
    public async Task Every_key_of_a_distributed_table_includes_its_distribution_column()
    {
        var (plan, constraints) = await SchemaAsync();

        var breaking = constraints
            .Where(c => c.Type is 'p' or 'u' && plan.TryGetValue(c.Table, out var p) && p.Distributed && !c.Columns.Contains(p.Column))
            .Select(c => $"{c.Name} on {c.Table} ({string.Join(", ", c.Columns)})");
        Assert.Empty(breaking);
    }

    [Fact]
    public async Task Foreign_keys_stay_between_colocated_tables_or_point_at_reference_tables()
    {
        var (plan, constraints) = await SchemaAsync();
        var foreignKeys = constraints.Where(c => c.Type == 'f').ToList();
        Assert.NotEmpty(foreignKeys);

        var breaking = foreignKeys.Where(fk =>
        {
            var from = plan[fk.Table];
            var to = plan[fk.Referenced!];
            if (!to.Distributed)
            {
                return false;
            }

            // A distributed table is referenced only by a table of its colocation group, on the distribution column.
            return !from.Distributed || from.Group != to.Group
                || Array.IndexOf(fk.Columns, from.Column) != Array.IndexOf(fk.ReferencedColumns, to.Column) || Array.IndexOf(fk.Columns, from.Column) < 0;
        }).Select(fk => $"{fk.Name}: {fk.Table} ({string.Join(", ", fk.Columns)}) -> {fk.Referenced} ({string.Join(", ", fk.ReferencedColumns)})");
        Assert.Empty(breaking);
    }

    [Fact]
    public void The_plan_names_the_distribution_column_of_each_distributed_table()
    {
        var plan = Plan();

        Assert.Equal("id", plan["events"].Column);
        Assert.Equal("events", plan["audit"].Group);
        Assert.False(plan["settings"].Distributed);
        Assert.All(plan.Values.Where(p => p.Distributed), p => Assert.False(string.IsNullOrEmpty(p.Column), $"{p.Table} is distributed on no column"));
    }

    /// <summary>The table in docs/scaling.md: "| `a`, `b` | distributed/reference | `column` | `group` or - | why |".</summary>
    private static Dictionary<string, Placement> Plan()
    {
        var text = File.ReadAllText(Path.Combine(BundledRecordTests.RepositoryRoot(), "docs", "scaling.md"));
        var plan = new Dictionary<string, Placement>();
        foreach (Match row in PlanRow().Matches(text))
        {
            var distributed = row.Groups["kind"].Value == "distributed";
            var column = Unquote(row.Groups["column"].Value);
            var colocated = Unquote(row.Groups["with"].Value);
            foreach (var table in Names().Matches(row.Groups["tables"].Value).Select(m => m.Groups[1].Value))
            {
                plan[table] = new Placement(table, distributed, distributed ? column : null, colocated ?? table);
            }
        }

        return plan;

        static string? Unquote(string cell) => cell.Trim() is "-" or "" ? null : cell.Trim().Trim('`');
    }

    private async Task<(Dictionary<string, Placement> Plan, List<Constraint> Constraints)> SchemaAsync()
    {
        var plan = Plan();
        await using var connection = await MigratedAsync();
        var rows = await connection.QueryAsync<(string Table, string Type, string[] Columns, string? Referenced, string[]? ReferencedColumns, string Name)>("""
            SELECT c.conrelid::regclass::text, c.contype::text,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) AS k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k),
                   NULLIF(c.confrelid, 0)::regclass::text,
                   ARRAY(SELECT a.attname::text FROM unnest(c.confkey) AS k JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k),
                   c.conname::text
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f')
            """);
        // Unique indexes that are not constraints count as keys too.
        var indexes = await connection.QueryAsync<(string Table, string[] Columns, string Name)>("""
            SELECT i.indrelid::regclass::text,
                   ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) AS k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k),
                   i.indexrelid::regclass::text
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND i.indisunique
            """);
        var constraints = rows.Select(r => new Constraint(r.Table, r.Type[0], r.Columns, r.Referenced, r.ReferencedColumns ?? [], r.Name))
            .Concat(indexes.Where(i => !rows.Any(r => r.Name == i.Name)).Select(i => new Constraint(i.Table, 'u', i.Columns, null, [], i.Name)))
            .ToList();
        return (plan, constraints);
    }

    /// <summary>A connection to the test's schema, after the store has made it (opening a store migrates it).</summary>
    private async Task<NpgsqlConnection> MigratedAsync()
    {
        await using (_backend.Open())
        {
        }

        var connection = new NpgsqlConnection(_backend.Location);
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose() => _backend.Dispose();

    [GeneratedRegex(@"^\| (?<tables>`[^|]+) \| (?<kind>distributed|reference) \| (?<column>[^|]*) \| (?<with>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex PlanRow();

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex Names();
}

using System.Globalization;
using Dapper;
using Peninsula.Events;

namespace Peninsula.Storage;

public sealed partial class SqliteEventStore
{
    /// <summary>The SQL condition and parameters for a query. Every value is a parameter.</summary>
    private static (string Where, DynamicParameters Parameters) Where(EventQuery query)
    {
        var conditions = new List<string> { "e.deleted_at IS NULL" };
        var parameters = new DynamicParameters();
        if (query.Kinds.Count > 0)
        {
            conditions.Add("e.kind IN @kinds");
            parameters.Add("kinds", query.Kinds.Select(k => k.Slug()).ToArray());
        }

        if (query.Classes.Count > 0)
        {
            conditions.Add("e.class IN @classes");
            parameters.Add("classes", query.Classes.ToArray());
        }

        if (query.System is { } system)
        {
            conditions.Add("(lower(e.system_id) = lower(@system) OR lower(e.system_name) = lower(@system) " +
                           "OR EXISTS (SELECT 1 FROM json_each(e.system_aliases) j WHERE lower(j.value) = lower(@system)))");
            parameters.Add("system", system);
        }

        if (query.Actor is { } actor)
        {
            conditions.Add("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.actor = @actor)");
            parameters.Add("actor", actor);
        }

        if (query.Since is { } since)
        {
            // The first condition can seek an index (no event that started before since minus
            // the longest span in the store can reach since); the second is the exact test.
            conditions.Add("e.korean_date >= date(@since, '-' || (SELECT ifnull(max(julianday(x.end_date) - julianday(x.korean_date)), 0) FROM events x WHERE x.end_date IS NOT NULL) || ' days')");
            conditions.Add("COALESCE(e.end_date, e.korean_date) >= @since");
            parameters.Add("since", since.ToString());
        }

        if (query.Until is { } until)
        {
            conditions.Add("e.korean_date <= @until");
            parameters.Add("until", until.ToString());
        }

        if (FullTextQuery(query.Text) is { } match)
        {
            conditions.Add("e.id IN (SELECT id FROM events_fts WHERE events_fts MATCH @match)");
            parameters.Add("match", match);
        }

        return (string.Join(" AND ", conditions), parameters);
    }

    /// <summary>
    /// Turns what a person types into an FTS5 query: every word must occur; each word is a quoted
    /// phrase so that "KN-23" or "Hwasong-11A" match as written and no FTS syntax leaks through.
    /// </summary>
    internal static string? FullTextQuery(string? text)
    {
        var match = string.Join(" AND ", StoreRules.SearchWords(text).Select(w => $"\"{w}\""));
        return match.Length == 0 ? null : match;
    }

    /// <inheritdoc/>
    public Task<StoreInfo> InfoAsync(CancellationToken cancellationToken = default)
    {
        var counts = _connection.QuerySingle<(long events, long deleted, long sources, long audit)>(
            "SELECT (SELECT count(*) FROM events WHERE deleted_at IS NULL), (SELECT count(*) FROM events WHERE deleted_at IS NOT NULL), " +
            "(SELECT count(*) FROM event_sources s JOIN events e ON e.id = s.event_id WHERE e.deleted_at IS NULL), (SELECT count(*) FROM audit)");
        var range = _connection.QuerySingle<(string? first, string? last)>(
            "SELECT min(korean_date), max(COALESCE(end_date, korean_date)) FROM events WHERE deleted_at IS NULL");
        var byKind = _connection.Query<(string kind, long n)>(
            "SELECT kind, count(*) FROM events WHERE deleted_at IS NULL GROUP BY kind ORDER BY kind").ToDictionary(r => r.kind, r => r.n);
        return Task.FromResult(new StoreInfo(
            Description,
            SqliteMigrations.CurrentVersion(_connection),
            SqliteMigrations.Latest,
            counts.events,
            counts.deleted,
            counts.sources,
            counts.audit,
            range.first is null ? null : KoreanDate.Parse(range.first),
            range.last is null ? null : KoreanDate.Parse(range.last),
            byKind));
    }

    /// <inheritdoc/>
    public async Task<IntegrityReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<string>();
        var problems = new List<string>();

        checks.Add("SQLite integrity check");
        var integrity = _connection.Query<string>("PRAGMA integrity_check").ToList();
        if (integrity is not ["ok"])
        {
            problems.AddRange(integrity.Select(i => $"SQLite integrity: {i}"));
        }

        checks.Add("foreign keys");
        var orphans = _connection.Query<(string table, long rowid, string parent, long fkid)>("PRAGMA foreign_key_check").ToList();
        problems.AddRange(orphans.Select(o => $"{o.table} row {o.rowid.ToString(CultureInfo.InvariantCulture)} refers to a missing {o.parent}"));

        checks.Add("schema version");
        var version = SqliteMigrations.CurrentVersion(_connection);
        if (version != SqliteMigrations.Latest)
        {
            problems.Add($"schema version is {version}, expected {SqliteMigrations.Latest}");
        }

        checks.Add("full-text index matches the events");
        var unindexed = _connection.Query<string>(
            "SELECT id FROM events WHERE deleted_at IS NULL AND id NOT IN (SELECT id FROM events_fts) " +
            "UNION ALL SELECT id FROM events_fts WHERE id NOT IN (SELECT id FROM events WHERE deleted_at IS NULL)").ToList();
        problems.AddRange(unindexed.Select(id => $"event '{id}' and the search index disagree"));

        checks.Add("full-text index matches the documents");
        var unindexedDocuments = _connection.Query<string>(
            "SELECT id FROM documents WHERE id NOT IN (SELECT id FROM documents_fts) " +
            "UNION ALL SELECT id FROM documents_fts WHERE id NOT IN (SELECT id FROM documents)").ToList();
        problems.AddRange(unindexedDocuments.Select(id => $"document '{id}' and the search index disagree"));

        checks.Add("daily signal counts match the media signals");
        var stale = _connection.Query<string>(
            "SELECT day FROM (SELECT day, count(*) AS n FROM media_signals GROUP BY day) s " +
            "WHERE n IS NOT (SELECT sum(signals) FROM signal_days d WHERE d.day = s.day)").ToList();
        problems.AddRange(stale.Select(day => $"the daily signal counts of {day} do not match the signals"));

        checks.Add("every event has an audit entry");
        var unaudited = _connection.Query<string>(
            "SELECT id FROM events WHERE id NOT IN (SELECT entity_id FROM audit WHERE entity = 'event')").ToList();
        problems.AddRange(unaudited.Select(id => $"event '{id}' has no audit entry"));

        checks.Add("every event meets the record's rules (kind, class, dates, actors, at least one source)");
        foreach (var e in await ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false))
        {
            problems.AddRange(EventValidation.Problems(e).Select(p => $"event '{e.Id}', field '{p.Field}': {p.Message}"));
        }

        return new IntegrityReport(checks, problems);
    }
}

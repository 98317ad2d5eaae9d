using Dapper;
using Peninsula.Events;

namespace Peninsula.Storage;

public sealed partial class PostgresEventStore
{
    /// <summary>The SQL condition and parameters for a query. Every value is a parameter.</summary>
    private static (string Where, DynamicParameters Parameters) Where(EventQuery query)
    {
        var conditions = new List<string> { "e.deleted_at IS NULL" };
        var parameters = new DynamicParameters();
        OneOf("e.kind", "kinds", [.. query.Kinds.Select(k => k.Slug())]);
        OneOf("e.class", "classes", [.. query.Classes]);

        if (query.System is { } system)
        {
            conditions.Add("(lower(e.system_id) = lower(@system) OR lower(e.system_name) = lower(@system) " +
                           "OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.system_aliases) j(alias) WHERE lower(j.alias) = lower(@system)))");
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
            conditions.Add("e.korean_date >= @since::date - (SELECT COALESCE(max(x.end_date - x.korean_date), 0) FROM events x WHERE x.end_date IS NOT NULL)");
            conditions.Add("COALESCE(e.end_date, e.korean_date) >= @since::date");
            parameters.Add("since", since.ToString());
        }

        if (query.Until is { } until)
        {
            conditions.Add("e.korean_date <= @until::date");
            parameters.Add("until", until.ToString());
        }

        if (SearchQuery(query.Text, parameters) is { } match)
        {
            conditions.Add($"e.search @@ ({match})");
        }

        return (string.Join(" AND ", conditions), parameters);

        // One value is an equality, not "= ANY(array)": PostgreSQL 15 reads an index in order only
        // for equalities, so a filtered page of one kind and class can stop after its rows.
        void OneOf(string column, string name, string[] values)
        {
            if (values.Length == 1)
            {
                conditions.Add($"{column} = @{name}");
                parameters.Add(name, values[0]);
            }
            else if (values.Length > 1)
            {
                conditions.Add($"{column} = ANY(@{name})");
                parameters.Add(name, values);
            }
        }
    }

    /// <summary>
    /// Turns what a person types into a <c>tsquery</c>: every word must occur, each word as a
    /// phrase (so "KN-23" matches as written), every word a parameter so no query syntax leaks in.
    /// </summary>
    private static string? SearchQuery(string? text, DynamicParameters parameters)
    {
        var words = StoreRules.SearchWords(text);
        for (var i = 0; i < words.Count; i++)
        {
            parameters.Add($"word{i}", words[i]);
        }

        return words.Count == 0 ? null : string.Join(" && ", words.Select((_, i) => $"phraseto_tsquery('simple', @word{i})"));
    }

    /// <inheritdoc/>
    public Task<StoreInfo> InfoAsync(CancellationToken cancellationToken = default) =>
        ReadAsync("reading the store's counts", async connection =>
        {
            var counts = await connection.QuerySingleAsync<(long events, long deleted, long sources, long audit, string? first, string? last)>(new CommandDefinition(
                "SELECT (SELECT count(*) FROM events WHERE deleted_at IS NULL), (SELECT count(*) FROM events WHERE deleted_at IS NOT NULL), " +
                "(SELECT count(*) FROM event_sources s JOIN events e ON e.id = s.event_id WHERE e.deleted_at IS NULL), (SELECT count(*) FROM audit), " +
                "(SELECT to_char(min(korean_date), 'YYYY-MM-DD') FROM events WHERE deleted_at IS NULL), " +
                "(SELECT to_char(max(COALESCE(end_date, korean_date)), 'YYYY-MM-DD') FROM events WHERE deleted_at IS NULL)",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            var byKind = (await connection.QueryAsync<(string kind, long n)>(new CommandDefinition(
                "SELECT kind, count(*) FROM events WHERE deleted_at IS NULL GROUP BY kind ORDER BY kind COLLATE \"C\"", cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToDictionary(r => r.kind, r => r.n);
            return new StoreInfo(
                Description,
                PostgresMigrations.CurrentVersion(connection),
                PostgresMigrations.Latest,
                counts.events,
                counts.deleted,
                counts.sources,
                counts.audit,
                counts.first is null ? null : KoreanDate.Parse(counts.first),
                counts.last is null ? null : KoreanDate.Parse(counts.last),
                byKind);
        }, cancellationToken);

    /// <inheritdoc/>
    public async Task<IntegrityReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<string>();
        var problems = new List<string>();
        await ReadAsync("checking the store", async connection =>
        {
            async Task<List<string>> Rows(string sql) =>
                [.. await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false)];

            checks.Add("schema version");
            var version = PostgresMigrations.CurrentVersion(connection);
            if (version != PostgresMigrations.Latest)
            {
                problems.Add($"schema version is {version}, expected {PostgresMigrations.Latest}");
            }

            checks.Add("actors and sources belong to stored events");
            problems.AddRange((await Rows(
                "SELECT 'actor of ' || event_id FROM event_actors a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id) " +
                "UNION ALL SELECT 'source of ' || event_id FROM event_sources s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = s.event_id)").ConfigureAwait(false))
                .Select(r => $"{r} refers to a missing event"));

            checks.Add("search vectors match the events and documents");
            problems.AddRange((await Rows(
                "SELECT 'event ''' || id || '''' FROM events WHERE search IS NULL UNION ALL SELECT 'document ''' || id || '''' FROM documents WHERE search IS NULL").ConfigureAwait(false))
                .Select(r => $"{r} and the search index disagree"));

            checks.Add("daily signal counts match the media signals");
            problems.AddRange((await Rows(
                "SELECT to_char(s.day, 'YYYY-MM-DD') FROM (SELECT day, count(*) AS n FROM media_signals GROUP BY day) s " +
                "WHERE s.n IS DISTINCT FROM (SELECT sum(signals) FROM signal_days d WHERE d.day = s.day)").ConfigureAwait(false))
                .Select(day => $"the daily signal counts of {day} do not match the signals"));

            checks.Add("every event has an audit entry");
            problems.AddRange((await Rows(
                "SELECT id FROM events e WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity_id = e.id AND a.entity = 'event')").ConfigureAwait(false))
                .Select(id => $"event '{id}' has no audit entry"));
            return true;
        }, cancellationToken).ConfigureAwait(false);

        checks.Add("every event meets the record's rules (kind, class, dates, actors, at least one source)");
        foreach (var e in await ListAsync(EventQuery.All, cancellationToken).ConfigureAwait(false))
        {
            problems.AddRange(EventValidation.Problems(e).Select(p => $"event '{e.Id}', field '{p.Field}': {p.Message}"));
        }

        return new IntegrityReport(checks, problems);
    }
}

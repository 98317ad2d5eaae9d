namespace Peninsula.Storage;

/// <summary>How a column's values travel between backends (the in-memory type in brackets).</summary>
internal enum ColumnKind
{
    /// <summary>Text [string].</summary>
    Text,

    /// <summary>A 32-bit integer [int].</summary>
    Int,

    /// <summary>A 64-bit integer [long].</summary>
    Long,

    /// <summary>A floating-point number [double].</summary>
    Real,

    /// <summary>A calendar day, YYYY-MM-DD in SQLite, <c>date</c> in PostgreSQL [DateOnly].</summary>
    Date,

    /// <summary>An instant kept to the second (SQLite text <c>yyyy-MM-ddTHH:mm:ssZ</c>) [DateTimeOffset, UTC].</summary>
    InstantSeconds,

    /// <summary>An instant kept to the millisecond (SQLite text <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>) [DateTimeOffset, UTC].</summary>
    InstantMillis,

    /// <summary>An instant as the source gave it (SQLite round-trip text <c>O</c>) [DateTimeOffset, UTC].</summary>
    InstantRoundTrip,

    /// <summary>A JSON document, <c>jsonb</c> in PostgreSQL [string].</summary>
    Json,

    /// <summary>Yes or no, 0 or 1 in SQLite, <c>boolean</c> in PostgreSQL [bool].</summary>
    Bool,
}

/// <summary>One table of the record as both backends hold it, with the columns that carry data (no generated ones).</summary>
internal sealed record RecordTable(string Name, IReadOnlyList<(string Name, ColumnKind Kind)> Columns)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}

/// <summary>
/// The tables that make up a whole record, in an order that satisfies the foreign keys. A copy
/// between stores moves exactly these, so the audit trail, deleted events, documents, signals,
/// conflicts, watches, the review queue and the forecasting questions all travel with the events.
/// </summary>
internal static class RecordTables
{
    private const ColumnKind T = ColumnKind.Text;
    private const ColumnKind I = ColumnKind.Int;
    private const ColumnKind L = ColumnKind.Long;
    private const ColumnKind R = ColumnKind.Real;
    private const ColumnKind D = ColumnKind.Date;
    private const ColumnKind S = ColumnKind.InstantSeconds;
    private const ColumnKind M = ColumnKind.InstantMillis;
    private const ColumnKind O = ColumnKind.InstantRoundTrip;
    private const ColumnKind J = ColumnKind.Json;
    private const ColumnKind B = ColumnKind.Bool;

    public static readonly RecordTable Events = new("events",
    [
        ("id", T), ("kind", T), ("class", T), ("korean_date", D), ("date_precision", T), ("end_date", D), ("utc_instant", S), ("people", J),
        ("system_id", T), ("system_name", T), ("system_aliases", J), ("site_name", T), ("site_lat", R), ("site_lon", R), ("number_fired", L),
        ("apogee_km", R), ("range_km", R), ("landing_area", T), ("yield_kt", R), ("yield_kt_low", R), ("yield_kt_high", R), ("magnitude", R), ("outcome", T),
        ("title", T), ("summary", T), ("version", L), ("created_at", M), ("updated_at", M), ("deleted_at", M),
    ]);

    public static readonly RecordTable EventActors = new("event_actors", [("event_id", T), ("position", I), ("actor", T)]);

    public static readonly RecordTable EventSources = new("event_sources",
    [
        ("event_id", T), ("position", I), ("name", T), ("url", T), ("source_date", T), ("original_label", T), ("dataset", T), ("record", T), ("importer", T),
    ]);

    public static readonly RecordTable Audit = new("audit",
    [
        ("sequence", L), ("at", M), ("operation", T), ("entity", T), ("entity_id", T), ("origin", T), ("before_json", T), ("after_json", T),
    ]);

    public static readonly IReadOnlyList<RecordTable> All =
    [
        Events,
        EventActors,
        EventSources,
        Audit,
        new("settings", [("key", T), ("value", T)]),
        new("documents",
        [
            ("id", T), ("korean_date", D), ("published_at", O), ("title", T), ("body", T), ("links", J), ("topics", J), ("source", T), ("importer", T),
            ("dataset", T), ("record", T), ("created_at", M), ("updated_at", M),
        ]),
        new("media_signals",
        [
            ("global_event_id", L), ("day", D), ("date_added", O), ("actor1_country", T), ("actor2_country", T), ("action_country", T), ("event_code", T),
            ("event_root_code", T), ("quad_class", I), ("goldstein", R), ("num_mentions", L), ("avg_tone", R), ("source_url", T), ("importer", T),
            ("dataset", T), ("record", T),
        ]),
        new("signal_days", [("day", D), ("event_root_code", T), ("quad_class", I), ("signals", L), ("mentions", L), ("mean_tone", R)]),
        new("conflicts",
        [
            ("event_id", T), ("field", T), ("kept_value", T), ("kept_source", T), ("other_value", T), ("other_source", T), ("rule", T), ("first_seen", M),
        ]),
        new("watches",
        [
            ("name", T), ("url", T), ("every_seconds", L), ("etag", T), ("last_modified", T), ("last_polled_at", M), ("next_poll_at", M), ("failures", L),
            ("last_status", T), ("created_at", M),
        ]),
        new("watch_log", [("sequence", L), ("at", M), ("name", T), ("message", T)]),
        new("api_keys", [("name", T), ("hash", T), ("prefix", T), ("created_at", M), ("revoked_at", M)]),
        new("review_queue",
        [
            ("id", T), ("status", T), ("korean_date", D), ("kind", T), ("class", T), ("publishers", I), ("proposal", T), ("created_at", M), ("updated_at", M),
            ("decided_by", T), ("decided_at", M), ("event_id", T), ("note", T),
        ]),
        new("detected_documents", [("document_id", T), ("detected_at", M)]),
        new("questions",
        [
            ("id", T), ("title", T), ("target", T), ("filter", T), ("opens", D), ("closes", D), ("url", T), ("outcome", B), ("resolved_on", D),
            ("resolving_event", T),
        ]),
        new("question_forecasts", [("question_id", T), ("forecaster", T), ("as_of", D), ("probability", R), ("url", T), ("entered", M), ("withdrawn", M)]),
    ];
}

/// <summary>Whole-table reads and bulk writes, for copying a record between stores and for loading one fast.</summary>
internal interface IRecordTables
{
    /// <summary>
    /// The tables as they stand now: every read of the snapshot sees the record of this moment,
    /// whatever other processes write meanwhile, so that a copy's tables agree with each other.
    /// </summary>
    IRecordSnapshot ReadSnapshot();

    /// <summary>Rows in a table.</summary>
    long Count(RecordTable table);

    /// <summary>
    /// Appends rows to the tables in one transaction, all or nothing, then rebuilds what the
    /// backend derives from them (search index, identity counters).
    /// </summary>
    void WriteRows(IReadOnlyList<RecordTable> tables, Func<RecordTable, IEnumerable<object?[]>> rows, CancellationToken cancellationToken);
}

/// <summary>The record's tables as of one moment (a read transaction, ended on dispose).</summary>
internal interface IRecordSnapshot : IDisposable
{
    /// <summary>Every row of a table, in key order, as the in-memory types of <see cref="ColumnKind"/>.</summary>
    IEnumerable<object?[]> ReadRows(RecordTable table);

    /// <summary>Rows in a table.</summary>
    long Count(RecordTable table);
}

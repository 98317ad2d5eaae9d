using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>One row of <c>missile-tests.csv</c>: one missile, dated in UTC.</summary>
internal sealed record MissileTestRow(
    string File,
    long Line,
    DateOnly DateUtc,
    DatePrecision Precision,
    TimeOnly? TimeUtc,
    string MissileId,
    string MissileName,
    string MissileClass,
    string FacilityId,
    string FacilityName,
    double? Latitude,
    double? Longitude,
    string Landing,
    double? ApogeeKm,
    double? DistanceKm,
    Outcome Outcome)
{
    /// <summary>
    /// Who reported the launch, when a table names its own source per row (optional <c>source</c> and
    /// <c>url</c> columns, as in a newer edition compiled from reports); null for the CNS database's rows.
    /// </summary>
    public string? SourceName { get; init; }

    /// <summary>The report's address, with <see cref="SourceName"/>; null for the CNS database's rows.</summary>
    public string? SourceUrl { get; init; }

    public static readonly IReadOnlyList<string> Columns =
    [
        "date_utc", "time_utc", "missile_id", "missile_name", "missile_class", "facility_id", "facility_name",
        "facility_lat", "facility_lon", "landing", "apogee_km", "distance_km", "outcome",
    ];

    /// <summary>The launch instant, when the time is known.</summary>
    public DateTimeOffset? Instant => TimeUtc is { } t && Precision == DatePrecision.Day
        ? new DateTimeOffset(DateUtc.ToDateTime(t), TimeSpan.Zero)
        : null;

    /// <summary>The Korean date: exact when the time is known, otherwise the UTC date (the Korean date is that day or the next).</summary>
    public KoreanDate KoreanDate => Instant is { } i ? KoreanDate.FromInstant(i) : new KoreanDate(DateUtc);

    public string DateText => Precision == DatePrecision.Month
        ? DateUtc.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : DateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (TimeUtc is { } t ? $"T{t:HH\\:mm}Z" : "");

    public static IReadOnlyList<MissileTestRow> Read(TextReader text, string file) =>
        [.. CsvTable.Read(text, file, Columns).Records.Select(Parse)];

    private static MissileTestRow Parse(CsvRecord r)
    {
        var dateText = r.Required("date_utc");
        DateOnly date;
        DatePrecision precision;
        if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            precision = DatePrecision.Day;
        }
        else if (DateOnly.TryParseExact(dateText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            precision = DatePrecision.Month;
        }
        else
        {
            throw r.Error("date_utc", $"'{dateText}' is not a date of the form YYYY-MM-DD or YYYY-MM.");
        }

        TimeOnly? time = null;
        if (r.Optional("time_utc") is { } timeText)
        {
            time = TimeOnly.TryParseExact(timeText, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw r.Error("time_utc", $"'{timeText}' is not a time of the form HH:MM.");
        }

        var missileClass = r.Required("missile_class").ToLowerInvariant();
        if (!Taxonomy.MissileClasses.Contains(missileClass))
        {
            throw r.Error("missile_class", $"'{missileClass}' is not a missile class: use one of {string.Join(", ", Taxonomy.MissileClasses)}.");
        }

        var outcomeText = r.Required("outcome");
        if (!Enum.TryParse<Outcome>(outcomeText, ignoreCase: true, out var outcome) || int.TryParse(outcomeText, CultureInfo.InvariantCulture, out _))
        {
            throw r.Error("outcome", $"'{outcomeText}' is not an outcome: use success, failure or unknown.");
        }

        return new MissileTestRow(
            r.File, r.Line, date, precision, time,
            r.Required("missile_id"), r.Required("missile_name"), missileClass,
            r.Required("facility_id"), r.Required("facility_name"),
            r.OptionalNumber("facility_lat"), r.OptionalNumber("facility_lon"),
            r.Optional("landing") ?? "unknown", r.OptionalNumber("apogee_km"), r.OptionalNumber("distance_km"), outcome)
        {
            SourceName = r.Optional("source"),
            SourceUrl = ProvocationRow.CheckedUrl(r, "url"),
        };
    }
}

/// <summary>One row of <c>provocations.csv</c>: one incident, dated as reported in Korea.</summary>
internal sealed record ProvocationRow(
    string File,
    long Line,
    KoreanDate Date,
    string Category,
    string Label,
    string Source,
    string SourceType,
    string? Url,
    string Leader)
{
    public static readonly IReadOnlyList<string> Columns = ["date", "category", "event", "source", "source_type", "url", "leader"];

    public static IReadOnlyList<ProvocationRow> Read(TextReader text, string file) =>
        [.. CsvTable.Read(text, file, Columns).Records.Select(r => new ProvocationRow(
            r.File, r.Line, r.RequiredDate("date"), r.Required("category"), r.Required("event"),
            r.Required("source"), r.Optional("source_type") ?? "", CheckedUrl(r, "url"), r.Optional("leader") ?? ""))];

    internal static string? CheckedUrl(CsvRecord r, string column)
    {
        var url = r.Optional(column);
        return url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? url
            : throw r.Error(column, $"'{url}' is not an http or https address.");
    }
}

using System.Globalization;
using System.Text.Json;
using Peninsula.Events;

namespace Peninsula.Storage;

/// <summary>An event as the relational stores keep it: one row plus actors and sources as JSON aggregates.</summary>
internal sealed class EventRow
{
    public string id { get; set; } = "";
    public string kind { get; set; } = "";
    public string? @class { get; set; }
    public string korean_date { get; set; } = "";
    public string date_precision { get; set; } = "day";
    public string? end_date { get; set; }
    public string? utc_instant { get; set; }
    public string? people { get; set; }
    public string? system_id { get; set; }
    public string? system_name { get; set; }
    public string? system_aliases { get; set; }
    public string? site_name { get; set; }
    public double? site_lat { get; set; }
    public double? site_lon { get; set; }
    public long? number_fired { get; set; }
    public double? apogee_km { get; set; }
    public double? range_km { get; set; }
    public string? landing_area { get; set; }
    public double? yield_kt { get; set; }
    public double? yield_kt_low { get; set; }
    public double? yield_kt_high { get; set; }
    public double? magnitude { get; set; }
    public string? outcome { get; set; }
    public string title { get; set; } = "";
    public string? summary { get; set; }
    public string? actors_json { get; set; }
    public string? sources_json { get; set; }
    public bool is_deleted { get; set; }
    public long version { get; set; }

    public static object Parameters(Event e) => new
    {
        id = e.Id,
        kind = e.Kind.Slug(),
        @class = e.Class,
        korean_date = e.Date.ToString(),
        date_precision = e.DatePrecision == DatePrecision.Month ? "month" : "day",
        end_date = e.EndDate?.ToString(),
        utc_instant = e.UtcInstant?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        people = e.People.Count == 0 ? null : JsonSerializer.Serialize(e.People),
        system_id = e.System?.Id,
        system_name = e.System?.Name,
        system_aliases = e.System is null ? null : JsonSerializer.Serialize(e.System.Aliases),
        site_name = e.Site?.Name,
        site_lat = e.Site?.Latitude,
        site_lon = e.Site?.Longitude,
        number_fired = e.Figures.NumberFired,
        apogee_km = e.Figures.ApogeeKm,
        range_km = e.Figures.RangeKm,
        landing_area = e.Figures.LandingArea,
        yield_kt = e.Figures.YieldKt,
        yield_kt_low = e.Figures.YieldKtLow,
        yield_kt_high = e.Figures.YieldKtHigh,
        magnitude = e.Figures.Magnitude,
        outcome = e.Outcome?.ToString().ToLowerInvariant(),
        title = e.Title,
        summary = e.Summary,
    };

    public Event ToEvent()
    {
        var figures = new EventFigures
        {
            NumberFired = number_fired is null ? null : (int)number_fired,
            ApogeeKm = apogee_km,
            RangeKm = range_km,
            LandingArea = landing_area,
            YieldKt = yield_kt,
            YieldKtLow = yield_kt_low,
            YieldKtHigh = yield_kt_high,
            Magnitude = magnitude,
        };
        return new Event
        {
            Id = id,
            Kind = Taxonomy.ParseKind(kind),
            Class = @class,
            Date = KoreanDate.Parse(korean_date),
            DatePrecision = date_precision == "month" ? DatePrecision.Month : DatePrecision.Day,
            EndDate = end_date is null ? null : KoreanDate.Parse(end_date),
            UtcInstant = utc_instant is null ? null : DateTimeOffset.Parse(utc_instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Actors = actors_json is null ? [] : JsonSerializer.Deserialize<List<string>>(actors_json) ?? [],
            People = people is null ? [] : JsonSerializer.Deserialize<List<string>>(people) ?? [],
            System = system_id is null ? null : new WeaponSystem(system_id, system_name ?? system_id, JsonSerializer.Deserialize<List<string>>(system_aliases ?? "[]") ?? []),
            Site = site_name is null ? null : new Place(site_name, site_lat, site_lon),
            Figures = figures,
            Outcome = outcome is null ? null : Enum.Parse<Outcome>(outcome, ignoreCase: true),
            Title = title,
            Summary = summary,
            Sources = sources_json is null ? [] : (JsonSerializer.Deserialize<List<SourceRow>>(sources_json) ?? [])
                .Select(s => new EventSource(s.name, s.url, s.source_date, s.original_label, s.dataset, s.record, s.importer)).ToList(),
        };
    }

    /// <summary>The text indexed for search: the system's name and every alias.</summary>
    public static string SystemsText(Event e) =>
        e.System is null ? "" : string.Join(" ", new[] { e.System.Id, e.System.Name }.Concat(e.System.Aliases));

    internal sealed record SourceRow(string name, string? url, string? source_date, string? original_label, string? dataset, string? record, string? importer);
}

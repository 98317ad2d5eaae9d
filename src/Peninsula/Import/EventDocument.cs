using System.Globalization;
using System.Text.Json.Serialization;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>
/// The project's own JSON form of an event: snake_case keys, every key always present, dates as
/// <c>YYYY-MM-DD</c> Korean dates and instants as ISO 8601 UTC. Documented in docs/json-format.md;
/// other tools read it, so change it only by adding keys.
/// </summary>
internal sealed class EventDocument
{
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? Class { get; set; }
    public string? Date { get; set; }
    public string? DatePrecision { get; set; }
    public string? EndDate { get; set; }
    public string? UtcInstant { get; set; }
    public List<string>? Actors { get; set; }
    public List<string>? People { get; set; }
    public SystemDocument? System { get; set; }
    public SiteDocument? Site { get; set; }
    public FiguresDocument? Figures { get; set; }
    public string? Outcome { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public List<SourceDocument>? Sources { get; set; }

    internal sealed class SystemDocument
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public List<string>? Aliases { get; set; }
    }

    internal sealed class SiteDocument
    {
        public string? Name { get; set; }
        [JsonPropertyName("lat")]
        public double? Latitude { get; set; }
        [JsonPropertyName("lon")]
        public double? Longitude { get; set; }
    }

    internal sealed class FiguresDocument
    {
        public int? NumberFired { get; set; }
        public double? ApogeeKm { get; set; }
        public double? RangeKm { get; set; }
        public string? LandingArea { get; set; }
        public double? YieldKt { get; set; }
        public double? YieldKtLow { get; set; }
        public double? YieldKtHigh { get; set; }
        public double? Magnitude { get; set; }
    }

    internal sealed class SourceDocument
    {
        public string? Name { get; set; }
        public string? Url { get; set; }
        public string? Date { get; set; }
        public string? OriginalLabel { get; set; }
        public string? Dataset { get; set; }
        public string? Record { get; set; }
        public string? Importer { get; set; }
    }

    public static EventDocument From(Event e) => new()
    {
        Id = e.Id,
        Kind = e.Kind.Slug(),
        Class = e.Class,
        Date = e.Date.ToString(),
        DatePrecision = e.DatePrecision == Events.DatePrecision.Month ? "month" : "day",
        EndDate = e.EndDate?.ToString(),
        UtcInstant = e.UtcInstant?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Actors = [.. e.Actors],
        People = [.. e.People],
        System = e.System is { } s ? new SystemDocument { Id = s.Id, Name = s.Name, Aliases = [.. s.Aliases] } : null,
        Site = e.Site is { } p ? new SiteDocument { Name = p.Name, Latitude = p.Latitude, Longitude = p.Longitude } : null,
        Figures = new FiguresDocument
        {
            NumberFired = e.Figures.NumberFired,
            ApogeeKm = e.Figures.ApogeeKm,
            RangeKm = e.Figures.RangeKm,
            LandingArea = e.Figures.LandingArea,
            YieldKt = e.Figures.YieldKt,
            YieldKtLow = e.Figures.YieldKtLow,
            YieldKtHigh = e.Figures.YieldKtHigh,
            Magnitude = e.Figures.Magnitude,
        },
        Outcome = e.Outcome?.ToString().ToLowerInvariant(),
        Title = e.Title,
        Summary = e.Summary,
        Sources = [.. e.Sources.Select(x => new SourceDocument
        {
            Name = x.Name, Url = x.Url, Date = x.Date, OriginalLabel = x.OriginalLabel, Dataset = x.Dataset, Record = x.Record, Importer = x.Importer,
        })],
    };

    /// <summary>Turns the document into a valid event or throws an <see cref="InputException"/> naming the field.</summary>
    public Event ToEvent(string? file, long? line)
    {
        InputException Bad(string field, string message) => new(Id is null ? message : $"event '{Id}': {message}", file, line, field);

        var id = Id ?? throw Bad("id", "the id is missing.");
        var kind = Kind is null ? throw Bad("kind", "the kind is missing.") : Taxonomy.ParseKind(Kind, file, line);
        if (Date is null || !KoreanDate.TryParse(Date, out var date))
        {
            throw Bad("date", KoreanDate.NotADate(Date));
        }

        var precision = DatePrecision switch
        {
            null or "day" => Events.DatePrecision.Day,
            "month" => Events.DatePrecision.Month,
            _ => throw Bad("date_precision", $"'{DatePrecision}' is not a date precision: use day or month."),
        };
        KoreanDate? end = null;
        if (EndDate is not null)
        {
            end = KoreanDate.TryParse(EndDate, out var e) ? e : throw Bad("end_date", $"'{EndDate}' is not a date of the form YYYY-MM-DD.");
        }

        DateTimeOffset? instant = null;
        if (UtcInstant is not null)
        {
            instant = DateTimeOffset.TryParse(UtcInstant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var i)
                ? i
                : throw Bad("utc_instant", $"'{UtcInstant}' is not an ISO 8601 instant such as 2017-09-03T03:30:00Z.");
        }

        Outcome? outcome = null;
        if (Outcome is not null)
        {
            outcome = Enum.TryParse<Outcome>(Outcome, ignoreCase: true, out var o) && !int.TryParse(Outcome, CultureInfo.InvariantCulture, out _)
                ? o
                : throw Bad("outcome", $"'{Outcome}' is not an outcome: use success, failure, partial or unknown.");
        }

        var figures = Figures is null ? EventFigures.None : new EventFigures
        {
            NumberFired = Figures.NumberFired,
            ApogeeKm = Figures.ApogeeKm,
            RangeKm = Figures.RangeKm,
            LandingArea = Figures.LandingArea,
            YieldKt = Figures.YieldKt,
            YieldKtLow = Figures.YieldKtLow,
            YieldKtHigh = Figures.YieldKtHigh,
            Magnitude = Figures.Magnitude,
        };

        var ev = new Event
        {
            Id = id,
            Kind = kind,
            Class = Class,
            Date = date,
            DatePrecision = precision,
            EndDate = end,
            UtcInstant = instant,
            Actors = Actors ?? [],
            People = People ?? [],
            System = System is null ? null : new WeaponSystem(System.Id ?? "", System.Name ?? "", System.Aliases ?? []),
            Site = Site is null ? null : new Place(Site.Name ?? "", Site.Latitude, Site.Longitude),
            Figures = figures,
            Outcome = outcome,
            Title = Title ?? "",
            Summary = Summary,
            Sources = [.. (Sources ?? []).Select(s => new EventSource(s.Name ?? "", s.Url, s.Date, s.OriginalLabel, s.Dataset, s.Record, s.Importer))],
        };
        return ev.Validated(file, line);
    }
}

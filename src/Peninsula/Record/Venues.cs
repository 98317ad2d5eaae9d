using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Record;

/// <summary>A place the context calendars name (a city, an air base, a sea), with coordinates and their source.</summary>
/// <param name="Name">The name shown.</param>
/// <param name="Latitude">Latitude in decimal degrees (WGS 84).</param>
/// <param name="Longitude">Longitude in decimal degrees (WGS 84).</param>
/// <param name="Aliases">Other names the calendars use for it.</param>
/// <param name="SourceUrl">Where the coordinates come from.</param>
internal sealed record Venue(string Name, double Latitude, double Longitude, IReadOnlyList<string> Aliases, string SourceUrl);

/// <summary>
/// The gazetteer of the places the context calendars name (<c>data/gazetteer/venues.csv</c>): where
/// talks were held, where a carrier called, where an envoy went. A calendar row whose <c>place</c>
/// it knows is drawn on the map there; a row naming a country or a stretch of sea without a point
/// (South Korea, "waters south of Jeju Island") is left off the map rather than put at a guess.
/// </summary>
internal sealed class Venues
{
    private static readonly IReadOnlyList<string> Columns = ["name", "latitude", "longitude", "source_url"];
    private readonly Dictionary<string, Venue> _byName;

    private Venues(List<Venue> all, Dictionary<string, Venue> byName) => (All, _byName) = (all, byName);

    /// <summary>Every place, in the file's order.</summary>
    public IReadOnlyList<Venue> All { get; }

    public static Venues Read(TextReader text, string file)
    {
        var all = new List<Venue>();
        var byName = new Dictionary<string, Venue>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in CsvTable.Read(text, file, Columns, ["aliases", "source_name", "note"]).Records)
        {
            var latitude = r.OptionalNumber("latitude") ?? throw r.Error("latitude", "the value is empty.");
            var longitude = r.OptionalNumber("longitude") ?? throw r.Error("longitude", "the value is empty.");
            if (latitude is < -90 or > 90)
            {
                throw r.Error("latitude", $"{latitude} is not a latitude (-90 to 90).");
            }

            if (longitude is < -180 or > 180)
            {
                throw r.Error("longitude", $"{longitude} is not a longitude (-180 to 180).");
            }

            var venue = new Venue(r.Required("name"), latitude, longitude, r.List("aliases"), ProvocationRow.CheckedUrl(r, "source_url")!);
            foreach (var name in venue.Aliases.Prepend(venue.Name))
            {
                if (!byName.TryAdd(name, venue))
                {
                    throw r.Error("aliases", $"'{name}' already names the place '{byName[name].Name}'.");
                }
            }

            all.Add(venue);
        }

        return new Venues(all, byName);
    }

    /// <summary>
    /// The place a calendar's <c>place</c> names: the whole text, or the part before a bracket or
    /// a semicolon ("Panmunjom (Peace House, southern side of JSA)" is Panmunjom, "Seoul;
    /// Panmunjom" is Seoul, where the visit began); null when the gazetteer does not know it.
    /// </summary>
    public Venue? Find(string? place)
    {
        if (place is null)
        {
            return null;
        }

        var name = place.Split([';', '('], 2)[0].Trim();
        return _byName.TryGetValue(place.Trim(), out var whole) ? whole : _byName.GetValueOrDefault(name);
    }

    /// <summary>The event's site: the row's own words for the place, at the gazetteer's coordinates.</summary>
    public Place? SiteOf(string? place) => Find(place) is { } venue ? new Place(place!.Trim(), venue.Latitude, venue.Longitude) : null;
}

using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Record;

/// <summary>The weapon systems the record knows, by id, with their other designations (<c>data/gazetteer/weapon-systems.csv</c>).</summary>
internal sealed class WeaponSystemCatalog
{
    private static readonly IReadOnlyList<string> Columns = ["id", "name", "class", "aliases"];
    private readonly Dictionary<string, (WeaponSystem System, string Class)> _byId;

    private WeaponSystemCatalog(Dictionary<string, (WeaponSystem, string)> byId) => _byId = byId;

    public IEnumerable<(WeaponSystem System, string Class)> All => _byId.Values;

    public static WeaponSystemCatalog Read(TextReader text, string file)
    {
        var byId = new Dictionary<string, (WeaponSystem, string)>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(text, file, Columns, ["note"]).Records)
        {
            var id = r.Required("id");
            var missileClass = r.Required("class");
            if (!Taxonomy.MissileClasses.Contains(missileClass))
            {
                throw r.Error("class", $"'{missileClass}' is not a missile class: use one of {string.Join(", ", Taxonomy.MissileClasses)}.");
            }

            if (!byId.TryAdd(id, (new WeaponSystem(id, r.Required("name"), r.List("aliases")), missileClass)))
            {
                throw r.Error("id", $"'{id}' is listed twice.");
            }
        }

        return new WeaponSystemCatalog(byId);
    }

    public WeaponSystem? Find(string id) => _byId.TryGetValue(id, out var entry) ? entry.System : null;

    /// <summary>The class of a named system, or null when the id is not a system the gazetteer knows.</summary>
    public string? ClassOf(string id) => _byId.TryGetValue(id, out var entry) ? entry.Class : null;
}

/// <summary>A launch site of <c>data/gazetteer/sites.csv</c>: one place however the tables spell it.</summary>
/// <param name="Id">The site's id (the missile table's facility id where it has one).</param>
/// <param name="Name">The name shown.</param>
/// <param name="Latitude">Latitude in decimal degrees (WGS 84); null for an area that reports name but no source we found locates.</param>
/// <param name="Longitude">Longitude in decimal degrees (WGS 84); null with the latitude.</param>
/// <param name="Aliases">Other ids and spellings that name it in the sources.</param>
/// <param name="SourceUrl">Where the coordinates come from.</param>
internal sealed record LaunchSite(string Id, string Name, double? Latitude, double? Longitude, IReadOnlyList<string> Aliases, string SourceUrl)
{
    /// <summary>Whether this is one of the satellite launching stations (Sohae, Tonghae), where a lone unidentified rocket is a satellite launch.</summary>
    public bool IsSatelliteStation => Name.Contains("Satellite", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The gazetteer of launch sites (<c>data/gazetteer/sites.csv</c>) onto which every import maps the names of launch sites.</summary>
internal sealed class LaunchSites
{
    private static readonly IReadOnlyList<string> Columns = ["id", "name", "source_url"];
    private readonly Dictionary<string, LaunchSite> _byName;

    private LaunchSites(List<LaunchSite> sites, Dictionary<string, LaunchSite> byName) => (All, _byName) = (sites, byName);

    /// <summary>Every site, in the file's order.</summary>
    public IReadOnlyList<LaunchSite> All { get; }

    public static LaunchSites Read(TextReader text, string file)
    {
        var sites = new List<LaunchSite>();
        var byName = new Dictionary<string, LaunchSite>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in CsvTable.Read(text, file, Columns, ["latitude", "longitude", "aliases", "source_name", "note"]).Records)
        {
            if (r.Optional("latitude") is null != r.Optional("longitude") is null)
            {
                throw r.Error(r.Optional("latitude") is null ? "latitude" : "longitude", "give both coordinates or neither.");
            }

            var site = new LaunchSite(
                r.Required("id"), r.Required("name"),
                r.OptionalNumber("latitude"), r.OptionalNumber("longitude"),
                r.List("aliases"), ProvocationRow.CheckedUrl(r, "source_url")!);
            foreach (var name in site.Aliases.Prepend(site.Name).Prepend(site.Id).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (byName.TryGetValue(name, out var other) && other.Id != site.Id)
                {
                    throw r.Error("aliases", $"'{name}' already names the site '{other.Id}'.");
                }

                byName[name] = site;
            }

            sites.Add(site);
        }

        return new LaunchSites(sites, byName);
    }

    /// <summary>The site a source's facility id or name stands for, or null when the gazetteer does not know it.</summary>
    public LaunchSite? Find(string? id, string? name = null) =>
        id is not null && _byName.TryGetValue(id, out var byId) ? byId
        : name is not null && _byName.TryGetValue(name, out var byName) ? byName
        : null;
}

/// <summary>
/// How the provocation table's free labels map onto the taxonomy (<c>data/taxonomy/provocation-labels.csv</c>).
/// A row with event <c>*</c> is the fallback for its category.
/// </summary>
internal sealed class ProvocationLabels
{
    private static readonly IReadOnlyList<string> Columns = ["category", "event", "kind", "class"];
    private readonly Dictionary<(string Category, string Label), ProvocationClass> _map;

    private ProvocationLabels(Dictionary<(string, string), ProvocationClass> map) => _map = map;

    public static ProvocationLabels Read(TextReader text, string file)
    {
        var map = new Dictionary<(string, string), ProvocationClass>();
        foreach (var r in CsvTable.Read(text, file, Columns, ["other_class"]).Records)
        {
            var kind = Taxonomy.ParseKind(r.Required("kind"), r.File, r.Line);
            var missileClass = r.Optional("class");
            if (missileClass is not null && !Taxonomy.ClassesOf(kind).Contains(missileClass))
            {
                throw r.Error("class", $"'{missileClass}' is not a class of '{kind.Slug()}'.");
            }

            var otherClass = r.Optional("other_class");
            if (otherClass is not null && (missileClass is null || !Taxonomy.ClassesOf(kind).Contains(otherClass)))
            {
                throw r.Error("other_class", $"'{otherClass}' is not a second class of '{kind.Slug()}' beside a first one.");
            }

            map[(r.Required("category"), r.Required("event"))] = new ProvocationClass(kind, missileClass, otherClass);
        }

        return new ProvocationLabels(map);
    }

    /// <summary>The kind and class for a row, or an error naming the row when neither its label nor its category is mapped.</summary>
    public ProvocationClass Classify(ProvocationRow row) =>
        Find(row.Category, row.Label)
        ?? throw new InputException($"no kind is mapped for category '{row.Category}', label '{row.Label}'; add it to data/taxonomy/provocation-labels.csv.", row.File, row.Line, "event");

    /// <summary>The kind and class for a category and label, or null when neither is mapped.</summary>
    public ProvocationClass? Find(string category, string label) =>
        _map.TryGetValue((category, label), out var exact) ? exact
        : _map.TryGetValue((category, "*"), out var fallback) ? fallback
        : null;
}

/// <summary>What a label of the provocation table stands for.</summary>
/// <param name="Kind">The kind of event.</param>
/// <param name="Class">Its class, where the kind has classes.</param>
/// <param name="OtherClass">A second class, where the label names two (<c>ICBM &amp; SRBM</c>): the label covers several launches of one day.</param>
internal sealed record ProvocationClass(EventKind Kind, string? Class, string? OtherClass = null);

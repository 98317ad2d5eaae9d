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
}

/// <summary>
/// How the provocation table's free labels map onto the taxonomy (<c>data/taxonomy/provocation-labels.csv</c>).
/// A row with event <c>*</c> is the fallback for its category.
/// </summary>
internal sealed class ProvocationLabels
{
    private static readonly IReadOnlyList<string> Columns = ["category", "event", "kind", "class"];
    private readonly Dictionary<(string Category, string Label), (EventKind Kind, string? Class)> _map;

    private ProvocationLabels(Dictionary<(string, string), (EventKind, string?)> map) => _map = map;

    public static ProvocationLabels Read(TextReader text, string file)
    {
        var map = new Dictionary<(string, string), (EventKind, string?)>();
        foreach (var r in CsvTable.Read(text, file, Columns).Records)
        {
            var kind = Taxonomy.ParseKind(r.Required("kind"), r.File, r.Line);
            var missileClass = r.Optional("class");
            if (missileClass is not null && !Taxonomy.ClassesOf(kind).Contains(missileClass))
            {
                throw r.Error("class", $"'{missileClass}' is not a class of '{kind.Slug()}'.");
            }

            map[(r.Required("category"), r.Required("event"))] = (kind, missileClass);
        }

        return new ProvocationLabels(map);
    }

    /// <summary>The kind and class for a row, or an error naming the row when neither its label nor its category is mapped.</summary>
    public (EventKind Kind, string? Class) Classify(ProvocationRow row) =>
        _map.TryGetValue((row.Category, row.Label), out var exact) ? exact
        : _map.TryGetValue((row.Category, "*"), out var fallback) ? fallback
        : throw new InputException($"no kind is mapped for category '{row.Category}', label '{row.Label}'; add it to data/taxonomy/provocation-labels.csv.", row.File, row.Line, "event");
}

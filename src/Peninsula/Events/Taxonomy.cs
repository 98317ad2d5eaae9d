using System.Collections.Frozen;
using System.Text;

namespace Peninsula.Events;

/// <summary>
/// The controlled vocabulary: the slug of every kind, the classes each kind allows, and the
/// actors an event may name. Everything a user types is checked against this.
/// </summary>
public static class Taxonomy
{
    /// <summary>Missile classes. Every class except cruise and surface-to-air is ballistic (an SLV rides a ballistic booster).</summary>
    public static readonly IReadOnlyList<string> MissileClasses =
        ["srbm", "crbm", "mrbm", "irbm", "icbm", "slbm", "hgv", "cruise", "slv", "sam", "unknown"];

    /// <summary>The missile classes that count as ballistic (space launch vehicles and unidentified ballistic missiles included).</summary>
    public static readonly FrozenSet<string> BallisticClasses =
        new[] { "srbm", "crbm", "mrbm", "irbm", "icbm", "slbm", "hgv", "slv", "unknown" }.ToFrozenSet();

    /// <summary>The kinds that are North Korean actions (as opposed to context: visits, drills, elections).</summary>
    public static readonly FrozenSet<EventKind> ProvocationKinds = new[]
    {
        EventKind.MissileLaunch, EventKind.NuclearTest, EventKind.NuclearMilestone, EventKind.EngineTest,
        EventKind.ConventionalIncident, EventKind.DmzIncursion, EventKind.CyberOperation, EventKind.Terror,
        EventKind.Hybrid, EventKind.OtherProvocation,
    }.ToFrozenSet();

    /// <summary>Actor codes: states by short code, plus international bodies.</summary>
    public static readonly FrozenDictionary<string, string> Actors = new Dictionary<string, string>
    {
        ["DPRK"] = "North Korea",
        ["ROK"] = "South Korea",
        ["US"] = "United States",
        ["JP"] = "Japan",
        ["CN"] = "China",
        ["RU"] = "Russia",
        ["UN"] = "United Nations",
        ["EU"] = "European Union",
        ["UK"] = "United Kingdom",
        ["OTHER"] = "Another state or group",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<EventKind, string[]> ClassesByKind = new Dictionary<EventKind, string[]>
    {
        [EventKind.MissileLaunch] = [.. MissileClasses],
        // Sanctions other than the UN's are filed by who imposed them (US executive orders and
        // Treasury designations apart); "unilateral" stays for imported records that do not say.
        [EventKind.Sanction] = ["un-resolution", "us-executive-order", "us-treasury", "rok", "japan", "eu", "unilateral"],
        [EventKind.MilitaryExercise] = ["us-rok", "trilateral", "dprk", "other"],
        [EventKind.DiplomaticVisit] = ["us-secretary-of-state", "us-secretary-of-defense", "china-senior-official", "russia-senior-official", "other"],
        [EventKind.Summit] = ["inter-korean", "us-dprk", "dprk-china", "dprk-russia", "other"],
        [EventKind.ShowOfForce] = ["carrier", "bomber", "submarine", "allied-missile-launch", "other"],
        [EventKind.Talks] = ["six-party", "us-dprk", "inter-korean", "other"],
        [EventKind.Agreement] = ["six-party", "us-dprk", "inter-korean", "other"],
        [EventKind.Statement] = ["un-presidential-statement", "un-emergency-meeting", "other"],
        [EventKind.Election] = ["us-president", "rok-president", "other"],
        [EventKind.Anniversary] = ["birthday", "founding", "death", "victory", "other"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<EventKind, string> Slugs =
        Enum.GetValues<EventKind>().ToFrozenDictionary(k => k, k => ToKebab(k.ToString()));

    private static readonly FrozenDictionary<string, EventKind> KindsBySlug =
        Slugs.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>All kind slugs, in taxonomy order.</summary>
    public static IReadOnlyList<string> KindSlugs { get; } = [.. Enum.GetValues<EventKind>().Select(k => Slugs[k])];

    /// <summary>The slug of a kind, e.g. <c>missile-launch</c>.</summary>
    public static string Slug(this EventKind kind) => Slugs[kind];

    /// <summary>Reads a kind slug, ignoring case; false when there is no such kind.</summary>
    public static bool TryParseKind(string? slug, out EventKind kind) =>
        KindsBySlug.TryGetValue(slug?.Trim() ?? "", out kind);

    /// <summary>Reads a kind slug or throws an <see cref="InputException"/> that lists the valid kinds.</summary>
    public static EventKind ParseKind(string slug, string? file = null, long? line = null, string field = "kind") =>
        TryParseKind(slug, out var kind)
            ? kind
            : throw new InputException($"'{slug}' is not a kind of event. Valid kinds: {string.Join(", ", KindSlugs)}.", file, line, field);

    /// <summary>The classes a kind allows; empty when the kind has no classes.</summary>
    public static IReadOnlyList<string> ClassesOf(EventKind kind) =>
        ClassesByKind.TryGetValue(kind, out var classes) ? classes : [];

    /// <summary>Every class of every kind, for validating a <c>--class</c> filter.</summary>
    public static IReadOnlyList<string> AllClasses { get; } = [.. ClassesByKind.Values.SelectMany(c => c).Distinct()];

    /// <summary>Whether the event is a ballistic missile or space launch.</summary>
    public static bool IsBallisticLaunch(Event e) =>
        e.Kind == EventKind.MissileLaunch && e.Class is not null && BallisticClasses.Contains(e.Class);

    private static string ToKebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}

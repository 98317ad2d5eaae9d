using Peninsula.Events;

namespace Peninsula.Forecasting;

/// <summary>
/// Something Peninsula forecasts: whether at least one matching event happens on a Korean date.
/// Every target is counted in <em>event days</em>: several launches on one Korean date count once.
/// Besides the fixed targets (<see cref="All"/>), an event filter is a target too
/// (<see cref="OfFilter"/>): the same models run on the days with an event the filter matches.
/// </summary>
/// <param name="Slug">The name on the command line, e.g. <c>any-missile</c>; <c>filter: ...</c> for a filter.</param>
/// <param name="Description">What counts, in plain words.</param>
public sealed record ForecastTarget(string Slug, string Description)
{
    private IReadOnlyList<Event> _matching = [];
    private HashSet<string> _matchingIds = [];

    /// <summary>The event filter this target stands for (as in <c>timing --provocations</c>), or null for a fixed target.</summary>
    public string? Filter { get; private init; }

    /// <summary>The events of the whole record the filter matches, as the store read them once (empty for a fixed target).</summary>
    public IReadOnlyList<Event> FilterEvents => _matching;

    /// <summary>
    /// The target of an event filter: an event counts when it is one of <paramref name="matching"/>,
    /// the events of the whole record the store found for <paramref name="filter"/> (read once per
    /// filter: the store's search decides what the filter's words match). Unlike a fixed target, which
    /// counts North Korea's own actions, a filter may count any kind of event (a summit, a visit);
    /// which of them are known as of a date follows the record's rule for announcements
    /// (<see cref="ForecastData.KnownFrom"/>).
    /// </summary>
    public static ForecastTarget OfFilter(string filter, IReadOnlyList<Event> matching)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filter);
        ArgumentNullException.ThrowIfNull(matching);
        var text = filter.Trim();
        return new ForecastTarget($"filter: {text}", $"an event matching {text}")
        {
            Filter = text,
            _matching = matching,
            _matchingIds = [.. matching.Select(e => e.Id)],
        };
    }

    /// <summary>Any missile launch, cruise missiles included.</summary>
    public static readonly ForecastTarget AnyMissile = new("any-missile", "a missile launch of any kind (cruise included)");

    /// <summary>Any ballistic missile or space launch vehicle.</summary>
    public static readonly ForecastTarget Ballistic = new("ballistic", "a ballistic missile or space launch");

    /// <summary>An IRBM, ICBM or hypersonic glide vehicle.</summary>
    public static readonly ForecastTarget IrbmPlus = new("irbm-plus", "an IRBM, ICBM or hypersonic glide vehicle launch");

    /// <summary>An intercontinental ballistic missile.</summary>
    public static readonly ForecastTarget Icbm = new("icbm", "an ICBM launch");

    /// <summary>A nuclear explosive test.</summary>
    public static readonly ForecastTarget NuclearTest = new("nuclear-test", "a nuclear test");

    /// <summary>A satellite launch attempt (space launch vehicle).</summary>
    public static readonly ForecastTarget SatelliteLaunch = new("satellite-launch", "a satellite launch attempt");

    /// <summary>Artillery fire or another conventional military incident.</summary>
    public static readonly ForecastTarget Artillery = new("artillery", "artillery fire or another conventional incident");

    /// <summary>Every target, in the order reports list them.</summary>
    public static IReadOnlyList<ForecastTarget> All { get; } =
        [AnyMissile, Ballistic, IrbmPlus, Icbm, NuclearTest, SatelliteLaunch, Artillery];

    /// <summary>The forecast horizons in days: a forecast as of D covers D+1 .. D+horizon.</summary>
    public static IReadOnlyList<int> Horizons { get; } = [7, 30, 90, 365];

    /// <summary>Whether an event counts for this target.</summary>
    public bool Matches(Event e) => Filter is not null ? _matchingIds.Contains(e.Id) : Slug switch
    {
        "any-missile" => e.Kind == EventKind.MissileLaunch,
        "ballistic" => Taxonomy.IsBallisticLaunch(e),
        "irbm-plus" => e.Kind == EventKind.MissileLaunch && e.Class is "irbm" or "icbm" or "hgv",
        "icbm" => e.Kind == EventKind.MissileLaunch && e.Class == "icbm",
        "nuclear-test" => e.Kind == EventKind.NuclearTest,
        "satellite-launch" => e.Kind == EventKind.MissileLaunch && e.Class == "slv",
        "artillery" => e.Kind == EventKind.ConventionalIncident,
        _ => false,
    };

    /// <summary>Reads a target slug, ignoring case, or throws an <see cref="InputException"/> that lists the valid ones.</summary>
    public static ForecastTarget Parse(string slug, string field = "--target") =>
        All.FirstOrDefault(t => string.Equals(t.Slug, slug.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException($"'{slug}' is not a forecast target. Valid targets: {string.Join(", ", All.Select(t => t.Slug))}.", field: field);

    /// <summary>Checks a horizon or throws an <see cref="InputException"/> that lists the valid ones.</summary>
    public static int ParseHorizon(int days, string field = "--horizon") =>
        Horizons.Contains(days)
            ? days
            : throw new InputException($"{days} is not a forecast horizon. Valid horizons (days): {string.Join(", ", Horizons)}.", field: field);

    /// <summary>
    /// Whether two targets count the same events: the same slug and description (which, for a
    /// filter, hold its text) and, for a filter, the same events matched, by id and in any order,
    /// which is all <see cref="Matches"/> reads. Two reads of one filter from the same record are
    /// one target; the same filter over a record that has changed between the reads is not.
    /// </summary>
    public bool Equals(ForecastTarget? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (Slug == other.Slug && Description == other.Description && Filter == other.Filter && _matchingIds.SetEquals(other._matchingIds)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Slug, Description, _matchingIds.Count);

    /// <inheritdoc/>
    public override string ToString() => Slug;
}

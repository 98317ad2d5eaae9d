namespace Peninsula.Events;

/// <summary>
/// One entry of the record: a launch, a test, an incident, or a context event such as a visit,
/// an exercise or an election. Immutable; build a changed copy with <c>with</c>.
/// </summary>
public sealed record Event
{
    /// <summary>Stable identifier, lower-case letters, digits and dashes, e.g. <c>2017-09-03-nuclear-test</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What happened.</summary>
    public required EventKind Kind { get; init; }

    /// <summary>The class within the kind (a missile class such as <c>icbm</c>, a sanction type ...), or null.</summary>
    public string? Class { get; init; }

    /// <summary>The date in Korea (UTC+9) on which it happened or began.</summary>
    public required KoreanDate Date { get; init; }

    /// <summary>Whether the day of <see cref="Date"/> is known or only its month.</summary>
    public DatePrecision DatePrecision { get; init; } = DatePrecision.Day;

    /// <summary>The last day (Korean date, inclusive) of a span such as an exercise or a visit; null for one-day events.</summary>
    public KoreanDate? EndDate { get; init; }

    /// <summary>The instant in UTC, where a source gives the time.</summary>
    public DateTimeOffset? UtcInstant { get; init; }

    /// <summary>Actor codes from <see cref="Taxonomy.Actors"/>, the acting party first.</summary>
    public IReadOnlyList<string> Actors { get; init; } = [];

    /// <summary>People involved by name (leaders, ministers), e.g. <c>Antony Blinken</c>.</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>The weapon system involved, if any.</summary>
    public WeaponSystem? System { get; init; }

    /// <summary>Where it happened, if known.</summary>
    public Place? Site { get; init; }

    /// <summary>Reported figures: number fired, apogee, range, landing area, yield, magnitude.</summary>
    public EventFigures Figures { get; init; } = EventFigures.None;

    /// <summary>Whether it worked, for tests and launches.</summary>
    public Outcome? Outcome { get; init; }

    /// <summary>A short title in the project's own words.</summary>
    public required string Title { get; init; }

    /// <summary>A summary in the project's own words, if any.</summary>
    public string? Summary { get; init; }

    /// <summary>Where this is reported: at least one source, each with the label it used.</summary>
    public IReadOnlyList<EventSource> Sources { get; init; } = [];

    /// <summary>The last day the event covers: <see cref="EndDate"/> for spans, else <see cref="Date"/>.</summary>
    public KoreanDate LastDate => EndDate ?? Date;

    /// <summary>Throws an <see cref="InputException"/> naming the first invalid field; returns the event when it is valid.</summary>
    public Event Validated(string? file = null, long? line = null)
    {
        var problem = EventValidation.Problems(this).FirstOrDefault();
        return problem is null ? this : throw new InputException($"event '{Id}': {problem.Message}", file, line, problem.Field);
    }
}

/// <summary>A weapon system with its other names, e.g. Hwasong-11A, also known as KN-23.</summary>
/// <param name="Id">Stable slug, e.g. <c>hwasong-11a</c>.</param>
/// <param name="Name">The name used in the record.</param>
/// <param name="Aliases">Other designations (US/ROK designators, older names).</param>
public sealed record WeaponSystem(string Id, string Name, IReadOnlyList<string> Aliases)
{
    /// <summary>Value equality that includes the aliases.</summary>
    public bool Equals(WeaponSystem? other) =>
        other is not null && Id == other.Id && Name == other.Name && Aliases.SequenceEqual(other.Aliases);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name);
}

/// <summary>A named place with coordinates in decimal degrees (WGS 84), where known.</summary>
public sealed record Place(string Name, double? Latitude, double? Longitude);

/// <summary>Reported figures. Every member is null where no source reports it.</summary>
public sealed record EventFigures
{
    /// <summary>No figures.</summary>
    public static readonly EventFigures None = new();

    /// <summary>Number of missiles fired in this event.</summary>
    public int? NumberFired { get; init; }

    /// <summary>Highest apogee reported, in kilometres.</summary>
    public double? ApogeeKm { get; init; }

    /// <summary>Longest distance flown reported, in kilometres.</summary>
    public double? RangeKm { get; init; }

    /// <summary>
    /// Where the missiles came down, as a slug of lower-case words and dashes (<c>sea-of-japan</c>,
    /// <c>yellow-sea</c>, <c>pacific-ocean</c>), from the missile table's landing column; null where no source gives it.
    /// </summary>
    public string? LandingArea { get; init; }

    /// <summary>Central estimate of explosive yield, in kilotons of TNT.</summary>
    public double? YieldKt { get; init; }

    /// <summary>Low end of the yield estimates, in kilotons.</summary>
    public double? YieldKtLow { get; init; }

    /// <summary>High end of the yield estimates, in kilotons.</summary>
    public double? YieldKtHigh { get; init; }

    /// <summary>Seismic body-wave magnitude (mb) as reported by the USGS.</summary>
    public double? Magnitude { get; init; }
}

/// <summary>One source that reports an event, with the label its record used.</summary>
/// <param name="Name">Who reports it (Yonhap, CNS, United Nations ...).</param>
/// <param name="Url">Where, if there is a link.</param>
/// <param name="Date">The date of the report or of the event as the source gives it.</param>
/// <param name="OriginalLabel">The source record's own label, verbatim (e.g. <c>Short-Range Ballistic Missile (SRBM)</c>).</param>
/// <param name="Dataset">The data set the record came from (e.g. <c>reference/missile-tests.csv</c>), if any.</param>
/// <param name="Record">Which record of that data set (e.g. <c>line 12</c>), if any.</param>
/// <param name="Importer">The importer and its version that read the record (e.g. <c>cns/1</c>), if it came through one.</param>
public sealed record EventSource(
    string Name,
    string? Url,
    string? Date,
    string? OriginalLabel,
    string? Dataset = null,
    string? Record = null,
    string? Importer = null);

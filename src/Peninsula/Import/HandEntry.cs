using System.Globalization;
using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Storage;

namespace Peninsula.Import;

/// <summary>
/// An event as a person enters it (<c>peninsula events add</c>): each field as typed. It becomes an
/// event through the same reading and validation as an imported JSON event, so that a hand-entered
/// event meets every rule an import does, plus one of its own: every source has a URL, since a
/// reader must be able to check what a person typed.
/// </summary>
public sealed record HandEntry
{
    /// <summary>The name shown as the input of a refusal, in place of a file name.</summary>
    public const string InputName = "command line";

    /// <summary>The id; null to derive one from the date, kind, class and system.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// Whether the entry is a proposal of the review queue being accepted: its id comes from the
    /// proposal's date and class, so a refusal says to edit those, not to pass --id.
    /// </summary>
    internal bool FromReview { get; init; }

    /// <summary>The kind, as its slug (<c>missile-launch</c>).</summary>
    public string? Kind { get; init; }

    /// <summary>The class within the kind; for a launch of a system the gazetteer knows, null takes the system's class.</summary>
    public string? Class { get; init; }

    /// <summary>The Korean date (UTC+9), YYYY-MM-DD.</summary>
    public string? Date { get; init; }

    /// <summary>The last Korean date of a span, YYYY-MM-DD, or null.</summary>
    public string? EndDate { get; init; }

    /// <summary>
    /// The time in UTC: an ISO 8601 instant (<c>2025-07-01T22:10Z</c>) or a time of day
    /// (<c>22:10</c>), which is taken on the UTC day that falls on <see cref="Date"/> in Korea.
    /// </summary>
    public string? UtcTime { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>A summary, or null.</summary>
    public string? Summary { get; init; }

    /// <summary>Actor codes (DPRK, ROK, US ...), the acting party first.</summary>
    public IReadOnlyList<string> Actors { get; init; } = [];

    /// <summary>People by name.</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>The weapon system: an id or a name of the gazetteer, or a new name.</summary>
    public string? System { get; init; }

    /// <summary>The site: a name of the gazetteer (which gives its coordinates), or a new name.</summary>
    public string? Site { get; init; }

    /// <summary>How many missiles were fired.</summary>
    public int? NumberFired { get; init; }

    /// <summary>Apogee in kilometres.</summary>
    public double? ApogeeKm { get; init; }

    /// <summary>Distance flown in kilometres.</summary>
    public double? RangeKm { get; init; }

    /// <summary>Where the missiles came down, as a slug such as <c>sea-of-japan</c>.</summary>
    public string? LandingArea { get; init; }

    /// <summary>success, failure, partial or unknown.</summary>
    public string? Outcome { get; init; }

    /// <summary>Where it is reported: at least one http or https address.</summary>
    public IReadOnlyList<string> SourceUrls { get; init; } = [];

    /// <summary>Who reports it, one name for every URL or one name per URL; null names each source by its web site.</summary>
    public IReadOnlyList<string> SourceNames { get; init; } = [];

    /// <summary>The date of the reports, YYYY-MM-DD, or null.</summary>
    public string? SourceDate { get; init; }

    /// <summary>The field names of the JSON format, as the flags of <c>peninsula events add</c> spell them.</summary>
    public static string FlagOf(string? field) => field switch
    {
        null => "",
        "actors" => "--actor",
        "people" => "--person",
        "utc_instant" => "--utc-time",
        "sources" or "source_url" => "--source-url",
        "source_name" => "--source-name",
        "site_lat" or "site_lon" => "--site",
        _ => "--" + field.Replace('_', '-'),
    };

    /// <summary>
    /// The event, validated as an import validates it. A problem throws an
    /// <see cref="InputException"/> whose field is the flag to change. <paramref name="taken"/>
    /// tells whether an id is already in the record: a derived id then gets a number, an id given
    /// is refused.
    /// </summary>
    public Event ToEvent(Func<string, bool> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        if (SourceUrls.Count == 0)
        {
            throw Bad("--source-url", "at least one source URL is needed, so that a reader can check the event (e.g. --source-url https://www.mod.go.jp/...).");
        }

        if (SourceNames.Count > 1 && SourceNames.Count != SourceUrls.Count)
        {
            throw Bad("--source-name", $"give one --source-name for all sources or one for each of the {SourceUrls.Count} --source-url; {SourceNames.Count} were given.");
        }

        var system = SystemOf(System);
        var missileClass = Class ?? (system is not null ? BundledRecord.Systems.ClassOf(system.Id) : null);
        var site = Site is null ? null : BundledRecord.Sites.Find(Site, Site) is { } known
            ? new EventDocument.SiteDocument { Name = known.Name, Latitude = known.Latitude, Longitude = known.Longitude }
            : new EventDocument.SiteDocument { Name = Site };
        var document = new EventDocument
        {
            Id = Id ?? "pending",
            Kind = Kind,
            Class = missileClass,
            Date = Date,
            EndDate = EndDate,
            UtcInstant = Instant(),
            Actors = [.. Actors],
            People = [.. People],
            System = system is null ? null : new EventDocument.SystemDocument { Id = system.Id, Name = system.Name, Aliases = [.. system.Aliases] },
            Site = site,
            Figures = new EventDocument.FiguresDocument { NumberFired = NumberFired, ApogeeKm = ApogeeKm, RangeKm = RangeKm, LandingArea = LandingArea },
            Outcome = Outcome,
            Title = Title,
            Summary = Summary,
            Sources = [.. SourceUrls.Select((url, i) => new EventDocument.SourceDocument
            {
                Url = url,
                Name = SourceNames.Count == 0 ? HostOf(url) : SourceNames[SourceNames.Count == 1 ? 0 : i],
                Date = SourceDate,
            })],
        };

        Event e;
        try
        {
            e = document.ToEvent(InputName, null);
        }
        catch (InputException ex)
        {
            // The same rule, said in the words of the command: the flag to change, not the JSON key.
            throw Bad(FlagOf(ex.Field), ex.Reason.Replace("event 'pending': ", "", StringComparison.Ordinal));
        }

        // The instant and the Korean date must name the same day: 'db check' calls any other event a problem.
        if (e.UtcInstant is { } instant && e.EndDate is null && e.DatePrecision == DatePrecision.Day && KoreanDate.FromInstant(instant) != e.Date)
        {
            throw Bad("--utc-time", $"'{UtcTime}' is {KoreanDate.FromInstant(instant)} in Korea (UTC+9), not the --date {e.Date}; give an instant on {e.Date} in Korea, or the time alone (HH:MM in UTC).");
        }

        if (SourceDate is not null && !KoreanDate.TryParse(SourceDate, out _))
        {
            throw Bad("--source-date", KoreanDate.NotADate(SourceDate));
        }

        if (Id is not null)
        {
            return taken(Id)
                ? throw Bad("--id", $"there is already an event '{Id}'. Choose another id, or change that event with 'peninsula import' or the web API.")
                : e;
        }

        var id = DerivedId(e);
        for (var n = 2; taken(id); n++)
        {
            id = $"{DerivedId(e)}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return (e with { Id = id }).Validated(InputName);
    }

    /// <summary>
    /// Adds the event to <paramref name="store"/>: the one path of an event entered by hand,
    /// whether typed (<c>peninsula events add</c>) or accepted from the review queue. The entry is
    /// validated as an import is (<see cref="ToEvent"/>, against the ids in the store it could take), refused
    /// when its id is a deleted event's (saving would bring that event back), and written audited
    /// under <paramref name="origin"/>; with <paramref name="dryRun"/> nothing is written. An id
    /// that another writer takes meanwhile is not replaced: the entry is numbered again from the
    /// ids as they now are (or, with <see cref="Id"/> given, refused).
    /// </summary>
    /// <returns>The event as added (or as it would be).</returns>
    public async Task<Event> AddAsync(IEventStore store, ChangeOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await TryAddAsync(store, origin, dryRun, cancellationToken).ConfigureAwait(false) is { } added)
            {
                return added;
            }
        }
    }

    /// <summary>
    /// One try of <see cref="AddAsync"/>: null, with nothing written, when another writer added an
    /// event with the id this entry took (a second 'events add', a review accept) after the ids
    /// were read, for the caller to try again from the record as it now is: the write inserts
    /// only, so it never replaces a stored event.
    /// </summary>
    internal async Task<Event?> TryAddAsync(IEventStore store, ChangeOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(origin);
        // The id the entry asks for (or derives), then only the stored ids it could clash with.
        var wanted = ToEvent(_ => false).Id;
        var ids = await store.TakenIdsAsync(wanted, cancellationToken).ConfigureAwait(false);
        var e = ToEvent(ids.Contains);
        var added = dryRun
            ? (await store.SaveAsync([e], origin, dryRun: true, cancellationToken: cancellationToken).ConfigureAwait(false)).Added.Count == 1
            : await store.AddAsync(e, origin, cancellationToken).ConfigureAwait(false);
        if (added)
        {
            return e;
        }

        // Not added: a deleted event keeps its id in the store (saving would bring it back), or another writer took it just now.
        return await store.FindAsync(e.Id, cancellationToken).ConfigureAwait(false) is null
            ? throw (FromReview
                ? new InputException($"the id '{e.Id}' belongs to an event that was deleted; edit the proposal's date or class (peninsula review edit), or restore that event.", InputName, field: "id")
                : Bad("--id", $"the id '{e.Id}' belongs to an event that was deleted; give another id with --id, or restore that event."))
            : null;
    }

    /// <summary>
    /// Refuses an event with a source that has no URL: the rule a hand-entered event meets, whether
    /// typed at the command line or sent to the web API.
    /// </summary>
    public static void RequireSourceUrls(Event e, string input)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Sources.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.Url)) is { } source)
        {
            throw new InputException($"event '{e.Id}': the source '{source.Name}' has no URL; an event entered by hand needs a URL for every source, so that a reader can check it.", input, field: "source_url");
        }
    }

    /// <summary>What the audit trail says made the change: entered by hand, and by whom when a name is given.</summary>
    public static ChangeOrigin Origin(string? by) =>
        new("events add", string.IsNullOrWhiteSpace(by) ? "entered by hand" : $"entered by hand by {by.Trim()}");

    private static InputException Bad(string flag, string message) => new(message, InputName, field: flag);

    private static string DerivedId(Event e) => e.Kind == EventKind.MissileLaunch && e.Class is { } c
        ? RecordMerger.LaunchId(e.Date, c, e.System)
        : $"{e.Date}-{e.Kind.Slug()}{(e.Class is null ? "" : "-" + e.Class)}";

    private static WeaponSystem? SystemOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var known = BundledRecord.Systems.All.Select(s => s.System).FirstOrDefault(s =>
            string.Equals(s.Id, text, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(s.Name, text, StringComparison.OrdinalIgnoreCase) ||
            s.Aliases.Contains(text, StringComparer.OrdinalIgnoreCase));
        return known ?? new WeaponSystem(ContextCalendar.Slug(text), text.Trim(), []);
    }

    private string? Instant()
    {
        if (UtcTime is null || UtcTime.Contains('T', StringComparison.Ordinal))
        {
            return UtcTime;
        }

        if (!TimeOnly.TryParseExact(UtcTime, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw Bad("--utc-time", $"'{UtcTime}' is not a time of the form HH:MM (UTC) or an instant such as 2025-07-01T22:10Z.");
        }

        if (Date is null || !KoreanDate.TryParse(Date, out var date))
        {
            return null;
        }

        // A Korean day runs from 15:00 UTC the day before to 15:00 UTC; a time of day names one instant in it.
        var day = time.Hour >= 15 ? date.Date.AddDays(-1) : date.Date;
        return day.ToDateTime(time, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : url;
}

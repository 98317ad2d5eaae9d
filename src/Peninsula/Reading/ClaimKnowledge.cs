using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Record;

namespace Peninsula.Reading;

/// <summary>A phrase that names a kind of event, e.g. "short-range ballistic missiles" (<c>data/claims/event-phrases.csv</c>).</summary>
/// <remarks>
/// Classes: The classes it allows; empty for any class; <c>ballistic</c> stands for every ballistic class.<br/>
/// Complete: Whether the record is complete for what the phrase names, so that an absence refutes.
/// </remarks>
internal sealed record EventPhrase(Regex Pattern, EventKind Kind, IReadOnlyList<string> Classes, bool Complete);

/// <summary>A phrase that names a context event, e.g. "the US election" (<c>data/claims/context-phrases.csv</c>).</summary>
/// <remarks>
/// Classes: the classes it allows; empty for any class.<br/>
/// Complete: whether the calendar holds every such event, so that a coincidence the record lacks
/// refutes; over a calendar that only samples (bomber flights, Treasury designations) it is not
/// enough evidence.
/// </remarks>
internal sealed record ContextPhrase(Regex Pattern, EventKind Kind, IReadOnlyList<string> Classes, string? Title, bool Complete = true);

/// <summary>How a launch relates to a context event ("during", "ahead of", "after") and how many days that allows.</summary>
internal sealed record CoincidenceCue(Regex Pattern, string Relation, int Days, string Phrase);

/// <summary>An official with an office and a term (<c>data/gazetteer/officials.csv</c>); terms are local dates as the source gives them.</summary>
internal sealed record Official(string Name, IReadOnlyList<string> Aliases, string Office, KoreanDate Start, KoreanDate? End, string SourceUrl);

/// <summary>A place with the actor it belongs to and where it lies, when known (<c>data/gazetteer/places.csv</c>).</summary>
internal sealed record PlaceEntry(string Name, IReadOnlyList<string> Aliases, string Type, string? Actor, double? Latitude, double? Longitude, string SourceUrl);

/// <summary>An organisation, for attributions such as "KCNA said" (<c>data/gazetteer/organisations.csv</c>).</summary>
internal sealed record Organisation(string Name, IReadOnlyList<string> Aliases, string? Actor, string Type, string SourceUrl);

/// <summary>Which system held a superlative ("largest ICBM") from which date (<c>data/gazetteer/superlatives.csv</c>).</summary>
internal sealed record SuperlativeHolder(string Superlative, string Class, string SystemId, KoreanDate Since, string SourceUrl);

/// <summary>A day known by name ("New Year's Day"), with its month and day (<c>data/claims/named-days.csv</c>).</summary>
internal sealed record NamedDay(Regex Pattern, int Month, int Day);

/// <summary>A weapon system and every name it goes by.</summary>
internal sealed record SystemEntry(string Id, string Name, string Class, IReadOnlyList<string> Names);

/// <summary>
/// A list of names as one pattern (<see cref="Pattern"/>: any name as a whole word, longest first),
/// with a vectorised search for the names as plain text that rules a span out before the pattern runs.
/// </summary>
/// <remarks>
/// Most clauses of an article name no weapon system, official or place: the plain-text search
/// (case-insensitive, ordinal) rejects them in a fraction of the time the pattern takes to try
/// every position. It never rejects a span the pattern would match: every match of the pattern
/// contains one of the names. The one exception is a non-ASCII character that the pattern's
/// case-insensitive matching takes for an ASCII letter (the Kelvin sign for k, the long s);
/// a span with one of those goes to the pattern.
/// </remarks>
internal sealed class NameList
{
    private static readonly SearchValues<char> FoldsToAscii = SearchValues.Create("\u212A\u017F\u0130\u0131");
    private readonly SearchValues<string> _names;

    public NameList(IReadOnlyCollection<string> names, RegexOptions options)
    {
        Names = names;
        var ordered = names.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(n => n.Length).ToList();
        Pattern = ClaimPatterns.Get($@"(?<![\w-])(?:{string.Join("|", ordered.Select(Regex.Escape))})(?![\w-])", options);
        _names = SearchValues.Create(ordered.ToArray(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The names, as given.</summary>
    public IReadOnlyCollection<string> Names { get; }

    /// <summary>Any of the names as a whole word.</summary>
    public Regex Pattern { get; }

    /// <summary>The first name in the span as a whole word (<see cref="Match.Empty"/> when none), as <see cref="Pattern"/> finds it.</summary>
    public Match Match(string text, int start, int length) =>
        length > 0 && MayOccur(text.AsSpan(start, length)) ? Pattern.Match(text, start, length) : System.Text.RegularExpressions.Match.Empty;

    /// <summary>False only when no name can occur in the span.</summary>
    public bool MayOccur(ReadOnlySpan<char> span) => span.ContainsAny(_names) || HasAsciiLookalike(span);

    /// <summary>False only when a case-insensitive pattern could not match the word in the span (see the remarks).</summary>
    public static bool MayContain(ReadOnlySpan<char> span, string word) =>
        span.Contains(word, StringComparison.OrdinalIgnoreCase) || HasAsciiLookalike(span);

    /// <summary>Whether the span has a character that case-insensitive patterns match as an ASCII letter but ordinal comparison does not.</summary>
    public static bool HasAsciiLookalike(ReadOnlySpan<char> span) => span.ContainsAny(FoldsToAscii);
}

/// <summary>
/// Everything claim finding and checking knows, read from the data files embedded in the
/// library: the rules under <c>data/claims/</c> and the gazetteers under <c>data/gazetteer/</c>.
/// Read once; immutable.
/// </summary>
internal sealed class ClaimKnowledge
{
    private const RegexOptions BaseOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly Lazy<ClaimKnowledge> Loaded = new(() => Load(BaseOptions));

    /// <summary>The bundled rules, their patterns compiled ahead of time (see <see cref="ClaimPatterns"/>).</summary>
    public static ClaimKnowledge Bundled => Loaded.Value;

    /// <summary>The options every pattern of these rules was built with.</summary>
    public required RegexOptions PatternOptions { get; init; }

    public required IReadOnlyList<EventPhrase> EventPhrases { get; init; }

    public required IReadOnlyList<ContextPhrase> ContextPhrases { get; init; }

    public required IReadOnlyList<CoincidenceCue> Coincidences { get; init; }

    public required IReadOnlyDictionary<string, int> Numbers { get; init; }

    public required IReadOnlyDictionary<string, int> Ordinals { get; init; }

    public required IReadOnlyDictionary<string, Regex> Cues { get; init; }

    public required int RecencyDays { get; init; }

    public required IReadOnlyList<NamedDay> NamedDays { get; init; }

    public required IReadOnlyList<string> Abbreviations { get; init; }

    public required IReadOnlyList<Official> Officials { get; init; }

    public required IReadOnlyList<PlaceEntry> Places { get; init; }

    public required IReadOnlyList<Organisation> Organisations { get; init; }

    public required IReadOnlyList<SuperlativeHolder> Superlatives { get; init; }

    public required IReadOnlyList<SystemEntry> Systems { get; init; }

    /// <summary>Any weapon-system name of the gazetteer, longest names first so that "Hwasong-11A" wins over "Hwasong-11".</summary>
    public required NameList SystemNames { get; init; }

    /// <summary>Names that look like a North Korean designation (Hwasong-20, KN-99) even when the gazetteer lacks them.</summary>
    public required Regex DesignationLike { get; init; }

    public required Regex NumberWords { get; init; }

    public required Regex OrdinalWords { get; init; }

    public required NameList OfficialNames { get; init; }

    public required NameList PlaceNames { get; init; }

    public required NameList OrganisationNames { get; init; }

    /// <summary>
    /// Words that carry no claim of their own (<c>data/claims/no-claim-words.csv</c>), each with the
    /// facets one of which must be stated for it to carry none ("" for always: "failed" only beside an outcome).
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<string>> NoClaimWords { get; init; }

    public Regex Cue(string type) => Cues[type];

    private static ClaimKnowledge Load(RegexOptions options)
    {
        T Read<T>(string name, Func<IReadOnlyList<CsvRecord>, T> read, IReadOnlyList<string> columns)
        {
            using var text = BundledRecord.Open(name);
            return read(CsvTable.Read(text, name, columns, ["note"]).Records);
        }

        var eventPhrases = Read("data/claims/event-phrases.csv", rows => rows.Select(r => new EventPhrase(
            Phrase(r, "phrase", options),
            Taxonomy.ParseKind(r.Required("kind"), r.File, r.Line),
            r.List("classes"),
            r.Required("complete") == "yes")).ToList(), ["phrase", "kind", "classes", "complete"]);
        var contextPhrases = Read("data/claims/context-phrases.csv", rows => rows.Select(r => new ContextPhrase(
            Phrase(r, "phrase", options),
            Taxonomy.ParseKind(r.Required("kind"), r.File, r.Line),
            r.List("class"),
            r.Optional("title"),
            r.Required("complete") switch
            {
                "yes" => true,
                "no" => false,
                var other => throw r.Error("complete", $"'{other}' is neither yes nor no."),
            })).ToList(), ["phrase", "kind", "class", "title", "complete"]);
        var coincidences = Read("data/claims/coincidence.csv", rows => rows.Select(r => new CoincidenceCue(
            ClaimPatterns.Get($@"\b(?:{r.Required("phrase")})\s+$", options),
            r.Required("relation"),
            int.Parse(r.Required("days"), CultureInfo.InvariantCulture),
            r.Required("phrase"))).ToList(), ["phrase", "relation", "days"]);
        var numbers = Read("data/claims/numbers.csv", WordValues, ["word", "value"]);
        var ordinals = Read("data/claims/ordinals.csv", WordValues, ["word", "value"]);
        var cueRows = Read("data/claims/cues.csv", rows => rows.Select(r => (Type: r.Required("type"), Phrase: r.Required("phrase"), Days: r.Optional("days"))).ToList(), ["type", "phrase", "days"]);
        var cues = cueRows.GroupBy(c => c.Type).ToDictionary(
            g => g.Key,
            g => ClaimPatterns.Get($@"(?<![\w-])(?:{string.Join("|", g.Select(c => c.Phrase))})(?![\w-])", options),
            StringComparer.Ordinal);
        var recencyDays = int.Parse(cueRows.First(c => c.Type == "recency").Days ?? "183", CultureInfo.InvariantCulture);
        var namedDays = Read("data/claims/named-days.csv", rows => rows.Select(r => new NamedDay(
            ClaimPatterns.Get($@"(?<![\w-])(?:{r.Required("name")})(?:'s)?(?:\s+(?:of\s+)?(?<y>(?:19|20)[0-9]{{2}})\b)?", options & ~RegexOptions.IgnoreCase),
            int.Parse(r.Required("month"), CultureInfo.InvariantCulture), int.Parse(r.Required("day"), CultureInfo.InvariantCulture))).ToList(),
            ["name", "month", "day"]);
        var noClaimWords = Read("data/claims/no-claim-words.csv", rows => rows
            .SelectMany(r => r.Required("words").Split('|').Select(w => (Word: w.Trim(), Facet: r.Optional("facet") ?? "")))
            .GroupBy(w => w.Word, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(w => w.Facet).ToHashSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase), ["category", "facet", "words"]);
        var abbreviations = Read("data/claims/abbreviations.csv", rows => rows.Select(r => r.Required("abbreviation")).ToList(), ["abbreviation"]);
        var officials = Read("data/gazetteer/officials.csv", rows => rows.Select(r => new Official(
            r.Required("name"), r.List("aliases"), r.Required("office"), r.RequiredDate("start"), r.OptionalDate("end"), r.Required("source_url"))).ToList(),
            ["name", "aliases", "office", "start", "end", "source_name", "source_url"]);
        var places = Read("data/gazetteer/places.csv", rows => rows.Select(r => new PlaceEntry(
            r.Required("name"), r.List("aliases"), r.Required("type"), r.Optional("actor"), r.OptionalNumber("latitude"), r.OptionalNumber("longitude"), r.Required("source_url"))).ToList(),
            ["name", "aliases", "type", "actor", "latitude", "longitude", "source_name", "source_url"]);
        var organisations = Read("data/gazetteer/organisations.csv", rows => rows.Select(r => new Organisation(
            r.Required("name"), r.List("aliases"), r.Optional("actor"), r.Required("type"), r.Required("source_url"))).ToList(),
            ["name", "aliases", "actor", "type", "source_name", "source_url"]);
        var superlatives = Read("data/gazetteer/superlatives.csv", rows => rows.Select(r => new SuperlativeHolder(
            r.Required("superlative"), r.Required("class"), r.Required("system"), r.RequiredDate("since"), r.Required("source_url"))).ToList(),
            ["superlative", "class", "system", "since", "source_name", "source_url"]);
        var systems = BundledRecord.Systems.All.Select(s => new SystemEntry(s.System.Id, s.System.Name, s.Class, [s.System.Name, .. s.System.Aliases])).ToList();

        return new ClaimKnowledge
        {
            EventPhrases = eventPhrases,
            ContextPhrases = contextPhrases,
            Coincidences = coincidences,
            Numbers = numbers,
            Ordinals = ordinals,
            Cues = cues,
            RecencyDays = recencyDays,
            NamedDays = namedDays,
            Abbreviations = abbreviations,
            NoClaimWords = noClaimWords,
            Officials = officials,
            Places = places,
            Organisations = organisations,
            Superlatives = superlatives,
            Systems = systems,
            SystemNames = new([.. systems.SelectMany(s => s.Names)], options),
            NumberWords = Alternation(numbers.Keys, options, patterns: ["[0-9]{1,2}"]),
            OrdinalWords = Alternation(ordinals.Keys.Append(@"[0-9]{1,2}(?:st|nd|rd|th)"), options, escape: false),
            OfficialNames = new([.. officials.SelectMany(o => o.Aliases.Prepend(o.Name))], options),
            PlaceNames = new([.. places.SelectMany(p => p.Aliases.Prepend(p.Name))], options),
            OrganisationNames = new([.. organisations.SelectMany(o => o.Aliases.Prepend(o.Name))], options),
            DesignationLike = ClaimPatterns.Get(@"\b(?:Hwasong|Pukguksong|KN|Unha|Chollima|Taepodong|Haeil|Hwasal|Pulhwasal)-[0-9]+[A-Z]?\b", options),
            PatternOptions = options,
        };
    }

    private static Regex Phrase(CsvRecord r, string column, RegexOptions options)
    {
        try
        {
            return ClaimPatterns.Get($@"(?<![\w-])(?:{r.Required(column)})(?![\w-])", options);
        }
        catch (ArgumentException ex)
        {
            throw r.Error(column, $"the pattern is not a valid regular expression: {ex.Message}");
        }
    }

    private static Dictionary<string, int> WordValues(IReadOnlyList<CsvRecord> rows) =>
        rows.ToDictionary(r => r.Required("word"), r => int.Parse(r.Required("value"), CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);

    /// <summary>One pattern that matches any of the names as whole words, longest first.</summary>
    /// <summary>The names (escaped unless <paramref name="escape"/> is false) and any <paramref name="patterns"/> as one whole-word alternation.</summary>
    private static Regex Alternation(IEnumerable<string> names, RegexOptions options, bool escape = true, string[]? patterns = null)
    {
        var parts = names.Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length)
            .Select(n => escape && !n.StartsWith('\\') ? Regex.Escape(n) : n)
            .Concat(patterns ?? []);
        return ClaimPatterns.Get($@"(?<![\w-])(?:{string.Join("|", parts)})(?![\w-])", options);
    }
}

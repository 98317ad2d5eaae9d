namespace Peninsula.Claims;

/// <summary>A reference to a context event: "during Blinken's visit to South Korea", "ahead of the US election".</summary>
/// <remarks>
/// Relation: <c>during</c>, <c>before</c> or <c>after</c>.<br/>
/// Days: How many days before or after the context event still count.<br/>
/// Official: The official named, whose visits are meant.<br/>
/// Office: The office named without a name (<c>us-secretary-of-state</c>), whose holders' visits are meant.<br/>
/// PlaceActor: The country visited, as an actor code, if named.<br/>
/// Phrase: The context phrase matched (elections, exercises, summits), when not a visit.
/// </remarks>
internal sealed record ContextReference(
    TextSpan Span, string Relation, int Days, Official? Official, string? Office, string? PlaceActor, ContextPhrase? Phrase, string Label);

/// <summary>A weapon system named in a claim, with the gazetteer entries that go by that name (none when unknown).</summary>
internal sealed record SystemMention(string Name, IReadOnlyList<SystemEntry> Entries);

/// <summary>A claim as found in the text, before it is checked against the record.</summary>
internal sealed record FoundClaim
{
    public required TextSpan Span { get; init; }

    public required ClaimType Type { get; init; }

    public required EventPhrase Phrase { get; init; }

    /// <summary>When the claim says it happened, resolved; null when it names no time (or one that could not be placed).</summary>
    public Period? Period { get; init; }

    /// <summary>A time the text names but that could not be placed (a month with no year known), else null.</summary>
    public string? UnresolvedTime { get; init; }

    /// <summary>Whether <see cref="Period"/> only scopes an ordinal ("its first ICBM this year") rather than dating the event.</summary>
    public bool PeriodIsScope { get; init; }

    public int? Count { get; init; }

    /// <summary>Whether <see cref="Count"/> is a lower bound ("more than 30 missiles").</summary>
    public bool CountAtLeast { get; init; }

    /// <summary>A context the claim is tied to ("after Trump's election victory") that the rules cannot resolve, else null.</summary>
    public string? UnknownContext { get; init; }

    public int? Ordinal { get; init; }

    /// <summary>The year within which an ordinal or a first is counted; null for "ever".</summary>
    public int? OrdinalYear { get; init; }

    public SystemMention? System { get; init; }

    /// <summary>A launch or test site the claim names ("from Sunan"), from <c>data/gazetteer/places.csv</c>.</summary>
    public PlaceEntry? Site { get; init; }

    /// <summary>A superlative such as <c>largest</c>, looked up in <c>data/gazetteer/superlatives.csv</c>.</summary>
    public string? Superlative { get; init; }

    public ContextReference? Context { get; init; }

    public bool Recent { get; init; }

    /// <summary>Whether the claim says the event was the latest of its kind ("last launched an ICBM in 2022"): a later one before the article refutes it.</summary>
    public bool Latest { get; init; }

    /// <summary>The outcome the claim states: <see cref="Events.Outcome.Success"/> ("put into orbit", "successfully"), <see cref="Events.Outcome.Failure"/> ("failed", "exploded"), else null.</summary>
    public Events.Outcome? ClaimedOutcome { get; init; }

    /// <summary>Whether the claim says the missile was fired from a submarine ("from a submarine").</summary>
    public bool FromSubmarine { get; init; }

    public string? AttributedTo { get; init; }
}

using Peninsula.Events;

namespace Peninsula.Reading;

/// <summary>How a sentence puts what it says about an event.</summary>
public enum Modality
{
    /// <summary>The writer asserts it: "North Korea launched a ballistic missile today".</summary>
    Asserted,

    /// <summary>The writer reports someone else's assertion: "KCNA said it tested a hydrogen bomb".</summary>
    Attributed,

    /// <summary>A possibility about the past: "there is the possibility that North Korea went ahead with a nuclear test".</summary>
    Hypothetical,

    /// <summary>A question: "Have you analysed the type of missile that was launched?".</summary>
    Question,
}

/// <summary>Whether the assertion says the event happened or that it did not.</summary>
public enum Polarity
{
    /// <summary>It happened.</summary>
    Affirmed,

    /// <summary>It did not happen: "has not conducted a nuclear test since 2017".</summary>
    Negated,
}

/// <summary>Where the time of an assertion came from.</summary>
public enum TimeBasis
{
    /// <summary>The sentence names the time in full ("on September 3, 2017").</summary>
    Sentence,

    /// <summary>
    /// Relative or partial, placed by the article's anchor ("today", "on Monday", "Jan. 6"): its
    /// publication date, or what stood in for it (<see cref="ArticleAnchor.Description"/> says which).
    /// </summary>
    Publication,

    /// <summary>A time named earlier in the same paragraph.</summary>
    Paragraph,

    /// <summary>
    /// The time of the event the article last reported, for a sentence that names it by a pronoun
    /// or a bare noun and states no time of its own ("It travelled as high as 1,000 kilometers above Earth", VOA, 2022-10-04).
    /// </summary>
    Antecedent,
}

/// <summary>
/// When an assertion says the event happened. <paramref name="Period"/> is the resolved time, or
/// null when the words (<paramref name="Unresolved"/>) could not be placed or the sentence only says
/// <paramref name="Recent"/>ly; <paramref name="ScopeOnly"/> marks a period that only scopes an
/// ordinal ("its first ICBM this year"). <paramref name="Span"/> is null for a time carried over
/// from an earlier clause.
/// </summary>
internal sealed record AssertedTime(Period? Period, string? Unresolved, bool Recent, TimeBasis Basis, bool ScopeOnly, TextSpan? Span)
{
    /// <summary>
    /// Why the period was not read with certainty (a day in a clock behind Korea's, a year the text
    /// does not fix, a vague span, a time of another event in the same clause), or null when it was:
    /// the record refutes on a date only when this is null.
    /// </summary>
    public string? Doubt { get; init; }
}

/// <summary>A detail the sentence states that the record does not hold ("fell within Japan's EEZ", "a new type").</summary>
internal sealed record AssertedDetail(string Words, TextSpan Span);

/// <summary>How many: <paramref name="Value"/>, or at least that many.</summary>
internal sealed record AssertedCount(int Value, bool AtLeast, TextSpan Span)
{
    /// <summary>Whether the count is of launch days, not of missiles: "launches of the ICBM-class ballistic missiles twice in July".</summary>
    public bool Days { get; init; }
}

/// <summary>How far the missile flew, in kilometres, as the sentence states it.</summary>
internal sealed record AssertedDistance(double Km, TextSpan Span);

/// <summary>The height the sentence says the missile reached, in kilometres ("reached a height of 120 kilometers"): a lower bound on its apogee.</summary>
internal sealed record AssertedHeight(double Km, TextSpan Span);

/// <summary>The sea a missile came down in ("fell into the Sea of Japan"), as the record names landing areas; <paramref name="Area"/> is null for "the sea", any sea.</summary>
internal sealed record AssertedLanding(string? Area, TextSpan Span);

/// <summary>
/// How much of what a clause says of its event was read: the spans read as facets, and the runs of
/// content words in its predicate that no facet explains (<paramref name="Left"/>: "capable of
/// reaching the state of Alaska", "about 370 kilometers from the Japanese coast"). A claim with
/// anything left is never supported: the record says nothing of it.
/// </summary>
internal sealed record PredicateCoverage(IReadOnlyList<TextSpan> Read, IReadOnlyList<AssertedDetail> Left)
{
    /// <summary>A clause that says nothing after its event phrase.</summary>
    public static readonly PredicateCoverage Nothing = new([], []);
}

/// <summary>A launch or test site named ("from Sunan"), from <c>data/gazetteer/places.csv</c>; <paramref name="Near"/> when named as near it ("in the vicinity of Sunan").</summary>
internal sealed record AssertedSite(PlaceEntry Place, TextSpan Span, bool Near);

/// <summary>The outcome stated: success ("put into orbit") or failure ("exploded").</summary>
internal sealed record AssertedOutcome(Outcome Outcome, TextSpan Span);

/// <summary>
/// The event's place in a series: the <paramref name="Ordinal"/>th (1 for a first), counted within
/// <paramref name="WithinYear"/> (null for ever); the latest of its kind; or a superlative
/// ("largest"), looked up in <c>data/gazetteer/superlatives.csv</c>.
/// </summary>
internal sealed record AssertedOrder(int? Ordinal, int? WithinYear, bool Latest, string? Superlative, TextSpan? Span)
{
    /// <summary>
    /// The span of days before the event the order is counted in ("the second such launch in just a
    /// few weeks": the second within the 14 to 42 days up to the event), null for an order counted from
    /// the start or within a year.
    /// </summary>
    public OrderWindow? Window { get; init; }
}

/// <summary>
/// A span of days up to an event that an order is counted in, as loosely as the sentence says it: at
/// least <paramref name="MinDays"/> and at most <paramref name="MaxDays"/> days ("in less than a week": 1 to 7).
/// </summary>
internal sealed record OrderWindow(int MinDays, int MaxDays);

/// <summary>
/// What an assertion says was done: the event phrase (kind and classes, and whether the record is
/// complete for it), a weapon system named, whether it was fired from a submarine, and who acted
/// when it is not North Korea (an actor code, "US", for "the United States imposed new sanctions").
/// </summary>
internal sealed record AssertedAction(EventPhrase Phrase, TextSpan Span, SystemMention? System, bool FromSubmarine, string? Actor = null)
{
    public EventKind Kind => Phrase.Kind;
}

/// <summary>
/// One assertion read from a sentence: a frame of facets, each null when the sentence does not
/// state it. The reader fills it; the fact-check compares each facet with the record, and event
/// detection proposes events from it.
/// </summary>
internal sealed record Assertion
{
    /// <summary>The words the assertion spans, from its subject or first facet to its last.</summary>
    public required TextSpan Span { get; init; }

    /// <summary>The sentence it was read from.</summary>
    public required TextSpan Sentence { get; init; }

    public required AssertedAction Action { get; init; }

    /// <summary>When; null when the sentence names no time.</summary>
    public AssertedTime? Time { get; init; }

    public AssertedCount? Count { get; init; }

    /// <summary>
    /// A number of missiles the sentence states beside a claim of another kind ("the same day North
    /// Korea test-fired four short-range missiles", read as a launch on that day): compared with the
    /// record's number fired, and never supported where the record has none.
    /// </summary>
    public AssertedCount? StatedCount { get; init; }

    public AssertedOrder? Order { get; init; }

    public AssertedSite? Site { get; init; }

    public AssertedOutcome? Outcome { get; init; }

    public AssertedDistance? Distance { get; init; }

    public AssertedHeight? Height { get; init; }

    /// <summary>The sea the sentence says the missile came down in.</summary>
    public AssertedLanding? Landing { get; init; }

    /// <summary>What of the clause's predicate was read and what was left; null where it was not measured.</summary>
    public PredicateCoverage? Coverage { get; init; }

    /// <summary>A context event the assertion ties the event to ("during Blinken's visit").</summary>
    public ContextReference? Context { get; init; }

    /// <summary>A context named that the rules cannot place in time ("after Trump's election victory").</summary>
    public string? UnknownContext { get; init; }

    /// <summary>A detail stated that the record does not hold, which leaves the claim undecided.</summary>
    public AssertedDetail? Unrecorded { get; init; }

    public Polarity Polarity { get; init; }

    public Modality Modality { get; init; }

    /// <summary>Who the sentence attributes it to ("KCNA"), or null.</summary>
    public string? AttributedTo { get; init; }

    /// <summary>Whether the assertion says "recently" (with or without a time).</summary>
    public bool Recent => Time is { Recent: true };

    /// <summary>The resolved period, if any.</summary>
    public Period? Period => Time?.Period;
}

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
internal sealed record SystemMention(string Name, IReadOnlyList<SystemEntry> Entries, TextSpan? Span = null);

using Peninsula.Events;
using Peninsula.Reading;

namespace Peninsula.Claims;

/// <summary>What the record says about one claim.</summary>
public enum ClaimVerdict
{
    /// <summary>The record has the event the claim states.</summary>
    Supported,

    /// <summary>The record contradicts the claim, and it is complete for what the claim is about.</summary>
    Refuted,

    /// <summary>The record cannot decide: it is incomplete for this kind of event, or the claim's time is unknown or past the record's end.</summary>
    NotEnoughEvidence,
}

/// <summary>The type of a claim, by what makes it checkable.</summary>
public enum ClaimType
{
    /// <summary>An event kind with a time: "in April the country conducted a nuclear test".</summary>
    Event,

    /// <summary>An ordinal: "its sixth nuclear test".</summary>
    Ordinal,

    /// <summary>A count: "launched two short-range ballistic missiles".</summary>
    Count,

    /// <summary>A weapon system: "test-fired a Hwasong-19".</summary>
    System,

    /// <summary>A coincidence with a context event: "during Blinken's visit to South Korea".</summary>
    Coincidence,

    /// <summary>A recency: "recently tested".</summary>
    Recency,

    /// <summary>A first: "its first ICBM launch this year".</summary>
    First,

    /// <summary>A superlative: "its largest ICBM".</summary>
    Superlative,

    /// <summary>That something did not happen: "has not conducted a nuclear test since 2017".</summary>
    Absence,
}

/// <summary>What the record says of one facet of a claim.</summary>
public enum FacetResult
{
    /// <summary>The record agrees (shown ✓).</summary>
    Matches,

    /// <summary>The record, complete for it, contradicts it (shown ✗).</summary>
    Contradicted,

    /// <summary>The record cannot decide (shown ?).</summary>
    Undecided,
}

/// <summary>One facet of a claim compared with the record: "count 23 ✗ (record: 7)".</summary>
/// <param name="Facet">The facet's name: <c>date</c>, <c>count</c>, <c>system</c>, <c>ordinal</c>, <c>first</c>, <c>site</c>, <c>outcome</c>, <c>platform</c>, <c>latest</c>, <c>context</c>, <c>absence</c>, <c>recency</c>, <c>superlative</c>, <c>modality</c>.</param>
/// <param name="Stated">What the claim states, e.g. <c>2022-11-03</c> or <c>23</c>.</param>
/// <param name="Result">What the record says of it.</param>
/// <param name="Record">What the record holds, in plain language, with Korean dates (UTC+9).</param>
/// <param name="Evidence">Ids of the events this facet's result rests on.</param>
public sealed record FacetCheck(string Facet, string Stated, FacetResult Result, string Record, IReadOnlyList<string> Evidence)
{
    /// <summary>✓, ✗ or ?.</summary>
    public string Mark => Result switch
    {
        FacetResult.Matches => "✓",
        FacetResult.Contradicted => "✗",
        _ => "?",
    };

    /// <summary>"count 23 ✗": the facet, what was stated, and its mark.</summary>
    public override string ToString() => $"{Facet} {Stated} {Mark}";
}

/// <summary>One checked claim, with where it is in the article (character offsets into the text, end exclusive).</summary>
/// <param name="Text">The claim's words as they appear in the article.</param>
/// <param name="Start">Offset of the first character in the article text (UTF-16 code units).</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Type">What makes the claim checkable.</param>
/// <param name="EventKind">The kind of event the claim is about.</param>
/// <param name="Verdict">What the record says.</param>
/// <param name="Reason">One line in plain language, naming Korean dates (UTC+9).</param>
/// <param name="Evidence">Ids of the events the verdict rests on.</param>
/// <param name="Period">The time the claim was read as, e.g. <c>2020-04-01..2020-04-30</c>, or null.</param>
/// <param name="AttributedTo">The organisation the article attributes the claim to (e.g. KCNA), or null.</param>
/// <param name="Facets">Every facet the claim states, compared with the record; the verdict is supported only when each matches.</param>
public sealed record CheckedClaim(
    string Text,
    int Start,
    int End,
    ClaimType Type,
    EventKind EventKind,
    ClaimVerdict Verdict,
    string Reason,
    IReadOnlyList<string> Evidence,
    string? Period,
    string? AttributedTo,
    IReadOnlyList<FacetCheck> Facets)
{
    /// <summary>The time the claim was read with: its words, where they were placed from, and the period; null when it names none.</summary>
    internal AssertedTime? Time { get; init; }

    /// <summary>"date 2022-11-03 ✓ · count 23 ✗": the facets on one line.</summary>
    public string FacetLine => string.Join(" · ", Facets.Select(f => f.ToString()));
}

/// <summary>The result of checking one article.</summary>
/// <param name="Published">The publication date given by the user, if any (Korean date).</param>
/// <param name="Anchor">The date the article's times were read against.</param>
/// <param name="Claims">Every claim found, in text order.</param>
/// <param name="Statements">Opinions and intentions, not checked.</param>
/// <param name="RecordEnd">The last date the record covers; claims after it cannot be refuted.</param>
/// <param name="Notice">A note for the reader when no claim was found (e.g. the text is not in English), else null.</param>
/// <param name="Text">The article text the offsets refer to.</param>
/// <param name="Unread">Sentences that could not be read or checked; the rest of the article was.</param>
public sealed record ArticleCheck(
    KoreanDate? Published,
    ArticleAnchor Anchor,
    IReadOnlyList<CheckedClaim> Claims,
    IReadOnlyList<UncheckedStatement> Statements,
    KoreanDate RecordEnd,
    string? Notice,
    string Text,
    IReadOnlyList<UnreadSentence> Unread);

/// <summary>How verdicts, types and statements are written in the JSON and on screen.</summary>
public static class ClaimNames
{
    /// <summary><c>supported</c>, <c>refuted</c> or <c>not-enough-evidence</c>.</summary>
    public static string Slug(this ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Supported => "supported",
        ClaimVerdict.Refuted => "refuted",
        _ => "not-enough-evidence",
    };

    /// <summary><c>matches</c>, <c>contradicted</c> or <c>undecided</c>.</summary>
    public static string Slug(this FacetResult result) => result.ToString().ToLowerInvariant();

    /// <summary>The claim type in lower case, e.g. <c>coincidence</c>.</summary>
    public static string Slug(this ClaimType type) => type.ToString().ToLowerInvariant();

    /// <summary>The statement type in lower case, e.g. <c>intention</c>.</summary>
    public static string Slug(this StatementType type) => type.ToString().ToLowerInvariant();
}

/// <summary>The type of an assertion, by the facet that makes it checkable.</summary>
internal static class AssertionTypes
{
    public static ClaimType Type(this Assertion c) =>
        c.Polarity == Polarity.Negated ? ClaimType.Absence
        : c.Context is not null ? ClaimType.Coincidence
        : c.Order?.Superlative is not null ? ClaimType.Superlative
        : c.Order?.Ordinal == 1 ? ClaimType.First
        : c.Order?.Ordinal is not null ? ClaimType.Ordinal
        : c.Count is not null ? ClaimType.Count
        : c.Action.System is not null ? ClaimType.System
        : c.Recent && c.Period is null ? ClaimType.Recency
        : ClaimType.Event;
}

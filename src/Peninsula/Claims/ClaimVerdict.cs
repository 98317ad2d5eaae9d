using Peninsula.Events;

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

/// <summary>A statement that is not a claim about an event, listed so that a reader sees it was not checked.</summary>
public enum StatementType
{
    /// <summary>An opinion or an assessment.</summary>
    Opinion,

    /// <summary>An intention, a plan or a possibility (future or modal).</summary>
    Intention,

    /// <summary>A generalisation ("they often use missile tests ...").</summary>
    Generalisation,
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
    string? AttributedTo);

/// <summary>A sentence that states an opinion or an intention rather than an event; not checked.</summary>
public sealed record UncheckedStatement(string Text, int Start, int End, StatementType Type);

/// <summary>The date the article's relative and partial dates were read against.</summary>
/// <param name="Date">The anchor date (Korean date), or null when only a year is known or nothing.</param>
/// <param name="Year">The anchor year, when known.</param>
/// <param name="Description">Where the anchor came from, in plain language.</param>
public sealed record ArticleAnchor(KoreanDate? Date, int? Year, string Description)
{
    /// <summary>No anchor: the article gives no date and none was given.</summary>
    public static readonly ArticleAnchor None = new(null, null, "none: no publication date was given and the text names no date or year");
}

/// <summary>The result of checking one article.</summary>
/// <param name="Published">The publication date given by the user, if any (Korean date).</param>
/// <param name="Anchor">The date the article's times were read against.</param>
/// <param name="Claims">Every claim found, in text order.</param>
/// <param name="Statements">Opinions and intentions, not checked.</param>
/// <param name="RecordEnd">The last date the record covers; claims after it cannot be refuted.</param>
/// <param name="Notice">A note for the reader when no claim was found (e.g. the text is not in English), else null.</param>
/// <param name="Text">The article text the offsets refer to.</param>
public sealed record ArticleCheck(
    KoreanDate? Published,
    ArticleAnchor Anchor,
    IReadOnlyList<CheckedClaim> Claims,
    IReadOnlyList<UncheckedStatement> Statements,
    KoreanDate RecordEnd,
    string? Notice,
    string Text);

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

    /// <summary>The claim type in lower case, e.g. <c>coincidence</c>.</summary>
    public static string Slug(this ClaimType type) => type.ToString().ToLowerInvariant();

    /// <summary>The statement type in lower case, e.g. <c>intention</c>.</summary>
    public static string Slug(this StatementType type) => type.ToString().ToLowerInvariant();
}

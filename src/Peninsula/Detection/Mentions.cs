using System.Text.RegularExpressions;
using Peninsula.Events;
using Peninsula.Reading;

namespace Peninsula.Detection;

/// <summary>How the Korean date of a mention was found.</summary>
internal enum DateResolution
{
    /// <summary>The sentence names the day ("on October 31", "2024-10-31").</summary>
    Stated,

    /// <summary>The sentence names a day relative to the publication date ("yesterday", "on Sunday").</summary>
    Relative,

    /// <summary>The sentence names no day: the publication date is taken, as news reports the day's events.</summary>
    Publication,
}

/// <summary>
/// One event a sentence reports. Date is a Korean date (UTC+9); Class, System (a gazetteer id),
/// Site (a gazetteer name) and Count are null when the sentence does not say. Start and Length
/// are the sentence's span in the text that was read (UTF-16 code units); PhraseStart and
/// PhraseLength the span of the words that report the event, ActionStart and ActionEnd the span of
/// the event's own words ("nuclear test"), in the same text: every mention has them, as every
/// assertion has its action. Ordinal is the event's place in its series when the sentence gives
/// one ("its third nuclear test"), else null; Latest whether it says the event is the latest of its
/// kind ("North Korea's most recent unsuccessful missile launch"). TimeStart is where the words of
/// its time begin when the sentence names one (null when the time was carried over from an earlier
/// sentence or none is named).
/// </summary>
internal sealed record EventMention(
    KoreanDate Date,
    DateResolution Resolution,
    string? DateText,
    EventKind Kind,
    string? Class,
    int? Count,
    string? System,
    string? Site,
    Polarity Polarity,
    Modality Modality,
    string Sentence,
    int Start,
    int Length,
    int PhraseStart,
    int PhraseLength,
    int ActionStart,
    int ActionEnd,
    int? Ordinal = null,
    bool Latest = false,
    int? TimeStart = null);

/// <summary>
/// The one seam between detection and the reader of assertions (<see cref="AssertionReader"/>): a
/// document's text and its publication date in, the event mentions it makes out. The reader is the
/// fact-check's: the same frames, the same time rules (a weekday in a story of that weekday is that
/// day; "this morning" is the publication's day), the same modality and polarity.
/// </summary>
/// <remarks>
/// A period longer than a day that holds the publication date ("this week") dates a mention as
/// the publication does.
/// </remarks>
internal static partial class Mentions
{
    private static readonly Lazy<AssertionReader> Reader = new(() => new AssertionReader(ClaimKnowledge.Bundled));

    /// <summary>The event mentions of a text published on <paramref name="published"/> (Korean date), in the order of the text.</summary>
    public static IReadOnlyList<EventMention> Read(string text, KoreanDate published)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reading = Reader.Value.Read(text);
        var anchor = new ArticleAnchor(published, published.Year, "the publication date");
        var assertions = AssertionReader.Find(reading, anchor, published).Assertions;
        var mentions = new List<EventMention>();
        foreach (var assertion in assertions.OrderBy(c => c.Span.Start))
        {
            if (assertion.Action.Kind is not (EventKind.MissileLaunch or EventKind.NuclearTest))
            {
                continue;
            }

            var sentence = assertion.Sentence;
            if (DateOf(assertion, published, text) is not { } dated)
            {
                continue;
            }

            var (date, resolution, dateText) = dated;

            mentions.Add(new EventMention(
                date,
                resolution,
                dateText,
                assertion.Action.Kind,
                ClassOf(assertion),
                assertion.Count?.Value,
                assertion.Action.System is { Entries.Count: > 0 } system ? system.Entries[0].Id : null,
                assertion.Site?.Place.Name,
                assertion.Polarity,
                assertion.Modality,
                text[sentence.Start..sentence.End],
                sentence.Start,
                sentence.Length,
                assertion.Span.Start,
                assertion.Span.Length,
                assertion.Action.Span.Start,
                assertion.Action.Span.End,
                assertion.Order?.Ordinal,
                assertion.Order?.Latest ?? false,
                assertion.Time?.Span?.Start));
        }

        return mentions;
    }

    /// <summary>
    /// The Korean date a mention reports, or null when it reports no one day: a span of many
    /// events ("Since 2022, North Korea has test launched more than 80 ballistic missiles"), or
    /// events said to be recent with no day named ("Recent ballistic missile tests ... suggest"),
    /// which a report of the day does not say of what happened that day.
    /// </summary>
    private static (KoreanDate Date, DateResolution Resolution, string? Text)? DateOf(Assertion assertion, KoreanDate published, string text)
    {
        if (assertion.Time is { Recent: true, Period: null } && Recently().Match(text, assertion.Sentence.Start, assertion.Sentence.Length).Success)
        {
            return null;
        }

        if (assertion.Time is not { Period: { } period, ScopeOnly: false } time)
        {
            return (published, DateResolution.Publication, null);
        }

        if (period.From <= published && published <= period.To && published.DaysSince(period.From) > EventDetector.FollowUpDays)
        {
            return null;
        }

        if (period.Days == 1)
        {
            var stated = time.Basis is TimeBasis.Sentence or TimeBasis.Paragraph || period.Label.Any(char.IsDigit) || MonthName().IsMatch(period.Label);
            return (period.From, stated ? DateResolution.Stated : DateResolution.Relative, period.Label);
        }

        // "this week", "in October": the publication date when the period holds it, else the period's last day (a past event).
        return period.From <= published && published <= period.To
            ? (published, DateResolution.Publication, period.Label)
            : (period.To, DateResolution.Stated, period.Label);
    }

    private static string? ClassOf(Assertion assertion)
    {
        if (assertion.Action.System is { Entries.Count: > 0 } system)
        {
            return system.Entries[0].Class;
        }

        return assertion.Action.Phrase.Classes is [var only] && only != "ballistic" ? only : null;
    }

    // "recently", "recent tests", "in recent weeks"; not "most recent", "just", "earlier this week"
    // or "latest", which a report of the day uses of that day's event ("North Korea's most recent
    // unsuccessful missile launch", US Secretary of Defense, 2017-04-15).
    [GeneratedRegex(@"(?<!\bmost\s+)\b(?:recent|recently)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Recently();

    [GeneratedRegex(@"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthName();
}

using System.Text.RegularExpressions;
using Peninsula.Claims;
using Peninsula.Events;

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

/// <summary>Whether a mention says the event happened or that it did not.</summary>
internal enum Polarity
{
    /// <summary>It happened.</summary>
    Positive,

    /// <summary>It did not ("has not tested", "never launched").</summary>
    Negative,
}

/// <summary>Whether a mention asserts the event or only expects or fears it.</summary>
internal enum Modality
{
    /// <summary>Asserted as fact.</summary>
    Asserted,

    /// <summary>Possible, planned or predicted ("may launch", "is expected to test").</summary>
    Possible,
}

/// <summary>
/// One event a sentence reports. Date is a Korean date (UTC+9); Class, System (a gazetteer id),
/// Site (a gazetteer name) and Count are null when the sentence does not say. Start and Length
/// are the sentence's span in the text that was read (UTF-16 code units); PhraseStart and
/// PhraseLength the span of the words that report the event, within the sentence.
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
    int PhraseLength);

/// <summary>
/// The one seam between detection and the reader of sentences: a document's text and its
/// publication date in, the event mentions it makes out. Today it is read by the fact-check's
/// claim finder (<see cref="ClaimFinder"/>, <see cref="SentenceSplitter"/>,
/// <see cref="TimeExpressions"/>); nothing else in <c>Detection/</c> knows those types, so that
/// the reader of assertions can take its place here alone.
/// </summary>
/// <remarks>
/// A period longer than a day that holds the publication date ("this week") dates a mention as
/// the publication does. The claim finder leaves modal clauses ("may launch") out, so every
/// mention it gives is <see cref="Modality.Asserted"/>.
/// </remarks>
internal static partial class Mentions
{
    private static readonly Lazy<ClaimFinder> Finder = new(() => new ClaimFinder(ClaimKnowledge.Bundled));

    /// <summary>The event mentions of a text published on <paramref name="published"/> (Korean date), in the order of the text.</summary>
    public static IReadOnlyList<EventMention> Read(string text, KoreanDate published)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reading = Finder.Value.Read(text);
        var anchor = new ArticleAnchor(published, published.Year, "the publication date");
        var (claims, _) = ClaimFinder.Find(reading, anchor, published);
        var sentences = reading.Sentences;
        var mentions = new List<EventMention>();
        var s = 0;
        foreach (var claim in claims.OrderBy(c => c.Span.Start))
        {
            if (claim.Phrase.Kind is not (EventKind.MissileLaunch or EventKind.NuclearTest))
            {
                continue;
            }

            while (s < sentences.Count - 1 && sentences[s].Span.End <= claim.Span.Start)
            {
                s++;
            }

            var sentence = sentences[s].Span;
            var (date, resolution, dateText) = DateOf(claim, published);
            mentions.Add(new EventMention(
                date,
                resolution,
                dateText,
                claim.Phrase.Kind,
                ClassOf(claim),
                claim.Count,
                claim.System is { Entries.Count: > 0 } system ? system.Entries[0].Id : null,
                claim.Site?.Name,
                claim.Type == ClaimType.Absence ? Polarity.Negative : Polarity.Positive,
                Modality.Asserted,
                text[sentence.Start..sentence.End],
                sentence.Start,
                sentence.Length,
                claim.Span.Start,
                claim.Span.Length));
        }

        return mentions;
    }

    private static (KoreanDate Date, DateResolution Resolution, string? Text) DateOf(FoundClaim claim, KoreanDate published)
    {
        if (claim.Period is not { } period || claim.PeriodIsScope)
        {
            return (published, DateResolution.Publication, null);
        }

        if (period.Days == 1)
        {
            var stated = period.Label.Any(char.IsDigit) || MonthName().IsMatch(period.Label);
            // "conducted on Thursday" in a report of that Thursday is that day, not a week before.
            var sameWeekday = !stated && period.Label.Contains(published.Date.DayOfWeek.ToString(), StringComparison.OrdinalIgnoreCase) && published.DaysSince(period.From) == 7;
            return (sameWeekday ? published : period.From, stated ? DateResolution.Stated : DateResolution.Relative, period.Label);
        }

        // "this week", "in October": the publication date when the period holds it, else the period's last day (a past event).
        return period.From <= published && published <= period.To
            ? (published, DateResolution.Publication, period.Label)
            : (period.To, DateResolution.Stated, period.Label);
    }

    private static string? ClassOf(FoundClaim claim)
    {
        if (claim.System is { Entries.Count: > 0 } system)
        {
            return system.Entries[0].Class;
        }

        return claim.Phrase.Classes is [var only] && only != "ballistic" ? only : null;
    }

    [GeneratedRegex(@"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthName();
}

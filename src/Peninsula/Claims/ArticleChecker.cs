using Peninsula.Events;
using Peninsula.Reading;

namespace Peninsula.Claims;

/// <summary>
/// Reads an article and checks its claims about North Korea's actions against a list of events
/// (normally the whole store): each claim is supported, refuted, or the record cannot decide.
/// Offline and deterministic: the rules and the gazetteer are data files shipped in the library.
/// </summary>
public sealed class ArticleChecker
{
    private readonly ClaimChecker _checker;
    private static readonly Lazy<AssertionReader> Finder = new(() => new AssertionReader(ClaimKnowledge.Bundled));

    /// <summary>Prepares a checker over these events (any order); reuse it for many articles.</summary>
    public ArticleChecker(IEnumerable<Event> events)
    {
        _checker = new ClaimChecker(events, ClaimKnowledge.Bundled);
    }

    /// <summary>The last Korean date the events cover; an absence after it refutes nothing.</summary>
    public KoreanDate RecordEnd => _checker.RecordEnd;

    /// <summary>
    /// Checks an article. <paramref name="published"/> is its publication date, taken as Korea's;
    /// without it, the first full date in the text, else the first year, else a context event the
    /// article names (a visit with a launch during it) anchors relative and partial dates.
    /// <paramref name="clock"/> is the clock the article's dates are written in:
    /// <see cref="WriterClock.Behind"/> for a US or European outlet (or one not known), whose date,
    /// "today" and weekdays may be a day behind Korea's, so that they are read as possibly Korea's next
    /// day and never refute on their own.
    /// </summary>
    public ArticleCheck Check(string text, KoreanDate? published = null, WriterClock clock = WriterClock.Korea) => Check(Read(text), published, clock);

    /// <summary>
    /// Reads an article: what <see cref="Check(ArticleReading, KoreanDate?, WriterClock)"/> needs of it that does
    /// not depend on the record or the anchor. A caller may read while it loads the events.
    /// </summary>
    public static ArticleReading Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Finder.Value.Read(text);
    }

    /// <summary>Checks an article read by <see cref="Read"/>; see <see cref="Check(string, KoreanDate?, WriterClock)"/>.</summary>
    public ArticleCheck Check(ArticleReading reading, KoreanDate? published = null, WriterClock clock = WriterClock.Korea)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var text = reading.Text;
        // The reading does not depend on the anchor, so it serves again when the anchor changes
        // below. Reading first also warms the time patterns up (out of the JIT's first tier) for the
        // scan of the whole text that looks for the anchor: on a long article that scan costs a
        // tenth as much after the reading as before it.
        var anchor = published is { } p
            ? new ArticleAnchor(p, p.Year, $"the publication date {p} (--published{(clock == WriterClock.Behind ? ", in a clock behind Korea's" : "")})")
            : FromText(text, ClaimKnowledge.Bundled.NamedDays);
        anchor = anchor with { Clock = clock };
        var found = AssertionReader.Find(reading, anchor, RecordEnd);
        if (anchor.Date is null && FromContext(found.Assertions) is { } context)
        {
            // Resolve the times again against the context event's date, so that "recently" has a meaning.
            anchor = context with { Clock = clock };
            found = AssertionReader.Find(reading, anchor, RecordEnd);
        }

        var claims = new List<CheckedClaim>(found.Assertions.Count);
        var unread = found.Unread.ToList();
        var unreadStarts = unread.Select(u => u.Start).ToHashSet();
        foreach (var assertion in found.Assertions)
        {
            try
            {
                claims.Add(_checker.Check(assertion, text, anchor));
            }
#pragma warning disable CA1031 // A claim that cannot be checked marks its sentence unread; the rest of the article is checked.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var s = assertion.Sentence;
                if (unreadStarts.Add(s.Start))
                {
                    unread.Add(new UnreadSentence(s.Of(text), s.Start, s.End, AssertionReader.Unreadable(ex, "checked")));
                }
            }
        }

        unread.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new ArticleCheck(published, anchor, claims, found.Statements, RecordEnd, claims.Count == 0 && unread.Count == 0 ? Notice(text) : null, text, unread);
    }

    private static ArticleAnchor FromText(string text, IReadOnlyList<NamedDay> namedDays)
    {
        TimeMention? firstYear = null;
        // Lazily, in the order found (calendar dates first): a long article stops at its first full date.
        foreach (var mention in TimeExpressions.Find(text, 0, text.Length, namedDays))
        {
            if (mention is { Year: { } y, Month: { } m, Day: { } d } && d <= DateTime.DaysInMonth(y, m))
            {
                var date = new KoreanDate(y, m, d);
                return new ArticleAnchor(date, y, $"the first full date in the text, '{mention.Text.Trim()}' ({date}); no publication date was given");
            }

            firstYear ??= mention.HasYear ? mention : null;
        }

        return firstYear is { Year: { } year }
            ? new ArticleAnchor(null, year, $"the year {year}, from the text ('{firstYear.Text.Trim()}'); no publication date or full date was given")
            : ArticleAnchor.None;
    }

    /// <summary>The latest context event named by a coincidence claim that had a launch during it.</summary>
    private ArticleAnchor? FromContext(IReadOnlyList<Assertion> found)
    {
        var candidates = found
            .Where(c => c.Context is not null && c.Type() == ClaimType.Coincidence)
            .Select(c => (Claim: c, Judged: _checker.Judge(c, ArticleAnchor.None), Contexts: _checker.ContextEvents(c.Context!)))
            .Where(x => x.Judged.Verdict == ClaimVerdict.Supported)
            .SelectMany(x => x.Contexts.Where(e => x.Judged.Evidence.Contains(e.Id)).Select(e => (x.Claim, Context: e)))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates.MaxBy(x => x.Context.Date);
        var e = best.Context;

        var date = e.LastDate;
        return new ArticleAnchor(date, date.Year,
            $"{date}, the last day of {e.Title} ({e.Date}..{date}), the latest event matching the article's '{best.Claim.Context!.Label}' with a launch during it; the article gives no date and no publication date was given");
    }

    private static string Notice(string text)
    {
        int latin = 0, hangul = 0, cjk = 0, cyrillic = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (c < 0x250)
            {
                latin++;
            }
            else if (c is >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F')
            {
                hangul++;
            }
            else if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3040' and <= '\u30FF')
            {
                cjk++;
            }
            else if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else
            {
                other++;
            }
        }

        var letters = latin + hangul + cjk + cyrillic + other;
        if (letters > 0 && latin < letters / 2)
        {
            var script = new[] { (hangul, "Korean (Hangul)"), (cjk, "Chinese or Japanese"), (cyrillic, "Cyrillic"), (other, "a non-Latin script") }.MaxBy(s => s.Item1).Item2;
            return $"No claims found: the text looks like it is written in {script}. Peninsula reads claims in English only.";
        }

        return "No checkable claims found: the text names no North Korean launch, test or other event with a time, count, system or context.";
    }
}

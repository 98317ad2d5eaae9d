using System.Text.RegularExpressions;

namespace Peninsula.Reading;

/// <summary>
/// The coverage of a clause's predicate (issue 16, item 2: every facet an assertion states is compared
/// with the record): which of the words said of the event were read as facets and which content words
/// are left, so that a claim is never supported on its event alone while it states more.
/// </summary>
internal sealed partial class AssertionReader
{
    /// <summary>Punctuation that ends a run of left-over words.</summary>
    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create(",;:()\"“”");

    /// <summary>
    /// What the clause says of its event after the event phrase, accounted for: the spans read as
    /// facets (time, count, order, site, distance, height, outcome, landing area, system, context,
    /// a detail the record does not hold), and the runs of content words no facet explains. Words
    /// that carry no claim (<c>data/claims/no-claim-words.csv</c>: function words, reporting verbs
    /// and hedges, approximations, the event itself, the actor, the bearing) are neither. What the
    /// speaker thinks of the event ("poses a grave threat", "is a clear violation") ends the
    /// predicate: a judgement is no detail of the event, and the fact-check does not check opinions.
    /// </summary>
    private PredicateCoverage Coverage(string text, TextSpan clause, Assertion claim, IReadOnlyList<TimeReading> times)
    {
        // Only the kinds whose facets the record holds in full measure (launches and nuclear tests);
        // a summit's or a sanction's own details are the calendars' titles, not facets.
        if (claim.Action.Kind is not (Events.EventKind.MissileLaunch or Events.EventKind.NuclearTest))
        {
            return PredicateCoverage.Nothing;
        }

        var start = Math.Max(claim.Action.Span.End, clause.Start);
        var end = clause.End;
        if (start >= end)
        {
            return PredicateCoverage.Nothing;
        }

        if (Judgement().Match(text, start, end - start) is { Success: true } judged)
        {
            end = judged.Index;
        }

        // "launched short-range ballistic missiles and I was also briefed on this matter", "... and
        // warned it could take a 'new road'", "In response to the launches on June 22, 2016, the
        // Ministry of Foreign Affairs lodged protests": a second predicate, of another subject or a
        // speech act, is not said of the event.
        if (OtherPredicate().Match(text, start, end - start) is { Success: true } other)
        {
            end = other.Index;
        }

        // "... the missile flew between 4,500 to 4,600 kilometers, officials said": the source named after the claim.
        if (TrailingAttribution().Match(text, start, end - start) is { Success: true } source)
        {
            end = source.Index;
        }

        var read = new List<TextSpan>();
        void Add(TextSpan? span)
        {
            if (span is { } s)
            {
                read.Add(s);
            }
        }

        Add(claim.Action.Span);
        Add(claim.Action.System?.Span);
        Add(claim.Count?.Span);
        Add(claim.StatedCount?.Span);
        Add(claim.Order?.Span);
        Add(claim.Site?.Span);
        Add(claim.Outcome?.Span);
        Add(claim.Distance?.Span);
        Add(claim.Height?.Span);
        Add(claim.Landing?.Span);
        Add(claim.Context?.Span);
        Add(claim.Unrecorded?.Span);
        foreach (var time in times)
        {
            read.Add(time.Span);
        }

        if (claim.Context is { } context && context.Span.Start >= start)
        {
            // "during the Freedom Shield exercise in March 2023": the context event named is the facet compared.
            read.Add(new TextSpan(context.Span.Start, end));
        }

        var stated = new HashSet<string>(StringComparer.Ordinal) { "" };
        if (claim.Order is not null)
        {
            stated.Add("order");
        }

        if (claim.Count is not null || claim.StatedCount is not null)
        {
            stated.Add("count");
        }

        if (claim.Outcome is not null)
        {
            stated.Add("outcome");
        }

        if (claim.Site is not null)
        {
            stated.Add("site");
        }

        if (claim.Height is not null)
        {
            stated.Add("height");
        }

        if (claim.Distance is not null)
        {
            stated.Add("distance");
        }

        if (claim.Action.FromSubmarine)
        {
            stated.Add("platform");
        }

        var region = new TextSpan(start, end);
        foreach (var m in ClockTime().MatchesIn(text, region))
        {
            read.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        foreach (var m in _k.SystemNames.Pattern.MatchesIn(text, region).Concat(_k.PlaceNames.Pattern.MatchesIn(text, region)).Concat(_site.MatchesIn(text, region)))
        {
            // A system or a launch site named again ("the Hwasong-15 it launched from Sunan") is read with the action and the site.
            read.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        foreach (var m in _k.EventPhrases.SelectMany(p => p.Pattern.MatchesIn(text, region)))
        {
            // The class said again ("it was an intercontinental ballistic missile") is the action's class.
            read.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        foreach (var m in OverJapan().MatchesIn(text, region))
        {
            // A flight over Japan beside the sea it came down in ("overflew the territory of northern Japan
            // before landing in the Pacific Ocean") is what the landing facet compares.
            read.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        foreach (var m in _k.Cue("action").MatchesIn(text, region))
        {
            // The verb of doing said after the event phrase: "attempted to put a satellite into orbit".
            read.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        foreach (var m in _k.NamedDays.SelectMany(d => d.Pattern.MatchesIn(text, region)))
        {
            // "the US Independence Day": a day known by name is the time facet.
            read.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        foreach (var m in _k.ContextPhrases.SelectMany(p => p.Pattern.MatchesIn(text, region)).Concat(_unknownContext.MatchesIn(text, region)))
        {
            // "during US-South Korea joint drills", "hours before Yoon's summit", "the anniversary of the
            // country's founding": a context event, which the checker places or names as undecided.
            read.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        // "about 370 kilometers from the Japanese coast": where it came down, measured from a place the
        // record does not hold; never a distance flown.
        var relative = RelativePlace().MatchesIn(text, region).Select(m => new TextSpan(m.Index, m.Index + m.Length)).ToList();
        var left = new List<TextSpan>(relative);
        foreach (var m in Word().MatchesIn(text, region))
        {
            var word = new TextSpan(m.Index, m.Index + m.Length);
            if (read.Concat(relative).Any(r => r.Start <= word.Start && word.End <= r.End) || CarriesNoClaim(m.Value, stated))
            {
                continue;
            }

            left.Add(word);
        }

        return new PredicateCoverage(read, [.. Runs(text, left, stated).Select(r => new AssertedDetail(WhitespaceRun().Replace(r.Of(text), " "), r))]);
    }

    /// <summary>Whether a word (or every part of a hyphenated one) is one of the words that carry no claim.</summary>
    private bool CarriesNoClaim(string word, IReadOnlySet<string> stated)
    {
        bool NoClaim(string w) => _k.NoClaimWords.TryGetValue(w, out var facets) && facets.Overlaps(stated);
        return NoClaim(word)
               || (word.Contains('-', StringComparison.Ordinal) && word.Split('-').All(NoClaim))
               || ((word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) && NoClaim(word[..^2]));
    }

    /// <summary>Left-over words joined into runs where only words that carry no claim stand between them: "capable of reaching the state of Alaska".</summary>
    private List<TextSpan> Runs(string text, List<TextSpan> words, IReadOnlySet<string> stated)
    {
        var runs = new List<TextSpan>();
        foreach (var w in words.OrderBy(w => w.Start))
        {
            if (runs.Count > 0 && runs[^1].End >= w.Start)
            {
                runs[^1] = new TextSpan(runs[^1].Start, Math.Max(runs[^1].End, w.End));
                continue;
            }

            if (runs.Count > 0 && Between(text, runs[^1].End, w.Start, stated))
            {
                runs[^1] = new TextSpan(runs[^1].Start, w.End);
            }
            else
            {
                runs.Add(w);
            }
        }

        return runs;
    }

    /// <summary>Whether only spaces and words that carry no claim stand between two left-over words.</summary>
    private bool Between(string text, int from, int to, IReadOnlySet<string> stated)
    {
        var gap = text.AsSpan(from, to - from);
        if (gap.IndexOfAny(Breaks) >= 0)
        {
            return false;
        }

        foreach (var m in Word().EnumerateMatches(gap))
        {
            if (!CarriesNoClaim(gap.Slice(m.Index, m.Length).ToString(), stated))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The sea a missile came down in, as the record names landing areas: "fell into the Sea of Japan",
    /// "landed in the Pacific Ocean", "into the sea" (any sea), "in the waters east of the Korean Peninsula".
    /// </summary>
    private static AssertedLanding? LandingArea(string text, TextSpan clause)
    {
        var m = Sea().Match(text, clause.Start, clause.Length);
        if (!m.Success)
        {
            // "overflew the territory of northern Japan", "overflying Japanese territory": a missile from
            // North Korea that flew over Japan came down in the Pacific (bench/claims-real/README.md,
            // "Details the record does not hold"), so it is the landing area compared.
            return OverJapan().Match(text, clause.Start, clause.Length) is { Success: true } over
                ? new AssertedLanding("pacific ocean", new TextSpan(over.Index, over.Index + over.Length))
                : null;
        }

        var area = m.Groups["japan"].Success ? "sea of japan"
            : m.Groups["pacific"].Success ? "pacific ocean"
            : m.Groups["yellow"].Success ? "yellow sea"
            : null;
        return new AssertedLanding(area, new TextSpan(m.Index, m.Index + m.Length));
    }

    [GeneratedRegex(@"(?<=\b(?:into|in|to|toward|towards)\s+(?:the\s+)?)(?:(?<japan>Sea\s+of\s+Japan|East\s+Sea)(?:\s*\((?:East\s+Sea|Sea\s+of\s+Japan)\))?(?:,\s+also\s+known\s+as\s+(?:the\s+)?East\s+Sea(?:\s+in\s+Korea)?)?|(?<pacific>Pacific(?:\s+Ocean)?)|(?<yellow>Yellow\s+Sea|West\s+Sea)|(?:sea|ocean|waters)(?:\s+(?:east|west|off)\s+of\s+the\s+Korean\s+Peninsula)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sea();

    /// <summary>A flight over Japan with no place under it named: "flew over Japan", "overflew the territory of northern Japan", "overflying Japanese territory".</summary>
    [GeneratedRegex(@"\b(?:over(?:flew|flying|flown)|(?:flew|flying|flown)\s+over)\s+(?:the\s+territory\s+of\s+)?(?:(?:northern|north-eastern|northeastern)\s+)?(?:Japan\b(?!['’]s?\s+(?:EEZ|exclusive))|Japanese\s+territory)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OverJapan();

    /// <summary>A time of day ("at around 5:57 AM", "at 10:41 a.m. EDT", "this morning", "(JST)"), read with the date.</summary>
    [GeneratedRegex(@"\b[0-9]{1,2}(?::[0-9]{2}(?:\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|AM|PM))?|\s*(?:a\.\s?m\.?|p\.\s?m\.?|AM\b|PM\b))(?:\s*\(?(?:JST|KST|EDT|EST|UTC|GMT|Korea\s+Standard\s+Time|Hawaii\s+time|local\s+time|Pyongyang\s+time|Seoul\s+time|Japan\s+time)\)?)?|\b(?:early|late|this|in\s+the)?\s*(?:morning|afternoon|evening|night|midnight|noon|dawn)\b|\blocal\s+time\b|\b(?:JST|KST|EDT|EST|UTC)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    /// <summary>A distance to a place that is not where the missile flew from ("about 370 kilometers from the Japanese coast", "200 km off the Oga Peninsula").</summary>
    [GeneratedRegex(@"\b(?:(?:about|approximately|approx\.?|some|around|roughly)\s+)?[0-9][0-9,.]*\s*(?:km|kilometers|kilometres|miles|nautical\s+miles)\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?\s+(?:of|off)\s+|from\s+|off\s+|away\s+from\s+)(?!(?:its|the)\s+launch|North\s+Korea|Pyongyang|the\s+(?:launch|firing)\s+site)(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+(?=\s*[,.;]|\s+(?:and|in|at|on|before|after|according)\b|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativePlace();

    /// <summary>A judgement of the event or a reaction to it: "poses a grave threat", "is a clear violation", "is outrageous", "alarmed its neighbours", "triggered condemnation"; in statements of governments, "are violations of", "is a flagrant violation", "are not only threatening", "follows a series of threatening statements", "continue the DPRK's reckless behavior", "serve as a reminder".</summary>
    [GeneratedRegex(@"\b(?:(?:did|does|do)\s+not\s+pose|alarmed|alarming|worried|angered|sparked|prompted|in\s+(?:violation|defiance)\s+of|despite|in\s+spite\s+of|condemn(?:s|ed|ing|ation)?|triggered|drew|drawing|raising|poses?|posing|presents?|represents?|violates?|violating|constitutes?|threatens?|follows|follow(?=\s+(?:a|an|the)\s)|continues?(?=\s+(?:the|its|their)\s)|serves?\s+(?:as|to)|threatening|undermines?|undermining|reaffirms?|escalates?|defies|defied|defying|(?:is|are|was|were)\s+(?:(?:also|clearly|extremely|totally|absolutely|entirely|truly|a|an|the|very|most|highly|flagrant|blatant|direct|not\s+only)\s+)*(?:grave|serious|clear|outrageous|unacceptable|regrettable|problematic|provocative|provocation|provocations|reckless|destabilizing|threatening|unlawful|threat|threats|violations|violation|challenge|affront|act|action|concern|dangerous|deplorable))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Judgement();

    /// <summary>Where a second predicate starts: a new subject after "and", "but" or a comma, or a second speech act.</summary>
    [GeneratedRegex(@"(?:,\s*|\s+)(?:(?:and|but|while|whereas)\s+(?:we|I|you|he|she|they)\b|and\s+(?:warned|said|says|called|vowed|threatened|urged|demanded|announced|claimed|added)\b|please\b)|,\s+(?=(?:the|a|an)\s+(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+|\s+of)*\s+(?:\w+ly\s+)?(?:\w+ed|has|have|had|is|was|said)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherPredicate();

    /// <summary>A source named after the claim: ", he said", ", the Pentagon said", ", according to South Korea's military".</summary>
    [GeneratedRegex(@"(?:,\s*|\s+)(?:(?:he|she|they|officials?|[\w.'’-]+(?:\s+[\w.'’-]+){0,5})\s+(?:said|says|reported|added|told\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,3})|according\s+to\s+[^,.;]{1,80})\s*[.!]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingAttribution();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

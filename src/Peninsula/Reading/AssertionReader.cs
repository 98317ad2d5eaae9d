using System.Globalization;
using System.Text.RegularExpressions;

namespace Peninsula.Reading;

/// <summary>
/// Finds the checkable claims of an article: sentences, then clauses, then an event phrase with
/// what makes it checkable (a time, an ordinal, a count, a system, a context event, a recency, a
/// first or a superlative). Clauses that state an intention, a possibility or a generalisation are
/// kept apart as statements. The rules are the data under <c>data/claims/</c>.
/// </summary>
internal sealed partial class AssertionReader
{
    private readonly ClaimKnowledge _k;
    private readonly SentenceSplitter _sentences;
    private readonly Regex _clauseBreak;
    private readonly Regex _ordinalBefore;
    private readonly Regex _countBefore;
    private readonly Regex _countAndAnother;
    private readonly Regex _countTimes;
    private readonly Regex _ordinalAfter;
    private readonly Regex _ordinalTimeAfter;
    private readonly Regex _ordinalWindow;
    private readonly Regex _launchDaysAfter;
    private readonly Regex _superlative;
    private readonly Regex[] _visits;
    private readonly Regex _officeVisit;
    private readonly Regex _otherActor;
    private readonly Regex _atLeastBefore;
    private readonly Regex _unknownContext;
    private readonly Regex _site;
    private readonly Regex _reporting;
    private readonly Regex _trailingArticle;

    public AssertionReader(ClaimKnowledge knowledge)
    {
        _k = knowledge;
        var options = knowledge.PatternOptions;
        _reporting = ClaimPatterns.Get(@"\b(?:said|says|reported|reports|announced|announces|according to|claimed|claims|stated|confirmed|disclosed)\b", options);
        _trailingArticle = ClaimPatterns.Get(@"(?:(?:the|a|an|this|last|next)\s+)?(?:(?:19|20)[0-9]{2}\s+)?$", options);
        _sentences = new SentenceSplitter(knowledge.Abbreviations);
        var joins = Inner(knowledge.Cue("clause-join"));
        var starts = Inner(knowledge.Cue("clause-start"));
        // "tested two ICBMs and conducted its sixth nuclear test": a second verb starts a second claim.
        var actions = Inner(knowledge.Cue("action"));
        _clauseBreak = ClaimPatterns.Get(
            $@";|:\s|\s[–—]\s|,\s+(?=(?:{joins})\b)|\s+and\s+(?=(?:in|on|since|then|later|last|this|that|by|early|late|during|after|before|{actions})\b)|,\s+(?=(?:{starts})\b)",
            options);
        _ordinalBefore = ClaimPatterns.Get($@"(?<w>{knowledge.OrdinalWords})(?:[\s-]+(?!and\b|or\b)[\w-]+){{0,2}}?[\s-]+$", options);
        // "The nuclear test in January 2016 was its fifth.": an ordinal that ends the clause after the event.
        _ordinalAfter = ClaimPatterns.Get($@"\b(?:was|is|marked|became)\s+(?:its|the|their|(?:North\s+Korea|Pyongyang|the\s+country|the\s+regime|the\s+North)['’]s)\s+(?<w>{knowledge.OrdinalWords})(?:\s+(?:ever|such\s+test|such\s+launch|one))?\s*[.!]?\s*$", options);
        // "Pyongyang launched an intercontinental ballistic missile for the first time" (VOA, 2017-07-28):
        // the order said after the event. "For the first time since 2017" or "in five years" counts
        // from a date, not from the start, and is not this order.
        _ordinalTimeAfter = ClaimPatterns.Get($@"\bfor\s+the\s+(?<w>{knowledge.OrdinalWords})\s+time(?:\s+ever)?\b(?!\s+(?:since|after|in\s+(?:[\w-]+\s+){{0,3}}(?:years?|months?|weeks?|days?|decades?))\b)", options);
        // "North Korea launched another ballistic missile Friday, the second such launch in just a few
        // weeks" (VOA, 2017-07-28), "the second such launch in less than a week" (VOA, 2014-03-03): an
        // order counted within a span of days up to the event, said after it.
        _ordinalWindow = ClaimPatterns.Get($@",\s+(?:the|its|their)\s+(?<w>{knowledge.OrdinalWords})\s+(?:such\s+)?(?:launch|launches|test|tests|firing|one)\s+(?:in|within)\s+(?:(?:just|only)\s+)?(?:the\s+(?:past|last)\s+)?(?<less>less\s+than\s+|under\s+)?(?<q>a\s+few|several|a\s+couple\s+of|a|an|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{{1,2}})\s+(?<u>days?|weeks?|months?|years?)\b(?!\s+(?:since|after)\b)", options);
        // "condemns North Korea's launches of the ICBM-class ballistic missiles twice in July" (Prime
        // Minister's Office of Japan, 2017-08-29), "has conducted ballistic missile launches 20 times in
        // total in 2022 alone": launches counted after the event are launch days, not missiles.
        _launchDaysAfter = ClaimPatterns.Get($@"^(?:\s+[\w-]+){{0,2}}?\s+(?:(?<twice>twice)|(?<w>{knowledge.NumberWords})\s+times)\b(?!\s+(?:more|less|larger|bigger|greater|stronger|higher|the|as|over|farther|further)\b)", options);
        _countAndAnother = ClaimPatterns.Get($@"\s(?:and|then)\s+(?<w>{knowledge.NumberWords})\s+(?:more\s+)?(?:at|around|about|from|shortly|later)\b", options);
        _countTimes = ClaimPatterns.Get($@"^\s+(?<w>{knowledge.NumberWords})\s+times\b(?!\s+(?:more|less|larger|bigger|greater|stronger|higher|the|as|over)\b)", options);
        _countBefore = ClaimPatterns.Get($@"(?<w>{knowledge.NumberWords})(?:\s+(?:more|additional|new|suspected|apparent|unidentified|other|further))?(?:\s+(?:North\s+Korean|N\.\s?Korean|NK|DPRK))?\s+$", options);
        var superlatives = knowledge.Superlatives.Select(s => Regex.Escape(s.Superlative)).Distinct().OrderByDescending(s => s.Length);
        _superlative = ClaimPatterns.Get($@"\b(?<s>{string.Join("|", superlatives)})\b", options);
        var who = knowledge.OfficialNames.Pattern.ToString();
        var place = knowledge.PlaceNames.Pattern.ToString();
        const string title = @"(?:(?:US|U\.S\.|American)\s+)?(?:Secretary\s+of\s+(?:State|Defense)|(?:Defense|Defence|State)\s+Secretary|Secretary|President)\s+";
        _visits =
        [
            ClaimPatterns.Get($@"(?:{title})?(?<who>{who})(?:['’]s?)?\s+(?:[\w-]+\s+){{0,2}}?(?:visit|trip|tour|stay|arrival|travels?)(?:\s+(?:to|in)\s+(?<place>{place}))?", options),
            ClaimPatterns.Get($@"(?:visit|trip|tour)\s+(?:(?:to|in)\s+(?<place>{place})\s+)?(?:by|of)\s+(?:{title})?(?<who>{who})", options),
            ClaimPatterns.Get($@"(?:{title})?(?<who>{who})\s+(?:visited|was\s+visiting|was\s+in|arrived\s+in|landed\s+in|toured|met\s+\w+\s+in)\s+(?<place>{place})", options),
        ];
        // "from the eastern city of Hamhung" (VOA, 2016-03-21) names the place as "from Hamhung" does.
        _site = ClaimPatterns.Get($@"\b(?:from|at|near|off|in)\s+(?:the\s+)?(?:(?:proximity|vicinity)\s+of\s+|(?:an\s+)?area\s+near\s+|(?:(?:north|south)?(?:eastern|western)\s+|northern\s+|southern\s+|coastal\s+)?(?:city|town|port|county|village)\s+of\s+)?(?<place>{place})", options);
        _officeVisit = ClaimPatterns.Get($@"(?:(?:US|U\.S\.|American)\s+)?(?<office>Secretary\s+of\s+State|Secretary\s+of\s+Defense|Defense\s+Secretary)(?:['’]s)?\s+(?:visit|trip)(?:\s+(?:to|in)\s+(?<place>{place}))?", options);
        _atLeastBefore = ClaimPatterns.Get($@"(?:{Inner(knowledge.Cue("at-least"))})\s+$", options);
        var cues = string.Join("|", knowledge.Coincidences.Select(c => c.Phrase));
        _unknownContext = ClaimPatterns.Get($@"\b(?:{cues})\s+(?:[\w'’.-]+\s+){{0,4}}?(?:{Inner(knowledge.Cue("context-noun"))})\b", options);
        _otherActor = ClaimPatterns.Get(@"\b(?:South\s+Korea(?:'s|’s|n)?|Seoul|the\s+(?:US|U\.S\.|United\s+States)|Washington|Japan(?:ese|'s|’s)?|Tokyo|China|Chinese|Beijing|Russia(?:n)?|Moscow|the\s+allies|Iran|India|Pakistan)\b", options);
    }

    /// <summary>
    /// Reads an article: sentences, clauses, their time mentions and the claims they would make,
    /// everything that does not depend on the anchor, one sentence after another. (Read on every
    /// core, a 1 MB article took two and a half times as long: the threads contend for the shared
    /// patterns' runners. bench/results/claims.md has the figures.)
    /// </summary>
    public ArticleReading Read(string text)
    {
        var sentences = _sentences.Split(text).ToArray();
        var readings = new SentenceReading[sentences.Length];
        for (var i = 0; i < sentences.Length; i++)
        {
            // A pronoun's antecedent is looked for in the two sentences before it or its paragraph, whichever reaches further.
            var reach = Math.Min(sentences[Math.Max(0, i - 2)].Start, ParagraphStart(text, sentences[i].Start));
            readings[i] = ReadSentence(text, sentences[i], reach);
        }

        return new ArticleReading(text, readings);
    }

    /// <summary>
    /// The assertions and statements of a read article, its times resolved against this anchor. A
    /// year named in the text carries to the end of its paragraph, never further: a later "Jan. 6"
    /// takes the publication's year. A sentence that cannot be read (an exception while reading it)
    /// is listed as unread and the rest goes on.
    /// </summary>
    public static ArticleAssertions Find(ArticleReading reading, ArticleAnchor anchor, Events.KoreanDate recordEnd)
    {
        var text = reading.Text;
        var claims = new List<Assertion>();
        var statements = new List<UncheckedStatement>();
        var unread = new List<UnreadSentence>();
        int? AnchorYear() => anchor.Date is null ? anchor.Year : null;
        var runningYear = AnchorYear();
        var previousEnd = 0;
        var (index, paragraph) = (-1, 0);
        // The events the article has reported so far, with the sentence and paragraph they were read in.
        var reported = new List<(Assertion Claim, int Sentence, int Paragraph)>();
        foreach (var sentence in reading.Sentences)
        {
            index++;
            if (text.AsSpan(previousEnd, Math.Max(0, sentence.Span.Start - previousEnd)).Contains('\n'))
            {
                runningYear = AnchorYear();
                paragraph++;
            }

            previousEnd = sentence.Span.End;
            if (sentence.Failure is { } failure)
            {
                unread.Add(new UnreadSentence(sentence.Span.Of(text), sentence.Span.Start, sentence.Span.End, failure));
                continue;
            }

            var yearBefore = runningYear;
            try
            {
                // The event a sentence about "it" or "the launch" means: the last one reported in the
                // two sentences before it or in its paragraph.
                var antecedent = reported.Count > 0 && (reported[^1].Sentence >= index - 2 || reported[^1].Paragraph == paragraph) ? reported[^1].Claim : null;
                var (found, statement) = Sentence(sentence, ref runningYear, anchor, recordEnd, antecedent);
                claims.AddRange(found);
                reported.AddRange(found
                    .Where(f => f.Action.Kind is Events.EventKind.MissileLaunch or Events.EventKind.NuclearTest && f.Action.Actor is null
                                && f.Polarity == Polarity.Affirmed && f.Modality is Reading.Modality.Asserted or Reading.Modality.Attributed
                                // An order or a coincidence names a series or a window, not the event reported.
                                && f.Order is null && f.Context is null && f.Time is not { ScopeOnly: true } && f.Period is not { Days: > ReportedEventDays })
                    .Select(f => (f, index, paragraph)));
                if (found.Count == 0 && statement is { } type)
                {
                    statements.Add(new UncheckedStatement(sentence.Span.Of(text), sentence.Span.Start, sentence.Span.End, type));
                }
            }
#pragma warning disable CA1031 // One sentence that cannot be read is listed as unread; it never loses the rest of the article.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                runningYear = yearBefore;
                unread.Add(new UnreadSentence(sentence.Span.Of(text), sentence.Span.Start, sentence.Span.End, Unreadable(ex)));
            }
        }

        return new ArticleAssertions(claims, statements, unread);
    }

    /// <summary>The longest period an assertion may name and still be the report of one event that a later "it" can mean (a week).</summary>
    private const int ReportedEventDays = 7;

    /// <summary>What a reader is told of a sentence that could not be read.</summary>
    internal static string Unreadable(Exception ex, string what = "read") => $"this sentence could not be {what} ({ex.GetType().Name}: {ex.Message})";

    private static (List<Assertion> Found, StatementType? Statement) Sentence(SentenceReading sentence, ref int? runningYear, ArticleAnchor anchor, Events.KoreanDate recordEnd, Assertion? antecedent)
    {
        var found = new List<Assertion>();
        StatementType? statement = null;
        (Period Period, TimeBasis Basis)? sentencePeriod = null;
        foreach (var clause in sentence.Clauses)
        {
            var (period, unresolved, scopeOnly, basis, doubt) = Time(clause.Times, ref runningYear, anchor, recordEnd, clause.Draft?.Claim.Action.Span);
            if (period is null && unresolved is null && sentencePeriod is { } carried)
            {
                // "After the January 6 test, North Korea, which ..., launched an ICBM": a time carried
                // from another clause may be another event's.
                (period, basis) = carried;
                doubt = $"the time '{carried.Period.Label}' is carried from another clause of the sentence";
            }
            else if (period is { } p)
            {
                sentencePeriod = (p, basis);
            }

            var about = clause.Draft;
            if (about is { Coreferent: true } && period is null && unresolved is null
                && antecedent is { Period: { } then } && antecedent.Action.Kind == about.Claim.Action.Kind)
            {
                // "It travelled as high as 1,000 kilometers above Earth", "The launch occurred near Wonsan",
                // "South Korea's military said it appeared to have been an intermediate-range ballistic
                // missile" (VOA, USFK): with no time
                // of its own, the sentence is about the event the article last reported, and its facets
                // are checked against that event; a pronoun also takes its class and system.
                (period, basis) = (then, TimeBasis.Antecedent);
                doubt = $"the time '{then.Label}' is that of the event reported before";
                about = about with
                {
                    Claim = about.OwnClass ? about.Claim : about.Claim with { Action = antecedent.Action with { Span = about.Claim.Action.Span, Phrase = antecedent.Action.Phrase with { Complete = false } } },
                };
            }

            if (about is { } draft && Claim(clause, draft, period, unresolved, scopeOnly, basis, doubt, anchor.Date is not null) is { } claim)
            {
                // A question asserts nothing: "Have you analysed the type of missile that was launched?"
                if (claim.Modality != Reading.Modality.Question)
                {
                    found.Add(claim with { Sentence = sentence.Span });
                }
            }
            else if (clause.Draft is null && clause.Statement is not null)
            {
                statement ??= clause.Statement;
            }
        }

        return (found, sentence.Statement ?? statement);
    }

    private SentenceReading ReadSentence(string text, TextSpan sentence, int reach)
    {
        try
        {
            return ReadClauses(text, sentence, reach);
        }
#pragma warning disable CA1031 // One sentence that cannot be read is listed as unread; it never loses the rest of the article.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SentenceReading(sentence, [], null, Unreadable(ex));
        }
    }

    private SentenceReading ReadClauses(string text, TextSpan sentence, int reach)
    {
        var attribution = Attribution(text, sentence);
        var announced = Announces(text.AsSpan(sentence.Start, sentence.Length)) ? OwnAnnouncement().Match(text, sentence.Start, sentence.Length) : Match.Empty;
        var announcementEnd = announced.Success ? announced.Index + announced.Length : -1;
        var question = text.AsSpan(sentence.Start, sentence.Length).TrimEnd(" \t\r\n\"'’”)").EndsWith("?")
                       || text.AsSpan(sentence.Start, sentence.Length).TrimStart().StartsWith("REPORTER:", StringComparison.Ordinal)
                       // A quoted exclamation, a slogan or a command, asserts nothing either: ""No more
                       // rocket launches, nuclear testing or research!" Trump wrote on Twitter" (VOA, 2018-06-13).
                       || QuotedExclamation().IsMatch(text.AsSpan(sentence.Start, sentence.Length));
        var phrases = PhraseMatches(text, sentence);
        var words = text.AsSpan(sentence.Start, sentence.Length);
        if (phrases.Count == 0 && !_k.SystemNames.MayOccur(words) && !NamesEventNoun(words) && !PronounSubject().IsMatch(words))
        {
            // A sentence that names no event, no weapon and no launch or test claims nothing: only
            // the years it names (which carry to the end of the paragraph) and what kind of
            // statement it is are read, not its clauses.
            return new SentenceReading(sentence, [new ClauseReading(Times(text, sentence), null, null)], Statement(text, sentence, false), null);
        }

        var clauses = new List<ClauseReading>();
        foreach (var clause in Clauses(text, sentence))
        {
            var times = Times(text, clause);
            var (draft, statement) = Claim(text, sentence, clause, Phrases(phrases, clause), times.Select(t => t.Span).ToList(), attribution, question, announcementEnd, reach);
            var detail = draft is null ? null
                : NewType().Match(text, clause.Start, clause.Length) is { Success: true } novel ? novel
                : draft.Claim.Order is { Ordinal: not null } && OrderQualifier().Match(text, sentence.Start, sentence.Length) is { Success: true } qualifier ? qualifier
                : Landing(text, sentence, ranked: draft.Claim.Order is { Superlative: not null } or { Ordinal: not null });
            if (draft is not null && detail is not null)
            {
                draft = draft with { Claim = draft.Claim with { Unrecorded = new AssertedDetail(detail.Value, new TextSpan(detail.Index, detail.Index + detail.Length)) } };
            }

            if (draft is { Claim.Count: null } && SideCount().Match(text, clause.Start, clause.Length) is { Success: true } side
                && (_k.Numbers.TryGetValue(side.Groups["w"].Value.ToLowerInvariant(), out var fired) || int.TryParse(side.Groups["w"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out fired)))
            {
                draft = draft with { Claim = draft.Claim with { StatedCount = new AssertedCount(fired, side.Groups["least"].Success, new TextSpan(side.Index, side.Index + side.Length)) } };
            }

            if (draft is not null && ReportedThat().Match(text, clause.Start, clause.Length) is { Success: true } report
                && report.Index + report.Length <= draft.Claim.Action.Span.Start)
            {
                // "All dailies reported on Sunday that North Korea launched two missiles early Saturday":
                // the time of the report is not the time of the event.
                times = [.. times.Where(t => t.Span.Start >= report.Index + report.Length)];
            }

            if (draft is not null)
            {
                var landed = draft.Claim with { Landing = LandingArea(text, clause) };
                draft = draft with { Claim = landed with { Coverage = Coverage(text, clause, landed, times) } };
            }

            clauses.Add(new ClauseReading(times, draft, statement));
        }

        // A sentence with a claim whatever the anchor never needs its statement type.
        var statementType = clauses.Any(c => c.Draft is { Checkable: true }) ? null : Statement(text, sentence, phrases.Count > 0);
        return new SentenceReading(sentence, clauses, statementType, null);
    }

    /// <summary>
    /// A claim from its draft once the clause's time is resolved; null when nothing makes the clause
    /// checkable. In a dated article, an event named without a time ("this launch", "the launch of
    /// a ballistic missile occurred near Wonsan") is the one the article reports; named in general
    /// ("missile launches") it was dropped when the clause was read.
    /// </summary>
    private static Assertion? Claim(ClauseReading clause, ClaimDraft draft, Period? period, string? unresolved, bool scopeOnly, TimeBasis basis, string? doubt, bool dated)
    {
        if (!draft.Checkable && period is null && unresolved is null && !(dated && draft.Reported))
        {
            return null;
        }

        var claim = draft.Claim;
        var ordinal = claim.Order?.Ordinal is not null;
        // "its third ICBM of 2017", "its first launch of the year": counted within that year.
        int? scopeYear = draft.Scoped ? draft.ScopeYear ?? period?.From.Year : null;
        var time = period is null && unresolved is null && !draft.Recent
            ? null
            : new AssertedTime(period, period is null ? unresolved : null, draft.Recent, basis, scopeOnly && ordinal, clause.Times.Count > 0 ? clause.Times[0].Span : null) { Doubt = doubt };
        return claim with
        {
            Time = time,
            Order = claim.Order is null ? null : claim.Order with
            {
                WithinYear = scopeYear ?? (draft.FirstOfYear || (scopeOnly && ordinal) ? period?.From.Year : null),
            },
        };
    }

    /// <summary>
    /// What a clause would claim, short of its time: the parts that depend on the resolved time are
    /// filled in once the article's anchor is known.
    /// </summary>
    private (ClaimDraft? Draft, StatementType? Statement) Claim(string text, TextSpan sentence, TextSpan clause, List<(TextSpan Span, EventPhrase Phrase)> phrases, List<TextSpan> timeSpans, string? attribution, bool question, int announcementEnd, int reach)
    {
        // Whether the event is named by a bare noun or a pronoun ("the launch", "it", "the missile"):
        // it is the event the article last reported, whose time it takes when it states none.
        var coreferent = false;
        var borrowed = false;
        if (phrases.Count == 0)
        {
            // "The Hwasong-15 was launched ...": a weapon system alone names a missile launch of its class.
            if (SystemIn(text, clause, []) is { Entries.Count: > 0 } named && (First(_k.Cue("action"), text, clause) is not null || timeSpans.Count > 0))
            {
                var at = _k.SystemNames.Match(text, clause.Start, clause.Length);
                phrases = [(new TextSpan(at.Index, at.Index + at.Length), new EventPhrase(_k.SystemNames.Pattern, Events.EventKind.MissileLaunch, [named.Entries[0].Class], true))];
            }
            else if (BareEvent(text, sentence, clause) is { } bare)
            {
                phrases = [bare];
                coreferent = borrowed = true;
            }
            else if (PronounEvent(text, clause, reach) is { } pronoun)
            {
                phrases = [pronoun];
                coreferent = borrowed = true;
            }
            else
            {
                return (null, null);
            }
        }

        // A verb inside an event phrase ("missile tests") is a noun there.
        TextSpan? verb = _k.Cue("action").MatchesIn(text, clause)
            .Select(m => new TextSpan(m.Index, m.Index + m.Length))
            .Where(v => !phrases.Any(p => p.Span.Start < v.End && v.Start < p.Span.End))
            // "ballistic missile launches": a noun right after an event phrase, not a verb.
            .Where(v => !(v.Of(text) is "launches" or "tests" && phrases.Any(p => p.Span.End < v.Start && v.Start - p.Span.End <= 1)))
            // "not to conduct any launches that utilize ...", "such tests": after a determiner, a noun.
            .Where(v => !(v.Of(text) is "launches" or "tests" or "fires" or "shot" && DeterminerBefore().IsMatch(text.AsSpan(clause.Start, v.Start - clause.Start))))
            .Select(v => (TextSpan?)v)
            .FirstOrDefault();
        var (phraseSpan, phrase) = verb is { } v && phrases.FirstOrDefault(p => p.Span.Start >= v.End) is { Phrase: not null } after ? after : phrases[0];
        // "said it appeared to have been an intermediate-range ballistic missile launched from North Korea's
        // Jagang Province": after a copula, the verb is a participle of the class named, not the act.
        if (verb is { } participle && participle.Start >= phraseSpan.End && CopulaSubject().IsMatch(text.AsSpan(clause.Start, phraseSpan.Start - clause.Start)))
        {
            verb = null;
        }

        var head = new TextSpan(clause.Start, Math.Max(phraseSpan.Start, verb?.Start ?? 0));
        // "In May" is a month, not the modal verb. "I would like to ask about North Korea's launch of a
        // satellite last night": the speaker's own intention, not the event's, when a noun names it.
        if (_k.Cue("modal").MatchesIn(text, head).Any(m => !timeSpans.Any(t => t.Start <= m.Index && m.Index < t.End)
                                                           && !(verb is null && SpeakerBefore().IsMatch(text.AsSpan(clause.Start, m.Index - clause.Start)))
                                                           // "seismic waves which may differ from ...": the modal of a relative clause, not the event's.
                                                           && !RelativeBefore().IsMatch(text.AsSpan(clause.Start, m.Index - clause.Start))
                                                           // "launched what is possibly a ballistic missile": a hedge on what was launched, not on the act.
                                                           && !(verb is { } acted && acted.End <= m.Index && acted.Of(text).EndsWith("ed", StringComparison.OrdinalIgnoreCase)
                                                                && EpistemicModal().IsMatch(m.Value) && HedgedObjectBefore().IsMatch(text.AsSpan(acted.End, m.Index - acted.End)))))
        {
            return (null, StatementType.Intention);
        }

        // "the missile launches will stop": the event noun is the subject of a modal, a prediction.
        if (verb is null && ModalAfter().IsMatch(text.AsSpan(phraseSpan.End, clause.End - phraseSpan.End)))
        {
            return (null, StatementType.Intention);
        }

        // "there was no indication that a DPRK missile flew toward Japan": nothing is asserted. Nor in
        // an embedded question: "It is not clear which missiles were tested", "leading some experts to
        // question whether the missiles tested were small" (VOA, 2021-03-23).
        if (NoIndication().IsMatch(text.AsSpan(head.Start, head.Length)) || EmbeddedQuestion().IsMatch(text.AsSpan(head.Start, head.Length)))
        {
            return (null, null);
        }

        if (First(_k.Cue("habitual"), text, head) is not null)
        {
            return (null, StatementType.Generalisation);
        }

        // The world's responses have their own actors ("the United States imposed new sanctions"):
        // the subject is a facet of the claim, not a reason to drop it.
        string? actor = null;
        if (phrase.Kind is Events.EventKind.Sanction or Events.EventKind.ShowOfForce or Events.EventKind.Talks)
        {
            actor = ResponderIn(text, new TextSpan(clause.Start, Math.Max(clause.Start, verb?.Start ?? phraseSpan.Start)));
        }
        else if (verb is { } actVerb && AboutAnotherActor(text, clause.Start, actVerb.Start))
        {
            return (null, null);
        }

        var features = new List<TextSpan> { phraseSpan };
        features.AddRange(timeSpans);
        if (verb is { } verbSpan)
        {
            features.Add(verbSpan);
        }

        var before = text[Math.Max(clause.Start, phraseSpan.Start - 48)..phraseSpan.Start];
        var negation = First(_k.Cue("negation"), text, head);
        if (negation is { } denial && !NegationIsNorthKoreas(text, clause.Start, denial.Start))
        {
            // "we have not found any projectile", "the minister did not clarify whether ...": someone
            // else's act is denied, not North Korea's. An act stated after it still stands ("a
            // warning that these acts never happen again, it launched another missile").
            if (verb is not { } act || act.Start < denial.End)
            {
                return (null, null);
            }

            negation = null;
        }

        // A negation makes an absence only when it denies the act itself: "has not conducted a
        // nuclear test", "has never tested"; not "the launch did not pose a threat".
        if (negation is { } denied && !(verb is { } acted && acted.Start >= denied.End && acted.Start - denied.End <= 24)
            && !(phraseSpan.Start >= denied.End && phraseSpan.Start - denied.End <= 24))
        {
            negation = null;
        }

        var negated = negation is { } n1 && Add(features, n1);
        // "conducted no nuclear tests": "no" right before the event, not anywhere ("a country with no allies").
        if (!negated && NoBefore().Match(before) is { Success: true } no && !BeginsSystemName(text, phraseSpan.Start - before.Length + no.Index))
        {
            negated = Add(features, new TextSpan(phraseSpan.Start - before.Length + no.Index, phraseSpan.Start));
        }

        int? ordinal = null;
        TextSpan? ordinalSpan = null;
        OrderWindow? window = null;
        if (_ordinalBefore.Match(before) is { Success: true } o && !DayOfMonth(text, phraseSpan.Start - before.Length + o.Groups["w"].Index))
        {
            ordinal = OrdinalValue(o.Groups["w"].Value);
            ordinalSpan = new TextSpan(phraseSpan.Start - before.Length + o.Index, phraseSpan.Start);
            features.Add(ordinalSpan.Value);
        }
        else if (_ordinalAfter.Match(text, phraseSpan.End, clause.End - phraseSpan.End) is { Success: true } late)
        {
            ordinal = OrdinalValue(late.Groups["w"].Value);
            ordinalSpan = new TextSpan(late.Index, late.Groups["w"].Index + late.Groups["w"].Length);
            features.Add(ordinalSpan.Value);
        }
        else if (_ordinalWindow.Match(text, phraseSpan.End, clause.End - phraseSpan.End) is { Success: true } within)
        {
            ordinal = OrdinalValue(within.Groups["w"].Value);
            window = Window(within);
            ordinalSpan = new TextSpan(within.Groups["w"].Index, within.Index + within.Length);
            features.Add(ordinalSpan.Value);
        }
        else if (_ordinalTimeAfter.Match(text, phraseSpan.End, clause.End - phraseSpan.End) is { Success: true } time)
        {
            ordinal = OrdinalValue(time.Groups["w"].Value);
            ordinalSpan = new TextSpan(time.Index, time.Index + time.Length);
            features.Add(ordinalSpan.Value);
        }
        else if (FirstTimeBefore().Match(text, clause.Start, phraseSpan.Start - clause.Start) is { Success: true } firstTime)
        {
            // "the first time for North Korea to announce the launch of an ICBM since November 2017".
            ordinal = 1;
            ordinalSpan = new TextSpan(firstTime.Index, firstTime.Index + firstTime.Groups["w"].Length + (firstTime.Groups["w"].Index - firstTime.Index));
            features.Add(ordinalSpan.Value);
        }

        int? count = null;
        TextSpan? countSpan = null;
        var atLeast = false;
        if (ordinal is null && phrase.Kind is Events.EventKind.MissileLaunch or Events.EventKind.NuclearTest && _countBefore.Match(before) is { Success: true } c
            && !MonthBefore().IsMatch(before[..c.Index]))
        {
            count = CountValue(c.Groups["w"].Value);
            var countStart = phraseSpan.Start - before.Length + c.Index;
            countSpan = new TextSpan(countStart, phraseSpan.Start);
            features.Add(countSpan.Value);
            atLeast = _atLeastBefore.IsMatch(text[Math.Max(clause.Start, countStart - 24)..countStart]);

            // "one ballistic missile ... at around 5:57 AM and one at around 8:03 AM": an elliptical
            // count coordinated with the first, with its own time or place, adds to it.
            if (_countAndAnother.Match(text, phraseSpan.End, sentence.End - phraseSpan.End) is { Success: true } more)
            {
                count += CountValue(more.Groups["w"].Value);
                countSpan = new TextSpan(countStart, more.Groups["w"].Index + more.Groups["w"].Length);
            }
        }

        // "has tested a nuclear explosive device six times": a count of the acts after their object.
        // Only of nuclear tests, one device a test: "fired missiles four times" counts days, not missiles.
        if (ordinal is null && count is null && verb is not null && phrase.Kind == Events.EventKind.NuclearTest
            && _countTimes.Match(text[phraseSpan.End..clause.End]) is { Success: true } times)
        {
            count = CountValue(times.Groups["w"].Value);
            countSpan = new TextSpan(phraseSpan.End + times.Groups["w"].Index, phraseSpan.End + times.Index + times.Length);
            features.Add(countSpan.Value);
        }

        var launchDays = false;
        if (ordinal is null && count is null && phrase.Kind == Events.EventKind.MissileLaunch && Plural(text[phraseSpan.Start..phraseSpan.End])
            && _launchDaysAfter.Match(text[phraseSpan.End..clause.End]) is { Success: true } repeated)
        {
            count = repeated.Groups["twice"].Success ? 2 : CountValue(repeated.Groups["w"].Value);
            countSpan = new TextSpan(phraseSpan.End + repeated.Index, phraseSpan.End + repeated.Index + repeated.Length);
            features.Add(countSpan.Value);
            launchDays = true;
        }

        var system = SystemIn(text, clause, features);
        string? superlative = null;
        TextSpan? superlativeSpan = null;
        if (phrase.Kind == Events.EventKind.MissileLaunch && _superlative.Match(text, clause.Start, phraseSpan.End - clause.Start) is { Success: true } s)
        {
            superlative = s.Groups["s"].Value.ToLowerInvariant();
            superlativeSpan = new TextSpan(s.Index, s.Index + s.Length);
            features.Add(superlativeSpan.Value);
        }

        PlaceEntry? site = null;
        TextSpan? siteSpan = null;
        foreach (var m in _k.PlaceNames.MayOccur(text.AsSpan(clause.Start, clause.Length)) ? _site.MatchesIn(text, clause) : [])
        {
            site = _k.Places.FirstOrDefault(p => p.Type.EndsWith("-site", StringComparison.Ordinal) && p.Aliases.Prepend(p.Name).Contains(m.Groups["place"].Value, StringComparer.OrdinalIgnoreCase));
            if (site is not null)
            {
                siteSpan = new TextSpan(m.Index, m.Index + m.Length);
                features.Add(siteSpan.Value);
                break;
            }
        }

        var context = Context(text, clause);
        string? unknownContext = null;
        if (context is not null)
        {
            features.Add(context.Span);
        }
        else if (_unknownContext.Match(text, clause.Start, clause.Length) is { Success: true } loose)
        {
            unknownContext = loose.Value.Trim();
        }

        var recent = First(_k.Cue("recency"), text, clause) is { } r && Add(features, r);
        var latest = First(_k.Cue("latest"), text, clause);
        // "attempted to put a satellite into orbit" claims no success; "failed to reach orbit" claims a failure.
        Events.Outcome? outcome = null;
        TextSpan? outcomeSpan = null;
        if (First(_k.Cue("failure"), text, clause) is { } failed)
        {
            bool Attempt(TextSpan cue) => cue.Of(text).StartsWith("attempt", StringComparison.OrdinalIgnoreCase) || cue.Of(text).StartsWith("tr", StringComparison.OrdinalIgnoreCase);
            // "attempted a launch of a ballistic missile but it ended in failure", "attempted to launch a
            // Musudan ... but failed again" (jp-kantei-2016-10-20-ccs, us-embassy-tokyo-2016-10-20): the
            // outcome said after the attempt, in a second clause about the same launch, is the outcome.
            var said = failed;
            while (Attempt(said) && First(_k.Cue("failure"), text, new TextSpan(said.End, clause.End)) is { } later)
            {
                said = later;
            }

            (outcome, outcomeSpan) = Attempt(said) ? ((Events.Outcome?)null, (TextSpan?)null) : (Events.Outcome.Failure, said);
        }
        else if (First(_k.Cue("success"), text, clause) is { } succeeded)
        {
            (outcome, outcomeSpan) = (Events.Outcome.Success, succeeded);
        }

        var modality = Modality(attribution, question, announcementEnd >= 0 && announcementEnd <= phraseSpan.Start, Possibility().IsMatch(text.AsSpan(clause.Start, clause.Length)));
        var firstOfYear = ordinal == 1 && First(_k.Cue("first-of-year"), text, clause) is not null;
        var scoped = false;
        int? scopeYear = null;
        // "This was North Korea's first ballistic missile test in 2017" (VOA editorial, 2017-02-14): a first
        // before the event noun with "in" and a year right after it, and no verb of doing, is the first
        // within that year, the year a modifier of the noun; "conducted its seventh nuclear test in
        // 2022" dates the act instead, and "for the first time in 2017" is not a first of the noun.
        if (ordinal is not null && OrdinalScope().Match(text, phraseSpan.End, clause.End - phraseSpan.End) is { Success: true } scope
            && (!scope.Groups["in"].Success || (ordinal == 1 && verb is null && ordinalSpan is { } ordinalAt && ordinalAt.End <= phraseSpan.Start)))
        {
            scoped = true;
            scopeYear = scope.Groups["y"].Success ? int.Parse(scope.Groups["y"].Value, CultureInfo.InvariantCulture) : null;
        }

        // Checkable whatever the time; without any of these, only a resolved or unresolved time makes the clause a claim.
        var checkable = verb is not null || context is not null || recent || ordinal is not null
                        || system is not null || count is not null || superlative is not null || negated
                        // A summit named by what the leaders did states the act: "held direct talks",
                        // "Trump, Kim Sign Joint Agreement in Singapore" (VOA Learning English, 2018-06-12).
                        || (phrase.Kind == Events.EventKind.Summit && SummitAct().IsMatch(text.AsSpan(phraseSpan.Start, phraseSpan.Length)));

        // "condemned North Korea's repeated provocations including nuclear tests and ballistic
        // missile launches", "recent ballistic missile tests suggest ...": events named in general,
        // with no verb that states an act, no figure and no context, assert nothing checkable.
        // Said to have happened ("the missiles traveled approximately 500 km") or the subject of what
        // the sentence says of it ("This launch by North Korea of a ballistic missile is a clear
        // violation"), the event is asserted, plural or not.
        var predicated = EventPredicate().IsMatch(text.AsSpan(phraseSpan.End, clause.End - phraseSpan.End));
        var nounSubject = verb is null && NounSubject(text, sentence, clause, phraseSpan);
        var nounEnd = LaunchAfter().Match(text, phraseSpan.End, Math.Min(12, clause.End - phraseSpan.End)) is { Success: true } launchAfter ? launchAfter.Index + launchAfter.Length : phraseSpan.End;
        var generic = verb is null && Plural(text[phraseSpan.Start..nounEnd]) && ordinal is null && count is null && system is null
                      && superlative is null && context is null && !negated && !predicated && !nounSubject
                      // "follows recent repeated ballistic missile launches": "recent" dates them; cited for an
                      // assessment ("recent ballistic missile tests ... suggest that", "the recent missile
                      // launches show that"), they are not asserted.
                      && !(First(_k.Cue("recency"), text, clause) is not null && First(_k.Cue("opinion"), text, new TextSpan(nounEnd, clause.End)) is null
                           && !Evidential().IsMatch(text.AsSpan(nounEnd, clause.End - nounEnd)));
        if (generic && timeSpans.Count == 0)
        {
            return (null, null);
        }

        // "condemned North Korea's latest nuclear test", "the latest facts relating to the nuclear test":
        // named only as what others react to, with no date, count, order or system of its own, the
        // event is not asserted; "latest" only points at it. As the subject of a relative clause
        // ("condemn this latest ballistic missile launch, which also violates ...") it is.
        if (verb is null && !nounSubject && !predicated && ordinal is null && system is null && superlative is null
            && context is null && !Headline(text, sentence)
            && ReactionBefore().Match(text, clause.Start, phraseSpan.Start - clause.Start) is { Success: true } reaction
            // A count keeps the event asserted ("condemns North Korea's launch of two missiles"), unless
            // nothing ties it to North Korea or to the event reported and no time is said: "A Council
            // resolution is the appropriate reciprocal response for the launch of just one ICBM" (US
            // Mission to the UN, 2023-03-20) speaks of any such launch.
            && (count is null || (timeSpans.Count == 0 && !TieBefore().IsMatch(text.AsSpan(reaction.Index, phraseSpan.Start - reaction.Index))
                                  && !ByNorthKorea().IsMatch(text.AsSpan(phraseSpan.End, clause.End - phraseSpan.End))))
            // A time before the reaction is the report's ("a KCNA report on Sunday ... justified the latest launches").
            && !timeSpans.Any(t => t.Start >= reaction.Index)
            && !RelativeSubject().IsMatch(text.AsSpan(nounEnd, sentence.End - nounEnd)))
        {
            return (null, null);
        }

        // "the DPRK supplies ballistic missiles and other weapons to Russia", "has transferred ... well
        // over 100 ballistic missiles to Russia for use against Ukraine" (US Mission to the UN, 2024-11-04
        // and 2025-01-08): missiles that are the object of a transfer to another state are goods, not
        // launches; the clause asserts the transfer, which is no event the record holds.
        if (TransferBefore().IsMatch(text.AsSpan(sentence.Start, phraseSpan.Start - sentence.Start))
            && Recipient().IsMatch(text.AsSpan(phraseSpan.End, sentence.End - phraseSpan.End)))
        {
            return (null, null);
        }

        // "Biden spoke to Japanese Prime Minister Fumio Kishida on the phone after the missile test
        // Tuesday" (VOA Learning English, 2022-10-04): another side's talk that follows an event
        // named by a noun asserts the talk, not the event.
        if (verb is null && !nounSubject && !predicated && ordinal is null && count is null && system is null && superlative is null
            && TalkAfter().IsMatch(text.AsSpan(clause.Start, phraseSpan.Start - clause.Start)))
        {
            return (null, null);
        }

        // "The launch of a short range ballistic missile occurred near Wonsan", "the missile flew
        // approximately 500 km": the event is said to have happened, with no verb of doing. Named
        // only as what something reacts to ("condemns its nuclear test"), it is not asserted; as the
        // subject of a judgement ("this launch by North Korea is a grave threat"), it is.
        // "Initial assessment indicates the launch of an intermediate range ballistic missile": what
        // an observer found is reported as having happened.
        var observed = verb is null && ObservedBefore().IsMatch(text.AsSpan(clause.Start, phraseSpan.Start - clause.Start));
        // A headline that names a reaction to an event, or a summit ("World Condemns North Korea
        // Nuclear Test", "Singapore Summit Produces High Hopes, Little Details", VOA), states it.
        var headline = Headline(text, sentence)
                       && (phrase.Kind == Events.EventKind.Summit || ReactionBefore().IsMatch(text.AsSpan(clause.Start, phraseSpan.Start - clause.Start)));
        // "We assess that this missile was an intercontinental ballistic missile", "South Korea's military
        // said it appeared to have been an intermediate-range ballistic missile": the class of the event
        // the article last reported, said of it by a pronoun or a definite description.
        var classOfAntecedent = verb is null && CopulaSubject().IsMatch(text.AsSpan(clause.Start, phraseSpan.Start - clause.Start));
        // "Officials said the missile flew between 4,500 to 4,600 kilometers": an event named by a
        // definite description and said to have happened, with no verb of doing, is the reported one.
        // So is one that is the subject of a verb of flight: "The missile was launched from Mupyong-ni and traveled about 1000 km".
        coreferent |= classOfAntecedent
                      || ((verb is null ? predicated : verb.Value.Start >= phraseSpan.End) && DefiniteBefore().IsMatch(text.AsSpan(clause.Start, phraseSpan.Start - clause.Start)));
        var reported = !checkable && (predicated || nounSubject || observed || site is not null || headline || classOfAntecedent);

        // Widen to the subject ("North Korea conducted ...") when it comes first in the clause.
        var firstFeature = features.Min(f => f.Start);
        if (First(_k.Cue("subject"), text, new TextSpan(clause.Start, firstFeature)) is { } subject)
        {
            features.Add(subject);
        }

        var start = features.Min(f => f.Start);
        var end = features.Max(f => f.End);
        var submarine = phrase.Kind == Events.EventKind.MissileLaunch && First(_k.Cue("submarine"), text, clause) is not null;
        AssertedDistance? distance = null;
        // The distance may be said in a clause of its own after the launch: "The missiles were
        // apparently launched from a facility on North Korea's east coast, and are believed to have
        // flown approximately 400 kilometers each" (VOA, 2009-07-04).
        if (phrase.Kind == Events.EventKind.MissileLaunch
            && (FlightDistance().Match(text, clause.Start, clause.Length) is { Success: true } inClause ? inClause : FlightDistance().Match(text, clause.End, sentence.End - clause.End)) is { Success: true } flight
            && double.TryParse(flight.Groups["km"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var km))
        {
            distance = new AssertedDistance(km, new TextSpan(flight.Index, flight.Index + flight.Length));
        }

        AssertedHeight? height = null;
        if (phrase.Kind == Events.EventKind.MissileLaunch && Height().Match(text, clause.Start, clause.Length) is { Success: true } high
            && double.TryParse(high.Groups["km"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var heightKm))
        {
            height = new AssertedHeight(heightKm, new TextSpan(high.Index, high.Index + high.Length));
        }

        return (new ClaimDraft(new Assertion
        {
            Span = new TextSpan(start, end),
            Sentence = clause,
            Action = new AssertedAction(phrase, phraseSpan, system, submarine, actor),
            Count = count is { } n ? new AssertedCount(n, atLeast, countSpan!.Value) { Days = launchDays } : null,
            UnknownContext = unknownContext,
            Order = ordinal is not null || latest is not null || superlative is not null
                ? new AssertedOrder(ordinal, null, latest is not null, superlative, ordinalSpan ?? latest ?? superlativeSpan) { Window = window }
                : null,
            Site = site is null ? null : new AssertedSite(site, siteSpan!.Value, NearWords().IsMatch(siteSpan!.Value.Of(text))),
            Context = context,
            Outcome = outcome is { } o2 ? new AssertedOutcome(o2, outcomeSpan!.Value) : null,
            Distance = distance,
            Height = height,
            Polarity = negated ? Polarity.Negated : Polarity.Affirmed,
            Modality = modality,
            AttributedTo = attribution,
        }, checkable, scoped, scopeYear, firstOfYear, recent, reported)
        { Coreferent = coreferent, OwnClass = !borrowed || system is not null }, null);
    }

    /// <summary>
    /// The days an order is counted in, as loosely as the words say: "a few weeks" is 2 to 6 weeks,
    /// "several" 3 to 8, "a couple of" 2 to 3, a number within a quarter of it either way, "less than"
    /// from one day up to it.
    /// </summary>
    private static OrderWindow Window(Match within)
    {
        var unit = within.Groups["u"].Value.ToLowerInvariant().TrimEnd('s') switch
        {
            "day" => 1,
            "week" => 7,
            "month" => 30,
            _ => 365,
        };
        var q = WhitespaceRun().Replace(within.Groups["q"].Value.ToLowerInvariant(), " ");
        var (low, high) = q switch
        {
            "a few" => (2.0, 6.0),
            "several" => (3.0, 8.0),
            "a couple of" => (2.0, 3.0),
            "a" or "an" or "one" => (0.75, 1.25),
            _ => (WindowNumber(q) * 0.75, WindowNumber(q) * 1.25),
        };
        if (within.Groups["less"].Success)
        {
            low = 1.0 / unit;
            high = Math.Max(1, high / 1.25);
        }

        return new OrderWindow(Math.Max(1, (int)Math.Floor(low * unit)), (int)Math.Ceiling(high * unit));
    }

    private static double WindowNumber(string q) => q switch
    {
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => int.Parse(q, CultureInfo.InvariantCulture),
    };

    /// <summary>Whether the words hold "launch", "test" or "provocation" anywhere (a plain search before the patterns that need one).</summary>
    private static bool NamesEventNoun(ReadOnlySpan<char> words) =>
        words.Contains("launch", StringComparison.OrdinalIgnoreCase) || words.Contains("test", StringComparison.OrdinalIgnoreCase)
        || words.Contains("provocation", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many characters before a bare event noun its antecedent is looked for, at most: a long paragraph.</summary>
    private const int AntecedentReach = 1_500;

    /// <summary>
    /// An event named by a bare noun that is said to have happened: "The launch occurred in the
    /// vicinity of Sunan", "North Korea has stated that the launch failed", "This launch took place
    /// ahead of the time in the prior notification", "North Korea conducted its most recent test on
    /// September 3, 2017". It is the event the paragraph has named before ("Initial assessment
    /// indicates the launch of an IRBM. The launch occurred ..."), or, with no such mention, a launch
    /// of unstated type. Nothing is asserted when the noun is judged ("the launch also violates ...")
    /// or denied ("the launch never took place"), when the event named before is another country's
    /// ("The U.S. Air Force launched a Minuteman III. The launch occurred ..."), or when a bare
    /// "test" follows both a nuclear test and a missile, or nothing. Which event a bare noun means is
    /// the reader's inference, so the claim is never refuted.
    /// </summary>
    private (TextSpan Span, EventPhrase Phrase)? BareEvent(string text, TextSpan sentence, TextSpan clause)
    {
        if (!NamesEventNoun(text.AsSpan(clause.Start, clause.Length)))
        {
            return null;
        }

        var noun = BareEventNoun().Match(text, clause.Start, clause.Length);
        if (noun.Success)
        {
            var rest = new TextSpan(noun.Index + noun.Length, clause.End);
            if (!EventPredicate().IsMatch(text.AsSpan(rest.Start, rest.Length)) || First(_k.Cue("negation"), text, rest) is not null)
            {
                noun = Match.Empty;
            }
        }

        // "These launches are violations of multiple Security Council resolutions", "Each of these tests is
        // a flagrant violation", "This launch follows a series of threatening statements", "Today's
        // provocation by North Korea only reaffirms ...": a demonstrative or "today's" points at the events
        // the text has just reported, and the clause predicates something of them, so they are asserted
        // (bench/claims-real/README.md, "Events named by a noun" and set D's "A deictic subject that
        // points back to a count"); a bare "the launch" that is only judged is not.
        if (!noun.Success && DeicticSubject().Match(text, clause.Start, clause.Length) is { Success: true } deictic
            && (SubjectTail().IsMatch(text.AsSpan(deictic.Index + deictic.Length, clause.End - deictic.Index - deictic.Length))
                || DeicticTail().IsMatch(text.AsSpan(deictic.Index + deictic.Length, clause.End - deictic.Index - deictic.Length)))
            && First(_k.Cue("negation"), text, new TextSpan(deictic.Index + deictic.Length, clause.End)) is null)
        {
            noun = deictic;
        }

        if (!noun.Success && !(noun = BareEventObject().Match(text, clause.Start, clause.Length)).Success)
        {
            return null;
        }

        var span = new TextSpan(noun.Groups["n"].Index, noun.Groups["n"].Index + noun.Groups["n"].Length);
        var launch = noun.Groups["n"].Value.StartsWith("launch", StringComparison.OrdinalIgnoreCase);
        // The paragraph before it, as far back as an antecedent is still read as one (a text with no
        // line breaks is not searched from its start for every sentence). A launch is never a nuclear test.
        var paragraphStart = Math.Max(text.LastIndexOf('\n', Math.Max(0, sentence.Start - 1)) + 1, sentence.Start - AntecedentReach);
        var before = Phrases(text, new TextSpan(paragraphStart, span.Start))
            .Where(p => p.Phrase.Kind == Events.EventKind.MissileLaunch || (!launch && p.Phrase.Kind == Events.EventKind.NuclearTest))
            .ToList();
        EventPhrase phrase;
        if (before.Count > 0)
        {
            var antecedent = before[^1].Span;
            var antecedentSentence = Math.Max(paragraphStart, text.LastIndexOfAny(['.', '?', '!'], Math.Max(paragraphStart, antecedent.Start - 1)) + 1);
            if (AboutAnotherActor(text, antecedentSentence, antecedent.Start)
                || (!launch && before.Select(p => p.Phrase.Kind).Distinct().Skip(1).Any()))
            {
                return null;
            }

            phrase = before[^1].Phrase;
        }
        else if (launch)
        {
            phrase = _k.EventPhrases.First(p => p.Kind == Events.EventKind.MissileLaunch && p.Classes.Count == 0 && p.Complete);
        }
        else
        {
            return null;
        }

        return (span, phrase with { Complete = false });
    }

    /// <summary>
    /// An event named by a pronoun or a definite description at the head of a clause, said to have
    /// happened or flown: "It travelled as high as 1,000 kilometers above Earth", "They are believed to have
    /// flown about 500 kilometers", "The missile flew for about 40 minutes". It is the launch or the
    /// test named last in the two sentences before it or in its paragraph (<paramref name="reach"/>);
    /// with none there, nothing is asserted. Like a bare noun, it is the reader's inference, so the
    /// claim is never refuted on it.
    /// </summary>
    private (TextSpan Span, EventPhrase Phrase)? PronounEvent(string text, TextSpan clause, int reach)
    {
        var subject = PronounSubject().Match(text, clause.Start, clause.Length);
        if (!subject.Success)
        {
            return null;
        }

        var noun = subject.Groups["n"];
        var rest = new TextSpan(noun.Index + noun.Length, clause.End);
        if (!EventPredicate().IsMatch(text.AsSpan(rest.Start, rest.Length)) || First(_k.Cue("negation"), text, rest) is not null)
        {
            return null;
        }

        var before = Phrases(text, new TextSpan(Math.Min(reach, noun.Index), noun.Index))
            .Where(p => p.Phrase.Kind == Events.EventKind.MissileLaunch || (p.Phrase.Kind == Events.EventKind.NuclearTest && noun.Value.Length <= 4))
            .ToList();
        if (before.Count == 0)
        {
            return null;
        }

        var antecedent = before[^1].Span;
        var antecedentSentence = Math.Max(reach, text.LastIndexOfAny(['.', '?', '!'], Math.Max(reach, antecedent.Start - 1)) + 1);
        // The antecedent's noun included: "Yonhap said the missiles fired Monday" reports North Korea's act.
        if (AboutAnotherActor(text, antecedentSentence, antecedent.End))
        {
            return null;
        }

        return (new TextSpan(noun.Index, noun.Index + noun.Length), before[^1].Phrase with { Complete = false });
    }

    /// <summary>A definite article or a demonstrative right before an event phrase: "the missile", "this launch".</summary>
    [GeneratedRegex(@"\b(?:the|this|that)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefiniteBefore();

    /// <summary>Where the paragraph that holds a position starts (after the last line break before it).</summary>
    private static int ParagraphStart(string text, int at) => at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;

    /// <summary>A pronoun or a definite description of a missile at the head of a clause or of a reported clause: "It", "They", "The missile", "officials said the rocket".</summary>
    [GeneratedRegex(@"^\s*(?:[^.;,]{0,80}?\b(?:said|says|say|reported|confirmed|added|noted)\s+(?:that\s+)?)?(?<n>it|they|both|the\s+(?:missile|missiles|rocket|projectile|projectiles|weapon|ICBM|IRBM|SRBM))\b(?!\s+(?:is|was)\s+(?:not\s+)?(?:clear|unclear|known|unknown|believed\s+that|estimated\s+that|expected|likely|possible|extremely|also|the\s+first))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PronounSubject();

    /// <summary>A pronoun or a definite description before a copula and the class said of it: "it was an", "military said it appeared to have been an".</summary>
    [GeneratedRegex(@"(?:^\s*|\b(?:said|says|say|reported|believes?|believed|assess(?:es|ed)?|thinks?|that)\s+)(?:it|they|the\s+(?:missile|missiles|rocket|projectile|projectiles|launch|weapon))\s+(?:was|were|is|are|(?:appeared|appears|seemed|seems)\s+to\s+(?:have\s+been|be))\s+(?:an?\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CopulaSubject();

    /// <summary>A bare event noun at the head of a clause or of a reported clause: "The launch", "this launch", "that the launch", "Davis said the launch" (VOA, 2017-07-28).</summary>
    [GeneratedRegex(@"^(?:[\w\s]{0,24},\s*)?(?:(?:even\s+)?though\s+|although\s+)?(?:[^.;,]{0,80}?\b(?:said|stated|announced|confirmed|reported|claimed)\s+(?:that\s+)?)?(?:the|this|that)\s+(?<n>launch|test)\b(?!\s+(?:of|for|ceremony|window|pad|site|date|vehicle|facility|schedule)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareEventNoun();

    /// <summary>A demonstrative or "today's" and an event noun at the head of a clause: "These launches", "Each of these tests", "Today's reckless launches", "Today's provocation".</summary>
    [GeneratedRegex(@"^\s*(?:each\s+of\s+)?(?:this|these|today['’]s)\s+(?:[a-z-]+\s+)?(?<n>launch(?:es)?|tests?|provocations?)\b(?!\s+(?:of|for|ceremony|window|pad|site|date|vehicle|facility|schedule)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeicticSubject();

    /// <summary>A verb of relating what the subject does that the event-noun subject tail does not list: "continue the DPRK's reckless behavior", "serve as a reminder", "only serve to".</summary>
    [GeneratedRegex(@"^[^,;:.]{0,40}?\b(?:continues?|serves?|(?:have|has)\s+(?:become|raised))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeicticTail();

    /// <summary>A bare event noun as the object of a verb of doing: "conducted its most recent test", "carried out the launch", "Pyongyang proceeded with the launch" (VOA, 2016-02-08).</summary>
    [GeneratedRegex(@"\b(?:conducted|carried\s+out|staged|proceeded\s+with|went\s+ahead\s+with|going\s+ahead\s+with|goes\s+ahead\s+with)\s+(?:its|the|their|North\s+Korea['’]s)\s+(?:(?:latest|most\s+recent|last|first|new)\s+)?(?<n>launch|test)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareEventObject();

    /// <summary>
    /// Whether a North Korean event named by a noun is the subject of what its clause says: "This
    /// launch by North Korea of a ballistic missile is a clear violation", "NORAD determined the
    /// missile launch from North Korea did not pose a threat", "North Korea's Launch of a Suspected
    /// Ballistic Missile" as a heading. The noun phrase must tie it to North Korea ("by North Korea",
    /// "North Korea's") or to the event the article reports ("this", "today's", "the latest", "the
    /// new"); a bare "the launch", events in general, and an event named as what others condemn or
    /// discuss are not asserted (bench/claims-real/README.md, "Events named by a noun").
    /// </summary>
    private static bool NounSubject(string text, TextSpan sentence, TextSpan clause, TextSpan phrase)
    {
        // An event noun, not a weapon: "this ballistic missile did not pose a threat" names the missile.
        var head = SubjectHead().Match(text[clause.Start..phrase.Start]);
        var nounEnd = LaunchAfter().Match(text, phrase.End, Math.Min(12, clause.End - phrase.End)) is { Success: true } after ? after.Index + after.Length : phrase.End;
        if (!head.Success || !EventNoun().IsMatch(text.AsSpan(clause.Start + head.Groups["np"].Index, nounEnd - clause.Start - head.Groups["np"].Index)))
        {
            return false;
        }

        var rest = text[phrase.End..sentence.End];
        // A heading: no closing punctuation, and not a bracketed topic line ("(On North Korea's launch ...)").
        var words = text.AsSpan(sentence.Start, sentence.Length).Trim();
        var heading = words.Length > 0 && !".?!\"”’)".Contains(words[^1]) && words[0] != '(';
        var tail = SubjectTail().Match(rest);
        var byNorthKorea = ByNorthKorea().Match(rest) is { Success: true } by && (!tail.Success || by.Index < tail.Index + tail.Length);
        if (!head.Groups["tie"].Success && !byNorthKorea)
        {
            return false;
        }

        return tail.Success || (heading && !rest.Contains(',', StringComparison.Ordinal));
    }

    /// <summary>
    /// The words before an event noun that make it a clause's subject, with what ties it to North Korea or the reported event.
    /// A stance or a talk "on", "about" or "over" the event is the subject instead ("DPRK's Stand on Satellite Launch for
    /// Peaceful Purposes Re-clarified", KCNA, 2009-03-26).
    /// </summary>
    [GeneratedRegex(@"^\s*(?:[\w\s]{0,24},\s*)?(?:[^.;]{0,80}?\b(?:determined|assessed|confirmed|said)\s+(?:that\s+)?)?(?<np>(?:(?<tie>this|these|today['’]s|the\s+latest|the\s+new|(?:North\s+Korea|the\s+DPRK|DPRK|the\s+North)['’]s)\s+|(?:the|an?)\s+)?(?:(?!(?:on|about|over)\s)[\w-]+\s+){0,6}?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectHead();

    /// <summary>The verb of a clause whose subject is an event noun, after its modifiers and an inserted relative clause: "... by North Korea poses", "..., which is believed to have fallen in Japan's EEZ, represents".</summary>
    [GeneratedRegex(@"^[^,;:.]{0,60}?(?:,\s*(?:which|that|referred)\b[^,]{0,120},\s*)?\b(?:is|are|was|were|poses?|presents?|represents?|violates?|constitutes?|threatens?|reaffirms?|undermines?|follows?|did\s+not\s+pose|does\s+not\s+pose|(?:has|have)\s+been\s+confirmed|occurred|happened|took\s+place)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectTail();

    [GeneratedRegex(@"\b(?:any|these|those|such|its|their|his|of|all|many|several)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeterminerBefore();

    [GeneratedRegex(@"^\s*(?:launch(?:es)?|tests?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LaunchAfter();

    /// <summary>A verb of reacting or referring before an event noun: "condemned", "protest against", "relating to", "justified".</summary>
    [GeneratedRegex(@"\b(?:condemn\w*|protest\w*|denounc\w*|deplor\w*|analy[sz]\w*|address\w*|discuss\w*|respon\w*\s+to|respons(?:e|es)\s+for|react\w*\s+to|relating\s+to|regarding|concerning|justif\w*)\s+(?:[\w'’-]+\s+){0,8}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReactionBefore();

    /// <summary>What ties an event noun to North Korea or to the event the text reports: "North Korea's", "the DPRK's", "this", "these", "today's", "the latest", "its".</summary>
    [GeneratedRegex(@"\b(?:(?:North\s+Korea|DPRK|the\s+North|Pyongyang)['’]s|this|these|today['’]s|latest|its|their)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TieBefore();

    /// <summary>A verb of handing goods to another party before an event phrase, with nothing that ends the clause between: "supplies", "has transferred", "shipped", "sold", "exported", "delivered".</summary>
    [GeneratedRegex(@"\b(?:transfer(?:s|red|ring)?|suppl(?:y|ies|ied|ying)|shipped|s(?:ell|ells|elling|old)|export(?:s|ed|ing)?|deliver(?:s|ed|ing)?)\b[^.;:!?]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransferBefore();

    /// <summary>The party goods go to, after them: "to Russia", "to the Houthis".</summary>
    [GeneratedRegex(@"^[^.;:!?]{0,80}?\bto\s+(?:the\s+)?\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex Recipient();

    /// <summary>A relative clause whose subject is the event noun before it: ", which also violates".</summary>
    [GeneratedRegex(@"^\s*,\s*which\s+(?:also\s+)?(?:is|was|violates?|poses?|represents?|constitutes?|threatens?|undermines?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeSubject();

    [GeneratedRegex(@"^\s*(?:launch(?:es)?\s+|tests?\s+)?(?:will|would|may|might|could|should|can|must)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModalAfter();

    [GeneratedRegex(@"^\s*(?:[\w-]+\s+){0,4}?(?:show|shows|showed|indicate|indicates|indicated|demonstrate|demonstrates|demonstrated|reveal|reveals|revealed)\s+(?:that\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Evidential();

    [GeneratedRegex(@"\bno\s+(?:indication|indications|sign|signs|evidence|information)\s+(?:that|of)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoIndication();

    /// <summary>A question asked inside a sentence: "not clear which", "unclear whether", "to question whether".</summary>
    [GeneratedRegex(@"\b(?:not\s+clear|unclear|unknown|question|questions|questioned|wonder|wonders|wondered)\s+(?:which|whether|when|how|what|if)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedQuestion();

    [GeneratedRegex(@"\b(?:which|who)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeBefore();

    /// <summary>The start of a hedged object after a verb of doing: "launched what is possibly", "fired what may be".</summary>
    [GeneratedRegex(@"^\s+what\s+(?:(?:is|was|are|were)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HedgedObjectBefore();

    /// <summary>"the first time (for North Korea to announce) ..." before an event phrase: the first of its kind, with what the clause says it was the first of.</summary>
    [GeneratedRegex(@"\b(?<w>the\s+first\s+time)\s+(?:for|that)\b[^.;]{0,80}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstTimeBefore();

    /// <summary>What stands before the year of a document: "community's 2023", "the 2022".</summary>
    [GeneratedRegex(@"(?:['’]s|\bthe|\bits|\btheir)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DocumentYearBefore();

    /// <summary>A document after its year: "annual threat assessment", "report", "Nuclear Posture Review".</summary>
    [GeneratedRegex(@"^\s+(?i:annual\s+|biennial\s+|quarterly\s+)?(?:[A-Z][\w-]*\s+){0,2}?(?i:threat\s+assessment|assessment|report|review|budget|strategy|white\s+paper|survey|edition|testimony|hearing|guidance|yearbook)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentAfter();

    /// <summary>A site named as near a place rather than at it: "near Kusong", "in the vicinity of Sunan", "an area near".</summary>
    [GeneratedRegex(@"\b(?:near|vicinity|proximity)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NearWords();

    /// <summary>A modal of what may be so, not of what will be done: "possibly", "may", never "would".</summary>
    [GeneratedRegex(@"^(?:possibly|probably|likely|may|might|could)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpistemicModal();

    [GeneratedRegex(@"\b(?:launch(?:es)?|tests?|firings?|provocations?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EventNoun();

    [GeneratedRegex(@"\b(?:by|from)\s+(?:North\s+Korea|the\s+DPRK|DPRK|the\s+North|Pyongyang)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByNorthKorea();

    /// <summary>The speaker as the subject of a modal: "I would like to ask about ...", "we will".</summary>
    [GeneratedRegex(@"\b(?:I|we)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerBefore();

    /// <summary>Whether an event phrase names events in the plural ("missile launches", "nuclear tests").</summary>
    private static bool Plural(string phrase)
    {
        var last = phrase.TrimEnd().Split(' ', '-')[^1];
        return last.Length > 3 && last.EndsWith('s') && !last.EndsWith("ss", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether a negation denies North Korea's act: its subject is North Korea (or "it", "they"),
    /// or nothing names another subject before it.
    /// </summary>
    private bool NegationIsNorthKoreas(string text, int clauseStart, int negationStart)
    {
        var before = text[clauseStart..negationStart];
        // The subject stands just before its verb: "North Korea has not", not "a warning to North Korea that these acts never".
        var near = before[Math.Max(0, before.Length - 40)..];
        if (_k.Cue("subject").IsMatch(near) || NearPronoun().IsMatch(near))
        {
            return true;
        }

        var words = OtherSubject().Matches(before);
        return words.Count == 0;
    }

    /// <summary>The time mentions of a clause in order, each with its span (with its preposition) and whether it would only scope an ordinal.</summary>
    private List<TimeReading> Times(string text, TextSpan clause)
    {
        var times = new List<TimeReading>();
        foreach (var mention in TimeExpressions.Find(text, clause.Start, clause.End, _k.NamedDays).OrderBy(m => m.Start))
        {
            // "the U.S. intelligence community's 2023 annual threat assessment": the year of a document, not of an event.
            if (mention is { Month: null, Relative: null, HasYear: true }
                && DocumentYearBefore().IsMatch(text.AsSpan(Math.Max(clause.Start, mention.Start - 8), mention.Start - Math.Max(clause.Start, mention.Start - 8)))
                && DocumentAfter().IsMatch(text.AsSpan(mention.End, Math.Min(40, clause.End - mention.End))))
            {
                continue;
            }

            // Keep the preposition with the time: "In January", "on March 18".
            var lead = Preposition().Match(text, Math.Max(clause.Start, mention.Start - 12), mention.Start - Math.Max(clause.Start, mention.Start - 12));
            // "this year", "of 2023": a scope for an ordinal rather than the date of the event.
            var before = text[Math.Max(clause.Start, mention.Start - 3)..mention.Start];
            var scope = mention.Relative is "this year" || (mention.Month is null && before.EndsWith("of ", StringComparison.Ordinal));
            times.Add(new TimeReading(mention, new TextSpan(lead.Success ? lead.Index : mention.Start, mention.End), scope));
        }

        return times;
    }

    private static (Period? Period, string? Unresolved, bool ScopeOnly, TimeBasis Basis, string? Doubt) Time(
        IReadOnlyList<TimeReading> times, ref int? runningYear, ArticleAnchor anchor, Events.KoreanDate recordEnd, TextSpan? action)
    {
        Period? best = null;
        string? bestDoubt = null;
        Period? other = null;
        var bestDistance = int.MaxValue;
        string? unresolved = null;
        var scopeOnly = false;
        var basis = TimeBasis.Publication;

        // "The first known Musudan test happened in April this year" (VOA Learning English,
        // 2016-06-22, after a sentence on 2007): "this year" is the publication's year, and so is the
        // year of a month the same clause names, whatever year the paragraph named before.
        var thisYear = anchor.Year is { } published && times.Any(t => t.Mention.Relative is { } r && r.EndsWith("this year", StringComparison.Ordinal)) ? published : (int?)null;
        foreach (var (mention, _, scope) in times)
        {
            var year = thisYear ?? runningYear;
            var yearFromParagraph = !mention.HasYear && mention.Relative is null && year is not null && year != anchor.Year;
            var (resolved, doubt) = TimeExpressions.Read(mention, year, anchor, recordEnd);
            if (mention.HasYear)
            {
                runningYear = mention.Year;
            }

            if (resolved is { } p)
            {
                // The most specific time; of two as specific, the one nearest the event ("today's launch
                // follows North Korea's January 6 nuclear test").
                var distance = action is { } a ? Math.Max(0, Math.Max(a.Start - mention.End, mention.Start - a.End)) : 0;
                // Two times that overlap ("in April this year", "since March 29 last year") place one event.
                var differs = best is { } earlier && (p.To < earlier.From || p.From > earlier.To);
                if (best is null || p.Days < best.Value.Days || (p.Days == best.Value.Days && distance < bestDistance))
                {
                    other = differs ? best : other;
                    best = p;
                    bestDoubt = doubt;
                    bestDistance = distance;
                    scopeOnly = scope;
                    basis = mention.HasYear ? TimeBasis.Sentence : yearFromParagraph ? TimeBasis.Paragraph : TimeBasis.Publication;
                }
                else if (differs)
                {
                    other = p;
                }
            }
            else
            {
                unresolved ??= mention.Text.Trim();
            }
        }

        if (best is { } chosen && other is { } second && !scopeOnly)
        {
            // "Today's launch follows North Korea's January 6 nuclear test", "Tuesday's censure ... of
            // North Korea's December 12 rocket launch": of two times in a clause, the one taken may
            // be another event's.
            bestDoubt ??= $"the clause names two times, '{chosen.Label}' and '{second.Label}', and the one read may be another event's";
        }

        return (best, unresolved, scopeOnly, basis, bestDoubt);
    }

    private List<(TextSpan Span, EventPhrase Phrase)> Phrases(string text, TextSpan clause) => Phrases(PhraseMatches(text, clause), clause);

    /// <summary>Every match of every event phrase in a span, with the phrase's place in the list; a sentence's, read once for all its clauses.</summary>
    private List<(TextSpan Span, EventPhrase Phrase, int Order)> PhraseMatches(string text, TextSpan span)
    {
        var all = new List<(TextSpan Span, EventPhrase Phrase, int Order)>();
        for (var i = 0; i < _k.EventPhrases.Count; i++)
        {
            foreach (Match m in _k.EventPhrases[i].Pattern.MatchesIn(text, span))
            {
                all.Add((new TextSpan(m.Index, m.Index + m.Length), _k.EventPhrases[i], i));
            }
        }

        // Leftmost first, then the longest, then the first listed.
        all.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start)
            : a.Span.Length != b.Span.Length ? b.Span.Length.CompareTo(a.Span.Length)
            : a.Order.CompareTo(b.Order));
        return all;
    }

    /// <summary>The event phrases of a clause: of the matches inside it, leftmost first, each not overlapping the one before.</summary>
    private static List<(TextSpan Span, EventPhrase Phrase)> Phrases(List<(TextSpan Span, EventPhrase Phrase, int Order)> matches, TextSpan clause)
    {
        var chosen = new List<(TextSpan Span, EventPhrase Phrase)>();
        foreach (var candidate in matches)
        {
            if (candidate.Span.Start >= clause.Start && candidate.Span.End <= clause.End
                && (chosen.Count == 0 || candidate.Span.Start >= chosen[^1].Span.End))
            {
                chosen.Add((candidate.Span, candidate.Phrase));
            }
        }

        return chosen;
    }

    /// <summary>
    /// Whether the ordinal at <paramref name="at"/> is a day of the month: "the December 12th
    /// ballistic missile launch", "North Korea's March 15th ICBM" name a date, not the twelfth launch.
    /// </summary>
    private static bool DayOfMonth(string text, int at) =>
        at < text.Length && char.IsDigit(text[at]) && MonthBeforeDay().IsMatch(text.AsSpan(Math.Max(0, at - 12), Math.Min(12, at)));

    [GeneratedRegex(@"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthBeforeDay();

    /// <summary>Whether a weapon system's name starts at <paramref name="at"/>: the "No" of "two No Dong medium-range ballistic missiles" names the missile, it does not deny the launch.</summary>
    private bool BeginsSystemName(string text, int at) => _k.SystemNames.Match(text, at, text.Length - at) is { Success: true } name && name.Index == at;

    private SystemMention? SystemIn(string text, TextSpan clause, List<TextSpan> features)
    {
        var known = _k.SystemNames.Match(text, clause.Start, clause.Length);
        var like = clause.Length > 0 ? _k.DesignationLike.Match(text, clause.Start, clause.Length) : Match.Empty;
        var m = known.Success ? known : like;
        if (!m.Success)
        {
            return null;
        }

        features.Add(new TextSpan(m.Index, m.Index + m.Length));
        var entries = _k.Systems.Where(s => s.Names.Any(n => string.Equals(n, m.Value, StringComparison.OrdinalIgnoreCase))).ToList();
        return new SystemMention(m.Value, entries, new TextSpan(m.Index, m.Index + m.Length));
    }

    private IEnumerable<TextSpan> Clauses(string text, TextSpan sentence)
    {
        var start = sentence.Start;
        foreach (Match m in _clauseBreak.MatchesIn(text, sentence))
        {
            if (m.Index > start)
            {
                yield return new TextSpan(start, m.Index);
            }

            start = m.Index + m.Length;
        }

        if (start < sentence.End)
        {
            yield return new TextSpan(start, sentence.End);
        }
    }

    private int OrdinalValue(string word) =>
        _k.Ordinals.TryGetValue(word, out var n) ? n : int.Parse(word[..^2], CultureInfo.InvariantCulture);

    private int CountValue(string word) =>
        _k.Numbers.TryGetValue(word, out var n) ? n : int.Parse(word, CultureInfo.InvariantCulture);

    private static TextSpan? First(Regex pattern, string text, TextSpan within)
    {
        if (within.Length <= 0)
        {
            return null;
        }

        var m = pattern.Match(text, within.Start, within.Length);
        return m.Success ? new TextSpan(m.Index, m.Index + m.Length) : null;
    }

    private static bool Add(List<TextSpan> features, TextSpan span)
    {
        features.Add(span);
        return true;
    }

    /// <summary>The alternation inside a cue pattern, to reuse it in a larger pattern.</summary>
    private static string Inner(Regex cue)
    {
        var pattern = cue.ToString();
        var open = pattern.IndexOf("(?:", StringComparison.Ordinal) + 3;
        var close = pattern.LastIndexOf(")(?!", StringComparison.Ordinal);
        return pattern[open..close];
    }

    [GeneratedRegex(@"(?:^|\b(?:it|they)\s+)\s*$|\b(?:it|they)\s+(?:has|have|had|did|does|was|were)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NearPronoun();

    /// <summary>How far a missile flew: "flew approximately 1,000 km", "traveled about 500 kilometers", "its flight distance ... approx. 3,700 kilometers".</summary>
    [GeneratedRegex(@"\b(?:flew|flown|flying|traveled|travelled|flight\s+distance)\b(?![^.;]{0,20}?\b(?:high|height|altitude)\b)[^.;]{0,60}?(?<km>[0-9]{1,2}(?:,[0-9]{3})+|[0-9]+)\s*(?:km|kilometers|kilometres)\b(?!\s+(?:east|west|north|south|away|off|from))|\b(?:landed|fell|flew)\s+(?:about\s+|approximately\s+|some\s+|around\s+)?(?<km>[0-9]{1,2}(?:,[0-9]{3})+|[0-9]+)\s*(?:km|kilometers|kilometres)\s+away\b(?!\s+from)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlightDistance();

    /// <summary>How high a missile went: "reached a height of 120 kilometers", "reaching a height of 1,000 km", "an altitude of over 1,000 km".</summary>
    [GeneratedRegex(@"\b(?:(?:height|altitude)\s+of|as\s+high\s+as)\s+(?:about\s+|approximately\s+|approx\.\s+|around\s+|some\s+|over\s+|more\s+than\s+)?(?<km>[0-9]{1,2}(?:,[0-9]{3})+|[0-9]+)\s*(?:km|kilometers|kilometres)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Height();

    /// <summary>The actor code of the subject of a response ("the United States", "Tokyo", "the EU"), else null.</summary>
    private static string? ResponderIn(string text, TextSpan head)
    {
        var m = Responder().Matches(text[head.Start..head.End]).LastOrDefault();
        return m is null ? null
            : m.Groups["us"].Success ? "US"
            : m.Groups["rok"].Success ? "ROK"
            : m.Groups["jp"].Success ? "JP"
            : "EU";
    }

    [GeneratedRegex(@"\b(?:(?<us>the\s+(?:US|U\.S\.|United\s+States)|US|U\.S\.|United\s+States|Washington|the\s+(?:US\s+)?Treasury|the\s+Biden\s+administration|the\s+Trump\s+administration|the\s+Obama\s+administration)|(?<rok>South\s+Korea|Seoul|the\s+ROK)|(?<jp>Japan|Tokyo)|(?<eu>the\s+(?:EU|European\s+Union)|Brussels))\b", RegexOptions.CultureInvariant)]
    private static partial Regex Responder();

    /// <summary>
    /// An observer's finding or a leader's presence before an event noun, which report it as done:
    /// "Initial assessment indicates the launch of", "Kim Jong Il Observes Launch of Satellite
    /// Kwangmyongsong-2", "Kim Jong Un Observes Satellite Launch Processes" (KCNA headlines, 2009-04-05
    /// and 2012-12-13). Not "guided", which is also the missiles' adjective.
    /// </summary>
    [GeneratedRegex(@"\b(?:(?:indicates?|indicated|confirm(?:s|ed)?|detect(?:s|ed)?|tracked|observed)\s+(?:that\s+)?the\s+(?:launch|firing|test-firing|test)\s+of\s+(?:an?\s+|the\s+)?|(?:observes|oversees|oversaw|guides|watches|watched)\s+(?:the\s+)?(?:(?:launch|firing|test-firing|test-fire|test)\s+of\s+(?:an?\s+|the\s+)?)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ObservedBefore();

    /// <summary>
    /// A predicate that says an event named by a bare noun happened: "occurred", "flew", "failed"; and,
    /// from news (Voice of America), how it ended: "the test was a failure", "the missile broke apart",
    /// "malfunctioned".
    /// </summary>
    [GeneratedRegex(@"^(?:(?!\b(?:when|while|because|but|although|as)\b)[^.;]){0,80}?\b(?:occurred|took\s+place|(?:was|were)\s+(?:launched|fired|tracked|detected|conducted)|flew|traveled|travelled|landed|fell|reached|overflew|(?:have|has)\s+(?:fallen|flown|landed)|failed(?!\s+to\b)|ended\s+in\s+(?:a\s+)?failure|broke\s+(?:apart|up)|split\s+apart|disintegrated|malfunctioned|(?:was|were)\s+(?:a\s+)?(?:failure|success))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EventPredicate();

    /// <summary>
    /// Where or how long a missile flew, as far as the record does not hold it: "fell within Japan's
    /// EEZ", "flew over the Oshima Peninsula", "flew for approximately 45 minutes", "approximately
    /// 350 kilometers east off the east coast", or when it flew against the window North Korea had
    /// notified ("took place ahead of the time in the prior notification"); and, from news text
    /// (Voice of America), when or over what it came apart ("fell into the sea about one minute after
    /// liftoff", "malfunctioned after the first stage exhausted its fuel", "broke up over an inland
    /// region", "did not leave North Korean territory") and what a nuclear test used ("used plutonium
    /// to conduct its first two underground nuclear tests"). The claim is then
    /// undecided on that detail, whether it is what the sentence says of the launch ("the missiles
    /// are thought to have fallen within Japan's EEZ") or a side detail beside a launch the record
    /// confirms ("launched a ballistic missile ..., which fell within Japan's EEZ"): a verdict is on
    /// every facet stated (bench/claims-real/README.md, "Details the record does not hold").
    /// </summary>
    private static Match? Landing(string text, TextSpan sentence, bool ranked)
    {
        var landing = Zone().Match(text, sentence.Start, sentence.Length);
        if (landing.Success)
        {
            return landing;
        }

        // A superlative the record ranks ("its largest intercontinental ballistic missile") is checked as one,
        // and an ordinal ("its sixth and most powerful nuclear test") by its order.
        if (ranked)
        {
            return null;
        }

        var undecidable = Undecidable().Match(text, sentence.Start, sentence.Length);
        return undecidable.Success ? undecidable : null;
    }

    /// <summary>
    /// Details stated of an event that the record has no facet for, so that the claim is never
    /// supported on them (issue 16, item 2): a ranking or a record ("the biggest explosion North
    /// Korea has ever carried out", "Record Number of Missiles This Month", "the busiest month
    /// ever", "the most North Korean missile launches in a single month"), the cause of a failure
    /// ("failed because of instability in the engine", "after losing thrust due to ..."), and the
    /// time between launches ("fired within a 40-minute span") (VOA, 2009 to 2023).
    /// </summary>
    [GeneratedRegex(@"\b(?:biggest|largest|busiest)\b|\brecord\s+(?:number|high|pace)\b|\bin\s+a\s+single\s+(?:month|year|day)\b|\b(?:failed|failure|fell|crashed|exploded)\b[^.;]{0,80}?\b(?:because\s+of|due\s+to|caused\s+by)\b|\bafter\s+losing\s+thrust\b|\bwithin\s+an?\s+[\w-]+[-\s]minute\s+(?:span|period|window)\b|\b[\w-]+\s+(?:minutes|hours)\s+apart\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Undecidable();

    /// <summary>A number of missiles stated in a clause: "test-fired three short-range missiles", "two more short-range missiles".</summary>
    [GeneratedRegex(@"\b(?:(?<least>at\s+least)\s+)?(?<w>[0-9]{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:more\s+|additional\s+)?(?:[\w-]+\s+){0,3}?(?:missiles|rockets|projectiles)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SideCount();

    /// <summary>
    /// A headline: no closing stop and every longer word capitalised ("World Condemns North Korea
    /// Nuclear Test", VOA, 2009-05-25). A headline states the event it names even when it reports a
    /// reaction to it (bench/claims-real/README.md, headings).
    /// </summary>
    private static bool Headline(string text, TextSpan sentence)
    {
        var line = text.AsSpan(sentence.Start, sentence.Length).Trim();
        if (line.IsEmpty || ".?!\"”'’:;".Contains(line[^1]))
        {
            return false;
        }

        var words = line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 && words.Where(w => w.Length >= 4).All(w => char.IsUpper(w[0]) || !char.IsLetter(w[0]));
    }

    /// <summary>A summit phrase that opens with the leaders' act: "met", "held direct talks", "signed".</summary>
    [GeneratedRegex(@"^(?:met|meets|held|signs?|signed|shook)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SummitAct();

    /// <summary>A sentence that opens with a quoted exclamation: a slogan or a command, not a report.</summary>
    [GeneratedRegex(@"^\s*[""“][^""”]{1,200}!\s*[""”]", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedExclamation();

    /// <summary>A talk or a call by someone that comes after the event: "spoke to ... on the phone after the".</summary>
    [GeneratedRegex(@"\b(?:spoke|talked|met|called|phoned|telephoned|consulted)\b[^.;]{0,100}?\b(?:after|following)\s+(?:the|its|this|North\s+Korea['’]s)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TalkAfter();

    [GeneratedRegex(@"\bexclusive\s+economic\s+zone\b|\bEEZ\b|\bfor\s+(?:about\s+|approximately\s+|some\s+)?[\w-]+\s+minutes\b|\b(?:flew|flown|flying|fly)\s+over\s+(?:the\s+)?(?:vicinity\s+of\s+)?(?!Japan\b)(?-i:[A-Z])|\b[0-9][0-9,]*\s*(?:km|kilometers|kilometres)\s+(?:east|west|north|south|away\s+from)\b|\b(?:landed|fell|fallen|splashed\s+down)\b[^.;]{0,60}?\bat\s+(?:around\s+|about\s+|approximately\s+)?[0-9]{1,2}:[0-9]{2}|\b(?:ahead\s+of|before|earlier\s+than|after|outside|within)\s+the\s+(?:time|period|window|dates?)\s+(?:in|of|given\s+in|set\s+(?:out\s+)?in|stated\s+in)\s+(?:the|its)\s+(?:prior\s+|advance\s+)?notifications?\b|\b(?:minutes?|seconds?)\s+after\s+(?:lift-?off|launch|launching|take-?off)\b|\b(?:first|second|third|upper|final)\s+stage\b|\b(?:broke\s+(?:up|apart)|exploded|disintegrated|split\s+apart)\s+(?:over|above)\b|\bdid\s+not\s+leave\s+(?:North\s+Korean|its|the\s+country['’]s)\b|\b(?:plutonium|uranium)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Zone();

    /// <summary>A weapon said to be new, which the record cannot decide: "a new type of ICBM".</summary>
    [GeneratedRegex(@"\bnew(?:\s+|-)type\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NewType();

    /// <summary>What a first or an ordinal counts that the record does not hold: "the first missile to fly over Japan", "the second of its kind into Japan's EEZ", "the first time for North Korea to announce".</summary>
    [GeneratedRegex(@"\bexclusive\s+economic\s+zone\b|\bEEZ\b|\b(?:fly|flew|flying)\s+over\b|\boverflew\b|\bof\s+its\s+kind\b|\bin\s+quite\s+a\s+while\b|\bto\s+announce\b|\b(?:military|spy|reconnaissance)\s+(?:reconnaissance\s+)?satellites?\b|\bin\s+recent\s+(?:days|weeks|months)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderQualifier();

    [GeneratedRegex(@"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthBefore();

    [GeneratedRegex(@"\b(?:reported|reports|said|says|announced|announces|stated|cited|told\s+\w+)\b[^.;:]{0,60}?\bthat\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedThat();

    /// <summary>A subject other than North Korea before a negation: a pronoun of the speaker, a person, an ally, an organisation.</summary>
    [GeneratedRegex(@"\b(?:we|I|you|he|she|the\s+(?:government|ministry|minister|network|side|papers?|military|U\.?S\.?|United\s+States|allies|international\s+community)|Japan(?:ese)?|(?:South\s+)?Korea(?:n)?|ROK|Seoul|Tokyo|Washington|[A-Z][a-z]+\s+(?:said|told))\b", RegexOptions.CultureInvariant)]
    private static partial Regex OtherSubject();

    /// <summary>The year an ordinal is counted within, after the event noun: "of 2017", "of the year", "this year"; "in 2017" (group in) only where the ordinal comes before the noun and no verb dates it.</summary>
    [GeneratedRegex(@"^\s*(?:launch(?:es)?\s+|test\s+)?(?:of\s+(?<y>(?:19|20)[0-9]{2})\b|(?<in>in)\s+(?<y>(?:19|20)[0-9]{2})\b|of\s+the\s+year|this\s+year)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalScope();

    [GeneratedRegex(@"\b(?:in|on|by|during|early|late|mid|from)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Preposition();

    [GeneratedRegex(@"\b(?:no|not\s+a\s+single|not\s+one)\s+(?:[\w-]+\s+){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoBefore();
}

/// <summary>An article as read by <see cref="Claims.ArticleChecker.Read"/>: its sentences and their clauses, before its times are resolved.</summary>
public sealed class ArticleReading
{
    internal ArticleReading(string text, IReadOnlyList<SentenceReading> sentences)
    {
        Text = text;
        Sentences = sentences;
    }

    /// <summary>The article's text.</summary>
    public string Text { get; }

    internal IReadOnlyList<SentenceReading> Sentences { get; }
}

/// <summary>A sentence: its clauses, and what it states when it makes no claim (null when it states nothing or always makes a claim).</summary>
/// <remarks>Failure: why the sentence could not be read, else null.</remarks>
internal sealed record SentenceReading(TextSpan Span, IReadOnlyList<ClauseReading> Clauses, StatementType? Statement, string? Failure);

/// <summary>The assertions, statements and unread sentences of an article, in text order.</summary>
internal sealed record ArticleAssertions(IReadOnlyList<Assertion> Assertions, IReadOnlyList<UncheckedStatement> Statements, IReadOnlyList<UnreadSentence> Unread);

/// <summary>A clause: its time mentions, the claim it would make (null when none), else what it states.</summary>
internal sealed record ClauseReading(IReadOnlyList<TimeReading> Times, ClaimDraft? Draft, StatementType? Statement);

/// <summary>A time mention with its span, the preposition included, and whether it would only scope an ordinal ("this year", "of 2023").</summary>
internal sealed record TimeReading(TimeMention Mention, TextSpan Span, bool Scope);

/// <summary>An assertion short of its time: the time-dependent facets of <see cref="Claim"/> are unset.</summary>
/// <remarks>
/// Checkable: Whether the clause is a claim whatever its time.<br/>
/// Scoped: Whether an ordinal is followed by its scope ("of 2017", "this year"); ScopeYear is the year it names, if any.<br/>
/// FirstOfYear: Whether a first is "the first ... this year" by a cue.<br/>
/// Recent: Whether the clause says "recently".<br/>
/// Reported: Whether the clause, with no verb of doing, says the event happened ("the launch occurred near Wonsan").
/// </remarks>
internal sealed record ClaimDraft(Assertion Claim, bool Checkable, bool Scoped, int? ScopeYear, bool FirstOfYear, bool Recent, bool Reported)
{
    /// <summary>Whether the event is named by a bare noun, a pronoun or a definite description ("the launch", "it", "the missile"): the event the article last reported.</summary>
    public bool Coreferent { get; init; }

    /// <summary>Whether the clause names the event's class or system itself ("it was an intercontinental ballistic missile"), rather than taking its antecedent's.</summary>
    public bool OwnClass { get; init; }
}

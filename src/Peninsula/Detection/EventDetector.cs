using System.Text.RegularExpressions;
using Peninsula.Events;
using Peninsula.Reading;

namespace Peninsula.Detection;

/// <summary>
/// Finds the North Korean launches and nuclear tests that documents report and merges them into
/// one proposal per event. A report of a past event (a day more than <see cref="FollowUpDays"/>
/// before the document), another country's test, a prediction or a denial makes none. Several
/// outlets on one launch, and follow-ups days later, make one proposal dated as the reports
/// that name the day say.
/// </summary>
public sealed partial class EventDetector
{
    /// <summary>How many days after an event a report of it is still news rather than history.</summary>
    public const int FollowUpDays = 7;

    /// <summary>Events of a kind and compatible class at most this many days apart are one event (UTC and Korean dates differ by one).</summary>
    public const int ToleranceDays = 1;

    /// <summary>How many days after a report of an event a report that gives it the same place in its series ("third") is still of it: the weeks of comment that follow a test.</summary>
    public const int SeriesDays = 31;

    private readonly IReadOnlyList<Event> _record;

    /// <summary>A detector that matches proposals against the events of <paramref name="record"/>.</summary>
    public EventDetector(IEnumerable<Event> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _record = [.. record.Where(e => e.Kind is EventKind.MissileLaunch or EventKind.NuclearTest)];
    }

    /// <summary>The proposals the documents make, by date.</summary>
    public IReadOnlyList<Proposal> Detect(IEnumerable<DetectionDocument> documents) => Detect(documents, failed: null);

    /// <summary>
    /// The proposals the documents make, by date. With <paramref name="failed"/>, a document whose
    /// reading throws is passed to it with the exception and left out, and the rest are read as if
    /// it had not been there; without, the exception ends the detection.
    /// </summary>
    public IReadOnlyList<Proposal> Detect(IEnumerable<DetectionDocument> documents, Action<DetectionDocument, Exception>? failed)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var found = new List<Found>();
        foreach (var document in documents)
        {
            try
            {
                // Read whole before adding: a document that fails half-way adds nothing.
                found.AddRange([.. Read(document)]);
            }
            catch (Exception ex) when (failed is not null && ex is not OperationCanceledException)
            {
                failed(document, ex);
            }
        }

        return Merge(found);
    }

    /// <summary>The mentions of one document that can make a proposal, with their document.</summary>
    private static IEnumerable<Found> Read(DetectionDocument document)
    {
        var text = document.Text;
        // Another country's test reported without North Korea in it at all is not ours.
        if (!NorthKorea().IsMatch(text))
        {
            yield break;
        }

        var lead = LeadEnd(document);
        var mentions = Mentions.Read(Readable(text), document.Published);

        // "Japan Launches Satellite for Intelligence Gathering" (KCNA, 2011-09-26): a headline whose
        // subject is another country and whose verb is a launch makes the story that country's.
        var othersStory = OthersHeadline(document.Title);

        var reports = mentions.Where(m => Reports(document, m, othersStory)).ToList();
        // The kinds of event the headline and the lead report.
        var news = reports.Where(m => m.Start < lead).Select(m => m.Kind).ToHashSet();
        foreach (var m in reports)
        {
            // A story tells its news in the headline and the lead (its first paragraph that is a
            // sentence): "The DPRK launched its first application satellite Kwangmyongsong-3 ... at
            // 07:38:55 a.m. on Friday" (KCNA, 2012-04-13). A launch or test named deeper in the story
            // with no time of its own is background to praise, an anniversary or a polemic: "It was
            // against this backdrop that the DPRK successfully launched satellite Kwangmyongsong-1"
            // ("Birthday of DPRK Marked", 2011-08-27), "The nuclear powers conducted many nuclear tests"
            // (2012-09-12). When the headline or the lead reports a launch or test, what follows
            // tells more of it: "The administration also conducted a test-fire of strategic cruise
            // missile" (KCNA, 2024-09-19, fourth paragraph).
            if (m.Resolution == DateResolution.Publication && m.Start >= lead && !news.Contains(m.Kind))
            {
                continue;
            }

            // A test of guided multiple rocket launchers is a close-range launch, as the record's
            // taxonomy files "Multiple Launch Rocket System (MLRS) Test" (data/taxonomy/provocation-labels.csv).
            var cls = m.Class ?? (m.Kind == EventKind.MissileLaunch && RocketLauncher().Match(text, m.Start, m.Length).Success ? "crbm" : null);
            yield return new Found(document, m with { Class = cls, Sentence = text.Substring(m.Start, m.Length) });
        }
    }

    /// <summary>
    /// Whether a mention reports an event of its day:
    /// said to have happened, by North Korea, and not judged, praised or told as history.
    /// </summary>
    private static bool Reports(DetectionDocument document, EventMention m, bool othersStory)
    {
        var text = document.Text;
        var age = document.Published.DaysSince(m.Date);

        // North Korea's own media announcing a launch is a report of it; a possibility, a question or a denial is not.
        if (m.Polarity != Polarity.Affirmed || m.Modality is not (Modality.Asserted or Modality.Attributed) || age < -ToleranceDays || age > FollowUpDays)
        {
            return false;
        }

        // "A ceremony for the transfer of ballistic missile launchers": no act, no launch.
        if (!Act().Match(text, m.Start, m.Length).Success || ByAnotherActor(text, m))
        {
            return false;
        }

        // Under such a headline a sentence is North Korea's only when it names North Korea as the
        // one who acted: "It launched a new satellite for intelligence gathering at the Tanegashima
        // Space Center ... on Sept. 23 for the purpose of monitoring the DPRK's military facilities"
        // is Japan's.
        if (othersStory && m.Start >= document.Title.Length && !NamesNorthKoreaFirst(text, m))
        {
            return false;
        }

        // "On April 16 the UNSC issued a statement of its chairman "condemning" the DPRK's satellite
        // launch", "Foreign media persons ... Sunday toured the Sohae Satellite Launching Station"
        // (KCNA, 2012): when the event is named only by a noun, a time before it dates what the
        // sentence's subject did (a statement, a visit), not the event; the event's own time
        // follows its words ("the launch at 10:40 a.m.") or is its possessive ("Today's launch").
        if (m.Resolution != DateResolution.Publication && m.TimeStart is { } time && time >= m.Start && time < m.ActionStart
            && !ActVerb().Match(text, m.Start, m.Length).Success && !Possessive().Match(text, time, m.ActionStart - time).Success)
        {
            return false;
        }

        // "The DPRK's launch of the working satellite is an exercise of an independent and
        // legitimate right", "The DPRK's plan for satellite launch poses no problem" (KCNA
        // stories of 2012): an event named only by a noun, with no day and no verb that says it
        // was done, is one known elsewhere that the text judges or plans; news of the day says it
        // was done ("launched", "test-fired", "Guides ... Test-fire", "Fails to Enter Its Orbit"),
        // or places it in its series: the latest ("North Korea's most recent unsuccessful missile
        // launch", US Secretary of Defense, 2017-04-15) or the nth ("KCNA Report on Successful 3rd
        // Underground Nuclear Test", 2013-02-12).
        if (m.Resolution == DateResolution.Publication && !m.Latest && m.Ordinal is null && !ActVerb().Match(text, m.Start, m.Length).Success)
        {
            return false;
        }

        // "DPRK's Satellite Launch Is Legitimate Right of Sovereign State: Foreigners", "DPRK's
        // Nuclear Test Is Measure for Self-defense: Rodong Sinmun": a KCNA headline that names its
        // speaker after a colon is that speaker's comment, made days or weeks after the event; the
        // story under it, when there is one, still reports.
        if (m.Resolution == DateResolution.Publication && SpeakerHeadline().IsMatch(m.Sentence))
        {
            return false;
        }

        // "DPRK's Nuclear Test Hailed as Just Measure for Self-Defence", "Satellite Launch
        // Supported by Foreign Political Parties": others' praise names the event as what they
        // react to, weeks after it; it is no report of an event of its own day.
        // "Nigeria Congratulates DPRK on Its Successful Third Underground Nuclear Test": the same,
        // the reaction named first. So is rebuttal of others' reaction: "Swiss Organizations
        // Denounce UN's Accusation of DPRK's Rocket Launching Exercises" (2014-04-12), "DPRK FM Blasts
        // UN for Taking Issue with DPRK over Its Justifiable Rocket Launching Drills" (2014-03-30),
        // "U.S. Slammed for Taking Issue with DPRK over Its Rocket Launching" (2014-03-13): each
        // answers a launch days or weeks old.
        if (m.Resolution == DateResolution.Publication && m.ActionEnd >= m.Start
            && (Reaction().Match(text, m.ActionEnd, Math.Max(0, m.Start + m.Length - m.ActionEnd)).Success
                || ReactionFirst().Match(text, m.Start, Math.Max(0, m.PhraseStart - m.Start)).Success))
        {
            return false;
        }

        // "The DPRK launched satellites", "successfully launched two satellites", "Eight countries
        // have launched satellites" (KCNA stories of 2011-2012): satellites go up one launch at a
        // time, so satellites in the plural with no day named are a country's history, not news.
        if (m.Resolution == DateResolution.Publication && m.Class == "slv" && (m.Count > 1 || SatellitesBefore().IsMatch(text.AsSpan(0, Math.Min(text.Length, m.ActionEnd)))))
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// The text as the reader should see it, every offset kept: KCNA's "Hwasongpho-19" is the
    /// gazetteer's "Hwasong-19", its "600mm" rocket launcher the KN-25 and its "MRLS" the MLRS; "Rodong Sinmun" is a newspaper, not the Rodong (Nodong) missile;
    /// a dateline ("Pyongyang, November 2 (KCNA) --") dates the report, not what it reports, and
    /// is blanked so that a follow-up is dated by its publication, not as if it named the day.
    /// </summary>
    internal static string Readable(string text)
    {
        var readable = Hwasongpho().Replace(text, m =>
        {
            // "Hwasongpho-11-Da-4.5" is the gazetteer's "Hwasong-11Da-4.5".
            var name = "Hwasong" + (m.Groups["rest"].Value is var rest && rest.IndexOf('-', 1) is > 0 and var dash && char.IsLetter(rest[dash + 1]) ? rest.Remove(dash, 1) : rest);
            return name + new string(' ', m.Length - name.Length);
        });
        readable = RodongSinmun().Replace(readable, m => "The Daily Sun" + new string(' ', m.Length - 13));
        // KCNA's "600mm multiple rocket launcher" is the gazetteer's KN-25 ("600 mm MLRS").
        readable = SixHundredMillimetre().Replace(readable, m => "KN-25" + new string(' ', m.Length - 5));
        // KCNA writes MRLS where the phrases say MLRS.
        readable = Mrls().Replace(readable, "MLRS");
        return Dateline().Replace(readable, m => new string(' ', m.Length));
    }

    /// <summary>
    /// Where the lead of a story ends in <see cref="DetectionDocument.Text"/>: after the body's first
    /// paragraph that is a sentence of some words (not a line such as "[Provisional Translation]" or
    /// "Opening Statement"), and after the next one too when the first introduces it with a colon
    /// ("A spokesman for the DPRK Foreign Ministry released the following statement Friday:"). A
    /// headline alone, or a body with no such paragraph, is all lead.
    /// </summary>
    internal static int LeadEnd(DetectionDocument document)
    {
        var text = document.Text;
        if (document.Body.Length == 0 || document.Body == document.Title)
        {
            return text.Length;
        }

        var position = document.Title.Length;
        var colon = false;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            end = end < 0 ? text.Length : end;
            var paragraph = text.AsSpan(position, end - position).Trim();
            position = end + 1;
            if (paragraph.IsEmpty)
            {
                continue;
            }

            if (colon)
            {
                return end;
            }

            if (LeadSentence().IsMatch(paragraph))
            {
                if (paragraph[^1] != ':')
                {
                    return end;
                }

                colon = true;
            }
        }

        return text.Length;
    }

    /// <summary>
    /// Whether a headline's subject is another country and its verb a launch or test: "Japan
    /// Launches Information-Gathering Satellite". The first actor it names is another country, at
    /// its start, and no North Korean actor stands between it and the act.
    /// </summary>
    private static bool OthersHeadline(string title)
    {
        var actor = Actor().Match(title);
        if (!actor.Success || !actor.Groups["other"].Success || title.AsSpan(0, actor.Index).Trim().Length > 0)
        {
            return false;
        }

        var act = Act().Match(title, actor.Index + actor.Length);
        if (!act.Success)
        {
            return false;
        }

        return !Actor().Matches(title, actor.Index + actor.Length).TakeWhile(a => a.Index < act.Index).Any(a => a.Groups["nk"].Success);
    }

    /// <summary>Whether the sentence names North Korea before the event's own words, as the one who acted.</summary>
    private static bool NamesNorthKoreaFirst(string text, EventMention m) =>
        Actor().Matches(text.Substring(m.Start, Math.Max(0, m.ActionStart - m.Start))).Any(a => a.Groups["nk"].Success);

    /// <summary>
    /// Whether the actor nearest before the words that report the event (in the sentence, else
    /// in the 600 characters before it) is another country: "the U.S. conducted a sub-critical
    /// nuclear test", quoted in a North Korean statement, is not a North Korean test.
    /// </summary>
    private static bool ByAnotherActor(string text, EventMention m)
    {
        var end = Math.Min(text.Length, m.PhraseStart + m.PhraseLength);
        var from = Math.Max(0, m.Start - 600);
        Match? last = null;
        for (var a = Actor().Match(text, from, end - from); a.Success; a = a.NextMatch())
        {
            last = a;
        }

        // "Test-fire of Long-range Rocket by US Troops": the agent named after the event acts.
        if (end < m.Start + m.Length && Agent().Match(text, end, Math.Min(40, m.Start + m.Length - end)) is { Success: true } agent
            && Actor().Match(text, agent.Index + agent.Length) is { Success: true } actor && actor.Index == agent.Index + agent.Length)
        {
            return actor.Groups["other"].Success;
        }

        return last is { } found && found.Groups["other"].Success;
    }

    private List<Proposal> Merge(List<Found> found)
    {
        // Mentions that name their day make the events; those dated only by publication join the
        // event of their kind they follow, else make events of their own. A follow-up days later
        // joins an event whose day a report names; events known only by the days of their reports
        // are one event only within a day of each other, unless the later report gives the event's place in
        // its series ("DPRK's Success in Third Underground Nuclear Test", two days after KCNA's report
        // of the test): KCNA's "Kim Jong Un Guides Test-fire of
        // Newly Developed Ultra-precision Tactical Guided Missiles" (2014-06-27) and "Kim Jong Un
        // Guides Tactical Rocket Firing Drill of KPA Strategic Force" (2014-06-30) are two launches.
        var clusters = new List<Cluster>();
        foreach (var f in found.Where(f => f.Mention.Resolution != DateResolution.Publication).OrderBy(f => f.Mention.Date))
        {
            (clusters.FirstOrDefault(c => c.Accepts(f.Mention, ToleranceDays)) ?? Add(clusters, f.Mention)).Add(f);
        }

        foreach (var f in found.Where(f => f.Mention.Resolution == DateResolution.Publication).OrderBy(f => f.Mention.Date))
        {
            var follows = clusters
                .Where(c => c.Kind == f.Mention.Kind && Compatible(c.Class, f.Mention.Class) && c.Date <= f.Mention.Date.AddDays(ToleranceDays)
                    && (f.Mention.Date.DaysSince(c.Date) <= (c.Dated || f.Mention.Ordinal is not null ? FollowUpDays : ToleranceDays) || SameInSeries(c, f.Mention)))
                .OrderBy(c => Math.Abs(f.Mention.Date.DaysSince(c.Date)))
                .FirstOrDefault();
            (follows ?? Add(clusters, f.Mention)).Add(f);
        }

        return [.. clusters.Select(Proposal).OrderBy(p => p.Date).ThenBy(p => p.Kind).ThenBy(p => p.Class, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Whether a report gives the event the same place in its series as a report of the event
    /// before it, within <see cref="SeriesDays"/>: "KCNA Commentary on S. Korean Regime's Jitters
    /// about DPRK's Third Underground Nuclear Test" (2013-02-20) is of the test of "KCNA Report on
    /// Successful 3rd Underground Nuclear Test" (2013-02-12), eight days on, not a fourth test.
    /// </summary>
    private static bool SameInSeries(Cluster cluster, EventMention m) =>
        m.Ordinal is { } n && m.Date.DaysSince(cluster.Date) <= SeriesDays && cluster.Members.Any(f => f.Mention.Ordinal == n);

    private static Cluster Add(List<Cluster> clusters, EventMention first)
    {
        var cluster = new Cluster(first.Kind, first.Class, first.Date);
        clusters.Add(cluster);
        return cluster;
    }

    private Proposal Proposal(Cluster cluster)
    {
        var mentions = cluster.Members;
        // The best-supported date: a day the text names counts most, a day by publication least.
        var date = mentions
            .GroupBy(f => f.Mention.Date)
            .Select(g => (Date: g.Key, Weight: g.Sum(f => Weight(f.Mention.Resolution))))
            .OrderByDescending(g => g.Weight).ThenBy(g => g.Date)
            .First().Date;
        var cls = Most(mentions.Select(f => f.Mention.Class));
        var documents = mentions.Select(f => f.Document).DistinctBy(d => d.Id).OrderBy(d => d.PublishedAt ?? d.Published.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).ToList();
        var support = documents
            .GroupBy(d => d.Publisher, StringComparer.OrdinalIgnoreCase)
            .Select(g => mentions.Where(f => g.Contains(f.Document)).Max(f => Weight(f.Mention.Resolution) / 3.0 * 0.5 + (f.Mention.System is null ? 0.1 : 0.2)));
        var confidence = Math.Round(Math.Min(0.99, 1 - support.Aggregate(1.0, (left, s) => left * (1 - s))), 2);
        return new Proposal
        {
            Date = date,
            Kind = cluster.Kind,
            Class = cls,
            System = Most(mentions.Select(f => f.Mention.System)),
            Count = Most(mentions.Select(f => f.Mention.Count)),
            Site = Most(mentions.Select(f => f.Mention.Site)),
            Confidence = confidence,
            Matches = Match(cluster.Kind, cls, date)?.Id,
            Documents = [.. documents.Select(Of)],
            Sentences = [.. mentions
                .DistinctBy(f => (f.Document.Id, f.Mention.Start))
                .Select(f => new ProposalSentence(f.Mention.Sentence, Of(f.Document).Url, f.Mention.Start, f.Mention.Length))],
        };
    }

    /// <summary>The record's event a proposal is: same kind, a compatible class, at most a day apart; the nearest.</summary>
    public Event? Match(EventKind kind, string? cls, KoreanDate date) =>
        _record
            .Where(e => e.Kind == kind && Math.Abs(e.Date.DaysSince(date)) <= ToleranceDays && Compatible(e.Class, cls))
            .OrderBy(e => Math.Abs(e.Date.DaysSince(date)))
            .ThenBy(e => e.Class == cls ? 0 : 1)
            .FirstOrDefault();

    /// <summary>Whether two classes can be one event: the same, or one of them unknown.</summary>
    public static bool Compatible(string? a, string? b) => a is null || b is null || a == "unknown" || b == "unknown" || a == b;

    private static ProposalDocument Of(DetectionDocument d) => new(d.Url ?? d.Id, d.Title, d.Published, d.Publisher, d.Id);

    private static int Weight(DateResolution resolution) => resolution switch
    {
        DateResolution.Stated => 3,
        DateResolution.Relative => 2,
        _ => 1,
    };

    private static T? Most<T>(IEnumerable<T?> values) =>
        values.Where(v => v is not null).GroupBy(v => v).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

    [GeneratedRegex(@"\b(?:hailed|supported|welcomed|praised|lauded|backed|celebrated|congratulated|applauded|slammed|blasted|denounced|refuted|rejected|condemned)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Reaction();

    /// <summary>A verb of praise or of rebuttal in the present of a headline, before the event it answers: "Hails", "Congratulates ... on", "Supports", "Denounce ... Accusation of", "Blasts ... for Taking Issue with".</summary>
    [GeneratedRegex(@"\b(?:hails?|supports?|welcomes?|praises?|lauds?|backs?|celebrates?|congratulates?|applauds?|slams?|blasts?|denounces?|refutes?|rejects?|condemns?)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReactionFirst();

    /// <summary>A heading (no closing stop) that ends by naming who says it after a colon: "...: Russian Figure", "...: KCNA Commentary".</summary>
    [GeneratedRegex(@"^[^\n:]+:\s+[^:\n.!?]{2,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerHeadline();

    /// <summary>A verb that says the act was done, or a noun of firing that headlines use as one.</summary>
    [GeneratedRegex(@"\b(?:launched|launches|launching(?!\s+(?:station|site|pad|ground|facilit))|fired|fires|firing|test-fir(?:ed|es|e|ing)|test-launch(?:ed|es)|conducted|conducts|carried\s+out|carries\s+out|succeeded|succeeds|observes|observed|oversees|oversaw|guides|watched|detonated|exploded|shot|lobbed|flew|flown|fail(?:s|ed)\s+to|put\s+into\s+orbit|blast(?:ed|s)?\s+off|lift(?:ed|s)?\s+off|occurred|took\s+place|landed|fell|tested)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ActVerb();

    /// <summary>A time that is the event's possessive: "Today's launch", "Sunday's test".</summary>
    [GeneratedRegex(@"^\S+(?:\s+\S+)?['’]s\s+(?:[\w-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();

    /// <summary>A paragraph that is a sentence: some words, ending as a sentence ends.</summary>
    [GeneratedRegex(@"^(?:\S+\s+){5,}.*[.!?:;""”’']$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LeadSentence();

    /// <summary>A passive's agent right after the event's words: "... Rocket by US Troops", "launched by the U.S. forces".</summary>
    [GeneratedRegex(@"\G\s*(?:[\w-]+\s+){0,2}?by\s+(?:the\s+)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Agent();

    [GeneratedRegex(@"\bsatellites\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SatellitesBefore();

    [GeneratedRegex(@"\bHwasongpho(?<rest>-\d+(?:-?[A-Za-z]+)?(?:-\d+(?:\.\d+)?)?)", RegexOptions.CultureInvariant)]
    private static partial Regex Hwasongpho();

    [GeneratedRegex(@"\b(?:multiple\s+rocket\s+launcher|MLRS|MRLS)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RocketLauncher();

    [GeneratedRegex(@"\bMRLS\b", RegexOptions.CultureInvariant)]
    private static partial Regex Mrls();

    [GeneratedRegex(@"\b600\s?mm\b", RegexOptions.CultureInvariant)]
    private static partial Regex SixHundredMillimetre();

    [GeneratedRegex(@"\bRodong\s+Sinmun\b", RegexOptions.CultureInvariant)]
    private static partial Regex RodongSinmun();

    [GeneratedRegex(@"\b[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2},\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}\s*\([A-Za-z]{2,12}\)\s*(?:--|—|–|-)?", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"\b(?:launch\w*|fail(?:s|ed)\s+to\s+enter|fir(?:e|ed|es|ing)|test-fir\w*|test-launch\w*|tested|tests?\b|conduct\w*|carr(?:y|ied)\s+out|detonat\w*|shot|lobbed|flew|blast(?:ed)?\s+off|put\s+into\s+orbit|exploded)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Act();

    [GeneratedRegex(@"\b(?:(?<nk>DPRK|North\s+Korea\w*|N\.\s*Korea\w*|Kim\s+Jong[\s-]Un|Kim\s+Jong[\s-]Il|Missile\s+Administration|Academy\s+of\s+Defen[cs]e\s+Science|Korean\s+People's\s+Army|KPA|NATA|National\s+Aerospace\s+Technology)|(?<other>U\.S\.|US|United\s+States|America\w*|South\s+Korea\w*|ROK|Seoul|Japan\w*|Tokyo|Russia\w*|Ukrain\w*|China|Chinese|Israel\w*|Iran\w*|India\w*|Pakistan\w*|France|French|Britain|British|UK|NATO|puppet\w*))(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Actor();

    [GeneratedRegex(@"\b(?:North\s+Korea|N\.\s*Korea|DPRK|Pyongyang|Kim\s+Jong[\s-]Un|Kim\s+Jong[\s-]Il|KCNA|Democratic\s+People's\s+Republic\s+of\s+Korea)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NorthKorea();

    private sealed record Found(DetectionDocument Document, EventMention Mention);

    private sealed class Cluster(EventKind kind, string? cls, KoreanDate date)
    {
        public EventKind Kind { get; } = kind;

        public string? Class { get; private set; } = cls;

        public KoreanDate Date { get; } = date;

        public List<Found> Members { get; } = [];

        /// <summary>Whether a report names the event's day, rather than every report being dated by its publication.</summary>
        public bool Dated => Members.Any(f => f.Mention.Resolution != DateResolution.Publication);

        public bool Accepts(EventMention m, int tolerance) =>
            m.Kind == Kind && Compatible(Class, m.Class) && Math.Abs(m.Date.DaysSince(Date)) <= tolerance;

        public void Add(Found f)
        {
            Members.Add(f);
            Class ??= f.Mention.Class;
        }
    }
}

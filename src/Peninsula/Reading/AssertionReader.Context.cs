using System.Text.RegularExpressions;

namespace Peninsula.Reading;

/// <summary>Context events and coincidence cues, other actors, attributions, and statements that are not claims.</summary>
internal sealed partial class AssertionReader
{
    private ContextReference? Context(string text, TextSpan clause)
    {
        // Every visit pattern names an official: a clause without one has no visit to look for.
        foreach (var pattern in _k.OfficialNames.MayOccur(text.AsSpan(clause.Start, clause.Length)) ? _visits : [])
        {
            foreach (Match m in pattern.MatchesIn(text, clause))
            {
                if (Cue(text, clause.Start, m.Index) is { } cue)
                {
                    var official = _k.Officials.Where(o => Names(o).Contains(m.Groups["who"].Value, StringComparer.OrdinalIgnoreCase)).ToList();
                    return new ContextReference(
                        new TextSpan(cue.Start, m.Index + m.Length), cue.Relation, cue.Days, official.FirstOrDefault(), official.Count > 1 ? official[0].Office : null,
                        PlaceActor(m.Groups["place"].Value), null, m.Value);
                }
            }
        }

        foreach (Match m in NameList.MayContain(text.AsSpan(clause.Start, clause.Length), "secretary") ? _officeVisit.MatchesIn(text, clause) : [])
        {
            if (Cue(text, clause.Start, m.Index) is { } cue)
            {
                var office = m.Groups["office"].Value.Contains("State", StringComparison.OrdinalIgnoreCase) ? "us-secretary-of-state" : "us-secretary-of-defense";
                return new ContextReference(new TextSpan(cue.Start, m.Index + m.Length), cue.Relation, cue.Days, null, office, PlaceActor(m.Groups["place"].Value), null, m.Value);
            }
        }

        foreach (var phrase in _k.ContextPhrases)
        {
            foreach (Match m in phrase.Pattern.MatchesIn(text, clause))
            {
                if (Cue(text, clause.Start, m.Index) is { } cue)
                {
                    return new ContextReference(new TextSpan(cue.Start, m.Index + m.Length), cue.Relation, cue.Days, null, null, null, phrase, m.Value);
                }
            }
        }

        return null;
    }

    /// <summary>The coincidence cue ("during", "ahead of") right before a context reference, skipping an article.</summary>
    private (int Start, string Relation, int Days)? Cue(string text, int clauseStart, int at)
    {
        var before = text[clauseStart..at];
        var article = _trailingArticle.Match(before);
        if (article.Success)
        {
            before = before[..article.Index];
        }

        foreach (var cue in _k.Coincidences)
        {
            var m = cue.Pattern.Match(before);
            if (m.Success)
            {
                return (clauseStart + m.Index, cue.Relation, cue.Days);
            }
        }

        return null;
    }

    private string? PlaceActor(string place) =>
        place.Length == 0 ? null
        : _k.Places.FirstOrDefault(p => p.Aliases.Prepend(p.Name).Contains(place, StringComparer.OrdinalIgnoreCase))?.Actor;

    private static IEnumerable<string> Names(Official o) => o.Aliases.Prepend(o.Name);

    private bool AboutAnotherActor(string text, int clauseStart, int verbStart)
    {
        var head = text[clauseStart..verbStart];
        // "According to Japan's Defense Ministry, the missile flew ...": a source, not the actor.
        var other = _otherActor.Matches(head).Concat(SouthKoreanForces().Matches(head)).OrderBy(m => m.Index)
            .LastOrDefault(m => !head[..m.Index].TrimEnd().EndsWith("according to", StringComparison.OrdinalIgnoreCase));
        if (other is null)
        {
            return false;
        }

        // "South Korea's military said North Korea fired ..." is about North Korea; so is a source
        // reporting what was fired: "South Korean officials say the projectiles were launched Monday",
        // "The South Korean news agency Yonhap said the missiles fired Monday ..." (VOA, 2016-03-21 and
        // 2014-03-03).
        var after = head[(other.Index + other.Length)..];
        return !_k.Cue("subject").IsMatch(after) && !SourceReportsWhatWasFired().IsMatch(after);
    }

    [GeneratedRegex(@"^\s*(?:[\w'’.-]+\s+){0,4}?(?:said|says|say|reported|reports|told\s+\w+)\s+(?:that\s+)?the\s+(?:missiles?|projectiles?|rockets?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceReportsWhatWasFired();

    /// <summary>The verbs <see cref="OwnAnnouncement"/> needs, found by a plain search first: most sentences have none.</summary>
    private static readonly string[] AnnouncingWords = ["announc", "said", "says", "claim", "report", "boast", "tout"];

    /// <summary>Whether a sentence has a verb of announcing, without running the pattern.</summary>
    internal static bool Announces(ReadOnlySpan<char> sentence)
    {
        foreach (var word in AnnouncingWords)
        {
            if (sentence.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private string? Attribution(string text, TextSpan sentence)
    {
        var org = _k.OrganisationNames.Match(text, sentence.Start, sentence.Length);
        if (!org.Success || !_reporting.Match(text, sentence.Start, sentence.Length).Success)
        {
            return null;
        }

        return _k.Organisations.FirstOrDefault(o => o.Aliases.Prepend(o.Name).Contains(org.Value, StringComparer.OrdinalIgnoreCase))?.Name ?? org.Value;
    }

    private StatementType? Statement(string text, TextSpan sentence, bool namesAnEvent)
    {
        var aboutNorthKorea = namesAnEvent || First(_k.Cue("subject"), text, sentence) is not null;
        if (!aboutNorthKorea)
        {
            return null;
        }

        return First(_k.Cue("opinion"), text, sentence) is not null ? StatementType.Opinion
            : First(_k.Cue("modal"), text, sentence) is not null ? StatementType.Intention
            : First(_k.Cue("habitual"), text, sentence) is not null ? StatementType.Generalisation
            : null;
    }

    /// <summary>
    /// How the clause puts its event: a question; North Korea's own announcement reported
    /// ("KCNA said", "North Korea announced"), which asserts the announcement, not the event; a
    /// possibility about the past ("there is the possibility that North Korea went ahead with a
    /// nuclear test"); else asserted. A speaker's hedge about his own information ("it appears",
    /// "is believed") still asserts.
    /// </summary>
    private Modality Modality(string? attribution, bool question, bool announced, bool possible)
    {
        if (question)
        {
            return Reading.Modality.Question;
        }

        if (possible)
        {
            return Reading.Modality.Hypothetical;
        }

        return (attribution is { } org && _k.Organisations.Any(o => o.Name == org && o.Actor == "DPRK")) || announced
            ? Reading.Modality.Attributed
            : Reading.Modality.Asserted;
    }

    /// <summary>South Korea's forces by the name its allies' texts use: "The ROK military is analyzing what type of projectile was fired".</summary>
    [GeneratedRegex(@"\b(?:the\s+)?ROK(?:['’]s)?\s+(?:military|forces|Joint\s+Chiefs|JCS|army|navy)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SouthKoreanForces();

    /// <summary>
    /// Words that make a clause say only that something may have happened: "the possibility that",
    /// "may have"; and, in news, a report not yet confirmed: "in what would be Pyongyang's first
    /// launches in about a year", "which would be Pyongyang's first missile test since July 2020",
    /// "The launches, if confirmed, came days after ..." (VOA, 2021-03-23).
    /// </summary>
    [GeneratedRegex(@"\b(?:possibility\s+that|possible\s+that|may\s+have|might\s+have|could\s+have|(?:which|what)\s+would\s+be|if\s+confirmed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Possibility();

    [GeneratedRegex(@"\b(?:North\s+Korea(?:'s|’s)?|Pyongyang(?:'s|’s)?|the\s+North(?:'s|’s)?|DPRK(?:'s|’s)?|(?:its\s+|the\s+)?state(?:-run)?\s+media|KCNA|Rodong\s+Sinmun|KCTV)\s+(?:[\w-]+\s+){0,3}?(?:announced|announces|announce|said|says|claimed|claims|claiming|reported|reports|boasted|touted)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex OwnAnnouncement();
}

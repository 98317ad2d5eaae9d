using Peninsula.Events;
using Peninsula.Reading;

namespace Peninsula.Claims;

/// <summary>Claims about weapon systems, superlatives and launch sites, and what unidentified launches leave open.</summary>
internal sealed partial class ClaimChecker
{
    private (ClaimVerdict, string, IEnumerable<string>) SystemClaim(Assertion c, SystemMention system, ArticleAnchor anchor)
    {
        var filter = Filter(c, system);
        var what = What(c, system);
        var known = system.Entries.Count > 0 || Of(c).Any(filter);
        Period window;
        if (c.Period is { } p)
        {
            window = p;
        }
        else if (c.Recent)
        {
            if (!known)
            {
                return (ClaimVerdict.NotEnoughEvidence, $"neither the gazetteer nor the record knows a system called {system.Name}", []);
            }

            return Recency(c, filter, what, anchor);
        }
        else
        {
            window = UpToAnchor(anchor, "up to the article's date");
        }

        var matches = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count > 0)
        {
            return (ClaimVerdict.Supported, $"the record has {Plural(what, matches.Count)} {In(window)}: {Dates(matches)}", Ids(matches));
        }

        if (!known)
        {
            return (ClaimVerdict.NotEnoughEvidence, $"neither the gazetteer nor the record knows a system called {system.Name}", []);
        }

        if (Elsewhere(c, system, window, what) is { } elsewhere)
        {
            return elsewhere;
        }

        var first = Of(c).FirstOrDefault(filter);
        var launches = Of(EventKind.MissileLaunch).Where(e => e.Kind == EventKind.MissileLaunch && window.Touches(e)).ToList();
        var covered = c.Action.Phrase.Complete && window.To <= RecordEnd && window.From >= LaunchesComplete;
        if (covered && first is not null && first.Date > window.To.AddDays(Period.ToleranceDays))
        {
            return (ClaimVerdict.Refuted, $"the record's first {what} is on {first.Date}, after {window.Dates}", Ids(first));
        }

        if (covered && launches.Count == 0 && SilenceRefutes(c))
        {
            return (ClaimVerdict.Refuted, $"the record has no missile launch at all {In(window)}", Ids(Nearest(c, filter, window)));
        }

        if (covered && launches.All(e => e.System is not null))
        {
            // Which system flew is an assessment the sources revise (the "Hwasong-17" of 2022-03-24 was
            // judged a Hwasong-15): the record is not complete for it, so it cannot refute the name.
            return (ClaimVerdict.NotEnoughEvidence,
                $"the record's launches {In(window)} are identified as other systems: {string.Join(", ", launches.Select(e => $"{e.System!.Name} ({e.Date})").Distinct().Take(6))}", Ids(launches));
        }

        return (ClaimVerdict.NotEnoughEvidence,
            covered ? $"no {what} is recorded {In(window)}, but some launches then are not identified" : $"no {what} is recorded {In(window)}, and the record cannot rule it out",
            Ids(launches.Count > 0 ? launches : Nearest(c, filter, window)));
    }

    private (ClaimVerdict, string, IEnumerable<string>) Superlative(Assertion c, ArticleAnchor anchor)
    {
        var at = c.Period?.To ?? anchor.Date ?? (anchor.Year is { } y ? new KoreanDate(y, 12, 31) : RecordEnd);
        var classes = c.Action.Phrase.Classes;
        var holder = _k.Superlatives
            .Where(s => string.Equals(s.Superlative, c.Order?.Superlative, StringComparison.OrdinalIgnoreCase) && (classes.Count == 0 || classes.Contains(s.Class)) && s.Since <= at)
            .MaxBy(s => s.Since);
        if (holder is null)
        {
            return c.Action.System is { } named ? SystemClaim(c, named, anchor)
                : (ClaimVerdict.NotEnoughEvidence, $"the gazetteer does not say which {What(c, null).Replace(" launch", "", StringComparison.Ordinal)} was the {c.Order?.Superlative} as of {at}", []);
        }

        var entry = _k.Systems.First(s => s.Id == holder.SystemId);
        if (c.Action.System is { } mentioned && !mentioned.Entries.Any(e => e.Id == entry.Id))
        {
            return (ClaimVerdict.Refuted, $"the {c.Order?.Superlative} as of {at} is the {entry.Name} (gazetteer), not the {mentioned.Name}", Ids(Of(c).LastOrDefault(Filter(c, new SystemMention(entry.Name, [entry])))));
        }

        var (verdict, reason, evidence) = SystemClaim(c, new SystemMention(entry.Name, [entry]), anchor);
        return (verdict, $"the {c.Order?.Superlative} {Kind(c).Replace(" launch", "", StringComparison.Ordinal)} as of {at} is the {entry.Name} (gazetteer); {reason}", evidence);
    }

    /// <summary>
    /// For a claim that names a site and has no match there: launches then at no known site leave
    /// it open; launches only elsewhere refute it. Null when the claim names no site or nothing
    /// happened anywhere then.
    /// </summary>
    private (ClaimVerdict, string, IEnumerable<string>)? Elsewhere(Assertion c, SystemMention? system, Period window, string what)
    {
        if (c.Site?.Place is not { } place)
        {
            return null;
        }

        var filter = Filter(c with { Site = null }, system);
        var anywhere = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (anywhere.Count == 0)
        {
            return null;
        }

        if (anywhere.Any(e => e.Site is null))
        {
            return (ClaimVerdict.NotEnoughEvidence,
                $"no {what} at {place.Name} is recorded {In(window)}, but the record has such launches then without a site ({Dates(anywhere.Where(e => e.Site is null))})", Ids(anywhere));
        }

        var sites = string.Join(", ", anywhere.Select(e => e.Site!.Name).Distinct());
        // Sites are named by the nearest town or base, differently by each source ("near Kusong" is
        // Panghyon airbase): the record is not complete for them, so a site never refutes.
        return (ClaimVerdict.NotEnoughEvidence,
            $"the record's {(anywhere.Count == 1 ? what : Plural(what, anywhere.Count))} {In(window)} {(anywhere.Count == 1 ? "was" : "were")} at {sites}, not recorded at {place.Name}; sources name sites differently", Ids(anywhere));
    }

    /// <summary>
    /// Ballistic launches of unknown class in the window: any of them could be the class a claim
    /// names. Not for ICBMs and space launches: the sources identify every one of those (North
    /// Korea announces them and they are tracked to their apogee); shorter-range launches are often
    /// left unidentified.
    /// </summary>
    private IEnumerable<Event> Unidentified(Assertion c, Period window)
    {
        var classes = c.Action.Phrase.Classes;
        if (c.Action.Phrase.Kind != EventKind.MissileLaunch || classes.Count == 0 || classes.Contains("ballistic") || classes.All(k => k is "icbm" or "slv"))
        {
            return [];
        }

        return Of(EventKind.MissileLaunch).Where(e => e.Kind == EventKind.MissileLaunch && e.Class == "unknown" && window.Touches(e));
    }
}

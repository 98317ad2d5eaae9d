using System.Globalization;
using System.Text.RegularExpressions;
using Peninsula.Events;
using Peninsula.Reading;
using Peninsula.Record;

namespace Peninsula.Claims;

/// <summary>
/// Gives each found claim its verdict against a list of events. Refutes only what the record is
/// complete for (ballistic launches since 1984 and nuclear tests), and only up to the record's last
/// date: after that, an absence proves nothing.
/// </summary>
internal sealed partial class ClaimChecker
{
    /// <summary>The missile table starts on 1984-04-09; before 1984 the record is not complete for launches.</summary>
    private static readonly KoreanDate LaunchesComplete = new(1984, 1, 1);

    /// <summary>North Korea's first nuclear test was in 2006; the record of tests is complete from the start.</summary>
    private static readonly KoreanDate NuclearTestsComplete = new(1945, 1, 1);

    private const int MaxEvidence = 12;

    /// <summary>An article reports an event of the last few days: a claim with no time is read as one of these.</summary>
    private const int ReportDays = 3;
    private readonly List<Event> _events;

    /// <summary>The events of each kind, in the order of <see cref="_events"/>: every claim is about one kind.</summary>
    private readonly Dictionary<EventKind, List<Event>> _byKind;

    /// <summary>A pattern per weapon-system name, for the names of events (see <see cref="Filter"/>).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> SystemWords = new(StringComparer.Ordinal);

    private readonly ClaimKnowledge _k;

    public ClaimChecker(IEnumerable<Event> events, ClaimKnowledge knowledge)
    {
        _events = [.. events.OrderBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal)];
        _byKind = _events.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.ToList());
        _k = knowledge;
        RecordEnd = BundledRecord.CoverageEndOf(_events);
    }

    /// <summary>The events of the claim's kind, in date order: the only ones its filter can accept.</summary>
    private List<Event> Of(Assertion c) => Of(c.Action.Phrase.Kind);

    private List<Event> Of(EventKind kind) => _byKind.TryGetValue(kind, out var events) ? events : [];

    /// <summary>The last Korean date the record covers: the bundled record's end, or a later imported North Korean action.</summary>
    public KoreanDate RecordEnd { get; }

    /// <summary>
    /// Checks one assertion facet by facet: supported only when every facet it states matches the
    /// record; refuted only when a facet is contradicted by a part of the record complete for it and
    /// the claim's time and class are explicit; otherwise not enough evidence, naming the facet.
    /// </summary>
    public CheckedClaim Check(Assertion c, string text, ArticleAnchor anchor)
    {
        var facets = Facets(c, anchor);
        var verdict = Verdict(facets);
        var deciding = verdict switch
        {
            ClaimVerdict.Refuted => facets.First(f => f.Result == FacetResult.Contradicted),
            ClaimVerdict.NotEnoughEvidence => facets.First(f => f.Result == FacetResult.Undecided),
            _ => facets.First(f => f.Facet == FacetName(c.Type())),
        };
        var reason = verdict == ClaimVerdict.NotEnoughEvidence && facets.Count > 1 ? $"{deciding.Facet} undecided: {deciding.Record}" : deciding.Record;
        var evidence = deciding.Evidence.Concat(facets.SelectMany(f => f.Evidence)).Distinct().Take(MaxEvidence).ToList();
        return new CheckedClaim(
            text[c.Span.Start..c.Span.End], c.Span.Start, c.Span.End, c.Type(), c.Action.Kind, verdict, reason,
            evidence, c.Period?.Dates, c.AttributedTo, facets)
        { Time = c.Time };
    }

    /// <summary>The verdict alone, as <see cref="Check"/> gives it (for the anchor of an undated article).</summary>
    public (ClaimVerdict Verdict, IReadOnlyList<string> Evidence) Judge(Assertion c, ArticleAnchor anchor)
    {
        var facets = Facets(c, anchor);
        return (Verdict(facets), [.. facets.SelectMany(f => f.Evidence).Distinct()]);
    }

    /// <summary>A contradicted facet refutes; else an undecided one leaves the claim open; else it is supported.</summary>
    private static ClaimVerdict Verdict(List<FacetCheck> facets) =>
        facets.Any(f => f.Result == FacetResult.Contradicted) ? ClaimVerdict.Refuted
        : facets.Any(f => f.Result == FacetResult.Undecided) ? ClaimVerdict.NotEnoughEvidence
        : ClaimVerdict.Supported;

    /// <summary>Every facet the assertion states, each compared with the record, the one its type rests on first.</summary>
    private List<FacetCheck> Facets(Assertion c, ArticleAnchor anchor)
    {
        var facets = new List<FacetCheck>();
        var type = c.Type();
        if (c is { UnknownContext: { } context, Period: null } && type is ClaimType.Event or ClaimType.Recency)
        {
            // "hours after Trump's election victory": without the context's date, the claim's time is unknown.
            var filter = Filter(c, null);
            var until = UpToAnchor(anchor, "").To;
            facets.Add(Facet("context", context, (ClaimVerdict.NotEnoughEvidence, $"the claim is tied to '{context}', which the record cannot place in time",
                Ids(Of(c).LastOrDefault(e => filter(e) && e.Date <= until)))));
            return facets;
        }

        var main = Judged(c, anchor);
        if (main.Verdict == ClaimVerdict.Refuted && c.Period is null && type is ClaimType.Event or ClaimType.Count or ClaimType.System or ClaimType.Superlative)
        {
            main = (ClaimVerdict.NotEnoughEvidence, $"{main.Reason}; but the claim names no time, so the record cannot refute it", main.Evidence);
        }

        if (main.Verdict == ClaimVerdict.Refuted && c.Unrecorded is { } qualifier && type is ClaimType.First or ClaimType.Ordinal)
        {
            // "the first missile to fly over Japan since 2017": the order is among the launches with
            // a detail the record does not hold, so launches without it cannot contradict it.
            main = (ClaimVerdict.NotEnoughEvidence, $"{main.Reason}; but the order is among launches that '{qualifier.Words}', which the record does not hold", main.Evidence);
        }

        facets.Add(Facet(FacetName(type), Stated(c, type), main));

        // The date on its own, where the type's facet is another: "two ICBMs on March 24" is a date and a count.
        if (type is ClaimType.Count or ClaimType.System or ClaimType.Superlative && c is { Period: { } when, Time.ScopeOnly: false })
        {
            facets.Insert(0, Facet("date", when.Dates, InWindow(c, Filter(c, null), when, What(c, null))));
        }

        var supported = main.Verdict == ClaimVerdict.Supported;
        if (supported && c.Outcome is { } claimed && type is ClaimType.Event or ClaimType.System or ClaimType.Recency or ClaimType.Superlative)
        {
            if (c.Period is { } window)
            {
                facets.Add(Facet("outcome", claimed.Outcome == Outcome.Success ? "success" : "failure", OutcomeOrNot(c, claimed.Outcome, window, main)));
            }
            else if (anchor.Date is { } reported)
            {
                // A time-less claim read as the event the article reports: its outcome is that event's,
                // and with no time of its own it cannot be refuted.
                var outcome = OutcomeOrNot(c, claimed.Outcome, ReportWindow(reported), main);
                facets.Add(Facet("outcome", claimed.Outcome == Outcome.Success ? "success" : "failure",
                    outcome.Verdict == ClaimVerdict.Refuted ? (ClaimVerdict.NotEnoughEvidence, $"{outcome.Reason}; but the claim names no time, so the record cannot refute it", outcome.Evidence) : outcome));
            }
        }

        if (supported && c.Site is { } named && type != ClaimType.Absence)
        {
            // The site was one of the conditions the evidence met; say where the record puts it.
            var sites = string.Join(", ", Matched(c, main.Evidence).Select(e => e.Site!.Name).Distinct());
            facets.Add(new FacetCheck("site", named.Place.Name, FacetResult.Matches,
                named.Near ? $"the record's launch is at {sites}, within {NearKm:0} km of {named.Place.Name}" : $"the record's launch is at {sites}", [.. main.Evidence]));
        }

        if (supported && c is { Action.FromSubmarine: true, Period: { } when2 } && type is ClaimType.Event or ClaimType.System or ClaimType.Recency or ClaimType.Superlative)
        {
            facets.Add(Facet("platform", "submarine", SubmarineOrNot(c, when2, main)));
        }

        if (supported && c is { Order.Latest: true, Period: { } period } && type != ClaimType.Absence)
        {
            facets.Add(Facet("latest", period.Dates, LatestOrNot(c, period, anchor, main)));
        }

        if (supported && c.Distance is { } distance)
        {
            facets.Add(DistanceFacet(c, distance.Km, main.Evidence));
        }

        if (supported && c.Height is { } height)
        {
            facets.Add(HeightFacet(c, height.Km, main.Evidence));
        }

        if (supported && c is { Count: null, StatedCount: { } stated })
        {
            facets.Add(StatedCountFacet(c, stated, main.Evidence));
        }

        if (supported && c.Landing is { } landing)
        {
            facets.Add(LandingFacet(c, landing, main.Evidence));
        }

        if (c.Coverage is { Left.Count: > 0 } coverage)
        {
            facets.Add(UnexplainedFacet(c, coverage, supported ? main.Evidence : []));
        }

        if (c.Unrecorded is { } detail)
        {
            facets.Add(new FacetCheck("detail", detail.Words, FacetResult.Undecided, $"the record does not hold details such as '{detail.Words}'", []));
        }

        if (c.Time is { Period: not null, Doubt: { } doubt })
        {
            // The record refutes on a date only when the date was read with certainty: a year the
            // sentence states, a day whose year the article's date fixes, a day counted in Korea's
            // clock. A Washington writer's "Tuesday", a "January 6" that may be another year's, "last
            // week", or the date of another event in the same clause may each put the claim on a day
            // the record has nothing on, and the claim is left open instead.
            for (var i = 0; i < facets.Count; i++)
            {
                if (facets[i].Result == FacetResult.Contradicted)
                {
                    facets[i] = facets[i] with { Result = FacetResult.Undecided, Record = $"{facets[i].Record}; but {doubt}, so the record cannot refute it on that date" };
                }
            }
        }

        if (c.Modality == Modality.Hypothetical)
        {
            // "which would be Pyongyang's first missile test since July 2020" (VOA, 2021-03-23): what
            // may be so is not contradicted by a record that differs, only left open.
            for (var i = 0; i < facets.Count; i++)
            {
                if (facets[i].Result == FacetResult.Contradicted)
                {
                    facets[i] = facets[i] with { Result = FacetResult.Undecided, Record = $"{facets[i].Record}; but the sentence says only that it may be so, which the record cannot refute" };
                }
            }

            facets.Add(new FacetCheck("modality", "possibility", FacetResult.Undecided, "the sentence says only that it may have happened", []));
        }
        else if (c.Modality == Modality.Attributed)
        {
            // "North Korea announced ...": the sentence asserts the announcement, so the record cannot
            // refute it; nor can it confirm a success announced of the event, which is one side's
            // claim. An announced failure ("North Korea announced that the satellite launch failed",
            // "according to the U.S. Forces, ... it ended in failure") is no such claim: where the
            // record's sources found the same, the outcome stands.
            var who = c.AttributedTo ?? "North Korea";
            var announced = $"the sentence reports that {who} announced the outcome; the record's outcomes are the sources' assessments";
            if (c.Outcome is { } announcedOutcome && !facets.Any(f => f.Facet == "outcome"))
            {
                facets.Add(new FacetCheck("outcome", announcedOutcome.Outcome == Outcome.Success ? "success" : "failure", FacetResult.Undecided, announced, []));
            }

            for (var i = 0; i < facets.Count; i++)
            {
                if (facets[i] is { Facet: "outcome", Result: FacetResult.Matches } && c.Outcome?.Outcome != Outcome.Failure)
                {
                    facets[i] = facets[i] with { Result = FacetResult.Undecided, Record = announced };
                }
                else if (facets[i].Result == FacetResult.Contradicted)
                {
                    facets[i] = facets[i] with { Result = FacetResult.Undecided, Record = $"{facets[i].Record}; but the sentence reports what {who} announced, which the record cannot refute" };
                }
            }
        }

        return facets;
    }

    /// <summary>
    /// A number of missiles stated beside the claim, compared with the number fired on each day of the
    /// matched launches: matches where one day's number is it, undecided otherwise (a number stated in
    /// passing is never the ground of a refutation, and the record lacks many numbers).
    /// </summary>
    private FacetCheck StatedCountFacet(Assertion c, AssertedCount stated, IEnumerable<string> matched)
    {
        var words = $"{(stated.AtLeast ? "at least " : "")}{stated.Value.ToString(CultureInfo.InvariantCulture)} fired";
        var days = FiredByDay(Matched(c, matched).Where(e => e.Kind == EventKind.MissileLaunch));
        var ids = Matched(c, matched).Select(e => e.Id).ToList();
        if (days.Any(d => d.Fired is { } f && (f == stated.Value || (stated.AtLeast && f >= stated.Value))))
        {
            return new FacetCheck("count", words, FacetResult.Matches, $"the record has {FiredOn(days)}", ids);
        }

        return days.Any(d => d.Fired is not null)
            ? new FacetCheck("count", words, FacetResult.Undecided, $"the record has {FiredOn(days)}", ids)
            : new FacetCheck("count", words, FacetResult.Undecided, "the record gives no number fired for this launch", ids);
    }

    /// <summary>
    /// The sea the sentence says the missile came down in, compared with the landing area the record
    /// gives for the matched launches (their figures' landing area, sea-of-japan from the missile
    /// table's landing column, read as the words "sea of japan"). "The sea" matches any sea.
    /// Undecided, never refuted, where the record gives another sea or none: landing areas are estimates.
    /// </summary>
    private FacetCheck LandingFacet(Assertion c, AssertedLanding landing, IEnumerable<string> matched)
    {
        var launches = Matched(c, matched).ToList();
        var stated = landing.Area ?? "the sea";
        var known = launches.Select(e => (Event: e, Area: e.Figures.LandingArea?.Replace('-', ' '))).Where(l => l.Area is not null).ToList();
        var same = known.Where(l => landing.Area is null ? l.Area!.Contains("sea", StringComparison.Ordinal) || l.Area!.Contains("ocean", StringComparison.Ordinal) : l.Area == landing.Area).ToList();
        string Areas(IEnumerable<(Event Event, string? Area)> areas) => string.Join(", ", areas.Select(l => $"{l.Area} ({l.Event.Date})").Distinct());
        return same.Count > 0
            ? new FacetCheck("landing", stated, FacetResult.Matches, $"the record gives {Areas(same)}", [.. same.Select(l => l.Event.Id)])
            : known.Count > 0
                ? new FacetCheck("landing", stated, FacetResult.Undecided, $"the record gives {Areas(known)}; landing areas are estimates the record is not complete for", [.. known.Select(l => l.Event.Id)])
                : new FacetCheck("landing", stated, FacetResult.Undecided, "the record gives no landing area for this launch", [.. launches.Select(e => e.Id)]);
    }

    /// <summary>
    /// What the clause says of the event that no facet explains ("capable of reaching the state of
    /// Alaska"): the record says nothing of it, so the claim is at most not-enough-evidence.
    /// </summary>
    private FacetCheck UnexplainedFacet(Assertion c, PredicateCoverage coverage, IEnumerable<string> matched)
    {
        var words = string.Join("', '", coverage.Left.Select(d => d.Words));
        var launches = Matched(c, matched).ToList();
        var what = launches.Count > 0
            ? $"the record has {launches[0].Title.ToLowerInvariant()} on {launches[0].Date} but says nothing of '{words}'"
            : $"the record says nothing of '{words}'";
        return new FacetCheck("detail", words, FacetResult.Undecided, what, [.. launches.Select(e => e.Id)]);
    }

    /// <summary>
    /// "Flew approximately 1,000 km": the distance the record gives for the launches the claim's
    /// other facets matched, within a fifth either way (the figures are estimates). Distances are not
    /// a part of the record complete for them, so one that differs leaves the claim undecided.
    /// </summary>
    private FacetCheck DistanceFacet(Assertion c, double km, IEnumerable<string> matched)
    {
        var launches = Matched(c, matched).ToList();
        var stated = $"{km.ToString("#,0", CultureInfo.InvariantCulture)} km";
        var ranges = launches.Where(e => e.Figures.RangeKm is not null).ToList();
        var near = ranges.Where(e => Math.Abs(e.Figures.RangeKm!.Value - km) <= Math.Max(50, km / 5)).ToList();
        string Ranges(IEnumerable<Event> events) => string.Join(", ", events.Select(e => $"{e.Figures.RangeKm!.Value.ToString("#,0", CultureInfo.InvariantCulture)} km ({e.Date})").Distinct());
        return near.Count > 0
            ? new FacetCheck("distance", stated, FacetResult.Matches, $"the record gives {Ranges(near)}", [.. near.Select(e => e.Id)])
            : ranges.Count > 0
                ? new FacetCheck("distance", stated, FacetResult.Undecided, $"the record gives {Ranges(ranges)}; distances are estimates the record is not complete for", [.. ranges.Select(e => e.Id)])
                : new FacetCheck("distance", stated, FacetResult.Undecided, "the record gives no distance for this launch", [.. launches.Select(e => e.Id)]);
    }

    /// <summary>
    /// "Reached a height of 120 kilometers": a missile that went higher also reached it, so the
    /// height matches an apogee the record gives at least four fifths of (the figures are estimates).
    /// A lower apogee, or none (the failed Unha-3 of 2012-04-13 has none), leaves the claim
    /// undecided; apogees are not a part of the record complete for them.
    /// </summary>
    private FacetCheck HeightFacet(Assertion c, double km, IEnumerable<string> matched)
    {
        var launches = Matched(c, matched).ToList();
        var stated = $"{km.ToString("#,0", CultureInfo.InvariantCulture)} km";
        var known = launches.Where(e => e.Figures.ApogeeKm is not null).ToList();
        var reached = known.Where(e => e.Figures.ApogeeKm!.Value >= 0.8 * km).ToList();
        string Apogees(IEnumerable<Event> events) => string.Join(", ", events.Select(e => $"{e.Figures.ApogeeKm!.Value.ToString("#,0", CultureInfo.InvariantCulture)} km ({e.Date})").Distinct());
        return reached.Count > 0
            ? new FacetCheck("height", stated, FacetResult.Matches, $"the record gives an apogee of {Apogees(reached)}", [.. reached.Select(e => e.Id)])
            : known.Count > 0
                ? new FacetCheck("height", stated, FacetResult.Undecided, $"the record gives an apogee of {Apogees(known)}; apogees are estimates the record is not complete for", [.. known.Select(e => e.Id)])
                : new FacetCheck("height", stated, FacetResult.Undecided, "the record gives no apogee for this launch", [.. launches.Select(e => e.Id)]);
    }

    /// <summary>A facet's result: what the rule for it concluded.</summary>
    private static FacetCheck Facet(string name, string stated, (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) judged) =>
        new(name, stated, judged.Verdict switch
        {
            ClaimVerdict.Supported => FacetResult.Matches,
            ClaimVerdict.Refuted => FacetResult.Contradicted,
            _ => FacetResult.Undecided,
        }, judged.Reason, [.. judged.Evidence.Distinct().Take(MaxEvidence)]);

    /// <summary>Why a time the claim names could not be placed: a written date that names no real day, or a day or month with no year known.</summary>
    private static string Unplaced(string time) =>
        time.Length > 0 && char.IsDigit(time[0])
            ? $"the date '{time}' names no real day, so the claim's time could not be read"
            : $"the article does not say which year '{time}' is, and no publication date was given";

    private static string FacetName(ClaimType type) => type switch
    {
        ClaimType.Event => "date",
        _ => type.Slug(),
    };

    private static string Stated(Assertion c, ClaimType type) => type switch
    {
        ClaimType.Count => (c.Count!.AtLeast ? "at least " : "") + c.Count.Value.ToString(CultureInfo.InvariantCulture),
        ClaimType.Ordinal or ClaimType.First => Ordinal(c.Order!.Ordinal!.Value) + (c.Order.WithinYear is { } y ? $" of {y}" : ""),
        ClaimType.System => c.Action.System!.Name,
        ClaimType.Superlative => c.Order!.Superlative!,
        ClaimType.Coincidence => c.Context!.Label,
        ClaimType.Absence => c.Period?.Dates ?? "ever",
        ClaimType.Recency => "recently",
        _ => c.Period?.Dates ?? c.Time?.Unresolved ?? "no time given",
    };

    private static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };

    /// <summary>
    /// "A Hwasong-18 from a submarine in 2023": the record has the launches, but the claim also says
    /// they were submarine-launched. Launches then of another known class refute it; launches of
    /// unknown class leave it open.
    /// </summary>
    private (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) SubmarineOrNot(
        Assertion c, Period window, (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) judged)
    {
        var filter = Filter(c, c.Action.System);
        var matches = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count == 0 || matches.Any(e => e.Class == "slbm"))
        {
            return judged;
        }

        var what = What(c, c.Action.System);
        var classes = string.Join(", ", matches.Select(e => e.Class ?? "unknown").Distinct());
        return c.Action.Phrase.Complete && matches.All(e => e.Class is not null and not "unknown")
            ? (ClaimVerdict.Refuted, $"the record has {Plural(what, matches.Count)} {In(window)} ({Dates(matches)}), none from a submarine (class {classes})", Ids(matches))
            : (ClaimVerdict.NotEnoughEvidence, $"the record has {Plural(what, matches.Count)} {In(window)} ({Dates(matches)}), but not whether one was fired from a submarine", Ids(matches));
    }

    /// <summary>
    /// "Put a satellite into orbit on May 31, 2023": the record has the launch, but the claim also
    /// says it worked. Launches then that the sources report as the other outcome refute it; launches
    /// whose outcome is not reported leave it open.
    /// </summary>
    private (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) OutcomeOrNot(
        Assertion c, Outcome claimed, Period window, (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) judged)
    {
        var filter = Filter(c, c.Action.System);
        var matches = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count == 0 || matches.Any(e => e.Outcome == claimed))
        {
            return judged;
        }

        var what = What(c, c.Action.System);
        var other = claimed == Outcome.Success ? "failed" : "succeeded";
        return matches.All(e => e.Outcome is Outcome.Success or Outcome.Failure)
            ? (ClaimVerdict.Refuted, $"the record has {Plural(what, matches.Count)} {In(window)} ({Dates(matches)}), but the sources report that {(matches.Count == 1 ? "it" : "they")} {other}", Ids(matches))
            : (ClaimVerdict.NotEnoughEvidence, $"the record has {Plural(what, matches.Count)} {In(window)} ({Dates(matches)}), but not whether {(matches.Count == 1 ? "it" : "they")} {(claimed == Outcome.Success ? "succeeded" : "failed")}", Ids(matches));
    }

    /// <summary>
    /// "Last launched an ICBM in 2022", "its most recent test, in 2016": the record has one then, but
    /// the claim also says none came later. A later one up to the article's date refutes it where the
    /// record is complete; without a date the article may predate the later one, and the record cannot decide.
    /// </summary>
    private (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) LatestOrNot(
        Assertion c, Period period, ArticleAnchor anchor, (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) judged)
    {
        var filter = Filter(c, c.Action.System);
        var what = What(c, c.Action.System);
        var after = period.To.AddDays(Period.ToleranceDays);
        var later = Of(c).Where(e => filter(e) && e.Date > after && (anchor.Date is not { } a || e.Date <= a)).ToList();
        if (later.Count == 0)
        {
            return judged;
        }

        if (anchor.Date is not { } date)
        {
            return (ClaimVerdict.NotEnoughEvidence,
                $"the record has {A(what)} {In(period)}, but a later one on {later[0].Date}; the article gives no date, so it may have been written before that", Ids(later[0]));
        }

        return c.Action.Phrase.Complete && date <= RecordEnd
            ? (ClaimVerdict.Refuted, $"the claim says it was the latest, but the record's latest {what} up to {date} is on {later[^1].Date}, after {period.Dates}", Ids(later[^1]))
            : (ClaimVerdict.NotEnoughEvidence, $"the record has a later {what} on {later[^1].Date}, up to {date}, and it may not be complete", Ids(later[^1]));
    }

    private (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) Judged(Assertion c, ArticleAnchor anchor) =>
        c.Type() switch
        {
            ClaimType.Absence => Absence(c, anchor),
            ClaimType.Coincidence => Coincidence(c, anchor),
            ClaimType.Ordinal or ClaimType.First => Ordinal(c, anchor),
            ClaimType.Superlative => Superlative(c, anchor),
            ClaimType.System => SystemClaim(c, c.Action.System!, anchor),
            ClaimType.Count => Count(c, anchor),
            ClaimType.Recency => Recency(c, Filter(c, null), What(c, null), anchor),
            _ => Plain(c, anchor),
        };

    /// <summary>Context events that a coincidence claim names, for the anchor of an undated article.</summary>
    public IReadOnlyList<Event> ContextEvents(ContextReference reference) =>
        [.. Of(reference.Phrase?.Kind ?? EventKind.DiplomaticVisit).Where(e => IsContext(e, reference))];

    private (ClaimVerdict, string, IEnumerable<string>) Plain(Assertion c, ArticleAnchor anchor)
    {
        if (c.Period is { } period)
        {
            return InWindow(c, Filter(c, null), period, What(c, null));
        }

        if (c.Time?.Unresolved is { } time)
        {
            var latest = Of(c).LastOrDefault(Filter(c, null));
            return (ClaimVerdict.NotEnoughEvidence, Unplaced(time), Ids(latest));
        }

        if (anchor.Date is { } date)
        {
            // A dated article that says "North Korea launched a missile", "this launch", without a
            // time, means the event it reports: the days up to its date, not ever.
            var reported = ReportWindow(date);
            var filter = Filter(c, null);
            var what = What(c, null);
            var matches = Of(c).Where(e => filter(e) && reported.Touches(e)).ToList();
            if (matches.Count > 0)
            {
                return (ClaimVerdict.Supported, $"the claim gives no time, so it is read as the event the article reports: the record has {Plural(what, matches.Count)} in the {ReportDays} days up to the article's date {date}: {Dates(matches)}", Ids(matches));
            }

            var before = Of(c).LastOrDefault(e => filter(e) && e.Date < reported.From);
            return (ClaimVerdict.NotEnoughEvidence,
                $"the claim gives no time, and the record has no {what} in the {ReportDays} days up to the article's date {date}{(before is null ? "" : $"; the one before is on {before.Date}")}", Ids(before));
        }

        return InWindow(c, Filter(c, null), UpToAnchor(anchor, "up to the article's date"), What(c, null));
    }

    private (ClaimVerdict, string, IEnumerable<string>) InWindow(Assertion c, Func<Event, bool> filter, Period window, string what)
    {
        var matches = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count > 0)
        {
            return (ClaimVerdict.Supported, $"the record has {Plural(what, matches.Count)} {In(window)}: {Dates(matches)}", Ids(matches));
        }

        return Absent(c, filter, window, what);
    }

    /// <summary>The verdict when the record has nothing in the window: refuted where it is complete, else not enough evidence.</summary>
    private (ClaimVerdict, string, IEnumerable<string>) Absent(Assertion c, Func<Event, bool> filter, Period window, string what)
    {
        var nearest = Nearest(c, filter, window).ToList();
        var around = nearest.Count == 0 ? "" : $"; the nearest in the record: {Dates(nearest)}";
        if (!c.Action.Phrase.Complete)
        {
            return (ClaimVerdict.NotEnoughEvidence, $"no {what} is recorded {In(window)}, but the record is not complete for {Many(Kind(c))}{around}", Ids(nearest));
        }

        if (window.To > RecordEnd)
        {
            return (ClaimVerdict.NotEnoughEvidence, $"no {what} is recorded {In(window)}, but the record ends on {RecordEnd}{around}", Ids(nearest));
        }

        if (window.From < CompleteFrom(c))
        {
            return (ClaimVerdict.NotEnoughEvidence, $"the record is complete for {Many(Kind(c))} only from {CompleteFrom(c).Year}{around}", Ids(nearest));
        }

        if (Elsewhere(c, null, window, what) is { } elsewhere)
        {
            return elsewhere;
        }

        var unidentified = Unidentified(c, window).ToList();
        if (unidentified.Count > 0)
        {
            return (ClaimVerdict.NotEnoughEvidence, $"no {what} is recorded {In(window)}, but the record has an unidentified ballistic launch then ({Dates(unidentified)})", Ids(unidentified));
        }

        if (!SilenceRefutes(c))
        {
            return (ClaimVerdict.NotEnoughEvidence, $"no {what} is recorded {In(window)}, but the record may lack a launch of this kind: it holds in full only nuclear tests, ICBMs and space launches{around}", Ids(nearest));
        }

        return (ClaimVerdict.Refuted, $"the record has no {what} {In(window)}{around}", Ids(nearest));
    }

    private static Period? RecentWindowOf(ArticleAnchor anchor, int days)
    {
        var end = anchor.Date ?? (anchor.Year is { } y ? new KoreanDate(y, 12, 31) : (KoreanDate?)null);
        return end is { } e ? new Period(e.AddDays(-days), e, $"in the {days} days up to {e}") : null;
    }

    private Period? RecentWindow(ArticleAnchor anchor) => RecentWindowOf(anchor, _k.RecencyDays);

    /// <summary>The days a dated article reports on: the <see cref="ReportDays"/> days up to its date, where a time-less claim is placed.</summary>
    private static Period ReportWindow(KoreanDate published) => new(published.AddDays(-ReportDays), published, "the days of the article's report");

    private Period UpToAnchor(ArticleAnchor anchor, string label)
    {
        var end = anchor.Date ?? (anchor.Year is { } y ? new KoreanDate(y, 12, 31) : RecordEnd);
        return new Period(new KoreanDate(1945, 1, 1), end, label);
    }

    /// <summary>
    /// Whether the record's silence about the claim's event refutes it: a refutation needs the record
    /// to hold the event and disagree on a facet, or the event to be of a class the record holds in
    /// full. Those are nuclear tests (all six, data/context/nuclear-tests.csv), ICBMs and space launches
    /// (North Korea announces them and every source tracks them; none is unidentified in the record).
    /// Shorter-range ballistic launches are not: the CNS table and the provocation table miss some
    /// (the unconfirmed launches of 2021-03-21, salvos reported only as a day), and a launch of
    /// unstated type may be one of them.
    /// </summary>
    private static bool SilenceRefutes(Assertion c) =>
        c.Action.Phrase.Kind == EventKind.NuclearTest
        || (c.Action.Phrase.Kind == EventKind.MissileLaunch
            && ((c.Action.Phrase.Classes.Count > 0 && c.Action.Phrase.Classes.All(k => k is "icbm" or "slv"))
                || (c.Action.System is { Entries.Count: > 0 } named && named.Entries.All(e => e.Class is "icbm" or "slv"))));

    private static KoreanDate CompleteFrom(Assertion c) => c.Action.Phrase.Kind == EventKind.NuclearTest ? NuclearTestsComplete : LaunchesComplete;

    /// <summary>Which events a claim is about: its kind, its classes and, if named, its weapon system.</summary>
    private static Func<Event, bool> Filter(Assertion c, SystemMention? system)
    {
        var phrase = c.Action.Phrase;
        var ballistic = phrase.Classes.Contains("ballistic");
        // "KN-23" also names the rail-mobile and silo-based KN-23: a whole-word match in any of the event's names.
        var word = system is null ? null : SystemWords.GetOrAdd(system.Name, name => new Regex($@"(?<![\w-]){Regex.Escape(name)}(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        var site = c.Site;
        var actor = c.Action.Actor;
        return e => e.Kind == phrase.Kind
                    && (actor is null || e.Actors.Contains(actor, StringComparer.Ordinal))
                    && (phrase.Classes.Count == 0 || (ballistic ? Taxonomy.IsBallisticLaunch(e) : e.Class is not null && phrase.Classes.Contains(e.Class)))
                    && (system is null || IsSystem(e, system, word!))
                    && (site is null || AtSite(e, site));
    }

    /// <summary>The record's events among the evidence ids, in the record's order.</summary>
    private IEnumerable<Event> Matched(Assertion c, IEnumerable<string> evidence)
    {
        var ids = evidence.ToHashSet(StringComparer.Ordinal);
        return Of(c).Where(e => ids.Contains(e.Id));
    }

    /// <summary>How near a recorded site must lie to a named place to be "near" it, in kilometres.</summary>
    private const double NearKm = 20;

    /// <summary>
    /// Whether the event's site is the place or one of its other names ("Wast Sunan" is at Sunan),
    /// or, for a place named as near ("an area near Kusong"), lies within <see cref="NearKm"/> of it:
    /// that is the record's Panghyon Airbase, 7 km away, as sources name a launch by the nearest
    /// town or by the base.
    /// </summary>
    private static bool AtSite(Event e, AssertedSite named)
    {
        var place = named.Place;
        return e.Site is { } s && (place.Aliases.Prepend(place.Name).Any(n => s.Name.Contains(n, StringComparison.OrdinalIgnoreCase))
                                   || (named.Near && s.Latitude is { } lat && s.Longitude is { } lon && place.Latitude is { } plat && place.Longitude is { } plon
                                       && GreatCircleKm(lat, lon, plat, plon) <= NearKm));
    }

    /// <summary>The distance between two points on the Earth's surface (haversine, mean radius 6,371 km).</summary>
    private static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * 6371 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static bool IsSystem(Event e, SystemMention system, Regex word) =>
        e.System is { } s && (system.Entries.Any(entry => entry.Id == s.Id) || s.Aliases.Prepend(s.Name).Any(word.IsMatch));

    private IEnumerable<Event> Nearest(Assertion c, Func<Event, bool> filter, Period window)
    {
        var before = Of(c).LastOrDefault(e => filter(e) && e.LastDate < window.From);
        var after = Of(c).FirstOrDefault(e => filter(e) && e.Date > window.To);
        return new[] { before, after }.OfType<Event>();
    }

    private static string What(Assertion c, SystemMention? system)
    {
        var kind = Kind(c);
        return system is null ? kind : $"{(system.Entries.Count > 0 ? system.Entries[0].Name : system.Name)} launch";
    }

    private static string Kind(Assertion c)
    {
        var classes = c.Action.Phrase.Classes;
        if (c.Action.Phrase.Kind == EventKind.Talks)
        {
            return "round of talks";
        }

        if (c.Action.Phrase.Kind != EventKind.MissileLaunch)
        {
            return c.Action.Phrase.Kind.Slug().Replace('-', ' ');
        }

        return classes.Count == 0 ? "missile launch"
            : classes.Contains("ballistic") ? "ballistic missile launch"
            : classes.Contains("hgv") ? "hypersonic missile launch"
            : classes[0] switch
            {
                "icbm" => "ICBM launch",
                "irbm" => "intermediate-range ballistic missile launch",
                "mrbm" => "medium-range ballistic missile launch",
                "srbm" => "short-range ballistic missile launch",
                "crbm" => "close-range ballistic missile launch",
                "slbm" => "submarine-launched ballistic missile launch",
                "cruise" => "cruise missile launch",
                "slv" => "space launch",
                var other => $"{other} launch",
            };
    }

    private static string Many(string what) => what.EndsWith("ch", StringComparison.Ordinal) ? what + "es" : what + "s";

    /// <summary>"a" or "an" before <paramref name="what"/>, by its sound: an ICBM launch, an SLBM launch, a Hwasong-15 launch, an intermediate-range one.</summary>
    private static string A(string what)
    {
        var acronym = what.Length > 1 && char.IsUpper(what[0]) && (char.IsUpper(what[1]) || char.IsDigit(what[1]));
        var vowelSound = acronym ? "AEFHILMNORSX".Contains(what[0], StringComparison.Ordinal) : "aeiouAEIOU".Contains(what[0], StringComparison.Ordinal);
        return (vowelSound ? "an " : "a ") + what;
    }

    private static string Plural(string what, int n) =>
        n == 1 ? A(what) : $"{n.ToString(CultureInfo.InvariantCulture)} {Many(what)}";

    private static string In(Period p)
    {
        if (p.Label is "ever" or "up to the article's date")
        {
            return $"up to {p.To}";
        }

        if (p.From == p.To)
        {
            return $"on {p.From}";
        }

        if (p.From.Date.Day == 1 && p.To.Date.Day == DateTime.DaysInMonth(p.To.Year, p.To.Month) && p.From.Year == p.To.Year)
        {
            if (p.From.Month == 1 && p.To.Month == 12)
            {
                return $"in {p.From.Year}";
            }

            if (p.From.Month == p.To.Month)
            {
                return $"in {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(p.From.Month)} {p.From.Year}";
            }
        }

        return $"between {p.From} and {p.To}";
    }

    private static string Dates(IEnumerable<Event> events)
    {
        var list = events.Select(e => e.Date.ToString()).Distinct().ToList();
        return list.Count <= 6 ? string.Join(", ", list) : $"{list[0]} to {list[^1]}, the latest {string.Join(", ", list.TakeLast(3))}";
    }

    private static IEnumerable<string> Ids(Event? e) => e is null ? [] : [e.Id];

    /// <summary>Evidence ids; of a long list, the latest ones (nearest the article's time).</summary>
    private static IEnumerable<string> Ids(IEnumerable<Event> events)
    {
        var list = events.ToList();
        return (list.Count > MaxEvidence ? list.TakeLast(MaxEvidence) : list).Select(e => e.Id);
    }

    [GeneratedRegex(@"^since \d{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SinceYear();
}

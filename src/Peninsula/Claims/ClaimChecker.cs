using System.Globalization;
using System.Text.RegularExpressions;
using Peninsula.Events;
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
    private readonly List<Event> _events;
    private readonly ClaimKnowledge _k;

    public ClaimChecker(IEnumerable<Event> events, ClaimKnowledge knowledge)
    {
        _events = [.. events.OrderBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal)];
        _k = knowledge;
        var latest = _events.Where(e => Taxonomy.ProvocationKinds.Contains(e.Kind)).Select(e => e.Date).DefaultIfEmpty(BundledRecord.CoverageEnd).Max();
        RecordEnd = latest > BundledRecord.CoverageEnd ? latest : BundledRecord.CoverageEnd;
    }

    /// <summary>The last Korean date the record covers: the bundled record's end, or a later imported North Korean action.</summary>
    public KoreanDate RecordEnd { get; }

    public CheckedClaim Check(FoundClaim c, string text, ArticleAnchor anchor)
    {
        var (verdict, reason, evidence) = Judge(c, anchor);
        return new CheckedClaim(
            text[c.Span.Start..c.Span.End], c.Span.Start, c.Span.End, c.Type, c.Phrase.Kind, verdict, reason,
            [.. evidence.Distinct().Take(MaxEvidence)], c.Period?.Dates, c.AttributedTo);
    }

    public (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) Judge(FoundClaim c, ArticleAnchor anchor)
    {
        if (c is { UnknownContext: { } context, Period: null, Type: ClaimType.Event or ClaimType.Recency })
        {
            // "hours after Trump's election victory": without the context's date, the claim's time is unknown.
            var filter = Filter(c, null);
            var until = UpToAnchor(anchor, "").To;
            return (ClaimVerdict.NotEnoughEvidence, $"the claim is tied to '{context}', which the record cannot place in time",
                Ids(_events.LastOrDefault(e => filter(e) && e.Date <= until)));
        }

        return Judged(c, anchor);
    }

    private (ClaimVerdict Verdict, string Reason, IEnumerable<string> Evidence) Judged(FoundClaim c, ArticleAnchor anchor) =>
        c.Type switch
        {
            ClaimType.Absence => Absence(c, anchor),
            ClaimType.Coincidence => Coincidence(c, anchor),
            ClaimType.Ordinal or ClaimType.First => Ordinal(c, anchor),
            ClaimType.Superlative => Superlative(c, anchor),
            ClaimType.System => SystemClaim(c, c.System!, anchor),
            ClaimType.Count => Count(c, anchor),
            ClaimType.Recency => Recency(c, Filter(c, null), What(c, null), anchor),
            _ => Plain(c, anchor),
        };

    /// <summary>Context events that a coincidence claim names, for the anchor of an undated article.</summary>
    public IReadOnlyList<Event> ContextEvents(ContextReference reference) =>
        [.. _events.Where(e => IsContext(e, reference))];

    private (ClaimVerdict, string, IEnumerable<string>) Plain(FoundClaim c, ArticleAnchor anchor)
    {
        if (c.Period is { } period)
        {
            return InWindow(c, Filter(c, null), period, What(c, null));
        }

        if (c.Recent)
        {
            return Recency(c, Filter(c, null), What(c, null), anchor);
        }

        if (c.UnresolvedTime is { } time)
        {
            var latest = _events.LastOrDefault(Filter(c, null));
            return (ClaimVerdict.NotEnoughEvidence, $"the article does not say which year '{time}' is, and no publication date was given", Ids(latest));
        }

        if (anchor.Date is not null && RecentWindow(anchor) is { } recent)
        {
            // A dated article that says "North Korea launched a missile" means lately, not ever.
            var filter = Filter(c, null);
            var what = What(c, null);
            var matches = _events.Where(e => filter(e) && recent.Touches(e)).ToList();
            if (matches.Count > 0)
            {
                return (ClaimVerdict.Supported, $"the record has {Plural(what, matches.Count)} in the {_k.RecencyDays} days up to the article's date {recent.To}: {Dates(matches)}", Ids(matches));
            }

            var before = _events.LastOrDefault(e => filter(e) && e.Date < recent.From);
            return (ClaimVerdict.NotEnoughEvidence,
                $"the claim gives no time, and the record has no {what} in the {_k.RecencyDays} days up to the article's date {recent.To}{(before is null ? "" : $"; the one before is on {before.Date}")}", Ids(before));
        }

        return InWindow(c, Filter(c, null), UpToAnchor(anchor, "up to the article's date"), What(c, null));
    }

    private (ClaimVerdict, string, IEnumerable<string>) InWindow(FoundClaim c, Func<Event, bool> filter, Period window, string what)
    {
        var matches = _events.Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count > 0)
        {
            return (ClaimVerdict.Supported, $"the record has {Plural(what, matches.Count)} {In(window)}: {Dates(matches)}", Ids(matches));
        }

        return Absent(c, filter, window, what);
    }

    /// <summary>The verdict when the record has nothing in the window: refuted where it is complete, else not enough evidence.</summary>
    private (ClaimVerdict, string, IEnumerable<string>) Absent(FoundClaim c, Func<Event, bool> filter, Period window, string what)
    {
        var nearest = Nearest(filter, window).ToList();
        var around = nearest.Count == 0 ? "" : $"; the nearest in the record: {Dates(nearest)}";
        if (!c.Phrase.Complete)
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

        return (ClaimVerdict.Refuted, $"the record has no {what} {In(window)}{around}", Ids(nearest));
    }

    /// <summary>
    /// For a claim that names a site and has no match there: launches then at no known site leave
    /// it open; launches only elsewhere refute it. Null when the claim names no site or nothing
    /// happened anywhere then.
    /// </summary>
    private (ClaimVerdict, string, IEnumerable<string>)? Elsewhere(FoundClaim c, SystemMention? system, Period window, string what)
    {
        if (c.Site is not { } place)
        {
            return null;
        }

        var filter = Filter(c with { Site = null }, system);
        var anywhere = _events.Where(e => filter(e) && window.Touches(e)).ToList();
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
        return c.Phrase.Complete && window.To <= RecordEnd
            ? (ClaimVerdict.Refuted, $"the record's {(anywhere.Count == 1 ? what : Plural(what, anywhere.Count))} {In(window)} {(anywhere.Count == 1 ? "was" : "were")} at {sites}, not {place.Name}", Ids(anywhere))
            : (ClaimVerdict.NotEnoughEvidence, $"the record's {(anywhere.Count == 1 ? what : Plural(what, anywhere.Count))} {In(window)} {(anywhere.Count == 1 ? "was" : "were")} at {sites}, but it may not be complete", Ids(anywhere));
    }

    /// <summary>
    /// Ballistic launches of unknown class in the window: any of them could be the class a claim
    /// names. Not for ICBMs and space launches: the sources identify every one of those (North
    /// Korea announces them and they are tracked to their apogee); shorter-range launches are often
    /// left unidentified.
    /// </summary>
    private IEnumerable<Event> Unidentified(FoundClaim c, Period window)
    {
        var classes = c.Phrase.Classes;
        if (c.Phrase.Kind != EventKind.MissileLaunch || classes.Count == 0 || classes.Contains("ballistic") || classes.All(k => k is "icbm" or "slv"))
        {
            return [];
        }

        return _events.Where(e => e.Kind == EventKind.MissileLaunch && e.Class == "unknown" && window.Touches(e));
    }

    private (ClaimVerdict, string, IEnumerable<string>) Absence(FoundClaim c, ArticleAnchor anchor)
    {
        var window = c.Period ?? UpToAnchor(anchor, "ever");
        // "has not tested since 2017": the year named is the year of the last one.
        if (c.Period is { } p && SinceYear().IsMatch(p.Label) && p.From.Year < p.To.Year)
        {
            window = new Period(new KoreanDate(p.From.Year + 1, 1, 1), p.To, p.Label);
        }

        var filter = Filter(c, c.System);
        var what = What(c, c.System);
        var matches = _events.Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count > 0)
        {
            return (ClaimVerdict.Refuted, $"the record has {Plural(what, matches.Count)} {In(window)}: {Dates(matches)}", Ids(matches));
        }

        var last = _events.LastOrDefault(e => filter(e) && e.Date < window.From);
        var lastText = last is null ? "" : $"; the last before that is {last.Date}";
        if (!c.Phrase.Complete || window.To > RecordEnd)
        {
            var why = !c.Phrase.Complete ? $"the record is not complete for {Many(Kind(c))}" : $"the record ends on {RecordEnd}";
            return (ClaimVerdict.NotEnoughEvidence, $"no {what} is recorded {In(window)}, but {why}{lastText}", Ids(last));
        }

        return (ClaimVerdict.Supported, $"the record has no {what} {In(window)}{lastText}", Ids(last));
    }

    private (ClaimVerdict, string, IEnumerable<string>) Count(FoundClaim c, ArticleAnchor anchor)
    {
        var n = c.Count!.Value;
        var filter = Filter(c, c.System);
        var what = What(c, c.System);
        var window = c.Period ?? (c.Recent ? RecentWindow(anchor) : null) ?? UpToAnchor(anchor, "up to the article's date");
        var matches = _events.Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count == 0)
        {
            return c.Period is null && c.UnresolvedTime is { } time
                ? (ClaimVerdict.NotEnoughEvidence, $"the article does not say which year '{time}' is, and no publication date was given", [])
                : Absent(c, filter, window, what);
        }

        // A nuclear test is one per day; missiles are counted by the number fired.
        int? Fired(Event e) => e.Kind == EventKind.MissileLaunch ? e.Figures.NumberFired : 1;
        var days = matches.GroupBy(e => e.Date).Select(g => (Date: g.Key, Events: g.ToList(), Fired: g.All(e => Fired(e) is not null) ? g.Sum(e => Fired(e)!.Value) : (int?)null)).ToList();
        var known = days.All(d => d.Fired is not null);
        var total = known ? days.Sum(d => d.Fired!.Value) : (int?)null;
        if (c.CountAtLeast)
        {
            var sum = days.Sum(d => d.Fired ?? 0);
            if (sum >= n)
            {
                return (ClaimVerdict.Supported, $"the record has {sum} fired {In(window)}, on {days.Count} days, at least {n}", Ids(matches));
            }

            return known && c.Phrase.Complete && c.Period is not null && window.To <= RecordEnd
                ? (ClaimVerdict.Refuted, $"the record has only {sum} fired {In(window)}, fewer than {n}", Ids(matches))
                : (ClaimVerdict.NotEnoughEvidence, $"the record has at least {sum} fired {In(window)}, but not every number is reported", Ids(matches));
        }

        if (c.Phrase.Kind != EventKind.MissileLaunch)
        {
            return total == n
                ? (ClaimVerdict.Supported, $"the record has {Plural(what, n)} {In(window)}: {Dates(matches)}", Ids(matches))
                : c.Phrase.Complete && window.To <= RecordEnd
                    ? (ClaimVerdict.Refuted, $"the record has {Plural(what, total ?? 0)} {In(window)}, not {n}: {Dates(matches)}", Ids(matches))
                    : (ClaimVerdict.NotEnoughEvidence, $"the record has {Plural(what, total ?? 0)} {In(window)}, and it may not be complete", Ids(matches));
        }

        var exact = days.Where(d => d.Fired == n || d.Events.Any(e => e.Figures.NumberFired == n)).ToList();
        if (exact.Count > 0)
        {
            return (ClaimVerdict.Supported, $"the record has {n} fired on {string.Join(", ", exact.Select(d => d.Date))} ({what})", exact.SelectMany(d => d.Events).Select(e => e.Id));
        }

        // "two ICBMs in July 2017": one on the 4th and one on the 28th.
        if (days.Count > 1 && days.All(d => d.Fired is not null) && days.Sum(d => d.Fired!.Value) == n)
        {
            return (ClaimVerdict.Supported, $"the record has {n} fired {In(window)}, on {string.Join(", ", days.Select(d => d.Date))} ({what})", Ids(matches));
        }

        var counted = string.Join(", ", days.Select(d => $"{d.Date}: {(d.Fired is { } f ? f.ToString(CultureInfo.InvariantCulture) : "number not reported")}"));
        if (days.Any(d => d.Fired is null) || !c.Phrase.Complete || c.Period is null)
        {
            return (ClaimVerdict.NotEnoughEvidence, $"the record has {Plural(what, matches.Count)} {In(window)} but not {n} fired on one day ({counted})", Ids(matches));
        }

        return (ClaimVerdict.Refuted, $"the record has {Plural(what, matches.Count)} {In(window)} but none with {n} fired ({counted})", Ids(matches));
    }

    private (ClaimVerdict, string, IEnumerable<string>) Recency(FoundClaim c, Func<Event, bool> filter, string what, ArticleAnchor anchor)
    {
        if (RecentWindow(anchor) is not { } window)
        {
            var latest = _events.LastOrDefault(filter);
            return (ClaimVerdict.NotEnoughEvidence,
                $"the article gives no date, so 'recently' cannot be placed{(latest is null ? "" : $"; the record's latest {what} is {latest.Date}")}", Ids(latest));
        }

        var matches = _events.Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count > 0)
        {
            var last = matches[^1];
            return (ClaimVerdict.Supported, $"the record has {Plural(what, matches.Count)} in the {_k.RecencyDays} days up to {window.To}, the latest on {last.Date}", Ids(matches.AsEnumerable().Reverse()));
        }

        var before = _events.LastOrDefault(e => filter(e) && e.Date < window.From);
        if (before is not null && window.To <= RecordEnd && c.Phrase.Complete && window.To.DaysSince(before.Date) > 2 * _k.RecencyDays)
        {
            return (ClaimVerdict.Refuted, $"the record's latest {what} before {window.To} is on {before.Date}, {window.To.DaysSince(before.Date)} days earlier", Ids(before));
        }

        return (ClaimVerdict.NotEnoughEvidence,
            $"no {what} is recorded in the {_k.RecencyDays} days up to {window.To}{(before is null ? "" : $"; the one before is on {before.Date}")}", Ids(before));
    }

    private (ClaimVerdict, string, IEnumerable<string>) SystemClaim(FoundClaim c, SystemMention system, ArticleAnchor anchor)
    {
        var filter = Filter(c, system);
        var what = What(c, system);
        var known = system.Entries.Count > 0 || _events.Any(filter);
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

        var matches = _events.Where(e => filter(e) && window.Touches(e)).ToList();
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

        var first = _events.FirstOrDefault(filter);
        var launches = _events.Where(e => e.Kind == EventKind.MissileLaunch && window.Touches(e)).ToList();
        var covered = c.Phrase.Complete && window.To <= RecordEnd && window.From >= LaunchesComplete;
        if (covered && first is not null && first.Date > window.To.AddDays(Period.ToleranceDays))
        {
            return (ClaimVerdict.Refuted, $"the record's first {what} is on {first.Date}, after {window.Dates}", Ids(first));
        }

        if (covered && launches.Count == 0)
        {
            return (ClaimVerdict.Refuted, $"the record has no missile launch at all {In(window)}", Ids(Nearest(filter, window)));
        }

        if (covered && launches.All(e => e.System is not null))
        {
            return (ClaimVerdict.Refuted,
                $"the record's launches {In(window)} are of other systems: {string.Join(", ", launches.Select(e => $"{e.System!.Name} ({e.Date})").Distinct().Take(6))}", Ids(launches));
        }

        return (ClaimVerdict.NotEnoughEvidence,
            covered ? $"no {what} is recorded {In(window)}, but some launches then are not identified" : $"no {what} is recorded {In(window)}, and the record cannot rule it out",
            Ids(launches.Count > 0 ? launches : Nearest(filter, window)));
    }

    private (ClaimVerdict, string, IEnumerable<string>) Superlative(FoundClaim c, ArticleAnchor anchor)
    {
        var at = c.Period?.To ?? anchor.Date ?? (anchor.Year is { } y ? new KoreanDate(y, 12, 31) : RecordEnd);
        var classes = c.Phrase.Classes;
        var holder = _k.Superlatives
            .Where(s => string.Equals(s.Superlative, c.Superlative, StringComparison.OrdinalIgnoreCase) && (classes.Count == 0 || classes.Contains(s.Class)) && s.Since <= at)
            .MaxBy(s => s.Since);
        if (holder is null)
        {
            return c.System is { } named ? SystemClaim(c, named, anchor)
                : (ClaimVerdict.NotEnoughEvidence, $"the gazetteer does not say which {What(c, null).Replace(" launch", "", StringComparison.Ordinal)} was the {c.Superlative} as of {at}", []);
        }

        var entry = _k.Systems.First(s => s.Id == holder.SystemId);
        if (c.System is { } mentioned && !mentioned.Entries.Any(e => e.Id == entry.Id))
        {
            return (ClaimVerdict.Refuted, $"the {c.Superlative} as of {at} is the {entry.Name} (gazetteer), not the {mentioned.Name}", Ids(_events.LastOrDefault(Filter(c, new SystemMention(entry.Name, [entry])))));
        }

        var (verdict, reason, evidence) = SystemClaim(c, new SystemMention(entry.Name, [entry]), anchor);
        return (verdict, $"the {c.Superlative} {Kind(c).Replace(" launch", "", StringComparison.Ordinal)} as of {at} is the {entry.Name} (gazetteer); {reason}", evidence);
    }

    private static Period? RecentWindowOf(ArticleAnchor anchor, int days)
    {
        var end = anchor.Date ?? (anchor.Year is { } y ? new KoreanDate(y, 12, 31) : (KoreanDate?)null);
        return end is { } e ? new Period(e.AddDays(-days), e, $"in the {days} days up to {e}") : null;
    }

    private Period? RecentWindow(ArticleAnchor anchor) => RecentWindowOf(anchor, _k.RecencyDays);

    private Period UpToAnchor(ArticleAnchor anchor, string label)
    {
        var end = anchor.Date ?? (anchor.Year is { } y ? new KoreanDate(y, 12, 31) : RecordEnd);
        return new Period(new KoreanDate(1945, 1, 1), end, label);
    }

    private static KoreanDate CompleteFrom(FoundClaim c) => c.Phrase.Kind == EventKind.NuclearTest ? NuclearTestsComplete : LaunchesComplete;

    /// <summary>Which events a claim is about: its kind, its classes and, if named, its weapon system.</summary>
    private static Func<Event, bool> Filter(FoundClaim c, SystemMention? system)
    {
        var phrase = c.Phrase;
        var ballistic = phrase.Classes.Contains("ballistic");
        // "KN-23" also names the rail-mobile and silo-based KN-23: a whole-word match in any of the event's names.
        var word = system is null ? null : new Regex($@"(?<![\w-]){Regex.Escape(system.Name)}(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var site = c.Site;
        return e => e.Kind == phrase.Kind
                    && (phrase.Classes.Count == 0 || (ballistic ? Taxonomy.IsBallisticLaunch(e) : e.Class is not null && phrase.Classes.Contains(e.Class)))
                    && (system is null || IsSystem(e, system, word!))
                    && (site is null || AtSite(e, site));
    }

    /// <summary>Whether the event's site is the place or one of its other names ("Wast Sunan" is at Sunan).</summary>
    private static bool AtSite(Event e, PlaceEntry place) =>
        e.Site is { } s && place.Aliases.Prepend(place.Name).Any(n => s.Name.Contains(n, StringComparison.OrdinalIgnoreCase));

    private static bool IsSystem(Event e, SystemMention system, Regex word) =>
        e.System is { } s && (system.Entries.Any(entry => entry.Id == s.Id) || s.Aliases.Prepend(s.Name).Any(word.IsMatch));

    private IEnumerable<Event> Nearest(Func<Event, bool> filter, Period window)
    {
        var before = _events.LastOrDefault(e => filter(e) && e.LastDate < window.From);
        var after = _events.FirstOrDefault(e => filter(e) && e.Date > window.To);
        return new[] { before, after }.OfType<Event>();
    }

    private static string What(FoundClaim c, SystemMention? system)
    {
        var kind = Kind(c);
        return system is null ? kind : $"{(system.Entries.Count > 0 ? system.Entries[0].Name : system.Name)} launch";
    }

    private static string Kind(FoundClaim c)
    {
        var classes = c.Phrase.Classes;
        if (c.Phrase.Kind != EventKind.MissileLaunch)
        {
            return c.Phrase.Kind.Slug().Replace('-', ' ');
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

    private static string Plural(string what, int n) =>
        n == 1 ? $"a {what}" : $"{n.ToString(CultureInfo.InvariantCulture)} {(what.EndsWith("ch", StringComparison.Ordinal) ? what + "es" : what + "s")}";

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

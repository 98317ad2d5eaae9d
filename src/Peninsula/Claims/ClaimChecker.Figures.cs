using System.Globalization;
using Peninsula.Events;
using Peninsula.Reading;

namespace Peninsula.Claims;

/// <summary>Claims about figures and time: absences, counts and recency.</summary>
internal sealed partial class ClaimChecker
{
    private (ClaimVerdict, string, IEnumerable<string>) Absence(Assertion c, ArticleAnchor anchor)
    {
        var window = c.Period ?? UpToAnchor(anchor, "ever");
        // "has not tested since 2017": the year named is the year of the last one.
        if (c.Period is { } p && SinceYear().IsMatch(p.Label) && p.From.Year < p.To.Year)
        {
            window = new Period(new KoreanDate(p.From.Year + 1, 1, 1), p.To, p.Label);
        }

        var filter = Filter(c, c.Action.System);
        var what = What(c, c.Action.System);
        var matches = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count > 0)
        {
            return (ClaimVerdict.Refuted, $"the record has {Plural(what, matches.Count)} {In(window)}: {Dates(matches)}", Ids(matches));
        }

        var last = Of(c).LastOrDefault(e => filter(e) && e.Date < window.From);
        var lastText = last is null ? "" : $"; the last before that is {last.Date}";
        if (!c.Action.Phrase.Complete || window.To > RecordEnd)
        {
            var why = !c.Action.Phrase.Complete ? $"the record is not complete for {Many(Kind(c))}" : $"the record ends on {RecordEnd}";
            return (ClaimVerdict.NotEnoughEvidence, $"no {what} is recorded {In(window)}, but {why}{lastText}", Ids(last));
        }

        return (ClaimVerdict.Supported, $"the record has no {what} {In(window)}{lastText}", Ids(last));
    }

    private (ClaimVerdict, string, IEnumerable<string>) Count(Assertion c, ArticleAnchor anchor)
    {
        var n = c.Count!.Value;
        var filter = Filter(c, c.Action.System);
        var what = What(c, c.Action.System);
        var window = c.Period ?? (c.Recent ? RecentWindow(anchor) : null) ?? UpToAnchor(anchor, "up to the article's date");
        var matches = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count == 0)
        {
            return c.Period is null && c.Time?.Unresolved is { } time
                ? (ClaimVerdict.NotEnoughEvidence, Unplaced(time), [])
                : Absent(c, filter, window, what);
        }

        var days = FiredByDay(matches);
        if (c.Count!.Days)
        {
            // "launches of the ICBM-class ballistic missiles twice in July": the days with a launch of the kind.
            var on = $"{Plural(what, days.Count)} {In(window)}, on {days.Count} days ({string.Join(", ", days.Select(d => d.Date))})";
            return days.Count == n
                ? (ClaimVerdict.Supported, $"the record has {on}", Ids(matches))
                : c.Action.Phrase.Complete && c.Period is not null && window.To <= RecordEnd
                    ? (ClaimVerdict.Refuted, $"the record has {on}, not {n}", Ids(matches))
                    : (ClaimVerdict.NotEnoughEvidence, $"the record has {on}, not {n}, but it may not be complete for {Many(Kind(c))}", Ids(matches));
        }

        var known = days.All(d => d.Fired is not null);
        var total = known ? days.Sum(d => d.Fired!.Value) : (int?)null;
        if ((c.Count?.AtLeast == true))
        {
            var sum = days.Sum(d => d.Fired ?? 0);
            if (sum >= n)
            {
                return (ClaimVerdict.Supported, $"the record has {sum} fired {In(window)}, on {days.Count} days, at least {n}", Ids(matches));
            }

            return known && c.Action.Phrase.Complete && c.Period is not null && window.To <= RecordEnd
                ? (ClaimVerdict.Refuted, $"the record has only {sum} fired {In(window)}, fewer than {n}", Ids(matches))
                : (ClaimVerdict.NotEnoughEvidence, $"the record has at least {sum} fired {In(window)}, but not every number is reported", Ids(matches));
        }

        if (c.Action.Phrase.Kind != EventKind.MissileLaunch)
        {
            return total == n
                ? (ClaimVerdict.Supported, $"the record has {Plural(what, n)} {In(window)}: {Dates(matches)}", Ids(matches))
                : c.Action.Phrase.Complete && window.To <= RecordEnd
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
        if (days.Any(d => d.Fired is null) || !c.Action.Phrase.Complete || c.Period is null)
        {
            return (ClaimVerdict.NotEnoughEvidence, $"the record has {Plural(what, matches.Count)} {In(window)} but not {n} fired on one day ({counted})", Ids(matches));
        }

        return (ClaimVerdict.Refuted, $"the record has {Plural(what, matches.Count)} {In(window)} but none with {n} fired ({counted})", Ids(matches));
    }

    /// <summary>
    /// The events by Korean day with the number fired that day: a nuclear test counts one, a missile
    /// launch its number fired; null for a day with a launch whose number is not reported.
    /// </summary>
    private static List<(KoreanDate Date, List<Event> Events, int? Fired)> FiredByDay(IEnumerable<Event> events)
    {
        static int? Fired(Event e) => e.Kind == EventKind.MissileLaunch ? e.Figures.NumberFired : 1;
        return [.. events.GroupBy(e => e.Date).Select(g => (g.Key, g.ToList(), g.All(e => Fired(e) is not null) ? g.Sum(e => Fired(e)!.Value) : (int?)null))];
    }

    /// <summary>"2016-08-03: 2 fired, 2016-08-04: number not reported".</summary>
    private static string FiredOn(IEnumerable<(KoreanDate Date, List<Event> Events, int? Fired)> days) =>
        string.Join(", ", days.Select(d => $"{d.Date}: {(d.Fired is { } f ? f.ToString(CultureInfo.InvariantCulture) + " fired" : "number not reported")}"));

    private (ClaimVerdict, string, IEnumerable<string>) Recency(Assertion c, Func<Event, bool> filter, string what, ArticleAnchor anchor)
    {
        if (RecentWindow(anchor) is not { } window)
        {
            var latest = Of(c).LastOrDefault(filter);
            return (ClaimVerdict.NotEnoughEvidence,
                $"the article gives no date, so 'recently' cannot be placed{(latest is null ? "" : $"; the record's latest {what} is {latest.Date}")}", Ids(latest));
        }

        var matches = Of(c).Where(e => filter(e) && window.Touches(e)).ToList();
        if (matches.Count > 0)
        {
            var last = matches[^1];
            return (ClaimVerdict.Supported, $"the record has {Plural(what, matches.Count)} in the {_k.RecencyDays} days up to {window.To}, the latest on {last.Date}", Ids(matches.AsEnumerable().Reverse()));
        }

        var before = Of(c).LastOrDefault(e => filter(e) && e.Date < window.From);
        if (before is not null && window.To <= RecordEnd && c.Action.Phrase.Complete && window.To.DaysSince(before.Date) > 2 * _k.RecencyDays)
        {
            return (ClaimVerdict.Refuted, $"the record's latest {what} before {window.To} is on {before.Date}, {window.To.DaysSince(before.Date)} days earlier", Ids(before));
        }

        return (ClaimVerdict.NotEnoughEvidence,
            $"no {what} is recorded in the {_k.RecencyDays} days up to {window.To}{(before is null ? "" : $"; the one before is on {before.Date}")}", Ids(before));
    }
}

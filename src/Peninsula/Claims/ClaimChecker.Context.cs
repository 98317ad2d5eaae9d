using System.Globalization;
using Peninsula.Events;
using Peninsula.Reading;

namespace Peninsula.Claims;

/// <summary>Coincidences with context events, and ordinals ("its sixth nuclear test", "its first ICBM this year").</summary>
internal sealed partial class ClaimChecker
{
    private (ClaimVerdict, string, IEnumerable<string>) Coincidence(Assertion c, ArticleAnchor anchor)
    {
        var reference = c.Context!;
        var contexts = Of(reference.Phrase?.Kind ?? EventKind.DiplomaticVisit).Where(e => IsContext(e, reference)).ToList();
        if (c.Period is { } period)
        {
            contexts = [.. contexts.Where(period.Touches)];
        }
        else if (anchor.Date is { } a)
        {
            // A dated article means the context event nearest before its date ("Blinken's visit", published the day after).
            var nearest = contexts.Where(e => e.Date <= a.AddDays(Period.ToleranceDays) && a.DaysSince(e.LastDate) <= 366).MaxBy(e => e.Date);
            contexts = nearest is null ? [] : [nearest];
        }
        else if (anchor.Year is { } y)
        {
            contexts = [.. contexts.Where(e => e.Date.Year == y || e.LastDate.Year == y)];
        }

        var label = Describe(reference);
        var contextComplete = reference.Phrase?.Complete ?? true;
        if (contexts.Count == 0)
        {
            var sampled = contextComplete ? "" : ", and its calendar of such events is a sample";
            return (ClaimVerdict.NotEnoughEvidence, $"the record has no {label}{(c.Period is { } p ? $" {In(p)}" : "")} to compare with{sampled}", []);
        }

        var filter = Filter(c, c.Action.System);
        var what = What(c, c.Action.System);
        var windows = contexts.Select(e => (Context: e, Window: Window(e, reference))).ToList();
        var hits = windows
            .Select(w => (w.Context, Matches: Of(c).Where(e => filter(e) && w.Window.Touches(e)).ToList()))
            .Where(h => h.Matches.Count > 0)
            .ToList();
        var relation = reference.Relation switch { "before" => $"in the {reference.Days} days before", "after" => $"in the {reference.Days} days after", _ => "during" };
        if (hits.Count > 0)
        {
            var shown = hits.Select(h => $"on {Dates(h.Matches)}, {relation} {h.Context.Title} ({Rendering(h.Context)})");
            return (ClaimVerdict.Supported, $"the record has {A(what)} {string.Join("; and ", shown)}",
                hits.SelectMany(h => h.Matches.Select(e => e.Id).Append(h.Context.Id)));
        }

        var spans = string.Join(", ", contexts.Select(Rendering).Take(6)) + (contexts.Count > 6 ? $" and {contexts.Count - 6} more" : "");
        if (!contextComplete)
        {
            return (ClaimVerdict.NotEnoughEvidence,
                $"no {what} is recorded {relation} the {label} ({spans}), but the record's calendar of such events is a sample, so it may lack the one meant", contexts.Select(e => e.Id));
        }

        var covered = windows.All(w => w.Window.To <= RecordEnd && w.Window.From >= CompleteFrom(c));
        var unidentified = windows.SelectMany(w => Unidentified(c, w.Window)).ToList();

        if (c.Action.Phrase.Complete && covered && unidentified.Count > 0)
        {
            return (ClaimVerdict.NotEnoughEvidence,
                $"no {what} is recorded {relation} the {label} ({spans}), but the record has an unidentified ballistic launch then ({Dates(unidentified)})", Ids(unidentified));
        }

        if (c.Action.Phrase.Complete && covered)
        {
            return (ClaimVerdict.Refuted, $"the record has no {what} {relation} the {label} ({spans})", contexts.Select(e => e.Id));
        }

        var why = c.Action.Phrase.Complete ? $"the record ends on {RecordEnd}" : $"the record is not complete for {Many(Kind(c))}";
        return (ClaimVerdict.NotEnoughEvidence, $"no {what} is recorded {relation} the {label} ({spans}), but {why}", contexts.Select(e => e.Id));
    }

    private static Period Window(Event context, ContextReference reference) => reference.Relation switch
    {
        "before" => new Period(context.Date.AddDays(-reference.Days), context.Date, "before"),
        // From the next day: the one day of tolerance then reaches back to the context event's own
        // day, but not to the day before it, so a launch that a Security Council meeting or a
        // bomber flight answered does not read as coming after it.
        "after" => new Period(context.LastDate.AddDays(1), context.LastDate.AddDays(reference.Days), "after"),
        _ => new Period(context.Date, context.LastDate, "during"),
    };

    private static bool IsContext(Event e, ContextReference reference)
    {
        if (reference.Phrase is { } phrase)
        {
            return e.Kind == phrase.Kind
                   && (phrase.Classes.Count == 0 || (e.Class is not null && phrase.Classes.Contains(e.Class)))
                   && (phrase.Title is null || e.Title.Contains(phrase.Title, StringComparison.OrdinalIgnoreCase)
                       || (e.Summary?.Contains(phrase.Title, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        if (e.Kind != EventKind.DiplomaticVisit)
        {
            return false;
        }

        var who = reference.Official is { } o && reference.Office is null
            ? e.People.Any(p => string.Equals(p, o.Name, StringComparison.OrdinalIgnoreCase))
            : e.Class == (reference.Office ?? reference.Official?.Office);
        return who && (reference.PlaceActor is null || e.Actors.Contains(reference.PlaceActor));
    }

    private static string Describe(ContextReference reference)
    {
        if (reference.Phrase is not null)
        {
            // The reasons put their own article before the label ("during the ..."), so the
            // article's own ("the six-party talks", "a US aircraft carrier's visit") is dropped.
            var label = reference.Label;
            foreach (var article in (ReadOnlySpan<string>)["the ", "a ", "an "])
            {
                if (label.StartsWith(article, StringComparison.OrdinalIgnoreCase))
                {
                    return label[article.Length..];
                }
            }

            return label;
        }

        var who = reference.Official is { } o && reference.Office is null ? $"visit by {o.Name}"
            : $"visit by a US Secretary of {((reference.Office ?? reference.Official?.Office) == "us-secretary-of-defense" ? "Defense" : "State")}";
        return reference.PlaceActor is { } actor && Taxonomy.Actors.TryGetValue(actor, out var country) ? $"{who} to {country}" : who;
    }

    private static string Rendering(Event e) => e.EndDate is { } end && end != e.Date ? $"{e.Date}..{end}" : e.Date.ToString();

    private (ClaimVerdict, string, IEnumerable<string>) Ordinal(Assertion c, ArticleAnchor anchor)
    {
        var n = c.Order!.Ordinal!.Value;
        if (c.Order.Window is { } window)
        {
            return OrdinalWithin(c, n, window, anchor);
        }

        var kind = Filter(c, c.Action.System);
        // "succeeded in putting into orbit a satellite for the first time" (VOA, 2016-02-08): a first
        // success is counted among the launches that succeeded, and only where the record gives the
        // outcome of every launch of the kind before it.
        var succeeded = c.Outcome is { Outcome: Events.Outcome.Success };
        Func<Event, bool> filter = succeeded ? e => kind(e) && e.Outcome == Events.Outcome.Success : kind;
        var what = (succeeded ? "successful " : "") + What(c, c.Action.System);
        // Count days, not rows: four launch events on one day are one salvo.
        var series = Of(c).Where(e => filter(e) && (c.Order?.WithinYear is not { } y || e.Date.Year == y))
            .GroupBy(e => e.Date).Select(g => g.First()).ToList();
        if (succeeded && Of(c).FirstOrDefault(e => kind(e) && e.Outcome is null && (c.Period is not { } p || e.Date <= p.To)) is { } unknown)
        {
            return (ClaimVerdict.NotEnoughEvidence, $"the record does not give the outcome of the {What(c, c.Action.System)} on {unknown.Date}, so it cannot count the successful ones", Ids(unknown));
        }

        var nth = series.Count >= n ? series[n - 1] : null;
        var scope = c.Order?.WithinYear is { } year ? $" of {year}" : "";
        var name = $"{OrdinalWord(n)} {what}{scope}";
        if (c.Period is { } period && !(c.Time?.ScopeOnly == true))
        {
            if (nth is not null && period.Touches(nth))
            {
                return (ClaimVerdict.Supported, $"the record's {name} is on {nth.Date}", Ids(nth));
            }

            var inPeriod = Of(c).Where(e => filter(e) && period.Touches(e)).ToList();
            var then = inPeriod.Count == 0 ? $"no {what} {In(period)}" : $"the {Plural(what, inPeriod.Count)} {In(period)} {(inPeriod.Count == 1 ? "is" : "are")} on {Dates(inPeriod)}";
            if (nth is not null)
            {
                return c.Action.Phrase.Complete
                    ? (ClaimVerdict.Refuted, $"the record's {name} is on {nth.Date}; {then}", Ids(nth).Concat(Ids(inPeriod)))
                    : (ClaimVerdict.NotEnoughEvidence, $"the record's {name} is on {nth.Date}, but the record is not complete for {Many(Kind(c))}", Ids(nth));
            }

            return c.Action.Phrase.Complete && period.To <= RecordEnd
                ? (ClaimVerdict.Refuted, $"the record has only {Plural(what, series.Count)}{scope}; {then}", Ids(series.LastOrDefault()))
                : (ClaimVerdict.NotEnoughEvidence, $"the record has {Plural(what, series.Count)}{scope} up to {RecordEnd}, where it ends", Ids(series.LastOrDefault()));
        }

        var until = anchor.Date ?? (anchor.Year is { } ay ? new KoreanDate(ay, 12, 31) : RecordEnd);
        if (nth is not null && nth.Date <= until.AddDays(Period.ToleranceDays))
        {
            return (ClaimVerdict.Supported, $"the record's {name} is on {nth.Date}", Ids(nth));
        }

        var scopeEnd = c.Order?.WithinYear is { } sy ? new KoreanDate(sy, 12, 31) : until;
        var end = scopeEnd < until ? scopeEnd : until;
        return c.Action.Phrase.Complete && end <= RecordEnd
            ? (ClaimVerdict.Refuted, $"the record has {Plural(what, series.Count(e => e.Date <= end))}{scope} up to {end}, so no {OrdinalWord(n)}", Ids(series.LastOrDefault(e => e.Date <= end)))
            : (ClaimVerdict.NotEnoughEvidence, $"the record has {Plural(what, series.Count)}{scope} up to {RecordEnd}, where it ends", Ids(series.LastOrDefault()));
    }

    /// <summary>
    /// "the second such launch in just a few weeks": the launch of the claim's time is the nth of its
    /// kind, counting days, within the window up to it. Supported when some span the words allow holds
    /// exactly n; refuted only where the record is complete for the kind and every span they allow
    /// holds more or fewer.
    /// </summary>
    private (ClaimVerdict, string, IEnumerable<string>) OrdinalWithin(Assertion c, int n, OrderWindow window, ArticleAnchor anchor)
    {
        var filter = Filter(c, c.Action.System);
        var what = What(c, c.Action.System);
        // "North Korea has fired two short-range missiles off its eastern coast, the second such launch in
        // less than a week" (VOA, 2014-03-03): with no time of its own, the launch is the news of the
        // article's day, the latest of its kind in the week up to it.
        var period = c.Period ?? (anchor.Date is { } day ? new Period(day.AddDays(-7), day, $"in the week up to {day}") : (Period?)null);
        if (period is not { } within || Of(c).LastOrDefault(e => filter(e) && within.Touches(e)) is not { } at)
        {
            return (ClaimVerdict.NotEnoughEvidence, period is { } p ? $"the record has no {what} {In(p)}" : "the sentence gives no time for the launch it counts from", []);
        }

        // Count days, not rows: four launch events on one day are one salvo.
        List<Event> Within(int days) => [.. Of(c).Where(e => filter(e) && e.Date <= at.Date && at.Date.AddDays(-days) < e.Date).GroupBy(e => e.Date).Select(g => g.First())];
        var fewest = Within(window.MinDays);
        var most = Within(window.MaxDays);
        var span = window.MinDays == window.MaxDays ? $"{window.MaxDays} days" : $"{window.MinDays} to {window.MaxDays} days";
        var days = $"the record has {Plural(what, most.Count)} in the {window.MaxDays} days up to {at.Date} ({Dates(most)})";
        if (fewest.Count <= n && n <= most.Count)
        {
            return (ClaimVerdict.Supported, $"{days}: the one on {at.Date} is the {OrdinalWord(n)} within {span}", Ids(most));
        }

        return c.Action.Phrase.Complete && at.Date <= RecordEnd
            ? (ClaimVerdict.Refuted, $"{days}, so it is not the {OrdinalWord(n)} within {span}", Ids(most))
            : (ClaimVerdict.NotEnoughEvidence, $"{days}, not {n}, but the record is not complete for {Many(Kind(c))}", Ids(most));
    }

    private static string OrdinalWord(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        6 => "sixth",
        7 => "seventh",
        8 => "eighth",
        9 => "ninth",
        10 => "tenth",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };
}

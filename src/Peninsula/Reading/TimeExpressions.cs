using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Peninsula.Events;

namespace Peninsula.Reading;

/// <summary>A time named in the text, before it is resolved: any of year, month and day, or a relative expression.</summary>
/// <remarks>
/// Since: "since ..." : from the time up to the anchor.<br/>
/// Relative: A relative expression such as <c>this year</c> or <c>last week</c>, lower case; null for calendar dates.
/// </remarks>
internal sealed record TimeMention(int Start, int End, string Text, int? Year, int? Month, int? Day, bool Since, string? Relative)
{
    /// <summary>Whether the mention states its own year (so it can set the article's running year).</summary>
    public bool HasYear => Year is not null;
}

/// <summary>
/// Finds dates and times in English text ("In April", "March 18, 2024", "since the start of 2020",
/// "last year", "three days ago") and resolves them against the article's running year and anchor.
/// </summary>
internal static partial class TimeExpressions
{
    private const string Months = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
    /// <summary>The <see cref="TimeMention.Relative"/> of a date written in a form that names no real day ("2024-13-45").</summary>
    public const string Unreadable = "unreadable";

    private const string Weekdays = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    [GeneratedRegex(
        @"(?<since>\b(?i:since|from)\s+(?i:the\s+(?:start|beginning)\s+of\s+|early\s+|mid-?\s*|late\s+)?)?" +
        @"(?:(?<iso>\b[0-9]{4}(?<sep>[-/.])[0-9]{1,2}\k<sep>[0-9]{1,2}\b)" +
        @"|\b(?<m1>" + Months + @")\.?\s+(?<d1>[0-9]{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(?<y1>(?:19|20)[0-9]{2})\b)?" +
        @"|\b(?<d2>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<m2>" + Months + @")\b\.?(?:,?\s*(?<y2>(?:19|20)[0-9]{2})\b)?" +
        @"|\b(?<m3>" + Months + @")\b\.?(?:\s+(?:of\s+)?(?<y3>(?:19|20)[0-9]{2})\b)?" +
        @"|\b(?<y4>(?:19[5-9]|20[0-4])[0-9])\b(?!\s*(?:km|kilomet|mile|kg|kilogram|ton|tonne|metre|meter|m\b|mm\b|troops|soldiers|people|-[0-9]))" +
        @"|\b(?<rel>(?i:(?:earlier\s+|later\s+)?(?:this|last|next)\s+(?:year|month|week)|yesterday|(?:earlier\s+)?today|this\s+(?:morning|afternoon|evening)|tonight|(?:(?:early|late)\s+)?(?:on\s+|last\s+)?(?:" + Weekdays + @")(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+(?:local|Korea|Korean|Seoul|Pyongyang)\s+time)?|(?<n>[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?<unit>days?|weeks?|months?|years?)\s+ago))\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>What every match of <see cref="Pattern"/> contains one of, besides a digit: a month's first three letters, or a relative word.</summary>
    private static readonly SearchValues<string> MonthStarts = SearchValues.Create(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], StringComparison.Ordinal);
    private static readonly SearchValues<string> RelativeWords = SearchValues.Create(["year", "month", "week", "day", "morning", "afternoon", "evening", "tonight"], StringComparison.OrdinalIgnoreCase);

    private static readonly string[] MonthGroups = ["m1", "m2", "m3"];
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>
    /// Every time mention in the text between <paramref name="start"/> and <paramref name="end"/>:
    /// calendar and relative times in order, then days known by name ("New Year's Day 2023").
    /// </summary>
    public static IEnumerable<TimeMention> Find(string text, int start, int end, IReadOnlyList<NamedDay> namedDays) =>
        Calendar(text, start, end).Concat(Named(text, start, end, namedDays));

    private static IEnumerable<TimeMention> Named(string text, int start, int end, IReadOnlyList<NamedDay> namedDays)
    {
        foreach (var day in namedDays)
        {
            foreach (var m in day.Pattern.MatchesIn(text, new TextSpan(start, end)))
            {
                yield return new(m.Index, m.Index + m.Length, m.Value, Number(m, "y"), day.Month, day.Day, false, null);
            }
        }
    }

    private static IEnumerable<TimeMention> Calendar(string text, int start, int end)
    {
        if (!MayName(text.AsSpan(start, end - start)))
        {
            yield break;
        }

        foreach (var m in Pattern().MatchesIn(text, new TextSpan(start, end)))
        {
            var since = m.Groups["since"].Success;
            if (m.Groups["iso"].Success)
            {
                var parts = m.Groups["iso"].Value.Split('-', '/', '.');
                var (y, mo, dd) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
                // "2024/03/18" is read; "2024-13-45" is no date, and is kept as an unreadable time so that
                // the claim is not read as if it named none (or only the year).
                yield return y >= 1 && mo is >= 1 and <= 12 && dd >= 1 && dd <= DateTime.DaysInMonth(y, mo)
                    ? new(m.Index, m.Index + m.Length, m.Value, y, mo, dd, since, null)
                    : new(m.Index, m.Index + m.Length, m.Value, null, null, null, since, Unreadable);
                continue;
            }

            if (m.Groups["rel"].Success)
            {
                var rel = Regex.Replace(m.Groups["rel"].Value.ToLowerInvariant(), @"\s+", " ");
                yield return new(m.Index, m.Index + m.Length, m.Value, null, null, null, since, rel);
                continue;
            }

            var monthGroup = MonthGroups.Select(g => m.Groups[g]).FirstOrDefault(g => g.Success);
            int? month = null;
            if (monthGroup is not null)
            {
                // "may" is a modal verb and "march" a verb: only a capitalised month name is a month.
                if (!char.IsUpper(monthGroup.Value[0]))
                {
                    continue;
                }

                month = Array.IndexOf(MonthNames, monthGroup.Value[..3].ToLowerInvariant()) + 1;
            }

            int? year = Number(m, "y1") ?? Number(m, "y2") ?? Number(m, "y3") ?? Number(m, "y4");
            int? day = Number(m, "d1") ?? Number(m, "d2");
            if (day is < 1 or > 31)
            {
                continue;
            }

            yield return new(m.Index, m.Index + m.Length, m.Value, year, month, day, since, null);
        }
    }

    /// <summary>
    /// The period a mention stands for. A month or day without a year takes the article's running
    /// year, else the latest such date on or before the anchor; relative expressions need the anchor.
    /// Null when the text does not say enough. <c>Doubt</c> says why the period was not read with
    /// certainty, and is null only for a date the record may refute on: a year the sentence states, a
    /// month or day whose year the article's date fixes, or a day counted from the article's date in
    /// Korea's clock. A day in a clock behind Korea's, a day whose year could be
    /// another, or a vague span ("last week", "three months ago") is read, and never refutes.
    /// </summary>
    public static (Period? Period, string? Doubt) Read(TimeMention t, int? runningYear, ArticleAnchor anchor, KoreanDate recordEnd)
    {
        if (t.Relative == Unreadable)
        {
            return (null, null);
        }

        var label = t.Text.Trim();
        var anchorDate = anchor.Date;
        var (period, doubt) = t.Relative is { } rel ? Relative(rel, anchor, label) : Calendar(t, runningYear, anchor, label);
        if (period is not { } p || !t.Since)
        {
            return (period, doubt);
        }

        var until = anchorDate ?? (anchor.Year is { } y ? new KoreanDate(y, 12, 31) : recordEnd);
        return until < p.From ? (null, null) : (new Period(p.From, until, label), doubt);
    }

    /// <summary>The year in which a month and day fall one or two days after the anchor, if they do.</summary>
    private static int? JustAfter(DateOnly anchor, int month, int day)
    {
        for (var y = anchor.Year; y <= anchor.Year + 1; y++)
        {
            if (day <= DateTime.DaysInMonth(y, month) && new DateOnly(y, month, day) is var date && date > anchor && date.DayNumber - anchor.DayNumber <= 2)
            {
                return y;
            }
        }

        return null;
    }

    private static (Period? Period, string? Doubt) Calendar(TimeMention t, int? runningYear, ArticleAnchor anchor, string label)
    {
        var year = t.Year;
        string? doubt = null;
        if (year is null && t.Month is { } month)
        {
            // The year the article's date gives: the latest such month or day on or before it ("in
            // November", published in March, is last November). A day at most two days after the
            // anchor is that day, not a year before: a release dated in Washington or Hawaii names the
            // Korean date, a day ahead ("at 6:42 a.m. (Korea Standard Time) April 5", US Pacific
            // Command, 2017-04-04).
            int? fromAnchor = null;
            var ahead = 0;
            if (anchor.Date is { } a)
            {
                var after = t.Day is { } named ? JustAfter(a.Date, month, named) : null;
                ahead = after is { } y1 ? new DateOnly(y1, month, t.Day!.Value).DayNumber - a.Date.DayNumber : 0;
                fromAnchor = after ?? (month > a.Month || (month == a.Month && t.Day is { } d && d > a.Date.Day) ? a.Year - 1 : a.Year);
            }

            if (runningYear is { } running)
            {
                // A year stated earlier in the paragraph places a month ("Since the start of 2020 ...
                // In April, ..."), as in a narrative; a day and month that the article's date would put
                // in another year ("January 6" in a paragraph about 2013, in a story of 2016) may be
                // either, and is read without certainty.
                year = running;
                doubt = t.Day is not null && fromAnchor != running
                    ? $"'{label}' names no year: {running} from the paragraph, {(fromAnchor is { } other ? other.ToString(CultureInfo.InvariantCulture) : "unknown")} from the article's date"
                    : null;
            }
            else if (fromAnchor is { } placed)
            {
                year = placed;
                // Korea's day after a date in a clock behind it is that date's next day; any later day,
                // or a day after the date in Korea's clock, may be a plan or another year's.
                doubt = ahead == 0 || (ahead == 1 && anchor.Clock == WriterClock.Behind) ? null
                    : $"'{label}' falls {ahead} day{(ahead == 1 ? "" : "s")} after the article's date";
            }
            else
            {
                year = anchor.Year;
                doubt = $"'{label}' names no year, and the article has no date to place it";
            }
        }

        if (year is not { } yr)
        {
            return (null, null);
        }

        if (t.Month is not { } m)
        {
            return (Period.Year(yr, label), doubt);
        }

        if (t.Day is not { } day)
        {
            return (Period.Month(yr, m, label), doubt);
        }

        return day <= DateTime.DaysInMonth(yr, m) ? (Period.Day(new KoreanDate(yr, m, day), label), doubt) : (null, null);
    }

    private static (Period? Period, string? Doubt) Relative(string rel, ArticleAnchor anchor, string label)
    {
        if (anchor.Date is not { } a)
        {
            // With only a year known, "this year" is still that year.
            var noDate = $"'{label}' is counted from a year the text names, not from the article's date";
            return rel.EndsWith("this year", StringComparison.Ordinal) && anchor.Year is { } y ? (Period.Year(y, label), noDate)
                : rel == "last year" && anchor.Year is { } ly ? (Period.Year(ly - 1, label), noDate)
                : (null, null);
        }

        // A day counted from the article's date is the writer's day: in a clock behind Korea's it
        // may be Korea's day before the event ("launched a missile Tuesday" for Korea's Wednesday),
        // which the one day of tolerance finds, but a date so read is not certain enough to refute.
        var writersDay = anchor.Clock == WriterClock.Behind ? $"'{label}' is a day in the writer's clock, which may be a day behind Korea's" : null;
        var span = $"'{label}' is a span counted roughly from the article's date";
        switch (rel)
        {
            case "this year" or "earlier this year" or "later this year":
                return (new Period(new KoreanDate(a.Year, 1, 1), a, label), null);
            case "last year":
                return (Period.Year(a.Year - 1, label), null);
            case "next year" or "next month" or "next week":
                return (null, null);
            case "this month" or "earlier this month" or "later this month":
                return (new Period(new KoreanDate(a.Year, a.Month, 1), a, label), null);
            case "last month":
                var lm = a.Date.AddMonths(-1);
                return (Period.Month(lm.Year, lm.Month, label), null);
            case "this week" or "earlier this week" or "later this week":
                return (new Period(a.AddDays(-6), a, label), span);
            case "last week":
                return (new Period(a.AddDays(-13), a.AddDays(-7), label), span);
            case "yesterday":
                return (Period.Day(a.AddDays(-1), label), writersDay);
            case "today" or "earlier today" or "this morning" or "this afternoon" or "this evening" or "tonight":
                return (Period.Day(a, label), writersDay);
            case "earlier last week" or "later last week":
                return (new Period(a.AddDays(-13), a.AddDays(-7), label), span);
            case "earlier next week" or "later next week":
                return (null, null);
        }

        var weekday = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d => rel.Contains(d!.Value.ToString().ToLowerInvariant(), StringComparison.Ordinal));
        if (weekday is { } day)
        {
            // The latest such weekday on or before the anchor, the same day included: "fired two
            // missiles on Monday" in a story published on a Monday is that day. "last Monday" is
            // the one before.
            var back = ((int)a.Date.DayOfWeek - (int)day + 7) % 7;
            if (back == 6 && (anchor.Clock == WriterClock.Behind || rel.EndsWith(" time", StringComparison.Ordinal)) && !rel.StartsWith("last ", StringComparison.Ordinal))
            {
                // The weekday after the article's date, in a story dated in a clock behind Korea's:
                // "test-fired a ballistic missile early Saturday, local time" in a story dated Friday
                // in Washington (VOA, 2017-04-28), "launched a ballistic missile early Sunday" in one
                // dated Saturday (VOA, 2017-02-11). The day is Korea's, which runs up to a day ahead
                // of the writer's, so the day after the date is meant, not six days before; it could
                // still be the week before, so it is not certain.
                return (Period.Day(a.AddDays(1), label), $"'{label}' is the day after the article's date, Korea's day in a clock behind it, or the week before");
            }

            return (Period.Day(a.AddDays(back == 0 && rel.StartsWith("last ", StringComparison.Ordinal) ? -7 : -back), label), writersDay);
        }

        var parts = rel.Split(' ');
        var n = Array.IndexOf(NumberWords, parts[0]) is var i and > 0 ? i : int.Parse(parts[0], CultureInfo.InvariantCulture);
        var days = parts[1].StartsWith("day", StringComparison.Ordinal) ? n
            : parts[1].StartsWith("week", StringComparison.Ordinal) ? 7 * n
            : parts[1].StartsWith("month", StringComparison.Ordinal) ? 30 * n
            : 365 * n;
        // "three weeks ago" is approximate: allow a quarter of the distance either side.
        var slack = Math.Max(1, days / 4);
        return (new Period(a.AddDays(-days - slack), a.AddDays(-days + slack), label), span);
    }

    /// <summary>
    /// False when the span cannot hold a time mention: it has no digit, no month name (case matters,
    /// as in the pattern) and no "year", "month", "week" or "day" (which "today", "yesterday" and the
    /// weekdays contain). Most clauses have none, and this costs far less than trying the pattern.
    /// </summary>
    private static bool MayName(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return span.ContainsAny(MonthStarts) || span.ContainsAny(RelativeWords) || NameList.HasAsciiLookalike(span);
    }

    private static int? Number(Match m, string group) =>
        m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : null;
}

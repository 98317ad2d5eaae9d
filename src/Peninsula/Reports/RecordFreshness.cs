using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Reports;

/// <summary>
/// How current the record is: its end against today in Korea. The end is, as for timing, forecasts
/// and the fact-check (<see cref="BundledRecord.CoverageEndOf(IEnumerable{Event}, KoreanDate)"/>), the later of the latest North
/// Korean action it holds (nothing dated after today) and the day the bundled record is known to be
/// complete to: a quiet fortnight at the end of the reference tables is part of the record, not a
/// gap in it. Past
/// <see cref="StaleAfterDays"/> days the record is told as "data as of" its end, since figures
/// counted to today would be guesses: a days-since count to today is only an upper bound, as a
/// launch the record has not heard of can only make it smaller.
/// </summary>
/// <param name="Today">Today's Korean date (UTC+9), from the injected clock.</param>
/// <param name="LatestEvent">The Korean date of the record's latest North Korean action up to today, or null for an empty record.</param>
/// <param name="RecordEnd">The Korean date the record runs to, or null for an empty record.</param>
public sealed record RecordFreshness(KoreanDate Today, KoreanDate? LatestEvent, KoreanDate? RecordEnd)
{
    /// <summary>A record whose end is more than this many days before today is stale.</summary>
    public const int StaleAfterDays = 30;

    /// <summary>Days from the record's end to today; null for an empty record.</summary>
    public int? DaysOld => RecordEnd is { } end ? Today.DaysSince(end) : null;

    /// <summary>Whether the record's end is more than <see cref="StaleAfterDays"/> days before today.</summary>
    public bool IsStale => DaysOld is > StaleAfterDays;

    /// <summary>The date figures are counted to: the record's end when it is stale, else today.</summary>
    public KoreanDate CountedTo => IsStale && RecordEnd is { } end ? end : Today;

    /// <summary>
    /// The freshness of <paramref name="events"/> on <paramref name="today"/>, with the record known
    /// complete to <paramref name="completeTo"/> (default: the bundled record's end) where events are.
    /// </summary>
    public static RecordFreshness Of(IEnumerable<Event> events, KoreanDate today, KoreanDate? completeTo = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        // One pass: the latest North Korean action up to today is all the record's end needs.
        KoreanDate? latest = null;
        foreach (var e in events)
        {
            if (e.Date <= today && (latest is null || e.Date > latest) && Taxonomy.ProvocationKinds.Contains(e.Kind))
            {
                latest = e.Date;
            }
        }

        if (latest is not { } last)
        {
            return new RecordFreshness(today, null, null);
        }

        // The record covers to the day it is known complete to (if not after today) or to its latest action, whichever is later.
        var complete = completeTo ?? BundledRecord.CoverageEnd;
        return new RecordFreshness(today, last, complete <= today && complete > last ? complete : last);
    }
}

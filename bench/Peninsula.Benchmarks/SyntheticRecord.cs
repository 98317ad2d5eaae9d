using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// A record of any size for load tests: events that look like the bundled record because they
/// are its events (kinds, classes, actors, systems, sources, titles and summaries in the real
/// proportions) moved to random dates between 1950 and 2099. The same count and seed give the
/// same events, every time and on every machine.
/// </summary>
public static class SyntheticRecord
{
    private static readonly int FirstDay = new DateOnly(1950, 1, 1).DayNumber;
    private static readonly int LastDay = new DateOnly(2099, 12, 31).DayNumber;

    /// <summary>
    /// <paramref name="count"/> valid events with ids <c>syn-00000000</c>, <c>syn-00000001</c>, ...
    /// Each passes the record's rules (<see cref="Event.Validated"/>), so they can go through
    /// <c>IEventStore.SaveAsync</c> as well as a bulk load. Lazy: nothing is held in memory.
    /// </summary>
    /// <param name="count">How many events.</param>
    /// <param name="seed">The seed of the random choices (templates and dates).</param>
    public static IEnumerable<Event> Events(int count, int seed = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var templates = BundledRecord.Events.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var template = templates[random.Next(templates.Length)];
            var day = DateOnly.FromDayNumber(random.Next(FirstDay, LastDay + 1));
            if (template.DatePrecision == DatePrecision.Month)
            {
                day = new DateOnly(day.Year, day.Month, 1);
            }

            var date = new KoreanDate(day);
            var shift = date.DaysSince(template.Date);
            yield return template with
            {
                Id = $"syn-{i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)}",
                Date = date,
                EndDate = template.EndDate?.AddDays(shift),
                UtcInstant = template.UtcInstant?.AddDays(shift),
            };
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Peninsula.Events;

/// <summary>
/// A calendar date in Korea Standard Time (UTC+9, no daylight saving since 1988). Korean and
/// Japanese reports date events this way; a launch at 22:30 UTC is on the next Korean date.
/// Kept apart from UTC dates on purpose: mixing the two is the easiest mistake in this domain.
/// </summary>
public readonly partial record struct KoreanDate : IComparable<KoreanDate>
{
    /// <summary>The offset of Korea Standard Time from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>Wraps a calendar date that is already a Korean date.</summary>
    public KoreanDate(DateOnly date) => Date = date;

    /// <summary>Creates a Korean date from its year, month and day.</summary>
    public KoreanDate(int year, int month, int day) => Date = new DateOnly(year, month, day);

    /// <summary>The calendar date (in Korea).</summary>
    public DateOnly Date { get; }

    /// <summary>The year of the date.</summary>
    public int Year => Date.Year;

    /// <summary>The month of the date.</summary>
    public int Month => Date.Month;

    /// <summary>The Korean date of an instant.</summary>
    public static KoreanDate FromInstant(DateTimeOffset instant) =>
        new(DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime));

    /// <summary>Today's date in Korea according to the given clock.</summary>
    public static KoreanDate Today(TimeProvider clock) => FromInstant(clock.GetUtcNow());

    /// <summary>Parses <c>YYYY-MM-DD</c>.</summary>
    public static KoreanDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException(NotADate(text));

    /// <summary>
    /// Reads a date a person typed for an option or a query parameter: null when nothing was
    /// given, else <c>YYYY-MM-DD</c>; anything else is an <see cref="InputException"/> naming
    /// <paramref name="field"/>.
    /// </summary>
    public static KoreanDate? ParseInput(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TryParse(text.Trim(), out var date) ? date
        : throw new InputException(NotADate(text), field: field);

    /// <summary>
    /// Why <paramref name="text"/> is not a date, in plain words: not of the form YYYY-MM-DD, or
    /// of that form but a day no calendar has ("'2025-02-30' is not a day: February 2025 has 28 days.").
    /// </summary>
    public static string NotADate(string? text)
    {
        var match = DayOfForm().Match(text ?? "");
        if (match.Success
            && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var year) && year >= 1
            && int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var month))
        {
            return month is < 1 or > 12
                ? $"'{text}' is not a day: a month is 01 to 12."
                : $"'{text}' is not a day: {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} {year} has {DateTime.DaysInMonth(year, month)} days.";
        }

        return $"'{text}' is not a date of the form YYYY-MM-DD.";
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DayOfForm();

    /// <summary>Parses <c>YYYY-MM-DD</c>, invariant culture.</summary>
    public static bool TryParse(string? text, out KoreanDate date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = new KoreanDate(d);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>The date a number of days later (or earlier, if negative).</summary>
    public KoreanDate AddDays(int days) => new(Date.AddDays(days));

    /// <summary>Whole days from <paramref name="earlier"/> to this date.</summary>
    public int DaysSince(KoreanDate earlier) => Date.DayNumber - earlier.Date.DayNumber;

    /// <summary>A number of days for people: "1 day", "12 days"; or of another day-long unit: "1 event day", "3 event days".</summary>
    internal static string Days(int n, string unit = "day") => n == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{n} {unit}s");

    /// <inheritdoc/>
    public int CompareTo(KoreanDate other) => Date.CompareTo(other.Date);

    /// <summary>Compares two dates.</summary>
    public static bool operator <(KoreanDate left, KoreanDate right) => left.CompareTo(right) < 0;

    /// <summary>Compares two dates.</summary>
    public static bool operator >(KoreanDate left, KoreanDate right) => left.CompareTo(right) > 0;

    /// <summary>Compares two dates.</summary>
    public static bool operator <=(KoreanDate left, KoreanDate right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two dates.</summary>
    public static bool operator >=(KoreanDate left, KoreanDate right) => left.CompareTo(right) >= 0;

    /// <summary>The date as <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

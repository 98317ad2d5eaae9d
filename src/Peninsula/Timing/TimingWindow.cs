using System.Globalization;
using System.Text.RegularExpressions;
using Peninsula.Events;

namespace Peninsula.Timing;

/// <summary>
/// The days around a context event in which a provocation counts as "at the time" of it, written
/// <c>from..to</c> in days. A negative bound counts back from the first day of the event, a
/// positive bound counts on from its last day, and 0 is the event itself:
/// <c>-3..3</c> is three days before the start to three days after the end (for a one-day event,
/// the seven days centred on it); <c>0..0</c> is during the event; <c>1..30</c> is the 30 days
/// after it ends; <c>-7..-1</c> is the week before it begins.
/// </summary>
public readonly partial record struct TimingWindow
{
    /// <summary>The widest window accepted, in days either side.</summary>
    public const int MaxDays = 366;

    /// <summary>Creates a window; <paramref name="from"/> must not be after <paramref name="to"/>.</summary>
    public TimingWindow(int from, int to)
    {
        if (from > to || Math.Abs(from) > MaxDays || Math.Abs(to) > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"A window runs from its first day to its last, each within {MaxDays} days.");
        }

        From = from;
        To = to;
    }

    /// <summary>The first day, relative to the event (see the type's remarks).</summary>
    public int From { get; }

    /// <summary>The last day, relative to the event.</summary>
    public int To { get; }

    /// <summary>Reads <c>-3..3</c>, <c>-3..+3</c>, <c>0..7</c> or a single <c>3</c> (meaning <c>-3..3</c>).</summary>
    public static TimingWindow Parse(string text, string field = "--window")
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new InputException($"'{text}' is not a window. Write it as from..to in days, e.g. -3..3 (three days either side) or 1..30 (the 30 days after).", field: field);
        }

        var first = int.Parse(match.Groups["from"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (!match.Groups["to"].Success)
        {
            first = Math.Abs(first);
            return Checked(-first, first, text, field);
        }

        var last = int.Parse(match.Groups["to"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return Checked(first, last, text, field);
    }

    /// <summary>The first and last Korean date of the window around an event that runs from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public (KoreanDate First, KoreanDate Last) Around(KoreanDate start, KoreanDate end) =>
        (From <= 0 ? start.AddDays(From) : end.AddDays(From), To >= 0 ? end.AddDays(To) : start.AddDays(To));

    /// <summary>
    /// The window in words, to follow "had a launch", for an event called <paramref name="noun"/>:
    /// "within 1 day of the visit" (the visit itself included), "in the 30 days after the summit".
    /// </summary>
    public string Describe(string noun)
    {
        return (From, To) switch
        {
            (0, 0) => $"during the {noun}",
            var (f, t) when f == -t => $"within {KoreanDate.Days(t)} of the {noun}",
            (0, var t) => $"within {KoreanDate.Days(t)} after the {noun}",
            (var f, 0) => $"within {KoreanDate.Days(-f)} before the {noun}",
            (1, var t) => $"in the {KoreanDate.Days(t)} after the {noun}",
            (var f, -1) => $"in the {KoreanDate.Days(-f)} before the {noun}",
            var (f, t) when f > 0 => $"between day {f} and day {t} after the {noun}",
            var (f, t) when t < 0 => $"between {KoreanDate.Days(-f)} and {KoreanDate.Days(-t)} before the {noun}",
            var (f, t) => $"between {KoreanDate.Days(-f)} before the {noun} and {KoreanDate.Days(t)} after it",
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{From}..{To}";


    private static TimingWindow Checked(int from, int to, string text, string field)
    {
        if (from > to)
        {
            throw new InputException($"'{text}': the window's first day ({from}) is after its last ({to}).", field: field);
        }

        if (Math.Abs(from) > MaxDays || Math.Abs(to) > MaxDays)
        {
            throw new InputException($"'{text}': a window reaches at most {MaxDays} days either side.", field: field);
        }

        return new TimingWindow(from, to);
    }

    [GeneratedRegex(@"^(?<from>[+-]?\d{1,4})(?:\s*\.\.\s*(?<to>[+-]?\d{1,4}))?$")]
    private static partial Regex Pattern();
}

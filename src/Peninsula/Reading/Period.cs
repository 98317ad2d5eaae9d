using Peninsula.Events;

namespace Peninsula.Reading;

/// <summary>A span of Korean dates (both ends inclusive) that a claim was read as, with how the article put it.</summary>
internal readonly record struct Period(KoreanDate From, KoreanDate To, string Label)
{
    /// <summary>One day either side: sources give UTC dates where Korean reports give the next day.</summary>
    public const int ToleranceDays = 1;

    public static Period Day(KoreanDate date, string label) => new(date, date, label);

    public static Period Month(int year, int month, string label) =>
        new(new KoreanDate(year, month, 1), new KoreanDate(year, month, DateTime.DaysInMonth(year, month)), label);

    public static Period Year(int year, string label) => new(new KoreanDate(year, 1, 1), new KoreanDate(year, 12, 31), label);

    public int Days => To.DaysSince(From) + 1;

    /// <summary>Whether an event (or a span such as a visit) touches this period, allowing one day either side.</summary>
    public bool Touches(Event e) =>
        e.Date <= To.AddDays(ToleranceDays) && e.LastDate >= From.AddDays(-ToleranceDays);

    /// <summary>Dates as the reasons print them: one day, or <c>from..to</c>.</summary>
    public string Dates => From == To ? From.ToString() : $"{From}..{To}";

    public override string ToString() => Dates;
}

namespace Peninsula.Reading;

/// <summary>
/// The clock an article's dates are written in, against Korea's (UTC+9). A Korean-morning launch
/// is still the evening before in Washington, New York, Hawaii or Europe, so a writer there gives
/// the day before Korea's ("launched a missile Tuesday" for Korea's Wednesday) or, speaking of
/// Korea, Korea's own day, which is the day after the article's date ("early Sunday, local time" in
/// a story dated Saturday).
/// </summary>
public enum WriterClock
{
    /// <summary>Korea's clock or one that gives the same day: Korea's and Japan's own texts (KST, JST).</summary>
    Korea,

    /// <summary>
    /// A clock up to a day behind Korea's (the Americas, Europe, South-East Asia), or one not known:
    /// the article's date, "today" and its weekdays may be the day before Korea's.
    /// </summary>
    Behind,
}

/// <summary>The writer's clocks by the names the command line and the API take.</summary>
public static class WriterClocks
{
    /// <summary>The names, in the order help lists them: <c>korea</c> and <c>behind</c> (the default).</summary>
    public static IReadOnlyList<string> Names { get; } = ["korea", "behind"];

    /// <summary>
    /// The clock named <paramref name="name"/>; when none is given the writer's clock is not known,
    /// which is read as <see cref="WriterClock.Behind"/>: a date that may be a day off then never
    /// refutes on its own. Another name throws an <see cref="InputException"/> for
    /// <paramref name="field"/> that says which names there are.
    /// </summary>
    public static WriterClock Parse(string? name, string field) => name switch
    {
        "korea" => WriterClock.Korea,
        null or "" or "behind" => WriterClock.Behind,
        _ => throw new InputException(
            $"'{name}' is not a clock: korea (Korea's or Japan's own texts) or behind (a US or European outlet, or not known).", field: field),
    };
}

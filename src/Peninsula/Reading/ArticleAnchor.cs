using Peninsula.Events;

namespace Peninsula.Reading;

/// <summary>The date the article's relative and partial dates were read against.</summary>
/// <param name="Date">The anchor date (Korean date), or null when only a year is known or nothing.</param>
/// <param name="Year">The anchor year, when known.</param>
/// <param name="Description">Where the anchor came from, in plain language.</param>
public sealed record ArticleAnchor(KoreanDate? Date, int? Year, string Description)
{
    /// <summary>
    /// The clock the article's date and its relative dates are in: <see cref="WriterClock.Korea"/>
    /// unless the writer's is known or may be behind Korea's, when a date one day off in that
    /// direction is read as the same event and a day or weekday is not certain enough to refute.
    /// </summary>
    public WriterClock Clock { get; init; } = WriterClock.Korea;

    /// <summary>No anchor: the article gives no date and none was given.</summary>
    public static readonly ArticleAnchor None = new(null, null, "none: no publication date was given and the text names no date or year");
}

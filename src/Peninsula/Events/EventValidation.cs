using System.Text.RegularExpressions;

namespace Peninsula.Events;

/// <summary>A field of an event and what is wrong with it.</summary>
/// <param name="Field">The field's name as written in the project's own format.</param>
/// <param name="Message">Why it is refused, in plain words.</param>
public sealed record ValidationProblem(string Field, string Message);

/// <summary>The rules an event must meet before it is stored.</summary>
public static partial class EventValidation
{
    /// <summary>The first and last year the record accepts.</summary>
    public const int FirstYear = 1945, LastYear = 2100;

    /// <summary>Every problem with the event, in field order; empty when it is valid.</summary>
    public static IEnumerable<ValidationProblem> Problems(Event e)
    {
        if (string.IsNullOrWhiteSpace(e.Id) || !IdPattern().IsMatch(e.Id))
        {
            yield return new("id", $"'{e.Id}' is not a valid id: use 1 to 120 lower-case letters, digits and dashes.");
        }

        var classes = Taxonomy.ClassesOf(e.Kind);
        if (e.Class is null)
        {
            if (e.Kind == EventKind.MissileLaunch)
            {
                yield return new("class", $"a missile launch needs a class: one of {string.Join(", ", classes)}.");
            }
        }
        else if (!classes.Contains(e.Class))
        {
            yield return new("class", classes.Count == 0
                ? $"kind '{e.Kind.Slug()}' has no classes, but '{e.Class}' was given."
                : $"'{e.Class}' is not a class of '{e.Kind.Slug()}': use one of {string.Join(", ", classes)}.");
        }

        if (e.Date.Year is < FirstYear or > LastYear)
        {
            yield return new("date", $"{e.Date} is outside the years {FirstYear}-{LastYear}.");
        }

        if (e.DatePrecision == DatePrecision.Month && e.Date.Date.Day != 1)
        {
            yield return new("date", $"a date known only to the month must be the first of the month, not {e.Date}.");
        }

        if (e.EndDate is { } end && end < e.Date)
        {
            yield return new("end_date", $"the end date {end} is before the start date {e.Date}.");
        }

        if (e.UtcInstant is { } instant)
        {
            var gap = Math.Abs(KoreanDate.FromInstant(instant).DaysSince(e.Date));
            if (gap > 1)
            {
                yield return new("utc_instant", $"{instant:yyyy-MM-ddTHH:mmZ} is {gap} days from the Korean date {e.Date}; at most one day of difference is allowed.");
            }
        }

        if (e.Actors.Count == 0)
        {
            yield return new("actors", "at least one actor is needed (e.g. DPRK).");
        }

        foreach (var actor in e.Actors)
        {
            if (!Taxonomy.Actors.ContainsKey(actor))
            {
                yield return new("actors", $"'{actor}' is not a known actor: use one of {string.Join(", ", Taxonomy.Actors.Keys)}.");
            }
        }

        if (e.Actors.Distinct().Count() != e.Actors.Count)
        {
            yield return new("actors", "an actor is listed twice.");
        }

        if (string.IsNullOrWhiteSpace(e.Title))
        {
            yield return new("title", "the title is empty.");
        }
        else if (e.Title.Length > 200)
        {
            yield return new("title", $"the title has {e.Title.Length} characters; at most 200 are allowed.");
        }

        if (e.System is { } system && (string.IsNullOrWhiteSpace(system.Id) || string.IsNullOrWhiteSpace(system.Name)))
        {
            yield return new("system", "a weapon system needs both an id and a name.");
        }

        if (e.Site is { } site)
        {
            if (string.IsNullOrWhiteSpace(site.Name))
            {
                yield return new("site", "a site needs a name.");
            }

            if (site.Latitude is < -90 or > 90)
            {
                yield return new("site_lat", $"latitude {site.Latitude} is outside -90..90.");
            }

            if (site.Longitude is < -180 or > 180)
            {
                yield return new("site_lon", $"longitude {site.Longitude} is outside -180..180.");
            }

            if (site.Latitude.HasValue != site.Longitude.HasValue)
            {
                yield return new("site_lat", "give both latitude and longitude, or neither.");
            }
        }

        foreach (var problem in FigureProblems(e.Figures))
        {
            yield return problem;
        }

        if (e.Sources.Count == 0)
        {
            yield return new("sources", "at least one source is needed.");
        }

        foreach (var source in e.Sources)
        {
            if (string.IsNullOrWhiteSpace(source.Name))
            {
                yield return new("source_name", "a source needs a name.");
            }

            if (source.Url is { } url &&
                !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                yield return new("source_url", $"'{url}' is not an http or https address.");
            }
        }
    }

    private static IEnumerable<ValidationProblem> FigureProblems(EventFigures f)
    {
        if (f.NumberFired is < 1)
        {
            yield return new("number_fired", $"{f.NumberFired} missiles: the number fired must be at least 1.");
        }

        foreach (var (field, value) in new[] { ("apogee_km", f.ApogeeKm), ("range_km", f.RangeKm), ("yield_kt", f.YieldKt), ("yield_kt_low", f.YieldKtLow), ("yield_kt_high", f.YieldKtHigh) })
        {
            if (value is < 0 || (value is { } v && !double.IsFinite(v)))
            {
                yield return new(field, $"{value} is not a non-negative number.");
            }
        }

        if (f.LandingArea is { } area && !LandingPattern().IsMatch(area))
        {
            yield return new("landing_area", $"'{area}' is not a landing area: use lower-case words joined by dashes, such as sea-of-japan.");
        }

        if (f.YieldKtLow > f.YieldKtHigh)
        {
            yield return new("yield_kt_low", $"the low yield {f.YieldKtLow} kt is above the high yield {f.YieldKtHigh} kt.");
        }

        if (f.Magnitude is < 0 or > 10)
        {
            yield return new("magnitude", $"magnitude {f.Magnitude} is outside 0..10.");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LandingPattern();
}

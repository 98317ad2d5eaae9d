using System.Globalization;
using System.Text;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>
/// Reads the context calendars the project compiles (visits, summits, exercises, resolutions,
/// elections, nuclear tests, anniversaries): plain CSV, one event per row, each row with the
/// source URL it was checked against.
/// </summary>
internal static class ContextCalendar
{
    public static readonly IReadOnlyList<string> Columns =
        ["date", "end_date", "kind", "class", "title", "actors", "place", "people", "source_name", "source_url"];

    public static readonly IReadOnlyList<string> NuclearTestColumns =
    [
        "date", "time_utc", "kind", "class", "title", "actors", "site_name", "site_lat", "site_lon",
        "yield_kt", "yield_kt_low", "yield_kt_high", "magnitude_mb", "source_name", "source_url",
    ];

    public static readonly IReadOnlyList<string> AnniversaryColumns =
        ["month_day", "first_year", "last_year", "title", "class", "note", "source_name", "source_url"];

    /// <summary>The optional columns of the common layout.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["note", "resolution_type", "checked_with"];

    /// <summary>
    /// A calendar of dated events (the common layout; <c>note</c>, <c>resolution_type</c> and
    /// <c>checked_with</c>, the address of a second, independent source the row was checked
    /// against, are optional). A checked row carries both sources. A row whose <c>place</c> the
    /// gazetteer of <paramref name="venues"/> knows gets that place as its site, with coordinates.
    /// </summary>
    public static IReadOnlyList<Event> Read(TextReader text, string file, Record.Venues? venues = null)
    {
        var events = new List<Event>();
        foreach (var r in CsvTable.Read(text, file, Columns, OptionalColumns).Records)
        {
            var kind = Taxonomy.ParseKind(r.Required("kind"), r.File, r.Line);
            var date = r.RequiredDate("date");
            var title = r.Required("title");
            var summary = string.Join(" ", new[]
            {
                r.Optional("place") is { } place ? $"Place: {place}." : null,
                r.Optional("resolution_type") is { } type ? $"Resolution type: {type}." : null,
                r.Optional("note"),
            }.Where(s => s is not null));
            events.Add(new Event
            {
                Id = $"{date}-{Slug(title)}",
                Kind = kind,
                Class = r.Optional("class"),
                Date = date,
                EndDate = r.OptionalDate("end_date"),
                Actors = r.List("actors"),
                People = r.List("people"),
                Site = venues?.SiteOf(r.Optional("place")),
                Title = title,
                Summary = summary.Length == 0 ? null : summary,
                Sources = SecondSource(r, date.ToString()) is { } second ? [Source(r, date.ToString(), null), second] : [Source(r, date.ToString(), null)],
            }.Validated(r.File, r.Line));
        }

        return events;
    }

    /// <summary>The <c>checked_with</c> source of a row, named by its host; null when the row was not checked.</summary>
    private static EventSource? SecondSource(CsvRecord r, string date)
    {
        var url = ProvocationRow.CheckedUrl(r, "checked_with");
        if (url is null)
        {
            return null;
        }

        if (url == ProvocationRow.CheckedUrl(r, "source_url"))
        {
            throw r.Error("checked_with", "the second source is the same address as source_url; give an independent source or leave it empty.");
        }

        return new EventSource(new Uri(url).Host, url, date, CheckedWithLabel, DatasetName(r.File), r.Reference);
    }

    /// <summary>The label a second source carries, so that it reads as a check, not as the row's own source.</summary>
    internal const string CheckedWithLabel = "checked with";

    /// <summary>The nuclear-test calendar: the tests with time, site, yield estimates and seismic magnitude.</summary>
    public static IReadOnlyList<Event> ReadNuclearTests(TextReader text, string file)
    {
        var events = new List<Event>();
        foreach (var r in CsvTable.Read(text, file, NuclearTestColumns).Records)
        {
            var date = r.RequiredDate("date");
            DateTimeOffset? instant = null;
            if (r.Optional("time_utc") is { } time)
            {
                instant = TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                    ? InstantOnKoreanDate(date, t)
                    : throw r.Error("time_utc", $"'{time}' is not a time of the form HH:MM.");
            }

            events.Add(new Event
            {
                Id = $"{date}-nuclear-test",
                Kind = Taxonomy.ParseKind(r.Required("kind"), r.File, r.Line),
                Date = date,
                UtcInstant = instant,
                Actors = r.List("actors"),
                Site = new Place(r.Required("site_name"), r.OptionalNumber("site_lat"), r.OptionalNumber("site_lon")),
                Figures = new EventFigures
                {
                    YieldKt = r.OptionalNumber("yield_kt"),
                    YieldKtLow = r.OptionalNumber("yield_kt_low"),
                    YieldKtHigh = r.OptionalNumber("yield_kt_high"),
                    Magnitude = r.OptionalNumber("magnitude_mb"),
                },
                Outcome = Outcome.Success,
                Title = r.Required("title"),
                Sources = [Source(r, date.ToString(), null)],
            }.Validated(r.File, r.Line));
        }

        return events;
    }

    /// <summary>
    /// Recurring anniversaries, expanded into one event per year from <c>first_year</c> to
    /// <c>last_year</c> (or <paramref name="throughYear"/> while still observed).
    /// </summary>
    public static IReadOnlyList<Event> ReadAnniversaries(TextReader text, string file, int throughYear)
    {
        var events = new List<Event>();
        foreach (var r in CsvTable.Read(text, file, AnniversaryColumns).Records)
        {
            var monthDay = r.Required("month_day");
            if (!DateOnly.TryParseExact($"2000-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var probe))
            {
                throw r.Error("month_day", $"'{monthDay}' is not a day of the year of the form MM-DD.");
            }

            var first = Year(r, "first_year") ?? throw r.Error("first_year", "the value is empty.");
            var last = Math.Min(Year(r, "last_year") ?? throughYear, throughYear);
            var title = r.Required("title");
            for (var year = first; year <= last; year++)
            {
                if (probe.Month == 2 && probe.Day == 29 && !DateTime.IsLeapYear(year))
                {
                    continue;
                }

                var date = new KoreanDate(year, probe.Month, probe.Day);
                events.Add(new Event
                {
                    Id = $"{date}-{Slug(title)}",
                    Kind = EventKind.Anniversary,
                    Class = r.Optional("class"),
                    Date = date,
                    Actors = ["DPRK"],
                    Title = $"{title}, {year.ToString(CultureInfo.InvariantCulture)}",
                    Summary = r.Optional("note"),
                    Sources = [Source(r, monthDay, "recurring")],
                }.Validated(r.File, r.Line));
            }
        }

        return events;
    }

    private static int? Year(CsvRecord r, string column)
    {
        var text = r.Optional(column);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= EventValidation.FirstYear and <= EventValidation.LastYear
            ? year
            : throw r.Error(column, $"'{text}' is not a year between {EventValidation.FirstYear} and {EventValidation.LastYear}.");
    }

    /// <summary>The UTC instant at <paramref name="time"/> whose Korean date is <paramref name="date"/> or, failing that, the UTC date itself.</summary>
    private static DateTimeOffset InstantOnKoreanDate(KoreanDate date, TimeOnly time)
    {
        var sameDay = new DateTimeOffset(date.Date.ToDateTime(time), TimeSpan.Zero);
        return KoreanDate.FromInstant(sameDay) == date ? sameDay : sameDay.AddDays(-1);
    }

    private static EventSource Source(CsvRecord r, string date, string? label) =>
        new(r.Required("source_name"), ProvocationRow.CheckedUrl(r, "source_url") ?? throw r.Error("source_url", "every calendar row needs a source URL."),
            date, label, DatasetName(r.File), r.Reference);

    /// <summary>The name of a data set as sources cite it: its path under <c>data/</c>.</summary>
    internal static string DatasetName(string file)
    {
        var name = file.Replace('\\', '/');
        return name.StartsWith("data/", StringComparison.Ordinal) ? name[5..] : name;
    }

    /// <summary>A lower-case, dash-separated form of a title for ids, at most 60 characters, cut at a word.</summary>
    internal static string Slug(string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
            else if (char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString().Trim('-');
        if (slug.Length > 60)
        {
            var cut = slug.LastIndexOf('-', 60);
            slug = slug[..(cut > 20 ? cut : 60)];
        }

        return slug.Length == 0 ? "event" : slug;
    }
}

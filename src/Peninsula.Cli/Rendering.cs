using System.Globalization;
using Peninsula.Events;
using Spectre.Console;

namespace Peninsula.Cli;

/// <summary>How events look in the terminal.</summary>
internal static class Rendering
{
    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A difference with its sign, in the invariant culture: "+0.051", "-0.002", "0.000".</summary>
    public static string Signed(double x, int digits = 3)
    {
        var f = "0." + new string('0', digits);
        return x.ToString($"+{f};-{f};{f}", CultureInfo.InvariantCulture);
    }

    /// <summary>A count with its noun: "1 event", "1,362 events".</summary>
    public static string Count(int n, string one, string? many = null) => $"{Number(n)} {(n == 1 ? one : many ?? one + "s")}";

    /// <summary>
    /// A section's heading: a rule across a terminal; in a file or a pipe, the heading's own line
    /// (a rule there would be as wide as the page the console pretends to have).
    /// </summary>
    public static void Heading(IAnsiConsole console, string markup)
    {
        if (console.Profile.Out.IsTerminal)
        {
            console.Write(new Rule(markup).LeftJustified());
        }
        else
        {
            console.MarkupLine(markup);
        }
    }

    public static string Number(double? x, string unit) =>
        x is { } v ? $"{v.ToString("0.##", CultureInfo.InvariantCulture)} {unit}" : "";

    public static string Date(Event e) =>
        e.DatePrecision == DatePrecision.Month ? e.Date.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : e.EndDate is { } end ? $"{e.Date}..{end}"
        : e.Date.ToString();

    public static Table EventTable(IReadOnlyList<Event> events)
    {
        // As wide as its content needs, at most the console's width: no stretching of short tables.
        var table = new Table().Border(TableBorder.Rounded);
        // An id or a date broken across lines cannot be copied or searched: the title wraps instead.
        table.AddColumn(new TableColumn("Date (KST)").NoWrap());
        table.AddColumn(new TableColumn("Id").NoWrap());
        table.AddColumn("Kind");
        table.AddColumn("Class");
        table.AddColumn("Title");
        table.AddColumn(new TableColumn("Src").RightAligned());
        foreach (var e in events)
        {
            table.AddRow(
                Markup.Escape(Date(e)),
                Markup.Escape(e.Id),
                Markup.Escape(e.Kind.Slug()),
                Markup.Escape(e.Class ?? ""),
                Markup.Escape(e.Title),
                Number(e.Sources.Count));
        }

        return table;
    }

    public static void EventDetails(IAnsiConsole console, Event e)
    {
        var fields = new Table().Border(TableBorder.Rounded).HideHeaders();
        fields.AddColumn("Field");
        fields.AddColumn("Value");
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields.AddRow($"[bold]{name}[/]", Markup.Escape(value));
            }
        }

        Row("Id", e.Id);
        Row("Title", e.Title);
        Row("Kind", e.Kind.Slug());
        Row("Class", e.Class);
        Row("Date (Korea, UTC+9)", e.DatePrecision == DatePrecision.Month ? $"{Date(e)} (month only)" : e.Date.ToString());
        Row("End date (Korea)", e.EndDate?.ToString());
        Row("Time (UTC)", e.UtcInstant?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        Row("Actors", string.Join(", ", e.Actors.Select(a => $"{a} ({Taxonomy.Actors[a]})")));
        Row("People", string.Join(", ", e.People));
        Row("Weapon system", e.System is null ? null : e.System.Name + (e.System.Aliases.Count > 0 ? $" (also: {string.Join(", ", e.System.Aliases)})" : ""));
        Row("Site", e.Site is null ? null : e.Site.Name + (e.Site.Latitude is { } lat ? $" ({lat.ToString("0.####", CultureInfo.InvariantCulture)}, {e.Site.Longitude!.Value.ToString("0.####", CultureInfo.InvariantCulture)})" : ""));
        Row("Number fired", e.Figures.NumberFired?.ToString(CultureInfo.InvariantCulture));
        Row("Apogee", Number(e.Figures.ApogeeKm, "km"));
        Row("Distance", Number(e.Figures.RangeKm, "km"));
        Row("Landing area", e.Figures.LandingArea?.Replace('-', ' '));
        Row("Yield", e.Figures.YieldKt is null ? null
            : Number(e.Figures.YieldKt, "kt") + (e.Figures.YieldKtLow is not null ? $" (estimates {Number(e.Figures.YieldKtLow, "")}- {Number(e.Figures.YieldKtHigh, "kt")})" : ""));
        Row("Seismic magnitude", e.Figures.Magnitude?.ToString("0.0 'mb'", CultureInfo.InvariantCulture));
        Row("Outcome", e.Outcome?.ToString().ToLowerInvariant());
        Row("Summary", e.Summary);
        console.Write(fields);

        console.MarkupLine($"[bold]Sources[/] ({e.Sources.Count})");
        foreach (var s in e.Sources)
        {
            var label = s.OriginalLabel is null ? "" : $" [grey]label:[/] {Markup.Escape(s.OriginalLabel)}";
            var record = s.Dataset is null ? "" : $" [grey]record:[/] {Markup.Escape($"{s.Dataset} {s.Record}".Trim())}";
            console.MarkupLine($"- {Markup.Escape(s.Name)}{(s.Date is null ? "" : $", {Markup.Escape(s.Date)}")}{label}{record}");
            if (s.Url is not null)
            {
                console.WriteLine($"  {s.Url}");
            }
        }
    }
}

using System.Globalization;
using CsvHelper;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>
/// The project's own CSV format: one row per source of an event, the event's fields repeated on
/// each of its rows, lists separated by <c>;</c>. A person can review it in a diff and a
/// spreadsheet can open it; export then import gives the same record.
/// </summary>
public static class EventCsv
{
    /// <summary>The columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "kind", "class", "date", "date_precision", "end_date", "utc_instant", "actors", "people",
        "system_id", "system_name", "system_aliases", "site_name", "site_lat", "site_lon",
        "number_fired", "apogee_km", "range_km", "landing_area", "yield_kt", "yield_kt_low", "yield_kt_high", "magnitude",
        "outcome", "title", "summary",
        "source_name", "source_url", "source_date", "source_label", "source_dataset", "source_record", "source_importer",
    ];

    // Columns that came after the first format (source_importer with schema 2, landing_area with
    // schema 8): files written before them still read.
    private static readonly string[] Later = ["landing_area", "source_importer"];

    private static readonly int SourceColumns = Columns.Count - Columns.ToList().IndexOf("source_name");

    // Numbers are written as numbers: "-12.5" is a longitude, not a formula.
    private static readonly HashSet<string> NumberColumns =
        new(["site_lat", "site_lon", "number_fired", "apogee_km", "range_km", "landing_area", "yield_kt", "yield_kt_low", "yield_kt_high", "magnitude"], StringComparer.Ordinal);

    /// <summary>Writes events, one row per source.</summary>
    public static void Write(IEnumerable<Event> events, TextWriter output)
    {
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        foreach (var e in events)
        {
            var doc = EventDocument.From(e);
            string?[] fields =
            [
                doc.Id, doc.Kind, doc.Class, doc.Date, doc.DatePrecision, doc.EndDate, doc.UtcInstant,
                string.Join(';', e.Actors), string.Join(';', e.People),
                e.System?.Id, e.System?.Name, e.System is null ? null : string.Join(';', e.System.Aliases),
                e.Site?.Name, Number(e.Site?.Latitude), Number(e.Site?.Longitude),
                Number(e.Figures.NumberFired), Number(e.Figures.ApogeeKm), Number(e.Figures.RangeKm), e.Figures.LandingArea, Number(e.Figures.YieldKt),
                Number(e.Figures.YieldKtLow), Number(e.Figures.YieldKtHigh), Number(e.Figures.Magnitude),
                doc.Outcome, e.Title, e.Summary,
            ];
            foreach (var s in e.Sources)
            {
                string?[] row = [.. fields, s.Name, s.Url, s.Date, s.OriginalLabel, s.Dataset, s.Record, s.Importer];
                csv.WriteRecord([.. row.Select((f, i) => NumberColumns.Contains(Columns[i]) ? f ?? "" : SpreadsheetText.Neutralise(f ?? ""))]);
            }
        }

        csv.Flush();
    }

    /// <summary>
    /// Reads events. Rows of one event must be adjacent and agree on every event field; each bad
    /// value is reported with its file, line and field.
    /// </summary>
    public static IReadOnlyList<Event> Read(TextReader text, string file)
    {
        var table = CsvTable.Read(text, file, [.. Columns.Except(Later)], Later, formulasNeutralised: true);
        var events = new List<Event>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        CsvRecord? first = null;
        var sources = new List<EventSource>();

        void Flush()
        {
            if (first is null)
            {
                return;
            }

            var e = ToEvent(first) with { Sources = [.. sources] };
            events.Add(e.Validated(file, first.Line));
            sources.Clear();
        }

        foreach (var r in table.Records)
        {
            var id = r.Required("id");
            if (first is null || first.Required("id") != id)
            {
                Flush();
                if (!seen.Add(id))
                {
                    throw r.Error("id", $"the rows of event '{id}' must be adjacent; it appears again here.");
                }

                first = r;
            }
            else
            {
                foreach (var column in Columns.Take(Columns.Count - SourceColumns))
                {
                    if (r.Optional(column) != first.Optional(column))
                    {
                        throw r.Error(column, $"event '{id}' has '{r.Optional(column)}' here but '{first.Optional(column)}' on line {first.Line}; the event fields must repeat unchanged on each of its rows.");
                    }
                }
            }

            sources.Add(new EventSource(r.Required("source_name"), ProvocationRow.CheckedUrl(r, "source_url"), r.Optional("source_date"),
                r.Optional("source_label"), r.Optional("source_dataset"), r.Optional("source_record"), r.Optional("source_importer")));
        }

        Flush();
        return events;
    }

    private static Event ToEvent(CsvRecord r)
    {
        int? numberFired = null;
        if (r.OptionalNumber("number_fired") is { } n)
        {
            numberFired = n == Math.Floor(n) && n is >= 0 and <= int.MaxValue ? (int)n : throw r.Error("number_fired", $"'{n}' is not a whole number.");
        }

        var doc = new EventDocument
        {
            Id = r.Required("id"),
            Kind = r.Required("kind"),
            Class = r.Optional("class"),
            Date = r.Required("date"),
            DatePrecision = r.Optional("date_precision"),
            EndDate = r.Optional("end_date"),
            UtcInstant = r.Optional("utc_instant"),
            Actors = [.. r.List("actors")],
            People = [.. r.List("people")],
            System = r.Optional("system_id") is { } systemId
                ? new EventDocument.SystemDocument { Id = systemId, Name = r.Optional("system_name"), Aliases = [.. r.List("system_aliases")] }
                : null,
            Site = r.Optional("site_name") is { } site
                ? new EventDocument.SiteDocument { Name = site, Latitude = r.OptionalNumber("site_lat"), Longitude = r.OptionalNumber("site_lon") }
                : null,
            Figures = new EventDocument.FiguresDocument
            {
                NumberFired = numberFired,
                ApogeeKm = r.OptionalNumber("apogee_km"),
                RangeKm = r.OptionalNumber("range_km"),
                LandingArea = r.Optional("landing_area"),
                YieldKt = r.OptionalNumber("yield_kt"),
                YieldKtLow = r.OptionalNumber("yield_kt_low"),
                YieldKtHigh = r.OptionalNumber("yield_kt_high"),
                Magnitude = r.OptionalNumber("magnitude"),
            },
            Outcome = r.Optional("outcome"),
            Title = r.Optional("title"),
            Summary = r.Optional("summary"),
            Sources = [new EventDocument.SourceDocument { Name = "placeholder" }],
        };
        return doc.ToEvent(r.File, r.Line);
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}

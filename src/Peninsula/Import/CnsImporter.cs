using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using ExcelDataReader;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Import;

/// <summary>
/// The CNS North Korea Missile Test Database as CNS distributes it: the spreadsheet (.xlsx, the
/// data on the sheet <c>Missile Tests</c>, the header below a title row) and CSV exports of it
/// (Latin-1, Windows line ends, multi-line quoted cells). One row per missile; rows of one launch
/// (same day, system and site) become one event with the number fired. Dates like <c>9-Apr-84</c>
/// and month-only <c>Sep-84</c>; figures as text with units (<c>1,380 km</c>, <c>Unknown</c>).
/// Columns are found by name, so a later edition that moves them still reads.
/// </summary>
public sealed partial class CnsImporter : SourceImporter
{
    private static readonly string[] Required = ["Date", "Missile Name", "Missile Type", "Facility Name", "Test Outcome"];

    private static readonly string[] Known =
    [
        "F1", "Date", "Date Entered/Updated", "Launch Time (UTC)", "Missile Name", "Missile Type", "Launch Agency/Authority",
        "Facility Name", "Facility Location", "Other Name", "Facility Latitude", "Facility Longitude", "Landing Location",
        "Apogee", "Distance Travelled", "Confirmation Status", "Test Outcome", "Additional Information", "Source(s)",
    ];

    /// <summary>Other spellings of the same columns in other editions.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Distance Traveled"] = "Distance Travelled",
        ["Launch Time"] = "Launch Time (UTC)",
        ["Launch Time UTC"] = "Launch Time (UTC)",
        ["Sources"] = "Source(s)",
        ["Outcome"] = "Test Outcome",
        ["Latitude"] = "Facility Latitude",
        ["Longitude"] = "Facility Longitude",
    };

    /// <inheritdoc/>
    public override string Name => "cns";

    /// <inheritdoc/>
    public override int Version => 1;

    /// <inheritdoc/>
    public override string Description => "CNS North Korea Missile Test Database: the .xlsx spreadsheet or a .csv export of it.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".xlsx", ".csv"];

    /// <summary>
    /// The edition a header belongs to. Every edition published from 2017 to 2023 has the same 19
    /// columns (F1 to Source(s)); a header that differs (moved, renamed or new columns) is read by
    /// column name, and the summary says so.
    /// </summary>
    internal static string Layout(IReadOnlyList<string> header, bool spreadsheet) =>
        (spreadsheet ? "spreadsheet" : "CSV export") +
        (header.SequenceEqual(Known) ? ", the 2017-2023 edition layout (19 columns, F1 to Source(s))" : $", an unrecognised layout of {header.Count} columns, read by column name");

    /// <inheritdoc/>
    public override ImportBatch Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);

        // ExcelDataReader looks up the Windows-1252 code page when it starts, even for .xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var table = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadSpreadsheet(path) : ReadCsv(path);
        var batch = new ImportBatch { Input = path, Layout = Layout(table.Header, path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) };
        var missiles = new List<MissileTestRow>();
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (row.Cells.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                batch.Rows++;
                missiles.Add(Parse(row, path, batch.Warnings));
            }
            catch (InputException ex)
            {
                batch.Rejections.Add(new Rejection(path, ex.Line, ex.Field, ex.Reason));
            }
        }

        var merged = RecordMerger.Merge(missiles, [], BundledRecord.Labels, BundledRecord.Systems, BundledRecord.Sites, [], [], []);
        batch.Warnings.AddRange(merged.UnknownSites.Select(u => new Rejection(path, u.Line, u.Field, u.Reason)));
        var events = merged.Events;
        batch.Events.AddRange(events.Select(e => e with
        {
            Sources = [.. e.Sources.Select(s => s with
            {
                Name = $"CNS North Korea Missile Test Database ({Path.GetFileName(path)})",
                Dataset = Path.GetFileName(path),
                Importer = Tag,
            })],
        }));
        return batch;
    }

    private static MissileTestRow Parse(Row row, string path, List<Rejection> warnings)
    {
        var (date, precision) = ParseDate(row, path);
        var name = row.Required("Missile Name", path);
        var typeText = row.Required("Missile Type", path);
        var missileClass = typeText.Trim().ToLowerInvariant() switch
        {
            var t when Taxonomy.MissileClasses.Contains(t) => t,
            "cruise missile" => "cruise",
            "unknown" or "n/a" => "unknown",
            _ => throw row.Error("Missile Type", $"'{typeText}' is not a missile type CNS uses (SRBM, MRBM, IRBM, ICBM, SLBM, HGV, SLV, Unknown).", path),
        };
        var outcomeText = row.Required("Test Outcome", path);
        var outcome = outcomeText.Trim().ToLowerInvariant() switch
        {
            "success" => Outcome.Success,
            "failure" or "fail" => Outcome.Failure,
            "unknown" or "n/a" => Outcome.Unknown,
            _ => throw row.Error("Test Outcome", $"'{outcomeText}' is not an outcome (Success, Failure, Unknown).", path),
        };
        var facility = row.Optional("Facility Name");
        var unknownFacility = facility is null || facility.Equals("Unknown", StringComparison.OrdinalIgnoreCase);
        return new MissileTestRow(
            path,
            row.Line,
            date,
            precision,
            ParseTime(row, path),
            SystemId(name),
            name,
            missileClass,
            unknownFacility ? "unknown" : ContextCalendar.Slug(facility!),
            unknownFacility ? "Unknown" : facility!,
            Coordinate(row, "Facility Latitude", path),
            Coordinate(row, "Facility Longitude", path),
            row.Optional("Landing Location") is { } landing && !landing.Equals("Unknown", StringComparison.OrdinalIgnoreCase) ? ContextCalendar.Slug(landing) : "unknown",
            Kilometres(row, "Apogee", path, warnings),
            Kilometres(row, "Distance Travelled", path, warnings),
            outcome);
    }

    /// <summary>The system id the bundled record uses: the name without its parenthesis, as a slug ("Hwasong-11A (KN-23)" is hwasong-11a).</summary>
    internal static string SystemId(string name)
    {
        var bare = Parenthesis().Replace(name, "").Trim();
        var id = ContextCalendar.Slug(bare.Length == 0 ? name : bare);
        return id.Length > 0 ? id : "unknown";
    }

    private static (DateOnly Date, DatePrecision Precision) ParseDate(Row row, string path)
    {
        if (row.Dates.TryGetValue("Date", out var cell))
        {
            return cell;
        }

        var text = row.Required("Date", path).Trim();
        var culture = CultureInfo.InvariantCulture;
        string[] dayFormats = ["d-MMM-yy", "d-MMM-yyyy", "d MMM yy", "d MMM yyyy", "M/d/yyyy", "M/d/yy", "yyyy-MM-dd"];
        string[] monthFormats = ["MMM-yy", "MMM-yyyy", "MMM yy", "MMM yyyy", "yyyy-MM"];
        var twoDigit = (Calendar)culture.Calendar.Clone();
        twoDigit.TwoDigitYearMax = 2049; // 84 is 1984, 23 is 2023: CNS begins in 1984.
        var format = (DateTimeFormatInfo)culture.DateTimeFormat.Clone();
        format.Calendar = twoDigit;
        if (DateTime.TryParseExact(text, dayFormats, format, DateTimeStyles.None, out var day))
        {
            return (DateOnly.FromDateTime(day), DatePrecision.Day);
        }

        if (DateTime.TryParseExact(text, monthFormats, format, DateTimeStyles.None, out var month))
        {
            return (new DateOnly(month.Year, month.Month, 1), DatePrecision.Month);
        }

        throw row.Error("Date", $"'{text}' is not a date CNS writes (9-Apr-84, or Sep-84 for a month).", path);
    }

    private static TimeOnly? ParseTime(Row row, string path)
    {
        if (row.Times.TryGetValue("Launch Time (UTC)", out var time))
        {
            return time;
        }

        var text = row.Optional("Launch Time (UTC)");
        if (text is null || text.Equals("Unknown", StringComparison.OrdinalIgnoreCase) || text.Equals("N/A", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string[] formats = ["h:mm:ss tt", "h:mm tt", "H:mm:ss", "H:mm"];
        return DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? TimeOnly.FromDateTime(parsed)
            : throw row.Error("Launch Time (UTC)", $"'{text}' is not a time (10:10:00 PM or 22:10).", path);
    }

    /// <summary>
    /// A distance written as CNS writes it: <c>1,380 km</c>, <c>2111.5 km</c>, <c>between 25 and 90 km</c>
    /// (the upper figure), or <c>Unknown</c>/<c>N/A</c>/empty (no figure). Anything else (another
    /// unit, a typo such as <c>330 lm</c>) is left empty with a warning: the launch itself is kept.
    /// </summary>
    internal static double? Kilometres(Row row, string column, string path, List<Rejection> warnings)
    {
        var text = row.Optional(column);
        if (text is null || text.Equals("Unknown", StringComparison.OrdinalIgnoreCase) || text.Equals("N/A", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = Distance().Match(text.Trim());
        if (!match.Success)
        {
            warnings.Add(new Rejection(path, row.Line, column, $"'{text}' is not a distance in km (e.g. 1,380 km); left empty."));
            return null;
        }

        var figures = match.Groups["n"].Captures.Select(c => double.Parse(c.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        return figures.Max();
    }

    private static double? Coordinate(Row row, string column, string path)
    {
        var text = row.Optional(column);
        if (text is null || text.Equals("Unknown", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= 180
            ? value
            : throw row.Error(column, $"'{text}' is not a coordinate in decimal degrees.", path);
    }

    private static Table ReadCsv(string path)
    {
        // CNS's CSV exports are Windows-1252/Latin-1 with CRLF line ends; CsvHelper handles the
        // quoted cells that run over several lines.
        using var text = new StreamReader(path, Encoding.Latin1);
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, TrackLineNumbers = true, SkipEmptyLines = true, MaxRecordSize = CsvTable.MaxLineBytes };
        try
        {
            using var reader = CsvReader.Create(text, options, leaveOpen: true);
            CsvTable.CheckWidth(reader.Headers.Count, path);
            var header = Header(reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray(), path, 1);
            var rows = new List<Row>();
            while (reader.Read())
            {
                var fields = reader.Current.ToArray();
                var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length && i < fields.Length; i++)
                {
                    cells.TryAdd(header[i], fields[i]);
                }

                rows.Add(new Row(reader.LineNumber, cells, [], []));
            }

            return new Table(header, rows);
        }
        catch (CsvFormatException ex)
        {
            throw CsvTable.TooLong(ex, path);
        }
    }

    private static Table ReadSpreadsheet(string path)
    {
        try
        {
            using (var zip = ZipFile.OpenRead(path))
            {
                SafeZip.Check(zip, path, SafeZip.Spreadsheet);
            }

            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.Latin1 });
            do
            {
                var table = ReadSheet(reader, path);
                if (table is not null)
                {
                    return table;
                }
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is InvalidDataException or ExcelDataReader.Exceptions.HeaderException or System.Xml.XmlException or EndOfStreamException)
        {
            throw new InputException($"the spreadsheet cannot be read ({ex.Message.TrimEnd('.')}); it may be truncated or not an .xlsx file.", path);
        }

        throw new InputException($"no sheet has a header with the columns {string.Join(", ", Required)} (CNS keeps the data on the sheet 'Missile Tests').", path);
    }

    /// <summary>Reads a sheet whose header (within its first ten rows) names the required columns; null for any other sheet.</summary>
    private static Table? ReadSheet(IExcelDataReader reader, string path)
    {
        string[]? header = null;
        var rows = new List<Row>();
        var line = 0;
        while (reader.Read())
        {
            line++;
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)).ToArray();
            if (header is null)
            {
                var names = values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "").ToArray();
                if (Required.All(r => names.Contains(r, StringComparer.OrdinalIgnoreCase) || names.Any(n => Aliases.TryGetValue(n, out var a) && a == r)))
                {
                    header = Header(names, path, line);
                }
                else if (line >= 10)
                {
                    return null;
                }

                continue;
            }

            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            var dates = new Dictionary<string, (DateOnly, DatePrecision)>(StringComparer.Ordinal);
            var times = new Dictionary<string, TimeOnly?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < values.Length; i++)
            {
                var value = values[i];
                if (value is DateTime when && header[i] == "Date")
                {
                    // A date cell formatted without the day ("mmm-yy") is CNS's month-only date.
                    var format = reader.GetNumberFormatString(i) ?? "";
                    dates[header[i]] = (DateOnly.FromDateTime(when), format.Contains('d', StringComparison.OrdinalIgnoreCase) ? DatePrecision.Day : DatePrecision.Month);
                }
                else if (value is DateTime clock && header[i] == "Launch Time (UTC)")
                {
                    times[header[i]] = TimeOnly.FromDateTime(clock);
                }
                else if (value is double fraction && header[i] == "Launch Time (UTC)" && fraction is >= 0 and < 1)
                {
                    times[header[i]] = TimeOnly.FromTimeSpan(TimeSpan.FromDays(fraction));
                }

                cells.TryAdd(header[i], value switch
                {
                    null => null,
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                });
            }

            rows.Add(new Row(line, cells, dates, times));
        }

        return header is null ? null : new Table(header, rows);
    }

    private static string[] Header(string[] names, string path, long line)
    {
        var header = names.Select(n => Aliases.TryGetValue(n, out var canonical) ? canonical : n).ToArray();
        var missing = Required.Where(r => !header.Contains(r, StringComparer.Ordinal)).ToList();
        return missing.Count == 0
            ? header
            : throw new InputException(
                $"this is not a CNS missile test table: the header lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}. " +
                $"Expected columns: {string.Join(", ", Known)}; found: {string.Join(", ", names)}.",
                path, line, missing[0]);
    }

    [GeneratedRegex(@"\s*\(.*?\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"^(?:(?:between|about|approximately|approx\.?|~)\s*)?(?<n>\d[\d,]*(?:\.\d+)?)(?:\s*(?:and|to|-)\s*(?<n>\d[\d,]*(?:\.\d+)?))?\s*(?:km)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Distance();

    private sealed record Table(string[] Header, List<Row> Rows);

    /// <summary>One data row: text cells by column, plus the typed date and time cells a spreadsheet gives.</summary>
    internal sealed record Row(long Line, Dictionary<string, string?> Cells, Dictionary<string, (DateOnly, DatePrecision)> Dates, Dictionary<string, TimeOnly?> Times)
    {
        public string? Optional(string column) =>
            Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        public string Required(string column, string path) => Optional(column) ?? throw Error(column, "the value is empty.", path);

        public InputException Error(string column, string message, string path) => new(message, path, Line, column);
    }
}

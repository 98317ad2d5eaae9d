using System.Globalization;
using CsvHelper;
using Peninsula.Events;

namespace Peninsula.Import;

/// <summary>
/// A CSV file with a header, read record by record with its line number so that every error can
/// name file, line and field. Parsing (quotes, embedded new lines) is CsvHelper's; the rules of
/// each layout are the caller's.
/// </summary>
internal sealed class CsvTable
{
    /// <summary>The longest line (record) read, in bytes of UTF-8; a longer one is refused, not buffered.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>The most fields a line may have; Peninsula's widest layout has 32.</summary>
    public const int MaxFields = 1000;

    /// <summary>How many header names an error message quotes at most.</summary>
    private const int QuotedColumns = 40;

    private CsvTable(List<CsvRecord> records) => Records = records;

    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>
    /// Reads the whole table. The header must hold every required column; a missing one is
    /// reported with the full list of expected columns.
    /// </summary>
    /// <remarks>
    /// A row with more or fewer fields than the header is an <see cref="InputException"/> at once,
    /// or, with <paramref name="keepBadRows"/>, a record whose <see cref="CsvRecord.Problem"/> says so,
    /// for a reader that names every bad row in one message.
    /// </remarks>
    /// <remarks>
    /// With <paramref name="onlyKnownColumns"/> a column neither required nor optional is refused by
    /// name (with the known column it is probably a slip for), as a JSON reader refuses an unknown
    /// field: a misspelt <c>probabilty</c> was otherwise dropped and its values reported missing.
    /// </remarks>
    public static CsvTable Read(TextReader text, string file, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null, bool formulasNeutralised = false, bool keepBadRows = false, bool onlyKnownColumns = false)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = MaxLineBytes,
        };
        try
        {
            return Read(CsvReader.Create(text, options, leaveOpen: true), file, required, optional, formulasNeutralised, keepBadRows, onlyKnownColumns);
        }
        catch (CsvFormatException ex)
        {
            throw TooLong(ex, file);
        }
    }

    /// <summary>The error for a line over <see cref="MaxLineBytes"/>, by file, line and field.</summary>
    public static InputException TooLong(CsvFormatException ex, string file)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return new InputException(
            string.Create(CultureInfo.InvariantCulture, $"the line is longer than {MaxLineBytes / 1024} KB, or a quote is never closed; Peninsula reads lines up to that length."),
            file, ex.LineNumber > 0 ? ex.LineNumber : null, ex.FieldIndex >= 0 ? $"field {ex.FieldIndex + 1}" : null);
    }

    /// <summary>Refuses a header of more than <see cref="MaxFields"/> columns without quoting it.</summary>
    public static void CheckWidth(int columns, string file)
    {
        if (columns > MaxFields)
        {
            throw new InputException(
                string.Create(CultureInfo.InvariantCulture, $"the header has {columns} columns; Peninsula reads at most {MaxFields}."), file, 1, $"column {MaxFields + 1}");
        }
    }

    private static CsvTable Read(CsvReader csv, string file, IReadOnlyList<string> required, IReadOnlyList<string>? optional, bool formulasNeutralised, bool keepBadRows, bool onlyKnownColumns)
    {
        using var reader = csv;
        CheckWidth(reader.Headers.Count, file);

        var header = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            throw new InputException("the file is empty; expected a header row.", file, 1);
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i], i);
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            // The optional columns are named apart: listed after the required ones they would read as out of the file's order.
            var expected = string.Join(",", required) + (optional is { Count: > 0 } ? $" (and, optional: {string.Join(",", optional)})" : "");
            throw new InputException(
                $"the header lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}. Expected columns: {expected}; found: {Quote(header)}.",
                file, 1, missing[0]);
        }

        if (onlyKnownColumns)
        {
            var known = required.Concat(optional ?? []).ToList();
            if (header.FirstOrDefault(h => !known.Contains(h, StringComparer.Ordinal)) is { } unknown)
            {
                var near = Spelling.Closest(unknown, known, 1);
                throw new InputException(
                    $"'{unknown}' is not a column of this file.{(near.Count > 0 ? $" Did you mean '{near[0]}'?" : "")} The columns: {string.Join(",", known)}.",
                    file, 1, unknown);
            }
        }

        var records = new List<CsvRecord>();
        while (reader.Read())
        {
            var line = reader.LineNumber;
            if (reader.FieldCount != header.Length)
            {
                // A short row is named by the first column it lacks; a long one by its first field past the header.
                // A quote never closed reads the rest of the file into one field: that field holds line breaks.
                var read = reader.Current.ToArray();
                var unclosed = Array.FindIndex(read, f => f.Contains('\n', StringComparison.Ordinal));
                var problem = unclosed >= 0 && unclosed < header.Length
                    ? new InputException("a quote opened in this field is never closed, so the lines after it were read into it; close the quote (a quote inside a field is written twice: \"\").", file, line, header[unclosed])
                    : reader.FieldCount < header.Length
                    ? new InputException($"the row has {reader.FieldCount} fields, but the header has {header.Length}: it ends before this column.", file, line, header[reader.FieldCount])
                    : new InputException($"the row has {reader.FieldCount} fields, but the header has {header.Length}.", file, line, $"field {header.Length + 1}");
                if (!keepBadRows)
                {
                    throw problem;
                }

                records.Add(new CsvRecord(file, line, columns, new string[header.Length]) { Problem = problem });
                continue;
            }

            var fields = reader.Current.ToArray();
            if (formulasNeutralised)
            {
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = SpreadsheetText.Restore(fields[i]);
                }
            }

            records.Add(new CsvRecord(file, line, columns, fields));
        }

        return new CsvTable(records);
    }

    /// <summary>The header as an error message quotes it: the first columns, each cut short, and how many more there are.</summary>
    private static string Quote(string[] header)
    {
        var shown = header.Take(QuotedColumns).Select(h => h.Length > 40 ? h[..40] + "..." : h);
        return string.Join(",", shown) + (header.Length > QuotedColumns ? string.Create(CultureInfo.InvariantCulture, $" and {header.Length - QuotedColumns} more") : "");
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>, with typed getters that report bad values by file, line and field.</summary>
internal sealed class CsvRecord(string file, long line, Dictionary<string, int> columns, string[] fields)
{
    public string File { get; } = file;

    /// <summary>Why the row cannot be read (its width), when the table was read keeping bad rows; null for a good row.</summary>
    public InputException? Problem { get; init; }

    public long Line { get; } = line;

    /// <summary>The trimmed value, or null when the column is absent or the cell empty.</summary>
    public string? Optional(string column) =>
        columns.TryGetValue(column, out var i) && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;

    public string Required(string column) => Optional(column) ?? throw Error(column, "the value is empty.");

    public double? OptionalNumber(string column)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(column, $"'{text}' is not a number.");
    }

    public KoreanDate RequiredDate(string column)
    {
        var text = Required(column);
        return KoreanDate.TryParse(text, out var date) ? date : throw Error(column, KoreanDate.NotADate(text));
    }

    public KoreanDate? OptionalDate(string column) => Optional(column) is null ? null : RequiredDate(column);

    public IReadOnlyList<string> List(string column) =>
        Optional(column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public InputException Error(string column, string message) => new(message, File, Line, column);

    public string Reference => $"line {Line.ToString(CultureInfo.InvariantCulture)}";
}

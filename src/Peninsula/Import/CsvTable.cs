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
    private CsvTable(List<CsvRecord> records) => Records = records;

    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>
    /// Reads the whole table. The header must hold every required column; a missing one is
    /// reported with the full list of expected columns.
    /// </summary>
    public static CsvTable Read(TextReader text, string file, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
        };
        using var reader = CsvReader.Create(text, options, leaveOpen: true);
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
            var expected = string.Join(",", required.Concat(optional ?? []));
            throw new InputException(
                $"the header lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}. Expected columns: {expected}; found: {string.Join(",", header)}.",
                file, 1, missing[0]);
        }

        var records = new List<CsvRecord>();
        while (reader.Read())
        {
            var line = reader.LineNumber;
            if (reader.FieldCount != header.Length)
            {
                throw new InputException($"the row has {reader.FieldCount} fields, but the header has {header.Length}.", file, line);
            }

            records.Add(new CsvRecord(file, line, columns, reader.Current.ToArray()));
        }

        return new CsvTable(records);
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>, with typed getters that report bad values by file, line and field.</summary>
internal sealed class CsvRecord(string file, long line, Dictionary<string, int> columns, string[] fields)
{
    public string File { get; } = file;

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
        return KoreanDate.TryParse(text, out var date) ? date : throw Error(column, $"'{text}' is not a date of the form YYYY-MM-DD.");
    }

    public KoreanDate? OptionalDate(string column) => Optional(column) is null ? null : RequiredDate(column);

    public IReadOnlyList<string> List(string column) =>
        Optional(column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public InputException Error(string column, string message) => new(message, File, Line, column);

    public string Reference => $"line {Line.ToString(CultureInfo.InvariantCulture)}";
}

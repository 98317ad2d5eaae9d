using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Peninsula.Import;

/// <summary>
/// GDELT event exports: 2.0 fifteen-minute files (<c>*.export.CSV</c>, 61 tab-separated columns,
/// also zipped) and 1.0 daily files (57 columns, 58 with SOURCEURL), any number of files or a
/// folder. Keeps the rows where an actor's country is <c>PRK</c> or the action is located in
/// North Korea (<c>KN</c>), as media signals, not as verified events.
/// </summary>
public sealed class GdeltImporter : SourceImporter
{
    /// <inheritdoc/>
    public override string Name => "gdelt";

    /// <inheritdoc/>
    public override int Version => 1;

    /// <inheritdoc/>
    public override string Description => "GDELT 2.0 event exports (*.export.CSV, also .zip) and GDELT 1.0 daily event files; keeps rows about North Korea.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".export.CSV", ".export.CSV.zip", ".CSV", ".CSV.zip", ".tsv", ".txt"];

    /// <inheritdoc/>
    public override ImportBatch Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var batch = new GdeltBatch(new ImportBatch { Input = path }, Tag);
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            batch.ReadArchive(zip, path, Path.GetFileName(path), cancellationToken);
        }
        else
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            batch.Read(stream, Path.GetFileName(path), path, cancellationToken);
        }

        return batch.Batch;
    }
}

/// <summary>
/// The rows about North Korea of one or more GDELT export files, gathered into one batch as
/// signals (each GLOBALEVENTID once): the importer's and the GDELT watch's one way of reading them.
/// </summary>
/// <param name="batch">The batch the rows go into.</param>
/// <param name="importer">The importer's name and version, stored in each signal's provenance.</param>
internal sealed class GdeltBatch(ImportBatch batch, string importer)
{
    private readonly HashSet<long> _seen = [];

    /// <summary>The batch the rows go into.</summary>
    public ImportBatch Batch => batch;

    /// <summary>Reads every export file of an archive, each checked against the limits for GDELT archives first.</summary>
    /// <param name="zip">The archive.</param>
    /// <param name="file">The archive's path or URL, named in errors.</param>
    /// <param name="fileName">Its short name, which with the entry's name makes each signal's provenance.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public void ReadArchive(ZipArchive zip, string file, string fileName, CancellationToken cancellationToken)
    {
        SafeZip.Check(zip, file, SafeZip.Gdelt);
        foreach (var entry in zip.Entries.Where(e => e.Length > 0))
        {
            using var stream = SafeZip.Open(entry, file, SafeZip.Gdelt);
            var name = $"{fileName}!{entry.FullName}";
            Read(stream, name, name, cancellationToken);
        }
    }

    /// <summary>Reads one export file: the rows about North Korea become signals, bad rows rejections naming <paramref name="rejectAs"/>.</summary>
    public void Read(Stream stream, string name, string rejectAs, CancellationToken cancellationToken)
    {
        var counts = GdeltScanner.Scan(
            stream,
            (row, line) =>
            {
                if (_seen.Add(row.GlobalEventId))
                {
                    batch.Signals.Add(row.ToSignal(new Provenance(importer, name, $"line {line.ToString(CultureInfo.InvariantCulture)}")));
                }
            },
            (line, field, reason) => batch.Rejections.Add(new Rejection(rejectAs, line, field, reason)),
            cancellationToken);
        batch.Skipped += counts.Rows - counts.Kept - counts.Rejected;
        batch.Rows += counts.Rows;
    }
}

/// <summary>One GDELT row about North Korea, parsed.</summary>
internal readonly record struct GdeltRow(
    long GlobalEventId, DateOnly Day, DateTimeOffset? DateAdded, string? Actor1Country, string? Actor2Country, string? ActionCountry,
    string EventCode, string EventRootCode, int QuadClass, double? Goldstein, int? Mentions, double? Tone, string? SourceUrl)
{
    public MediaSignal ToSignal(Provenance provenance) => new()
    {
        GlobalEventId = GlobalEventId,
        Day = Day,
        DateAdded = DateAdded,
        Actor1Country = Actor1Country,
        Actor2Country = Actor2Country,
        ActionCountry = ActionCountry,
        EventCode = EventCode,
        EventRootCode = EventRootCode,
        QuadClass = QuadClass,
        Goldstein = Goldstein,
        Mentions = Mentions,
        Tone = Tone,
        SourceUrl = SourceUrl,
        Provenance = provenance,
    };
}

/// <summary>
/// The filter over raw GDELT bytes, built for speed: a block of whole lines is searched for
/// <c>PRK</c> and <c>\tKN\t</c> with vectorised searches, and only the lines that hold one are
/// split into columns. Column counts are checked per block by counting tabs and new lines; a block
/// whose counts do not add up is checked line by line, so a row of the wrong width is rejected
/// with its line number and the rest imported. Memory stays at one buffer whatever the input size.
/// </summary>
internal static class GdeltScanner
{
    private const int BufferSize = 1 << 20;

    public readonly record struct Counts(long Rows, long Kept, long Rejected, long Bytes);

    public static Counts Scan(Stream stream, Action<GdeltRow, long> keep, Action<long, string?, string> reject, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long rows = 0, kept = 0, rejected = 0, bytes = 0;
            var filled = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (filled == buffer.Length)
                {
                    // A line longer than the whole buffer (GDELT lines are a few hundred bytes): it
                    // is rejected and skipped to its end, and the buffer never grows.
                    rows++;
                    rejected++;
                    reject(rows, null, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {BufferSize / 1024} KB; GDELT lines are a few hundred bytes."));
                    filled = SkipLine(stream, buffer, ref bytes, cancellationToken);
                    if (filled < 0)
                    {
                        return new Counts(rows, kept, rejected, bytes);
                    }

                    continue;
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                bytes += read;
                var end = filled + read;
                var block = buffer.AsSpan(0, end);
                var complete = read == 0 ? end : block.LastIndexOf((byte)'\n') + 1;
                if (complete > 0)
                {
                    var lines = block[..complete];
                    rows += Block(lines, rows, keep, reject, ref kept, ref rejected);
                }

                if (read == 0)
                {
                    return new Counts(rows, kept, rejected, bytes);
                }

                block[complete..].CopyTo(buffer);
                filled = end - complete;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads on to the end of the current line, dropping it; what follows the line is left at the
    /// start of the buffer and its length returned, or -1 when the input ended within the line.
    /// </summary>
    private static int SkipLine(Stream stream, byte[] buffer, ref long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = stream.Read(buffer, 0, buffer.Length);
            bytes += read;
            if (read == 0)
            {
                return -1;
            }

            var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                buffer.AsSpan(newline + 1, read - newline - 1).CopyTo(buffer);
                return read - newline - 1;
            }
        }
    }

    /// <summary>Filters one block of whole lines; returns how many lines it holds (counted once, here).</summary>
    private static int Block(ReadOnlySpan<byte> block, long linesBefore, Action<GdeltRow, long> keep, Action<long, string?, string> reject, ref long kept, ref long rejected)
    {
        var newlines = block.Count((byte)'\n') + (block[^1] == (byte)'\n' ? 0 : 1);
        var tabs = block.Count((byte)'\t');
        var uniform = tabs == newlines * 60L || tabs == newlines * 56L || tabs == newlines * 57L;
        if (!uniform)
        {
            // Mixed widths (GDELT 1.0 mixes 57 and 58) or a bad row: check each line.
            LineByLine(block, linesBefore, keep, reject, ref kept, ref rejected);
            return newlines;
        }

        // Every line has a valid width: only lines that mention PRK or KN need parsing. The next
        // hit of each needle is kept, so each is searched for once over the block.
        var lineNumber = linesBefore;
        var counted = 0;
        var from = 0;
        var nextPrk = Next(block, "PRK"u8, 0);
        var nextKn = Next(block, "\tKN\t"u8, 0);
        while (true)
        {
            if (nextPrk < from)
            {
                nextPrk = Next(block, "PRK"u8, from);
            }

            if (nextKn < from)
            {
                nextKn = Next(block, "\tKN\t"u8, from);
            }

            var hit = Math.Min(nextPrk, nextKn);
            if (hit == int.MaxValue)
            {
                return newlines;
            }

            var start = block[..hit].LastIndexOf((byte)'\n') + 1;
            var stop = block[hit..].IndexOf((byte)'\n');
            stop = stop < 0 ? block.Length : hit + stop;
            lineNumber += block[counted..start].Count((byte)'\n');
            counted = start;
            Line(block[start..stop], lineNumber + 1, keep, reject, ref kept, ref rejected);
            from = stop + 1;
            if (from >= block.Length)
            {
                return newlines;
            }
        }
    }

    private static int Next(ReadOnlySpan<byte> block, ReadOnlySpan<byte> needle, int from)
    {
        var at = block[from..].IndexOf(needle);
        return at < 0 ? int.MaxValue : from + at;
    }

    private static void LineByLine(ReadOnlySpan<byte> block, long linesBefore, Action<GdeltRow, long> keep, Action<long, string?, string> reject, ref long kept, ref long rejected)
    {
        var lineNumber = linesBefore;
        while (block.Length > 0)
        {
            var stop = block.IndexOf((byte)'\n');
            var line = stop < 0 ? block : block[..stop];
            block = stop < 0 ? [] : block[(stop + 1)..];
            lineNumber++;
            var columns = line.Count((byte)'\t') + 1;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            if (columns is not (61 or 57 or 58))
            {
                rejected++;
                reject(lineNumber, null, $"the row has {columns} columns; GDELT 2.0 rows have 61 and GDELT 1.0 rows 57 or 58.");
                continue;
            }

            if (line.IndexOf("PRK"u8) >= 0 || line.IndexOf("\tKN\t"u8) >= 0)
            {
                Line(line, lineNumber, keep, reject, ref kept, ref rejected);
            }
        }
    }

    private static void Line(ReadOnlySpan<byte> line, long lineNumber, Action<GdeltRow, long> keep, Action<long, string?, string> reject, ref long kept, ref long rejected)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        Span<Range> cells = stackalloc Range[64];
        var count = 0;
        var start = 0;
        for (var i = 0; i <= line.Length && count < cells.Length; i++)
        {
            if (i == line.Length || line[i] == (byte)'\t')
            {
                cells[count++] = new Range(start, i);
                start = i + 1;
            }
        }

        var (action, added, url) = count switch
        {
            61 => (53, 59, 60),
            58 => (51, 56, 57),
            57 => (51, 56, -1),
            _ => (-1, -1, -1),
        };
        if (action < 0)
        {
            rejected++;
            reject(lineNumber, null, $"the row has {count} columns; GDELT 2.0 rows have 61 and GDELT 1.0 rows 57 or 58.");
            return;
        }

        var a1 = Text(line[cells[7]]);
        var a2 = Text(line[cells[17]]);
        var place = Text(line[cells[action]]);
        if (a1 != "PRK" && a2 != "PRK" && place != "KN")
        {
            return; // PRK or KN appeared elsewhere in the row (a name, a URL).
        }

        var problem = Problem(line, cells, out var id, out var day, out var code, out var root, out var quad);
        if (problem is { } p)
        {
            rejected++;
            reject(lineNumber, p.Field, $"'{Encoding.UTF8.GetString(line[cells[p.Column]])}' {p.Reason}.");
            return;
        }

        kept++;
        keep(new GdeltRow(
            id, day, Added(line[cells[added]]), a1, a2, place, code!, root!, quad,
            Number(line[cells[30]]), (int?)Number(line[cells[31]]), Number(line[cells[34]]),
            url >= 0 ? Text(line[cells[url]]) : null), lineNumber);
    }

    /// <summary>The first required cell that cannot be read: its field name, column and the reason.</summary>
    private static (string Field, int Column, string Reason)? Problem(
        ReadOnlySpan<byte> line, ReadOnlySpan<Range> cells, out long id, out DateOnly day, out string? code, out string? root, out int quad)
    {
        day = default;
        code = Text(line[cells[26]]);
        root = Text(line[cells[28]]);
        quad = 0;
        if (!Utf8Parser.TryParse(line[cells[0]], out id, out var used) || used != line[cells[0]].Length)
        {
            return ("GLOBALEVENTID", 0, "is not a number");
        }

        if (!TryDay(line[cells[1]], out day))
        {
            return ("SQLDATE", 1, "is not a date of the form YYYYMMDD");
        }

        if (code is null)
        {
            return ("EventCode", 26, "is empty");
        }

        if (root is null)
        {
            return ("EventRootCode", 28, "is empty");
        }

        return Utf8Parser.TryParse(line[cells[29]], out quad, out _) && quad is >= 1 and <= 4 ? null : ("QuadClass", 29, "is not 1, 2, 3 or 4");
    }

    private static string? Text(ReadOnlySpan<byte> cell) => cell.IsEmpty ? null : Encoding.UTF8.GetString(cell);

    private static double? Number(ReadOnlySpan<byte> cell) =>
        Utf8Parser.TryParse(cell, out double value, out var used) && used == cell.Length ? value : null;

    private static bool TryDay(ReadOnlySpan<byte> cell, out DateOnly day)
    {
        day = default;
        return cell.Length == 8 && Utf8Parser.TryParse(cell, out int n, out _) &&
               DateOnly.TryParseExact(n.ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>DATEADDED: YYYYMMDDHHMMSS (UTC) in 2.0, YYYYMMDD in 1.0.</summary>
    private static DateTimeOffset? Added(ReadOnlySpan<byte> cell)
    {
        var text = Encoding.ASCII.GetString(cell);
        return text.Length switch
        {
            14 when DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) => new DateTimeOffset(t, TimeSpan.Zero),
            8 when DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) => new DateTimeOffset(d, TimeSpan.Zero),
            _ => null,
        };
    }
}

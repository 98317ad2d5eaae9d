using System.IO.Compression;

namespace Peninsula.Import;

/// <summary>
/// Zip archives read without unpacking to disk and without trusting them: the uncompressed size
/// of every entry and of the whole archive is bounded, so is the ratio of uncompressed to
/// compressed size, and the bytes actually inflated are counted (an entry that lies about its
/// size is stopped where the lie shows).
/// </summary>
internal static class SafeZip
{
    /// <summary>The limits for GDELT archives: one fifteen-minute export is tens of megabytes.</summary>
    public static readonly ZipLimits Gdelt = new(MaxEntryBytes: 2L << 30, MaxTotalBytes: 4L << 30, MaxRatio: 100);

    /// <summary>The limits for spreadsheets (an .xlsx is a zip of XML parts, which compress well but not 100 to 1).</summary>
    public static readonly ZipLimits Spreadsheet = new(MaxEntryBytes: 256L << 20, MaxTotalBytes: 512L << 20, MaxRatio: 100);

    /// <summary>Checks the archive's directory against the limits; throws an <see cref="InputException"/> naming the entry.</summary>
    public static void Check(ZipArchive archive, string file, ZipLimits limits)
    {
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            Check(entry, file, limits);
            total += entry.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new InputException($"the archive would unpack to more than {Megabytes(limits.MaxTotalBytes)}; refused as a possible zip bomb.", file);
            }
        }
    }

    /// <summary>Opens one entry for reading, bounded by the limits and by its own declared size.</summary>
    public static Stream Open(ZipArchiveEntry entry, string file, ZipLimits limits)
    {
        Check(entry, file, limits);
        return new BoundedStream(entry.Open(), entry.Length, $"{file}!{entry.FullName}");
    }

    private static void Check(ZipArchiveEntry entry, string file, ZipLimits limits)
    {
        if (entry.Length > limits.MaxEntryBytes)
        {
            throw new InputException($"'{entry.FullName}' would unpack to {Megabytes(entry.Length)}, more than the {Megabytes(limits.MaxEntryBytes)} allowed; refused as a possible zip bomb.", file);
        }

        if (entry.Length > 1 << 20 && entry.Length > limits.MaxRatio * Math.Max(1, entry.CompressedLength))
        {
            throw new InputException(
                $"'{entry.FullName}' is compressed {entry.Length / Math.Max(1, entry.CompressedLength)} to 1, more than the {limits.MaxRatio} to 1 real files reach; refused as a possible zip bomb.",
                file);
        }
    }

    private static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB");

    /// <summary>Stops reading past the size the archive declared for the entry.</summary>
    private sealed class BoundedStream(Stream inner, long limit, string name) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => limit;

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            return _read > limit
                ? throw new InputException($"'{name}' unpacks to more than the {limit} bytes its archive declares; refused as a possible zip bomb.")
                : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Bounds on what a zip archive may unpack to.</summary>
/// <param name="MaxEntryBytes">Largest uncompressed entry.</param>
/// <param name="MaxTotalBytes">Largest uncompressed archive.</param>
/// <param name="MaxRatio">Largest uncompressed-to-compressed ratio of an entry over 1 MB.</param>
internal sealed record ZipLimits(long MaxEntryBytes, long MaxTotalBytes, int MaxRatio);

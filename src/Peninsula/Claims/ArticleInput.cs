using System.Text;

namespace Peninsula.Claims;

/// <summary>
/// Reads an article for checking: UTF-8 text of at most <see cref="MaxBytes"/> bytes. Refuses
/// empty, binary and oversized input with a plain message, reading no more than the limit.
/// </summary>
public static class ArticleInput
{
    /// <summary>The largest article accepted, in bytes (5 MiB): a long report is well under 1 MB.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file; messages name it by its path.</summary>
    public static string ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InputException($"there is no file '{path}'.", path);
        }

        if (info.Length > MaxBytes)
        {
            throw TooLarge(path, info.Length);
        }

        using var stream = info.OpenRead();
        return Read(stream, path);
    }

    /// <summary>Reads a stream up to the limit, without reading more than one byte past it.</summary>
    public static string Read(Stream stream, string name)
    {
        var buffer = new byte[Math.Min(MaxBytes + 1, stream.CanSeek ? (int)Math.Min(stream.Length + 1, MaxBytes + 1) : 64 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > MaxBytes)
                {
                    throw TooLarge(name, null);
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxBytes + 1));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > MaxBytes)
        {
            throw TooLarge(name, null);
        }

        var bytes = buffer.AsSpan(0, length);
        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw new InputException("this looks like a binary file (it contains NUL bytes), not an article; give a UTF-8 text file.", name);
        }

        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException("the file is not UTF-8 text (it has bytes that are not valid UTF-8); save the article as UTF-8 and try again.", name);
        }

        return Checked(text, name);
    }

    /// <summary>Reads text (standard input) up to the limit, counting characters as a lower bound of bytes.</summary>
    public static string Read(TextReader reader, string name)
    {
        var text = new StringBuilder();
        var chunk = new char[64 * 1024];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > MaxBytes)
            {
                throw TooLarge(name, null);
            }
        }

        var result = text.ToString();
        if (Encoding.UTF8.GetByteCount(result) > MaxBytes)
        {
            throw TooLarge(name, null);
        }

        if (result.Contains('\0', StringComparison.Ordinal))
        {
            throw new InputException("this looks like binary data (it contains NUL bytes), not an article; give UTF-8 text.", name);
        }

        if (result.Count(c => c == '\uFFFD') > 8)
        {
            throw new InputException("the input is not UTF-8 text (it has bytes that are not valid UTF-8); give the article as UTF-8.", name);
        }

        return Checked(result, name);
    }

    private static string Checked(string text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputException("the article is empty; there is nothing to check.", name);
        }

        var control = text.Count(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t' and not '\f');
        if (control > text.Length / 100 + 8)
        {
            throw new InputException("this looks like a binary file (it is full of control characters), not an article; give a UTF-8 text file.", name);
        }

        return text;
    }

    private static InputException TooLarge(string name, long? bytes) => new(
        $"the article is larger than the limit of {MaxBytes / (1024 * 1024)} MB{(bytes is { } b ? $" ({b / (1024 * 1024)} MB)" : "")}; check a single article, or split the text.",
        name);
}

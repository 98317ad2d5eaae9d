namespace Peninsula.Web.Api;

/// <summary>Reads a request body into memory up to a limit, without reading more than one byte past it.</summary>
internal static class RequestBody
{
    /// <summary>Refuses (415) a body sent as anything but JSON; <paramref name="what"/> names it ("the event").</summary>
    public static void RequireJson(HttpRequest request, string what)
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException($"Send {what} as JSON (Content-Type: application/json), not {type.Split(';')[0]}.", StatusCodes.Status415UnsupportedMediaType);
        }
    }

    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(null, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private static BadHttpRequestException TooLarge(long? length, long maxBytes) =>
        new(
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The request body is {(length is { } l ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l:N0} bytes") : "too large")}; this endpoint takes at most {maxBytes:N0} bytes."),
            StatusCodes.Status413PayloadTooLarge);
}

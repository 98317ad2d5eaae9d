using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Peninsula.Watch;

/// <summary>A fetch that was refused or failed, in plain words.</summary>
public sealed class FetchException(string message) : Exception(message);

/// <summary>What a fetch returned.</summary>
/// <param name="NotModified">The server said the feed has not changed since the last fetch (304).</param>
/// <param name="Body">The body, bounded in size; empty when not modified.</param>
/// <param name="ETag">The validator to send next time.</param>
/// <param name="LastModified">The other validator.</param>
/// <param name="FinalUrl">The URL after redirects.</param>
public sealed record FetchResult(bool NotModified, byte[] Body, string? ETag, string? LastModified, Uri FinalUrl);

/// <summary>How long a fetch may take and how slowly a server may send, so that no server can hold a fetch forever.</summary>
/// <param name="Deadline">The whole fetch, redirects and body included.</param>
/// <param name="Stall">The longest wait for the next bytes of a body.</param>
/// <param name="MinBytesPerSecond">The slowest average transfer rate accepted once <paramref name="Grace"/> has passed.</param>
/// <param name="Grace">How long a body may take before its average rate is checked.</param>
public sealed record FetchLimits(TimeSpan Deadline, TimeSpan Stall, int MinBytesPerSecond, TimeSpan Grace)
{
    /// <summary>60 s in all, 15 s without a byte, at least 1 KB a second after the first 10 s.</summary>
    public static readonly FetchLimits Default = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), 1024, TimeSpan.FromSeconds(10));
}

/// <summary>
/// HTTP(S) fetching for untrusted URLs: http and https only; every connection checked against an
/// <see cref="AddressPolicy"/> on the address connected to; at most 5 redirects, each checked
/// again; an overall deadline, a longest stall and a minimum transfer rate
/// (<see cref="FetchLimits"/>); a maximum response size; conditional requests.
/// </summary>
public sealed class SafeHttp : IDisposable
{
    /// <summary>The most redirects followed.</summary>
    public const int MaxRedirects = 5;

    private readonly HttpClient _client;
    private readonly long _maxBytes;
    private readonly FetchLimits _limits;

    /// <summary>Creates a client with the given policy, response size limit, time limit for the headers and limits on the whole fetch.</summary>
    public SafeHttp(AddressPolicy policy, long maxBytes = 16L << 20, TimeSpan? timeout = null, FetchLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _maxBytes = maxBytes;
        _limits = limits ?? FetchLimits.Default;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
                if (addresses.Length == 0)
                {
                    throw new FetchException($"{context.DnsEndPoint.Host} has no address.");
                }

                // Every address the name resolves to is checked before any connection: a name that
                // mixes a public address with an internal one is refused as a whole.
                foreach (var address in addresses)
                {
                    if (policy.Refusal(new IPEndPoint(address, context.DnsEndPoint.Port)) is { } refusal)
                    {
                        throw new FetchException(
                            $"refused to fetch from {context.DnsEndPoint.Host} ({string.Join(", ", addresses.Select(a => a.ToString()))}): {address} is {refusal}. Use --allow-private to allow it.");
                    }
                }

                // Then each address in turn, as the default connector does: a name whose first
                // answer is unreachable (IPv6 without a route) falls back to the next.
                Exception? last = null;
                foreach (var address in addresses)
                {
                    var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                        // Check again what was actually connected to.
                        if (socket.RemoteEndPoint is IPEndPoint connected && policy.Refusal(connected) is { } late)
                        {
                            throw new FetchException($"refused to fetch from {connected.Address}: it is {late}.");
                        }

                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch (SocketException ex)
                    {
                        socket.Dispose();
                        last = ex;
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                }

                throw last!;
            },
        };
        _client = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Peninsula/1 (+https://github.com/peninsula)");
    }

    /// <summary>Fetches a URL, sending the validators of the last fetch.</summary>
    public async Task<FetchResult> GetAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_limits.Deadline);
        try
        {
            return await GetWithinAsync(url, etag, lastModified, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException(string.Create(CultureInfo.InvariantCulture, $"{url} did not finish answering within {_limits.Deadline.TotalSeconds:0} seconds."));
        }
    }

    private async Task<FetchResult> GetWithinAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (current.Scheme is not ("http" or "https"))
            {
                throw new FetchException($"'{current}' is not an http or https address.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (lastModified is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }

            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (ex.InnerException is FetchException refused)
            {
                throw refused;
            }
            catch (HttpRequestException ex)
            {
                throw new FetchException($"could not fetch {current}: {ex.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FetchException(string.Create(CultureInfo.InvariantCulture, $"{current} did not answer within {_client.Timeout.TotalSeconds:0} seconds."));
            }

            using (response)
            {
                if ((int)response.StatusCode is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified)
                {
                    if (hop >= MaxRedirects)
                    {
                        throw new FetchException($"{url} redirected more than {MaxRedirects} times.");
                    }

                    current = response.Headers.Location is { } location
                        ? (location.IsAbsoluteUri ? location : new Uri(current, location))
                        : throw new FetchException($"{current} redirected without saying where to.");
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new FetchResult(true, [], etag, lastModified, current);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new FetchException($"{current} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                if (response.Content.Headers.ContentLength > _maxBytes)
                {
                    throw new FetchException($"{current} is {response.Content.Headers.ContentLength} bytes, more than the {_maxBytes} allowed.");
                }

                var body = await ReadBounded(response.Content, current, cancellationToken).ConfigureAwait(false);
                return new FetchResult(false, body, response.Headers.ETag?.ToString(), Validator(response.Content.Headers.LastModified), current);
            }
        }
    }

    private async Task<byte[]> ReadBounded(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var clock = Stopwatch.StartNew();
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                stall.CancelAfter(_limits.Stall);
                var read = await stream.ReadAsync(chunk, stall.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (buffer.Length + read > _maxBytes)
                {
                    throw new FetchException($"{url} sent more than the {_maxBytes} bytes allowed.");
                }

                buffer.Write(chunk, 0, read);
                var elapsed = clock.Elapsed;
                if (elapsed > _limits.Grace && buffer.Length / elapsed.TotalSeconds < _limits.MinBytesPerSecond)
                {
                    throw new FetchException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{url} sent {buffer.Length} bytes in {elapsed.TotalSeconds:0} seconds, slower than the {_limits.MinBytesPerSecond} bytes a second required."));
                }
            }
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchException(string.Create(CultureInfo.InvariantCulture, $"{url} sent nothing for {_limits.Stall.TotalSeconds:0} seconds in the middle of its answer."));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new FetchException($"the connection to {url} broke after {buffer.Length} bytes: {ex.Message}");
        }

        return buffer.ToArray();
    }

    private static string? Validator(DateTimeOffset? lastModified) => lastModified?.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}

using System.Net;
using Peninsula.Access;
using Peninsula.Web.Api;

namespace Peninsula.Web;

/// <summary>
/// Who a request comes from, for rate limits and budgets: a key this server knows and has not
/// revoked (checked against the store), else the client's address. A made-up key counts as no
/// key, so sending a new random key with each request does not make a new client.
/// </summary>
internal static class Clients
{
    private const string ClientItem = "peninsula.client";
    private const string KeyItem = "peninsula.client-key";

    /// <summary>Looks up the key the request sends, if any, and remembers who the client is for the rest of the request.</summary>
    public static async Task IdentifyAsync(HttpContext http, StorePool pool)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pool);
        var secret = SecretOf(http.Request);
        if (!string.IsNullOrEmpty(secret))
        {
            var hash = ApiKey.HashOf(secret);
            ApiKey? key;
            using (var lease = pool.Rent())
            {
                key = await lease.Store.FindApiKeyAsync(hash, http.RequestAborted).ConfigureAwait(false);
            }

            if (key is { IsActive: true })
            {
                http.Items[KeyItem] = key;
                http.Items[ClientItem] = "key:" + hash;
                return;
            }
        }

        http.Items[ClientItem] = "ip:" + Address(http.Connection.RemoteIpAddress);
    }

    /// <summary>The partition a request counts against: <c>key:HASH</c> for a valid key, else <c>ip:ADDRESS</c>.</summary>
    public static string Of(HttpContext http) =>
        http.Items[ClientItem] as string ?? "ip:" + Address(http.Connection.RemoteIpAddress);

    /// <summary>The valid key the request sent, or null.</summary>
    public static ApiKey? KeyOf(HttpContext http) => http.Items[KeyItem] as ApiKey;

    /// <summary>The key's secret from <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.</summary>
    public static string? SecretOf(HttpRequest request)
    {
        var secret = request.Headers[ApiKeyFilter.Header].FirstOrDefault();
        if (string.IsNullOrEmpty(secret) && request.Headers.Authorization.FirstOrDefault() is { } authorization &&
            authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = authorization["Bearer ".Length..].Trim();
        }

        return secret;
    }

    // An IPv6 client is counted by its /64, the block one subscriber gets; else one machine would
    // be as many clients as it has addresses.
    private static string Address(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}

using Peninsula.Access;

namespace Peninsula.Web.Api;

/// <summary>
/// Lets a write through only with an API key in force, sent in the <c>X-Api-Key</c> header (or as
/// <c>Authorization: Bearer KEY</c>). The key is looked up by its hash; the secret is never stored.
/// </summary>
internal sealed class ApiKeyFilter(StorePool pool) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    private const string KeyItem = "peninsula.api-key";

    /// <summary>The key that authorised this request (set by the filter).</summary>
    public static ApiKey KeyOf(HttpContext context) => (ApiKey)context.Items[KeyItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var secret = http.Request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrEmpty(secret) && http.Request.Headers.Authorization.FirstOrDefault() is { } authorization &&
            authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = authorization["Bearer ".Length..].Trim();
        }

        if (string.IsNullOrEmpty(secret))
        {
            return Refuse(http, "Writes need an API key in the X-Api-Key header. Create one with: peninsula apikey create NAME");
        }

        ApiKey? key;
        using (var lease = pool.Rent())
        {
            key = await lease.Store.FindApiKeyAsync(ApiKey.HashOf(secret), http.RequestAborted).ConfigureAwait(false);
        }

        if (key is null)
        {
            return Refuse(http, "This API key is not one this server knows. Check it, or create one with: peninsula apikey create NAME");
        }

        if (!key.IsActive)
        {
            return Refuse(http, $"The API key '{key.Name}' was revoked on {key.RevokedAt:yyyy-MM-dd HH:mm} UTC. Ask for a new one.");
        }

        http.Items[KeyItem] = key;
        return await next(context).ConfigureAwait(false);
    }

    private static IResult Refuse(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An API key is needed", detail: detail);
    }
}

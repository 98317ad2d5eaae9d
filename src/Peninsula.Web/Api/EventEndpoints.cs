using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Storage;

namespace Peninsula.Web.Api;

/// <summary>
/// <c>/api/events</c>: the record, with the CLI's filters, paging and ETags; and the writes, which
/// need an API key and are audited like every other change.
/// </summary>
internal static class EventEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");
        events.MapGet("/", ListAsync).WithName("ListEvents")
            .WithSummary("Events matching the filters, newest first, a page at a time.")
            .WithDescription(
                "Filters as in 'peninsula events list'. 'next' links the following page. " +
                "Send the ETag back in If-None-Match to get 304 while the record has not changed.")
            .Takes(
            [
                .. ApiContract.EventFilters,
                new("limit", ParameterType.Integer, string.Create(CultureInfo.InvariantCulture, $"Events per page (1 to {Limits.MaxPageSize}).")) { Default = Limits.DefaultPageSize.ToString(CultureInfo.InvariantCulture) },
                new("offset", ParameterType.Integer, "How many events to skip (the 'next' link sets it).") { Default = "0" },
                new("order", ParameterType.Text, "newest first, or oldest first.") { Values = ["newest", "oldest"], Default = "newest" },
            ])
            .Answers(StatusCodes.Status304NotModified, "The page has not changed since the ETag sent in If-None-Match.");
        events.MapGet("/{id}", FindAsync).WithName("GetEvent").WithSummary("One event with every field and its sources.")
            .Answers(StatusCodes.Status304NotModified, "The event has not changed since the ETag sent in If-None-Match.");
        events.MapGet("/{id}/audit", AuditAsync).WithName("GetEventAudit").WithSummary("Every change to one event: when, what made it, before and after.");

        var writes = events.Writes();
        writes.MapPost("/", CreateAsync).WithName("CreateEvent")
            .WithSummary("Adds an event (the project's JSON event format). Needs an API key.")
            .Reads("One event in the JSON event format (docs/json-format.md): GET /api/events/{id} shows every field. Every source needs its address (url).", ("application/json", NewEvent))
            .Answers(StatusCodes.Status201Created, "The event as stored, with its ETag and its address in Location.")
            .Answers(StatusCodes.Status409Conflict, "There is already an event with this id, or there was one that was deleted.");
        writes.MapPut("/{id}", ReplaceAsync).WithName("ReplaceEvent")
            .WithSummary("Replaces an event. Needs an API key; send If-Match with the event's ETag to refuse the change if someone else changed it first.")
            .Reads("The whole event as it should now be, in the JSON event format; its id is the one in the address. A field left out is cleared: read the event (GET /api/events/{id}), change it, and send it all back with its ETag in If-Match. The example, sent as it stands, clears the fields it leaves out.", ("application/json", StoredEvent))
            .Answers(StatusCodes.Status412PreconditionFailed, "The event changed since the ETag sent in If-Match.");
        writes.MapDelete("/{id}", DeleteAsync).WithName("DeleteEvent")
            .WithSummary("Marks an event deleted (it stays in the audit trail). Needs an API key.")
            .Answers(StatusCodes.Status204NoContent, "Deleted.");
    }

    /// <summary>A launch after the bundled record's end (2025-06-30), so that a store holding the record takes it as new.</summary>
    private const string NewEvent =
        """{"id": "2026-03-04-strategic-cruise-missile", "kind": "missile-launch", "class": "cruise", "date": "2026-03-04", "date_precision": "day", "actors": ["DPRK"], "title": "Strategic cruise missile launch overseen by Kim Jong Un", "sources": [{"name": "Anadolu", "url": "https://www.anews.com.tr/world/2026/03/05/north-koreas-kim-oversees-launch-of-strategic-cruise-missile", "date": "2026-03-05"}]}""";

    /// <summary>An event of the bundled record, as a replacement of it would be sent.</summary>
    private const string StoredEvent =
        """{"id": "2024-06-26-rocket-engine-test", "kind": "engine-test", "date": "2024-06-26", "date_precision": "day", "actors": ["DPRK"], "title": "Rocket Engine Test", "sources": [{"name": "NK News", "url": "https://www.nknews.org/pro/north-korea-appears-to-test-rocket-engine-after-kim-putin-space-agreement/", "date": "2024-06-26"}]}""";

    private static async Task<IResult> ListAsync(HttpContext http, StorePool pool, RecordCache cache, CancellationToken cancellationToken)
    {
        var request = http.Request.Query;
        var query = Filter(request);
        var limit = QueryValues.Integer(request["limit"], "limit", Limits.DefaultPageSize, 1, Limits.MaxPageSize);
        var offset = QueryValues.Integer(request["offset"], "offset", 0, 0, int.MaxValue);
        var order = request["order"].FirstOrDefault() ?? "newest";
        if (order is not ("newest" or "oldest"))
        {
            throw new InputException($"order must be 'newest' or 'oldest', not '{order}'.", field: "order");
        }

        var version = await cache.VersionAsync(cancellationToken).ConfigureAwait(false);
        var etag = Tag(version.ToString(CultureInfo.InvariantCulture) + http.Request.QueryString.Value);
        if (NotModified(http, etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // A page is a function of the question and the record's change count, so the same question
        // asked again before the record changes is answered from memory (small pages only).
        var body = limit <= 100
            ? await cache.PageAsync(http.Request.QueryString.Value ?? "", version, PageAsync, cancellationToken).ConfigureAwait(false)
            : await PageAsync(cancellationToken).ConfigureAwait(false);
        return Json(http, body, etag);

        async Task<byte[]> PageAsync(CancellationToken token)
        {
            // One more than the page tells whether there is a next page without counting them all.
            IReadOnlyList<Event> page;
            using (var lease = pool.Rent())
            {
                page = await lease.Store.ListAsync(query with { Limit = limit + 1, Offset = offset, NewestFirst = order == "newest" }, token).ConfigureAwait(false);
            }

            var next = page.Count > limit ? NextPage(http.Request, offset + limit) : null;
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("offset", offset);
                json.WriteNumber("limit", limit);
                json.WriteString("order", order);
                json.WriteNumber("count", Math.Min(page.Count, limit));
                json.WriteString("next", next);
                json.WriteStartArray("events");
                foreach (var e in page.Take(limit))
                {
                    json.WriteRawValue(EventJson.Serialize(e), skipInputValidation: true);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }

    private static async Task<IResult> FindAsync(string id, HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        if (await lease.Store.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } e)
        {
            return NoSuchEvent(id);
        }

        var body = EventJson.Serialize(e);
        var etag = Tag(body);
        return NotModified(http, etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : Json(http, Encoding.UTF8.GetBytes(body), etag);
    }

    /// <summary>
    /// What made a change, as an anonymous client sees it: the kind of change (an API key, an
    /// import, a watched feed, the bundled record) without the key's name, the file or the feed.
    /// </summary>
    internal static string PublicOrigin(string origin) =>
        OriginKinds.FirstOrDefault(kind => origin.StartsWith(kind, StringComparison.Ordinal)) ?? "other";

    private static readonly string[] OriginKinds = ["api key", "bundled-record", "watch", "import", "review accept"];

    private static async Task<IResult> AuditAsync(string id, HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        var keyHolder = Clients.KeyOf(http) is not null;
        using var lease = pool.Rent();
        var entries = await lease.Store.AuditAsync(id, 1000, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return NoSuchEvent(id);
        }

        return Results.Ok(entries.Select(a => new
        {
            a.Sequence,
            at = a.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            a.Operation,
            origin = keyHolder ? a.Origin : PublicOrigin(a.Origin),
            before = a.Before is null ? (JsonElement?)null : JsonDocument.Parse(a.Before).RootElement,
            after = a.After is null ? (JsonElement?)null : JsonDocument.Parse(a.After).RootElement,
        }));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        var e = await ReadEventAsync(http, cancellationToken).ConfigureAwait(false);
        HandEntry.RequireSourceUrls(e, "request body");
        using var lease = pool.Rent();
        // The check and the insert are one transaction: a POST racing another of the same id gets
        // 409 rather than replacing the event the other just created.
        if (!await lease.Store.AddAsync(e, Origin(http), cancellationToken).ConfigureAwait(false))
        {
            return await lease.Store.FindAsync(e.Id, cancellationToken).ConfigureAwait(false) is null
                ? Results.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "The id belongs to a deleted event",
                    detail: $"'{e.Id}' is the id of an event that was deleted; its history stays in the audit trail (GET /api/events/{e.Id}/audit). Give the new event another id.")
                : Results.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "The event exists",
                    detail: $"There is already an event '{e.Id}'. Change it with PUT /api/events/{e.Id}.");
        }

        var body = EventJson.Serialize(e);
        http.Response.Headers.ETag = Tag(body);
        http.Response.Headers.Location = $"/api/events/{Uri.EscapeDataString(e.Id)}";
        return Results.Text(body, "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        var e = await ReadEventAsync(http, cancellationToken).ConfigureAwait(false);
        if (e.Id != id)
        {
            throw new InputException($"The event in the body is '{e.Id}', but the address names '{id}'. An event's id cannot change.", "request body", field: "id");
        }

        using var lease = pool.Rent();
        if (await lease.Store.FindStoredAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return NoSuchEvent(id);
        }

        var current = Tag(EventJson.Serialize(stored.Event));
        if (http.Request.Headers.IfMatch is { Count: > 0 } ifMatch && !ifMatch.Contains(current) && !ifMatch.Contains("*"))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed, title: "The event has changed",
                detail: $"'{id}' changed since you read it (its ETag is now {current}). Read it again, apply your change, and send it with the new ETag.");
        }

        // The store checks the version again as it writes, so an edit that lands between the read
        // above and this write is refused too (a ConcurrencyConflictException, answered with 412).
        await lease.Store.UpdateAsync(e, stored.Version, Origin(http), cancellationToken).ConfigureAwait(false);
        var body = EventJson.Serialize(e);
        return Json(http, Encoding.UTF8.GetBytes(body), Tag(body));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        return await lease.Store.DeleteAsync(id, Origin(http), cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : NoSuchEvent(id);
    }

    private static async Task<Event> ReadEventAsync(HttpContext http, CancellationToken cancellationToken)
    {
        RequestBody.RequireJson(http.Request, "the event");
        var body = await RequestBody.ReadAsync(http.Request, Limits.MaxEventBodyBytes, cancellationToken).ConfigureAwait(false);
        return EventJson.ReadOne(body, "request body");
    }

    private static ChangeOrigin Origin(HttpContext http) => new("api", "key " + ApiKeyFilter.KeyOf(http).Name);

    private static IResult NoSuchEvent(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such event", detail: $"There is no event '{id}' in the record.");

    private static IResult Json(HttpContext http, byte[] body, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(body, "application/json");
    }

    private static bool NotModified(HttpContext http, string etag)
    {
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !(ifNoneMatch.Contains(etag) || ifNoneMatch.Contains("*") ||
                                        ifNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(etag))))
        {
            return false;
        }

        http.Response.Headers.ETag = etag;
        return true;
    }

    /// <summary>A strong ETag from a digest of what the response depends on.</summary>
    private static string Tag(string content) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 12)) + "\"";

    private static string NextPage(HttpRequest request, int offset)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "offset").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "offset", offset.ToString(CultureInfo.InvariantCulture) },
        };
        return request.Path + query.ToQueryString().Value;
    }

    /// <summary>
    /// The event filters of a request: those of <c>peninsula events list</c> (kind, class, system,
    /// actor, since, until, text) and <c>set</c>, a named set (ballistic, missiles, nuclear,
    /// provocations) whose kinds and classes apply where kind and class are not given.
    /// </summary>
    internal static EventQuery Filter(IQueryCollection request)
    {
        var query = EventFilter.FromFields(
            QueryValues.Many(request["kind"]), QueryValues.Many(request["class"]), request["system"], request["actor"],
            request["since"], request["until"], request["text"], name => name);
        if (request["set"].FirstOrDefault() is not { Length: > 0 } set)
        {
            return query;
        }

        if (!EventFilter.NamedSets.TryGetValue(set, out var named))
        {
            throw new InputException($"'{set}' is not a named set. Valid sets: {string.Join(", ", EventFilter.NamedSets.Keys)}.", field: "set");
        }

        return query with
        {
            Kinds = query.Kinds.Count > 0 ? query.Kinds : named.Query.Kinds,
            Classes = query.Classes.Count > 0 ? query.Classes : named.Query.Classes,
        };
    }
}

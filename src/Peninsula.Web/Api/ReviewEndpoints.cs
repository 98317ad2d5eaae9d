using System.Text;
using System.Text.Json;
using Peninsula.Detection;
using Peninsula.Import;

namespace Peninsula.Web.Api;

/// <summary>
/// <c>/api/review</c>: the events detection found in watched feeds that the record does not hold.
/// Reading is open; accepting and rejecting need an API key, and the event an acceptance writes
/// is audited under the key's name.
/// </summary>
internal static class ReviewEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/review").WithTags("Review");
        review.MapGet("/", ListAsync).WithName("ListReview")
            .WithSummary("Proposals in the review queue, by date: status=pending (default), accepted, rejected or all.")
            .Takes(new Parameter("status", ParameterType.Text, "Which proposals.") { Values = ["pending", "accepted", "rejected", "all"], Default = "pending" });
        review.MapGet("/{id}", FindAsync).WithName("GetReview").WithSummary("One proposal with its documents and supporting sentences.");
        var writes = review.Writes();
        writes.MapPost("/{id}/accept", AcceptAsync).WithName("AcceptReview")
            .WithSummary("Accepts a proposal: the event is written with its documents as sources, audited under the key's name. Needs an API key.");
        writes.MapPost("/{id}/reject", RejectAsync).WithName("RejectReview")
            .WithSummary("Rejects a proposal; send {\"reason\": \"...\"} to say why. Needs an API key.")
            .MayRead("Why the proposal is rejected (optional).", ("application/json", """{"reason": "The same launch as 2024-06-26-rocket-engine-test."}"""));
    }

    private static async Task<IResult> ListAsync(HttpContext http, StorePool pool, CancellationToken cancellationToken)
    {
        var wanted = http.Request.Query["status"].FirstOrDefault() ?? "pending";
        var status = wanted == "all" ? (ReviewStatus?)null : ReviewRules.ParseStatus(wanted, "status");
        using var lease = pool.Rent();
        var items = await lease.Store.ReviewsAsync(status, cancellationToken).ConfigureAwait(false);
        return Results.Text(ProposalJson.WriteItems(items), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> FindAsync(string id, StorePool pool, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        return await lease.Store.FindReviewAsync(id, cancellationToken).ConfigureAwait(false) is { } item
            ? Results.Text(ProposalJson.WriteItem(item), "application/json", Encoding.UTF8)
            : NoSuchProposal(id);
    }

    private static async Task<IResult> AcceptAsync(string id, HttpContext http, StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        if (await lease.Store.FindReviewAsync(id, cancellationToken).ConfigureAwait(false) is not { } item)
        {
            return NoSuchProposal(id);
        }

        var e = await Review.AcceptAsync(lease.Store, item, "key " + ApiKeyFilter.KeyOf(http).Name, null, clock, cancellationToken).ConfigureAwait(false);
        return Results.Text(EventJson.Serialize(e), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> RejectAsync(string id, HttpContext http, StorePool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        string? reason = null;
        if (http.Request.ContentLength is > 0)
        {
            var body = await RequestBody.ReadAsync(http.Request, Limits.MaxEventBodyBytes, cancellationToken).ConfigureAwait(false);
            try
            {
                using var json = JsonDocument.Parse(body);
                reason = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            }
            catch (JsonException ex)
            {
                throw new InputException($"the body is not JSON: {ex.Message}", "request body", field: "reason");
            }
        }

        using var lease = pool.Rent();
        if (await lease.Store.FindReviewAsync(id, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return NoSuchProposal(id);
        }

        var item = await Review.RejectAsync(lease.Store, found, "key " + ApiKeyFilter.KeyOf(http).Name, reason, clock, cancellationToken).ConfigureAwait(false);
        return Results.Text(ProposalJson.WriteItem(item), "application/json", Encoding.UTF8);
    }

    private static IResult NoSuchProposal(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such proposal", detail: $"There is no proposal '{id}' in the review queue.");
}

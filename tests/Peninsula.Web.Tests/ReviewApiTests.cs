using System.Net;
using Peninsula.Detection;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Storage;

namespace Peninsula.Web.Tests;

/// <summary>The review queue over HTTP: open to read, a key to decide, the decision audited under the key's name.</summary>
public sealed class ReviewApiTests : IDisposable
{
    private readonly PeninsulaApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> QueueALaunchAsync()
    {
        _ = _app.Server;
        await using var store = EventStores.Open(_app.Db);
        Document Report(string id, string publisher) => new()
        {
            Id = id,
            Date = new KoreanDate(2026, 11, 18),
            Title = "N. Korea fires ballistic missiles",
            Body = "North Korea fired two short-range ballistic missiles on Wednesday, the Joint Chiefs of Staff said.",
            Links = [$"https://{publisher}.example/{id}"],
            Source = publisher,
            Provenance = new Provenance("feed/1", "test", id),
        };
        var outcome = await Review.DetectNewAsync(store, [Report("a-1", "yonhap"), Report("b-1", "kyodo")], "watch test", null, TimeProvider.System);
        return Assert.Single(outcome.Queued).Id;
    }

    [Fact]
    public async Task A_queued_launch_is_listed_for_anyone_and_accepting_it_needs_a_key_and_is_audited_under_its_name()
    {
        var id = await QueueALaunchAsync();
        var anyone = _app.CreateClient();

        var list = await (await anyone.GetAsync("/api/review")).JsonAsync();
        var item = list.EnumerateArray().Single();
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal(4, item.GetProperty("proposal").GetProperty("sentences").GetArrayLength()); // each headline and each first sentence
        await (await anyone.PostAsync($"/api/review/{id}/accept", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/review.html")).StatusCode);

        var client = _app.ClientWithKey(await _app.CreateKeyAsync("analyst"));
        var accepted = await (await client.PostAsync($"/api/review/{id}/accept", null)).JsonAsync();
        var eventId = accepted.GetProperty("id").GetString()!;

        var audit = await (await client.GetAsync($"/api/events/{eventId}/audit")).JsonAsync();
        Assert.Equal("review accept accepted by key analyst", audit.EnumerateArray().Single().GetProperty("origin").GetString());
        var seen = await (await anyone.GetAsync($"/api/events/{eventId}/audit")).JsonAsync();
        Assert.Equal("review accept", seen.EnumerateArray().Single().GetProperty("origin").GetString());
        Assert.Empty((await (await anyone.GetAsync("/api/review")).JsonAsync()).EnumerateArray());
        await (await client.PostAsync($"/api/review/{id}/accept", null)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/api/review/r-none/reject", null)).ProblemAsync(HttpStatusCode.NotFound);
    }
}

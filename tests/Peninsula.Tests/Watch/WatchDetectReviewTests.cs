using System.Text.Json;
using Peninsula.Detection;
using Peninsula.Storage;
using Peninsula.Watch;

namespace Peninsula.Tests.Watch;

/// <summary>Watch, detect, review, accept: the whole path against feeds served on loopback, hostile ones among them.</summary>
public sealed class WatchDetectReviewTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    private static string Wire(string publisher, params (string Guid, string Title, string Text, string Date)[] items) =>
        $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{publisher}</title>" +
        string.Concat(items.Select(i => $"<item><title>{i.Title}</title><guid>{i.Guid}</guid><link>https://{publisher.ToLowerInvariant()}.example/{i.Guid}</link><pubDate>{i.Date}</pubDate><description>{i.Text}</description></item>")) +
        "</channel></rss>";

    private const string Xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>x</title><item><title>&x;</title><description>North Korea fired a ballistic missile on Wednesday.</description></item></channel></rss>";

    private const string Malformed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken</title><item><title>North Korea fires missile</title>";

    [Fact]
    public async Task A_new_launch_in_watched_feeds_waits_for_review_and_accepting_it_adds_the_event_with_its_reports_as_sources()
    {
        var launch = ("n-1", "N. Korea fires ballistic missiles into East Sea", "North Korea fired two short-range ballistic missiles on Wednesday, the Joint Chiefs of Staff said.", "Wed, 18 Nov 2026 01:10:00 +0000");
        var known = ("n-2", "N. Korea fired ICBM", "North Korea fired an intercontinental ballistic missile on October 31, 2024, its first in nearly a year.", "Fri, 01 Nov 2024 03:00:00 +0000");
        var follow = ("k-1", "North Korea launches missiles", "North Korea launched two ballistic missiles on November 18, Japan's defense ministry said.", "Wed, 18 Nov 2026 02:00:00 +0000");
        using var server = new TestFeedServer(request => request.Url!.AbsolutePath switch
        {
            "/yonhap.xml" => (200, Wire("Yonhap", launch, known), []),
            "/kyodo.xml" => (200, Wire("Kyodo", follow), []),
            "/xxe.xml" => (200, Xxe, []),
            "/broken.xml" => (200, Malformed, []),
            _ => (200, new string('x', 50_000), []),
        });
        foreach (var name in new[] { "broken", "kyodo", "xxe", "yonhap" })
        {
            Assert.Equal(0, (await Run("watch", "add", server.Url($"/{name}.xml").ToString(), "--name", name)).Exit);
        }

        var (exit, output, _) = await Run("watch", "run", "--once", "--allow-private");
        await using (var store = EventStores.Open(Db, CliRunner.Clock))
        {
            // An oversized answer is refused by the fetch limit, as before.
            await store.AddWatchAsync(new FeedWatch { Name = "huge", Url = server.Url("/huge.xml"), Every = TimeSpan.FromMinutes(15) });
            using var http = new SafeHttp(AddressPolicy.AllowPrivate, maxBytes: 20_000);
            var huge = await new FeedWatcher(store, http, CliRunner.Clock).PollAsync((await store.WatchesAsync()).Single(w => w.Name == "huge"));
            Assert.Contains("more than the 20000", huge.Watch.LastStatus, StringComparison.Ordinal);
        }

        Assert.Equal(1, exit);
        Assert.Contains("DTD", output, StringComparison.Ordinal);
        Assert.Contains("not well-formed", output, StringComparison.Ordinal);
        // Kyodo's report comes first and makes the review item, Yonhap's adds to it.
        Assert.Contains("kyodo: 1 new document, 0 already stored; detection read 1 new document: 1 new review item (r-2026-11-18-", output, StringComparison.Ordinal);
        Assert.Contains("yonhap: 2 new documents, 0 already stored; detection read 2 new documents: 1 event the record holds reported (1 source added), 1 waiting review item given more reports", output, StringComparison.Ordinal);

        var (_, list, _) = await Run("review", "list", "--format", "json");
        using var queued = JsonDocument.Parse(list);
        var item = queued.RootElement.EnumerateArray().Single();
        var proposal = item.GetProperty("proposal");
        Assert.Equal("2026-11-18", proposal.GetProperty("date").GetString());
        Assert.Equal(2, proposal.GetProperty("documents").GetArrayLength());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        // The queue's id, which 'review show' and 'review accept' take, is in the JSON as in the table.
        var id = item.GetProperty("id").GetString()!;
        var (_, table, _) = await Run("review", "list");
        Assert.Contains(id, table, StringComparison.Ordinal);
        var (_, shown, _) = await Run("review", "show", id);
        Assert.Contains("North Korea fired two short-range ballistic missiles on Wednesday", shown, StringComparison.Ordinal);

        var (accepted, added, error) = await Run("review", "accept", id, "--by", "Kim Analyst");

        Assert.True(accepted == 0, error);
        using var json = JsonDocument.Parse(added);
        var e = json.RootElement.EnumerateArray().Single();
        var eventId = e.GetProperty("id").GetString()!;
        Assert.Equal("2026-11-18", e.GetProperty("date").GetString());
        Assert.Equal(["https://kyodo.example/k-1", "https://yonhap.example/n-1"], e.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("url").GetString()).Order(StringComparer.Ordinal));
        await using var check = EventStores.Open(Db, CliRunner.Clock);
        Assert.Contains("accepted by Kim Analyst", Assert.Single(await check.AuditAsync(eventId)).Origin, StringComparison.Ordinal);
        Assert.Contains((await check.FindAsync("2024-10-31-icbm-hwasong-19"))!.Sources, s => s.Url == "https://yonhap.example/n-2");
        Assert.Equal(3, (await check.SearchDocumentsAsync("Korea")).Count);
        Assert.Empty(await check.ReviewsAsync(ReviewStatus.Pending));
        var (_, nothing, _) = await Run("review", "list");
        Assert.Contains("Nothing waits for review.", nothing, StringComparison.Ordinal);
    }
}

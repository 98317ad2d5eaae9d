using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Peninsula.Access;
using Peninsula.Storage;

namespace Peninsula.Web.Tests;

/// <summary>
/// The server in-process on a store of its own (a temporary SQLite file holding the bundled
/// record), with the clock fixed at 2026-11-21 so that "today" does not move under the tests.
/// </summary>
public sealed class PeninsulaApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "peninsula-web-tests", Guid.NewGuid().ToString("N"));

    public PeninsulaApp() => Directory.CreateDirectory(_folder);

    public string Db => Path.Combine(_folder, "peninsula.db");

    /// <summary>Fact-checks allowed per client per minute (the default is 30).</summary>
    public int CheckPerMinute { get; init; } = 1000;

    /// <summary>Writes allowed per client per minute (the default is 120).</summary>
    public int WritesPerMinute { get; init; } = 1000;

    /// <summary>New analyses allowed per anonymous client per minute (the default is 30).</summary>
    public int AnalysesPerMinute { get; init; } = 1000;

    /// <summary>New analyses allowed per API key per minute (the default is 300).</summary>
    public int KeyAnalysesPerMinute { get; init; } = 1000;

    /// <summary>Creates a key in the store, as <c>peninsula apikey create</c> does, and returns its secret.</summary>
    public async Task<string> CreateKeyAsync(string name)
    {
        _ = Server; // the server has created the store and loaded the record
        await using var store = EventStores.Open(Db);
        var (key, secret) = ApiKey.Create(name, Now);
        await store.AddApiKeyAsync(key);
        return secret;
    }

    public async Task RevokeKeyAsync(string name)
    {
        await using var store = EventStores.Open(Db);
        Assert.True(await store.RevokeApiKeyAsync(name));
    }

    public HttpClient ClientWithKey(string secret)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", Db);
        builder.UseSetting("WarmForecasts", "false");
        builder.UseSetting("RateLimits:CheckPerMinute", CheckPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:WritesPerMinute", WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:AnalysesPerMinute", AnalysesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:KeyAnalysesPerMinute", KeyAnalysesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Now)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One server shared by the tests that only read.</summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyServer : ICollectionFixture<PeninsulaApp>
{
    public const string Name = "read-only server";
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    public static async Task<System.Text.Json.JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return System.Text.Json.JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts an RFC 9457 problem: the status, the media type, and a detail that says what is wrong.</summary>
    public static async Task<System.Text.Json.JsonElement> ProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    public static EntityTagHeaderValue ETag(this HttpResponseMessage response) =>
        response.Headers.ETag ?? throw new Xunit.Sdk.XunitException("The response has no ETag.");
}

internal static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Peninsula.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Peninsula.slnx) above the test binaries.");
    }

    public static string Example(string name) => File.ReadAllText(Path.Combine(Root(), "docs", "examples", name));
}

internal static class BundledPublished
{
    /// <summary>
    /// How many of the bundled published forecasts the bundled record scores: those on questions
    /// whose window closes by the record's end (a question asked after it stays open there).
    /// </summary>
    public static int ScoredOnTheBundledRecord()
    {
        var contents = Questions.PublishedForecasts.Bundled.Contents;
        var end = Record.BundledRecord.CoverageEndOf(Record.BundledRecord.Events);
        var settled = contents.Questions.Where(q => q.Closes <= end).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return contents.Forecasts.Count(f => settled.Contains(f.QuestionId));
    }
}

using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.RateLimiting;
using Peninsula.Storage;
using Peninsula.Web.Api;

namespace Peninsula.Web;

/// <summary>
/// Builds the web server: the HTTP API under <c>/api</c>, the OpenAPI document, the dashboard's
/// static pages, and the guards around them (API keys for writes, rate limits, size limits,
/// security headers, Problem Details for every error). The CLI's <c>peninsula serve</c> and the
/// stand-alone host both start it from here.
/// </summary>
public static partial class PeninsulaServer
{
    /// <summary>Where the server listens unless told otherwise: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds the server from command-line style settings: <c>--db</c> (the store; default
    /// <c>$PENINSULA_DB</c>, else <c>./peninsula.db</c>), <c>--urls</c>, <c>--log-level</c>
    /// (warning, information, debug) and <c>--log-format</c> (text, json), and the limits
    /// <c>--RateLimits:CheckPerMinute</c> and <c>--RateLimits:WritesPerMinute</c>, and
    /// <c>--WarmForecasts false</c> to compute the forecasts only when first asked. Opens the store
    /// and loads the bundled record into it before it returns.
    /// </summary>
    public static WebApplication Build(string[] args, TimeProvider? clock = null)
    {
        // An analysis holds a pool thread for seconds; with the pool's default minimum (one per
        // processor) the requests then wait for the pool to grow, a thread or two a second. More
        // threads from the start keep /api/events answering while analyses run.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 8 * Environment.ProcessorCount), completions);
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Limits.MaxCheckBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        var serverLogging = ServerLogging.Configure(builder.Logging, builder.Configuration["log-level"], builder.Configuration["log-format"]);
        builder.Services.AddHttpLogging(logging =>
        {
            logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            logging.CombineLogs = true;
        });

        var location = EventStores.Locate(builder.Configuration["db"], Environment.GetEnvironmentVariable);
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton(services => new StorePool(location, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<RecordCache>();
        builder.Services.AddSingleton<AnalysisBudget>();
        builder.Services.AddSingleton(_ => new DashboardPages(PagesDirectory()));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Peninsula";
                document.Info.Description = "The record of North Korea's military and diplomatic moves, the timing tests, the forecasts and the fact-check, over HTTP. " +
                                            "Dates are Korean dates (UTC+9). Writes need an API key (peninsula apikey create) in the X-Api-Key header. " +
                                            "Each endpoint takes only the query parameters listed here: another name is a 400 that lists them.";
                return Task.CompletedTask;
            });
            ApiContract.Document(options);
        });
        builder.Services.AddRateLimiter(options => AddRateLimits(options, builder.Configuration));

        var app = builder.Build();
        PrepareStore(app, location);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (serverLogging.Requests)
        {
            app.UseHttpLogging();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Pages(app) });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Pages(app),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        // Who the client is (a valid key, else its address) is settled before any limit counts it.
        app.Use(async (context, next) =>
        {
            await Clients.IdentifyAsync(context, context.RequestServices.GetRequiredService<StorePool>()).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        });
        app.UseRateLimiter();
        app.Use(ApiContract.CheckQueryAsync);

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/healthz", HealthAsync).WithTags("Health").WithName("Health").WithSummary("Whether the server can reach its store.");
        EventEndpoints.Map(app);
        ReviewEndpoints.Map(app);
        AnalysisEndpoints.Map(app);
        QuestionEndpoints.Map(app);
        app.MapFallback("/api/{**path}", ApiContract.NoSuchEndpoint);
        return app;
    }

    private static void PrepareStore(WebApplication app, string location)
    {
        var pool = app.Services.GetRequiredService<StorePool>();
        using var lease = pool.Rent();
        var loaded = EventStores.EnsureBundledRecordAsync(lease.Store).GetAwaiter().GetResult();
        var logger = app.Logger;
        if (loaded is not null)
        {
            Log.BundledRecordLoaded(logger, location, loaded.Added.Count, loaded.Updated.Count);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !IsLoopback(uri.Host))
                {
                    Log.ListeningBeyondLoopback(logger, url);
                }
            }

            Log.Serving(logger, pool.Location, string.Join(", ", app.Urls));
            // Warm the forecasts so that the first visitor does not wait for them.
            if (app.Configuration.GetValue("WarmForecasts", true))
            {
                _ = app.Services.GetRequiredService<RecordCache>().WarmAsync(app.Services.GetRequiredService<AnalysisBudget>(), app.Lifetime.ApplicationStopping);
            }
        });
    }

    /// <summary>The dashboard's files: <c>wwwroot</c> next to the program (the build puts them there).</summary>
    private static string PagesDirectory()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(directory)
            ? directory
            : throw new DirectoryNotFoundException($"The dashboard's pages are not in {directory}. Build Peninsula again (dotnet build) to put them there.");
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static DashboardPages Pages(WebApplication app) => app.Services.GetRequiredService<DashboardPages>();

    private static async Task<IResult> HealthAsync(StorePool pool, CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        var changes = await lease.Store.ChangeCountAsync(cancellationToken).ConfigureAwait(false);
        // The kind of store only: its path or connection string tells an outsider about the machine.
        return Results.Ok(new { status = "ok", store = EventStores.IsPostgres(pool.Location) ? "postgresql" : "sqlite", changes });
    }

    private static void AddRateLimits(RateLimiterOptions options, IConfiguration configuration)
    {
        var checkPerMinute = configuration.GetValue("RateLimits:CheckPerMinute", 30);
        var writesPerMinute = configuration.GetValue("RateLimits:WritesPerMinute", 120);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Limits.CheckPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            Clients.Of(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = checkPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.AddPolicy(Limits.WritesPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            Clients.Of(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = writesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.OnRejected = async (context, cancellationToken) =>
        {
            var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"This client has sent too many of these requests; try again in {Math.Ceiling(retry.TotalSeconds)} seconds.")
                .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
    }

    /// <summary>
    /// The library names the command line's options in its errors (--as-of, --to); over HTTP the
    /// same values are the query's and the body's parameters (as_of, to), so the names are turned into those.
    /// </summary>
    internal static string ApiNames(string text) =>
        CommandLineOption().Replace(text, m => m.Groups["name"].Value.Replace('-', '_'));

    [System.Text.RegularExpressions.GeneratedRegex("(?<![\\w-])--(?<name>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)")]
    private static partial System.Text.RegularExpressions.Regex CommandLineOption();

    /// <summary>Handles what escapes an endpoint: bad input as 400, anything else as 500, both as Problem Details.</summary>
    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title, detail) = exception switch
            {
                InputException { NotFound: true } missing => (StatusCodes.Status404NotFound, "Not found", ApiNames(missing.Message)),
                InputException { Conflict: true } taken => (StatusCodes.Status409Conflict, "In conflict with what is stored", ApiNames(taken.Message)),
                InputException input => (StatusCodes.Status400BadRequest, "The request is not valid", ApiNames(input.Message)),
                BudgetExceededException budget => (StatusCodes.Status429TooManyRequests, "Too many requests", budget.Message),
                BadHttpRequestException bad => (bad.StatusCode, "The request is not valid", bad.Message),
                ConcurrencyConflictException conflict => (StatusCodes.Status412PreconditionFailed, "The event has changed", conflict.Message),
                StoreVersionException version => (StatusCodes.Status503ServiceUnavailable, "The store cannot be used", version.Message),
                StoreException store => (StatusCodes.Status503ServiceUnavailable, "The store cannot be used", store.Message),
                _ => (StatusCodes.Status500InternalServerError, "Something went wrong on the server", "The error was logged; the request changed nothing."),
            };
            if (status >= 500)
            {
                Log.RequestFailed(logger, exception, httpContext.Request.Path);
            }

            httpContext.Response.StatusCode = status;
            if (exception is BudgetExceededException { RetryAfter: var retry })
            {
                httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
            if (exception is InputException { Field: { } field })
            {
                details.Extensions["field"] = ApiNames(field);
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception })
                .ConfigureAwait(false);
        }
    }
}

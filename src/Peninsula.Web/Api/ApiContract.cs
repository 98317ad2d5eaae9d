using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.OpenApi;

namespace Peninsula.Web.Api;

/// <summary>What a query parameter holds: how it is read and how the OpenAPI document types it.</summary>
internal enum ParameterType
{
    /// <summary>Free text or one of <see cref="Parameter.Values"/>.</summary>
    Text,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A Korean date (UTC+9), YYYY-MM-DD.</summary>
    Date,

    /// <summary>true or false (1 or 0).</summary>
    Flag,

    /// <summary>A number, or a text such as "25%" (a body's probability).</summary>
    Number,
}

/// <summary>One named value an endpoint reads, in its query string or its JSON body: documented in the OpenAPI document, and the only names it takes.</summary>
/// <param name="Name">The name in the query string or the body.</param>
/// <param name="Type">What it holds.</param>
/// <param name="Description">What it does, in plain words.</param>
internal sealed record Parameter(string Name, ParameterType Type, string Description)
{
    /// <summary>Whether the request is refused without it.</summary>
    public bool Required { get; init; }

    /// <summary>Whether it may be given more than once (<c>kind=a&amp;kind=b</c>).</summary>
    public bool Repeatable { get; init; }

    /// <summary>The values it takes, when they are a fixed list.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Its value when not given, as text, when there is a fixed one.</summary>
    public string? Default { get; init; }
}

/// <summary>The query parameters of one endpoint (endpoint metadata): an API endpoint without it takes none.</summary>
internal sealed record QueryParameters(IReadOnlyList<Parameter> All);

/// <summary>The fields of the JSON object one endpoint reads as its body (endpoint metadata): documented, and the only fields it takes.</summary>
internal sealed record BodyFields(IReadOnlyList<Parameter> All)
{
    /// <summary>
    /// Refuses a body that is not an object, a field not among these (naming the one meant when it
    /// is near, as for query parameters) and a field given twice; <paramref name="what"/> names the
    /// object in the message ("a question").
    /// </summary>
    public void Check(System.Text.Json.JsonElement root, string what)
    {
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new InputException($"send {what} as a JSON object {{...}}.", "the request body");
        }

        var names = All.Select(f => f.Name).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in root.EnumerateObject().Select(p => p.Name))
        {
            if (!names.Contains(name))
            {
                var hint = ApiContract.Near(name, names) is { } near ? $" Did you mean '{near}'?" : "";
                throw new InputException($"'{name}' is not a field of {what}.{hint} The fields: {string.Join(", ", names)}.", "the request body", field: name);
            }

            if (!seen.Add(name))
            {
                throw new InputException($"'{name}' is given twice; give it once.", "the request body", field: name);
            }
        }
    }
}

/// <summary>The body one endpoint reads (endpoint metadata), for the OpenAPI document.</summary>
/// <param name="Description">What to send.</param>
/// <param name="Forms">Each content type it takes, with an example.</param>
/// <param name="Required">Whether a body must be sent.</param>
internal sealed record RequestBodyForm(string Description, IReadOnlyList<(string ContentType, string Example)> Forms, bool Required = true);

/// <summary>One answer an endpoint gives besides 200 and the errors every endpoint can give (endpoint metadata), for the OpenAPI document.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Description">When it is given.</param>
internal sealed record Answer(int Status, string Description);

/// <summary>Marks an endpoint that needs an API key (endpoint metadata), for the OpenAPI document.</summary>
internal sealed class NeedsApiKey
{
    public static readonly NeedsApiKey Instance = new();
}

/// <summary>
/// The API's contract in one place: which query parameters each endpoint takes (a request with a
/// name it does not take, or a single-valued one given twice, is a 400 that says which names it
/// takes: a misspelt <c>asof</c> is not silently ignored), its body and whether it needs a key, and
/// the OpenAPI document built from the same declarations, with the error answers every endpoint can give.
/// </summary>
internal static class ApiContract
{
    /// <summary>The name of the API-key security scheme in the OpenAPI document.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The event filters of <c>peninsula events list</c>, which the events list and the statistics read.</summary>
    public static readonly Parameter[] EventFilters =
    [
        new("kind", ParameterType.Text, "Kinds of event (e.g. missile-launch, nuclear-test, summit): repeat the parameter or separate with commas.") { Repeatable = true },
        new("class", ParameterType.Text, "Classes (e.g. icbm, srbm, us-dprk): repeat the parameter or separate with commas.") { Repeatable = true },
        new("system", ParameterType.Text, "A weapon system's name or alias (e.g. Hwasong-18)."),
        new("actor", ParameterType.Text, "An actor (e.g. DPRK, US, ROK, China)."),
        new("since", ParameterType.Date, "The first Korean date, YYYY-MM-DD."),
        new("until", ParameterType.Date, "The last Korean date, YYYY-MM-DD."),
        new("text", ParameterType.Text, "Words to find in the title and summary."),
        new("set", ParameterType.Text, "A named set whose kinds and classes apply where kind and class are not given.") { Values = [.. Peninsula.Events.EventFilter.NamedSets.Keys] },
    ];

    /// <summary>The forecast targets, for parameters that name one.</summary>
    public static IReadOnlyList<string> Targets => [.. Peninsula.Forecasting.ForecastTarget.All.Select(t => t.Slug)];

    /// <summary>The forecast horizons in days, for parameters that name one.</summary>
    public static IReadOnlyList<string> Horizons => [.. Peninsula.Forecasting.ForecastTarget.Horizons.Select(h => h.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Declares the query parameters an endpoint takes (the only ones it takes).</summary>
    public static RouteHandlerBuilder Takes(this RouteHandlerBuilder builder, params Parameter[] parameters) =>
        builder.WithMetadata(new QueryParameters(parameters));

    /// <summary>Declares the body an endpoint reads.</summary>
    public static RouteHandlerBuilder Reads(this RouteHandlerBuilder builder, string description, params (string ContentType, string Example)[] forms) =>
        builder.WithMetadata(new RequestBodyForm(description, forms));

    /// <summary>Declares the fields of the JSON object an endpoint reads as its body.</summary>
    public static RouteHandlerBuilder Fields(this RouteHandlerBuilder builder, BodyFields fields) =>
        builder.WithMetadata(fields);

    /// <summary>Declares a body an endpoint reads when one is sent.</summary>
    public static RouteHandlerBuilder MayRead(this RouteHandlerBuilder builder, string description, params (string ContentType, string Example)[] forms) =>
        builder.WithMetadata(new RequestBodyForm(description, forms, Required: false));

    /// <summary>Declares an answer the endpoint gives: a success other than 200 (201, 204) replaces 200.</summary>
    public static RouteHandlerBuilder Answers(this RouteHandlerBuilder builder, int status, string description) =>
        builder.WithMetadata(new Answer(status, description));

    /// <summary>The writes of a group: an API key is needed (<see cref="ApiKeyFilter"/>), and the writes' rate limit applies.</summary>
    public static RouteGroupBuilder Writes(this RouteGroupBuilder group)
    {
        var writes = group.MapGroup("/").AddEndpointFilter<ApiKeyFilter>().RequireRateLimiting(Limits.WritesPolicy);
        writes.WithMetadata(NeedsApiKey.Instance);
        return writes;
    }

    /// <summary>
    /// Refuses, before the endpoint runs, a query parameter the endpoint does not take and a
    /// single-valued one given more than once, naming those it takes; drops empty values first, so
    /// that <c>target=</c> means the default everywhere. Only the API's own endpoints (under /api/)
    /// are checked; pages and files are not.
    /// </summary>
    public static async Task CheckQueryAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && context.GetEndpoint() is { } endpoint &&
            endpoint.Metadata.GetMetadata<RouteNameMetadata>() is not null)
        {
            var taken = endpoint.Metadata.GetMetadata<QueryParameters>()?.All ?? [];
            // An empty value (target=) is the same as not giving the parameter, on every endpoint alike.
            if (context.Request.Query.Any(q => q.Value.Any(string.IsNullOrWhiteSpace)))
            {
                context.Request.QueryString = QueryString.Create(
                    context.Request.Query.SelectMany(q => q.Value.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => KeyValuePair.Create(q.Key, v))));
            }

            foreach (var (name, values) in context.Request.Query)
            {
                var parameter = taken.FirstOrDefault(p => p.Name == name);
                if (parameter is null)
                {
                    var hint = Near(name, taken.Select(p => p.Name)) is { } near ? $" Did you mean '{near}'?" : "";
                    var list = taken.Count == 0 ? "This endpoint takes no query parameters." : $"This endpoint takes: {string.Join(", ", taken.Select(p => p.Name))}.";
                    throw new InputException($"'{name}' is not a parameter of {context.Request.Method} {context.Request.Path}.{hint} {list}", field: name);
                }

                if (!parameter.Repeatable && values.Count > 1)
                {
                    throw new InputException($"{name} is given {values.Count} times; give it once.", field: name);
                }
            }
        }

        await next().ConfigureAwait(false);
    }

    /// <summary>
    /// What an /api/ address no endpoint answers gets: 405 with the methods it takes (in Allow) when
    /// the address is an endpoint's with another method (POST /api/forecasts), else 404; both say
    /// where the endpoints are listed. (The fallback route takes every method, so routing's own 405
    /// never comes.)
    /// </summary>
    public static IResult NoSuchEndpoint(HttpContext context, EndpointDataSource endpoints)
    {
        var path = context.Request.Path.Value ?? "";
        var methods = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal) && !raw.Contains("**", StringComparison.Ordinal) &&
                        new TemplateMatcher(new RouteTemplate(e.RoutePattern), []).TryMatch(path, []))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (methods.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", methods);
            return Results.Problem(
                statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed",
                detail: $"{path} takes {string.Join(" and ", methods)}, not {context.Request.Method}. The endpoints are listed in /openapi/v1.json.");
        }

        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no API endpoint {path}. The endpoints are listed in /openapi/v1.json.");
    }

    /// <summary>
    /// The name among <paramref name="names"/> that <paramref name="given"/> most likely meant, or
    /// null: the same but for separators and case (asof, as-of and AS_OF for as_of), or the start of
    /// it (open for opens).
    /// </summary>
    public static string? Near(string given, IEnumerable<string> names)
    {
        var plain = Plain(given);
        return names.FirstOrDefault(n => string.Equals(Plain(n), plain, StringComparison.OrdinalIgnoreCase))
            ?? (plain.Length >= 2 ? names.FirstOrDefault(n => Plain(n).StartsWith(plain, StringComparison.OrdinalIgnoreCase)) : null);
    }

    /// <summary>A name without its separators.</summary>
    private static string Plain(string name) => new([.. name.Where(char.IsLetterOrDigit)]);

    /// <summary>Adds the declarations to the OpenAPI document: parameters, bodies, the API-key scheme and the error answers.</summary>
    public static void Document(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            // A relative server address: the API is where this document was read (an address made
            // from the request's Host header would repeat whatever a client put there).
            document.Servers = [new OpenApiServer { Url = "/", Description = "Where this document was read." }];

            document.Tags = new HashSet<OpenApiTag>(
                Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyFilter.Header,
                Description = "An API key made with 'peninsula apikey create NAME', sent in the X-Api-Key header (or as Authorization: Bearer KEY). Writes need one; reading does not.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var parameters = metadata.OfType<QueryParameters>().FirstOrDefault()?.All ?? [];
            if (parameters.Count > 0)
            {
                operation.Parameters ??= [];
                foreach (var parameter in parameters)
                {
                    operation.Parameters.Add(Parameter(parameter));
                }
            }

            var fields = metadata.OfType<BodyFields>().FirstOrDefault();
            if (metadata.OfType<RequestBodyForm>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Description = body.Description,
                    Required = body.Required,
                    Content = body.Forms.ToDictionary(
                        f => f.ContentType,
                        f => new OpenApiMediaType
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = !f.ContentType.EndsWith("json", StringComparison.Ordinal) ? JsonSchemaType.String
                                    : f.Example.TrimStart().StartsWith('[') ? JsonSchemaType.Array : JsonSchemaType.Object,
                                Properties = fields is null ? null : fields.All.ToDictionary(p => p.Name, p => (IOpenApiSchema)Schema(p)),
                                Required = fields is null ? null : new HashSet<string>(fields.All.Where(p => p.Required).Select(p => p.Name)),
                                AdditionalPropertiesAllowed = fields is null,
                            },
                            Example = f.ContentType.EndsWith("json", StringComparison.Ordinal) ? JsonNode.Parse(f.Example) : JsonValue.Create(f.Example),
                        }),
                };
            }

            operation.Responses ??= [];
            foreach (var answer in metadata.OfType<Answer>())
            {
                var status = answer.Status.ToString(CultureInfo.InvariantCulture);
                if (answer.Status is >= 200 and < 300)
                {
                    operation.Responses.Remove("200");
                    operation.Responses[status] = new OpenApiResponse { Description = answer.Description };
                }
                else
                {
                    operation.Responses[status] = answer.Status == StatusCodes.Status304NotModified
                        ? new OpenApiResponse { Description = answer.Description }
                        : Problem(answer.Description);
                }
            }

            var path = context.Description.RelativePath ?? "";
            if (path.StartsWith("api/", StringComparison.Ordinal))
            {
                // Every API endpoint refuses a query parameter it does not take.
                operation.Responses.TryAdd("400", Problem("The request is not valid: the answer's detail says what, and its field which parameter or field."));
            }

            if (operation.RequestBody is not null)
            {
                operation.Responses.TryAdd("413", Problem("The body is larger than this endpoint takes (the detail gives the limit)."));
                if (operation.RequestBody.Content?.Keys.All(k => k.EndsWith("json", StringComparison.Ordinal)) == true)
                {
                    operation.Responses.TryAdd("415", Problem("The body is not sent as application/json."));
                }
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                operation.Responses.TryAdd("404", Problem("There is no such item."));
            }

            var key = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] };
            if (metadata.OfType<NeedsApiKey>().Any())
            {
                operation.Security = [key];
                operation.Responses.TryAdd("401", Problem("No API key, or one this server does not know or has revoked."));
            }
            else
            {
                // A read needs no key; one sent raises the client's budget of new analyses.
                operation.Security = [new OpenApiSecurityRequirement(), key];
            }

            if (path.StartsWith("api/", StringComparison.Ordinal))
            {
                operation.Responses.TryAdd("429", Problem("Too many requests from this client for now: wait the seconds the Retry-After header gives."));
            }

            return Task.CompletedTask;
        });
    }

    private static OpenApiParameter Parameter(Parameter parameter)
    {
        var schema = Schema(parameter);
        schema.Description = null; // the parameter's own description says it
        return new OpenApiParameter
        {
            Name = parameter.Name,
            In = ParameterLocation.Query,
            Description = parameter.Description,
            Required = parameter.Required,
            // A repeatable parameter is an array sent as name=a&name=b (form style, exploded: OpenAPI's default for the query).
            Schema = parameter.Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
        };
    }

    /// <summary>The schema of one value: its type, format, allowed values and default, with its description.</summary>
    private static OpenApiSchema Schema(Parameter parameter) => new()
    {
        Type = parameter.Type switch
        {
            ParameterType.Integer => JsonSchemaType.Integer,
            ParameterType.Flag => JsonSchemaType.Boolean,
            ParameterType.Number => JsonSchemaType.Number | JsonSchemaType.String,
            _ => JsonSchemaType.String,
        },
        Format = parameter.Type == ParameterType.Date ? "date" : null,
        Description = parameter.Description,
        Enum = parameter.Values is { } values ? [.. values.Select(JsonNode (v) => Value(parameter.Type, v))] : null,
        Default = parameter.Default is { } d ? Value(parameter.Type, d) : null,
    };

    /// <summary>A value of a parameter as its type writes it: a number for a whole number, true or false for a flag.</summary>
    private static JsonValue Value(ParameterType type, string text) => type switch
    {
        ParameterType.Integer => JsonValue.Create(int.Parse(text, CultureInfo.InvariantCulture)),
        ParameterType.Flag => JsonValue.Create(bool.Parse(text)),
        _ => JsonValue.Create(text),
    };

    /// <summary>The groups of endpoints, as the document lists them.</summary>
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Events"] = "The record: North Korea's military and diplomatic moves and the context around them, each with its sources; writes are audited.",
        ["Review"] = "Events that detection found in watched feeds and the record does not hold, waiting for a person to accept or reject them.",
        ["Statistics"] = "Counts of events, and how current the record is.",
        ["Timing"] = "Whether provocations fall at the time of other events more often than chance.",
        ["Forecasts"] = "The probability of each target in each horizon or any window, with the reasons, the tempo and the backtest.",
        ["Questions"] = "Forecasting questions: the model's and experts' forecasts, resolution from the record, the leaderboard, and the published forecasts on past questions.",
        ["Fact-check"] = "An article's claims checked against the record.",
        ["Health"] = "Whether the server can reach its store.",
    };

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What is wrong, in plain words." },
                        ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The parameter or field at fault, when there is one." },
                    },
                },
            },
        },
    };
}

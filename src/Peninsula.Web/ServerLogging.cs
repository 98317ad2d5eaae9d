using Microsoft.Extensions.Logging.Console;

namespace Peninsula.Web;

/// <summary>
/// How the server logs, chosen by <c>--log-level</c> and <c>--log-format</c>: readable lines by
/// default, JSON for log collectors; one line per request only at debug level, so that a busy
/// server does not write a line for every request it answers. Timestamps are UTC. The server
/// writes to standard output only; rotation is the job of whatever keeps that output (journald,
/// Docker, logrotate).
/// </summary>
public static class ServerLogging
{
    /// <summary>The levels <c>--log-level</c> takes.</summary>
    public static readonly string[] Levels = ["warning", "information", "debug"];

    /// <summary>The formats <c>--log-format</c> takes.</summary>
    public static readonly string[] Formats = ["text", "json"];

    /// <summary>Sets the log providers and levels; returns whether requests are logged.</summary>
    /// <exception cref="InputException">An unknown level or format.</exception>
    internal static (LogLevel Level, bool Requests) Configure(ILoggingBuilder logging, string? level, string? format)
    {
        var minimum = (level ?? "information").ToLowerInvariant() switch
        {
            "warning" => LogLevel.Warning,
            "information" => LogLevel.Information,
            "debug" => LogLevel.Debug,
            var other => throw new InputException($"'{other}' is not a log level; use {string.Join(", ", Levels)}.", field: "--log-level"),
        };
        logging.ClearProviders();
        switch ((format ?? "text").ToLowerInvariant())
        {
            case "text":
                logging.AddSimpleConsole(text =>
                {
                    text.SingleLine = true;
                    text.TimestampFormat = "yyyy-MM-dd HH:mm:ss'Z' ";
                    text.UseUtcTimestamp = true;
                    text.ColorBehavior = LoggerColorBehavior.Disabled;
                });
                break;
            case "json":
                logging.AddJsonConsole(json =>
                {
                    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    json.UseUtcTimestamp = true;
                });
                break;
            case var other:
                throw new InputException($"'{other}' is not a log format; use {string.Join(", ", Formats)}.", field: "--log-format");
        }

        logging.SetMinimumLevel(minimum);
        // ASP.NET Core's own lines (request starting, request finished, endpoint executed) are
        // three per request: kept for debugging only. The request log is one line, at debug.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", minimum <= LogLevel.Debug ? LogLevel.Information : LogLevel.None);
        logging.AddFilter("Microsoft.Hosting.Lifetime", minimum <= LogLevel.Information ? LogLevel.Information : LogLevel.Warning);
        return (minimum, minimum <= LogLevel.Debug);
    }
}

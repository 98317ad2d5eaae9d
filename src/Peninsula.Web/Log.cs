namespace Peninsula.Web;

/// <summary>The server's own log messages, as structured events (the fields are named).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Loaded the bundled record into {Store}: {Added} events added, {Updated} updated")]
    public static partial void BundledRecordLoaded(ILogger logger, string store, int added, int updated);

    [LoggerMessage(2, LogLevel.Warning, "Listening on {Url}, which other machines can reach. Writes still need an API key; put a TLS proxy in front before exposing it")]
    public static partial void ListeningBeyondLoopback(ILogger logger, string url);

    [LoggerMessage(3, LogLevel.Information, "Peninsula is serving {Store} at {Urls}")]
    public static partial void Serving(ILogger logger, string store, string urls);

    [LoggerMessage(4, LogLevel.Information, "Forecasts ready in {Seconds} s")]
    public static partial void ForecastsReady(ILogger logger, double seconds);

    [LoggerMessage(7, LogLevel.Information, "The overview's track record ready in {Seconds} s")]
    public static partial void TrackRecordReady(ILogger logger, double seconds);

    [LoggerMessage(8, LogLevel.Information, "The model against the published forecasts on past questions ready in {Seconds} s")]
    public static partial void PublishedComparisonReady(ILogger logger, double seconds);

    [LoggerMessage(5, LogLevel.Warning, "Could not compute the forecasts ahead of time; the first request will")]
    public static partial void ForecastsNotWarmed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Request {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string path);
}

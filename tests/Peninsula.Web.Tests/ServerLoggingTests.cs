using Microsoft.Extensions.Logging;

namespace Peninsula.Web.Tests;

public sealed class ServerLoggingTests
{
    private const string RequestLog = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";

    [Theory]
    [InlineData("information", "text", false)]
    [InlineData("information", "json", false)]
    [InlineData("debug", "text", true)]
    [InlineData("warning", "json", false)]
    public void Requests_are_logged_in_one_line_at_debug_level_only(string level, string format, bool requests)
    {
        using var factory = LoggerFactory.Create(builder => Assert.Equal(requests, ServerLogging.Configure(builder, level, format).Requests));

        Assert.Equal(requests, factory.CreateLogger(RequestLog).IsEnabled(LogLevel.Information));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.Equal(level != "warning", factory.CreateLogger("Peninsula.Web.RecordCache").IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData("loud", "text", "--log-level")]
    [InlineData("debug", "xml", "--log-format")]
    public void An_unknown_level_or_format_is_refused_naming_the_flag(string level, string format, string field)
    {
        var error = Assert.Throws<InputException>(() => LoggerFactory.Create(builder => ServerLogging.Configure(builder, level, format)));

        Assert.Equal(field, error.Field);
    }
}

using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Peninsula.Storage;
using Peninsula.Web;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula serve</c>: the dashboard and the HTTP API on this machine.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen. Default: {PeninsulaServer.DefaultUrls} (this machine only); http://0.0.0.0:5080 lets other machines in.",
            DefaultValueFactory = _ => PeninsulaServer.DefaultUrls,
        };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "What the server logs: warning, information (start, stop, problems) or debug (also one line per request).",
            DefaultValueFactory = _ => "information",
        };
        logLevel.AcceptOnlyFromAmong(ServerLogging.Levels);
        var logFormat = new Option<string>("--log-format")
        {
            Description = "How log lines look: text (one readable line each) or json (one JSON object a line, for log collectors).",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong(ServerLogging.Formats);
        var command = new Command("serve", "Start the dashboard and the HTTP API (Ctrl+C stops it). Pages: /, /timeline.html, /map.html, /event.html?id=ID, /timing.html, /forecast.html, /questions.html, /check.html, /review.html; API: /api/..., described in /openapi/v1.json.")
        {
            urls, logLevel, logFormat,
        };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.GuardAsync(context, async () =>
        {
            var location = EventStores.Locate(parse.GetValue(CommonOptions.Db), context.Environment);
            PeninsulaCommand.RequireFolder(location, "--db");
            // Said before the server is built: building it loads the bundled record, which it logs.
            context.Error.MarkupLine($"[grey]Opening {Markup.Escape(location)}; the dashboard will be at {Markup.Escape(parse.GetValue(urls)!)} (Ctrl+C stops it).[/]");
            await using var app = PeninsulaServer.Build(
                ["--urls", parse.GetValue(urls)!, "--db", location, "--log-level", parse.GetValue(logLevel)!, "--log-format", parse.GetValue(logFormat)!]);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                throw new InputException(
                    $"{parse.GetValue(urls)} is already in use: another Peninsula, or another program, is listening there. Stop it, or serve at another address, e.g. --urls http://127.0.0.1:5081.",
                    field: "--urls");
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}

using System.Diagnostics;

namespace Peninsula.Benchmarks;

/// <summary>
/// <c>peninsula serve</c> from the Release build, in its own process, on a store and an address;
/// started and waited for until <c>/healthz</c> answers, stopped (with its children) when disposed.
/// </summary>
internal sealed class ServedPeninsula : IAsyncDisposable
{
    private readonly Process _server;

    private ServedPeninsula(Process server) => _server = server;

    /// <summary>The Release build of the CLI, or null (with what to do, on standard error) when it is not built.</summary>
    public static string? ReleaseCli()
    {
        var cli = Path.Combine(WebLoad.RepositoryRoot(), "src", "Peninsula.Cli", "bin", "Release", "net10.0", "Peninsula.Cli.dll");
        if (File.Exists(cli))
        {
            return cli;
        }

        Console.Error.WriteLine($"Build the CLI first: dotnet build -c Release src/Peninsula.Cli (looked for {cli}).");
        return null;
    }

    /// <summary>Serves <paramref name="db"/> at <paramref name="url"/> and returns once it answers, or throws after five minutes.</summary>
    public static async Task<ServedPeninsula> StartAsync(string cli, string db, string url, params string[] options)
    {
        var server = Process.Start(new ProcessStartInfo("dotnet", [cli, "serve", "--db", db, "--urls", url, .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var served = new ServedPeninsula(server);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
            var started = Stopwatch.StartNew();
            while (true)
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"peninsula serve exited with code {server.ExitCode} before it answered.");
                }

                if (started.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException("peninsula serve did not answer /healthz within 5 minutes.");
                }

                try
                {
                    if ((await http.GetAsync(url + "/healthz")).IsSuccessStatusCode)
                    {
                        return served;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(250);
            }
        }
        catch
        {
            await served.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
    }
}

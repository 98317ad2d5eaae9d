namespace Peninsula.Web;

/// <summary>
/// The web host on its own (<c>dotnet run --project src/Peninsula.Web -- --db FILE --urls URL</c>);
/// <c>peninsula serve</c> starts the same server.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Starts the server and runs until it is stopped (Ctrl+C).</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            // A request for help starts no server (nor creates a store in the current folder).
            Console.WriteLine("Peninsula's web server: dashboard and HTTP API.\n\nUsage: dotnet Peninsula.Web.dll [--db FILE-OR-POSTGRES-CONNECTION] [--urls http://127.0.0.1:5000]\n\n" +
                              "The same server as 'peninsula serve' (its --help lists every option). The API is described at /openapi/v1.json.");
            return 0;
        }

        await using var app = PeninsulaServer.Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}

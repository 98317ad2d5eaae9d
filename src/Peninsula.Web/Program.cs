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
        await using var app = PeninsulaServer.Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}

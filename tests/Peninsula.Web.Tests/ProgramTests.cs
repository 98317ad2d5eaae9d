namespace Peninsula.Web.Tests;

/// <summary>The web host run on its own.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task Asking_the_web_host_for_help_prints_its_usage_and_starts_no_server()
    {
        var output = new StringWriter();
        var console = Console.Out;
        try
        {
            Console.SetOut(output);
            // Without the check this starts a server that runs until stopped: the wait fails instead of hanging.
            var exit = await Program.Main(["--help"]).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Equal(0, exit);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Contains("Usage: dotnet Peninsula.Web.dll", output.ToString(), StringComparison.Ordinal);
    }
}

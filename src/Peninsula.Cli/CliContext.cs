using Spectre.Console;

namespace Peninsula.Cli;

/// <summary>
/// What a command talks to: the console for results, the console for messages and errors, the raw
/// output for machine formats (JSON, CSV), the clock and the environment. Tests pass recording ones.
/// </summary>
internal sealed record CliContext(
    IAnsiConsole Out,
    IAnsiConsole Error,
    TextWriter RawOut,
    TimeProvider Clock,
    Func<string, string?> Environment,
    TextReader StandardInput)
{
    /// <summary>
    /// The width a console writes to a file or a pipe: wide enough that no row of the record wraps,
    /// so that an id stays whole on its line for grep and cut (Spectre's own default is 80).
    /// </summary>
    public const int PipedWidth = 4096;

    public static CliContext FromProcess()
    {
        var output = Console(System.Console.Out, System.Console.IsOutputRedirected);
        var error = Console(System.Console.Error, System.Console.IsErrorRedirected);
        return new CliContext(output, error, System.Console.Out, TimeProvider.System, System.Environment.GetEnvironmentVariable, System.Console.In);
    }

    /// <summary>A terminal's console takes the terminal's width; a redirected one, <see cref="PipedWidth"/>.</summary>
    private static IAnsiConsole Console(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = PipedWidth;
        }

        return console;
    }
}

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
    public static CliContext FromProcess()
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliContext(AnsiConsole.Console, error, Console.Out, TimeProvider.System, System.Environment.GetEnvironmentVariable, Console.In);
    }
}

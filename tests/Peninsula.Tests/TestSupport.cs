using System.Globalization;
using Peninsula.Cli;
using Peninsula.Events;
using Spectre.Console;

namespace Peninsula.Tests;

/// <summary>A folder of its own for one test, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "peninsula-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Runs the peninsula command as a user would, capturing what it prints.</summary>
internal static class CliRunner
{
    public static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));

    public static async Task<(int Exit, string Out, string Error)> RunAsync(string db, params string[] args) =>
        await RunWithInputAsync(db, "", args);

    public static async Task<(int Exit, string Out, string Error)> RunWithInputAsync(string db, string input, params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var context = new CliContext(Recording(output), Recording(error), output, Clock, _ => null, new StringReader(input));
        var exit = await PeninsulaCommand.RunAsync([.. args, "--db", db], context);
        return (exit, output.ToString(), error.ToString());
    }

    public static IAnsiConsole Recording(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        return console;
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Events for tests, valid unless a test changes them.</summary>
internal static class Sample
{
    public static Event Launch(string id = "2024-10-31-icbm-hwasong-19", string date = "2024-10-31") => new()
    {
        Id = id,
        Kind = EventKind.MissileLaunch,
        Class = "icbm",
        Date = KoreanDate.Parse(date),
        UtcInstant = new DateTimeOffset(2024, 10, 30, 22, 11, 0, TimeSpan.Zero),
        Actors = ["DPRK"],
        System = new WeaponSystem("hwasong-19", "Hwasong-19", ["KN-99 test alias"]),
        Site = new Place("Pyongyang International Airport", 39.2241, 125.6700),
        Figures = new EventFigures { NumberFired = 1, ApogeeKm = 7687, RangeKm = 1001.2 },
        Outcome = Outcome.Success,
        Title = "Intercontinental ballistic missile launch (Hwasong-19)",
        Summary = "Longest flight so far.",
        Sources = [new EventSource("Yonhap", "https://en.yna.co.kr/", "2024-10-31", "ICBM")],
    };

    public static Event Visit() => new()
    {
        Id = "2024-03-17-blinken-visit",
        Kind = EventKind.DiplomaticVisit,
        Class = "us-secretary-of-state",
        Date = new KoreanDate(2024, 3, 17),
        EndDate = new KoreanDate(2024, 3, 19),
        Actors = ["US", "ROK"],
        People = ["Antony Blinken"],
        Title = "Secretary of State visits Seoul for the Summit for Democracy",
        Sources = [new EventSource("U.S. Department of State", "https://www.state.gov/", "2024-03-17", null)],
    };
}

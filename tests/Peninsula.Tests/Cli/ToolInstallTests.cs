using System.Diagnostics;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Cli;

/// <summary>The README's install: a tool package built from the repository gives a real <c>peninsula</c> command.</summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_readme_install_steps_give_a_peninsula_command_that_answers()
    {
        var root = BundledRecordTests.RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        Assert.Contains("dotnet pack src/Peninsula.Cli -c Release ", readme);
        Assert.Contains("dotnet tool install --global --add-source artifacts Peninsula.Cli ", readme);

        // The same two steps into folders of the test's own, so that nothing of the user's changes.
        var packages = _folder.File("artifacts");
        var tools = _folder.File("tools");
        await RunAsync(root, "dotnet", "pack", "src/Peninsula.Cli", "-c", "Release", "-o", packages);
        // --ignore-failed-sources: the package is in the folder; offline, the registry's absence must not fail the install.
        await RunAsync(root, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources", "Peninsula.Cli");

        var peninsula = Path.Combine(tools, OperatingSystem.IsWindows() ? "peninsula.exe" : "peninsula");
        var help = await RunAsync(_folder.Path, peninsula, "--help");
        Assert.Contains("  peninsula [command] [options]", help);
        var list = await RunAsync(_folder.Path, peninsula, "events", "list", "--kind", "nuclear-test", "--db", _folder.File("tool.db"));
        Assert.Contains("2017-09-03-nuclear-test", list);
        Assert.Contains("6 events.", list);
    }

    private static async Task<string> RunAsync(string folder, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }
}

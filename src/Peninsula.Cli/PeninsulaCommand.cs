using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using Peninsula.Cli.Commands;
using Peninsula.Storage;
using Spectre.Console;

namespace Peninsula.Cli;

/// <summary>The <c>peninsula</c> command tree and how its actions run.</summary>
internal static partial class PeninsulaCommand
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Errors.All(e => UnparsableValue().IsMatch(e.Message)))
        {
            // A value of the wrong type ('--horizon abc'): said in words, not in the parser's .NET type names, without the whole help.
            foreach (var error in parse.Errors)
            {
                var m = UnparsableValue().Match(error.Message);
                var kind = m.Groups["type"].Value switch
                {
                    var t when t.Contains("Int", StringComparison.Ordinal) => "a whole number",
                    var t when t.Contains("Double", StringComparison.Ordinal) || t.Contains("Decimal", StringComparison.Ordinal) => "a number",
                    _ => "a value of the kind the option takes",
                };
                context.Error.MarkupLine($"[red]Error:[/] field '{Markup.Escape(m.Groups["option"].Value)}': '{Markup.Escape(m.Groups["value"].Value)}' is not {kind}.");
            }

            var names = new List<string>();
            for (var command = parse.CommandResult; command.Parent is CommandResult parent; command = parent)
            {
                names.Insert(0, command.Command.Name);
            }

            var path = string.Join(' ', names);
            context.Error.MarkupLine($"[grey]peninsula {Markup.Escape(path)} --help lists every option.[/]");
            return 1;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.RawOut, Error = new SpectreErrorWriter(context.Error) }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The command tree, named <c>peninsula</c> however the program was started (a RootCommand
    /// takes the name of the file that runs: Peninsula.Cli under <c>dotnet run</c>, testhost in tests).
    /// </summary>
    public static Command Build(CliContext context)
    {
        var root = new Command(
            "peninsula",
            "Peninsula: a verified record of North Korea's military and diplomatic moves, with timing tests, forecasts and fact-checks.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Options.Add(CommonOptions.Db);
        root.Subcommands.Add(BriefCommand.Create(context));
        root.Subcommands.Add(EventsCommand.Create(context));
        root.Subcommands.Add(StatsCommand.Create(context));
        root.Subcommands.Add(TimingCommand.Create(context));
        root.Subcommands.Add(ExchangeCommands.CreateImport(context));
        root.Subcommands.Add(ExchangeCommands.CreateExport(context));
        root.Subcommands.Add(WatchCommand.Create(context));
        root.Subcommands.Add(DocsCommand.Create(context));
        root.Subcommands.Add(DbCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(DetectCommand.Create(context));
        root.Subcommands.Add(ReviewCommand.Create(context));
        root.Subcommands.Add(ForecastCommand.Create(context));
        root.Subcommands.Add(BacktestCommand.Create(context));
        root.Subcommands.Add(QuestionsCommand.Create(context));
        root.Subcommands.Add(ScenariosCommand.Create(context));
        root.Subcommands.Add(TempoCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(ApiKeyCommand.Create(context));
        return root;
    }

    /// <summary>
    /// Runs a command's work against the store: opens it (loading the bundled record on first
    /// use), and turns bad input and store errors into a plain message and exit code 1.
    /// </summary>
    public static async Task<int> WithStoreAsync(CliContext context, ParseResult parse, Func<IEventStore, Task<int>> work, CancellationToken cancellationToken)
    {
        return await GuardAsync(context, async () =>
        {
            var location = EventStores.Locate(parse.GetValue(CommonOptions.Db), context.Environment);
            RequireFolder(location, "--db");
            var isNew = EventStores.IsPostgres(location) ? null : (bool?)!File.Exists(location);
            await using var store = EventStores.Open(location, context.Clock);
            var loaded = await EventStores.EnsureBundledRecordAsync(store, cancellationToken).ConfigureAwait(false);
            if (loaded is not null && (loaded.Added.Count > 0 || loaded.Updated.Count > 0))
            {
                // A server store is named by its description: the location may hold a password.
                var name = isNew is null ? store.Description : location;
                context.Error.MarkupLine(isNew ?? (loaded.Updated.Count == 0 && loaded.Unchanged == 0)
                    ? $"[grey]Created {Markup.Escape(name)} and loaded the bundled record: {loaded.Added.Count.ToString("N0", CultureInfo.InvariantCulture)} events.[/]"
                    : $"[grey]Updated the bundled record in {Markup.Escape(name)}: {loaded.Added.Count} added, {loaded.Updated.Count} updated.[/]");
            }

            return await work(store).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses a SQLite store in a folder that does not exist, naming the folder, where SQLite
    /// would say only "unable to open database file".
    /// </summary>
    public static void RequireFolder(string location, string field)
    {
        if (EventStores.IsPostgres(location))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(location));
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new InputException($"the folder '{folder}' does not exist, so the store '{location}' cannot be opened or created in it; create the folder first, or give another {field}.", field: field);
        }
    }

    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InputException or StoreVersionException or StoreException or ConcurrencyConflictException or IOException or UnauthorizedAccessException)
        {
            context.Error.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            context.Error.MarkupLine($"[red]Error:[/] the store could not be used: {Markup.Escape(ex.Message)}");
            return 1;
        }
    }

    /// <summary>Sends System.CommandLine's own messages (usage errors) to the error console.</summary>
    private sealed class SpectreErrorWriter(IAnsiConsole console) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void Write(char value) => console.Write(value.ToString());

        public override void Write(string? value) => console.Write(value ?? "");

        public override void WriteLine(string? value) => console.WriteLine(value ?? "");
    }

    /// <summary>The parser's message for a value it cannot turn into the option's type.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\\.?$")]
    private static partial System.Text.RegularExpressions.Regex UnparsableValue();
}

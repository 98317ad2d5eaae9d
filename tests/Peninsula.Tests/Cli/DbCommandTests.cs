using System.Globalization;
using Peninsula.Record;
using Peninsula.Storage;
using Peninsula.Tests.Storage;

namespace Peninsula.Tests.Cli;

public sealed class DbCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Db_migrate_creates_the_schema_without_loading_the_bundled_record_and_then_finds_it_up_to_date()
    {
        var db = _folder.File("new.db");
        var first = await CliRunner.RunAsync(db, "db", "migrate");
        var second = await CliRunner.RunAsync(db, "db", "migrate");

        Assert.Equal(0, first.Exit);
        Assert.Contains($"SQLite database {db}: schema version 0 -> ", first.Out);
        Assert.Contains("up to date", second.Out);
        await using var store = EventStores.Open(db);
        Assert.Equal(0, (await store.InfoAsync()).Events);
    }

    [Fact]
    public async Task Db_copy_moves_the_record_to_an_empty_store_checks_every_count_and_refuses_a_store_that_holds_one()
    {
        var from = _folder.File("from.db");
        var to = _folder.File("to.db");
        await CliRunner.RunAsync(from, "db", "info");

        var copy = await CliRunner.RunAsync(from, "db", "copy", "--from", from, "--to", to);
        var again = await CliRunner.RunAsync(from, "db", "copy", "--from", from, "--to", to);

        Assert.True(copy.Exit == 0, copy.Error);
        Assert.Contains("every table's count matches", copy.Out);
        var events = BundledRecord.Events.Count.ToString("N0", CultureInfo.InvariantCulture);
        Assert.Matches($@"events\s+│\s+{events}\s+│\s+{events}\s+│\s+ok", copy.Out);
        Assert.Equal(1, again.Exit);
        Assert.Contains("already holds a record", again.Error);
        Assert.Contains("nothing was copied", again.Error);
    }

    [Fact]
    public async Task Db_copy_from_a_file_that_does_not_exist_is_refused_and_creates_nothing()
    {
        var typo = _folder.File("typo.db");
        var to = _folder.File("to.db");

        var (exit, output, error) = await CliRunner.RunAsync(_folder.File("other.db"), "db", "copy", "--from", typo, "--to", to);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains($"field '--from': there is no store '{typo}' (no such file); nothing was copied.", OneLine(error));
        Assert.False(File.Exists(typo));
        Assert.False(File.Exists(to));
    }

    [Theory]
    [InlineData("db", "info")]
    [InlineData("db", "migrate")]
    [InlineData("events", "list")]
    public async Task A_store_in_a_folder_that_does_not_exist_is_refused_naming_the_folder(string command, string subcommand)
    {
        var folder = Path.Combine(_folder.File("missing"), "dir");
        var db = Path.Combine(folder, "x.db");

        var (exit, output, error) = await CliRunner.RunAsync(db, command, subcommand);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains($"field '--db': the folder '{folder}' does not exist, so the store '{db}' cannot be opened or created in it", OneLine(error));
        Assert.DoesNotContain("SQLite Error", error);
    }

    /// <summary>The message as one line: the recording console wraps long lines at its width.</summary>
    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task Db_copy_goes_from_sqlite_to_postgresql_and_back()
    {
        using var postgres = new PostgresBackend();
        var from = _folder.File("from.db");
        var back = _folder.File("back.db");
        await CliRunner.RunAsync(from, "db", "info");

        var there = await CliRunner.RunAsync(from, "db", "copy", "--from", from, "--to", postgres.Location);
        var home = await CliRunner.RunAsync(from, "db", "copy", "--from", postgres.Location, "--to", back);

        Assert.True(there.Exit == 0, there.Error);
        Assert.True(home.Exit == 0, home.Error);
        Assert.Contains("PostgreSQL database", there.Out);
        var check = await CliRunner.RunAsync(back, "db", "check");
        Assert.True(check.Exit == 0, check.Out);
    }

    [Fact]
    public async Task A_postgresql_server_that_cannot_be_reached_is_a_plain_error_that_names_it_without_the_password()
    {
        var (exit, _, error) = await CliRunner.RunAsync("Host=127.0.0.1;Port=1;Database=record;Password=s3cret;Timeout=2", "db", "info");

        Assert.Equal(1, exit);
        Assert.Contains("Could not connect to PostgreSQL database record on 127.0.0.1:1", error);
        Assert.DoesNotContain("s3cret", error);
    }
}

using System.Text.Json;
using Microsoft.Data.Sqlite;
using Peninsula.Cli;
using Peninsula.Import;
using Peninsula.Storage;

namespace Peninsula.Tests.Cli;

/// <summary>The peninsula command as a user runs it: arguments in, text and exit code out.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    [Fact]
    public async Task The_first_command_creates_the_store_and_loads_the_bundled_record()
    {
        var (exit, _, error) = await Run("db", "info");
        Assert.Equal(0, exit);
        Assert.Contains($"Created {Db} and loaded the bundled record", error);
        var (_, _, second) = await Run("db", "info");
        Assert.DoesNotContain("loaded", second);
    }

    [Fact]
    public async Task A_watch_says_how_often_it_polls_as_every_was_written_not_as_a_clock_time()
    {
        var (exit, added, error) = await Run("watch", "add", "https://www.example.org/feed.xml", "--name", "example", "--every", "1h");
        Assert.True(exit == 0, error);
        Assert.Contains("every 1h.", added);
        Assert.DoesNotContain("01:00:00", added);
        var (_, list, _) = await Run("watch", "list");
        Assert.Matches(@"│ example\s+│ https://www\.example\.org/feed\.xml\s+│ 1h\s+│", list);
    }

    [Fact]
    public async Task Serve_at_an_address_already_in_use_says_so_and_how_to_choose_another()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var error = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var context = new CliContext(CliRunner.Recording(output), CliRunner.Recording(error), output, CliRunner.Clock, _ => null, new StringReader(""));
        // A server that started after all would wait for Ctrl+C: the token stops it, and the exit code then says so.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exit = await PeninsulaCommand.RunAsync(["serve", "--urls", url, "--db", Db], context, stop.Token);

        Assert.Equal(1, exit);
        var message = System.Text.RegularExpressions.Regex.Replace(error.ToString(), @"\s+", " ");
        Assert.Contains($"field '--urls': {url} is already in use", message);
        Assert.Contains("--urls http://127.0.0.1:5081", message);
    }

    [Fact]
    public async Task The_serve_command_names_every_page_of_the_dashboard()
    {
        var (_, help, _) = await Run("serve", "--help");
        var pages = Directory.GetFiles(Path.Combine(Record.BundledRecordTests.RepositoryRoot(), "src", "Peninsula.Web", "wwwroot"), "*.html")
            .Select(Path.GetFileName).Where(p => p != "index.html").ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains("/" + page, help));
    }

    [Fact]
    public async Task Events_list_of_nuclear_tests_as_json_gives_exactly_the_six_tests_with_sources()
    {
        var (exit, output, _) = await Run("events", "list", "--kind", "nuclear-test", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var tests = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["2006-10-09", "2009-05-25", "2013-02-12", "2016-01-06", "2016-09-09", "2017-09-03"], tests.Select(t => t.GetProperty("date").GetString()));
        Assert.All(tests, t => Assert.True(t.GetProperty("sources").GetArrayLength() >= 1));
        Assert.All(tests, t => Assert.Equal("nuclear-test", t.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_valid_kinds()
    {
        var (exit, output, error) = await Run("events", "list", "--kind", "rocket");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("'rocket' is not a kind of event", error);
        Assert.Contains("missile-launch", error);
        Assert.Contains("nuclear-test", error);
    }

    [Fact]
    public async Task Events_list_filters_by_class_system_alias_and_dates()
    {
        var (_, icbms, _) = await Run("events", "list", "--class", "icbm", "--since", "2023-01-01", "--format", "csv");
        var rows = icbms.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        Assert.Contains("2024-10-31-icbm-hwasong-19", rows);
        Assert.All(rows, id => Assert.Contains("icbm", id));

        var (_, kn23, _) = await Run("events", "list", "--system", "KN-23", "--format", "json");
        using var json = JsonDocument.Parse(kn23);
        Assert.NotEmpty(json.RootElement.EnumerateArray());
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Equal("hwasong-11a", e.GetProperty("system").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Events_list_searches_text_and_shows_a_table()
    {
        var (exit, output, _) = await Run("events", "list", "--text", "Blinken");
        Assert.Equal(0, exit);
        Assert.Contains("diplomatic-visit", output);
        Assert.Contains("Date (KST)", output);
    }

    [Fact]
    public async Task Events_show_gives_every_field_and_the_sources()
    {
        var (exit, output, _) = await Run("events", "show", "2017-09-03-nuclear-test");
        Assert.Equal(0, exit);
        Assert.Contains("Date (Korea, UTC+9)", output);
        Assert.Contains("Punggye-ri", output);
        Assert.Contains("6.3 mb", output);
        Assert.Contains("reference/provocations.csv", output);
        Assert.Contains("https://", output);
    }

    [Fact]
    public async Task Events_show_of_a_missing_id_says_so_and_suggests_ids()
    {
        var (exit, _, error) = await Run("events", "show", "nuclear-test");
        Assert.Equal(1, exit);
        Assert.Contains("there is no event 'nuclear-test'", error);
        Assert.Contains("Did you mean", error);
    }

    [Fact]
    public async Task The_brief_gives_days_since_and_launches_per_year()
    {
        var (exit, output, _) = await Run("brief", "--as-of", "2017-09-10");
        Assert.Equal(0, exit);
        Assert.Contains("as of 2017-09-10 (Korea, UTC+9)", output);
        Assert.Contains("nuclear test", output);
        Assert.Contains("2017-09-03-nuclear-test", output);
        Assert.Contains("Ballistic launch events per year", output);
        Assert.Contains("Last 30 days", output);
    }

    [Fact]
    public async Task The_brief_today_says_the_record_ends_before_today()
    {
        var (exit, output, _) = await Run("brief");
        Assert.Equal(0, exit);
        Assert.Contains("as of 2026-11-21", output);
        Assert.Contains("The bundled record ends on 2025-06-30", output);
        Assert.Contains("no events in the record", output);
    }

    [Fact]
    public async Task The_brief_of_a_record_that_ended_long_ago_calls_its_days_since_upper_bounds()
    {
        var (exit, output, _) = await Run("brief");
        Assert.Equal(0, exit);
        var text = string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Counts of days below are upper bounds until then: a launch that the record does not yet hold can only make them smaller.", text);
        Assert.DoesNotContain("lower bound", text);

        var (_, json, _) = await Run("brief", "--format", "json");
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.GetProperty("days_since_are_upper_bounds").GetBoolean());
        var (_, past, _) = await Run("brief", "--as-of", "2017-09-10", "--format", "json");
        using var pastDocument = JsonDocument.Parse(past);
        Assert.False(pastDocument.RootElement.GetProperty("days_since_are_upper_bounds").GetBoolean());
    }

    [Fact]
    public async Task The_brief_as_json_carries_every_figure()
    {
        var (_, output, _) = await Run("brief", "--as-of", "2017-09-10", "--format", "json");
        using var json = JsonDocument.Parse(output);
        var nuclear = json.RootElement.GetProperty("days_since").EnumerateArray().Single(m => m.GetProperty("what").GetString() == "nuclear test");
        Assert.Equal(7, nuclear.GetProperty("days").GetInt32());
        Assert.Equal(20, json.RootElement.GetProperty("launches_by_year").GetArrayLength());
    }

    [Fact]
    public async Task Stats_count_launches_by_year_in_csv()
    {
        var (exit, output, _) = await Run("stats", "--by", "year", "--kind", "missile-launch", "--format", "csv");
        Assert.Equal(0, exit);
        var lines = output.Trim().Split('\n');
        Assert.Equal("year,events,missiles_fired,launches_uncounted", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("2022,", StringComparison.Ordinal));
        // 1994's two launches (cruise missiles from the provocation table) give no number: unknown, not 0.
        Assert.Contains("1994,2,0,2", lines);
    }

    [Fact]
    public async Task Stats_by_class_render_as_a_table()
    {
        var (exit, output, _) = await Run("stats", "--by", "class", "--kind", "missile-launch");
        Assert.Equal(0, exit);
        Assert.Contains("srbm", output);
        Assert.Contains("Missiles fired", output);
    }

    [Fact]
    public async Task Stats_by_an_unknown_dimension_is_a_usage_error()
    {
        var (exit, _, error) = await Run("stats", "--by", "colour");
        Assert.NotEqual(0, exit);
        Assert.Contains("colour", error);
    }

    [Fact]
    public async Task An_export_reimported_into_another_store_changes_nothing_and_csv_and_json_carry_the_same_record()
    {
        // The round trip into a store with nothing in it is EmptyStoreRoundTripTests; through the
        // command, every new store starts with the bundled record, so the import must change nothing.
        var exported = _folder.File("record.json");
        Assert.Equal(0, (await Run("export", "--format", "json", "--output", exported)).Exit);

        var other = _folder.File("other.db");
        var (importExit, importOut, importError) = await CliRunner.RunAsync(other, "import", exported);
        Assert.True(importExit == 0, importError);
        Assert.Contains("Unchanged", importOut);
        Assert.DoesNotContain("added:", importOut);
        Assert.DoesNotContain("updated:", importOut);
        var first = await File.ReadAllTextAsync(exported);
        var (_, second, _) = await CliRunner.RunAsync(other, "export", "--format", "json");
        Assert.Equal(first, second);

        var csv = _folder.File("record.csv");
        Assert.Equal(0, (await Run("export", "--format", "csv", "--output", csv)).Exit);
        var fromCsv = EventCsv.Read(new StringReader(await File.ReadAllTextAsync(csv)), csv);
        var fromJson = EventJson.Read(await File.ReadAllBytesAsync(exported), exported);
        Assert.Equal(fromJson, fromCsv, Storage.EventComparer.Instance);
    }

    [Fact]
    public async Task An_export_to_a_csv_file_writes_csv_and_a_format_that_contradicts_the_files_name_is_refused()
    {
        // Written as JSON whatever the name said, a record.csv was then read back as CSV by its name, and failed.
        var csv = _folder.File("named.csv");
        var (exit, _, error) = await Run("export", "--kind", "nuclear-test", "--output", csv);
        Assert.True(exit == 0, error);
        Assert.StartsWith("id,", await File.ReadAllTextAsync(csv), StringComparison.Ordinal);
        Assert.Contains("as CSV", error, StringComparison.Ordinal);

        var json = _folder.File("other.csv");
        (exit, _, error) = await Run("export", "--format", "json", "--output", json);
        Assert.Equal(1, exit);
        Assert.Contains("field '--format'", error, StringComparison.Ordinal);
        Assert.Contains("whose name says CSV", error, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(json + ".partial"));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        var file = _folder.File("new.json");
        await File.WriteAllTextAsync(file, "[" + EventJson.Serialize(Sample.Launch("2025-07-01-test-launch", "2025-07-01") with { UtcInstant = null }) + "]");

        var (exit, output, _) = await Run("import", file);
        Assert.Equal(0, exit);
        Assert.Contains("added: 2025-07-01-test-launch", output);
        var (again, secondOutput, _) = await Run("import", file);
        Assert.Equal(0, again);
        Assert.DoesNotContain("added:", secondOutput);
        var (_, audit, _) = await Run("db", "audit", "--event", "2025-07-01-test-launch");
        Assert.Single(audit.Split('\n'), l => l.Contains("insert"));
    }

    [Fact]
    public async Task A_bad_record_in_an_import_names_file_line_and_field_and_leaves_the_store_unchanged()
    {
        await Run("db", "info");
        var before = await Run("export");
        var file = _folder.File("bad.json");
        await File.WriteAllTextAsync(file,
            "[\n" + EventJson.Serialize(Sample.Launch("2025-07-01-good", "2025-07-01") with { UtcInstant = null }) + ",\n" +
            EventJson.Serialize(Sample.Launch("2025-07-02-bad", "2025-07-02") with { UtcInstant = null, Class = "huge" }) + "\n]");

        var (exit, _, error) = await Run("import", file);
        Assert.Equal(1, exit);
        Assert.Contains($"{file}, line 3, field 'class'", error);
        Assert.Equal(before.Out, (await Run("export")).Out);
    }

    [Fact]
    public async Task A_dry_run_import_shows_the_changes_and_writes_nothing()
    {
        var file = _folder.File("new.json");
        await File.WriteAllTextAsync(file, "[" + EventJson.Serialize(Sample.Launch("2025-07-01-test-launch", "2025-07-01") with { UtcInstant = null }) + "]");
        var (exit, output, _) = await Run("import", file, "--dry-run");
        Assert.Equal(0, exit);
        Assert.Contains("nothing was written", output);
        Assert.Contains("Would be added: 2025-07-01-test-launch", output);
        Assert.Equal(1, (await Run("events", "show", "2025-07-01-test-launch")).Exit);
    }

    [Fact]
    public async Task Importing_a_missing_file_or_unknown_format_is_a_clear_error()
    {
        var (exit, _, error) = await Run("import", _folder.File("nothing.json"));
        Assert.Equal(1, exit);
        Assert.Contains("does not exist", error);

        var odd = _folder.File("events.xml");
        await File.WriteAllTextAsync(odd, "<events/>");
        (exit, _, error) = await Run("import", odd);
        Assert.Equal(1, exit);
        Assert.Contains("use a .json or .csv file", error);
    }

    [Fact]
    public async Task A_store_from_a_newer_peninsula_is_refused_without_being_changed()
    {
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(Db);
        var (exit, _, error) = await Run("brief");
        Assert.Equal(1, exit);
        Assert.Contains("schema version 99", error);
        Assert.Equal(before, await File.ReadAllBytesAsync(Db));
    }

    [Fact]
    public async Task Db_check_passes_on_the_bundled_record()
    {
        var (exit, output, _) = await Run("db", "check");
        Assert.Equal(0, exit);
        Assert.Contains("checks passed", output);
    }

    [Fact]
    public async Task Db_info_as_json_reports_schema_and_counts()
    {
        var (_, output, _) = await Run("db", "info", "--format", "json");
        using var json = JsonDocument.Parse(output);
        Assert.Equal(SqliteMigrations.Latest, json.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("events_by_kind").GetProperty("nuclear-test").GetInt32());
    }

    [Fact]
    public void The_store_location_comes_from_the_option_then_the_environment_then_the_default()
    {
        Assert.Equal("a.db", Peninsula.Storage.EventStores.Locate("a.db", _ => "b.db"));
        Assert.Equal("b.db", Peninsula.Storage.EventStores.Locate(null, _ => "b.db"));
        Assert.Equal("peninsula.db", Peninsula.Storage.EventStores.Locate(null, _ => null));
    }
}

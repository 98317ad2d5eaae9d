using System.Text.Json;
using Peninsula.Tests.Import;

namespace Peninsula.Tests.Cli;

/// <summary>`peninsula import --format SOURCE`, `docs search` and `db conflicts` as a user runs them.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    [Fact]
    public async Task A_folder_of_cns_editions_imports_with_a_summary_table_and_the_conflicts_are_listed()
    {
        var (exit, output, error) = await Run("import", "--format", "cns", SourceImporterTests.Fixture("cns"));

        Assert.True(exit == 0, error);
        Assert.Contains("Imported (cns, importer version 1)", output);
        Assert.Contains("cns-missile-tests-2019-05.xlsx", output);
        Assert.Contains("cns-missile-tests-2023-04.csv", output);
        Assert.Contains("values could not be read and were left empty", output);
        Assert.Contains("cns-missile-tests-2019-05.xlsx: read as spreadsheet, the 2017-2023 edition layout", output);
        Assert.Contains("cns-missile-tests-2023-04.csv: read as CSV export, the 2017-2023 edition layout", output);

        var (_, conflicts, _) = await Run("db", "conflicts", "--event", "2016-02-07-slv-unha-3", "--format", "json");
        using var json = JsonDocument.Parse(conflicts);
        Assert.Contains(json.RootElement.EnumerateArray(), c => c.GetProperty("field").GetString() == "utc_instant");
        var (_, table, _) = await Run("db", "conflicts", "--event", "2016-02-07-slv-unha-3");
        var bundled = Peninsula.Record.BundledRecord.Disagreements.Count(c => c.EventId == "2016-02-07-slv-unha-3");
        Assert.True(bundled > 0, "the bundled record corrects this launch's UTC time");
        Assert.Contains($": {bundled} in the bundled record this store holds, {json.RootElement.GetArrayLength() - bundled} from imports.", table);

        var (_, again, _) = await Run("import", "--format", "cns", SourceImporterTests.Fixture("cns"));
        Assert.Contains("Nothing changed", again);
    }

    [Fact]
    public async Task Rows_refused_are_listed_with_file_line_and_field_and_the_exit_code_says_so()
    {
        var (exit, output, _) = await Run("import", "--format", "kcna", SourceImporterTests.Fixture("kcna/kcna-sample.json"));

        Assert.Equal(2, exit);
        Assert.Contains("1 row was refused", output);
        Assert.Contains("field 'headline'", output);

        var (searchExit, found, _) = await Run("docs", "search", "hwasong", "--format", "json");
        Assert.Equal(0, searchExit);
        using var json = JsonDocument.Parse(found);
        var story = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(2, story.GetProperty("topics").GetArrayLength());
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_an_error_and_nothing_from_it_is_written()
    {
        var bad = _folder.File("bad.json");
        await File.WriteAllTextAsync(bad, "[{\"headline\": ");

        var (exit, _, error) = await Run("import", "--format", "kcna", bad);

        Assert.Equal(1, exit);
        Assert.Contains($"Error: {bad}", error);
        Assert.Contains("not valid JSON", error);
        Assert.Contains("nothing from this file was written", error);
    }

    [Fact]
    public async Task A_dry_run_of_a_gdelt_file_shows_what_would_change_and_writes_nothing()
    {
        var (exit, output, _) = await Run("import", "--format", "gdelt", "--dry-run", SourceImporterTests.Fixture("gdelt/20191024143000.export.CSV"));
        Assert.Equal(0, exit);
        Assert.Contains("Dry run (gdelt): nothing was written", output);
        Assert.Contains("2,101", output);

        var (_, info, _) = await Run("import", "--format", "gdelt", SourceImporterTests.Fixture("gdelt/20191024143000.export.CSV"));
        Assert.DoesNotContain("Nothing changed", info);
    }

    [Fact]
    public async Task An_unknown_source_in_the_precedence_is_refused_with_the_list()
    {
        var (exit, _, error) = await Run("import", "--format", "cns", "--precedence", "cns,wikipedia", SourceImporterTests.Fixture("cns/cns-missile-tests-2023-04.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("'wikipedia' is not a source", error);
        Assert.Contains("bundled", error);
    }
}

using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Tests.Import;

/// <summary>Files made to hurt: formulas for a spreadsheet, huge lines, a header of 100,000 columns.</summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Formula_triggers_are_quoted_on_export_and_the_import_removes_exactly_that_quote()
    {
        var hostile = Sample.Launch() with
        {
            Title = "=HYPERLINK(\"https://example.org\",\"click\")",
            Summary = "+1 more launch",
            People = ["@alice", "-bob", "'=already quoted", "'plain"],
            Site = new Place("-12 site", -12.5, 125.67),
            Sources = [new EventSource("=cmd|' /C calc'!A0", "https://en.yna.co.kr/", "2024-10-31", "-ICBM")],
        };
        var output = new StringWriter(CultureInfo.InvariantCulture);

        EventCsv.Write([hostile], output);
        var csv = output.ToString();
        var back = Assert.Single(EventCsv.Read(new StringReader(csv), "hostile.csv"));

        var row = csv.Split('\n')[1];
        Assert.Contains("\"'=HYPERLINK(", row, StringComparison.Ordinal);
        Assert.Contains(",'+1 more launch,", row, StringComparison.Ordinal);
        Assert.Contains(",'@alice;-bob;'=already quoted;'plain,", row, StringComparison.Ordinal);
        Assert.Contains(",'-12 site,-12.5,", row, StringComparison.Ordinal);
        Assert.Contains("'=cmd|", row, StringComparison.Ordinal);
        Assert.Contains("'-ICBM", row, StringComparison.Ordinal);
        Assert.Equal(EventJson.Serialize(hostile), EventJson.Serialize(back));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("'=1+1", "''=1+1")]
    [InlineData("'plain", "'plain")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("\r", "'\r")]
    public void A_value_is_quoted_once_and_restored_exactly(string value, string cell)
    {
        Assert.Equal(cell, SpreadsheetText.Neutralise(value));
        Assert.Equal(value, SpreadsheetText.Restore(cell));
    }

    [Fact]
    public async Task A_csv_line_longer_than_the_limit_is_refused_by_file_and_line_and_nothing_is_written()
    {
        var file = _folder.File("long.csv");
        var valid = new StringWriter(CultureInfo.InvariantCulture);
        EventCsv.Write([Sample.Launch("2024-11-05-srbm-test", "2024-11-05") with { Class = "srbm" }], valid);
        await File.WriteAllTextAsync(file, valid + "2024-11-06-srbm-test,missile-launch,srbm,2024-11-06,,,,DPRK,," + new string('x', 3 << 20) + "\n");

        var (exit, _, error) = await CliRunner.RunAsync(_folder.File("peninsula.db"), "import", file);

        Assert.Equal(1, exit);
        Assert.Contains("long.csv, line 3", error, StringComparison.Ordinal);
        Assert.Contains("longer than 1024 KB", error, StringComparison.Ordinal);
        Assert.True(error.Length < 2000, "the error quotes the line");
        var (_, shown, _) = await CliRunner.RunAsync(_folder.File("peninsula.db"), "events", "show", "2024-11-05-srbm-test");
        Assert.DoesNotContain("2024-11-05-srbm-test", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_of_100000_columns_is_refused_without_quoting_it()
    {
        var header = string.Join(',', Enumerable.Range(0, 100_000).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)));

        var error = Assert.Throws<InputException>(() => EventCsv.Read(new StringReader(header + "\n"), "wide.csv"));

        Assert.True(error.Field == "column 1001", error.Message);
        Assert.Contains("100000 columns", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 500, "the error quotes the header");
    }

    [Fact]
    public void A_missing_column_error_quotes_only_the_start_of_a_wide_header()
    {
        var header = string.Join(',', Enumerable.Range(0, 900).Select(i => new string('h', 100) + i.ToString(CultureInfo.InvariantCulture)));

        var error = Assert.Throws<InputException>(() => EventCsv.Read(new StringReader(header + "\n"), "wrong.csv"));

        Assert.Contains("and 860 more", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 4000, "the error quotes the whole header");
    }

    [Fact]
    public void A_gdelt_line_longer_than_the_buffer_is_rejected_by_line_and_the_rest_is_read()
    {
        var fixture = SourceImporterTests.Fixture("gdelt/20191024143000.export.CSV");
        var lines = File.ReadAllLines(fixture);
        var file = _folder.File("20191024143000.export.CSV");
        using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            writer.Write(lines[0] + "\n" + lines[1] + "\n");
            writer.Write(new string('x', 3 << 20) + "\tPRK\n");
            writer.Write(string.Join("\n", lines.Skip(2)) + "\n");
        }

        var expected = new GdeltImporter().Read(fixture);
        var batch = new GdeltImporter().Read(file);

        var rejected = Assert.Single(batch.Rejections, r => r.Reason.Contains("longer than", StringComparison.Ordinal));
        Assert.Equal(3, rejected.Line);
        Assert.Equal(expected.Signals.Count, batch.Signals.Count);
        Assert.Equal(expected.Rows + 1, batch.Rows);
    }
}

using System.Text.Json;
using Microsoft.VisualBasic.FileIO;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Cli;

/// <summary>
/// The context calendars through <c>peninsula events list</c>, as a user asks for them: every kind and
/// class of the calendars of issue 21 gives exactly its rows, with the place's coordinates where
/// the gazetteer of venues knows the place. The rows are read here with Visual Basic's
/// TextFieldParser, not with the loader.
/// </summary>
public sealed class ContextEventsCliTests : IDisposable
{
    private static readonly string[] Calendars = ["show-of-force.csv", "sanctions.csv", "talks.csv", "pyongyang-visits.csv", "unsc-statements.csv"];

    private readonly TempFolder _folder = new();

    private string Db => _folder.File("peninsula.db");

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Out, string Error)> Run(params string[] args) => CliRunner.RunAsync(Db, args);

    /// <summary>Every row of the calendars in the common layout (all of data/context/ but nuclear tests and anniversaries).</summary>
    private static List<Dictionary<string, string>> AllRows()
    {
        var rows = new List<Dictionary<string, string>>();
        foreach (var file in Directory.GetFiles(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "context"), "*.csv"))
        {
            if (Path.GetFileName(file) is "nuclear-tests.csv" or "anniversaries.csv")
            {
                continue;
            }

            using var parser = new TextFieldParser(file) { TextFieldType = FieldType.Delimited };
            parser.SetDelimiters(",");
            var header = parser.ReadFields()!;
            while (!parser.EndOfData)
            {
                var row = header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second);
                row["file"] = Path.GetFileName(file);
                rows.Add(row);
            }
        }

        return rows;
    }

    private static Dictionary<string, string> Venues()
    {
        using var parser = new TextFieldParser(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "gazetteer", "venues.csv")) { TextFieldType = FieldType.Delimited };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (!parser.EndOfData)
        {
            var row = header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second);
            foreach (var name in row["aliases"].Split(';', StringSplitOptions.RemoveEmptyEntries).Prepend(row["name"]))
            {
                byName[name] = $"{row["latitude"]},{row["longitude"]}";
            }
        }

        return byName;
    }

    [Fact]
    public async Task Events_list_gives_every_row_of_each_kind_and_class_of_the_new_calendars_with_the_places_coordinates()
    {
        var rows = AllRows();
        var venues = Venues();
        var pairs = rows.Where(r => Calendars.Contains(r["file"])).Select(r => (Kind: r["kind"], Class: r["class"])).Distinct().ToList();
        Assert.True(pairs.Count >= 15, $"{pairs.Count} kinds and classes");

        foreach (var (kind, cls) in pairs)
        {
            var (exit, output, error) = await Run("events", "list", "--kind", kind, "--class", cls, "--format", "json");
            Assert.True(exit == 0, $"{kind}/{cls}: {error}");
            using var json = JsonDocument.Parse(output);
            var listed = json.RootElement.EnumerateArray().ToList();
            var expected = rows.Where(r => r["kind"] == kind && r["class"] == cls).ToList();
            Assert.True(expected.Count == listed.Count, $"{kind}/{cls}: {listed.Count} listed, {expected.Count} rows");
            Assert.Equal(expected.Select(r => r["date"]).Order(StringComparer.Ordinal), listed.Select(e => e.GetProperty("date").GetString()).Order(StringComparer.Ordinal));
            foreach (var row in expected)
            {
                var place = row["place"].Split(';', '(')[0].Trim();
                var e = listed.First(e => e.GetProperty("date").GetString() == row["date"] && e.GetProperty("title").GetString() == row["title"]);
                if (venues.TryGetValue(row["place"].Trim(), out var at) || venues.TryGetValue(place, out at))
                {
                    var site = e.GetProperty("site");
                    Assert.Equal(row["place"].Trim(), site.GetProperty("name").GetString());
                    Assert.Equal(at, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{site.GetProperty("lat").GetDouble():0.0000},{site.GetProperty("lon").GetDouble():0.0000}"));
                }
                else
                {
                    Assert.True(!e.TryGetProperty("site", out var none) || none.ValueKind == JsonValueKind.Null, $"{row["date"]} {row["title"]} has a site without a venue");
                }
            }
        }
    }

    [Fact]
    public void Every_place_of_the_talks_visits_and_port_calls_that_names_a_city_or_base_has_coordinates()
    {
        var venues = Venues();
        var placed = AllRows().Where(r => r["file"] is "talks.csv" or "pyongyang-visits.csv" or "visits.csv" or "summits.csv" or "unsc-statements.csv" or "sanctions.csv").ToList();
        var missing = placed.Where(r => !venues.ContainsKey(r["place"].Trim()) && !venues.ContainsKey(r["place"].Split(';', '(')[0].Trim()))
            .Select(r => $"{r["file"]} {r["date"]}: {r["place"]}").ToList();

        // Places that name several cities or a region are left off the map rather than put at one of them.
        Assert.All(missing, m => Assert.True(new[] { " and ", " near ", " Province" }.Any(region => m.Contains(region, StringComparison.Ordinal)), m));
        Assert.True(missing.Count <= 8, string.Join("; ", missing));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Forecasting;

/// <summary>
/// data/context/plans.csv, the announced plans (summits agreed in public, satellite-launch windows
/// notified) that the forecast reads: the table is read strictly here, with the CSV reader the
/// bundled data files use, until the forecast has its own loader. Each rule is also shown to
/// catch a broken row, so that a clean bundled table means something.
/// </summary>
public sealed partial class AnnouncedPlansTableTests
{
    private static readonly string[] Header =
        ["id", "announced", "kind", "class", "title", "frame_from", "frame_to", "revises", "cancelled", "source_name", "source_url", "cancelled_source_url", "note"];

    /// <summary>The record's summit classes (data/context/summits.csv) and dprk-japan, which only the plans use.</summary>
    private static readonly HashSet<string> SummitClasses = ["us-dprk", "inter-korean", "dprk-china", "dprk-russia", "dprk-japan"];

    private static readonly KoreanDate First = new(new DateOnly(2000, 1, 1));
    private static readonly KoreanDate Last = new(new DateOnly(2025, 6, 30));

    private static string PlansFile => Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "context", "plans.csv");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();

    /// <summary>Every way the table breaks the layout of data/README.md, one line each; empty when it keeps it.</summary>
    private static List<string> Problems(string text)
    {
        var problems = new List<string>();
        var header = text.Split('\n', 2)[0].TrimEnd('\r');
        if (header != string.Join(",", Header))
        {
            problems.Add($"header: '{header}'");
            return problems;
        }

        IReadOnlyList<CsvRecord> rows;
        try
        {
            rows = CsvTable.Read(new StringReader(text), "plans.csv", Header).Records;
        }
        catch (InputException ex)
        {
            problems.Add(ex.Message);
            return problems;
        }

        var earlier = new Dictionary<string, (KoreanDate Announced, string Kind, string? Class)>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var id = r.Optional("id") ?? "";
            var at = $"{r.Reference} ({id})";
            if (!Slug().IsMatch(id))
            {
                problems.Add($"{at}: id is not a slug");
            }

            if (earlier.ContainsKey(id))
            {
                problems.Add($"{at}: id repeats an earlier row");
            }

            KoreanDate? Date(string column, bool required)
            {
                var value = r.Optional(column);
                if (value is null)
                {
                    if (required)
                    {
                        problems.Add($"{at}: {column} is empty");
                    }

                    return null;
                }

                if (KoreanDate.TryParse(value, out var date))
                {
                    return date;
                }

                problems.Add($"{at}: {column} '{value}' is not a date");
                return null;
            }

            var announced = Date("announced", true);
            var from = Date("frame_from", true);
            var to = Date("frame_to", true);
            var cancelled = Date("cancelled", false);

            if (announced is { } a && (a < First || a > Last))
            {
                problems.Add($"{at}: announced {a} is outside 2000-01-01 to 2025-06-30");
            }

            if (from is { } f && to is { } t && f > t)
            {
                problems.Add($"{at}: frame_from is after frame_to");
            }

            if (announced is { } a2 && to is { } t2 && a2 > t2)
            {
                problems.Add($"{at}: announced after frame_to");
            }

            if (cancelled is { } c && announced is { } a3 && c < a3)
            {
                problems.Add($"{at}: cancelled before it was announced");
            }

            var kind = r.Optional("kind");
            var cls = r.Optional("class");
            switch (kind)
            {
                case "summit" when cls is null || !SummitClasses.Contains(cls):
                    problems.Add($"{at}: a summit's class '{cls}' is not one of {string.Join(", ", SummitClasses)}");
                    break;
                case "satellite-launch" when cls is not null:
                    problems.Add($"{at}: a satellite launch has class '{cls}'");
                    break;
                case "summit" or "satellite-launch":
                    break;
                default:
                    problems.Add($"{at}: kind '{kind}' is neither summit nor satellite-launch");
                    break;
            }

            if (r.Optional("title") is null)
            {
                problems.Add($"{at}: title is empty");
            }

            if (r.Optional("source_name") is null || !IsWebAddress(r.Optional("source_url")))
            {
                problems.Add($"{at}: source_name and a web address in source_url are required");
            }

            if (cancelled is not null != IsWebAddress(r.Optional("cancelled_source_url")))
            {
                problems.Add($"{at}: a cancelled row needs a web address in cancelled_source_url, and only a cancelled row has one");
            }

            if (r.Optional("revises") is { } revises)
            {
                if (!earlier.TryGetValue(revises, out var revised))
                {
                    problems.Add($"{at}: revises '{revises}', which is not an earlier row");
                }
                else if (announced is { } a4 && revised.Announced > a4)
                {
                    problems.Add($"{at}: revises '{revises}', announced after it");
                }
                else if (revised.Kind != kind || revised.Class != cls)
                {
                    problems.Add($"{at}: revises '{revises}', a plan of another kind or class");
                }
            }

            if (announced is { } a5 && kind is not null)
            {
                earlier.TryAdd(id, (a5, kind, cls));
            }
        }

        return problems;
    }

    private static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    [Fact]
    public void The_bundled_table_keeps_every_rule_of_its_layout()
    {
        var problems = Problems(File.ReadAllText(PlansFile));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_bundled_table_holds_both_kinds_plans_that_fell_through_and_revisions()
    {
        var rows = CsvTable.Read(new StringReader(File.ReadAllText(PlansFile)), "plans.csv", Header).Records;
        Assert.Contains(rows, r => r.Optional("kind") == "summit");
        Assert.Contains(rows, r => r.Optional("kind") == "satellite-launch");
        Assert.Contains(rows, r => r.Optional("cancelled") is not null);
        Assert.Contains(rows, r => r.Optional("revises") is not null);
    }

    [Fact]
    public void The_data_readme_gives_the_number_of_rows_the_table_has()
    {
        var rows = CsvTable.Read(new StringReader(File.ReadAllText(PlansFile)), "plans.csv", Header).Records.Count;
        var readme = File.ReadAllLines(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "README.md"));
        var line = Assert.Single(readme, l => l.StartsWith("| `plans.csv` |", StringComparison.Ordinal));
        Assert.Equal(rows.ToString(CultureInfo.InvariantCulture), line.Split('|')[3].Trim());
    }

    [Fact]
    public void The_table_is_read_the_same_under_a_culture_with_other_date_and_number_forms()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            var invariant = Problems(File.ReadAllText(PlansFile));
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(invariant, Problems(File.ReadAllText(PlansFile)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private const string Good =
        "id,announced,kind,class,title,frame_from,frame_to,revises,cancelled,source_name,source_url,cancelled_source_url,note\n" +
        "a-plan,2018-03-09,summit,us-dprk,A meeting by May,2018-03-10,2018-05-31,,,Paper,https://example.org/a,,\n";

    public static readonly TheoryData<string, string> BrokenRows = new()
    {
        { "b-plan,2018-05-10,summit,us-dprk,Fixed,2018-06-12,2018-06-12,c-plan,,Paper,https://example.org/b,,", "not an earlier row" },
        { "b-plan,2018-02-10,summit,us-dprk,Fixed,2018-06-12,2018-06-12,a-plan,,Paper,https://example.org/b,,", "announced after it" },
        { "b-plan,2018-05-10,summit,dprk-china,Fixed,2018-06-12,2018-06-12,a-plan,,Paper,https://example.org/b,,", "another kind or class" },
        { "a-plan,2018-05-10,summit,us-dprk,Again,2018-06-12,2018-06-12,,,Paper,https://example.org/b,,", "id repeats" },
        { "B Plan,2018-05-10,summit,us-dprk,Spaced,2018-06-12,2018-06-12,,,Paper,https://example.org/b,,", "not a slug" },
        { "b-plan,2018-02-30,summit,us-dprk,No such day,2018-06-12,2018-06-12,,,Paper,https://example.org/b,,", "announced '2018-02-30' is not a date" },
        { "b-plan,2018-05-10,summit,us-dprk,Backwards,2018-06-12,2018-06-01,,,Paper,https://example.org/b,,", "frame_from is after frame_to" },
        { "b-plan,2018-07-10,summit,us-dprk,Late,2018-06-12,2018-06-12,,,Paper,https://example.org/b,,", "announced after frame_to" },
        { "b-plan,2018-05-10,summit,us-dprk,No source,2018-06-12,2018-06-12,,,Paper,,,", "source_url are required" },
        { "b-plan,2018-05-10,summit,us-dprk,Called off,2018-06-12,2018-06-12,,2018-05-24,Paper,https://example.org/b,,", "cancelled_source_url" },
        { "b-plan,2018-05-10,summit,,No class,2018-06-12,2018-06-12,,,Paper,https://example.org/b,,", "a summit's class" },
        { "b-plan,2018-05-10,satellite-launch,us-dprk,Classed,2018-06-12,2018-06-12,,,Paper,https://example.org/b,,", "a satellite launch has class" },
        { "b-plan,2018-05-10,missile-test,,Other kind,2018-06-12,2018-06-12,,,Paper,https://example.org/b,,", "neither summit nor satellite-launch" },
        { "b-plan,1999-05-10,summit,us-dprk,Too early,1999-06-12,1999-06-12,,,Paper,https://example.org/b,,", "outside 2000-01-01 to 2025-06-30" },
        { "b-plan,2018-05-10,summit,us-dprk,Short row,2018-06-12", "fields" },
    };

    [Theory]
    [MemberData(nameof(BrokenRows))]
    public void A_broken_row_is_reported(string row, string expected)
    {
        Assert.Empty(Problems(Good));
        var problems = Problems(Good + row + "\n");
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_header_other_than_the_documented_one_is_reported()
    {
        var reordered = Good.Replace("frame_from,frame_to", "frame_to,frame_from", StringComparison.Ordinal);
        Assert.Contains(Problems(reordered), p => p.StartsWith("header", StringComparison.Ordinal));
    }
}

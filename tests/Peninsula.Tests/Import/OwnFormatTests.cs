using Peninsula.Import;
using Peninsula.Record;
using Peninsula.Tests.Storage;

namespace Peninsula.Tests.Import;

public class OwnFormatTests
{
    [Fact]
    public void The_whole_bundled_record_survives_a_json_round_trip()
    {
        var text = new StringWriter();
        EventJson.Write(BundledRecord.Events, text);
        var back = EventJson.Read(text.ToString(), "record.json");
        Assert.Equal(BundledRecord.Events, back, EventComparer.Instance);
    }

    [Fact]
    public void The_whole_bundled_record_survives_a_csv_round_trip()
    {
        var text = new StringWriter();
        EventCsv.Write(BundledRecord.Events, text);
        var back = EventCsv.Read(new StringReader(text.ToString()), "record.csv");
        Assert.Equal(BundledRecord.Events, back, EventComparer.Instance);
    }

    [Fact]
    public void A_launchs_landing_area_travels_in_json_and_csv_beside_its_other_figures()
    {
        var launch = Sample.Launch() with { Figures = Sample.Launch().Figures with { LandingArea = "sea-of-japan" } };
        Assert.Contains("\"range_km\":1001.2,\"landing_area\":\"sea-of-japan\"", EventJson.Serialize(launch), StringComparison.Ordinal);
        Assert.Equal("sea-of-japan", EventJson.Read("[" + EventJson.Serialize(launch) + "]", "launch.json").Single().Figures.LandingArea);

        var text = new StringWriter();
        EventCsv.Write([launch], text);
        var header = text.ToString().Split('\n')[0].Split(',');
        Assert.Equal("landing_area", header[Array.IndexOf(header, "range_km") + 1]);
        Assert.Equal("sea-of-japan", EventCsv.Read(new StringReader(text.ToString()), "launch.csv").Single().Figures.LandingArea);
    }

    [Fact]
    public void A_csv_written_before_the_landing_area_column_still_reads()
    {
        var text = new StringWriter();
        EventCsv.Write([Sample.Launch()], text);
        var rows = text.ToString().Split('\n').Select(l => l.Split(',').ToList()).ToList();
        var column = rows[0].IndexOf("landing_area");
        var old = string.Join('\n', rows.Select(r => string.Join(',', r.Where((_, i) => i != column))));

        Assert.Equal(Sample.Launch(), EventCsv.Read(new StringReader(old), "old.csv").Single(), EventComparer.Instance);
    }

    [Fact]
    public void A_landing_area_that_is_not_a_slug_names_its_field()
    {
        var json = "[" + EventJson.Serialize(Sample.Launch() with { Figures = Sample.Launch().Figures with { LandingArea = "Sea of Japan" } }) + "]";
        var error = Assert.Throws<InputException>(() => EventJson.Read(json, "launch.json"));
        Assert.Equal("landing_area", error.Field);
    }

    [Fact]
    public void Json_always_carries_every_key_in_snake_case()
    {
        var json = EventJson.Serialize(Sample.Visit());
        foreach (var key in new[] { "\"id\"", "\"kind\"", "\"class\"", "\"date\"", "\"date_precision\"", "\"end_date\"", "\"utc_instant\"", "\"actors\"", "\"people\"", "\"system\":null", "\"site\":null", "\"figures\"", "\"number_fired\":null", "\"outcome\":null", "\"sources\"", "\"original_label\"" })
        {
            Assert.Contains(key, json);
        }
    }

    [Fact]
    public void A_json_record_with_an_unknown_kind_names_the_file_line_and_field_and_lists_the_kinds()
    {
        var json = "[\n" + EventJson.Serialize(Sample.Launch()) + ",\n" + EventJson.Serialize(Sample.Visit()).Replace("\"diplomatic-visit\"", "\"rocket\"") + "\n]";
        var error = Assert.Throws<InputException>(() => EventJson.Read(json, "events.json"));
        Assert.Equal(("events.json", 3L, "kind"), (error.File, error.Line, error.Field));
        Assert.Contains("missile-launch", error.Message);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var error = Assert.Throws<InputException>(() => EventJson.Read("[\n{\"id\": \"a\",\n \"kind\": }\n]", "broken.json"));
        Assert.Equal("broken.json", error.File);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void An_unexpected_json_key_is_refused_rather_than_dropped()
    {
        var json = "[" + EventJson.Serialize(Sample.Launch()).Replace("\"title\":", "\"titel\":\"x\",\"title\":") + "]";
        var error = Assert.Throws<InputException>(() => EventJson.Read(json, "typo.json"));
        Assert.Contains("titel", error.Message);
    }

    [Fact]
    public void A_csv_with_a_wrong_header_names_the_expected_columns()
    {
        var error = Assert.Throws<InputException>(() => EventCsv.Read(new StringReader("id,kind,when\n"), "events.csv"));
        Assert.Equal(("events.csv", 1L, "class"), (error.File, error.Line, error.Field));
        // The columns every file has, in the file's order, then those that came later (older files lack them), named as optional.
        string[] later = ["landing_area", "source_importer"];
        Assert.Contains($"Expected columns: {string.Join(",", EventCsv.Columns.Except(later))} (and, optional: landing_area,source_importer);", error.Message);
    }

    [Fact]
    public void A_bad_csv_value_names_its_line_and_column()
    {
        var text = new StringWriter();
        EventCsv.Write([Sample.Launch(), Sample.Visit()], text);
        var lines = text.ToString().Split('\n');
        lines[2] = lines[2].Replace("2024-03-17,day", "2024-13-17,day");
        var error = Assert.Throws<InputException>(() => EventCsv.Read(new StringReader(string.Join('\n', lines)), "events.csv"));
        Assert.Equal((3L, "date"), (error.Line!.Value, error.Field));
    }

    [Fact]
    public void Csv_rows_of_one_event_must_agree_on_the_event_fields()
    {
        var launch = Sample.Launch() with { Sources = [.. Sample.Launch().Sources, new Peninsula.Events.EventSource("KCNA", null, null, null)] };
        var text = new StringWriter();
        EventCsv.Write([launch], text);
        var lines = text.ToString().Split('\n');
        lines[2] = lines[2].Replace("Longest flight so far.", "Another summary.");
        var error = Assert.Throws<InputException>(() => EventCsv.Read(new StringReader(string.Join('\n', lines)), "events.csv"));
        Assert.Equal((3L, "summary"), (error.Line!.Value, error.Field));
    }

    [Fact]
    public void A_reference_row_with_a_bad_date_names_the_line_and_field()
    {
        var csv = string.Join(',', MissileTestRow.Columns) + "\n" +
                  "2017-09-14,21:57,hwasong-12,Hwasong-12,IRBM,sunan,Sunan,39.2,125.67,pacific-ocean,770,3700,success\n" +
                  "14 Sep 2017,,hwasong-12,Hwasong-12,IRBM,sunan,Sunan,39.2,125.67,pacific-ocean,770,3700,success\n";
        var error = Assert.Throws<InputException>(() => MissileTestRow.Read(new StringReader(csv), "missile-tests.csv"));
        Assert.Equal((3L, "date_utc"), (error.Line!.Value, error.Field));
    }

    [Fact]
    public void Month_only_dates_in_the_missile_table_keep_their_precision()
    {
        var csv = string.Join(',', MissileTestRow.Columns) + "\n1984-09,,scud-b,Scud-B,SRBM,tonghae,Tonghae,40.85,129.67,unknown,200,,failure\n";
        var row = Assert.Single(MissileTestRow.Read(new StringReader(csv), "m.csv"));
        Assert.Equal(Peninsula.Events.DatePrecision.Month, row.Precision);
        Assert.Equal("1984-09", row.DateText);
    }
}

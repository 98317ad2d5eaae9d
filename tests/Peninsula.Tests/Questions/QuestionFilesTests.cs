using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Tests.Questions;

/// <summary>Questions as shared files: CSV and JSON round trips, and bad input named by file, line and field.</summary>
public sealed class QuestionFilesTests
{
    private static readonly Question[] Questions =
    [
        new("icbm-2024", "Will North Korea launch an ICBM in 2024?", ForecastTarget.Icbm, null, new KoreanDate(2024, 1, 1), new KoreanDate(2024, 12, 31), "https://example.org/q/1",
            new QuestionResolution(true, new KoreanDate(2024, 10, 31), "2024-10-31-icbm-hwasong-19")),
        new("summit-2024", "=Will the US and North Korea hold a summit in 2024?", null, "kind=summit actor=US", new KoreanDate(2024, 1, 1), new KoreanDate(2024, 12, 31), null, null),
    ];

    private static readonly QuestionForecast[] Forecasts =
    [
        new("icbm-2024", "Metaculus community", new KoreanDate(2023, 12, 20), 0.66, "https://example.org/q/1"),
        new("icbm-2024", "model", new KoreanDate(2023, 12, 20), 0.123456),
    ];

    [Fact]
    public void Csv_export_then_import_gives_the_same_questions_and_forecasts()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        QuestionFiles.WriteCsv(Questions, Forecasts, text);
        var read = QuestionFiles.ReadCsv(new StringReader(text.ToString()), "q.csv");
        Assert.Equal(Questions.Select(q => q with { Resolution = null }), read.Questions);
        Assert.Equal(Forecasts, read.Forecasts);
        Assert.True(read.StatedOutcomes["icbm-2024"]);
        Assert.Contains("'=Will the US", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_export_then_import_gives_the_same_questions_and_forecasts()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        QuestionFiles.WriteJson(Questions, Forecasts, text);
        var read = QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(text.ToString()), "q.json");
        Assert.Equal(Questions.Select(q => q with { Resolution = null }), read.Questions);
        Assert.Equal(Forecasts, read.Forecasts);
    }

    [Fact]
    public void The_time_a_forecast_was_entered_goes_out_in_utc_and_comes_back_in_both_formats_and_none_stays_none()
    {
        var entered = new DateTimeOffset(2023, 12, 20, 18, 30, 0, TimeSpan.FromHours(9));
        var (csv, _, read) = BothWays([Forecasts[0] with { Entered = entered }, Forecasts[1]]);
        Assert.Contains("2023-12-20T09:30:00.000Z", csv, StringComparison.Ordinal);
        Assert.All(read, r => Assert.Equal([entered, null], r.Forecasts.Select(f => f.Entered)));
    }

    /// <summary>The forecasts written as CSV and as JSON (with <see cref="Questions"/>), and each read back.</summary>
    private static (string Csv, string Json, QuestionFiles.Contents[] Read) BothWays(QuestionForecast[] forecasts)
    {
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        QuestionFiles.WriteCsv(Questions, forecasts, csv);
        var json = new StringWriter(CultureInfo.InvariantCulture);
        QuestionFiles.WriteJson(Questions, forecasts, json);
        return (csv.ToString(), json.ToString(), [QuestionFiles.ReadCsv(new StringReader(csv.ToString()), "q.csv"), QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json.ToString()), "q.json")]);
    }

    [Theory]
    [InlineData("2023-12-20T18:30:00")]
    [InlineData("2023-12-20")]
    [InlineData("yesterday")]
    public void A_time_entered_without_its_offset_is_refused_by_line_and_field_since_it_could_be_korean_time_or_utc(string text)
    {
        var csv = "question,title,target,opens,closes,by,as_of,probability,entered\n" +
                  $"icbm-2024,Will North Korea launch an ICBM in 2024?,icbm,2024-01-01,2024-12-31,alice,2023-12-20,0.6,{text}\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));
        Assert.Equal(("team.csv", 2L, "entered"), (error.File, error.Line, error.Field));
        Assert.Contains("2026-12-07T08:30:00Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_time_a_forecast_was_withdrawn_goes_out_in_utc_and_comes_back_in_both_formats()
    {
        var withdrawn = new DateTimeOffset(2024, 1, 2, 9, 0, 0, TimeSpan.FromHours(9));
        var (csv, json, read) = BothWays([Forecasts[0] with { Withdrawn = withdrawn }, Forecasts[1]]);
        Assert.Contains(",2024-01-02T00:00:00.000Z\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"withdrawn\": \"2024-01-02T00:00:00.000Z\"", json, StringComparison.Ordinal);
        Assert.All(read, r => Assert.Equal([withdrawn, null], r.Forecasts.Select(f => f.Withdrawn)));

        var bad = "question,title,target,opens,closes,by,as_of,probability,withdrawn\n" +
                  "icbm-2024,Will North Korea launch an ICBM in 2024?,icbm,2024-01-01,2024-12-31,alice,2023-12-20,0.6,2024-01-02\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(bad), "team.csv"));
        Assert.Equal(("team.csv", 2L, "withdrawn"), (error.File, error.Line, error.Field));
        Assert.Contains("is not a time a forecast was withdrawn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_file_sorted_in_a_spreadsheet_is_read_as_its_rows_say_whatever_their_order()
    {
        const string csv = "question,title,target,opens,closes,by,as_of,probability\n" +
                           "icbm-2024,ICBM in 2024?,icbm,2024-01-01,2024-12-31,alice,2023-12-20,0.6\n" +
                           "nuclear-2024,Nuclear test in 2024?,nuclear-test,2024-01-01,2024-12-31,alice,2023-12-20,0.1\n" +
                           "icbm-2024,ICBM in 2024?,icbm,2024-01-01,2024-12-31,bob,2023-12-21,0.7\n";
        var read = QuestionFiles.ReadCsv(new StringReader(csv), "sorted.csv");
        Assert.Equal(["icbm-2024", "nuclear-2024"], read.Questions.Select(q => q.Id));
        Assert.Equal(2, read.Forecasts.Count(f => f.QuestionId == "icbm-2024"));
        Assert.Equal(("sorted.csv", 2L), read.QuestionPlaces["icbm-2024"]);
    }

    [Theory]
    [InlineData("probabilty", "Did you mean 'probability'?")]
    [InlineData("comment", "The columns: question,title,opens,closes")]
    public void A_csv_column_the_layout_does_not_have_is_refused_by_name_not_dropped(string column, string expected)
    {
        var csv = $"question,title,target,opens,closes,by,as_of,{column}\n" +
                  "icbm-2024,ICBM in 2024?,icbm,2024-01-01,2024-12-31,alice,2023-12-20,0.6\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));
        Assert.Equal(("team.csv", 1L, column), (error.File, error.Line, error.Field));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_forecasts_by_one_forecaster_on_one_day_are_named_by_the_line_of_the_second()
    {
        const string csv = "question,title,target,opens,closes,by,as_of,probability\n" +
                           "qa,ICBM in 2024?,icbm,2024-01-01,2024-12-31,Ann,2023-12-01,0.6\n" +
                           "qa,ICBM in 2024?,icbm,2024-01-01,2024-12-31,Ann,2023-12-01,0.7\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "dup.csv"));
        Assert.Equal(("dup.csv", 3L, "as_of"), (error.File, error.Line, error.Field));
    }

    [Fact]
    public void A_csv_row_with_a_bad_probability_is_named_by_file_line_and_field()
    {
        const string csv = "question,title,target,opens,closes,by,as_of,probability\n" +
                           "icbm-2024,Will North Korea launch an ICBM in 2024?,icbm,2024-01-01,2024-12-31,alice,2023-12-20,0.6\n" +
                           "icbm-2024,Will North Korea launch an ICBM in 2024?,icbm,2024-01-01,2024-12-31,bob,2023-12-21,1.7x\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));
        Assert.Equal("team.csv", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("probability", error.Field);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("60")]
    [InlineData("100")]
    public void A_bare_number_above_1_is_refused_with_the_percentage_to_write_instead_of_read_as_percent(string text)
    {
        // '1.2' was recorded as 1.2% without a word: a slip for 0.12 or 12% became a confident no.
        const string header = "question,title,target,opens,closes,by,as_of,probability\n";
        var csv = header + $"icbm-2024,Will North Korea launch an ICBM in 2024?,icbm,2024-01-01,2024-12-31,bob,2023-12-21,{text}\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));
        Assert.Equal(("team.csv", 2L, "probability"), (error.File, error.Line, error.Field));
        Assert.Contains($"write {text}%", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.6", 0.6)]
    [InlineData("60%", 0.6)]
    [InlineData("1.2%", 0.012)]
    [InlineData("1", 1.0)]
    [InlineData("0", 0.0)]
    public void A_probability_is_a_number_from_0_to_1_or_a_percentage_with_its_sign(string text, double expected) =>
        Assert.Equal(expected, QuestionForecast.ParseProbability(text), 1e-12);

    [Fact]
    public void Csv_export_keeps_every_digit_of_a_probability()
    {
        // A third written as 0.333333 came back 3e-7 lower: the round trip must lose nothing.
        QuestionForecast[] third = [new("icbm-2024", "Kim Analyst", new KoreanDate(2023, 12, 20), 1.0 / 3)];
        var text = new StringWriter(CultureInfo.InvariantCulture);
        QuestionFiles.WriteCsv(Questions[..1], third, text);
        Assert.Equal(third, QuestionFiles.ReadCsv(new StringReader(text.ToString()), "q.csv").Forecasts);
    }

    [Fact]
    public void Every_bad_row_of_a_csv_file_is_named_by_line_and_field_in_one_error_not_only_the_first()
    {
        // A team's file with two slips among good rows: the first import named only line 3, and the second try met line 5.
        const string csv = "question,title,target,opens,closes,by,as_of,probability\n" +
                           "irbm-2027,Will North Korea launch an IRBM in 2027?,irbm-plus,2027-01-01,2027-12-31,alice,2026-12-01,0.4\n" +
                           "irbm-2027,Will North Korea launch an IRBM in 2027?,irbm-plus,2027-01-01,2027-12-31,bob,2026-12-01,1.2\n" +
                           "sat-2027,Will North Korea launch a satellite in 2027?,satellite-launch,2027-01-01,2027-12-31,alice,2026-12-01,0.3\n" +
                           "art-2027,Will North Korea fire artillery in 2027?,artillery,2027-01-01,2027-12-31,alice,2026-13-01,60%\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));

        Assert.Equal("team.csv", error.File);
        Assert.StartsWith("team.csv: 2 bad rows, so nothing was imported:\n  line 3, field 'probability': '1.2' is not a probability", error.Message, StringComparison.Ordinal);
        Assert.Contains("\n  line 5, field 'as_of': '2026-13-01' is not a day", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_row_is_one_of_the_bad_rows_named_not_a_stop_that_hides_the_others()
    {
        // A row cut short (a missing comma) came first and alone: the bad probability after it went unseen.
        const string csv = "question,title,target,opens,closes,by,as_of,probability\n" +
                           "irbm-2027,Will North Korea launch an IRBM in 2027?,irbm-plus,2027-01-01\n" +
                           "sat-2027,Will North Korea launch a satellite in 2027?,satellite-launch,2027-01-01,2027-12-31,alice,2026-12-01,1.2\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));

        Assert.Contains("\n  line 2, field 'closes': the row has 4 fields, but the header has 8: it ends before this column.", error.Message, StringComparison.Ordinal);
        Assert.Contains("\n  line 3, field 'probability': '1.2' is not a probability", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_never_closed_is_named_at_its_field_not_reported_as_a_short_row()
    {
        const string csv = "question,title,target,opens,closes,by,as_of,probability\n" +
                           "irbm-2027,\"Will North Korea launch an IRBM in 2027?,irbm-plus,2027-01-01,2027-12-31,alice,2026-12-01,0.3\n" +
                           "sat-2027,Will North Korea launch a satellite in 2027?,satellite-launch,2027-01-01,2027-12-31,alice,2026-12-01,0.2\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));

        Assert.Contains("line 2, field 'title': a quote opened in this field is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_row_with_an_unknown_target_is_named_by_file_line_and_field()
    {
        const string csv = "question,title,target,opens,closes\nx-1,Title,rocket,2024-01-01,2024-12-31\n";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadCsv(new StringReader(csv), "team.csv"));
        Assert.Equal(("team.csv", 2L, "target"), (error.File, error.Line, error.Field));
        Assert.Contains("not a forecast target", error.Message);
    }

    [Fact]
    public void A_json_question_whose_window_closes_before_it_opens_is_named_by_file_line_and_field()
    {
        const string json = "[\n  {\"id\": \"a\", \"title\": \"A\", \"target\": \"icbm\", \"opens\": \"2024-01-01\", \"closes\": \"2024-12-31\"},\n" +
                            "  {\"id\": \"b\", \"title\": \"B\", \"target\": \"icbm\", \"opens\": \"2024-05-01\", \"closes\": \"2024-04-30\"}\n]";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json), "team.json"));
        Assert.Equal(("team.json", 3L, "closes"), (error.File, error.Line, error.Field));
    }

    [Fact]
    public void A_json_forecast_out_of_range_names_the_forecast()
    {
        const string json = "[{\"id\": \"a\", \"title\": \"A\", \"target\": \"icbm\", \"opens\": \"2024-01-01\", \"closes\": \"2024-12-31\",\n" +
                            " \"forecasts\": [{\"by\": \"alice\", \"as_of\": \"2023-12-01\", \"probability\": 1.5}]}]";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json), "team.json"));
        // The forecast's own line, not the line its question starts on.
        Assert.Equal(("team.json", 2L, "forecasts[0].probability"), (error.File, error.Line, error.Field));
    }

    [Fact]
    public void In_json_written_one_field_a_line_as_an_export_is_a_bad_value_is_named_by_the_line_of_its_field()
    {
        // The line of the field at fault, not of the object around it (line 2 and line 9 before).
        const string json = """
            [
              {
                "id": "a",
                "title": "A",
                "target": "icbm",
                "opens": "2024-01-01",
                "closes": "2024-12-31",
                "forecasts": [
                  {
                    "by": "alice",
                    "as_of": "2023-12-01",
                    "probability": 1.5
                  }
                ]
              }
            ]
            """;
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json), "team.json"));
        Assert.Equal(("team.json", 12L, "forecasts[0].probability"), (error.File, error.Line, error.Field));

        error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json.Replace("\"2024-01-01\"", "\"2024-02-30\"", StringComparison.Ordinal)), "team.json"));
        Assert.Equal(("team.json", 6L, "opens"), (error.File, error.Line, error.Field));
        error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json.Replace("\"2024-12-31\"", "\"2023-12-31\"", StringComparison.Ordinal)), "team.json"));
        Assert.Equal(("team.json", 7L, "closes"), (error.File, error.Line, error.Field));
    }

    [Fact]
    public void A_json_question_id_given_twice_is_named_by_the_line_of_its_second_id()
    {
        const string json = "[\n  {\"id\": \"a\", \"title\": \"A\", \"target\": \"icbm\", \"opens\": \"2024-01-01\", \"closes\": \"2024-12-31\"},\n" +
                            "  {\n    \"id\": \"a\",\n    \"title\": \"A again\", \"target\": \"icbm\", \"opens\": \"2024-01-01\", \"closes\": \"2024-12-31\"}\n]";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json), "team.json"));
        Assert.Equal(("team.json", 4L, "id", "question 'a' appears twice."), (error.File, error.Line, error.Field, error.Reason));
    }

    [Theory]
    [InlineData("\"probability\": true", 4L, "forecasts[0].probability", "the value must be a number (0.25 for 25%).")]
    [InlineData("\"probability\": 0.3, \"note\": \"x\"", 4L, "forecasts[0].note", "'note' is not a field of a forecast; a forecast has by, as_of, probability, url, entered and withdrawn.")]
    public void A_json_forecast_of_the_wrong_shape_is_named_by_its_line_and_field_in_words(string probability, long line, string field, string reason)
    {
        var json = "[\n  {\"id\": \"a\", \"title\": \"A\", \"target\": \"icbm\", \"opens\": \"2027-01-01\", \"closes\": \"2027-12-31\",\n" +
                   "   \"forecasts\": [\n" +
                   $"     {{\"by\": \"alice\", \"as_of\": \"2026-12-01\", {probability}}}\n   ]}}\n]";
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(json), "team.json"));
        Assert.Equal(("team.json", line, field, reason), (error.File, error.Line, error.Field, error.Reason));
    }

    [Fact]
    public void A_json_probability_may_be_text_as_the_command_line_takes_it_and_bad_text_is_named_in_its_words()
    {
        static string File(string probability) =>
            "[{\"id\": \"a\", \"title\": \"A\", \"target\": \"icbm\", \"opens\": \"2027-01-01\", \"closes\": \"2027-12-31\",\n" +
            $" \"forecasts\": [{{\"by\": \"alice\", \"as_of\": \"2026-12-01\", \"probability\": {probability}}}]}}]";

        Assert.Equal(0.4, QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(File("\"40%\"")), "team.json").Forecasts.Single().Probability, 12);
        Assert.Equal(0.4, QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(File("\"0.4\"")), "team.json").Forecasts.Single().Probability, 12);
        var error = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes(File("\"likely\"")), "team.json"));
        Assert.Equal((2L, "forecasts[0].probability"), (error.Line, error.Field));
        Assert.Contains("'likely' is not a probability", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_file_with_an_unknown_question_field_a_cut_or_no_content_says_so_without_the_serializer_s_words()
    {
        var unknown = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes("[\n {\"id\": \"a\",\n  \"colour\": \"red\"}\n]"), "team.json"));
        Assert.Equal((3L, "colour"), (unknown.Line, unknown.Field));
        Assert.StartsWith("'colour' is not a field of a question; a question has id, title,", unknown.Reason, StringComparison.Ordinal);

        var cut = Assert.Throws<InputException>(() => QuestionFiles.ReadJson(Encoding.UTF8.GetBytes("[\n {\"id\": \"a\",\n  \"title\": \"A\""), "team.json"));
        Assert.Equal(3L, cut.Line);
        Assert.StartsWith("the file ends before every object and list is closed", cut.Reason, StringComparison.Ordinal);

        var empty = Assert.Throws<InputException>(() => QuestionFiles.ReadJson([], "team.json"));
        Assert.StartsWith("the file is empty", empty.Reason, StringComparison.Ordinal);

        foreach (var error in new[] { unknown, cut, empty })
        {
            Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Probabilities_are_read_the_same_under_a_german_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(0.25, QuestionForecast.ParseProbability("0.25"));
            Assert.Equal(0.25, QuestionForecast.ParseProbability("25%"));
            var text = new StringWriter(CultureInfo.InvariantCulture);
            QuestionFiles.WriteCsv(Questions, Forecasts, text);
            Assert.Contains(",0.66,", text.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}

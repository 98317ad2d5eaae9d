using Peninsula.Events;

namespace Peninsula.Tests.Events;

public class EventValidationTests
{
    private static ValidationProblem? FirstProblem(Event e) => EventValidation.Problems(e).FirstOrDefault();

    [Fact]
    public void A_complete_launch_is_valid()
    {
        Assert.Empty(EventValidation.Problems(Sample.Launch()));
        Assert.Empty(EventValidation.Problems(Sample.Visit()));
    }

    [Fact]
    public void A_missile_launch_without_a_class_is_refused_naming_the_class_field()
    {
        var problem = FirstProblem(Sample.Launch() with { Class = null });
        Assert.Equal("class", problem?.Field);
        Assert.Contains("icbm", problem!.Message);
    }

    [Fact]
    public void A_class_from_another_kind_is_refused()
    {
        var problem = FirstProblem(Sample.Launch() with { Class = "un-resolution" });
        Assert.Equal("class", problem?.Field);
    }

    [Theory]
    [InlineData("Has Capitals")]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    public void Ids_must_be_lower_case_letters_digits_and_dashes(string id) =>
        Assert.Equal("id", FirstProblem(Sample.Launch() with { Id = id })?.Field);

    [Fact]
    public void An_end_date_before_the_start_is_refused() =>
        Assert.Equal("end_date", FirstProblem(Sample.Visit() with { EndDate = new KoreanDate(2024, 3, 1) })?.Field);

    [Fact]
    public void A_utc_instant_may_be_one_day_from_the_korean_date_but_not_two()
    {
        Assert.Null(FirstProblem(Sample.Launch() with { Date = new KoreanDate(2024, 10, 30) }));
        Assert.Equal("utc_instant", FirstProblem(Sample.Launch() with { Date = new KoreanDate(2024, 11, 2) })?.Field);
    }

    [Fact]
    public void Unknown_actors_are_refused_with_the_valid_codes()
    {
        var problem = FirstProblem(Sample.Launch() with { Actors = ["NK"] });
        Assert.Equal("actors", problem?.Field);
        Assert.Contains("DPRK", problem!.Message);
    }

    [Fact]
    public void Every_event_needs_a_source() =>
        Assert.Equal("sources", FirstProblem(Sample.Launch() with { Sources = [] })?.Field);

    [Fact]
    public void Source_links_must_be_http_or_https() =>
        Assert.Equal("source_url", FirstProblem(Sample.Launch() with { Sources = [new EventSource("X", "javascript:alert(1)", null, null)] })?.Field);

    [Fact]
    public void A_month_only_date_must_be_the_first_of_the_month() =>
        Assert.Equal("date", FirstProblem(Sample.Launch() with { DatePrecision = DatePrecision.Month, UtcInstant = null })?.Field);

    [Fact]
    public void Negative_figures_and_impossible_coordinates_are_refused()
    {
        Assert.Equal("apogee_km", FirstProblem(Sample.Launch() with { Figures = new EventFigures { ApogeeKm = -1 } })?.Field);
        Assert.Equal("number_fired", FirstProblem(Sample.Launch() with { Figures = new EventFigures { NumberFired = 0 } })?.Field);
        Assert.Equal("site_lat", FirstProblem(Sample.Launch() with { Site = new Place("Nowhere", 91, 0) })?.Field);
        Assert.Equal("magnitude", FirstProblem(Sample.Launch() with { Figures = new EventFigures { Magnitude = 11 } })?.Field);
    }

    [Fact]
    public void Validated_throws_an_input_error_that_names_the_field()
    {
        var error = Assert.Throws<InputException>(() => (Sample.Launch() with { Title = " " }).Validated("events.json", 12));
        Assert.Equal("title", error.Field);
        Assert.Equal(12, error.Line);
        Assert.StartsWith("events.json, line 12, field 'title':", error.Message);
    }
}

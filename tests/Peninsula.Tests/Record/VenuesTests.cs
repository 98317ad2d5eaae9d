using Peninsula.Record;

namespace Peninsula.Tests.Record;

/// <summary>The gazetteer of the places the context calendars name (<c>data/gazetteer/venues.csv</c>).</summary>
public sealed class VenuesTests
{
    private const string Header = "name,aliases,latitude,longitude,source_name,source_url,note\n";

    [Theory]
    [InlineData("Panmunjom (Peace House, southern side of JSA)", "Panmunjom")]
    [InlineData("Seoul; Panmunjom", "Seoul")]
    [InlineData("Vladivostok (Russky Island)", "Vladivostok")]
    [InlineData("Sea of Japan", "East Sea")]
    [InlineData("New York", "New York")]
    public void A_calendars_place_is_found_by_its_whole_text_or_the_part_before_a_bracket_or_semicolon(string place, string venue) =>
        Assert.Equal(venue, BundledRecord.Venues.Find(place)?.Name);

    [Theory]
    [InlineData("South Korea")]
    [InlineData("Shanghai and Beijing")]
    [InlineData("waters south of Jeju Island")]
    public void A_country_several_cities_or_a_region_has_no_point(string place) =>
        Assert.Null(BundledRecord.Venues.SiteOf(place));

    [Fact]
    public void Every_place_has_coordinates_and_a_source_address()
    {
        Assert.True(BundledRecord.Venues.All.Count >= 15);
        Assert.All(BundledRecord.Venues.All, v =>
        {
            Assert.InRange(v.Latitude, -90, 90);
            Assert.InRange(v.Longitude, -180, 180);
            Assert.StartsWith("https://", v.SourceUrl, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("Seoul,,137.5,126.9,Wikipedia,https://en.wikipedia.org/wiki/Seoul,", "latitude", "is not a latitude")]
    [InlineData("Seoul,,37.5,,Wikipedia,https://en.wikipedia.org/wiki/Seoul,", "longitude", "the value is empty")]
    [InlineData("Seoul,,37.5,126.9,Wikipedia,en.wikipedia.org/wiki/Seoul,", "source_url", "is not an http or https address")]
    public void A_bad_row_is_refused_naming_its_file_line_and_field(string row, string field, string reason)
    {
        var error = Assert.Throws<InputException>(() => Venues.Read(new StringReader(Header + row), "venues.csv"));

        Assert.Equal(("venues.csv", 2L, field), (error.File!, error.Line!.Value, error.Field!));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_name_given_to_two_places_is_refused()
    {
        var error = Assert.Throws<InputException>(() => Venues.Read(
            new StringReader(Header + "Seoul,,37.5,126.9,W,https://a.example/,\nIncheon,Seoul,37.4,126.7,W,https://b.example/,"), "venues.csv"));

        Assert.Equal((3L, "aliases"), (error.Line!.Value, error.Field!));
        Assert.Contains("'Seoul' already names the place 'Seoul'", error.Message);
    }
}

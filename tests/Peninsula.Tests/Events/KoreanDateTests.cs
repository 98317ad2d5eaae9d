using System.Globalization;
using Peninsula.Events;

namespace Peninsula.Tests.Events;

public class KoreanDateTests
{
    [Fact]
    public void A_launch_at_22_11_UTC_is_on_the_next_korean_date() =>
        Assert.Equal(new KoreanDate(2024, 10, 31), KoreanDate.FromInstant(new DateTimeOffset(2024, 10, 30, 22, 11, 0, TimeSpan.Zero)));

    [Fact]
    public void A_launch_at_03_30_UTC_is_on_the_same_korean_date_and_at_15_00_UTC_on_the_next()
    {
        Assert.Equal(new KoreanDate(2017, 9, 3), KoreanDate.FromInstant(new DateTimeOffset(2017, 9, 3, 3, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new KoreanDate(2017, 9, 4), KoreanDate.FromInstant(new DateTimeOffset(2017, 9, 3, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Today_is_the_date_in_korea_not_in_utc() =>
        Assert.Equal(new KoreanDate(2026, 11, 22), KoreanDate.Today(new FixedClock(new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void Parsing_and_formatting_ignore_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var date = KoreanDate.Parse("2017-09-03");
            Assert.Equal("2017-09-03", date.ToString());
            var json = Peninsula.Import.EventJson.Serialize(Sample.Launch());
            Assert.Contains("\"range_km\":1001.2", json);
            Assert.Equal(1001.2, Peninsula.Import.EventJson.Deserialize(json).Figures.RangeKm);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("2017-9-3")]
    [InlineData("03/09/2017")]
    [InlineData("2017-02-30")]
    public void Only_complete_iso_dates_parse(string text) => Assert.False(KoreanDate.TryParse(text, out _));

    [Fact]
    public void Days_since_counts_whole_days() =>
        Assert.Equal(3366, new KoreanDate(2026, 11, 21).DaysSince(new KoreanDate(2017, 9, 3)));

    [Theory]
    [InlineData("2025-02-30", "'2025-02-30' is not a day: February 2025 has 28 days.")]
    [InlineData("2024-02-30", "'2024-02-30' is not a day: February 2024 has 29 days.")]
    [InlineData("2025-13-01", "'2025-13-01' is not a day: a month is 01 to 12.")]
    [InlineData("30/02/2025", "'30/02/2025' is not a date of the form YYYY-MM-DD.")]
    public void A_date_that_does_not_parse_is_told_why_in_plain_words(string text, string message) =>
        Assert.Equal(message, Assert.Throws<InputException>(() => KoreanDate.ParseInput(text, "--as-of")).Message.Split(": ", 2)[^1]);
}

using Peninsula.Events;
using Peninsula.Timing;

namespace Peninsula.Tests.Timing;

public sealed class TimingWindowTests
{
    [Theory]
    [InlineData("-3..3", -3, 3)]
    [InlineData("-3..+3", -3, 3)]
    [InlineData(" 0 .. 7 ", 0, 7)]
    [InlineData("1..30", 1, 30)]
    [InlineData("-7..-1", -7, -1)]
    [InlineData("2", -2, 2)]
    public void Reads_from_to_in_days(string text, int from, int to)
    {
        var window = TimingWindow.Parse(text);
        Assert.Equal((from, to), (window.From, window.To));
    }

    [Theory]
    [InlineData("3..-3", "after its last")]
    [InlineData("soon", "is not a window")]
    [InlineData("-400..0", "at most 366 days")]
    public void Refuses_a_bad_window_with_a_message_that_names_the_option(string text, string reason)
    {
        var error = Assert.Throws<InputException>(() => TimingWindow.Parse(text));
        Assert.Equal("--window", error.Field);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Negative_bounds_count_from_the_first_day_and_positive_from_the_last()
    {
        var start = new KoreanDate(2024, 3, 17);
        var end = new KoreanDate(2024, 3, 19);
        Assert.Equal((new KoreanDate(2024, 3, 14), new KoreanDate(2024, 3, 22)), new TimingWindow(-3, 3).Around(start, end));
        Assert.Equal((start, end), new TimingWindow(0, 0).Around(start, end));
        Assert.Equal((new KoreanDate(2024, 3, 20), new KoreanDate(2024, 4, 18)), new TimingWindow(1, 30).Around(start, end));
        Assert.Equal((new KoreanDate(2024, 3, 10), new KoreanDate(2024, 3, 16)), new TimingWindow(-7, -1).Around(start, end));
    }

    [Fact]
    public void A_window_around_a_one_day_event_is_centred_on_it()
    {
        var day = new KoreanDate(2024, 12, 31);
        Assert.Equal((new KoreanDate(2024, 12, 30), new KoreanDate(2025, 1, 1)), new TimingWindow(-1, 1).Around(day, day));
    }

    [Theory]
    [InlineData(-1, 1, "within 1 day of the visit")]
    [InlineData(0, 0, "during the visit")]
    [InlineData(0, 7, "within 7 days after the visit")]
    [InlineData(1, 30, "in the 30 days after the visit")]
    [InlineData(-7, -1, "in the 7 days before the visit")]
    [InlineData(-2, 5, "between 2 days before the visit and 5 days after it")]
    public void Says_the_window_in_words(int from, int to, string words) =>
        Assert.Equal(words, new TimingWindow(from, to).Describe("visit"));
}

using Peninsula.Events;

namespace Peninsula.Tests.Events;

public sealed class EventFilterTests
{
    [Fact]
    public void Reads_the_same_conditions_as_the_options_of_events_list()
    {
        var query = EventFilter.Parse("kind=missile-launch class=icbm,irbm since=2017-01-01 until=2024-12-31 actor=dprk system=KN-23 text=\"Hwasong launch\"", "--provocations");
        Assert.Equal([EventKind.MissileLaunch], query.Kinds);
        Assert.Equal(["icbm", "irbm"], query.Classes);
        Assert.Equal(new KoreanDate(2017, 1, 1), query.Since);
        Assert.Equal(new KoreanDate(2024, 12, 31), query.Until);
        Assert.Equal("DPRK", query.Actor);
        Assert.Equal("KN-23", query.System);
        Assert.Equal("Hwasong launch", query.Text);
    }

    [Fact]
    public void A_named_set_is_a_query_that_can_be_narrowed()
    {
        var ballistic = EventFilter.Parse("ballistic since=2020-01-01", "--provocations");
        Assert.Equal([EventKind.MissileLaunch], ballistic.Kinds);
        Assert.Contains("icbm", ballistic.Classes);
        Assert.DoesNotContain("cruise", ballistic.Classes);
        Assert.Equal(new KoreanDate(2020, 1, 1), ballistic.Since);
    }

    [Theory]
    [InlineData("kind=missile", "not a kind of event")]
    [InlineData("class=big", "not a class")]
    [InlineData("colour=red", "not a filter key")]
    [InlineData("launches", "neither a named set")]
    [InlineData("since=yesterday", "not a date")]
    [InlineData("text=\"open", "not closed")]
    [InlineData("  ", "empty")]
    [InlineData("ballistic kind=nuclear-test", "kinds a second time")]
    public void A_bad_term_is_refused_with_what_is_valid(string text, string reason)
    {
        var error = Assert.Throws<InputException>(() => EventFilter.Parse(text, "--context"));
        Assert.Equal("--context", error.Field);
        Assert.Contains(reason, error.Message);
    }
}

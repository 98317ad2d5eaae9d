using Peninsula.Events;

namespace Peninsula.Tests.Events;

public sealed class SpellingTests
{
    private static readonly string[] Ids =
    [
        "2017-09-03-nuclear-test", "2016-09-09-nuclear-test", "2016-01-06-nuclear-test", "2024-10-31-icbm-hwasong-19",
    ];

    [Fact]
    public void A_letter_left_out_of_an_id_gives_that_id_alone()
    {
        Assert.Equal(["2017-09-03-nuclear-test"], Spelling.Closest("2017-09-03-nuclear-tst", Ids));
    }

    [Fact]
    public void Two_swapped_digits_count_as_one_slip()
    {
        Assert.Equal(["2017-09-03-nuclear-test"], Spelling.Closest("2017-09-30-nuclear-test", Ids));
    }

    [Fact]
    public void A_shortened_name_gives_the_names_that_begin_with_it()
    {
        Assert.Equal(["secdef-visits", "secstate-visits"], Spelling.Closest("sec", ["secstate-visits", "secdef-visits", "summits"]));
        Assert.Equal(["secstate-visits"], Spelling.Closest("SecState", ["secstate-visits", "secdef-visits", "summits"]));
    }

    [Fact]
    public void A_name_far_from_every_candidate_gives_nothing()
    {
        Assert.Empty(Spelling.Closest("blinken", ["secstate-visits", "secdef-visits", "summits"]));
        Assert.Empty(Spelling.Closest("  ", Ids));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Edits_are_counted_as_by_hand(string a, string b, int expected)
    {
        Assert.Equal(expected, Spelling.Edits(a, b, limit: 10));
    }

    [Fact]
    public void Edits_past_the_limit_stop_at_one_more_than_the_limit()
    {
        Assert.Equal(3, Spelling.Edits("abcdefgh", "zyxwvuts", limit: 2));
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

/// <summary>Two targets are equal when they count the same events: fixed targets by their slug, filter targets by their filter and the events it matched.</summary>
public sealed class ForecastTargetTests
{
    private static IReadOnlyList<Event> Summits() => [Sample.Visit(), Sample.Launch()];

    [Fact]
    public void Two_targets_of_the_same_filter_and_the_same_events_are_equal_and_hash_alike()
    {
        // Read twice, as two requests would: separate lists of the same events.
        var first = ForecastTarget.OfFilter("kind=summit class=us-dprk", Summits());
        var second = ForecastTarget.OfFilter(" kind=summit class=us-dprk ", [.. Summits()]);

        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Single(new HashSet<ForecastTarget> { first, second });
    }

    [Fact]
    public void The_same_events_in_another_order_are_the_same_target()
    {
        var events = Summits();
        Assert.Equal(ForecastTarget.OfFilter("kind=summit", events), ForecastTarget.OfFilter("kind=summit", [.. events.Reverse()]));
    }

    [Fact]
    public void Another_filter_or_other_events_make_another_target()
    {
        var target = ForecastTarget.OfFilter("kind=summit", Summits());

        Assert.NotEqual(target, ForecastTarget.OfFilter("kind=talks", Summits()));
        Assert.NotEqual(target, ForecastTarget.OfFilter("kind=summit", [Sample.Visit()]));
        Assert.NotEqual(target, ForecastTarget.OfFilter("kind=summit", []));
        Assert.NotEqual(ForecastTarget.Icbm, target);
    }

    [Fact]
    public void Fixed_targets_are_equal_by_their_slug_only()
    {
        Assert.Equal(ForecastTarget.Icbm, ForecastTarget.Parse("ICBM"));
        Assert.NotEqual(ForecastTarget.Icbm, ForecastTarget.Ballistic);
        Assert.Equal(ForecastTarget.All.Count, ForecastTarget.All.ToHashSet().Count);
    }
}

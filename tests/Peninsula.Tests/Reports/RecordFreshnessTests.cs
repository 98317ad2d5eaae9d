using Peninsula.Events;
using Peninsula.Reports;

namespace Peninsula.Tests.Reports;

public sealed class RecordFreshnessTests
{
    [Fact]
    public void A_record_whose_last_action_is_thirty_days_old_is_current_and_thirty_one_days_is_stale()
    {
        var launch = Sample.Launch(date: "2024-10-31");
        var thirty = RecordFreshness.Of([launch], new KoreanDate(2024, 11, 30));
        Assert.Equal(30, thirty.DaysOld);
        Assert.False(thirty.IsStale);
        Assert.Equal(new KoreanDate(2024, 11, 30), thirty.CountedTo);

        var thirtyOne = RecordFreshness.Of([launch], new KoreanDate(2024, 12, 1));
        Assert.True(thirtyOne.IsStale);
        Assert.Equal(new KoreanDate(2024, 10, 31), thirtyOne.CountedTo);
    }

    [Fact]
    public void Context_events_and_events_after_today_do_not_make_the_record_current()
    {
        // A visit is not a North Korean action, and a launch dated after today is not yet known.
        var visit = Sample.Visit() with { Date = new KoreanDate(2024, 11, 29), EndDate = null };
        var later = Sample.Launch(id: "later", date: "2024-12-25");
        var freshness = RecordFreshness.Of([Sample.Launch(date: "2024-10-31"), visit, later], new KoreanDate(2024, 12, 20));
        Assert.Equal(new KoreanDate(2024, 10, 31), freshness.RecordEnd);
        Assert.Equal(50, freshness.DaysOld);
    }

    [Fact]
    public void A_record_is_as_of_the_day_it_is_known_complete_to_when_that_is_after_its_last_action()
    {
        var freshness = RecordFreshness.Of([Sample.Launch(date: "2024-10-31")], new KoreanDate(2024, 12, 20), completeTo: new KoreanDate(2024, 11, 15));
        Assert.Equal(new KoreanDate(2024, 10, 31), freshness.LatestEvent);
        Assert.Equal(new KoreanDate(2024, 11, 15), freshness.RecordEnd);
        Assert.Equal(35, freshness.DaysOld);
    }

    [Fact]
    public void An_empty_record_is_neither_old_nor_stale()
    {
        var freshness = RecordFreshness.Of([], new KoreanDate(2024, 12, 20));
        Assert.Null(freshness.DaysOld);
        Assert.False(freshness.IsStale);
        Assert.Equal(new KoreanDate(2024, 12, 20), freshness.CountedTo);
    }
}

using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Reports;

namespace Peninsula.Tests.Reports;

public class SituationBriefTests
{
    [Fact]
    public void A_week_after_the_sixth_nuclear_test_the_brief_counts_seven_days()
    {
        var brief = SituationBrief.Compute(BundledRecord.Events, new KoreanDate(2017, 9, 10));
        var nuclear = brief.Milestones.Single(m => m.What == "nuclear test");
        Assert.Equal("2017-09-03-nuclear-test", nuclear.Event!.Id);
        Assert.Equal(7, nuclear.DaysAgo);
        Assert.Contains(brief.Recent, e => e.Id == "2017-09-03-nuclear-test");
        Assert.DoesNotContain(brief.Recent, e => e.Kind == EventKind.Anniversary);
    }

    [Fact]
    public void The_brief_ignores_events_after_its_date()
    {
        var brief = SituationBrief.Compute(BundledRecord.Events, new KoreanDate(2017, 11, 28));
        var icbm = brief.Milestones.Single(m => m.What == "ICBM launch");
        Assert.Equal(new KoreanDate(2017, 7, 28), icbm.Event!.Date);
    }

    [Fact]
    public void Missiles_fired_per_year_are_the_rows_of_the_missile_table_in_that_year()
    {
        // Every row of missile-tests.csv is one ballistic missile (or space launch); counted here from the file itself.
        var rowsPerYear = File.ReadLines(Path.Combine(Record.BundledRecordTests.RepositoryRoot(), "data", "reference", "missile-tests.csv"))
            .Skip(1)
            .GroupBy(line => int.Parse(line[..4], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());

        var brief = SituationBrief.Compute(BundledRecord.Events, new KoreanDate(2025, 6, 30), years: 3);

        Assert.Equal([2023, 2024, 2025], brief.LaunchesByYear.Select(y => y.Year));
        Assert.All(brief.LaunchesByYear, y => Assert.Equal(rowsPerYear[y.Year], y.MissilesFired));
        Assert.All(brief.LaunchesByYear, y => Assert.InRange(y.LaunchEvents, 1, y.MissilesFired + 5));
    }

    [Fact]
    public void Years_after_the_records_end_are_left_out_of_launches_per_year_not_shown_as_years_without_launches()
    {
        var brief = SituationBrief.Compute(BundledRecord.Events, new KoreanDate(2026, 12, 6));

        Assert.True(brief.Freshness.IsStale);
        Assert.Equal(2025, brief.LaunchesByYear[^1].Year);
        Assert.Equal(20, brief.LaunchesByYear.Count);
    }

    [Fact]
    public void An_empty_record_gives_a_brief_with_no_milestones()
    {
        var brief = SituationBrief.Compute([], new KoreanDate(2026, 1, 1));
        Assert.All(brief.Milestones, m => Assert.Null(m.Event));
        Assert.Null(brief.RecordLast);
        Assert.All(brief.LaunchesByYear, y => Assert.Equal(0, y.LaunchEvents));
    }

    [Fact]
    public void Statistics_by_year_are_in_date_order_and_by_class_largest_first()
    {
        var launches = BundledRecord.Events.Where(e => e.Kind == EventKind.MissileLaunch).ToList();
        var byYear = EventStatistics.Count(launches, StatisticsDimension.Year);
        Assert.Equal(byYear.Select(r => r.Key).Order(StringComparer.Ordinal), byYear.Select(r => r.Key));
        Assert.Equal(launches.Count, byYear.Sum(r => r.Events));
        var byClass = EventStatistics.Count(launches, StatisticsDimension.Class);
        Assert.Equal("srbm", byClass[0].Key);
        var bySystem = EventStatistics.Count(launches, StatisticsDimension.System);
        Assert.Contains(bySystem, r => r.Key == EventStatistics.None);
    }

    [Fact]
    public void The_days_since_are_upper_bounds_only_once_the_record_ends_more_than_30_days_before_the_brief()
    {
        // The bundled record is complete to 2025-06-30, though its latest action is 2025-06-19:
        // on 2025-07-20 it is current (as the dashboard's banner says), on 2025-08-15 it is not.
        Assert.False(SituationBrief.Compute(BundledRecord.Events, new KoreanDate(2025, 7, 20)).DaysSinceAreUpperBounds);
        Assert.True(SituationBrief.Compute(BundledRecord.Events, new KoreanDate(2025, 8, 15)).DaysSinceAreUpperBounds);
    }
}

using System.Globalization;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Forecasting;

/// <summary>
/// data/plans/announced.csv, the plans announced in public (summits agreed with a time frame,
/// satellite-launch windows notified) that question forecasts read: the bundled table passes the
/// strict reader (AnnouncedPlansTests shows each of its rules refusing a bad row), holds plans of both
/// kinds, plans called off and revisions, stays within the record's years, and names only summit
/// classes the record holds completely, so that whether a plan was kept can be read from the record.
/// </summary>
public sealed class AnnouncedPlansTableTests
{
    [Fact]
    public void The_bundled_table_is_read_strictly_and_holds_both_kinds_plans_called_off_and_revisions()
    {
        var plans = AnnouncedPlans.Bundled.Plans;
        Assert.Contains(plans, p => p.Kind == AnnouncedPlans.Summit);
        Assert.Contains(plans, p => p.Kind == AnnouncedPlans.SatelliteLaunch);
        Assert.Contains(plans, p => p.Cancelled is not null);
        Assert.Contains(plans, p => p.Revises is not null);
    }

    [Fact]
    public void Every_plan_is_announced_within_the_bundled_record_s_years()
    {
        Assert.All(AnnouncedPlans.Bundled.Plans, p => Assert.True(p.Announced >= new KoreanDate(2000, 1, 1) && p.Announced <= BundledRecord.CoverageEnd, $"{p.Id}: {p.Announced}"));
    }

    [Fact]
    public void Every_summit_plan_is_of_a_class_the_record_holds_so_the_record_can_say_whether_it_was_kept()
    {
        // data/README.md: summits.csv holds every inter-Korean, US, Chinese and Russian summit with North Korea's leader from 2000.
        var classes = BundledRecord.Events.Where(e => e.Kind == EventKind.Summit).Select(e => e.Class).ToHashSet();
        Assert.All(AnnouncedPlans.Bundled.Plans.Where(p => p.Kind == AnnouncedPlans.Summit), p => Assert.Contains(p.Class, classes));
    }

    [Fact]
    public void The_data_readme_gives_the_number_of_rows_the_table_has()
    {
        var readme = File.ReadAllLines(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "README.md"));
        var line = Assert.Single(readme, l => l.StartsWith("| `plans/announced.csv` |", StringComparison.Ordinal));
        Assert.Equal(AnnouncedPlans.Bundled.Plans.Count.ToString(CultureInfo.InvariantCulture), line.Split('|')[3].Trim());
    }
}

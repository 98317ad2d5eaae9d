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
    private const double Tolerance = 1e-9;

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

    // The audit of 2026-12-07 (data/README.md): each plan it added is read where the table says.

    [Fact]
    public void The_first_reconnaissance_satellite_is_one_plan_from_the_promise_of_December_2022_to_the_launch_of_May_2023()
    {
        var plans = AnnouncedPlans.Bundled.On(BundledRecord.Events);

        // Ready "by April 2023", said on 2022-12-19: active in January, with the four earlier launch plans all kept ((4 + 1) / (4 + 2)).
        var january = Assert.Single(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2023, 1, 15), new KoreanDate(2023, 1, 16), new KoreanDate(2023, 4, 30)).Plans);
        Assert.Equal(("2022-12-satellite-by-april-2023", 4, 4), (january.Plan.Id, january.Kept, january.Resolved));
        Assert.Equal(1.0, january.InWindow, Tolerance);

        // The window notified on 2023-05-29 revises it, and the launch of 2023-05-31 carries the chain out.
        Assert.Equal("2023-05-satellite-may-31-jun-10", Assert.Single(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2023, 5, 30), new KoreanDate(2023, 5, 31), new KoreanDate(2023, 6, 30)).Plans).Plan.Id);
        Assert.Empty(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2023, 6, 1), new KoreanDate(2023, 6, 2), new KoreanDate(2023, 7, 31)).Plans);

        // Counted once: the window of August 2023 reads five earlier plans, all kept.
        var august = Assert.Single(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2023, 8, 22), new KoreanDate(2023, 8, 23), new KoreanDate(2023, 8, 31)).Plans);
        Assert.Equal(("2023-08-satellite-aug-24-30", 5, 5), (august.Plan.Id, august.Kept, august.Resolved));
    }

    [Fact]
    public void The_plan_of_December_2023_for_three_satellites_in_2024_is_active_from_January_and_carried_out_by_the_launch_of_27_May_2024()
    {
        var plans = AnnouncedPlans.Bundled.On(BundledRecord.Events);
        var january = Assert.Single(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2024, 1, 15), new KoreanDate(2024, 1, 16), new KoreanDate(2024, 2, 14)).Plans);
        Assert.Equal(("2023-12-satellite-three-in-2024", 7, 7), (january.Plan.Id, january.Kept, january.Resolved));
        Assert.Equal(30.0 / 351, january.InWindow, Tolerance);
        Assert.Equal("2023-12-satellite-three-in-2024", Assert.Single(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2024, 5, 26), new KoreanDate(2024, 5, 27), new KoreanDate(2024, 6, 30)).Plans).Plan.Id);

        // The window notified on 27 May revises it; that day's launch carries the chain out, and nothing is active after it.
        Assert.Empty(plans.Outlook(ForecastTarget.SatelliteLaunch, new KoreanDate(2024, 5, 28), new KoreanDate(2024, 5, 29), new KoreanDate(2024, 12, 31)).Plans);
    }

    [Fact]
    public void Kim_Jong_Il_s_promised_visit_to_Seoul_in_2001_is_one_chain_that_was_not_kept()
    {
        var plans = AnnouncedPlans.Bundled.On(BundledRecord.Events);
        var interKorean = ForecastTarget.OfFilter("kind=summit class=inter-korean", []);
        string Active(KoreanDate day) => Assert.Single(plans.Outlook(interKorean, day, day.AddDays(1), day.AddDays(30)).Plans).Plan.Id;

        Assert.Equal("2000-09-kim-seoul-march-april-2001", Active(new KoreanDate(2000, 10, 1)));
        Assert.Equal("2001-02-kim-seoul-this-spring", Active(new KoreanDate(2001, 3, 15)));
        Assert.Equal("2001-04-kim-seoul-within-2001", Active(new KoreanDate(2001, 6, 1)));
        Assert.Empty(plans.Outlook(interKorean, new KoreanDate(2002, 2, 1), new KoreanDate(2002, 2, 2), new KoreanDate(2002, 12, 31)).Plans);

        // When Roh's visit of 2007 was announced the chain had failed: six of the seven summit plans resolved by then were kept.
        var roh = Assert.Single(plans.Outlook(interKorean, new KoreanDate(2007, 8, 10), new KoreanDate(2007, 8, 11), new KoreanDate(2007, 9, 30)).Plans);
        Assert.Equal(("2007-08-ikorean-aug-28-30", 6, 7), (roh.Plan.Id, roh.Kept, roh.Resolved));
    }

    [Fact]
    public void The_invitations_to_Victory_Day_in_Moscow_are_active_from_their_announcement_until_called_off()
    {
        var plans = AnnouncedPlans.Bundled.On(BundledRecord.Events);
        var russia = ForecastTarget.OfFilter("kind=summit class=dprk-russia", []);
        IReadOnlyList<PlanInWindow> Active(KoreanDate day) => plans.Outlook(russia, day, day.AddDays(1), new KoreanDate(day.Year, 12, 31)).Plans;

        Assert.Equal("2014-12-kim-moscow-victory-day-invited", Assert.Single(Active(new KoreanDate(2015, 1, 1))).Plan.Id);
        Assert.Equal("2015-01-kim-moscow-victory-day", Assert.Single(Active(new KoreanDate(2015, 2, 1))).Plan.Id);
        Assert.Empty(Active(new KoreanDate(2015, 5, 1)));
        Assert.Equal("2019-08-kim-moscow-victory-day-2020", Assert.Single(Active(new KoreanDate(2020, 1, 15))).Plan.Id);
        Assert.Empty(Active(new KoreanDate(2020, 4, 16)));
    }

    [Fact]
    public void The_data_readme_gives_the_number_of_rows_the_table_has()
    {
        var readme = File.ReadAllLines(Path.Combine(BundledRecordTests.RepositoryRoot(), "data", "README.md"));
        var line = Assert.Single(readme, l => l.StartsWith("| `plans/announced.csv` |", StringComparison.Ordinal));
        Assert.Equal(AnnouncedPlans.Bundled.Plans.Count.ToString(CultureInfo.InvariantCulture), line.Split('|')[3].Trim());
    }
}

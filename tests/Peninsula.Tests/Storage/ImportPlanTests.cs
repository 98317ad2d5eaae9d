using Peninsula.Events;
using Peninsula.Import;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

/// <summary>How an import's launches join the record: by day, class, system and site.</summary>
public class ImportPlanTests
{
    private static Event Launch(int i, string site) => new()
    {
        Id = i <= 1 ? "2024-06-05-srbm" : $"2024-06-05-srbm-{i}", // as the merge names one day's launches
        Kind = EventKind.MissileLaunch,
        Class = "srbm",
        Date = new KoreanDate(2024, 6, 5),
        Actors = ["DPRK"],
        Site = new Place(site, 39, 125),
        Figures = new EventFigures { NumberFired = 1 },
        Title = $"launch {i}",
        Sources = [new EventSource("CNS", "https://example.org/", "2024-06-05", $"row {i}", "cns.csv", $"line {i}", "cns/1")],
    };

    [Fact]
    public void Launches_of_one_date_from_different_sites_stay_separate_launches_with_unique_ids()
    {
        // Before: every launch of the day joined the first one, whatever its site (one event of
        // 2,000 sources, and a plan that grew with the square of the launches).
        var incoming = Enumerable.Range(1, 2_000).Select(i => Launch(i, $"Site {i}")).ToList();

        var plan = ImportPlan.Make([], incoming, ImportPolicy.Default, "cns.csv", CancellationToken.None);

        Assert.Equal(2_000, plan.Added);
        Assert.Equal(2_000, plan.Changes.Select(c => c.After.Id).Distinct().Count());
        Assert.Contains(plan.Changes, c => c.After.Id == "2024-06-05-srbm-2000");
    }

    [Fact]
    public void A_launch_reported_under_another_spelling_of_its_site_joins_the_launch()
    {
        var stored = Launch(1, "Kaechon Airbase");
        var plan = ImportPlan.Make([stored], [Launch(2, "Kaechon Air Base")], ImportPolicy.Default, "cns.csv", CancellationToken.None);

        Assert.Equal(0, plan.Added);
        Assert.Equal("2024-06-05-srbm", Assert.Single(plan.Changes).After.Id);
    }

    [Fact]
    public void Launches_a_file_dates_a_day_apart_stay_two_launches_though_one_has_no_site_or_class()
    {
        // Before: a failed launch of 2026-04-07 (no site, class unknown) took in the next day's
        // launches of the same file, since the record tolerates a day between sources that mix
        // UTC and Korean dates; the 8th was lost as a launch day. A second launch the file gives
        // on the 8th without site or class still joins the 8th's, as one file's two classes of
        // one launch do.
        Event Dated(string id, int day, string cls, Place? site) => Launch(1, "x") with
        {
            Id = id,
            Class = cls,
            Date = new KoreanDate(2026, 4, day),
            Site = site,
            Title = id,
        };
        var incoming = new[]
        {
            Dated("2026-04-07-unknown", 7, "unknown", null),
            Dated("2026-04-08-srbm", 8, "srbm", new Place("Wonsan area", 39.1475, 127.44611)),
            Dated("2026-04-08-unknown", 8, "unknown", null),
        };

        var plan = ImportPlan.Make([], incoming, ImportPolicy.Default, "newer.csv", CancellationToken.None);

        Assert.Equal(
            ["2026-04-07-unknown", "2026-04-08-srbm"],
            plan.Changes.Where(c => c.Before is null).Select(c => c.After.Id).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, plan.Unchanged); // the later launch of the 8th joined the 8th's (same source here, so nothing to add)
    }

    [Fact]
    public void A_launch_a_file_gives_again_on_the_same_date_under_another_class_still_joins_it()
    {
        var first = Launch(1, "Sohae");
        var second = Launch(2, "Sohae") with { Class = "unknown" };

        var plan = ImportPlan.Make([], [first, second], ImportPolicy.Default, "cns.csv", CancellationToken.None);

        Assert.Equal(1, plan.Added);
    }
}

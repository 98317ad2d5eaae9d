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
}

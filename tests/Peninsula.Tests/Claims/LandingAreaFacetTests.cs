using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Claims;

/// <summary>The landing facet reads a launch's landing area from its figures, not from the words of its summary.</summary>
public sealed class LandingAreaFacetTests
{
    // us-dod-2017-07-28 (public domain): the record's Hwasong-14 of 2017-07-28 came down in the Sea of Japan.
    private const string Sentence = "The missile was launched from Mupyong-ni and traveled about 1000 km before splashing down in the Sea of Japan.";

    private static FacetCheck Landing(IReadOnlyList<Event> record) =>
        new ArticleChecker(record).Check(Sentence, KoreanDate.Parse("2017-07-28")).Claims.SelectMany(c => c.Facets).Single(f => f.Facet == "landing");

    [Fact]
    public void A_landing_area_the_record_holds_as_a_figure_is_compared_whatever_the_summary_says()
    {
        var record = BundledRecord.Events.Select(e => e.Figures.LandingArea is null ? e : e with { Summary = "North Korea launched a missile." }).ToList();

        var landing = Landing(record);

        Assert.Equal(FacetResult.Matches, landing.Result);
        Assert.Contains("sea of japan (2017-07-28)", landing.Record, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_naming_a_landing_area_the_figures_do_not_hold_is_not_read_as_one()
    {
        var record = BundledRecord.Events.Select(e => e.Figures.LandingArea is null ? e : e with { Figures = e.Figures with { LandingArea = null } }).ToList();

        var landing = Landing(record);

        Assert.Equal(FacetResult.Undecided, landing.Result);
        Assert.Equal("the record gives no landing area for this launch", landing.Record);
    }
}

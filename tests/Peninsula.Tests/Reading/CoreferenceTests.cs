using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Reading;

/// <summary>
/// The reported event carried across sentences: a sentence that names the event by a pronoun or a
/// definite description and has no date of its own is about the event the article last reported, and
/// its facets are checked against that event. Real passages of the development set
/// (bench/claims-real/documents, Voice of America, public domain), with the dates their headers give.
/// </summary>
public sealed class CoreferenceTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static ArticleCheck Check(string text, string published) => Bundled.Value.Check(text, KoreanDate.Parse(published));

    private static string Why(IEnumerable<CheckedClaim> claims) => string.Join(" | ", claims.Select(c => $"{c.Start} {c.Period}: {c.Verdict}: {c.FacetLine} / {c.Reason}"));

    /// <summary>The claims of the sentence that starts with these words.</summary>
    private static List<CheckedClaim> In(ArticleCheck check, string article, string opening)
    {
        var start = article.IndexOf(opening, StringComparison.Ordinal);
        var end = article.IndexOf('.', start + opening.Length);
        return [.. check.Claims.Where(c => c.Start >= start && c.Start < (end < 0 ? article.Length : end))];
    }

    [Fact]
    public void A_distance_said_of_they_is_checked_against_the_launch_reported_just_before()
    {
        // us-voa-2014-03-03-scud-c: two Scud-C from Wonsan on 2014-03-03 (CNS; the record gives 500 km).
        const string article = "North Korea has fired two short-range missiles off its eastern coast, the second such launch in less than a week.\n\nThe South Korean news agency Yonhap said the missiles fired Monday were likely to be Scud-C models. They are believed to have flown about 500 kilometers.";
        var check = Check(article, "2014-03-03");
        var claims = In(check, article, "They are believed");

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Supported, Why(check.Claims));
        Assert.Contains(claim.Facets, f => f is { Facet: "distance", Result: FacetResult.Matches });
        // The time is the launch's of the sentence before ("the missiles fired Monday"), not a window.
        Assert.Equal("2014-03-03", claim.Period);
    }

    // us-voa-le-2022-10-04-over-japan (VOA Learning English), its second and third paragraphs.
    private const string OverJapan = "North Korea test-fired a ballistic missile Tuesday that flew farther than any of the country’s earlier attempts. It was the first time since 2017 that a North Korean missile flew over Japan. The Japanese government warned people to move to a place of safety.\n\nOfficials in Tokyo and Seoul said the missile flew between 4,500 to 4,600 kilometers. It travelled as high as 1,000 kilometers above Earth. Missiles are flown high to avoid entering airspace of neighboring countries.\n\nSouth Korea’s military said it appeared to have been an intermediate-range ballistic missile launched from North Korea’s Jagang Province.";

    [Fact]
    public void A_height_said_of_it_is_the_height_of_the_launch_the_article_reported()
    {
        // The record's IRBM of 2022-10-04 reached 970 km (missile-tests.csv), "as high as 1,000 kilometers".
        var check = Check(OverJapan, "2022-10-04");
        var claim = Assert.Single(In(check, OverJapan, "It travelled as high"));

        // The launch reported is three sentences and a paragraph back, beyond the reach of "it", so the
        // sentence is read as the event of the article's date (the three days up to it).
        Assert.True(claim.Verdict == ClaimVerdict.Supported, Why(check.Claims));
        Assert.Contains(claim.Facets, f => f is { Facet: "height", Result: FacetResult.Matches });
    }

    [Fact]
    public void A_class_said_of_it_by_a_source_is_checked_against_the_launch_the_article_reported()
    {
        // "said it appeared to have been an intermediate-range ballistic missile": attributed, the class is
        // still compared with the record's launch of 2022-10-04 (an IRBM); the province it names is no
        // facet the record holds, so the sentence stays open on it.
        var check = Check(OverJapan, "2022-10-04");
        var claim = Assert.Single(In(check, OverJapan, "South Korea’s military said"));

        Assert.Equal(EventKind.MissileLaunch, claim.EventKind);
        Assert.True(claim.Verdict == ClaimVerdict.NotEnoughEvidence, Why(check.Claims));
        var detail = Assert.Single(claim.Facets, f => f.Facet == "detail");
        Assert.Equal("Jagang Province", detail.Stated);
        Assert.Contains("intermediate-range ballistic missile launch (new irbm 2022) on 2022-10-04", detail.Record, StringComparison.Ordinal);
    }
}

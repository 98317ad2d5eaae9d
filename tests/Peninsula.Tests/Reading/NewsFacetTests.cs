using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Reading;

/// <summary>
/// The second round of rules for news prose, each on the real sentence it came from: the Voice of
/// America articles that were held-out set A until they joined the development set
/// (bench/claims-real/documents/us-voa-2009-*, us-voa-2018-*, us-voa-le-*, public domain), checked
/// with the publication date their headers give. Issue 16, item 2: every facet an assertion states is
/// compared with the record, and a facet the record cannot decide keeps the claim from `supported`.
/// </summary>
public sealed class NewsFacetTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static ArticleCheck Check(string text, string published) => Bundled.Value.Check(text, KoreanDate.Parse(published));

    private static string Why(IEnumerable<CheckedClaim> claims) => string.Join(" | ", claims.Select(c => $"{c.Verdict}: {c.FacetLine} / {c.Reason}"));

    [Theory]
    [InlineData("The nuclear test was the biggest explosion North Korea has ever carried out.", "2009-05-26", "biggest")]
    [InlineData("The new tests make this January the busiest month ever for North Korean missile tests.", "2022-01-27", "busiest")]
    [InlineData("North Korea Tests Record Number of Missiles This Month", "2022-01-27", "Record Number")]
    [InlineData("State news agency KCNA said the new \"Chollima-1\" satellite launch rocket failed because of instability in the engine and fuel system.", "2023-05-31", "because of")]
    [InlineData("The North Korean rocket fell into the sea \"after losing thrust due to the abnormal starting of the second-stage engine,\" state news reported.", "2023-05-31", "due to")]
    public void A_ranking_a_record_or_the_cause_of_a_failure_that_the_record_has_no_facet_for_is_never_supported_and_is_named(string sentence, string published, string words)
    {
        // Each was supported before the rule, on the launch or test alone.
        var claims = Check(sentence, published).Claims;

        Assert.NotEmpty(claims);
        Assert.True(claims.All(c => c.Verdict == ClaimVerdict.NotEnoughEvidence), Why(claims));
        Assert.True(claims.Any(c => c.Facets.Any(f => f.Facet == "detail" && f.Result == FacetResult.Undecided && f.Stated.Contains(words, StringComparison.OrdinalIgnoreCase))), Why(claims));
    }

    [Theory]
    [InlineData("The missiles were apparently launched from a facility on North Korea's east coast, and are believed to have flown approximately 400 kilometers each.", "2009-07-04")]
    [InlineData("The ministry said the missiles landed about 100 kilometers away in the Sea of Japan.", "2009-07-02")]
    public void A_distance_said_in_a_clause_of_its_own_or_as_how_far_away_the_missiles_landed_is_compared_with_the_record(string sentence, string published)
    {
        // The record gives no distance for these launches, so the claim is left open on its distance.
        var claims = Check(sentence, published).Claims;

        Assert.NotEmpty(claims);
        Assert.True(claims.All(c => c.Verdict != ClaimVerdict.Supported), Why(claims));
        Assert.True(claims.Any(c => c.Facets.Any(f => f.Facet == "distance")), Why(claims));
    }

    [Fact]
    public void A_quoted_exclamation_is_a_slogan_not_a_claim()
    {
        // us-voa-2018-06-13-singapore: refuted before the rule ("the record has 115 missile launches up to 2018-06-13").
        Assert.Empty(Check("\"No more rocket launches, nuclear testing or research!\" Trump wrote on Twitter.", "2018-06-13").Claims);
    }

    [Fact]
    public void Another_leaders_call_after_a_launch_asserts_the_call_not_the_launch()
    {
        // us-voa-le-2022-10-04-over-japan: supported before the rule, on the IRBM of 2022-10-04.
        Assert.Empty(Check("American President Joe Biden spoke to Japanese Prime Minister Fumio Kishida on the phone after the missile test Tuesday.", "2022-10-04").Claims);
    }

    [Fact]
    public void This_year_is_the_publications_year_even_after_a_sentence_about_an_earlier_year()
    {
        // us-voa-le-2016-06-22-musudan: the first Musudan launch is 2016-04-15; "April" took 2007 from
        // the sentence before and the claim was refuted.
        var article = "North Korea is believed to have up to 30 Musudan missiles, which were first deployed around 2007. The first known Musudan test happened in April this year.";
        var claims = Check(article, "2016-06-22").Claims.Where(c => c.Start > article.IndexOf("The first", StringComparison.Ordinal)).ToList();

        var claim = Assert.Single(claims);
        Assert.StartsWith("2016-04", claim.Period, StringComparison.Ordinal);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }

    [Theory]
    [InlineData("North Korea’s attempt to put its first military satellite into orbit failed Wednesday.", "2023-05-31")]
    [InlineData("The test is the fourth such missile launch in recent weeks, although North Korea faces strong international restrictions linked to the activity.", "2016-08-03")]
    public void An_order_among_a_class_or_a_window_the_record_does_not_hold_is_left_open(string sentence, string published)
    {
        // "its first military satellite" was refuted by the first space launch of 1998; "the fourth
        // such missile launch in recent weeks" was supported by the fourth launch ever, in 1986.
        var claims = Check(sentence, published).Claims;

        Assert.NotEmpty(claims);
        Assert.True(claims.All(c => c.Verdict == ClaimVerdict.NotEnoughEvidence), Why(claims));
    }

    [Theory]
    [InlineData("South Korean President Moon Jae-in met Saturday afternoon with North Korean leader Kim Jong Un near the two Koreas' heavily militarized border.", "2018-05-26")]
    [InlineData("The leaders of the United States and North Korea met for the first time in Singapore Tuesday.", "2018-06-12")]
    [InlineData("Tuesday morning Trump shook hands with the North Korean leader in front of U.S. and North Korean flags at the Capella Hotel on Singapore's Sentosa Island.", "2018-06-12")]
    [InlineData("Trump, Kim Sign Joint Agreement in Singapore", "2018-06-12")]
    [InlineData("Singapore Summit Produces High Hopes, Little Details", "2018-06-13")]
    [InlineData("World Condemns North Korea Nuclear Test", "2009-05-25")]
    public void A_summit_named_by_what_the_leaders_did_and_a_headline_naming_an_event_are_read_and_supported_by_the_record(string sentence, string published)
    {
        // data/context/summits.csv: the inter-Korean summit of 2018-05-26 and the Singapore summit of
        // 2018-06-12; nuclear-tests.csv: 2009-05-25. None was read as a claim before the rule.
        var claims = Check(sentence, published).Claims;

        Assert.NotEmpty(claims);
        Assert.True(claims.All(c => c.Verdict == ClaimVerdict.Supported), Why(claims));
    }

    [Theory]
    [InlineData("South Korea's Yonhap news agency also reports that North Korea test-fired three short-range missiles in the hours after the nuclear test.", "2009-05-25")]
    [InlineData("The president's comments came in an interview with the Associated Press on Thursday, the same day North Korea test-fired four short-range missiles.", "2009-07-02")]
    public void A_number_of_missiles_the_record_does_not_hold_for_that_launch_keeps_the_claim_from_supported_and_is_named(string sentence, string published)
    {
        // The record has these launches but not how many were fired; both were supported before the rule.
        var claims = Check(sentence, published).Claims;

        Assert.NotEmpty(claims);
        Assert.True(claims.All(c => c.Verdict == ClaimVerdict.NotEnoughEvidence), Why(claims));
        Assert.True(claims.Any(c => c.Facets.Any(f => f is { Facet: "count", Result: FacetResult.Undecided })), Why(claims));
    }
}

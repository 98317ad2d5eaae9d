using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Reading;

/// <summary>
/// The structural round of the fact-check (issue 16, item 2): a sentence is supported only when
/// everything its predicate states is explained by a facet the record holds. Each rule on real
/// sentences of the development set (bench/claims-real/documents, public domain or Government of
/// Japan Standard Terms of Use), checked with the publication date their headers give.
/// </summary>
public sealed class PredicateCoverageTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static ArticleCheck Check(string text, string published) => Bundled.Value.Check(text, KoreanDate.Parse(published));

    private static string Why(IEnumerable<CheckedClaim> claims) => string.Join(" | ", claims.Select(c => $"{c.Verdict}: {c.FacetLine} / {c.Reason}"));

    [Theory]
    // us-voa-le-2022-10-04-over-japan: supported before the rule, on the IRBM of 2022-10-04 alone.
    [InlineData("North Korea test-fired a ballistic missile Tuesday that flew farther than any of the country’s earlier attempts.", "2022-10-04", "farther than any")]
    // us-crs-2024-12-06-if10246: supported before, on the ICBM launches since 2022.
    [InlineData("Since 2022, North Korea has test launched more than 80 ballistic missiles, including multiple tests of intercontinental ballistic missiles (ICBMs) capable of delivering nuclear warheads.", "2024-12-06", "capable of delivering nuclear warheads")]
    // us-crs-2017-07-05-in10734: supported before, on the Hwasong-14 of 2017-07-04.
    [InlineData("On July 4, 2017, North Korea tested a long-range ballistic missile that some observers characterized as having intercontinental range.", "2017-07-05", "having intercontinental range")]
    // us-voa-2016-02-08-space-mission: "proceeded with the launch" is read as the launch of 2016-02-07
    // (NewsReadingTests); how it went ahead is a detail the record does not hold.
    [InlineData("Sanjay Acharya, ITU’s chief of media relations and public information, told VOA his agency had asked Pyongyang to provide the missing information, but Pyongyang proceeded with the launch without providing the information.", "2016-02-08", "without providing the information")]
    // us-voa-2012-04-13-world-reacts: the failed Unha-3 of 2012-04-13 is read (NewsReadingTests); what
    // its cargo was is not in the record.
    [InlineData("North Korea's official news agency acknowledged the missile broke apart, preventing its cargo - described as a weather satellite - from reaching Earth orbit.", "2012-04-13", "weather")]
    public void A_predicate_with_a_detail_no_facet_explains_is_not_enough_evidence_and_names_the_detail(string sentence, string published, string words)
    {
        var claims = Check(sentence, published).Claims;

        Assert.NotEmpty(claims);
        Assert.True(claims.All(c => c.Verdict == ClaimVerdict.NotEnoughEvidence), Why(claims));
        var detail = claims.SelectMany(c => c.Facets).Single(f => f.Facet == "detail");
        Assert.Contains(words, detail.Stated, StringComparison.Ordinal);
        Assert.Contains("but says nothing of", detail.Record, StringComparison.Ordinal);
    }

    [Theory]
    // jp-kantei-2016-02-12 style government sentences: every word is a facet or carries no claim.
    [InlineData("It appears that at about 5:30 a.m. this morning, North Korea launched a ballistic missile in a north-easterly direction from the proximity of Pukchang in the inland area of North Korea.", "2017-04-29")]
    [InlineData("The missile was launched from Mupyong-ni and traveled about 1000 km before splashing down in the Sea of Japan.", "2017-07-28")]
    [InlineData("This launch by North Korea of a ballistic missile is a clear violation of relevant United Nations Security Council resolutions and other decisions taken by the international community.", "2017-02-12")]
    [InlineData("As the Ministry of Defense announced a short while ago, North Korea launched short-range ballistic missiles and I was also briefed on this matter.", "2023-02-20")]
    // us-pacom-2017-09-14: a flight over Japan is the landing facet (the Pacific), compared with the record.
    [InlineData("The ballistic missile overflew the territory of northern Japan before landing in the Pacific Ocean east of Japan.", "2017-09-14")]
    // us-voa-2014-03-03-scud-c: "models" names the system's kind, like "type" and "class".
    [InlineData("The South Korean news agency Yonhap said the missiles fired Monday were likely to be Scud-C models.", "2014-03-03")]
    public void A_predicate_whose_words_are_all_read_or_carry_no_claim_is_supported(string sentence, string published)
    {
        var claims = Check(sentence, published).Claims;

        Assert.NotEmpty(claims);
        Assert.True(claims.Any(c => c.Verdict == ClaimVerdict.Supported), Why(claims));
        Assert.DoesNotContain(claims.SelectMany(c => c.Facets), f => f.Facet == "detail");
    }

    [Fact]
    public void The_sea_a_missile_came_down_in_is_compared_with_the_records_landing_area()
    {
        // us-dod-2017-07-28: the record's Hwasong-14 of 2017-07-28 came down in the Sea of Japan.
        var claims = Check("The missile was launched from Mupyong-ni and traveled about 1000 km before splashing down in the Sea of Japan.", "2017-07-28").Claims;

        var landing = claims.SelectMany(c => c.Facets).Single(f => f.Facet == "landing");
        Assert.Equal(FacetResult.Matches, landing.Result);
        Assert.Contains("sea of japan", landing.Record, StringComparison.Ordinal);
    }
    [Theory]
    // us-voa-2017-07-28-second-icbm: the record's first ICBM is the Hwasong-14 of 2017-07-04.
    [InlineData("Earlier this month, Pyongyang launched an intercontinental ballistic missile for the first time.", "2017-07-28", "first ICBM launch", "2017-07-04")]
    // us-voa-2016-02-08-space-mission: a first success, counted among the space launches that succeeded
    // (the record's of 1998, 2009 and April 2012 failed).
    [InlineData("Pyongyang’s long-range rocket launch drew wide international attention in December 2012, when the country succeeded in putting into orbit a satellite for the first time.", "2016-02-08", "first successful", "2012-12-12")]
    public void An_order_said_after_the_event_is_compared_with_the_record(string sentence, string published, string order, string date)
    {
        var claims = Check(sentence, published).Claims;

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Supported, Why(claims));
        Assert.Contains(order, claim.Reason, StringComparison.Ordinal);
        Assert.Contains(date, claim.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(claim.Facets, f => f.Facet == "detail");
    }

    [Fact]
    public void A_wrong_order_said_after_the_event_is_refuted()
    {
        // The sentence of us-voa-2017-07-28-second-icbm moved to November 2017: the Hwasong-15 of
        // 2017-11-29 was the record's third ICBM, not its first.
        var claims = Check("In November 2017, Pyongyang launched an intercontinental ballistic missile for the first time.", "2017-11-30").Claims;

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Refuted, Why(claims));
        Assert.Contains("2017-07-04", claim.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_time_counted_from_a_date_is_not_read_as_a_first_ever()
    {
        // "for the first time since" counts from a date the record would have to compare on its own:
        // never read as the first ICBM ever, which the Hwasong-15 of 2017-11-29 was not.
        var claims = Check("On November 29, 2017, Pyongyang launched an intercontinental ballistic missile for the first time since July.", "2017-11-30").Claims;

        Assert.DoesNotContain(claims, c => c.Verdict == ClaimVerdict.Refuted);
    }

    [Theory]
    // jp-kantei-2016-10-20-ccs and us-embassy-tokyo-2016-10-20: the Musudan of 2016-10-20 failed.
    [InlineData("According to an announcement by the U.S. Forces, this morning North Korea attempted a launch of a ballistic missile but it ended in failure.", "2016-10-20")]
    [InlineData("All networks reported at noon that North Korea apparently attempted to launch a Musudan mid-range ballistic missile at about 7 a.m. today but failed again.", "2016-10-20")]
    public void An_outcome_said_after_an_attempt_in_a_second_clause_is_compared_with_the_record(string sentence, string published)
    {
        var claims = Check(sentence, published).Claims;

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Supported, Why(claims));
        var outcome = claim.Facets.Single(f => f.Facet == "outcome");
        Assert.Equal("failure", outcome.Stated);
        Assert.Equal(FacetResult.Matches, outcome.Result);
    }
    [Theory]
    // us-voa-2017-07-28-second-icbm: ballistic missiles on 2017-07-04 and 2017-07-28, 24 days apart.
    [InlineData("North Korea launched another ballistic missile Friday, the second such launch in just a few weeks, the Pentagon said.", "2017-07-28", "2017-07-04")]
    // us-voa-2014-03-03-scud-c: short-range missiles on 2014-02-27 and 2014-03-03; the sentence gives
    // no time, so the launch is the news of the article's day.
    [InlineData("North Korea has fired two short-range missiles off its eastern coast, the second such launch in less than a week.", "2014-03-03", "2014-02-27")]
    public void An_order_within_a_span_of_days_said_after_the_event_is_counted_in_that_span(string sentence, string published, string earlier)
    {
        var claims = Check(sentence, published).Claims;

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Supported, Why(claims));
        Assert.Contains("is the second within", claim.Reason, StringComparison.Ordinal);
        Assert.Contains(earlier, claim.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(claim.Facets, f => f.Facet == "detail");
    }

    [Fact]
    public void A_wrong_order_within_a_span_of_days_is_refuted_where_the_record_is_complete()
    {
        // The sentence of us-voa-2017-07-28-second-icbm said of the Hwasong-15 of 2017-11-29: the record's
        // ICBM before it was on 2017-07-28, four months earlier, so it was the first in a few weeks.
        var claims = Check("North Korea launched an intercontinental ballistic missile on November 29, 2017, the second such launch in just a few weeks.", "2017-11-30").Claims;

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Refuted, Why(claims));
        Assert.Contains("not the second within 14 to 42 days", claim.Reason, StringComparison.Ordinal);
    }
    [Fact]
    public void Launches_counted_after_the_event_are_compared_as_launch_days()
    {
        // jp-kantei-2017-08-29-ccs: the record's ICBM launches of July 2017 are on the 4th and the 28th.
        var claims = Check("In addition, this month, the UN Security Council unanimously adopted Resolution 2371, which strongly condemns North Korea’s launches of the ICBM-class ballistic missiles twice in July, and which expands and enhances sanctions on North Korea considerably.", "2017-08-29").Claims;

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Supported, Why(claims));
        Assert.Contains("on 2 days (2017-07-04, 2017-07-28)", claim.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(claim.Facets, f => f.Facet == "detail");
    }

    [Fact]
    public void A_wrong_count_of_launch_days_is_refuted_where_the_record_is_complete()
    {
        // The sentence of jp-kantei-2017-08-29-ccs with three for two.
        var claims = Check("The resolution strongly condemns North Korea’s launches of the ICBM-class ballistic missiles three times in July 2017.", "2017-08-29").Claims;

        var claim = Assert.Single(claims);
        Assert.True(claim.Verdict == ClaimVerdict.Refuted, Why(claims));
        Assert.Contains("not 3", claim.Reason, StringComparison.Ordinal);
    }
}

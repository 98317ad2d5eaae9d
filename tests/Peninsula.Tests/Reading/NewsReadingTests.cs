using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Reading;

/// <summary>
/// How the reader reads news prose, each rule on the real sentence it came from: the Voice of America
/// articles of the real set (bench/claims-real/documents/us-voa-*, public domain), checked with the
/// publication date their headers give.
/// </summary>
public sealed class NewsReadingTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static ArticleCheck Check(string text, string published) => Bundled.Value.Check(text, KoreanDate.Parse(published));

    private static CheckedClaim Only(string text, string published) => Assert.Single(Check(text, published).Claims);

    [Fact]
    public void A_weekday_in_local_time_in_a_story_dated_the_day_before_in_Washington_is_the_next_day()
    {
        // us-voa-2017-04-28-pukchang: dated Friday in Washington; the Hwasong-12 flew at 05:33 KST on Saturday 2017-04-29.
        var claim = Only("South Korea's Yonhap news agency reported that North Korea test-fired a ballistic missile early Saturday, local time.", "2017-04-28");

        Assert.Equal("2017-04-29", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }

    [Fact]
    public void A_weekday_without_local_time_is_still_the_latest_such_day_on_or_before_the_date()
    {
        // us-voa-2016-02-08-space-mission: the Unha-3 of Sunday 2016-02-07, the day before.
        var claim = Only("On Sunday, Pyongyang fired a long-range rocket from its west coast rocket launch site in Tongchang-ri.", "2016-02-08");

        Assert.Equal("2016-02-07", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }

    [Theory]
    [InlineData("There are also indications the reclusive and impoverished country is preparing for a third nuclear weapons test, as well.", "2012-04-08")]
    [InlineData("North Korea's latest threat to conduct its third nuclear test and launch more long-range rockets is not just bluster but part of a deliberate effort by an increasingly confident Pyongyang to build up its atomic weapons capacity, analysts say.", "2013-01-24")]
    [InlineData("South Korea's defense minister warned that North Korea has completed preparations for its fourth nuclear test and said a detonation could occur the moment Pyongyang makes the decision.", "2014-05-08")]
    [InlineData("It has threatened in recent months to conduct an unspecified new form of nuclear test.", "2014-05-08")]
    [InlineData("North Korea's anticipated ballistic missile launch this month is already drawing reaction from its neighbors and the United States.", "2012-12-03")]
    public void A_test_prepared_threatened_or_anticipated_is_not_a_claim_that_one_happened(string sentence, string published)
    {
        // Each was refuted ("the record has 2 nuclear tests up to 2012-04-08, so no third") before the rule.
        Assert.Empty(Check(sentence, published).Claims);
    }

    [Theory]
    [InlineData("Satellite imagery, taken last week, shows piles of dirt near a newly excavated tunnel entrance at North Korea's nuclear test site.", "2012-04-08")]
    [InlineData("Recent satellite imagery has shown increased activity at North Korea's main nuclear test site.", "2014-05-08")]
    [InlineData("When Pyongyang notified the International Telecommunication Union, a U.N. agency that promotes international cooperation in assigning satellite orbits, of the latest launch last week, it said the move was part of its effort to launch an “Earth observation satellite.”", "2016-02-08")]
    public void Satellite_imagery_satellite_orbits_and_a_nuclear_test_site_name_no_launch_or_test(string sentence, string published)
    {
        Assert.Empty(Check(sentence, published).Claims);
    }

    [Theory]
    [InlineData("It is not clear which missiles were tested, when they were tested, or how far they flew.")]
    [InlineData("None of that happened this time, leading some experts to question whether the missiles tested were small or evaded radar detection by the U.S. and its allies.")]
    public void An_embedded_question_asserts_nothing(string sentence)
    {
        // us-voa-2021-03-23-unreported: both were supported by the cruise missiles of 2021-03-21 before the rule.
        Assert.Empty(Check(sentence, "2021-03-23").Claims);
    }

    [Fact]
    public void A_report_not_yet_confirmed_is_never_refuted()
    {
        // "which would be": the record's cruise missiles of 2020-07-06 and 2021-03-21 made it read as "the first missile ever".
        var claim = Only("White House officials have not commented on the latest North Korean launch, which would be Pyongyang’s first missile test since July 2020.", "2021-03-23");

        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
    }

    [Theory]
    [InlineData("The rocket fell into the sea about one minute after liftoff.", "2012-04-13", "minute after liftoff")]
    [InlineData("The three-stage rocket malfunctioned after the first stage exhausted its fuel and fell away, and the assembly plunged into the Yellow Sea without hitting land or striking any of the many vessels observing the test from international waters.", "2012-04-13", "first stage")]
    [InlineData("The White House said Friday that President Donald Trump had been briefed on the latest North Korean missile test, which failed shortly after launch and broke up over an inland region of the country.", "2017-04-28", "broke up over")]
    [InlineData("Commander David Benham of U.S. Pacific Command said the missile launch occurred near the Pukchang airfield, north of the capital, Pyongyang, and he confirmed that the missile did not leave North Korean territory.", "2017-04-28", "did not leave North Korean")]
    [InlineData("North Korea is thought to have used plutonium to conduct its first two underground nuclear tests, though it is unclear whether plutonium or uranium was used in the third test.", "2014-05-08", "plutonium")]
    public void How_a_launch_came_apart_and_what_a_test_used_are_details_the_record_does_not_hold(string sentence, string published, string detail)
    {
        var checks = Check(sentence, published).Claims;

        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal(ClaimVerdict.NotEnoughEvidence, c.Verdict));
        Assert.Contains(checks, c => c.Facets.Any(f => f.Facet == "detail" && f.Stated.Contains(detail, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_height_the_record_has_no_apogee_for_is_undecided()
    {
        // The failed Unha-3 of 2012-04-13: CNS gives no apogee.
        var claim = Only("Japanese Defense Minister Naoki Tanaka said the rocket appeared to have reached a height of 120 kilometers above the sea before it split apart.", "2012-04-13");

        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains(claim.Facets, f => f is { Facet: "height", Result: FacetResult.Undecided });
    }

    [Fact]
    public void A_height_reached_matches_a_higher_apogee()
    {
        // The VOA sentence's wording on a launch whose apogee the record gives (the Hwasong-15 of
        // 2017-11-29, 4,475 km per CNS): a missile that went higher also reached the height stated.
        var claim = Only("North Korea launched a Hwasong-15 that reached a height of 4,000 kilometers above the sea.", "2017-11-29");

        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.True(claim.Facets.Any(f => f is { Facet: "height", Result: FacetResult.Matches }), claim.FacetLine + " / " + claim.Reason);
    }

    [Fact]
    public void A_South_Korean_source_reporting_what_was_fired_is_not_the_actor()
    {
        // us-voa-2014-03-03-scud-c: two Scud-C from Wonsan on Monday 2014-03-03 (CNS).
        var claim = Only("The South Korean news agency Yonhap said the missiles fired Monday were likely to be Scud-C models.", "2014-03-03");

        Assert.Equal("2014-03-03", claim.Period);
        Assert.NotEqual(ClaimVerdict.Refuted, claim.Verdict);
    }

    [Fact]
    public void A_site_named_as_the_city_of_a_place_is_checked_against_the_record()
    {
        // us-voa-2016-03-21-projectiles: the record's short-range launch of Monday 2016-03-21 was from
        // Hamhung (data/corrections.csv); "from the eastern city of Hamhung" names it as "from Hamhung" does.
        var claim = Only("South Korean officials say the projectiles were launched Monday from the eastern city of Hamhung.", "2016-03-21");

        Assert.Equal("2016-03-21", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.Contains(claim.Facets, f => f is { Facet: "site", Result: FacetResult.Matches });
    }

    [Theory]
    [InlineData("Davis said the launch occurred at about 10:45 a.m. EDT.", "2017-07-28")]
    [InlineData("U.N. Secretary-General Ban Ki-moon and many other international leaders have condemned North Korea's launch of a long-range missile, even though the test was a failure.", "2012-04-13")]
    [InlineData("Defiant North Korea Carries Out 'Space Launch'", "2012-12-12")]
    public void A_launch_said_to_have_gone_ahead_occurred_failed_or_been_carried_out_is_the_one_the_article_reports(string sentence, string published)
    {
        var claim = Only(sentence, published);

        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }
}

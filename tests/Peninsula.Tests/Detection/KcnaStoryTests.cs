using Peninsula.Detection;
using Peninsula.Events;

namespace Peninsula.Tests.Detection;

/// <summary>
/// How detection reads KCNA's whole stories as an analyst reads a state-media story: the news is in
/// the headline and the lead, a launch told deeper with no time of its own is background, another
/// country's launch is not North Korea's, and a time said of a
/// statement or a visit does not date the launch the sentence names. Each sentence and headline is
/// KCNA's own, from the whole stories of kcna.co.jp of 2011-2012 (xmarquez/KCNA, which
/// bench/detect/fetch-stories.sh gets; only these short quotations are committed), and each made a
/// false proposal on the detect bench (bench/results/detect.md) before its rule.
/// </summary>
public sealed class KcnaStoryTests
{
    private static DetectionDocument Story(string headline, string published, params string[] paragraphs) =>
        new($"kcna-{headline.GetHashCode(StringComparison.Ordinal):x}", $"http://www.kcna.co.jp/item/{published}/{Math.Abs(headline.GetHashCode(StringComparison.Ordinal))}", headline, string.Join("\n\n", paragraphs), KoreanDate.Parse(published), null, "KCNA");

    private static IReadOnlyList<Proposal> Detect(params DetectionDocument[] documents) => new EventDetector([]).Detect(documents);

    [Fact]
    public void A_launch_told_in_the_lead_with_its_time_is_reported_on_its_day()
    {
        var story = Story(
            "DPRK's Satellite Fails to Enter Its Orbit",
            "2012-04-13",
            "The DPRK launched its first application satellite Kwangmyongsong-3 at the Sohae Satellite Launching Station in Cholsan County, North Phyongan Province at 07:38:55 a.m. on Friday.",
            "The earth observation satellite failed to enter its preset orbit.");

        var proposal = Assert.Single(Detect(story));

        Assert.Equal(new KoreanDate(2012, 4, 13), proposal.Date);
        Assert.Equal("slv", proposal.Class);
    }

    [Fact]
    public void Under_a_lead_that_reports_a_test_fire_a_later_paragraph_tells_more_of_it()
    {
        // KCNA, 2024-09-19 (bench/detect/archive/kcna-headlines_2024-11-11.json): the cruise missile of
        // the fourth paragraph is a real test the record lacks (bench/detect/record-gaps.csv).
        var story = Story(
            "DPRK Missile Administration and Academy of Defence Sciences Make Public Important Scientific Research Achievements",
            "2024-09-19",
            "The Missile Administration of the DPRK successfully conducted test-fires of the new-type tactical ballistic missile Hwasongpho-11-Da-4.5 and an improved strategic cruise missile on Wednesday.",
            "The new-type tactical ballistic missile was tipped with a 4.5 tonnage super-large conventional warhead according to design.",
            "The administration also conducted a test-fire of strategic cruise missile whose performance has been highly upgraded for its combat use.");

        var proposals = Detect(story);

        Assert.Contains(proposals, p => p.Class == "srbm" && p.Date == new KoreanDate(2024, 9, 18));
        Assert.Contains(proposals, p => p.Class == "cruise" && p.Date == new KoreanDate(2024, 9, 19));
    }

    [Theory]
    [InlineData("Birthday of DPRK Marked", "2011-08-27", "It was against this backdrop that the DPRK successfully launched satellite Kwangmyongsong-1 by its own efforts and technology, heralding the building of a great prosperous and powerful nation.")]
    [InlineData("FM Spokesman Slams US Undisguised Double Standards", "2012-04-23", "The U.S. malignantly slandered the DPRK's satellite launch for peaceful purposes which was conducted in a transparent manner from A to Z as \"a long-range missile launch\" and spearheaded a campaign for \"protesting\" against it for no reason.")]
    [InlineData("\"Kim Il Sung's Korea\", Special Write-ups to Centenary of His Birth (34)", "2012-04-20", "Thanks to his patriotic devotion and tireless efforts, the DPRK successfully launched its satellite Kwangmyongsong-2 and conducted another underground nuclear test, displaying its tremendous strength.")]
    [InlineData("DPRK Censures U.S. for Strong-arm Policy Based on Nukes", "2012-09-12", "The nuclear powers conducted many nuclear tests and built up their nuclear arsenal as much as they could and thus monopolized the nuclear weapons.")]
    public void A_launch_or_test_told_deeper_in_a_story_of_praise_or_polemic_with_no_time_of_its_own_is_background(string headline, string published, string sentence)
    {
        // The lead of each names no launch, as in the stories (these two are KCNA's of 2012-03-23 and 2012-03-21).
        var story = Story(headline, published, "A spokesman for the DPRK Foreign Ministry released the following statement Friday:", "Right to choice rests with all nations. Space development can never be put in hands of specified nations.", sentence);

        Assert.Empty(Detect(story));
    }

    [Fact]
    public void A_launch_told_in_the_lead_with_no_time_is_reported_on_the_day_of_the_story()
    {
        // KCNA, 2024-09-13 (bench/detect/archive/kcna-headlines_2024-11-11.json): the lead names no day.
        var story = Story(
            "Respected Comrade Kim Jong Un Oversees Test-fire for Verifying Performance of New-type 600mm Multiple Rocket Launcher",
            "2024-09-13",
            "Kim Jong Un, general secretary of the Workers' Party of Korea and president of the State Affairs of the Democratic People's Republic of Korea, oversaw the test-fire for verifying the performance of a new-type 600mm multiple rocket launcher.");

        var proposal = Assert.Single(Detect(story));

        Assert.Equal(new KoreanDate(2024, 9, 13), proposal.Date);
        Assert.Equal(EventKind.MissileLaunch, proposal.Kind);
    }

    [Fact]
    public void A_story_under_a_headline_of_another_countrys_launch_is_that_countrys()
    {
        var japan = Story(
            "Japan Launches Satellite for Intelligence Gathering",
            "2011-09-26",
            "Japan is making desperate efforts to intensify its intelligence gathering against the DPRK.",
            "It launched a new satellite for intelligence gathering at the Tanegashima Space Center in Kagoshima Prefecture on Sept. 23 for the purpose of monitoring the DPRK's military facilities.");

        Assert.Empty(Detect(japan));
    }

    [Fact]
    public void A_report_that_gives_a_test_the_same_place_in_its_series_eight_days_on_is_of_the_same_test()
    {
        // KCNA headlines (bench/detect/archive/kcna-headlines-1997-2014.json): the headline is the whole story.
        var report = new DetectionDocument("kcna-report", "http://www.kcna.co.jp/item/2013/report", "KCNA Report on Successful 3rd Underground Nuclear Test", "KCNA Report on Successful 3rd Underground Nuclear Test", new KoreanDate(2013, 2, 12), null, "KCNA");
        var commentary = new DetectionDocument("kcna-commentary", "http://www.kcna.co.jp/item/2013/commentary", "KCNA Commentary on S. Korean Regime's Jitters about DPRK's Third Underground Nuclear Test", "KCNA Commentary on S. Korean Regime's Jitters about DPRK's Third Underground Nuclear Test", new KoreanDate(2013, 2, 20), null, "KCNA");

        var proposal = Assert.Single(Detect(report, commentary));

        Assert.Equal(EventKind.NuclearTest, proposal.Kind);
        Assert.Equal(new KoreanDate(2013, 2, 12), proposal.Date);
        Assert.Equal(2, proposal.Documents.Count);
    }

    [Fact]
    public void A_launch_whose_agent_is_named_after_it_is_that_agents()
    {
        // The story's lead names the U.S. troops as they who fired; the headline names them after the firing.
        var story = Story(
            "Rodong Sinmun Blasts Test-fire of Long-range Rocket by US Troops",
            "2012-09-24",
            "Shortly ago, the U.S. troops in south Korea test-fired a long-range rocket in an area near the Military Demarcation Line (MDL).",
            "Rodong Sinmun Monday observes in a bylined commentary in this regard:",
            "This was a blatant challenge to the DPRK and a revelation of a criminal scenario to push the situation on the Korean Peninsula to an extreme phase.");

        Assert.Empty(Detect(story));
    }

    [Theory]
    [InlineData("On April 16 the UNSC issued a statement of its chairman \"condemning\" the DPRK's satellite launch for peaceful purposes.", "2012-04-17")]
    [InlineData("Foreign media persons and experts on space science and technology Sunday toured the Sohae Satellite Launching Station situated in Cholsan County of North Phyongan Province.", "2012-04-08")]
    [InlineData("An organization and an institution of Peru issued statements on May 8 in support of the answer given by a spokesman for the DPRK Foreign Ministry denouncing the \"joint statement\" of the permanent members of the UNSC pulling up the DPRK over its launch of satellite for peaceful purposes.", "2012-05-10")]
    public void A_time_said_of_a_statement_or_a_visit_does_not_date_the_launch_the_sentence_names_by_a_noun(string sentence, string published)
    {
        Assert.Empty(Detect(Story("Round-table Talks between KCST Officials and Foreign Space Experts and Reporters Held", published, sentence)));
    }
}

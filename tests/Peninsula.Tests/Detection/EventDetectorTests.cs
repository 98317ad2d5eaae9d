using Peninsula.Detection;
using Peninsula.Events;

namespace Peninsula.Tests.Detection;

/// <summary>
/// What <see cref="EventDetector"/> proposes from documents. The sentences are written in the
/// style of the wire services and KCNA as regression tests; the measurement on real archives is
/// the benchmark's (bench/results/detect.md).
/// </summary>
public sealed class EventDetectorTests
{
    private static readonly KoreanDate Day = new(2025, 7, 8);

    private static DetectionDocument Doc(string publisher, string title, string body, KoreanDate published, string? url = null) =>
        new($"{publisher}-{title.GetHashCode(StringComparison.Ordinal):x}", url ?? $"https://{publisher.ToLowerInvariant().Replace(' ', '-')}.example/{published}/{Math.Abs(title.GetHashCode(StringComparison.Ordinal))}", title, body, published, null, publisher);

    private static IReadOnlyList<Proposal> Detect(params DetectionDocument[] documents) => new EventDetector([]).Detect(documents);

    [Fact]
    public void Several_outlets_on_one_launch_and_a_follow_up_days_later_make_one_proposal_dated_as_the_reports_say()
    {
        var proposals = Detect(
            Doc("Yonhap", "N. Korea fires ballistic missile into East Sea", "North Korea fired a short-range ballistic missile into the East Sea on Tuesday, the Joint Chiefs of Staff said.", Day),
            Doc("Kyodo", "North Korea launches missile", "North Korea launched a ballistic missile on July 8, Japan's defense ministry said.", Day),
            Doc("NK News", "What Tuesday's launch tells us", "The short-range ballistic missile North Korea fired on Tuesday flew about 600 km.", Day.AddDays(3)));

        var proposal = Assert.Single(proposals);
        Assert.Equal(Day, proposal.Date);
        Assert.Equal(EventKind.MissileLaunch, proposal.Kind);
        Assert.Equal("srbm", proposal.Class);
        Assert.Equal(3, proposal.Documents.Count);
        Assert.Equal(3, proposal.Publishers);
        Assert.InRange(proposal.Confidence, 0.5, 1.0);
        Assert.All(proposal.Sentences, s => Assert.Contains(s.Document, proposal.Documents.Select(d => d.Url)));
    }

    [Fact]
    public void A_report_of_a_launch_years_before_the_document_makes_no_proposal()
    {
        Assert.Empty(Detect(Doc("Yonhap", "Looking back", "North Korea fired an intercontinental ballistic missile on November 29, 2017.", Day)));
    }

    [Fact]
    public void A_count_over_years_and_tests_said_to_be_recent_make_no_proposal_in_real_congressional_reports()
    {
        // Congressional Research Service, "U.S.-North Korea Relations" (IF10246), 2024-12-06, and
        // "North Korea's Nuclear Weapons and Missile Programs" (IF10472), 2021-12-13: public domain,
        // bench/claims-real/documents. Each made a launch proposal on its own date before.
        var since = Doc("CRS", "U.S.-North Korea Relations", "Since 2022, North Korea has test launched more than 80 ballistic missiles, including multiple tests of intercontinental ballistic missiles (ICBMs) capable of delivering nuclear warheads.", new KoreanDate(2024, 12, 6));
        var recent = Doc("CRS", "North Korea's Nuclear Weapons and Missile Programs", "Recent ballistic missile tests and military parades suggest that North Korea is continuing to build a nuclear warfighting capability designed to evade regional ballistic missile defenses.", new KoreanDate(2021, 12, 13));

        Assert.Empty(Detect(since));
        Assert.Empty(Detect(recent));
    }

    [Fact]
    public void A_launch_of_the_day_is_still_proposed_in_a_real_statement_that_names_this_year()
    {
        // Prime Minister's Office of Japan, Chief Cabinet Secretary, 2017-08-29 (Government of
        // Japan Standard Terms of Use), bench/claims-real/documents/jp-kantei-2017-08-29-ccs.txt;
        // the second sentence is written for this test: a count over the year beside the day's launch.
        var day = new KoreanDate(2017, 8, 29);
        var statement = Doc(
            "Prime Minister's Office of Japan",
            "Statement by the Chief Cabinet Secretary on North Korea's Missile Launch (August 29)",
            "At around 5:58 am today, North Korea launched a ballistic missile that flew over Cape Erimo (Erimo-misaki), Hokkaido in Japan. North Korea has launched more than 10 ballistic missiles this year.",
            day);

        var proposal = Assert.Single(Detect(statement));
        Assert.Equal(day, proposal.Date);
    }

    [Fact]
    public void The_most_recent_launch_in_a_real_statement_of_the_day_is_that_days_launch()
    {
        // US Department of Defense, statement by Secretary Mattis, 2017-04-15 (Washington; public
        // domain), bench/claims-real/documents/us-dod-2017-04-15.txt: the launch of 2017-04-16 in Korea.
        var statement = Doc(
            "US Department of Defense",
            "Statement by Secretary of Defense Jim Mattis on North Korea Missile Test",
            "The president and his military team are aware of North Korea's most recent unsuccessful missile launch. The president has no further comment.",
            new KoreanDate(2017, 4, 15));

        Assert.Equal(new KoreanDate(2017, 4, 15), Assert.Single(Detect(statement)).Date);
    }

    [Fact]
    public void Praise_of_a_test_weeks_later_in_real_kcna_headlines_makes_no_proposal_and_the_report_of_the_day_still_does()
    {
        // KCNA headlines of 2009 and 2013 (kcna.co.jp, in the xmarquez/KCNA collection that
        // bench/detect/fetch-headlines.sh gets); each praise made a nuclear-test proposal of its own day before.
        static DetectionDocument Headline(string title, KoreanDate day) => Doc("KCNA", title, title, day);
        var praise = new[]
        {
            Headline("DPRK's Nuclear Test Hailed as Just Measure for Self-Defence", new KoreanDate(2009, 6, 9)),
            Headline("DPRK's Third Underground Nuclear Test Supported by Nigerian Organization", new KoreanDate(2013, 3, 23)),
        };
        var report = Doc("KCNA", "KCNA Report on Successful 3rd Underground Nuclear Test", "The scientific field for national defence succeeded in the third underground nuclear test at the northern underground nuclear test site on February 12.", new KoreanDate(2013, 2, 12));

        Assert.Empty(Detect(praise));
        var proposal = Assert.Single(Detect(report));
        Assert.Equal(EventKind.NuclearTest, proposal.Kind);
        Assert.Equal(new KoreanDate(2013, 2, 12), proposal.Date);
    }

    [Fact]
    public void Another_countrys_test_a_prediction_and_a_denial_make_no_proposal()
    {
        Assert.Empty(Detect(
            Doc("KCNA", "Press statement", "Pyongyang, July 8 (KCNA) -- The U.S. test-fired a Minuteman-3 intercontinental ballistic missile on Tuesday, a spokesman for the DPRK Foreign Ministry said.", Day),
            Doc("Reuters", "Analysts expect a launch", "North Korea is expected to launch a reconnaissance satellite soon, analysts said.", Day),
            Doc("KCNA", "Denial", "The DPRK has not conducted a nuclear test this year.", Day)));
    }

    [Fact]
    public void A_kcna_report_dated_the_next_day_is_dated_by_the_day_it_names_and_reads_hwasongpho_as_hwasong()
    {
        var kcna = Doc(
            "KCNA",
            "Test-fire of DPRK's Latest ICBM Hwasongpho-19 Successfully Conducted",
            "Pyongyang, November 1 (KCNA) -- The Missile Administration of the DPRK conducted a test-fire of the new-type ICBM Hwasongpho-19 on October 31.",
            new KoreanDate(2024, 11, 1));

        var proposal = Assert.Single(Detect(kcna));
        Assert.Equal(new KoreanDate(2024, 10, 31), proposal.Date);
        Assert.Equal("icbm", proposal.Class);
        Assert.Equal("hwasong-19", proposal.System);
    }

    [Fact]
    public void A_proposal_names_the_records_launch_it_matches_within_a_day_and_null_when_there_is_none()
    {
        var launch = new Event
        {
            Id = "2024-10-31-icbm-hwasong-19",
            Kind = EventKind.MissileLaunch,
            Class = "icbm",
            Date = new KoreanDate(2024, 10, 31),
            Title = "ICBM launch",
        };
        var detector = new EventDetector([launch]);
        var reported = Doc("Yonhap", "N. Korea fires ICBM", "North Korea fired an intercontinental ballistic missile on Thursday.", new KoreanDate(2024, 10, 31));
        var other = Doc("Yonhap", "N. Korea fires cruise missiles", "North Korea fired several cruise missiles on Tuesday.", new KoreanDate(2024, 10, 29));

        var proposals = detector.Detect([reported, other]);

        Assert.Equal("2024-10-31-icbm-hwasong-19", proposals.Single(p => p.Class == "icbm").Matches);
        Assert.Null(proposals.Single(p => p.Class == "cruise").Matches);
    }

    [Fact]
    public void Rodong_sinmun_is_a_newspaper_and_a_test_of_multiple_rocket_launchers_is_a_close_range_launch_or_the_kn_25()
    {
        Assert.Empty(Detect(Doc("KCNA", "Rodong Sinmun", "Pyongyang, July 8 (KCNA) -- Rodong Sinmun on Tuesday carried an article calling for increased production.", Day)));

        var guided = Assert.Single(Detect(Doc("KCNA", "Test-fire of 240 mm MRLS", "Kim Jong Un oversaw on August 27 a test-fire of the 240mm-calibre MRLS under production.", new KoreanDate(2024, 8, 28))));
        var large = Assert.Single(Detect(Doc("KCNA", "Test-fire of new-type 600mm MRL", "Kim Jong Un oversaw the test-fire of a new-type 600mm multiple rocket launcher on September 12.", new KoreanDate(2024, 9, 13))));

        Assert.Equal(("crbm", new KoreanDate(2024, 8, 27)), (guided.Class, guided.Date));
        Assert.Equal(("srbm", "kn-25"), (large.Class, large.System));
    }
}

using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Reading;
using Peninsula.Record;

namespace Peninsula.Tests.Reading;

/// <summary>
/// How dates are read in the writer's clock, and when a date is certain enough to refute on: each
/// rule on the real development sentence it is for (bench/claims-real, public-domain US texts),
/// checked with the publication date and the clock its header gives. bench/claims-real/dates.md
/// lists every development sentence in which a date is involved in a verdict.
/// </summary>
public sealed class DateReadingTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static ArticleCheck Check(string text, string published, WriterClock clock) =>
        Bundled.Value.Check(text, KoreanDate.Parse(published), clock);

    private static CheckedClaim Only(string text, string published, WriterClock clock) => Assert.Single(Check(text, published, clock).Claims);

    [Theory]
    // us-voa-2017-02-11-first-under-trump: dated Saturday in Washington; the Pukguksong-2 flew at 07:55 KST on Sunday 2017-02-12.
    [InlineData("North Korea launched a ballistic missile early Sunday over the Sea of Japan.", "2017-02-11", "2017-02-12")]
    // us-voa-2017-05-28-second-in-a-week: dated Sunday in Washington; the Scud-ER of Monday 2017-05-29, 05:40 KST.
    [InlineData("North Korea test-fired another short-range ballistic missile early Monday, just days after the G-7 demanded that Pyongyang give up its nuclear ambitions.", "2017-05-28", "2017-05-29")]
    public void A_weekday_the_day_after_a_date_in_a_clock_behind_Koreas_is_Koreas_next_day(string sentence, string published, string korean)
    {
        // A class: a Washington, New York or Hawaii writer dates the story the evening before a
        // Korean-morning launch and names Korea's weekday, the day after the story's date. Read as
        // the weekday six days before, both found no launch (before the round of dates).
        var claim = Check(sentence, published, WriterClock.Behind).Claims[0];

        Assert.Equal(korean, claim.Period);
        Assert.NotNull(claim.Time?.Doubt);
    }

    [Fact]
    public void The_same_weekday_in_Koreas_clock_is_the_one_on_or_before_the_date()
    {
        // Japan's and Korea's texts are dated in Korea's clock: their "Sunday" is never the day after.
        var claim = Check("North Korea launched a ballistic missile early Sunday over the Sea of Japan.", "2017-02-11", WriterClock.Korea).Claims[0];

        Assert.Equal("2017-02-05", claim.Period);
    }

    [Fact]
    public void A_day_in_a_clock_behind_Koreas_is_read_but_never_refutes()
    {
        // us-voa-2009-05-26-missiles (line 692), its date moved a week on so that its Monday has no
        // test: the nuclear test was on 2009-05-25. A class: in Korea's clock the record's silence
        // about that Monday refutes (it holds every nuclear test); in a clock behind Korea's the same
        // words may mean Korea's next day, and the sentence is left open, saying why.
        const string sentence = "Monday's nuclear test and missile launch has triggered condemnation across the globe.";
        var korea = Only(sentence, "2009-06-02", WriterClock.Korea);
        var behind = Only(sentence, "2009-06-02", WriterClock.Behind);

        Assert.Equal("2009-06-01", korea.Period);
        Assert.Equal(ClaimVerdict.Refuted, korea.Verdict);
        Assert.Equal("2009-06-01", behind.Period);
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, behind.Verdict);
        Assert.Contains("writer's clock", behind.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_sentence_on_its_own_date_is_supported_in_either_clock()
    {
        const string sentence = "Monday's nuclear test and missile launch has triggered condemnation across the globe.";

        Assert.Equal(ClaimVerdict.Supported, Only(sentence, "2009-05-26", WriterClock.Korea).Verdict);
        Assert.Equal(ClaimVerdict.Supported, Only(sentence, "2009-05-26", WriterClock.Behind).Verdict);
    }

    [Fact]
    public void A_day_and_month_the_day_after_a_Hawaii_date_is_Koreas_date_with_certainty()
    {
        // us-usfk-2017-04-04 (line 509): U.S. Pacific Command, dated 2017-04-04 in Hawaii, gives Korea's date.
        var claim = Check("U.S. Pacific Command detected and tracked what we assess was a North Korean missile launch at 6:42 a.m. (Korea Standard Time) time April 5.", "2017-04-04", WriterClock.Behind).Claims[0];

        Assert.Equal("2017-04-05", claim.Period);
        Assert.Null(claim.Time?.Doubt);
    }

    [Fact]
    public void A_day_and_month_after_a_date_in_Koreas_clock_is_not_certain()
    {
        // The same words dated in Korea's clock: a day after the article's date is a plan or another
        // year's, and does not refute.
        var claim = Check("U.S. Pacific Command detected and tracked what we assess was a North Korean missile launch at 6:42 a.m. (Korea Standard Time) time April 5.", "2017-04-04", WriterClock.Korea).Claims[0];

        Assert.NotNull(claim.Time?.Doubt);
    }

    [Fact]
    public void A_day_and_month_before_the_date_takes_the_dates_year_with_certainty()
    {
        // us-voa-2013-01-24-test-threat (line 566), read as the record's 2012-12-12 Unha-3: "December
        // 12" is the latest such day on or before 2013-01-24.
        var claims = Check("It sharply rejected Tuesday's unanimous censure by the United Nations Security Council of North Korea's December 12 rocket launch as a violation of existing U.N. sanctions.", "2013-01-24", WriterClock.Behind).Claims;

        var claim = Assert.Single(claims);
        Assert.Equal("2012-12-12", claim.Period);
    }

    [Fact]
    public void Of_two_times_in_a_clause_the_one_read_may_be_another_events_and_is_not_certain()
    {
        // The same sentence: "Tuesday's" is the date of the censure, "December 12" the launch's. The
        // more specific time is taken, but a clause with two times that do not overlap may have
        // given the event the other's, so the claim cannot be refuted on it.
        var claim = Check("It sharply rejected Tuesday's unanimous censure by the United Nations Security Council of North Korea's December 12 rocket launch as a violation of existing U.N. sanctions.", "2013-01-24", WriterClock.Korea).Claims[0];

        Assert.Contains("two times", claim.Time?.Doubt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_of_the_month_written_as_an_ordinal_is_a_date_not_an_order()
    {
        // us-state-2023-03-20-usun-icbm-srbm (line 886): "March 15th ICBM" named the fifteenth ICBM
        // launch before the rule; "December 12th ballistic missile launch" is the same class.
        var claims = Check("The United States condemns in the strongest possible terms the DPRK’s March 15th ICBM and March 18th SRBM launches.", "2023-03-20", WriterClock.Behind).Claims;

        Assert.DoesNotContain(claims, c => c.Type is ClaimType.Ordinal or ClaimType.First);
    }

    [Fact]
    public void A_vague_part_of_a_month_is_the_month_never_a_day()
    {
        // us-voa-2017-12-05-hun-sen (line 629): "In late November" is read as November of the year the
        // article's date gives, a span, and the Hwasong-15 of 2017-11-29 lies in it.
        var claim = Check("In late November, North Korea announced it had successfully tested a Hwsong-15 intercontinental ballistic missile, which it claimed could carry a “super-large heavy warhead” capable of striking the entire mainland United States.", "2017-12-05", WriterClock.Behind).Claims[0];

        Assert.Equal("2017-11-01..2017-11-30", claim.Period);
    }

    [Fact]
    public void A_real_documents_header_gives_its_clock()
    {
        Assert.Equal(WriterClock.Korea, RealClaimSet.ClockOf("2017-03-06 (JST, UTC+9; morning)"));
        Assert.Equal(WriterClock.Behind, RealClaimSet.ClockOf("2017-02-11 (Washington, EST, UTC-5; inferred: the stored copy shows no date)"));
        Assert.Equal(WriterClock.Behind, RealClaimSet.ClockOf("2017-05-21 (as dated by the page; time zone not given)"));
        // us-voa-2014-03-03-scud-c: the header names the launch's Korean time, not the date's clock.
        Assert.Equal(WriterClock.Behind, RealClaimSet.ClockOf("2014-03-03 (inferred: the stored copy shows no date; it reports missiles \"fired Monday\", March 3, 2014, in Korea, about 06:20 KST, which was Sunday evening, March 2, in Washington, EST, UTC-5, so VOA may have dated it 2014-03-02)"));
    }
}

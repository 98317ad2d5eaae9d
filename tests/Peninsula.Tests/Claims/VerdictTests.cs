using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Claims;

/// <summary>What each verdict means: refute only where the record is complete and covers the time.</summary>
public sealed class VerdictTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static CheckedClaim Only(ArticleChecker checker, string text, string? published = null) =>
        Assert.Single(checker.Check(text, published is null ? null : KoreanDate.Parse(published)).Claims);

    [Theory]
    [InlineData("North Korea last launched an ICBM in 2022.", "2023-06-01", ClaimVerdict.Refuted)]
    [InlineData("North Korea last launched an ICBM in 2022.", "2023-01-10", ClaimVerdict.Supported)]
    [InlineData("North Korea last launched an ICBM in 2022.", null, ClaimVerdict.NotEnoughEvidence)]
    [InlineData("Its most recent nuclear test was in September 2017.", "2024-01-01", ClaimVerdict.Supported)]
    [InlineData("North Korea launched an ICBM last year.", "2023-06-01", ClaimVerdict.Supported)]
    public void A_claim_to_be_the_latest_is_refuted_by_a_later_one_before_the_article(string text, string? published, ClaimVerdict verdict)
    {
        var claim = Only(Bundled.Value, text, published);

        Assert.Equal(verdict, claim.Verdict);
        if (verdict == ClaimVerdict.Refuted)
        {
            Assert.Contains("the record's latest ICBM launch up to 2023-06-01 is on 2023-04-13", claim.Reason);
        }
    }

    [Theory]
    [InlineData("North Korea launched an ICBM in November 2017.", "an ICBM launch")]
    [InlineData("North Korea launched an IRBM in January 2024.", "an intermediate-range ballistic missile launch")]
    [InlineData("North Korea launched a Hwasong-15 in November 2017.", "a Hwasong-15 launch")]
    public void Reasons_read_as_english_with_an_before_a_vowel_sound(string text, string phrase) =>
        Assert.Contains(phrase, Only(Bundled.Value, text).Reason);

    [Theory]
    [InlineData("North Korea put a satellite into orbit on May 31, 2023.", ClaimVerdict.Refuted)]
    [InlineData("North Korea attempted to put a satellite into orbit on May 31, 2023.", ClaimVerdict.Supported)]
    [InlineData("North Korea's satellite launch failed on May 31, 2023.", ClaimVerdict.Supported)]
    [InlineData("North Korea put a satellite into orbit on November 21, 2023.", ClaimVerdict.Supported)]
    [InlineData("North Korea's satellite launch on November 21, 2023 failed.", ClaimVerdict.Refuted)]
    public void A_claimed_outcome_is_checked_against_the_reported_outcome(string text, ClaimVerdict verdict) =>
        Assert.Equal(verdict, Only(Bundled.Value, text).Verdict);

    [Theory]
    [InlineData("North Korea test-fired a Hwasong-18 from a submarine in 2023.", ClaimVerdict.Refuted)]
    [InlineData("North Korea fired a ballistic missile from a submarine in October 2021.", ClaimVerdict.Supported)]
    public void A_launch_from_a_submarine_needs_a_submarine_launch(string text, ClaimVerdict verdict) =>
        Assert.Equal(verdict, Only(Bundled.Value, text).Verdict);

    [Theory]
    [InlineData("North Korea's nuclear test in January 2016 was its fifth.", ClaimVerdict.Refuted)]
    [InlineData("North Korea's nuclear test in January 2016 was its fourth.", ClaimVerdict.Supported)]
    public void An_ordinal_after_the_event_is_checked(string text, ClaimVerdict verdict)
    {
        var claim = Only(Bundled.Value, text);
        Assert.Equal(ClaimType.Ordinal, claim.Type);
        Assert.Equal(verdict, claim.Verdict);
    }

    [Fact]
    public void An_absence_after_the_end_of_the_record_refutes_nothing()
    {
        var claim = Only(Bundled.Value, "North Korea fired an ICBM in September 2025.", "2025-10-01");

        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains("the record ends on 2025-06-30", claim.Reason);
    }

    [Fact]
    public void An_imported_event_after_the_bundled_record_supports_a_claim_and_moves_the_record_end()
    {
        var imported = Sample.Launch("2025-09-20-icbm-hwasong-20", "2025-09-20") with { UtcInstant = null };
        var checker = new ArticleChecker(BundledRecord.Events.Append(imported));

        Assert.Equal(new KoreanDate(2025, 9, 20), checker.RecordEnd);
        var claim = Only(checker, "North Korea fired an ICBM in September 2025.", "2025-10-01");
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.Equal(["2025-09-20-icbm-hwasong-20"], claim.Evidence);
    }

    [Fact]
    public void A_utc_date_one_day_before_the_korean_date_still_supports_the_claim()
    {
        // The Hwasong-19 flew at 22:11 UTC on 2024-10-30, 2024-10-31 in Korea; a report using the UTC date is right.
        var claim = Only(Bundled.Value, "North Korea launched a Hwasong-19 on October 30, 2024.");

        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.Equal(["2024-10-31-icbm-hwasong-19"], claim.Evidence);
    }

    [Fact]
    public void A_kind_the_record_is_not_complete_for_is_never_refuted()
    {
        var claim = Only(Bundled.Value, "North Korea fired cruise missiles in June 2020.");

        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains("not complete for cruise missile launches", claim.Reason);
    }

    [Fact]
    public void A_month_without_a_year_and_no_date_to_place_it_is_not_enough_evidence()
    {
        var claim = Only(Bundled.Value, "In March, North Korea fired a ballistic missile.");

        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains("does not say which year 'March' is", claim.Reason);
    }

    [Fact]
    public void A_publication_date_places_a_month_without_a_year_in_the_latest_such_month()
    {
        var claim = Only(Bundled.Value, "In November, North Korea fired an ICBM.", "2023-03-01");

        Assert.Equal("2022-11-01..2022-11-30", claim.Period);
        // Both ICBM launches of November 2022: the failed one of 2022-11-03, which the record types as
        // an ICBM from the provocation table's label, and the Hwasong-17 of 2022-11-18.
        Assert.Equal(["2022-11-03-icbm", "2022-11-18-icbm-hwasong-17"], claim.Evidence);
    }

    [Fact]
    public void A_seventh_nuclear_test_is_refuted_while_the_record_covers_the_time_and_undecided_after()
    {
        Assert.Equal(ClaimVerdict.Refuted, Only(Bundled.Value, "North Korea conducted its seventh nuclear test in 2022.").Verdict);
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, Only(Bundled.Value, "North Korea conducted its seventh nuclear test in 2026.", "2026-03-01").Verdict);
    }

    [Fact]
    public void Nuclear_tests_are_counted_one_per_day()
    {
        Assert.Equal(ClaimVerdict.Supported, Only(Bundled.Value, "North Korea conducted two nuclear tests in 2016.").Verdict);
        var three = Only(Bundled.Value, "North Korea conducted three nuclear tests in 2016.");
        Assert.Equal(ClaimVerdict.Refuted, three.Verdict);
        Assert.Equal(["2016-01-06-nuclear-test", "2016-09-09-nuclear-test"], three.Evidence);
    }

    [Fact]
    public void More_than_a_number_is_a_lower_bound()
    {
        Assert.Equal(ClaimVerdict.Supported, Only(Bundled.Value, "North Korea launched more than 30 ballistic missiles in 2022.").Verdict);
        // The record has none in 2018, but its silence about short-range launches refutes nothing; ICBMs it holds in full.
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, Only(Bundled.Value, "North Korea launched more than 10 ballistic missiles in 2018.").Verdict);
        Assert.Equal(ClaimVerdict.Refuted, Only(Bundled.Value, "North Korea launched more than 10 ICBMs in 2018.").Verdict);
    }

    [Fact]
    public void A_claim_tied_to_a_context_the_record_cannot_place_is_not_decided_by_recency()
    {
        var claim = Only(Bundled.Value, "Just hours after Trump's election victory, North Korea fired short-range missiles.", "2024-11-07");

        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains("tied to 'hours after Trump's election'", claim.Reason);
    }

    [Fact]
    public void A_named_launch_site_must_match_the_record_and_another_site_leaves_the_claim_open()
    {
        Assert.Equal(ClaimVerdict.Supported, Only(Bundled.Value, "North Korea fired an ICBM from Sunan on March 16, 2023.").Verdict);

        // Sources name sites by different towns and bases ("near Kusong" is Panghyon airbase): a site never refutes.
        var elsewhere = Only(Bundled.Value, "North Korea launched an ICBM from Sohae on November 29, 2017.");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, elsewhere.Verdict);
        Assert.Contains("at Pyongsong Field, not recorded at Sohae Satellite Launching Station", elsewhere.Reason);

        // The SRBM of 2017-05-27 has no site in the record.
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, Only(Bundled.Value, "North Korea fired a short-range ballistic missile from Wonsan on May 27, 2017.").Verdict);
    }

    [Fact]
    public void An_undated_claim_in_a_dated_article_means_the_event_it_reports_and_in_an_undated_one_ever()
    {
        var reported = Only(Bundled.Value, "North Korea launched an ICBM.", "2024-11-01");
        Assert.Equal(ClaimVerdict.Supported, reported.Verdict);
        Assert.Equal(["2024-10-31-icbm-hwasong-19"], reported.Evidence);

        // Two weeks later the article reports another event: the record cannot tell which launch it means.
        var later = Only(Bundled.Value, "North Korea launched an ICBM.", "2024-11-15");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, later.Verdict);
        Assert.Contains("the one before is on 2024-10-31", later.Reason);

        var quiet = Only(Bundled.Value, "North Korea launched an ICBM.", "2021-06-01");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, quiet.Verdict);
        Assert.Contains("the one before is on 2017-11-29", quiet.Reason);

        Assert.Equal(ClaimVerdict.Supported, Only(Bundled.Value, "North Korea launched an ICBM.").Verdict);
    }
}

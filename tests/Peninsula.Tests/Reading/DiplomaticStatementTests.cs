using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Reading;

/// <summary>
/// How statements of governments and editorials speak of the launches they react to, read from the
/// former held-out set D, now in the development set (bench/claims-real/documents: US Department of
/// State and US Mission to the UN statements and a VOA editorial, public domain), with the dates their
/// headers give: a demonstrative subject that points at the launches just reported, missiles named as
/// goods handed to another state, and a first counted within the year that follows its noun.
/// </summary>
public sealed class DiplomaticStatementTests
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

    // us-state-2016-09-05-three-missiles: the three ER Scuds of 2016-09-05 (CNS).
    private const string ThreeMissiles = "Washington, DC - The United States strongly condemns North Korea’s launch of three ballistic missiles into the Sea of Japan. These launches, which have become far too common in the past several months, violate multiple UN Security Council Resolutions explicitly prohibiting North Korea's launches using ballistic missile technology.\n\nNorth Korea’s development of its UN-proscribed nuclear and ballistic missile programs threatens the United States; our allies, Japan and the Republic of Korea; and our partners in the region. Today’s reckless launches by North Korea threaten civil aviation and maritime commerce in the region.";

    // us-state-2023-07-13-usun-icbm: the Hwasong-18 ICBM of 2023-07-12 (CNS).
    private const string JulyIcbm = "It is alarming – albeit hardly surprising – that we find ourselves back in the Council responding to yet another unlawful DPRK intercontinental ballistic missile launch. Alarming, because the DPRK has now launched 20 ballistic missiles in 2023, including four ICBMs.\nThese launches are violations of multiple Security Council resolutions; they have raised tensions in Northeast Asia and beyond; and they are intended to refine and further develop the DPRK’s unlawful WMD and ballistic missile programs.\nAnd let’s us be clear about what this is: 20 tests of nuclear weapons delivery systems.\nThis launch follows a series of threatening statements from the DPRK, including the most recent ones from Pyongyang against U.S. aircraft operating in international airspace.";

    [Theory]
    [InlineData("These launches are violations")]
    [InlineData("This launch follows a series")]
    public void A_demonstrative_subject_with_something_said_of_it_asserts_the_launch_the_statement_reacts_to(string opening)
    {
        // The grammar: "this" or "these" and an event noun at the head of a clause whose verb judges or
        // relates it ("are violations of", "follows") points at the launch reported just before; the
        // record has the ICBM of 2023-07-12, the day before the remarks. A bare pronoun ("These are
        // unacceptable attempts ...") names no event and a bare "the launch ... violates" is not asserted.
        var check = Check(JulyIcbm, "2023-07-13");

        var claims = In(check, JulyIcbm, opening);

        Assert.True(claims.Count > 0 && claims.All(c => c.Verdict == ClaimVerdict.Supported), Why(check.Claims));
    }

    [Theory]
    [InlineData("These launches, which have become")]
    [InlineData("Today’s reckless launches by North Korea")]
    public void These_launches_and_todays_launches_after_a_reported_launch_are_that_launch_and_are_never_refuted(string opening)
    {
        var check = Check(ThreeMissiles, "2016-09-05");

        var claims = In(check, ThreeMissiles, opening);

        Assert.NotEmpty(claims);
        Assert.True(claims.All(c => c.Verdict != ClaimVerdict.Refuted), Why(check.Claims));
    }

    [Fact]
    public void Todays_launches_by_North_Korea_as_the_subject_of_a_judgement_are_the_launches_of_the_statements_day()
    {
        // Labelled supported: the record has the three ER Scuds on 2016-09-05, the statement's date.
        var check = Check(ThreeMissiles, "2016-09-05");

        var claims = In(check, ThreeMissiles, "Today’s reckless launches by North Korea");

        Assert.True(claims.Count > 0 && claims.All(c => c.Verdict == ClaimVerdict.Supported), Why(check.Claims));
    }

    [Theory]
    // us-state-2024-11-04-usun-icbm and us-state-2025-01-08-usun-irbm (US Mission to the UN).
    [InlineData("In March, Russia handed Kim Jong Un the gift of terminating the 1718 Committee Panel of Experts as the DPRK supplies ballistic missiles and other weapons to Russia for its brutal war against Ukraine.", "2024-11-04")]
    [InlineData("Colleagues, since December 2023, the DPRK has transferred over 20,000 shipping containers of munitions to date, containing at least six million heavy artillery rounds and well over 100 ballistic missiles to Russia for use against Ukraine.", "2025-01-08")]
    public void Missiles_supplied_or_transferred_to_another_state_are_goods_and_no_launch_or_firing_is_claimed(string sentence, string published)
    {
        // The grammar: a verb of handing goods over (supply, transfer, ship, sell, export, deliver)
        // before the event noun, and "to" and the recipient after it. The second sentence was called
        // supported as six artillery incidents; the first was left open as a launch in March 2024.
        var check = Check(sentence, published);

        Assert.True(check.Claims.Count == 0, Why(check.Claims));
    }

    [Fact]
    public void A_launch_named_only_as_what_a_response_is_for_with_a_count_but_no_time_and_no_tie_to_North_Korea_is_any_such_launch()
    {
        // us-state-2023-03-20-usun-icbm-srbm, labelled none: it was called supported as "1 fired" on the
        // record's one-ICBM days. The grammar is the rule for events named as what others react to
        // ("condemns", "in response to"); the count no longer keeps it asserted when nothing ties the
        // launch to North Korea or to a time. "condemns North Korea's launch of two missiles" still is.
        var check = Check("A Council resolution is the appropriate reciprocal response for the launch of just one ICBM.", "2023-03-20");

        Assert.True(check.Claims.Count == 0, Why(check.Claims));
    }

    [Fact]
    public void A_first_named_by_a_noun_with_in_and_a_year_after_it_is_the_first_of_that_year_not_the_first_ever()
    {
        // us-voa-2017-02-14-editorial: the Pukguksong-2 of 2017-02-12 was the first ballistic missile of
        // 2017; it was refuted as "the record's first ballistic missile launch is on 1984-04-09". The
        // count of 2016 that follows it ("24 ... launches last year") is not read, so the sentence stays open.
        const string article = "In defiance of multiple UN Security Council resolutions, North Korea recently launched a ballistic missile into the sea off its east coast. This was North Korea’s first ballistic missile test in 2017, following an unprecedented 24 ballistic missile launches last year.";
        var check = Check(article, "2017-02-14");

        var claim = Assert.Single(In(check, article, "This was North Korea’s first"));

        Assert.True(claim.Verdict != ClaimVerdict.Refuted, Why(check.Claims));
        Assert.Contains(claim.Facets, f => f is { Facet: "first", Result: FacetResult.Matches });
    }

    [Fact]
    public void A_year_after_a_verb_of_doing_dates_the_act_and_the_ordinal_still_counts_over_all_time()
    {
        // The same words after "conducted" (the authored regression set): the seventh nuclear test ever,
        // which the record does not have; counted within 2022 it would be refuted for another reason.
        var check = Check("North Korea conducted its seventh nuclear test in 2022.", "2023-01-15");

        var claim = Assert.Single(check.Claims);

        Assert.Equal(ClaimVerdict.Refuted, claim.Verdict);
        Assert.DoesNotContain("within 2022", claim.Reason, StringComparison.Ordinal);
    }
}

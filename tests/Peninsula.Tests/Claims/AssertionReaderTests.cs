using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Reading;
using Peninsula.Record;

namespace Peninsula.Tests.Claims;

/// <summary>How claims are found in text and which type each gets; the rules are in data/claims/.</summary>
public sealed class AssertionReaderTests
{
    private static readonly Lazy<ArticleChecker> Checker = new(() => new ArticleChecker(BundledRecord.Events));

    private static ArticleCheck Check(string text, string? published = null) =>
        Checker.Value.Check(text, published is null ? null : KoreanDate.Parse(published));

    [Theory]
    [InlineData("North Korea conducted its sixth nuclear test on September 3, 2017.", ClaimType.Ordinal)]
    [InlineData("North Korea launched two short-range ballistic missiles in March 2020.", ClaimType.Count)]
    [InlineData("North Korea test-fired a Hwasong-19 on October 31, 2024.", ClaimType.System)]
    [InlineData("North Korea fired a KN-23 in May 2019.", ClaimType.System)]
    [InlineData("North Korea fired a missile during Blinken's visit to South Korea.", ClaimType.Coincidence)]
    [InlineData("North Korea fired an ICBM ahead of the US election in 2024.", ClaimType.Coincidence)]
    [InlineData("North Korea recently tested an ICBM.", ClaimType.Recency)]
    [InlineData("North Korea fired its first ICBM of 2023 in February.", ClaimType.First)]
    [InlineData("North Korea tested its largest ICBM in March 2023.", ClaimType.Superlative)]
    [InlineData("North Korea has not conducted a nuclear test since 2017.", ClaimType.Absence)]
    [InlineData("In April 2020 North Korea conducted a nuclear test.", ClaimType.Event)]
    public void Each_claim_type_is_recognised(string sentence, ClaimType type) =>
        Assert.Equal(type, Assert.Single(Check(sentence).Claims).Type);

    [Fact]
    public void Two_clauses_joined_by_and_are_two_claims_each_with_its_own_span()
    {
        const string text = "In January, North Korea conducted a missile test and in April, the country conducted its sixth nuclear test, raising concerns.";
        var claims = Check(text, "2020-12-31").Claims;

        Assert.Equal(["In January, North Korea conducted a missile test", "in April, the country conducted its sixth nuclear test"], claims.Select(c => c.Text));
    }

    [Fact]
    public void A_second_verb_after_and_starts_a_second_claim_that_keeps_the_sentence_time()
    {
        var claims = Check("In 2017 North Korea tested three ICBMs and conducted its sixth nuclear test.").Claims;

        Assert.Equal([ClaimType.Count, ClaimType.Ordinal], claims.Select(c => c.Type));
        Assert.All(claims, c => Assert.Equal(ClaimVerdict.Supported, c.Verdict));
        Assert.Equal("conducted its sixth nuclear test", claims[1].Text);
        Assert.Equal("2017-01-01..2017-12-31", claims[1].Period);
    }

    [Theory]
    [InlineData("North Korea will likely conduct a seventh nuclear test.", StatementType.Intention)]
    [InlineData("Experts believe Pyongyang may launch more ICBMs.", StatementType.Opinion)]
    [InlineData("North Korea often uses missile tests as a way to gain leverage.", StatementType.Generalisation)]
    public void Intentions_opinions_and_generalisations_are_listed_and_not_checked(string sentence, StatementType type)
    {
        var check = Check(sentence);

        Assert.Empty(check.Claims);
        Assert.Equal(type, Assert.Single(check.Statements).Type);
    }

    [Fact]
    public void A_launch_by_another_country_is_not_a_claim_about_north_korea()
    {
        Assert.Empty(Check("South Korea launched its first military spy satellite in December 2023.").Claims);
        Assert.Single(Check("South Korea's military said North Korea fired a ballistic missile on October 31, 2024.").Claims);
    }

    [Fact]
    public void A_month_called_may_is_a_time_not_a_possibility()
    {
        var claim = Assert.Single(Check("In May, the North sent trash balloons across the border.", "2024-06-15").Claims);
        Assert.Equal("2024-05-01..2024-05-31", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }

    [Fact]
    public void An_attribution_to_state_media_is_kept()
    {
        var claim = Assert.Single(Check("KCNA said the country successfully launched a reconnaissance satellite in November 2023.").Claims);
        Assert.Equal("Korean Central News Agency", claim.AttributedTo);
    }

    [Fact]
    public void Abbreviations_do_not_end_a_sentence()
    {
        var claims = Check("The U.S. military said North Korea fired an ICBM on Nov. 18, 2022. It flew for an hour.").Claims;

        // One claim per sentence: the launch, then what "it" did, a flight time the record does not hold.
        Assert.Equal(2, claims.Count);
        Assert.Equal(ClaimVerdict.Supported, claims[0].Verdict);
        Assert.True(claims[1].Start > "The U.S. military said North Korea fired an ICBM on Nov. 18, 2022.".Length);
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claims[1].Verdict);
    }
}

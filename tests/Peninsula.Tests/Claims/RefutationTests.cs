using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Claims;

/// <summary>
/// A refutation needs a positive contradiction: the record holds the event the sentence means and
/// disagrees with it on a facet, or the event is of a class the record holds in full (nuclear tests,
/// ICBMs, space launches) and it has none in the window.
/// </summary>
public sealed class RefutationTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static CheckedClaim Only(string text, string? published = null) =>
        Assert.Single(Bundled.Value.Check(text, published is null ? null : KoreanDate.Parse(published)).Claims);

    [Fact]
    public void A_count_the_record_disagrees_with_on_a_launch_it_holds_is_refuted()
    {
        // jp-kantei-2016-08-03-ccs, labelled false: CNS has two Rodongs that morning.
        var claim = Only("It appears that North Korea launched one ballistic missile in an east-northeasterly direction from its western shore in the vicinity of Unryul at around 7:53 a.m. this morning.", "2016-08-03");

        Assert.Equal(ClaimVerdict.Refuted, claim.Verdict);
        Assert.Contains(claim.Facets, f => f is { Facet: "count", Result: FacetResult.Contradicted });
    }

    [Theory]
    [InlineData("North Korea fired a ballistic missile on Christmas Day 2022.")]
    [InlineData("North Korea launched a short-range ballistic missile toward the Yellow Sea in April 2025.")]
    [InlineData("North Korea tested an SLBM in March 2023.")]
    public void The_records_silence_about_a_launch_of_a_class_it_does_not_hold_in_full_is_not_enough_evidence(string sentence)
    {
        var claim = Only(sentence);

        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains("holds in full only nuclear tests, ICBMs and space launches", claim.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("North Korea launched an ICBM in June 2020.")]
    [InlineData("North Korea conducted a nuclear test in April 2020.")]
    public void The_records_silence_about_a_class_it_holds_in_full_refutes(string sentence)
    {
        Assert.Equal(ClaimVerdict.Refuted, Only(sentence).Verdict);
    }

    [Fact]
    public void The_No_of_a_missile_named_No_Dong_is_the_missiles_name_not_a_denial()
    {
        // The State Department's statement of 2014-03-26 (found on held-out set D, since folded into the
        // development set: it was refuted as "no ... missiles on March 26" although the message named the launch).
        var claim = Only("North Korea launched two No Dong medium-range ballistic missiles on March 26.", "2014-03-26");

        Assert.NotEqual(ClaimVerdict.Refuted, claim.Verdict);
        Assert.DoesNotContain(claim.Facets, f => f.Facet == "absence");
        Assert.Contains(claim.Facets, f => f is { Facet: "system", Result: FacetResult.Matches });
    }
}

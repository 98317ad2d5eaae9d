using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Reading;
using Peninsula.Record;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Claims;

/// <summary>The two example articles of the issue come out as it describes.</summary>
public sealed class ExampleArticleTests
{
    private static readonly Lazy<ArticleChecker> Checker = new(() => new ArticleChecker(BundledRecord.Events));

    internal static string Example(string name) => File.ReadAllText(Path.Combine(BundledRecordTests.RepositoryRoot(), "docs", "examples", name));

    [Fact]
    public void The_2020_nuclear_test_of_the_what_is_north_korea_going_to_do_article_is_refuted_and_its_short_range_launches_are_left_open()
    {
        var check = Checker.Value.Check(Example("what-is-north-korea-going-to-do.txt"));

        Assert.Equal(2020, check.Anchor.Year);
        Assert.Contains("2020", check.Anchor.Description);
        Assert.Collection(
            check.Claims,
            missile =>
            {
                // The record has no launch in January 2020, but it holds in full only nuclear tests, ICBMs and
                // space launches: its silence about a missile of unstated type refutes nothing.
                Assert.Equal("In January, North Korea conducted a missile test", missile.Text);
                Assert.Equal(ClaimVerdict.NotEnoughEvidence, missile.Verdict);
                Assert.Equal("2020-01-01..2020-01-31", missile.Period);
                Assert.Contains("holds in full only nuclear tests, ICBMs and space launches", missile.Reason, StringComparison.Ordinal);
            },
            nuclear =>
            {
                Assert.Equal("in April, the country conducted its sixth nuclear test", nuclear.Text);
                Assert.Equal(ClaimType.Ordinal, nuclear.Type);
                Assert.Equal(ClaimVerdict.Refuted, nuclear.Verdict);
                Assert.Contains("sixth nuclear test is on 2017-09-03", nuclear.Reason);
                Assert.Contains("no nuclear test in April 2020", nuclear.Reason);
                Assert.Contains("2017-09-03-nuclear-test", nuclear.Evidence);
            },
            srbms =>
            {
                Assert.Equal("In June, North Korea launched two short-range ballistic missiles", srbms.Text);
                Assert.Equal(ClaimType.Count, srbms.Type);
                Assert.Equal(ClaimVerdict.NotEnoughEvidence, srbms.Verdict);
                Assert.Contains("June 2020", srbms.Reason);
            },
            sanctions =>
            {
                // "It has sent naval ships ..., imposed sanctions": the US's responses, checked against the sanctions calendar.
                Assert.Equal(EventKind.Sanction, sanctions.EventKind);
                Assert.Equal(ClaimVerdict.Supported, sanctions.Verdict);
                Assert.Contains("2017-09-20-executive-order-13810-allows-sanctions-on-foreign-banks-and", sanctions.Evidence);
            });
        Assert.Contains(check.Statements, s => s.Type == StatementType.Intention && s.Text.Contains("will continue to engage in provocations and missile tests", StringComparison.Ordinal));
    }

    [Fact]
    public void The_blinken_article_is_supported_for_the_launch_during_the_visit_and_the_recent_largest_icbm_test()
    {
        var check = Checker.Value.Check(Example("blinken-visit-launch.txt"));

        Assert.Equal("2025-01-06", check.Anchor.Date?.ToString());
        Assert.Contains("Blinken", check.Anchor.Description);
        Assert.DoesNotContain(check.Claims, c => c.Verdict != ClaimVerdict.Supported);

        var duringVisit = check.Claims.Where(c => c.Type == ClaimType.Coincidence).ToList();
        Assert.Equal(2, duringVisit.Count);
        Assert.All(duringVisit, c =>
        {
            Assert.EndsWith("during Blinken’s visit to South Korea", c.Text, StringComparison.Ordinal);
            Assert.Contains("2025-01-06-irbm-hwasong-16b", c.Evidence);
            Assert.Contains("2025-01-05-blinken-s-final-visit-to-seoul-talks-with-fm-cho-and-acting", c.Evidence);
        });

        var largest = Assert.Single(check.Claims, c => c.Type == ClaimType.Superlative);
        Assert.Equal("North Korea recently tested its largest intercontinental ballistic missile", largest.Text);
        Assert.Equal(["2024-10-31-icbm-hwasong-19"], largest.Evidence);
        Assert.Contains("Hwasong-19", largest.Reason);
    }

    [Fact]
    public void With_a_publication_date_the_blinken_article_is_read_against_the_visit_before_it()
    {
        var check = Checker.Value.Check(Example("blinken-visit-launch.txt"), new Peninsula.Events.KoreanDate(2024, 3, 19));

        Assert.Contains("publication date 2024-03-19", check.Anchor.Description);
        var duringVisit = check.Claims.First(c => c.Type == ClaimType.Coincidence);
        Assert.Equal(ClaimVerdict.Supported, duringVisit.Verdict);
        Assert.Contains("2024-03-18-srbm-kn-25", duringVisit.Evidence);

        // In March 2024 the largest ICBM was the Hwasong-17, last launched on 2023-03-16: more than half a year before.
        var largest = Assert.Single(check.Claims, c => c.Type == ClaimType.Superlative);
        Assert.NotEqual(ClaimVerdict.Supported, largest.Verdict);
        Assert.Contains("Hwasong-17", largest.Reason);
    }
}

using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Questions;

namespace Peninsula.Tests.Questions;

/// <summary>Questions resolve from the record: yes with the first event that counts, no once the record covers the window, open before.</summary>
public sealed class QuestionResolverTests
{
    private static readonly Question Icbm2024 =
        new("icbm-2024", "Will North Korea launch an ICBM in 2024?", ForecastTarget.Icbm, null, new KoreanDate(2024, 1, 1), new KoreanDate(2024, 12, 31), null, null);

    [Fact]
    public void A_question_resolves_yes_with_the_first_matching_event_in_its_window_linked()
    {
        var srbm = Sample.Launch("2024-05-01-srbm", "2024-05-01") with { Class = "srbm" };
        var first = Sample.Launch("2024-10-31-icbm-hwasong-19", "2024-10-31");
        var second = Sample.Launch("2024-12-18-icbm", "2024-12-18");
        var resolution = QuestionResolver.Resolve(Icbm2024, [second, srbm, first], new KoreanDate(2025, 6, 30));
        Assert.Equal(new QuestionResolution(true, new KoreanDate(2024, 10, 31), "2024-10-31-icbm-hwasong-19"), resolution);
    }

    [Fact]
    public void A_question_resolves_no_once_the_record_covers_its_window_without_a_matching_event()
    {
        var srbm = Sample.Launch("2024-05-01-srbm", "2024-05-01") with { Class = "srbm" };
        Assert.Equal(new QuestionResolution(false, new KoreanDate(2024, 12, 31), null), QuestionResolver.Resolve(Icbm2024, [srbm], new KoreanDate(2024, 12, 31)));
    }

    [Fact]
    public void A_question_stays_open_while_the_record_ends_before_its_window_does()
    {
        Assert.Null(QuestionResolver.Resolve(Icbm2024, [], new KoreanDate(2024, 12, 30)));
    }

    [Fact]
    public void An_event_outside_the_window_does_not_resolve_it()
    {
        var before = Sample.Launch("2023-12-18-icbm", "2023-12-18");
        Assert.Null(QuestionResolver.Resolve(Icbm2024, [before], new KoreanDate(2024, 6, 30)));
    }
}

using Peninsula.Events;
using Peninsula.Timing;

namespace Peninsula.Tests.Timing;

/// <summary>The timing test on planted data: it finds what was planted, and only that.</summary>
public sealed class TimingAnalysisTests
{
    private static readonly TimingQuestion Visits = TimingQuestion.FromFilters("ballistic", "kind=diplomatic-visit", new TimingWindow(-1, 1));

    private static readonly KoreanDate First = new(2000, 1, 1);

    private const int Years = 20;

    [Fact]
    public void Finds_provocations_planted_at_the_visits()
    {
        var random = new Random(7);
        var visits = RandomVisits(random, perYear: 2);
        var launches = Background(random, perDay: 0.02).Concat(visits.Where((_, i) => i % 2 == 0).Select((v, i) => Launch(v.Date, $"planted-{i}"))).ToList();

        var result = TimingAnalysis.Run(Visits, launches, visits, new TimingOptions { Permutations = 2_000, Seed = 3 });

        Assert.True(result.Hits.Observed >= visits.Count / 2);
        Assert.True(result.Hits.P < 0.001, $"p = {result.Hits.P}");
        Assert.True(result.Hits.PAllPlacements < 0.001);
        Assert.True(result.Hits.RatioLow > 1, $"ratio interval {result.Hits.RatioLow}-{result.Hits.RatioHigh}");
        Assert.True(result.ProvocationsInside.P < 0.001);
        Assert.StartsWith($"{result.Hits.Observed} of 40 context events had a ballistic launch within 1 day of the context event", result.Answer);
        Assert.Contains("strong evidence", result.Answer);
    }

    [Fact]
    public void When_provocations_are_independent_of_the_visits_the_p_values_are_uniform()
    {
        const int runs = 400;
        var p = new List<double>(runs);
        for (var seed = 0; seed < runs; seed++)
        {
            var random = new Random(1_000 + seed);
            var visits = RandomVisits(random, perYear: 10);
            var launches = Background(random, perDay: 0.03);
            var result = TimingAnalysis.Run(Visits, launches, visits, new TimingOptions { Permutations = 1_000, Seed = seed, ProfileDays = 0 });
            p.Add(result.Hits.P);
        }

        // Under no effect, P(p <= a) = a up to sampling error: 3 standard errors of a proportion of 400.
        foreach (var level in new[] { 0.05, 0.25, 0.5 })
        {
            var rate = p.Count(x => x <= level) / (double)runs;
            var error = 3 * Math.Sqrt(level * (1 - level) / runs);
            Assert.InRange(rate, level - error, level + error);
        }
    }

    [Fact]
    public void The_permutation_p_value_agrees_with_the_exact_p_value_over_every_placement()
    {
        var random = new Random(11);
        var visits = RandomVisits(random, perYear: 3);
        var launches = Background(random, perDay: 0.04).Concat(visits.Take(8).Select((v, i) => Launch(v.Date.AddDays(1), $"planted-{i}"))).ToList();

        var result = TimingAnalysis.Run(Visits, launches, visits, new TimingOptions { Permutations = 20_000, Seed = 5 });

        var exact = result.Hits.PAllPlacements!.Value;
        Assert.InRange(result.Hits.P, exact - (4 * Math.Sqrt(exact * (1 - exact) / 20_000)) - 1e-4, exact + (4 * Math.Sqrt(exact * (1 - exact) / 20_000)) + 1e-4);
        Assert.Equal(result.Evidence.Sum(e => e.ChanceOfHit), result.Hits.Expected, precision: 0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_figures_and_another_seed_nearly_the_same()
    {
        var random = new Random(2);
        var visits = RandomVisits(random, perYear: 3);
        var launches = Background(random, perDay: 0.03);
        var options = new TimingOptions { Permutations = 10_000, Seed = 42 };

        var one = TimingAnalysis.Run(Visits, launches, visits, options);
        var two = TimingAnalysis.Run(Visits, launches, visits, options);
        var other = TimingAnalysis.Run(Visits, launches, visits, options with { Seed = 43 });

        Assert.Equal(one.Hits, two.Hits);
        Assert.Equal(one.ProvocationsInside, two.ProvocationsInside);
        Assert.Equal(one.Profile, two.Profile);
        Assert.NotEqual(one.Hits.P, other.Hits.P);
        Assert.InRange(other.Hits.P, one.Hits.P - 0.03, one.Hits.P + 0.03);
    }

    [Fact]
    public void A_span_that_crosses_the_year_end_holds_the_provocations_of_the_new_year()
    {
        var drill = Context("2015-12-28", "2016-01-05");
        var launches = new[] { Launch(new KoreanDate(2016, 1, 3), "new-year"), Launch(new KoreanDate(2015, 6, 1), "june") };

        var result = TimingAnalysis.Run(Visits with { Window = new TimingWindow(0, 0) }, launches, [drill], new TimingOptions { Permutations = 500 });

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal((new KoreanDate(2015, 12, 28), new KoreanDate(2016, 1, 5)), (evidence.WindowStart, evidence.WindowEnd));
        Assert.Equal(["new-year"], evidence.Provocations.Select(p => p.Id));
        Assert.Equal(1, result.Hits.Observed);
        Assert.Equal(new KoreanDate(2016, 1, 3), result.PeriodEnd); // the end of the data: the last provocation
    }

    [Fact]
    public void Overlapping_windows_count_each_context_event_but_each_provocation_once()
    {
        var visits = new[] { Context("2010-05-10"), Context("2010-05-12") };
        var launches = new[] { Launch(new KoreanDate(2010, 5, 11), "between"), Launch(new KoreanDate(2010, 9, 1), "later") };

        var result = TimingAnalysis.Run(Visits, launches, visits, new TimingOptions { Permutations = 500 });

        Assert.Equal(2, result.Hits.Observed);
        Assert.Equal(1, result.ProvocationsInside.Observed);
        Assert.All(result.Evidence, e => Assert.Equal(["between"], e.Provocations.Select(p => p.Id)));
    }

    [Fact]
    public void A_context_event_without_an_end_date_is_one_day()
    {
        var visit = Context("2012-07-04");
        var launches = new[] { Launch(new KoreanDate(2012, 7, 6), "two-days-after"), Launch(new KoreanDate(2012, 7, 5), "next-day") };

        var result = TimingAnalysis.Run(Visits, launches, [visit], new TimingOptions { Permutations = 500 });

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal((new KoreanDate(2012, 7, 3), new KoreanDate(2012, 7, 5)), (evidence.WindowStart, evidence.WindowEnd));
        Assert.Equal(["next-day"], evidence.Provocations.Select(p => p.Id));
    }

    [Fact]
    public void Empty_sets_are_refused_with_a_clear_message()
    {
        var none = Assert.Throws<InputException>(() => TimingAnalysis.Run(Visits, [], [Context("2012-07-04")], new TimingOptions()));
        Assert.Equal("--provocations", none.Field);
        Assert.Contains("No events match 'ballistic'", none.Message);

        var noContext = Assert.Throws<InputException>(() => TimingAnalysis.Run(Visits, [Launch(new KoreanDate(2012, 7, 4), "a")], [], new TimingOptions()));
        Assert.Equal("--context", noContext.Field);
        Assert.Contains("No events match 'kind=diplomatic-visit'", noContext.Message);

        var outside = Assert.Throws<InputException>(() => TimingAnalysis.Run(Visits, [Launch(new KoreanDate(2012, 7, 4), "a")], [Context("1999-07-04")], new TimingOptions()));
        Assert.Contains("None of the 1 context event falls between 2012-01-01 and 2012-07-04", outside.Message);
    }

    [Fact]
    public void Too_few_context_events_are_said_to_be_too_few()
    {
        var visits = new[] { Context("2015-03-01"), Context("2018-03-01") };
        var launches = Background(new Random(4), perDay: 0.1);

        var result = TimingAnalysis.Run(Visits, launches, visits, new TimingOptions { Permutations = 1_000 });

        Assert.True(result.TooSmall);
        Assert.Contains("Too few context events to conclude anything", result.Answer);
    }

    [Fact]
    public void Provocations_known_only_to_the_month_are_left_out_and_said_so()
    {
        var monthOnly = Launch(new KoreanDate(2012, 7, 1), "month-only") with { DatePrecision = DatePrecision.Month };
        var launches = new[] { monthOnly, Launch(new KoreanDate(2012, 7, 4), "dated") };

        var result = TimingAnalysis.Run(Visits, launches, [Context("2012-07-01")], new TimingOptions { Permutations = 500 });

        Assert.Equal(1, result.Provocations);
        Assert.Contains("1 ballistic launch known only to the month were left out.", result.Notes);
    }

    [Fact]
    public void The_profile_shows_a_planted_offset_above_the_chance_band()
    {
        var random = new Random(9);
        var visits = RandomVisits(random, perYear: 2);
        var launches = Background(random, perDay: 0.01).Concat(visits.Select((v, i) => Launch(v.Date.AddDays(5), $"planted-{i}"))).ToList();

        var result = TimingAnalysis.Run(Visits, launches, visits, new TimingOptions { Permutations = 2_000 });

        Assert.Equal(61, result.Profile.Count);
        var planted = result.Profile.Single(p => p.Offset == 5);
        Assert.True(planted.Observed >= visits.Count);
        Assert.True(planted.Observed > planted.BandHigh);
        Assert.All(result.Profile.Where(p => p.Offset != 5), p => Assert.True(p.Observed <= p.BandHigh + 2, $"offset {p.Offset}"));
        Assert.InRange(result.Profile.Average(p => p.Expected), 0.2, 1.2);
    }

    [Fact]
    public void Benjamini_Hochberg_matches_hand_computed_values()
    {
        // m = 4: sorted 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.04, 0.04, 0.5 (step-up keeps them monotone).
        var adjusted = TimingAnalysis.BenjaminiHochberg([0.03, 0.5, 0.01, 0.02]);
        Assert.Equal([0.04, 0.5, 0.04, 0.04], adjusted.Select(a => Math.Round(a, 10)));
    }

    [Fact]
    public void The_distribution_of_hits_is_the_poisson_binomial()
    {
        // Chances 0.5 and 0.2: P(0) = 0.4, P(1) = 0.5, P(2) = 0.1.
        var dist = TimingAnalysis.PoissonBinomial([0.5, 0.2]);
        Assert.Equal([0.4, 0.5, 0.1], dist.Select(d => Math.Round(d, 12)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(14)]
    [InlineData(20)]
    public void The_ratio_interval_excludes_one_exactly_when_the_exact_test_rejects(int observed)
    {
        var chances = Enumerable.Range(0, 20).Select(i => 0.1 + (0.02 * i)).ToArray();
        var dist = TimingAnalysis.PoissonBinomial(chances);
        var (low, high) = TimingAnalysis.HitRatioInterval(observed, chances);
        Assert.True(low <= high);
        Assert.Equal(dist[observed..].Sum() < 0.025, low > 1);
        Assert.Equal(dist[..(observed + 1)].Sum() < 0.025, high < 1);
    }

    [Fact]
    public void The_garwood_interval_matches_published_values()
    {
        // Exact Poisson 95% limits for 10 events: 4.795 and 18.39 (Garwood 1936; standard tables).
        var (low, high) = TimingAnalysis.RatioInterval(10, 10);
        Assert.Equal(0.4795, low, precision: 3);
        Assert.Equal(1.839, high, precision: 3);
    }

    [Fact]
    public void Several_questions_get_adjusted_p_values_and_the_reading_follows_them()
    {
        var random = new Random(5);
        var visits = RandomVisits(random, perYear: 2);
        var launches = Background(random, perDay: 0.02).Concat(visits.Take(6).Select((v, i) => Launch(v.Date, $"planted-{i}"))).ToList();
        var options = new TimingOptions { Permutations = 2_000 };
        var results = TimingAnalysis.AdjustForMultipleQuestions(
        [
            TimingAnalysis.Run(Visits, launches, visits, options),
            TimingAnalysis.Run(Visits with { Window = new TimingWindow(5, 9) }, launches, visits, options),
        ]);

        Assert.All(results, r => Assert.NotNull(r.AdjustedP));
        Assert.All(results, r => Assert.True(r.AdjustedP >= r.Hits.P));
        Assert.Contains("after adjusting for the other questions asked", results[0].Answer);
    }

    private static List<Event> RandomVisits(Random random, int perYear)
    {
        var visits = new List<Event>();
        for (var year = First.Year; year < First.Year + Years; year++)
        {
            var days = DateTime.IsLeapYear(year) ? 366 : 365;
            for (var i = 0; i < perYear; i++)
            {
                var start = new KoreanDate(year, 1, 1).AddDays(random.Next(days));
                visits.Add(Context(start.ToString(), random.Next(3) == 0 ? start.AddDays(1).ToString() : null, $"visit-{year}-{i}"));
            }
        }

        return visits;
    }

    private static List<Event> Background(Random random, double perDay)
    {
        var launches = new List<Event>();
        var days = new KoreanDate(First.Year + Years, 1, 1).DaysSince(First);
        for (var d = 0; d < days; d++)
        {
            if (random.NextDouble() < perDay)
            {
                launches.Add(Launch(First.AddDays(d), $"background-{d}"));
            }
        }

        return launches;
    }

    private static Event Launch(KoreanDate date, string id) => new()
    {
        Id = id,
        Kind = EventKind.MissileLaunch,
        Class = "srbm",
        Date = date,
        Title = "Short-range ballistic missile launch",
    };

    private static Event Context(string date, string? end = null, string? id = null) => new()
    {
        Id = id ?? $"visit-{date}",
        Kind = EventKind.DiplomaticVisit,
        Class = "other",
        Date = KoreanDate.Parse(date),
        EndDate = end is null ? null : KoreanDate.Parse(end),
        Title = "Visit",
    };
}

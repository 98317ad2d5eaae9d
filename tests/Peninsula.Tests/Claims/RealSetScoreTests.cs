using System.Globalization;
using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Claims;

/// <summary>
/// The fact-check's score on the real development set (bench/claims-real), held above a floor just
/// below the figures of bench/results/claims.md, so that a change that makes the checker worse on real
/// text fails here; and the scoring itself, on a set small enough to count by hand.
/// </summary>
public sealed class RealSetScoreTests : IDisposable
{
    // Today's figures (bench/results/claims.md, 2026-12-06, branch structural, after the structural
    // round: a claim is supported only when every content word said of its event is read as a facet or
    // carries no claim; a sentence about "it" or "the missile" is checked against the launch the article
    // last reported; the record's silence refutes only nuclear tests, ICBMs and space launches):
    // supported precision 0.963 (129/134), refuted precision 1.000 (2/2), recall 0.651 (200/307), no
    // sentence unread, 1 false sentence supported, no true sentence refuted. Recall fell from 0.765
    // because 43 sentences labelled supported state something the checker does not compare ("capable
    // of delivering nuclear warheads", "farther than any of the country's earlier attempts"); the rule
    // is issue 16's own (item 2) and is not loosened to win them back. Branch recall then read the
    // order, the order within a span of days, the launch days and the outcome said after the event
    // ("for the first time", "the second such launch in just a few weeks", "twice in July", "but it
    // ended in failure"): 0.965 (136/141), 2/2, recall 0.674 (207/307), still none unread, 1 false
    // supported, no true refuted. Held-out set D (16 State Department, VOA and CRS texts, 153 sentences,
    // 51 checkable) was then folded in, no rule changed: 0.947 (143/151), 2/3, recall 0.620 (222/358),
    // none unread, 1 false supported, 1 true refuted (D's "first ballistic missile test in 2017", read
    // as a first ever). The round that fixed D's kinds of misses as classes (branch checker: a first
    // counted within the year after its noun, missiles transferred to another state, demonstrative
    // subjects such as "These launches are violations ...", a launch named only as what a response is
    // for): 0.961 (147/153), 2/2, recall 0.634 (227/358), none unread, 1 false supported, no true
    // refuted. The round of dates (branch dates: the writer's clock passed into the check, a weekday
    // the day after a date in a clock behind Korea's read as Korea's next day, a refutation on a date
    // only when the date was read with certainty, "March 15th ICBM" a date and not an ordinal):
    // 0.961 (149/155), 2/2, recall 0.640 (229/358), none unread, 1 false supported, no true refuted.
    // The floor is these figures.
    // Refuted verdicts are too few for a precision floor to mean much, so wrong refutations are held
    // by a ceiling on their count instead. Raise these as the checker improves.
    private static readonly RealSetFloor Floor = new(SupportedPrecision: 0.96, Recall: 0.635, Unread: 0, WrongRefuted: 0, TrueRefuted: 0, FalseSupported: 1);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_checker_on_the_real_set_stays_at_or_above_todays_floor()
    {
        var set = RealClaimSet.Load(Path.Combine(BundledRecordTests.RepositoryRoot(), "bench", "claims-real"));
        var evaluation = RealSetEvaluation.Run(set, new ArticleChecker(BundledRecord.Events));

        var shortfalls = Floor.Shortfalls(evaluation.Overall);

        Assert.True(shortfalls.Count == 0, string.Join("\n", shortfalls) + "\n\n" + evaluation.Report());
    }

    [Fact]
    public void A_score_below_the_floor_is_reported_figure_by_figure()
    {
        var worse = new RealSetFigures(Sentences: 525, Checkable: 175, GivenSupported: 117, RightSupported: 80, GivenRefuted: 15, RightRefuted: 0, FoundRight: 80, Unread: 1, FalseSupported: 6, TrueRefuted: 11);

        var shortfalls = Floor.Shortfalls(worse);

        Assert.Equal(6, shortfalls.Count);
        Assert.Contains(shortfalls, s => s.StartsWith("supported precision 0.684", StringComparison.Ordinal));
        Assert.Contains(shortfalls, s => s.StartsWith("recall 0.457", StringComparison.Ordinal));
        Assert.Contains(shortfalls, s => s.StartsWith("1 sentences unread", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_document_is_checked_with_its_publication_date_and_its_claims_are_placed_in_the_labelled_sentence_they_overlap()
    {
        // "today" resolves only from the header's date: 2017-09-03 is the sixth nuclear test, 2017-10-03 had none.
        const string Header = "url: https://www.mofa.go.jp/x\ntitle: T\npublisher: Ministry of Foreign Affairs of Japan (as kept by a host)\npublished: {0} (JST, UTC+9)\nlicence: L\n---\n";
        const string Body = "North Korea conducted a nuclear test today. Japan lodged a protest.\n";
        Write("jp-a", string.Format(CultureInfo.InvariantCulture, Header, "2017-09-03") + Body);
        Write("jp-b", string.Format(CultureInfo.InvariantCulture, Header, "2017-10-03") + Body);
        var start = string.Format(CultureInfo.InvariantCulture, Header, "2017-09-03").Length;
        File.WriteAllText(
            Path.Combine(_folder.Path, "labels.csv"),
            "document,sentence,start,end,label,verdict,facets,failure_class,reason\n" +
            $"jp-a,North Korea conducted a nuclear test today.,{start},{start + 43},true,supported,date=2017-09-03,weekday,record\n" +
            $"jp-a,Japan lodged a protest.,{start + 44},{start + 67},not-checkable,none,,actor/kind,Japan's act\n" +
            $"jp-b,North Korea conducted a nuclear test today.,{start},{start + 43},false,refuted,date=2017-10-03,weekday,record: none that day\n");
        var set = RealClaimSet.Load(_folder.Path);
        Assert.Empty(set.LabelProblems());

        var evaluation = RealSetEvaluation.Run(set, new ArticleChecker(BundledRecord.Events));

        Assert.Equal(["supported", "none", "refuted"], evaluation.Results.Select(r => r.Actual));
        Assert.All(evaluation.Results, r => Assert.Equal("Ministry of Foreign Affairs of Japan", r.Source));
        Assert.All(evaluation.Results[0].Claims, c => Assert.InRange(c.Start, start, start + 43));
        var all = evaluation.Overall;
        Assert.Equal((3, 2, 1, 1, 1, 1, 2, 0), (all.Sentences, all.Checkable, all.GivenSupported, all.RightSupported, all.GivenRefuted, all.RightRefuted, all.FoundRight, all.Unread));
        Assert.Equal(1.0, all.Recall);
        var byClass = evaluation.By(r => r.Label.FailureClass);
        Assert.Equal([("weekday", 2), ("actor/kind", 1)], byClass.Select(g => (g.Group, g.Figures.Sentences)));
    }

    [Fact]
    public void A_document_without_a_publication_date_is_named_by_file_and_field()
    {
        Write("us-x", "url: https://www.state.gov/x\ntitle: T\npublisher: U.S. Department of State\npublished: soon\nlicence: L\n---\nText.\n");
        File.WriteAllText(Path.Combine(_folder.Path, "labels.csv"), "document,sentence,start,end,label,verdict,facets,failure_class,reason\n");
        var set = RealClaimSet.Load(_folder.Path);

        var error = Assert.Throws<InputException>(() => RealSetEvaluation.Run(set, new ArticleChecker(BundledRecord.Events)));

        Assert.Equal(("documents/us-x.txt", "published"), (error.File, error.Field));
    }

    [Fact]
    public void A_sentence_reads_as_refuted_when_any_claim_in_it_is_refuted_else_as_supported_when_any_is_supported()
    {
        static CheckedClaim Claim(ClaimVerdict verdict) => new("x", 0, 1, ClaimType.Event, EventKind.NuclearTest, verdict, "", [], null, null, []);

        Assert.Equal("none", RealSetEvaluation.Gravest([]));
        Assert.Equal("refuted", RealSetEvaluation.Gravest([Claim(ClaimVerdict.Supported), Claim(ClaimVerdict.Refuted)]));
        Assert.Equal("supported", RealSetEvaluation.Gravest([Claim(ClaimVerdict.NotEnoughEvidence), Claim(ClaimVerdict.Supported)]));
        Assert.Equal("not-enough-evidence", RealSetEvaluation.Gravest([Claim(ClaimVerdict.NotEnoughEvidence)]));
    }

    private void Write(string id, string text)
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "documents"));
        File.WriteAllText(Path.Combine(_folder.Path, "documents", id + ".txt"), text);
    }
}

/// <summary>The least the real set may score: precision and recall from below, errors from above.</summary>
internal sealed record RealSetFloor(double SupportedPrecision, double Recall, int Unread, int WrongRefuted, int TrueRefuted, int FalseSupported)
{
    public List<string> Shortfalls(RealSetFigures figures)
    {
        var shortfalls = new List<string>();
        void Add(bool below, string message)
        {
            if (below)
            {
                shortfalls.Add(message);
            }
        }

        Add((figures.SupportedPrecision ?? 0) < SupportedPrecision, Say($"supported precision {figures.SupportedPrecision:0.000} ({figures.RightSupported}/{figures.GivenSupported}) is below the floor {SupportedPrecision:0.00}"));
        Add((figures.Recall ?? 0) < Recall, Say($"recall {figures.Recall:0.000} ({figures.FoundRight}/{figures.Checkable}) is below the floor {Recall:0.00}"));
        Add(figures.Unread > Unread, Say($"{figures.Unread} sentences unread; at most {Unread} allowed"));
        Add(figures.GivenRefuted - figures.RightRefuted > WrongRefuted, Say($"{figures.GivenRefuted - figures.RightRefuted} sentences wrongly refuted; at most {WrongRefuted} allowed"));
        Add(figures.TrueRefuted > TrueRefuted, Say($"{figures.TrueRefuted} true sentences refuted; at most {TrueRefuted} allowed"));
        Add(figures.FalseSupported > FalseSupported, Say($"{figures.FalseSupported} false sentences supported; at most {FalseSupported} allowed"));
        return shortfalls;
    }

    private static string Say(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}

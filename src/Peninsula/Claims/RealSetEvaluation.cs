using System.Globalization;
using System.Text;

using Peninsula.Reading;

namespace Peninsula.Claims;

/// <summary>What the checker answered for one labelled sentence of the real set.</summary>
/// <param name="Label">The sentence and what it should get.</param>
/// <param name="Source">The document's publisher (<see cref="RealClaimDocument.Source"/>).</param>
/// <param name="Actual">
/// The verdict the sentence was given: the gravest of its claims' verdicts (refuted, then supported,
/// then not-enough-evidence), <c>none</c> when no claim lies in it, <c>unread</c> when checking its
/// document failed.
/// </param>
/// <param name="Claims">The claims found in the sentence, with offsets into the document file.</param>
internal sealed record RealSentenceResult(RealClaimLabel Label, string Source, string Actual, IReadOnlyList<CheckedClaim> Claims);

/// <summary>The figures issue 16 sets its targets on, for any part of the real set.</summary>
/// <param name="Sentences">Labelled sentences.</param>
/// <param name="Checkable">Sentences labelled with a checkable claim (verdict other than <c>none</c>).</param>
/// <param name="GivenSupported">Sentences the checker called supported.</param>
/// <param name="RightSupported">Of those, the ones labelled supported.</param>
/// <param name="GivenRefuted">Sentences the checker called refuted.</param>
/// <param name="RightRefuted">Of those, the ones labelled refuted.</param>
/// <param name="FoundRight">Checkable sentences given exactly their labelled verdict.</param>
/// <param name="Unread">Sentences the checker could not read (its document's check failed).</param>
/// <param name="FalseSupported">Sentences labelled false and called supported: the worst error.</param>
/// <param name="TrueRefuted">Sentences labelled true and called refuted: the error issue 16 says costs most.</param>
internal sealed record RealSetFigures(
    int Sentences, int Checkable, int GivenSupported, int RightSupported, int GivenRefuted, int RightRefuted, int FoundRight, int Unread, int FalseSupported, int TrueRefuted)
{
    /// <summary>Right supported verdicts over all supported verdicts, or null when none was given.</summary>
    public double? SupportedPrecision => GivenSupported == 0 ? null : (double)RightSupported / GivenSupported;

    /// <summary>Right refuted verdicts over all refuted verdicts, or null when none was given.</summary>
    public double? RefutedPrecision => GivenRefuted == 0 ? null : (double)RightRefuted / GivenRefuted;

    /// <summary>Checkable sentences found and judged right over all checkable sentences, or null when there are none.</summary>
    public double? Recall => Checkable == 0 ? null : (double)FoundRight / Checkable;

    public static RealSetFigures Of(IEnumerable<RealSentenceResult> results)
    {
        var list = results as IReadOnlyCollection<RealSentenceResult> ?? [.. results];
        return new RealSetFigures(
            list.Count,
            list.Count(r => r.Label.Verdict != "none"),
            list.Count(r => r.Actual == "supported"),
            list.Count(r => r.Actual == "supported" && r.Label.Verdict == "supported"),
            list.Count(r => r.Actual == "refuted"),
            list.Count(r => r.Actual == "refuted" && r.Label.Verdict == "refuted"),
            list.Count(r => r.Label.Verdict != "none" && r.Actual == r.Label.Verdict),
            list.Count(r => r.Actual == RealSetEvaluation.Unread),
            list.Count(r => r.Actual == "supported" && r.Label.Label == "false"),
            list.Count(r => r.Actual == "refuted" && r.Label.Label == "true"));
    }
}

/// <summary>
/// The fact-check measured on the real development set (bench/claims-real), as issue 16 asks: each
/// document checked as one article with its publication date, each claim found placed in the labelled
/// sentence its span overlaps most, each sentence's verdict compared with its label. The claims
/// benchmark prints it and a test holds its figures above a floor.
/// </summary>
internal sealed class RealSetEvaluation
{
    /// <summary>The verdict of a sentence whose document could not be checked.</summary>
    public const string Unread = "unread";

    /// <summary>The verdicts a sentence can be given: the labels' own, and unread.</summary>
    private static readonly string[] Verdicts = [.. ClaimEvaluation.Labels, Unread];

    private RealSetEvaluation(IReadOnlyList<RealSentenceResult> results, IReadOnlyList<CheckedClaim> outside, IReadOnlyList<string> failures)
    {
        Results = results;
        ClaimsOutsideLabels = outside;
        Failures = failures;
    }

    /// <summary>Every labelled sentence, in the order of labels.csv.</summary>
    public IReadOnlyList<RealSentenceResult> Results { get; }

    /// <summary>Claims in text that carries no label (headings, datelines): not scored, counted.</summary>
    public IReadOnlyList<CheckedClaim> ClaimsOutsideLabels { get; }

    /// <summary>One line per document whose check failed: its id and the error.</summary>
    public IReadOnlyList<string> Failures { get; }

    public RealSetFigures Overall => RealSetFigures.Of(Results);

    /// <summary>Checks every document of the set; a document whose check throws leaves its sentences unread and the rest goes on.</summary>
    public static RealSetEvaluation Run(RealClaimSet set, ArticleChecker checker)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(checker);
        var results = new List<RealSentenceResult>(set.Labels.Count);
        var outside = new List<CheckedClaim>();
        var failures = new List<string>();
        var byDocument = set.Labels.ToLookup(l => l.Document, StringComparer.Ordinal);
        var verdicts = new Dictionary<RealClaimLabel, RealSentenceResult>();
        foreach (var id in set.Documents.Keys.Order(StringComparer.Ordinal))
        {
            var document = set.Document(id);
            var labels = byDocument[id].ToList();
            IReadOnlyList<CheckedClaim> claims;
            IReadOnlyList<UnreadSentence> unread;
            try
            {
                var check = checker.Check(document.Text, document.Published, document.Clock);
                claims = [.. check.Claims.Select(c => c with { Start = c.Start + document.TextStart, End = c.End + document.TextStart })];
                unread = [.. check.Unread.Select(u => u with { Start = u.Start + document.TextStart, End = u.End + document.TextStart })];
            }
#pragma warning disable CA1031 // A failure of the checker on one document is a figure of the benchmark (unread sentences), not a reason to stop it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{id}: {ex.GetType().Name}: {ex.Message}");
                foreach (var label in labels)
                {
                    verdicts[label] = new RealSentenceResult(label, document.Source, Unread, []);
                }

                continue;
            }

            var placed = labels.ToDictionary(l => l, _ => new List<CheckedClaim>());
            foreach (var claim in claims)
            {
                var best = labels
                    .Select(l => (Label: l, Overlap: Math.Min(l.End, claim.End) - Math.Max(l.Start, claim.Start)))
                    .Where(x => x.Overlap > 0)
                    .OrderByDescending(x => x.Overlap)
                    .FirstOrDefault();
                if (best.Label is null)
                {
                    outside.Add(claim);
                }
                else
                {
                    placed[best.Label].Add(claim);
                }
            }

            foreach (var (label, found) in placed)
            {
                // A sentence the checker listed as not read is unread, whatever else was found in it.
                var notRead = unread.Any(u => Math.Min(label.End, u.End) > Math.Max(label.Start, u.Start));
                verdicts[label] = new RealSentenceResult(label, document.Source, notRead ? Unread : Gravest(found), found);
            }
        }

        foreach (var label in set.Labels)
        {
            // A label naming no document was reported by RealClaimSet.LabelProblems; it has no answer here.
            results.Add(verdicts.TryGetValue(label, out var result) ? result : new RealSentenceResult(label, "(no document)", Unread, []));
        }

        return new RealSetEvaluation(results, outside, failures);
    }

    /// <summary>The verdict a reader takes from a sentence: any refuted claim marks it refuted, else any supported claim supported.</summary>
    internal static string Gravest(IReadOnlyCollection<CheckedClaim> claims) =>
        claims.Count == 0 ? "none"
        : claims.Any(c => c.Verdict == ClaimVerdict.Refuted) ? "refuted"
        : claims.Any(c => c.Verdict == ClaimVerdict.Supported) ? "supported"
        : "not-enough-evidence";

    /// <summary>The figures by a grouping of the sentences, largest group first.</summary>
    public IReadOnlyList<(string Group, RealSetFigures Figures)> By(Func<RealSentenceResult, string> group) =>
        [.. Results.GroupBy(group, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, RealSetFigures.Of(g)))];

    /// <summary>The report the claims benchmark prints and commits, in Markdown.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        var all = Overall;
        text.Append(CultureInfo.InvariantCulture,
            $"Sentences: {all.Sentences} from {Results.Select(r => r.Label.Document).Distinct(StringComparer.Ordinal).Count()} documents; checkable (labelled with a verdict): {all.Checkable}; unread: {all.Unread}\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"supported precision {F(all.SupportedPrecision)} ({all.RightSupported}/{all.GivenSupported}); refuted precision {F(all.RefutedPrecision)} ({all.RightRefuted}/{all.GivenRefuted}); recall {F(all.Recall)} ({all.FoundRight}/{all.Checkable})\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"False sentences called supported: {all.FalseSupported}; true sentences called refuted: {all.TrueRefuted}; claims found outside the labelled sentences (not scored): {ClaimsOutsideLabels.Count}\n");
        foreach (var failure in Failures)
        {
            text.Append("\nCould not check ").Append(failure).Append('\n');
        }

        Table(text, "source", By(r => r.Source));
        Table(text, "failure class", By(r => r.Label.FailureClass));

        text.Append("\nConfusion matrix (rows: labelled, columns: given)\n\n| labelled \\ given | ").Append(string.Join(" | ", Verdicts)).Append(" |\n|---|")
            .Append(string.Concat(Verdicts.Select(_ => "---:|"))).Append('\n');
        foreach (var expected in ClaimEvaluation.Labels)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {expected} | {string.Join(" | ", Verdicts.Select(actual => Results.Count(r => r.Label.Verdict == expected && r.Actual == actual)))} |\n");
        }

        var misses = Results.Where(r => r.Actual != r.Label.Verdict).ToList();
        if (misses.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nMisses ({misses.Count}):\n\n");
            foreach (var miss in misses)
            {
                var reason = miss.Claims.Count == 0 ? "no claim found" : string.Join(" / ", miss.Claims.Select(c => $"{c.Verdict.Slug()}: {c.Reason}"));
                text.Append(CultureInfo.InvariantCulture,
                    $"- labels.csv line {miss.Label.Line} ({miss.Label.Document}, {miss.Label.FailureClass}): labelled {miss.Label.Verdict}, given {miss.Actual}: \"{miss.Label.Sentence}\" ({reason})\n");
            }
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, string name, IReadOnlyList<(string Group, RealSetFigures Figures)> groups)
    {
        text.Append(CultureInfo.InvariantCulture, $"\n| {name} | sentences | checkable | supported precision | refuted precision | recall | unread |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (group, f) in groups)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {group} | {f.Sentences} | {f.Checkable} | {F(f.SupportedPrecision)} ({f.RightSupported}/{f.GivenSupported}) | {F(f.RefutedPrecision)} ({f.RightRefuted}/{f.GivenRefuted}) | {F(f.Recall)} ({f.FoundRight}/{f.Checkable}) | {f.Unread} |\n");
        }
    }

    private static string F(double? x) => x is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}

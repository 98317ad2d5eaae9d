using Peninsula.Record;

namespace Peninsula.Import;

/// <summary>
/// A newer edition of one of the two reference tables (<c>missile-tests.csv</c>, <c>provocations.csv</c>),
/// merged with the bundled edition of the other by the same rules that build the bundled record,
/// so that an unchanged row gives an unchanged event and a new or corrected row updates the record.
/// </summary>
public abstract class ReferenceImporter : SourceImporter
{
    /// <inheritdoc/>
    public override int Version => 1;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".csv"];

    /// <inheritdoc/>
    public override ImportBatch Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var batch = new ImportBatch { Input = path };
        var own = this is ReferenceMissilesImporter;
        IReadOnlyList<MissileTestRow> missiles;
        IReadOnlyList<ProvocationRow> provocations;
        using (var text = new StreamReader(path))
        {
            (missiles, provocations) = Tables(text, path);
        }

        batch.Rows = own ? missiles.Count : provocations.Count;

        var nuclearTests = BundledRecord.Read("data/context/nuclear-tests.csv", ContextCalendar.ReadNuclearTests);
        var merged = RecordMerger.Merge(
            missiles, provocations, BundledRecord.Labels, BundledRecord.Systems, BundledRecord.Sites, nuclearTests, [], BundledRecord.Corrections, everyCorrectionApplies: false);
        batch.Warnings.AddRange(merged.UnknownSites.Where(u => u.File == path).Select(u => new Rejection(path, u.Line, u.Field, u.Reason)));
        var events = merged.Events;
        var dataset = ContextCalendar.DatasetName(path);
        foreach (var e in events.Where(e => e.Sources.Any(s => s.Dataset == dataset)))
        {
            batch.Events.Add(e with { Sources = [.. e.Sources.Select(s => s.Dataset == dataset ? s with { Dataset = Path.GetFileName(path), Importer = Tag } : s)] });
        }

        return batch;
    }

    /// <summary>Reads the file as its table, and the bundled edition of the other table.</summary>
    private protected abstract (IReadOnlyList<MissileTestRow> Missiles, IReadOnlyList<ProvocationRow> Provocations) Tables(TextReader text, string path);

    private protected static IReadOnlyList<MissileTestRow> BundledMissiles() =>
        BundledRecord.Read("data/reference/missile-tests.csv", MissileTestRow.Read);

    private protected static IReadOnlyList<ProvocationRow> BundledProvocations() =>
        BundledRecord.Read("data/reference/provocations.csv", ProvocationRow.Read);
}

/// <summary>The layout of <c>reference/missile-tests.csv</c>: one missile per row, UTC dates.</summary>
public sealed class ReferenceMissilesImporter : ReferenceImporter
{
    /// <inheritdoc/>
    public override string Name => "reference-missiles";

    /// <inheritdoc/>
    public override string Description => "A newer edition of the reference missile-test table (missile-tests.csv layout).";

    private protected override (IReadOnlyList<MissileTestRow>, IReadOnlyList<ProvocationRow>) Tables(TextReader text, string path) =>
        (MissileTestRow.Read(text, path), BundledProvocations());
}

/// <summary>The layout of <c>reference/provocations.csv</c>: one incident per row, Korean dates.</summary>
public sealed class ReferenceProvocationsImporter : ReferenceImporter
{
    /// <inheritdoc/>
    public override string Name => "reference-provocations";

    /// <inheritdoc/>
    public override string Description => "A newer edition of the reference provocations table (provocations.csv layout).";

    private protected override (IReadOnlyList<MissileTestRow>, IReadOnlyList<ProvocationRow>) Tables(TextReader text, string path) =>
        (BundledMissiles(), ProvocationRow.Read(text, path));
}

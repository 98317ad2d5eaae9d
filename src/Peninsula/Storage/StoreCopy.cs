namespace Peninsula.Storage;

/// <summary>The rows of one table in the store copied from and the store copied to.</summary>
public sealed record TableCount(string Table, long From, long To)
{
    /// <summary>Whether every row arrived.</summary>
    public bool Matches => From == To;
}

/// <summary>Moves a whole record from one store to another, whatever their backends.</summary>
public static class StoreCopy
{
    /// <summary>
    /// Copies every table of the record (events, deleted ones included, their actors and sources,
    /// the audit trail, settings, documents, media signals and their daily counts, conflicts,
    /// watches and their log, API keys, the review queue, forecasting questions and their
    /// forecasts) from <paramref name="from"/> into <paramref name="to"/>, which must
    /// hold no record yet, in one transaction on the target; then counts the rows of each table on
    /// both sides. The source is read as of one moment, so a process writing to it meanwhile
    /// (a running server, <c>watch run</c>) neither splits an event from its sources nor makes the
    /// counts differ; what it writes after that moment is not in the copy. A count that differs is reported in the result (and leaves the copy in place
    /// for inspection); nothing is written when the target is not empty.
    /// </summary>
    public static IReadOnlyList<TableCount> Copy(IEventStore from, IEventStore to, CancellationToken cancellationToken = default)
    {
        var target = Tables(to);
        if (RecordTables.All.FirstOrDefault(t => target.Count(t) > 0) is { } taken)
        {
            throw new InputException(
                $"{to.Description} already holds a record (its {taken.Name} table has rows); 'db copy' writes only into an empty store, so nothing was copied.",
                field: "--to");
        }

        using var source = Tables(from).ReadSnapshot();
        target.WriteRows(RecordTables.All, source.ReadRows, cancellationToken);
        return [.. RecordTables.All.Select(t => new TableCount(t.Name, source.Count(t), target.Count(t)))];
    }

    private static IRecordTables Tables(IEventStore store) =>
        store as IRecordTables ?? throw new InvalidOperationException($"{store.Description} cannot be copied table by table.");
}

namespace Peninsula.Events;

/// <summary>
/// A filter over the record, shared by the CLI, the web API and the analyses. Empty lists and
/// nulls mean "no restriction"; the conditions that are set must all hold.
/// </summary>
public sealed record EventQuery
{
    /// <summary>Matches every event.</summary>
    public static readonly EventQuery All = new();

    /// <summary>Any of these kinds.</summary>
    public IReadOnlyList<EventKind> Kinds { get; init; } = [];

    /// <summary>Any of these classes (e.g. <c>icbm</c>, <c>un-resolution</c>).</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>A weapon system, by id, name or alias, ignoring case (e.g. <c>KN-23</c>).</summary>
    public string? System { get; init; }

    /// <summary>An actor code (e.g. <c>US</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>Events that end on or after this Korean date.</summary>
    public KoreanDate? Since { get; init; }

    /// <summary>Events that begin on or before this Korean date.</summary>
    public KoreanDate? Until { get; init; }

    /// <summary>Words that must all occur in the title, summary or weapon-system names.</summary>
    public string? Text { get; init; }

    /// <summary>At most this many events, or all when null.</summary>
    public int? Limit { get; init; }

    /// <summary>Skips this many matching events first (for paging).</summary>
    public int Offset { get; init; }

    /// <summary>Newest first (latest Korean date first) instead of the default oldest first.</summary>
    public bool NewestFirst { get; init; }
}

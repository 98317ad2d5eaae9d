namespace Peninsula.Reading;

/// <summary>A statement that is not a claim about an event, listed so that a reader sees it was not checked.</summary>
public enum StatementType
{
    /// <summary>An opinion or an assessment.</summary>
    Opinion,

    /// <summary>An intention, a plan or a possibility (future or modal).</summary>
    Intention,

    /// <summary>A generalisation ("they often use missile tests ...").</summary>
    Generalisation,
}

/// <summary>A sentence that states an opinion or an intention rather than an event; not checked.</summary>
public sealed record UncheckedStatement(string Text, int Start, int End, StatementType Type);

/// <summary>A sentence that could not be read: listed, so that nothing is lost to it silently.</summary>
/// <param name="Text">The sentence.</param>
/// <param name="Start">Offset of its first character in the article text.</param>
/// <param name="End">Offset just past its last character.</param>
/// <param name="Reason">Why, in plain language.</param>
public sealed record UnreadSentence(string Text, int Start, int End, string Reason);

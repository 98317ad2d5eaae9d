namespace Peninsula;

/// <summary>
/// Bad input: a file, row or value that Peninsula refuses. Carries where the problem is
/// (file, line, field) so that every message a user sees can point at it.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the error for a problem at a place in a file.</summary>
    public InputException(string message, string? file = null, long? line = null, string? field = null)
        : base(Describe(message, file, line, field))
    {
        Reason = message;
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The problem alone, without its place.</summary>
    public string Reason { get; }

    /// <summary>The file (or other input name) the problem is in, if known.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of the file, if known.</summary>
    public long? Line { get; }

    /// <summary>The field (column or property) the problem is in, if known.</summary>
    public string? Field { get; }

    /// <summary>
    /// Whether the input names something that is not there (a question id no question has): the
    /// HTTP API answers 404 for it rather than 400.
    /// </summary>
    public bool NotFound { get; init; }

    /// <summary>
    /// Whether the input would take the place of something already there (a question id in use):
    /// the HTTP API answers 409 for it rather than 400.
    /// </summary>
    public bool Conflict { get; init; }

    private static string Describe(string message, string? file, long? line, string? field)
    {
        var place = new List<string>(3);
        if (file is not null)
        {
            place.Add(file);
        }

        if (line is not null)
        {
            place.Add($"line {line}");
        }

        if (field is not null)
        {
            place.Add($"field '{field}'");
        }

        return place.Count == 0 ? message : $"{string.Join(", ", place)}: {message}";
    }
}

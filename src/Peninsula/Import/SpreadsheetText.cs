namespace Peninsula.Import;

/// <summary>
/// Text cells that a spreadsheet would run as a formula, made inert by the OWASP rule for CSV
/// injection: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
/// return gets a single quote in front. A cell that already starts with quotes before such a
/// character gets one more, so that <see cref="Restore"/> removing exactly one gives back every
/// value as it was.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>The value as written to a CSV cell: one quote in front if it would start a formula.</summary>
    public static string Neutralise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return StartsFormula(value.AsSpan().TrimStart('\'')) ? "'" + value : value;
    }

    /// <summary>The value as it was before <see cref="Neutralise"/>: exactly the one quote it added removed.</summary>
    public static string Restore(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.StartsWith('\'') && StartsFormula(cell.AsSpan().TrimStart('\'')) ? cell[1..] : cell;
    }

    private static bool StartsFormula(ReadOnlySpan<char> text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}

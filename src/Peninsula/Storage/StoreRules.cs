using Peninsula.Events;

namespace Peninsula.Storage;

/// <summary>The rules every backend applies the same way before and around a write.</summary>
internal static class StoreRules
{
    /// <summary>Refuses a save that names an id twice or holds an invalid event, before anything is written.</summary>
    public static void CheckSave(IReadOnlyCollection<Event> events, ChangeOrigin origin)
    {
        var duplicate = events.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InputException($"event id '{duplicate.Key}' appears {duplicate.Count()} times in one save.", origin.Input, field: "id");
        }

        foreach (var e in events)
        {
            e.Validated(origin.Input);
        }
    }

    /// <summary>
    /// The words of a search as a person typed them: split on white space, quotes dropped, words
    /// without a letter or digit ignored. Every word must occur, as a phrase ("KN-23" as written).
    /// </summary>
    public static IReadOnlyList<string> SearchWords(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Replace("\"", "", StringComparison.Ordinal))
                .Where(w => w.Any(char.IsLetterOrDigit))];
}

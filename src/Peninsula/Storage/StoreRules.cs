using Peninsula.Events;
using Peninsula.Import;

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

    /// <summary>Whether the stored event (null: none, or deleted) is still the one the caller read, when it says what it read.</summary>
    public static bool StillAsRead(IReadOnlyDictionary<string, Event?>? asRead, string id, Event? stored) =>
        asRead is null || !asRead.TryGetValue(id, out var read)
        || (read is null ? stored is null : stored is not null && EventJson.Serialize(read) == EventJson.Serialize(stored));

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

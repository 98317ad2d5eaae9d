using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Peninsula.Web.Api;

/// <summary>Reading query parameters; a bad value is an <see cref="InputException"/> that names the parameter (a 400 Problem).</summary>
internal static class QueryValues
{
    /// <summary>Every non-empty value of a parameter given several times (<c>kind=a&amp;kind=b</c>).</summary>
    public static string[] Many(StringValues values) => [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)];

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when not given.</summary>
    public static int Integer(StringValues values, string name, int fallback, int min, int max)
    {
        var text = values.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}, not '{text}'."), field: name);
    }

    /// <summary>true or false (1 or 0), or false when not given.</summary>
    public static bool Flag(StringValues values, string name) => values.FirstOrDefault()?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        var other => throw new InputException($"{name} must be true or false, not '{other}'.", field: name),
    };

    /// <summary>A Korean date, YYYY-MM-DD, or null when not given.</summary>
    public static Events.KoreanDate? Date(StringValues values, string name) => Events.KoreanDate.ParseInput(values.FirstOrDefault(), name);
}

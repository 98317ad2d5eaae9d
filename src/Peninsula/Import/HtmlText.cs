using System.Net;
using System.Text;

namespace Peninsula.Import;

/// <summary>
/// The text of an HTML fragment from an untrusted source, in one pass over its characters: tags
/// and comments dropped, the contents of scripts and styles dropped, entities decoded. Unlike an
/// HTML parser it builds no tree, so neither its time nor its stack grows with nesting depth.
/// </summary>
internal static class HtmlText
{
    // Tags that sit inside a word ("Hwa<b>song</b>"); every other tag separates words.
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    };

    /// <summary>The text of <paramref name="html"/>; a <c>&lt;</c> that opens no tag stays as text.</summary>
    public static string Of(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var lastClose = html.LastIndexOf('>');
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }

            text.Append(html, i, open - i);
            if (string.CompareOrdinal(html, open, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var nameStart = open + 1 < html.Length && html[open + 1] == '/' ? open + 2 : open + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            // Look for the closing '>' only where a tag can start, and only if one is left: a run of
            // '<' with no '>' after it would otherwise scan to the end once for each.
            var tagStart = nameStart < html.Length && (nameEnd > nameStart || html[nameStart - 1] == '/' || html[nameStart] is '!' or '?');
            var close = tagStart && open < lastClose ? html.IndexOf('>', open + 1) : -1;
            if (close < 0)
            {
                // Not a tag ("a < b"): keep the character and go on.
                text.Append('<');
                i = open + 1;
                continue;
            }

            var name = html[nameStart..nameEnd];
            i = close + 1;
            if (nameStart == open + 1 && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                var endClose = end < 0 ? -1 : html.IndexOf('>', end);
                i = endClose < 0 ? html.Length : endClose + 1;
            }

            if (!Inline.Contains(name))
            {
                text.Append(' ');
            }
        }

        return WebUtility.HtmlDecode(text.ToString());
    }
}

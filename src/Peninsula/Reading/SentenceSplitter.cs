namespace Peninsula.Reading;

/// <summary>A span of the article text: offsets in UTF-16 code units, end exclusive.</summary>
internal readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public string Of(string text) => text[Start..End];
}

/// <summary>Matching within a span without copying the text: lookbehinds stop at the span's start.</summary>
internal static class SpanMatching
{
    public static IEnumerable<System.Text.RegularExpressions.Match> MatchesIn(this System.Text.RegularExpressions.Regex pattern, string text, TextSpan span)
    {
        if (span.Length <= 0)
        {
            yield break;
        }

        for (var m = pattern.Match(text, span.Start, span.Length); m.Success; m = m.NextMatch())
        {
            yield return m;
        }
    }
}

/// <summary>
/// Splits English prose into sentences, keeping offsets. A sentence ends at <c>.</c>, <c>!</c> or
/// <c>?</c> (with any closing quotes or brackets) before white space and a capital, digit or quote,
/// unless the word is a known abbreviation (<c>data/claims/abbreviations.csv</c>: "U.S.", "Jan.");
/// a blank line or a heading line (no closing punctuation) also ends one.
/// </summary>
/// <remarks>
/// No sentence splitter library fits here: the ones on NuGet need a trained model or a full NLP
/// pipeline. News prose with an abbreviation list is the case this rule handles.
/// </remarks>
internal sealed class SentenceSplitter(IReadOnlyList<string> abbreviations)
{
    private readonly HashSet<string> _abbreviations = new(abbreviations, StringComparer.OrdinalIgnoreCase);

    /// <summary>A run of text longer than this without an end of sentence is cut at a space: it bounds the work per sentence.</summary>
    public const int MaxSentence = 1000;

    public IEnumerable<TextSpan> Split(string text) => SplitSentences(text).SelectMany(s => Bounded(text, s));

    private static IEnumerable<TextSpan> Bounded(string text, TextSpan sentence)
    {
        var start = sentence.Start;
        while (sentence.End - start > MaxSentence)
        {
            var cut = text.LastIndexOf(' ', start + MaxSentence, MaxSentence / 2);
            var end = cut > start ? cut : start + MaxSentence;
            yield return new TextSpan(start, end);
            start = end;
        }

        yield return new TextSpan(start, sentence.End);
    }

    private IEnumerable<TextSpan> SplitSentences(string text)
    {
        var start = SkipSpace(text, 0);
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n' && EndsLine(text, start, i))
            {
                if (HasLetters(text, start, i))
                {
                    yield return Trim(text, start, i);
                }

                start = SkipSpace(text, i + 1);
                i = start;
                continue;
            }

            if (c is '.' or '!' or '?' or '…')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is '"' or '\'' or '’' or '”' or ')' or ']' or '.' or '!' or '?')
                {
                    end++;
                }

                if (IsBoundary(text, start, i, end))
                {
                    yield return Trim(text, start, end);
                    start = SkipSpace(text, end);
                    i = start;
                    continue;
                }

                i = end;
                continue;
            }

            i++;
        }

        if (start < text.Length && HasLetters(text, start, text.Length))
        {
            yield return Trim(text, start, text.Length);
        }
    }

    private bool IsBoundary(string text, int sentenceStart, int dot, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            return false;
        }

        var next = SkipSpace(text, end);
        if (next >= text.Length)
        {
            return true;
        }

        if (char.IsLower(text[next]))
        {
            return false;
        }

        if (text[dot] != '.')
        {
            return true;
        }

        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not '(' and not '"' and not '“')
        {
            wordStart--;
        }

        var word = text[wordStart..(dot + 1)];
        // "U.S." or a single capital ("J. Blinken") is not the end of a sentence.
        return !_abbreviations.Contains(word) && !(word.Length == 2 && char.IsUpper(word[0]));
    }

    /// <summary>A new line ends a sentence when a blank line follows or the line is a heading (no closing punctuation).</summary>
    private static bool EndsLine(string text, int start, int newline)
    {
        var next = newline + 1;
        while (next < text.Length && text[next] is ' ' or '\t' or '\r')
        {
            next++;
        }

        if (next >= text.Length || text[next] == '\n')
        {
            return true;
        }

        var last = newline - 1;
        while (last >= start && char.IsWhiteSpace(text[last]))
        {
            last--;
        }

        return last >= start && text[last] is not (',' or ';' or ':' or '-' or '–') && char.IsUpper(text[next]) && newline - start < 100;
    }

    private static bool HasLetters(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsLetter(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static TextSpan Trim(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new TextSpan(start, end);
    }
}

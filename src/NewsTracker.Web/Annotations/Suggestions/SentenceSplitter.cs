namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>
/// Splits plain text into sentence spans. A line break always ends a sentence (blocks and captions stay
/// apart); otherwise a sentence ends at <c>. ! ? …</c> plus closing quotes when the next word starts a
/// sentence, unless the full stop belongs to an initial, a title ("Mr.") or a dotted abbreviation ("U.S.").
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Words whose full stop does not end a sentence; the tokenizer also lets names run across them.</summary>
    internal static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm",
        "St", "Mt", "Ft", "Jr", "Sr", "No", "vs", "Rev", "Hon", "Supt", "Insp", "Det",
    };

    /// <summary>After "U.S." only these words make the full stop a sentence end ("in the U.S. The next day").</summary>
    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "It", "He", "She", "They", "We", "I", "But", "This", "That", "These", "In", "However",
        "There", "His", "Her", "Its", "Their", "On", "At", "After", "Before", "When", "While", "And", "So",
    };

    private const string ClosingMarks = "\"'”’»)]";
    private const string OpeningMarks = "\"'“‘«([";

    /// <summary>The sentences of <paramref name="text"/> in order, trimmed of surrounding whitespace.</summary>
    public static IReadOnlyList<TextSpan> Split(string text)
    {
        var sentences = new List<TextSpan>();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                Close(text, sentences, ref start, i);
                i++;
                continue;
            }

            if (start < 0 && !char.IsWhiteSpace(c))
            {
                start = i;
            }

            if (c is '.' or '!' or '?' or '…')
            {
                var end = i + 1;
                while (end < text.Length && (text[end] is '.' or '!' or '?' or '…' || ClosingMarks.Contains(text[end], StringComparison.Ordinal)))
                {
                    end++;
                }

                if (EndsSentence(text, i, end))
                {
                    Close(text, sentences, ref start, end);
                }

                i = end;
                continue;
            }

            i++;
        }

        Close(text, sentences, ref start, text.Length);
        return sentences;
    }

    private static void Close(string text, List<TextSpan> sentences, ref int start, int end)
    {
        if (start >= 0)
        {
            var trimmedEnd = end;
            while (trimmedEnd > start && char.IsWhiteSpace(text[trimmedEnd - 1]))
            {
                trimmedEnd--;
            }

            if (trimmedEnd > start)
            {
                sentences.Add(new TextSpan(start, trimmedEnd));
            }
        }

        start = -1;
    }

    private static bool EndsSentence(string text, int mark, int end)
    {
        if (end >= text.Length || text[end] == '\n')
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            return false; // 3.5, example.com, "U.S.-led"
        }

        var next = end;
        while (next < text.Length && text[next] is ' ' or '\t')
        {
            next++;
        }

        if (next >= text.Length || text[next] == '\n')
        {
            return true;
        }

        var first = text[next];
        if (!char.IsUpper(first) && !char.IsDigit(first) && !OpeningMarks.Contains(first, StringComparison.Ordinal) && !char.IsHighSurrogate(first))
        {
            return false;
        }

        if (text[mark] != '.' || end != mark + 1)
        {
            return true;
        }

        var wordStart = mark;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, mark - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false; // an initial: "J. K. Rowling"
        }

        if (word.Contains('.'))
        {
            return SentenceStarters.Contains(NextWord(text, next));
        }

        return !Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static string NextWord(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text[start..end];
    }
}

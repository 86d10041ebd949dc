using System.Globalization;
using System.Text;

namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>A word of the plain text: its span, and what separates it from the word before.</summary>
/// <param name="BreakBefore">Punctuation, a line break or a sentence boundary stands between this word and the previous one.</param>
/// <param name="Possessive">The word was followed by "'s" or a bare apostrophe, which is left out of the span.</param>
/// <param name="InHeadline">The word is on a Title-Case line, where capitals say nothing about names.</param>
internal readonly record struct Token(int Start, int End, string Text, bool BreakBefore, bool Possessive, bool SentenceStart, bool InHeadline)
{
    public bool IsCapitalised => Rune.TryGetRuneAt(Text, 0, out var rune) && (Rune.IsUpper(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.TitlecaseLetter);

    public bool IsInitial => Text.Length == 1 && char.IsUpper(Text[0]);

    /// <summary>"NATO", "BBC", "G7": two or more characters, all capitals or digits, starting with a capital.</summary>
    public bool IsAcronym => Text.Length >= 2 && char.IsUpper(Text[0]) && Text.All(c => char.IsUpper(c) || char.IsDigit(c));
}

/// <summary>Cuts plain text into word tokens by scanning once; spans always fall on whole code points.</summary>
internal static class Tokenizer
{
    /// <summary>A line counts as Title Case with at least this many longer words, most of them capitalised.</summary>
    private const int HeadlineMinLongWords = 4;
    private const int HeadlineLongWordLength = 4;
    private const double HeadlineCapitalisedShare = 0.7;

    public static List<Token> Tokenize(string text, IReadOnlyList<TextSpan> sentences)
    {
        var tokens = new List<Token>(text.Length / 6);
        var lineStarts = new List<int> { 0 };
        var sentence = 0;
        var markedSentence = -1;
        var gapBreaks = true;
        var gapLength = 0;
        var previousAllowsDot = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text, i, out var width))
            {
                var c = text[i];
                if (c == '\n')
                {
                    gapBreaks = true;
                    lineStarts.Add(tokens.Count);
                }
                else if (!char.IsWhiteSpace(c) && !(c == '.' && gapLength == 0 && previousAllowsDot))
                {
                    gapBreaks = true;
                }

                gapLength += width;
                i += width;
                continue;
            }

            var end = ScanWord(text, i, out var suffixEnd);
            while (sentence < sentences.Count && sentences[sentence].End <= i)
            {
                sentence++;
            }

            // The first word of a sentence may follow an opening quote, so compare positions, not equality.
            var sentenceStart = sentence < sentences.Count && i >= sentences[sentence].Start && sentence != markedSentence;
            if (sentenceStart)
            {
                markedSentence = sentence;
            }

            var word = text[i..end];
            var possessive = suffixEnd > end;
            tokens.Add(new Token(i, end, word, gapBreaks || sentenceStart, possessive, sentenceStart, InHeadline: false));

            // A possessive ends a name: "Russia's Foreign Ministry" is two things.
            gapBreaks = possessive;
            gapLength = 0;
            previousAllowsDot = !possessive && ((word.Length == 1 && char.IsUpper(word[0])) || SentenceSplitter.Abbreviations.Contains(word));
            i = suffixEnd;
        }

        MarkHeadlines(tokens, lineStarts);
        return tokens;
    }

    /// <summary>Letters, digits and combining marks, read as whole code points so a surrogate pair is never split.</summary>
    internal static bool IsWordChar(string text, int index, out int width)
    {
        if (Rune.TryGetRuneAt(text, index, out var rune))
        {
            width = rune.Utf16SequenceLength;
            return Rune.IsLetterOrDigit(rune)
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
        }

        width = 1;
        return false;
    }

    private static bool IsWordCharAt(string text, int index) => index < text.Length && IsWordChar(text, index, out _);

    /// <summary>Reads a word from <paramref name="start"/>: inner apostrophes (O'Brien) and hyphens (al-Assad),
    /// dotted abbreviations (U.S.) stay inside; a possessive "'s" ends it and is skipped.</summary>
    private static int ScanWord(string text, int start, out int suffixEnd)
    {
        var p = start;
        var segmentStart = start;
        var dotted = false;
        while (true)
        {
            while (p < text.Length && IsWordChar(text, p, out var width))
            {
                p += width;
            }

            if (p >= text.Length)
            {
                break;
            }

            var c = text[p];
            if (c is '\'' or '’')
            {
                if (p + 1 < text.Length && text[p + 1] is 's' or 'S' && !IsWordCharAt(text, p + 2))
                {
                    suffixEnd = p + 2;
                    return p;
                }

                if (IsWordCharAt(text, p + 1))
                {
                    p++;
                    continue;
                }

                if (text[p - 1] is 's' or 'S' && p - start > 1)
                {
                    suffixEnd = p + 1; // plural possessive: "the allies' position"
                    return p;
                }

                break;
            }

            if (c is '-' or '‐' && IsWordCharAt(text, p + 1))
            {
                p++;
                segmentStart = p;
                continue;
            }

            if (c == '.' && p - segmentStart == 1 && char.IsUpper(text[segmentStart]))
            {
                if (p + 2 < text.Length && char.IsUpper(text[p + 1]) && text[p + 2] == '.')
                {
                    dotted = true;
                    p++;
                    segmentStart = p;
                    continue;
                }

                if (dotted)
                {
                    p++;
                }
            }

            break;
        }

        suffixEnd = p;
        return p;
    }

    private static void MarkHeadlines(List<Token> tokens, List<int> lineStarts)
    {
        for (var line = 0; line < lineStarts.Count; line++)
        {
            var from = lineStarts[line];
            var to = line + 1 < lineStarts.Count ? lineStarts[line + 1] : tokens.Count;
            var longWords = 0;
            var capitalised = 0;
            for (var t = from; t < to; t++)
            {
                if (tokens[t].Text.Length >= HeadlineLongWordLength)
                {
                    longWords++;
                    capitalised += tokens[t].IsCapitalised ? 1 : 0;
                }
            }

            if (longWords >= HeadlineMinLongWords && capitalised >= longWords * HeadlineCapitalisedShare)
            {
                for (var t = from; t < to; t++)
                {
                    tokens[t] = tokens[t] with { InHeadline = true };
                }
            }
        }
    }
}

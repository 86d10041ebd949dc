using System.Text;

namespace NewsTracker.Web.Stories;

/// <summary>
/// Compares two article texts sentence by sentence: which sentences one adds to the other and how many
/// it leaves out. Sentences match after folding whitespace, case and typographic quotes, so a wire copy
/// re-typed with curly quotes or a different line wrap still matches its source.
/// </summary>
public static class SentenceDiff
{
    /// <summary>Words ending in a full stop that do not end a sentence ("Mr. Smith", "Gen. Lee").</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov", "pres",
        "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "approx", "jan", "feb", "mar", "apr", "aug",
        "sept", "sep", "oct", "nov", "dec",
    };

    /// <summary>What <c>other</c> has that <c>first</c> has not (in reading order, each once) and how many of
    /// <c>first</c>'s sentences it does not have.</summary>
    public sealed record Comparison(IReadOnlyList<string> Added, int Omitted);

    public static Comparison Compare(string first, string other)
    {
        var firstKeys = Split(first).Select(Normalise).ToHashSet(StringComparer.Ordinal);
        var otherSentences = Split(other);
        var otherKeys = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var sentence in otherSentences)
        {
            var key = Normalise(sentence);
            if (otherKeys.Add(key) && !firstKeys.Contains(key))
            {
                added.Add(sentence);
            }
        }

        return new Comparison(added, firstKeys.Count(k => !otherKeys.Contains(k)));
    }

    /// <summary>The sentences of a plain text, whitespace folded. Blocks (blank-line separated) never share a
    /// sentence, so a caption without a full stop stays apart from the paragraph after it.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var block in text.Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries))
        {
            var folded = FoldWhitespace(block);
            var start = 0;
            for (var i = 0; i < folded.Length; i++)
            {
                if (folded[i] is not ('.' or '!' or '?'))
                {
                    continue;
                }

                // Closing quotes and brackets belong to the sentence they end.
                var end = i + 1;
                while (end < folded.Length && IsCloser(folded[end]))
                {
                    end++;
                }

                if (end < folded.Length && folded[end] == ' ' && StartsSentence(folded, end + 1) && !IsAbbreviation(folded, start, i))
                {
                    Add(sentences, folded[start..end]);
                    start = end + 1;
                    i = end;
                }
            }

            Add(sentences, folded[start..]);
        }

        return sentences;
    }

    /// <summary>The form sentences are compared in: folded whitespace, lower case, straight quotes.</summary>
    public static string Normalise(string sentence)
    {
        var builder = new StringBuilder(sentence.Length);
        foreach (var c in FoldWhitespace(sentence))
        {
            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201F' or '\u2033' => '"',
                '\u2013' or '\u2014' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    private static void Add(List<string> sentences, string sentence)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '\u2019' or '\u201D' or '\u00BB';

    private static bool StartsSentence(string text, int index) =>
        index < text.Length && (char.IsUpper(text[index]) || char.IsDigit(text[index]) || text[index] is '"' or '\'' or '(' or '\u2018' or '\u201C' or '\u00AB');

    /// <summary>"U.S.", "J." and listed titles end in a full stop without ending the sentence.</summary>
    private static bool IsAbbreviation(string text, int sentenceStart, int stop)
    {
        if (text[stop] != '.')
        {
            return false;
        }

        var wordStart = stop;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('"' or '(' or '\u201C'))
        {
            wordStart--;
        }

        var word = text[wordStart..stop];
        return word.Length == 1 && char.IsLetter(word[0])
            || word.Contains('.', StringComparison.Ordinal) && word.Replace(".", string.Empty, StringComparison.Ordinal).All(char.IsLetter)
            || Abbreviations.Contains(word);
    }

    private static string FoldWhitespace(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Turns pasted or seeded plain text into a title and body blocks. Understands the wire-copy shape:
/// the first line is the title and may be repeated on the next line (dropped); blank lines separate
/// paragraphs; a short line without closing punctuation that stands between paragraphs is an image
/// caption; a very short one is a sub-heading; hard-wrapped paragraphs are joined back.
/// </summary>
public static class PlainTextArticleParser
{
    /// <summary>Captions longer than this are paragraphs that merely lack a full stop.</summary>
    public const int MaxCaptionLength = 300;

    /// <summary>A Title-Case line without closing punctuation of at most this many words is a sub-heading.</summary>
    public const int MaxHeadingWords = 10;

    /// <summary>Any line without closing punctuation of at most this many words is a sub-heading.</summary>
    public const int MaxBareHeadingWords = 4;

    private const int WrappedLineMinLength = 50;

    private static readonly char[] ClosingPunctuation = ['.', '!', '?', '…', ':', ';'];
    private static readonly char[] ClosingQuotes = ['"', '\'', '”', '’', '»', ')', ']'];

    /// <summary>Parses <paramref name="text"/>. When <paramref name="title"/> is given it is the title and
    /// the text is all body (a first line repeating it is dropped); otherwise the first line is the title.</summary>
    public static ParsedArticle Parse(string text, string? title = null)
    {
        var chunks = SplitIntoChunks(text);
        var lines = new Queue<string>(chunks.SelectMany(LinesOfChunk));

        var resolvedTitle = string.IsNullOrWhiteSpace(title) ? null : TextTools.FoldWhitespace(title);
        if (resolvedTitle is null && lines.Count > 0)
        {
            resolvedTitle = lines.Dequeue();
        }

        // Wire copy often repeats the headline as the first body line.
        while (resolvedTitle is not null && lines.Count > 0 && SameText(lines.Peek(), resolvedTitle))
        {
            lines.Dequeue();
        }

        var texts = lines.ToList();
        var blocks = new List<ParsedBlock>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            blocks.Add(new ParsedBlock(Classify(texts[i], isLast: i == texts.Count - 1), StripMarkdownHeading(texts[i])));
        }

        return new ParsedArticle(resolvedTitle ?? string.Empty, blocks);
    }

    private static BlockKind Classify(string line, bool isLast)
    {
        if (line.StartsWith('#'))
        {
            return BlockKind.Heading;
        }

        if (EndsLikeSentence(line) || isLast)
        {
            return BlockKind.Paragraph;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= MaxBareHeadingWords || (words.Length <= MaxHeadingWords && IsTitleCase(words)))
        {
            return BlockKind.Heading;
        }

        return line.Length <= MaxCaptionLength ? BlockKind.Caption : BlockKind.Paragraph;
    }

    /// <summary>Headline style: most longer words capitalised ("What Happens Next for Kyiv").</summary>
    private static bool IsTitleCase(string[] words)
    {
        var longWords = words.Where(w => w.Length >= 4).ToList();
        return longWords.Count > 0 && longWords.Count(w => char.IsUpper(w[0])) >= Math.Ceiling(longWords.Count * 0.7);
    }

    private static string StripMarkdownHeading(string line) =>
        line.StartsWith('#') ? line.TrimStart('#').Trim() is { Length: > 0 } stripped ? stripped : line : line;

    private static bool EndsLikeSentence(string line)
    {
        var trimmed = line.TrimEnd(ClosingQuotes);
        return trimmed.Length > 0 && ClosingPunctuation.Contains(trimmed[^1]);
    }

    private static bool SameText(string a, string b) =>
        string.Equals(TextTools.FoldWhitespace(a), TextTools.FoldWhitespace(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Chunks are runs of non-blank lines, already whitespace-folded.</summary>
    private static List<List<string>> SplitIntoChunks(string text)
    {
        var chunks = new List<List<string>>();
        var current = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimStart('\uFEFF').Split('\n'))
        {
            var line = TextTools.FoldWhitespace(raw.Replace('\u00A0', ' '));
            if (line.Length == 0)
            {
                if (current.Count > 0)
                {
                    chunks.Add(current);
                    current = [];
                }

                continue;
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    /// <summary>Within a chunk each line is its own block, except hard-wrapped lines, which are joined.</summary>
    private static IEnumerable<string> LinesOfChunk(List<string> chunk)
    {
        var pending = chunk[0];
        for (var i = 1; i < chunk.Count; i++)
        {
            if (IsWrapContinuation(pending, chunk[i]))
            {
                pending = pending.EndsWith('-') && char.IsLower(chunk[i][0])
                    ? string.Concat(pending.AsSpan(0, pending.Length - 1), chunk[i])
                    : pending + " " + chunk[i];
            }
            else
            {
                yield return pending;
                pending = chunk[i];
            }
        }

        yield return pending;
    }

    private static bool IsWrapContinuation(string previous, string next)
    {
        if (EndsLikeSentence(previous))
        {
            return false;
        }

        // A hard wrap leaves a long line cut mid-sentence, usually before a lower-case word or a number,
        // or after a comma or hyphen; a short line is a caption or heading standing on its own.
        return previous.Length >= WrappedLineMinLength
            && (char.IsLower(next[0]) || char.IsDigit(next[0]) || previous.EndsWith(',') || previous.EndsWith('-'));
    }
}

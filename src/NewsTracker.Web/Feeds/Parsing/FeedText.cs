using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>Plain text from the HTML-ish strings feeds put in titles and names: tags dropped, entities
/// decoded (also the double-escaped <c>&amp;amp;</c> many feeds write), control characters removed,
/// whitespace folded.</summary>
public static partial class FeedText
{
    /// <summary>Only this much of a value is looked at: a title is never longer, and it bounds the work.</summary>
    public const int MaxInputChars = 8 * 1024;

    private static readonly SearchValues<char> Invalid = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    /// <summary>Plain text of <paramref name="value"/>, cut at a word boundary to <paramref name="maxLength"/>; null when nothing is left.</summary>
    public static string? ToPlainText(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Length > MaxInputChars ? value[..MaxInputChars] : value;
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = Tag().Replace(text, " ");
        }

        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        text = TextTools.FoldWhitespace(RemoveControlCharacters(text));
        return text.Length == 0 ? null : TextTools.Truncate(text, maxLength);
    }

    /// <summary>An HTML fragment as plain-text paragraphs separated by blank lines (block ends and line
    /// breaks become paragraph breaks), for a feed item whose HTML the extractor cannot use.</summary>
    public static string ToParagraphs(string html)
    {
        var text = WebUtility.HtmlDecode(Tag().Replace(BlockEnd().Replace(html, "\n\n"), " "));
        return string.Join("\n\n", text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => TextTools.FoldWhitespace(RemoveControlCharacters(p)))
            .Where(p => p.Length > 0));
    }

    /// <summary>The name part of an RSS author such as <c>desk@example.org (Ines Varga)</c>; null for a bare address.</summary>
    public static string? AuthorName(string? value, int maxLength)
    {
        var text = ToPlainText(value, maxLength);
        if (text is null)
        {
            return null;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0 && text.EndsWith(')') && text[..open].Contains('@', StringComparison.Ordinal))
        {
            return ToPlainText(text[(open + 1)..^1], maxLength);
        }

        return text.Contains('@', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal) ? null : text;
    }

    /// <summary>Removes C0 controls other than tab and line breaks, and the noncharacters U+FFFE/U+FFFF,
    /// none of which XML allows.</summary>
    public static string RemoveControlCharacters(string text)
    {
        var first = text.AsSpan().IndexOfAny(Invalid);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (first >= 0)
        {
            builder.Append(rest[..first]);
            rest = rest[(first + 1)..];
            first = rest.IndexOfAny(Invalid);
        }

        return builder.Append(rest).ToString();
    }

    [GeneratedRegex(@"</(?:p|div|li|h[1-6]|blockquote|figcaption|tr)\s*>|<br\s*/?>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    // A tag starts with a letter (or /letter); "a < b" stays text.
    [GeneratedRegex(@"</?[A-Za-z][^<>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}

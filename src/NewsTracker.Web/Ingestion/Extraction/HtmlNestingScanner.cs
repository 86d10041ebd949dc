namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Estimates how deep a page nests its elements from the raw text, without building a DOM. It keeps
/// a stack of open tag names, skips comments, void elements and raw-text bodies (scripts, styles),
/// and applies the few implied end tags real pages rely on (an open &lt;p&gt; or &lt;li&gt; closed by
/// the next one), so ordinary pages measure their true depth while nesting attacks measure high.
/// </summary>
public static class HtmlNestingScanner
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "isindex", "nextid",
    };

    // Their content is text up to the matching end tag, so tags inside do not count.
    private static readonly HashSet<string> RawTextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    // An open element of the same name (or of a sibling name) ends when one of these starts.
    private static readonly Dictionary<string, string[]> ClosedBySibling = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p"] = ["p"],
        ["li"] = ["li"],
        ["dt"] = ["dt", "dd"],
        ["dd"] = ["dt", "dd"],
        ["option"] = ["option"],
        ["tr"] = ["tr", "td", "th"],
        ["td"] = ["td", "th"],
        ["th"] = ["td", "th"],
        ["thead"] = ["thead", "tbody", "tfoot"],
        ["tbody"] = ["thead", "tbody", "tfoot"],
        ["tfoot"] = ["thead", "tbody", "tfoot"],
    };

    // Starting one of these ends an open <p>, as the HTML parser does.
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    };

    private static readonly string[] ForeignRoots = ["svg", "math"];

    /// <summary>The deepest nesting found, stopping early once it passes <paramref name="stopAbove"/>.</summary>
    public static int MaxDepth(string html, int stopAbove = int.MaxValue)
    {
        var open = new List<string>();
        var foreignDepth = 0;
        var max = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            var next = html[lt + 1];
            if (next == '!' || next == '?')
            {
                i = SkipMarkup(html, lt);
                continue;
            }

            var isEnd = next == '/';
            var nameStart = isEnd ? lt + 2 : lt + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                i = lt + 1;
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && !char.IsWhiteSpace(html[nameEnd]) && html[nameEnd] is not ('>' or '/'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd];
            var (tagEnd, selfClosing) = FindTagEnd(html, nameEnd);
            i = tagEnd;

            if (isEnd)
            {
                CloseTo(open, name, ref foreignDepth);
                continue;
            }

            if (VoidElements.Contains(name) || (selfClosing && (foreignDepth > 0 || IsForeignRoot(name))))
            {
                continue;
            }

            if (RawTextElements.Contains(name))
            {
                i = SkipRawText(html, i, name);
                continue;
            }

            ApplyImpliedEnds(open, name);
            open.Add(name);
            if (IsForeignRoot(name))
            {
                foreignDepth++;
            }

            max = Math.Max(max, open.Count);
            if (max > stopAbove)
            {
                return max;
            }
        }

        return max;
    }

    private static bool IsForeignRoot(string name) =>
        ForeignRoots.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static void ApplyImpliedEnds(List<string> open, string name)
    {
        if (open.Count == 0)
        {
            return;
        }

        var top = open[^1];
        if (ClosedBySibling.TryGetValue(top, out var closers) && closers.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            open.RemoveAt(open.Count - 1);
        }
        else if (ClosesParagraph.Contains(name) && string.Equals(top, "p", StringComparison.OrdinalIgnoreCase))
        {
            open.RemoveAt(open.Count - 1);
        }
    }

    private static void CloseTo(List<string> open, string name, ref int foreignDepth)
    {
        for (var k = open.Count - 1; k >= 0; k--)
        {
            if (!string.Equals(open[k], name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            for (var j = open.Count - 1; j >= k; j--)
            {
                if (IsForeignRoot(open[j]))
                {
                    foreignDepth--;
                }
            }

            open.RemoveRange(k, open.Count - k);
            return;
        }

        // A stray end tag closes nothing, as in the HTML parser.
    }

    private static (int End, bool SelfClosing) FindTagEnd(string html, int from)
    {
        var quote = '\0';
        var previous = ' ';
        for (var k = from; k < html.Length; k++)
        {
            var c = html[k];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && previous == '=')
            {
                // Quotes only open an attribute value right after '='.
                quote = c;
            }
            else if (c == '>')
            {
                return (k + 1, previous == '/');
            }

            if (!char.IsWhiteSpace(c))
            {
                previous = c;
            }
        }

        return (html.Length, false);
    }

    private static int SkipMarkup(string html, int lt)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        var close = html.IndexOf('>', lt + 1);
        return close < 0 ? html.Length : close + 1;
    }

    private static int SkipRawText(string html, int from, string name)
    {
        var end = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html.Length : end;
    }
}

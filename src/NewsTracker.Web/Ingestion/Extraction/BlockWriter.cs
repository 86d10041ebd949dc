using System.Text;
using AngleSharp.Dom;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Turns a cleaned content element into ordered body blocks. Block elements start a new block;
/// inline text joins the block around it; the nearest telling ancestor decides the kind, so a
/// paragraph inside a blockquote is a quote and one inside a list item is a list item.
/// </summary>
public static class BlockWriter
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "button", "select", "option", "input", "textarea", "svg",
        "iframe", "object", "embed", "video", "audio", "canvas", "map", "head",

        // Ruby annotations (furigana) read aloud the characters they sit on; inline they would split words.
        "rt", "rp",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul", "body", "html", "menu", "legend",
    };

    /// <summary>The blocks of <paramref name="content"/>, in reading order, none empty.</summary>
    public static List<ParsedBlock> Write(IElement content)
    {
        var writer = new Writer();
        writer.Visit(content, BlockKind.Paragraph);
        writer.Flush(BlockKind.Paragraph);
        return writer.Blocks;
    }

    // Everything inside a figure is its caption or credit, never running text.
    private static BlockKind KindFor(string tag, BlockKind inherited) => tag switch
    {
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockKind.Heading,
        "figcaption" or "caption" or "figure" => BlockKind.Caption,
        "blockquote" => BlockKind.Quote,
        "li" or "dt" or "dd" => BlockKind.ListItem,
        _ => inherited,
    };

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();

        public List<ParsedBlock> Blocks { get; } = [];

        public void Visit(INode node, BlockKind kind)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        _text.Append(text.Data);
                        break;
                    case IElement element:
                        VisitElement(element, kind);
                        break;
                    default:
                        break;
                }
            }
        }

        public void Flush(BlockKind kind)
        {
            if (_text.Length == 0)
            {
                return;
            }

            // A soft hyphen only marks where a word may break; kept, it splits the word for search and quotes.
            var folded = TextTools.FoldWhitespace(_text.Replace("\u00AD", string.Empty).ToString());
            _text.Clear();
            if (folded.Length > 0)
            {
                Blocks.Add(new ParsedBlock(kind, folded));
            }
        }

        private void VisitElement(IElement element, BlockKind kind)
        {
            var tag = element.LocalName;
            if (Skipped.Contains(tag))
            {
                return;
            }

            if (tag == "br")
            {
                _text.Append(' ');
                return;
            }

            if (!BlockElements.Contains(tag))
            {
                Visit(element, kind);
                return;
            }

            Flush(kind);
            var inner = KindFor(tag, kind);
            Visit(element, inner);
            Flush(inner);
        }
    }
}

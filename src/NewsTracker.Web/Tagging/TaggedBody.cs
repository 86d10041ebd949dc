using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Pages;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// An article body with its tags (and, for staff, suggestions) drawn in: each block knows its offset in the
/// plain text and renders its text split into nested <c>&lt;mark&gt;</c> elements by <see cref="MarkSegmenter"/>.
/// The <c>_ArticleBody</c> partial takes it wherever it takes plain blocks. The rendered text of a block is
/// exactly the block's text (no extra whitespace or generated letters), so the page's script can map a
/// selection back to plain-text offsets from <c>data-start</c>. Highlights are not focusable in the markup: the
/// script makes each one's first fragment a tab stop, since nested focusable elements stop a mouse drag from
/// selecting text and without the script a focused highlight would do nothing.
/// </summary>
public sealed class TaggedBody : IReadOnlyList<BodyBlock>
{
    /// <summary>Tags of one kind nest inside tags of the kinds before them when they cover the same span.</summary>
    private static readonly AnnotationKind[] Layering = [AnnotationKind.Claim, AnnotationKind.Source, AnnotationKind.ActorMention];

    private readonly List<(BodyBlock Block, int Start)> _blocks;
    private readonly IReadOnlyList<ArticleTags.Tag> _tags;
    private readonly IReadOnlyList<ArticleTags.Suggested> _suggestions;
    private readonly List<MarkSpan> _spans;

    public TaggedBody(IEnumerable<(BodyBlock Block, int Start)> blocks, IReadOnlyList<ArticleTags.Tag> tags, IReadOnlyList<ArticleTags.Suggested> suggestions)
    {
        _blocks = blocks.ToList();
        _tags = tags;
        _suggestions = suggestions;
        _spans = tags.Select((t, i) => new MarkSpan(i, t.Start, t.End, Array.IndexOf(Layering, t.Kind)))
            .Concat(suggestions.Select((s, i) => new MarkSpan(tags.Count + i, s.Start, s.End, Layering.Length + Array.IndexOf(Layering, s.Kind))))
            .ToList();
    }

    public int Count => _blocks.Count;

    public BodyBlock this[int index] => _blocks[index].Block;

    /// <summary>The block's offset in the version's plain text.</summary>
    public int StartOf(int index) => _blocks[index].Start;

    /// <summary>The block's text with its tags and suggestions as nested elements.</summary>
    public IHtmlContent Content(int index)
    {
        var (block, start) = _blocks[index];
        var nodes = _spans.Count == 0 ? [new TextPiece(0, block.Text.Length)] : MarkSegmenter.Segment(start, block.Text.Length, _spans);
        return new BlockContent(this, block.Text, nodes);
    }

    public IEnumerator<BodyBlock> GetEnumerator() => _blocks.Select(b => b.Block).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The CSS name of a kind: claim, actor or source.</summary>
    public static string CssKind(AnnotationKind kind) => kind switch
    {
        AnnotationKind.Claim => "claim",
        AnnotationKind.ActorMention => "actor",
        _ => "source",
    };

    private sealed class BlockContent(TaggedBody body, string text, IReadOnlyList<MarkNode> nodes) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var open = new List<int>();
            foreach (var node in nodes)
            {
                Write(writer, encoder, node, open);
            }
        }

        private void Write(TextWriter writer, HtmlEncoder encoder, MarkNode node, List<int> openTags)
        {
            switch (node)
            {
                case TextPiece piece:
                    encoder.Encode(writer, text, piece.Start, piece.End - piece.Start);
                    break;
                case SpanPiece span when span.Key < body._tags.Count:
                    var tag = body._tags[span.Key];
                    openTags.Add(tag.Id);
                    writer.Write("<mark class=\"tag tag-");
                    writer.Write(CssKind(tag.Kind));
                    writer.Write(tag.IsProposed ? " tag-proposed" : " tag-approved");
                    WriteEnds(writer, "tag", span);
                    writer.Write("\" data-tag=\"");
                    writer.Write(tag.Id.ToString(CultureInfo.InvariantCulture));
                    writer.Write("\" data-tags=\"");
                    writer.Write(string.Join(' ', openTags.Select(id => id.ToString(CultureInfo.InvariantCulture))));
                    writer.Write("\" aria-describedby=\"tag-");
                    writer.Write(tag.Id.ToString(CultureInfo.InvariantCulture));
                    writer.Write("-label\" title=\"");
                    encoder.Encode(writer, tag.Describe());
                    if (span.IsFirst)
                    {
                        writer.Write("\" id=\"mark-");
                        writer.Write(tag.Id.ToString(CultureInfo.InvariantCulture));
                    }

                    writer.Write("\">");
                    WriteChildren(writer, encoder, span, openTags);
                    writer.Write("</mark>");
                    openTags.RemoveAt(openTags.Count - 1);
                    break;
                case SpanPiece span:
                    var suggestion = body._suggestions[span.Key - body._tags.Count];
                    writer.Write("<span class=\"sugg sugg-");
                    writer.Write(CssKind(suggestion.Kind));
                    WriteEnds(writer, "sugg", span);
                    writer.Write("\" data-sugg=\"");
                    writer.Write(suggestion.Key);
                    writer.Write("\" aria-describedby=\"sugg-");
                    writer.Write(suggestion.Key);
                    writer.Write("-label\" title=\"");
                    encoder.Encode(writer, suggestion.Describe());
                    writer.Write("\">");
                    WriteChildren(writer, encoder, span, openTags);
                    writer.Write("</span>");
                    break;
            }
        }

        private void WriteChildren(TextWriter writer, HtmlEncoder encoder, SpanPiece span, List<int> openTags)
        {
            foreach (var child in span.Children)
            {
                Write(writer, encoder, child, openTags);
            }
        }

        private static void WriteEnds(TextWriter writer, string prefix, SpanPiece span)
        {
            if (span.IsFirst)
            {
                writer.Write($" {prefix}-start");
            }

            if (span.IsLast)
            {
                writer.Write($" {prefix}-end");
            }
        }
    }
}

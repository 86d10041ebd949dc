using System.Text;
using System.Text.Encodings.Web;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Pages;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Tests.Tagging;

public sealed class MarkSegmenterTests
{
    private const string Text = "abcdefghij";

    /// <summary>Writes pieces as "[key:text]" with "(" / ")" for fragments that do not hold the span's first / last character.</summary>
    private static string Draw(string text, IEnumerable<MarkNode> nodes)
    {
        var builder = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextPiece piece:
                    builder.Append(text, piece.Start, piece.End - piece.Start);
                    break;
                case SpanPiece span:
                    builder.Append(span.IsFirst ? '[' : '(').Append(span.Key).Append(':').Append(Draw(text, span.Children)).Append(span.IsLast ? ']' : ')');
                    break;
            }
        }

        return builder.ToString();
    }

    [Fact]
    public void A_block_without_spans_is_one_piece_of_text()
    {
        var nodes = MarkSegmenter.Segment(0, Text.Length, []);

        Assert.Equal([new TextPiece(0, Text.Length)], nodes);
    }

    [Fact]
    public void A_span_inside_another_nests_inside_it()
    {
        var nodes = MarkSegmenter.Segment(0, Text.Length, [new MarkSpan(1, 2, 5), new MarkSpan(0, 0, 8)]);

        Assert.Equal("[0:ab[1:cde]fgh]ij", Draw(Text, nodes));
    }

    [Fact]
    public void Crossing_spans_cut_the_later_one_so_the_elements_stay_well_formed()
    {
        var nodes = MarkSegmenter.Segment(0, Text.Length, [new MarkSpan(0, 0, 5), new MarkSpan(1, 3, 8)]);

        Assert.Equal("[0:abc[1:de)](1:fgh]ij", Draw(Text, nodes));
    }

    [Fact]
    public void The_span_that_ends_later_goes_outside_when_two_start_together()
    {
        var nodes = MarkSegmenter.Segment(0, Text.Length, [new MarkSpan(0, 2, 4), new MarkSpan(1, 2, 9)]);

        Assert.Equal("ab[1:[0:cd]efghi]j", Draw(Text, nodes));
    }

    [Fact]
    public void Spans_over_the_same_text_nest_by_rank()
    {
        var nodes = MarkSegmenter.Segment(0, Text.Length, [new MarkSpan(0, 1, 4, Rank: 2), new MarkSpan(1, 1, 4, Rank: 0)]);

        Assert.Equal("a[1:[0:bcd]]efghij", Draw(Text, nodes));
    }

    [Fact]
    public void Spans_are_clipped_to_the_block_and_say_which_end_they_hold()
    {
        // The block is plain text [100, 110); one span starts before it, one ends after it, one misses it.
        var nodes = MarkSegmenter.Segment(100, Text.Length, [new MarkSpan(0, 95, 102), new MarkSpan(1, 107, 130), new MarkSpan(2, 200, 210)]);

        Assert.Equal("(0:ab]cdefg[1:hij)", Draw(Text, nodes));
    }

    [Fact]
    public void Empty_spans_are_ignored()
    {
        var nodes = MarkSegmenter.Segment(0, Text.Length, [new MarkSpan(0, 3, 3)]);

        Assert.Equal(Text, Draw(Text, nodes));
    }

    [Fact]
    public void Three_overlapping_spans_keep_the_text_in_order_and_each_piece_inside_the_spans_covering_it()
    {
        var spans = new[] { new MarkSpan(0, 0, 6), new MarkSpan(1, 2, 9), new MarkSpan(2, 4, 7) };

        var nodes = MarkSegmenter.Segment(0, Text.Length, spans);

        Assert.Equal("[0:ab[1:cd[2:ef))](1:(2:g]hi]j", Draw(Text, nodes));
        AssertCovering(Text.Length, 0, spans, nodes);
    }

    [Fact]
    public void Random_overlaps_always_cover_the_text_exactly_once_inside_the_right_spans()
    {
        var random = new Random(20261126);
        for (var round = 0; round < 500; round++)
        {
            var length = random.Next(1, 40);
            var blockStart = random.Next(0, 20);
            var spans = Enumerable.Range(0, random.Next(0, 8)).Select(key =>
            {
                var start = random.Next(blockStart - 5, blockStart + length + 5);
                return new MarkSpan(key, start, start + random.Next(0, 20), random.Next(0, 3));
            }).ToList();

            var nodes = MarkSegmenter.Segment(blockStart, length, spans);

            AssertCovering(length, blockStart, spans, nodes);
            foreach (var span in spans.Where(s => s.End > s.Start && s.Start >= blockStart && s.End <= blockStart + length))
            {
                var fragments = Fragments(nodes).Where(f => f.Key == span.Key).ToList();
                Assert.Single(fragments, f => f.IsFirst);
                Assert.Single(fragments, f => f.IsLast);
            }
        }
    }

    /// <summary>Text pieces run 0..length in order, none empty, and each sits inside exactly the spans covering it.</summary>
    private static void AssertCovering(int length, int blockStart, IReadOnlyList<MarkSpan> spans, IReadOnlyList<MarkNode> nodes)
    {
        var at = 0;
        foreach (var (piece, keys) in Pieces(nodes, []))
        {
            Assert.Equal(at, piece.Start);
            Assert.True(piece.End > piece.Start, "no empty text pieces");
            var covering = spans.Where(s => s.Start <= blockStart + piece.Start && s.End >= blockStart + piece.End && s.End > s.Start).Select(s => s.Key).Order();
            Assert.Equal(covering, keys.Order());
            Assert.Equal(keys.Count, keys.Distinct().Count());
            at = piece.End;
        }

        Assert.Equal(length, at);
    }

    private static IEnumerable<(TextPiece Piece, List<int> Keys)> Pieces(IEnumerable<MarkNode> nodes, List<int> open)
    {
        foreach (var node in nodes)
        {
            if (node is TextPiece piece)
            {
                yield return (piece, open.ToList());
            }
            else if (node is SpanPiece span)
            {
                foreach (var inner in Pieces(span.Children, [.. open, span.Key]))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<SpanPiece> Fragments(IEnumerable<MarkNode> nodes) =>
        nodes.OfType<SpanPiece>().SelectMany(s => Fragments(s.Children).Prepend(s));

    [Fact]
    public void The_tagged_body_writes_the_block_text_exactly_and_encodes_names()
    {
        const string text = "Putin <b>said</b> & left";
        var tag = new ArticleTags.Tag(7, AnnotationKind.ActorMention, 0, 5, "Putin", AnnotationStatus.Proposed, null, Guid.Empty, false, false,
            3, "<script>x</script>", ActorKind.Person, null, null, null, null, null, null, null, null, null);
        var body = new TaggedBody([(new BodyBlock(BlockKind.Paragraph, text), 0)], [tag], []);

        using var writer = new StringWriter();
        body.Content(0).WriteTo(writer, HtmlEncoder.Default);
        var html = writer.ToString();

        Assert.StartsWith("<mark class=\"tag tag-actor tag-proposed tag-start tag-end\" data-tag=\"7\" data-tags=\"7\"", html, StringComparison.Ordinal);
        Assert.Contains("title=\"Actor: &lt;script&gt;x&lt;/script&gt; (proposed)\"", html, StringComparison.Ordinal);
        Assert.EndsWith(">Putin</mark> &lt;b&gt;said&lt;/b&gt; &amp; left", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}

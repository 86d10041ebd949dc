namespace NewsTracker.Web.Tagging;

/// <summary>A span to draw over a block: [Start, End) in the plain text's UTF-16 offsets. <see cref="Key"/> is
/// the caller's handle (an index into its own list); <see cref="Rank"/> breaks ties between spans with the same
/// start and end (lower is drawn outside).</summary>
public readonly record struct MarkSpan(int Key, int Start, int End, int Rank = 0);

/// <summary>A piece of a segmented block: plain text, or one fragment of a span wrapping more pieces.</summary>
public abstract record MarkNode;

/// <summary>Text [Start, End) of the block, in offsets local to the block.</summary>
public sealed record TextPiece(int Start, int End) : MarkNode;

/// <summary>One fragment of span <see cref="Key"/>. A span that overlaps another without nesting in it is cut
/// into several fragments so the HTML stays well formed; <see cref="IsFirst"/> and <see cref="IsLast"/> say
/// whether the fragment holds the span's first and last character.</summary>
public sealed record SpanPiece(int Key, bool IsFirst, bool IsLast, IReadOnlyList<MarkNode> Children) : MarkNode;

/// <summary>
/// Splits one block of an article at every boundary of the spans drawn over it and nests the spans, so that
/// overlapping and nested highlights become well-formed elements: longer spans outside, a span that ends while
/// shorter ones are still open closes them and opens them again after itself. Every piece of text ends up
/// inside exactly the spans that cover it.
/// </summary>
public static class MarkSegmenter
{
    /// <summary>The pieces of the block that starts at <paramref name="blockStart"/> (in the plain text) and is
    /// <paramref name="blockLength"/> long. Spans are clipped to the block; spans outside it are ignored.</summary>
    public static IReadOnlyList<MarkNode> Segment(int blockStart, int blockLength, IEnumerable<MarkSpan> spans)
    {
        var blockEnd = blockStart + blockLength;
        var local = spans
            .Where(s => s.End > s.Start && s.Start < blockEnd && s.End > blockStart)
            .Select(s => new Open(s, Math.Max(s.Start, blockStart) - blockStart, Math.Min(s.End, blockEnd) - blockStart))
            .ToList();
        if (local.Count == 0)
        {
            return blockLength == 0 ? [] : [new TextPiece(0, blockLength)];
        }

        var boundaries = new SortedSet<int> { 0, blockLength };
        foreach (var open in local)
        {
            boundaries.Add(open.LocalStart);
            boundaries.Add(open.LocalEnd);
        }

        var root = new List<MarkNode>();
        var stack = new List<Frame>();
        var points = boundaries.ToList();
        for (var i = 0; i < points.Count; i++)
        {
            var at = points[i];
            var reopen = Close(stack, root, at, blockStart);
            var starting = local.Where(o => o.LocalStart == at).Select(o => (Open: o, First: o.Span.Start >= blockStart));
            foreach (var (open, first) in reopen.Select(o => (Open: o, First: false)).Concat(starting).OrderBy(o => o.Open, Outermost))
            {
                stack.Add(new Frame(open, first));
            }

            if (i + 1 < points.Count && points[i + 1] > at)
            {
                Children(stack, root).Add(new TextPiece(at, points[i + 1]));
            }
        }

        return root;
    }

    /// <summary>Closes the spans that end at <paramref name="at"/>, and everything opened inside them; returns
    /// the inner spans that go on past this point, to be opened again.</summary>
    private static List<Open> Close(List<Frame> stack, List<MarkNode> root, int at, int blockStart)
    {
        var lowest = stack.FindIndex(f => f.Open.LocalEnd == at);
        if (lowest < 0)
        {
            return [];
        }

        var reopen = new List<Open>();
        for (var top = stack.Count - 1; top >= lowest; top--)
        {
            var frame = stack[top];
            stack.RemoveAt(top);
            var ends = frame.Open.LocalEnd == at;
            var piece = new SpanPiece(frame.Open.Span.Key, frame.IsFirst, ends && frame.Open.Span.End == at + blockStart, frame.Children);
            Children(stack, root).Add(piece);
            if (!ends)
            {
                reopen.Add(frame.Open);
            }
        }

        return reopen;
    }

    private static List<MarkNode> Children(List<Frame> stack, List<MarkNode> root) => stack.Count == 0 ? root : stack[^1].Children;

    /// <summary>Spans that end later go outside (so they are cut less often); then by rank, then key.</summary>
    private static readonly Comparer<Open> Outermost = Comparer<Open>.Create(static (a, b) =>
    {
        var byEnd = b.LocalEnd.CompareTo(a.LocalEnd);
        if (byEnd != 0)
        {
            return byEnd;
        }

        var byStart = a.LocalStart.CompareTo(b.LocalStart);
        if (byStart != 0)
        {
            return byStart;
        }

        var byRank = a.Span.Rank.CompareTo(b.Span.Rank);
        return byRank != 0 ? byRank : a.Span.Key.CompareTo(b.Span.Key);
    });

    private sealed record Open(MarkSpan Span, int LocalStart, int LocalEnd);

    private sealed class Frame(Open open, bool first)
    {
        public Open Open { get; } = open;

        public bool IsFirst { get; } = first;

        public List<MarkNode> Children { get; } = [];
    }
}

using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Ingestion;

/// <summary>An article body as ordered blocks, before it is stored.</summary>
public sealed record ParsedArticle(string Title, IReadOnlyList<ParsedBlock> Blocks)
{
    /// <summary>The separator between blocks in the plain-text rendering.</summary>
    public const string BlockSeparator = "\n\n";

    /// <summary>The blocks joined by blank lines: what is indexed and what annotations point into.</summary>
    public string PlainText => string.Join(BlockSeparator, Blocks.Select(b => b.Text));

    /// <summary>The article's running text: the blocks without captions and credits, joined by blank lines.</summary>
    public string RunningText => string.Join(BlockSeparator, Blocks.Where(b => b.Kind != BlockKind.Caption).Select(b => b.Text));

    /// <summary>The first paragraph (not a caption or heading), cut at a word boundary.</summary>
    public string Excerpt(int maxLength)
    {
        var first = Blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph) ?? (Blocks.Count > 0 ? Blocks[0] : null);
        return first is null ? string.Empty : TextTools.Truncate(first.Text, maxLength);
    }
}

/// <summary>One block of a parsed body.</summary>
public sealed record ParsedBlock(BlockKind Kind, string Text);

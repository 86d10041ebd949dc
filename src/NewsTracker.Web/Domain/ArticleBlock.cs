namespace NewsTracker.Web.Domain;

/// <summary>One block of an article body, in reading order.</summary>
public sealed class ArticleBlock
{
    public int Id { get; set; }

    public int VersionId { get; set; }

    public int Ordinal { get; set; }

    public BlockKind Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>Offset of this block's first character in the version's plain text.</summary>
    public int Start { get; set; }
}

/// <summary>What a body block is; decides how it is shown.</summary>
public enum BlockKind
{
    Paragraph,
    Heading,
    Caption,
    Quote,
    ListItem,
}

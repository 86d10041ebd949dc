using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Pages;

/// <summary>A body block as the shared <c>_ArticleBody</c> partial renders it.</summary>
public sealed record BodyBlock(BlockKind Kind, string Text);

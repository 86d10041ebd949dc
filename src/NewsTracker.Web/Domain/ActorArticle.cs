namespace NewsTracker.Web.Domain;

/// <summary>How often one actor is mentioned in one article's placed tags, kept by <c>Tagging/ActorCounts</c> in the
/// tagging write's transaction, so the actor page lists its articles newest first from an index instead of searching
/// the tags per request.</summary>
public sealed class ActorArticle
{
    public int ActorId { get; set; }

    public int ArticleId { get; set; }

    /// <summary>The article's <see cref="Article.SortUtc"/>, copied so the list pages by (sort time, article id).</summary>
    public DateTime SortUtc { get; set; }

    /// <summary>The article's month (<see cref="OutletMonth.Of"/>), null when it is undated.</summary>
    public int? Month { get; set; }

    /// <summary>Mentions staff see: placed (not orphaned), proposed or approved.</summary>
    public int Mentions { get; set; }

    /// <summary>Mentions everyone sees: placed and approved.</summary>
    public int ApprovedMentions { get; set; }
}

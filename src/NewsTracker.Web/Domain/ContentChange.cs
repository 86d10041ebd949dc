namespace NewsTracker.Web.Domain;

/// <summary>
/// A note that a save changed what readers see (an article, a tag, a claim, a topic…), written in the same
/// transaction. Every instance watches for rows it has not seen (Topics/SharedCacheInvalidation) and evicts its
/// cached public pages when one was written by another process, so a change made on one instance, or by a
/// command-line import, reaches readers of all. <see cref="ChangedUtc"/> is only used to prune old rows.
/// </summary>
public sealed class ContentChange
{
    public long Id { get; set; }

    public DateTime ChangedUtc { get; set; }

    /// <summary>The cached pages the change makes stale, as output-cache tags separated by spaces
    /// (<c>Application/ContentScope</c>); null when it could touch any page.</summary>
    public string? Scope { get; set; }
}

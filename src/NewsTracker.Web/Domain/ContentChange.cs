namespace NewsTracker.Web.Domain;

/// <summary>
/// A note that a save changed what readers see (an article, a tag, a claim, a topic…), written in the same
/// transaction. Every instance remembers the newest id it has seen and evicts its cached public pages when a
/// newer one appears, so a change made on one instance, or by a command-line import, reaches readers of all.
/// Old rows are pruned; only the newest id matters.
/// </summary>
public sealed class ContentChange
{
    public long Id { get; set; }

    public DateTime ChangedUtc { get; set; }
}

namespace NewsTracker.Web.Domain;

/// <summary>What a claim rests on: "according to reports", "a White House official", a named minister.
/// A source may name an actor (the minister, the outlet whose report is cited).</summary>
public sealed class Source : ITagEntity
{
    public int Id { get; set; }

    public SourceKind Kind { get; set; }

    /// <summary>How the source is described, e.g. "a White House official" or "according to reports".</summary>
    public required string Description { get; set; }

    public int? ActorId { get; set; }

    public Actor? Actor { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

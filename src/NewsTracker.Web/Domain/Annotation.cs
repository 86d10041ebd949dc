namespace NewsTracker.Web.Domain;

/// <summary>What an annotation marks.</summary>
public enum AnnotationKind
{
    Claim,
    ActorMention,
    Source,
}

/// <summary>Proposed tags (by journalists) wait for an editor; approved tags are the newsroom's.</summary>
public enum AnnotationStatus
{
    Proposed,
    Approved,
}

/// <summary>
/// A tagged span of one article version's plain text: [Start, End) in UTF-16 code units, never splitting a
/// surrogate pair, with the exact quote and up to 32 characters either side so it can re-anchor when the
/// article gets a new version. Exactly one of <see cref="ActorId"/>, <see cref="SourceId"/> or
/// <see cref="ClaimId"/> is set, matching <see cref="Kind"/>. An orphan could not be placed in the newest
/// version; its offsets still refer to <see cref="VersionId"/> until an editor re-attaches or deletes it.
/// </summary>
public sealed class Annotation : ITagEntity
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    /// <summary>The version whose plain text the offsets index into.</summary>
    public int VersionId { get; set; }

    public ArticleVersion? Version { get; set; }

    public AnnotationKind Kind { get; set; }

    public int Start { get; set; }

    public int End { get; set; }

    public required string Exact { get; set; }

    public required string Prefix { get; set; }

    public required string Suffix { get; set; }

    public int? ActorId { get; set; }

    public Actor? Actor { get; set; }

    public int? SourceId { get; set; }

    public Source? Source { get; set; }

    public int? ClaimId { get; set; }

    public Claim? Claim { get; set; }

    public AnnotationStatus Status { get; set; }

    /// <summary>An editor's note on this span.</summary>
    public string? Note { get; set; }

    public bool IsOrphaned { get; set; }

    /// <summary>Why re-anchoring could not place it, for the orphans queue.</summary>
    public string? OrphanReason { get; set; }

    /// <summary>How the last re-anchoring placed it (null when it was tagged on this version).</summary>
    public string? AnchorMethod { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A suggestion an editor turned down on one version, so it is not offered again.</summary>
public sealed class RejectedSuggestion
{
    public int Id { get; set; }

    public int VersionId { get; set; }

    public AnnotationKind Kind { get; set; }

    public int Start { get; set; }

    public int End { get; set; }

    public string? UserId { get; set; }

    public DateTime RejectedUtc { get; set; }
}

/// <summary>
/// An editor's latest word on one suggested wording (actor mention or source) in one article: accepted or turned
/// down. A wording turned down on several articles stops being suggested in this newsroom, until someone restores it
/// on the actor's page; accepted ones are suggested with more confidence.
/// </summary>
public sealed class SuggestionFormDecision
{
    public int Id { get; set; }

    public AnnotationKind Kind { get; set; }

    /// <summary>The wording, trimmed, whitespace folded and lower-cased (<see cref="Annotations.Suggestions.SuggestionForms.Normalise"/>).</summary>
    public required string Form { get; set; }

    public int ArticleId { get; set; }

    public bool Accepted { get; set; }

    public string? UserId { get; set; }

    public DateTime DecidedUtc { get; set; }
}

namespace NewsTracker.Web.Domain;

/// <summary>Where a claim is in review. Drafts and claims in review are staff-only; published claims are
/// public with their verdict; rejected claims keep the reviewer's comment.</summary>
public enum ReviewState
{
    Draft,
    InReview,
    Published,
    Rejected,
}

/// <summary>A statement made in the news, worded once however many articles carry it: who made it, what it
/// rests on, where it appears (its claim annotations) and the verdict a reviewer gave it.</summary>
public sealed class Claim : ITagEntity
{
    public int Id { get; set; }

    /// <summary>The claim in neutral words ("The US will not back Ukraine's NATO membership").</summary>
    public required string Statement { get; set; }

    public int? ClaimantId { get; set; }

    public Actor? Claimant { get; set; }

    /// <summary>A key of the configured verdict scale (see <c>Claims:Verdicts</c>); "unverified" by default.</summary>
    public required string Verdict { get; set; }

    public ReviewState State { get; set; }

    /// <summary>The reviewer's comment: why it was rejected, or the verdict's reasoning when published.</summary>
    public string? ReviewComment { get; set; }

    public string? ReviewedByUserId { get; set; }

    public DateTime? ReviewedUtc { get; set; }

    /// <summary>When the claim was first published; null until then.</summary>
    public DateTime? PublishedUtc { get; set; }

    public List<ClaimSource> Sources { get; } = [];

    public DateTime CreatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A source a claim rests on.</summary>
public sealed class ClaimSource
{
    public int ClaimId { get; set; }

    public int SourceId { get; set; }

    public Source? Source { get; set; }
}

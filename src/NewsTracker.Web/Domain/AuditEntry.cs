namespace NewsTracker.Web.Domain;

/// <summary>A tagging row that carries who created it, who changed it last and a concurrency stamp: annotations,
/// claims, actors and sources. Every insert, update and delete of these (and of their alias and claim-source rows)
/// is written to the audit log in the same transaction.</summary>
public interface ITagEntity
{
    int Id { get; }

    string? CreatedByUserId { get; set; }

    DateTime UpdatedUtc { get; set; }

    string? UpdatedByUserId { get; set; }

    Guid ConcurrencyStamp { get; set; }
}

/// <summary>One change to one row: who, when, what it was before and after (JSON of the row's columns).
/// All entries written by one command share a <see cref="ChangeId"/>; undo reverts a whole change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public Guid ChangeId { get; set; }

    /// <summary>The entity's name: Annotation, Claim, ClaimSource, Actor, ActorAlias, Source.</summary>
    public required string EntityType { get; set; }

    /// <summary>The row's key as text ("12", or "3/7" for a claim's source).</summary>
    public required string EntityKey { get; set; }

    /// <summary>Created, Updated or Deleted.</summary>
    public required string Action { get; set; }

    /// <summary>What the change was, in words ("Tag actor “NATO”").</summary>
    public string? Summary { get; set; }

    public int? ArticleId { get; set; }

    public int? ClaimId { get; set; }

    public int? ActorId { get; set; }

    public string? UserId { get; set; }

    /// <summary>The user's email at the time, so history reads well after an account is removed.</summary>
    public string? UserName { get; set; }

    public DateTime AtUtc { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    /// <summary>False for system changes (re-anchoring) and for undo's own entries.</summary>
    public bool Undoable { get; set; }

    /// <summary>Set when the change was undone.</summary>
    public DateTime? UndoneUtc { get; set; }
}

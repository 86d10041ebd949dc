namespace NewsTracker.Web.Domain;

/// <summary>A person, organisation, country, government body or other party that articles mention and claims
/// come from. Merging one actor into another moves every mention and leaves this row behind with
/// <see cref="MergedIntoId"/> set, so old links still lead somewhere.</summary>
public sealed class Actor : ITagEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The name folded for matching: lower case, accents and punctuation dropped, spaces collapsed.</summary>
    public required string NormalizedName { get; set; }

    public ActorKind Kind { get; set; }

    /// <summary>The Wikidata item, such as Q3874799, when known.</summary>
    public string? WikidataId { get; set; }

    /// <summary>A line about who this is ("Ukrainian president"), shown beside the name.</summary>
    public string? Description { get; set; }

    /// <summary>Set when this actor was merged into another; merged actors have no mentions of their own.</summary>
    public int? MergedIntoId { get; set; }

    public List<ActorAlias> Aliases { get; } = [];

    /// <summary>Whether an editor created or approved this actor. A journalist's new actor waits for review and is
    /// public only once this is set or an approved tag uses it (<c>Tagging/Visibility</c>).</summary>
    public bool IsApproved { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>Another name an actor goes by ("Zelenskyy", "the Kremlin" for the Russian presidency).</summary>
public sealed class ActorAlias
{
    public int Id { get; set; }

    public int ActorId { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }
}

namespace NewsTracker.Web.Domain;

/// <summary>The one-time token in the setup link that creates the first admin. Stored hashed.</summary>
public sealed class SetupToken
{
    public int Id { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? UsedUtc { get; set; }
}

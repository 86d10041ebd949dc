namespace NewsTracker.Web.Domain;

/// <summary>A bearer token for the JSON API. Only its SHA-256 hash is stored; the token is shown once.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the full token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, so its owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastUsedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}

namespace NewsTracker.Web.Domain;

/// <summary>Recent failed sign-ins for one throttle key (an address, an account name, or both), shared by every
/// instance; the key is a hash, so the table holds no addresses or emails.</summary>
public sealed class SignInFailureCount
{
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTime LastFailureUtc { get; set; }

    /// <summary>No attempt under this key is checked before then.</summary>
    public DateTime BlockedUntilUtc { get; set; }
}

namespace NewsTracker.Web.Domain;

/// <summary>Which instance may send a request to a host right now, so every instance together sends one request per
/// host at a time. The holder renews it while its request runs; an instance that dies holds it until
/// <see cref="UntilUtc"/> passes.</summary>
public sealed class HostFetchLease
{
    /// <summary>The host name, lower case.</summary>
    public required string Host { get; set; }

    public required string Owner { get; set; }

    public DateTime UntilUtc { get; set; }
}

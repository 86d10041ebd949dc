namespace NewsTracker.Web.Application;

/// <summary>A stale write: somebody else changed the row first. Becomes 409 with who and when.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException()
        : base("The record was changed by someone else. Reload and try again.")
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

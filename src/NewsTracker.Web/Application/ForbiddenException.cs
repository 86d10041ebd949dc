namespace NewsTracker.Web.Application;

/// <summary>The signed-in person may not do this (a journalist publishing a claim, say). Becomes 403.</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException()
        : base("You are not allowed to do that.")
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

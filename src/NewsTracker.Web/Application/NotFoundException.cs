namespace NewsTracker.Web.Application;

/// <summary>The thing asked for does not exist: a 404 page or ProblemDetails 404.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

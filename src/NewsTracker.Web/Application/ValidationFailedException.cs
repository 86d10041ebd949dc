namespace NewsTracker.Web.Application;

/// <summary>Invalid input, as field → messages; pages re-render it with 400, the API answers ProblemDetails 400.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IDictionary<string, string[]> errors)
        : base("One or more fields are invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)))
    {
        Errors = new Dictionary<string, string[]>(errors, StringComparer.Ordinal);
    }

    public ValidationFailedException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public ValidationFailedException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public ValidationFailedException(string message)
        : this(string.Empty, message)
    {
    }

    public ValidationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]> { [string.Empty] = [message] };
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

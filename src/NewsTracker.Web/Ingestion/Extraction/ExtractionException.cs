namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>Why a page was refused before extraction.</summary>
public enum ExtractionProblem
{
    /// <summary>Nothing but whitespace was given.</summary>
    Empty,

    /// <summary>The input is a file such as an image or PDF, not an HTML page.</summary>
    Binary,

    /// <summary>The input is larger than <see cref="HtmlInputGuard.MaxInputChars"/>.</summary>
    TooLarge,

    /// <summary>Elements are nested deeper than <see cref="HtmlInputGuard.MaxNestingDepth"/>.</summary>
    TooDeep,
}

/// <summary>A page the extractor refuses to read, with a message a journalist can act on.</summary>
public sealed class ExtractionException : Exception
{
    public ExtractionException()
        : this(ExtractionProblem.Empty, "The page could not be read.")
    {
    }

    public ExtractionException(string message)
        : this(ExtractionProblem.Empty, message)
    {
    }

    public ExtractionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExtractionException(ExtractionProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    /// <summary>What was wrong with the input.</summary>
    public ExtractionProblem Problem { get; }
}

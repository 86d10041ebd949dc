namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>Why a document could not be read as a feed.</summary>
public enum FeedParseProblem
{
    /// <summary>Empty, binary, or a document of some other kind.</summary>
    NotAFeed,

    /// <summary>An HTML page: look for its feed links instead.</summary>
    WebPage,

    /// <summary>Broken XML or JSON that repair could not save.</summary>
    Malformed,

    /// <summary>A DOCTYPE: refused whole, since entity tricks (XXE, billion laughs) live there.</summary>
    DtdRefused,

    TooManyItems,

    TooLarge,
}

/// <summary>A document that is not a feed NewsTracker can read; the message says what to do.</summary>
public sealed class FeedParseException : Exception
{
    public FeedParseException(FeedParseProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public FeedParseException()
        : this(FeedParseProblem.NotAFeed, "The document is not a feed.")
    {
    }

    public FeedParseException(string message)
        : this(FeedParseProblem.NotAFeed, message)
    {
    }

    public FeedParseException(string message, Exception innerException)
        : this(FeedParseProblem.Malformed, message, innerException)
    {
    }

    public FeedParseProblem Problem { get; }
}

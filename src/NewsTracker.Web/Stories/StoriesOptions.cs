namespace NewsTracker.Web.Stories;

/// <summary>Settings under <c>Stories</c>: whether ingest joins other outlets' reports of the same event into one
/// story (on by default; the benchmark turns it off to measure its cost beside ingest without it).</summary>
public sealed class StoriesOptions
{
    public const string Section = "Stories";

    /// <summary>Off: articles join a story only as copies (same text, MinHash near-duplicates), as before event clustering.</summary>
    public bool EventClustering { get; set; } = true;
}

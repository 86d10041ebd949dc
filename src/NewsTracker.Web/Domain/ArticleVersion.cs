namespace NewsTracker.Web.Domain;

/// <summary>One text of an article. Annotations index into <see cref="PlainText"/> (UTF-16 offsets).</summary>
public sealed class ArticleVersion
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public Article? Article { get; set; }

    /// <summary>1 for the first version, then 2, 3…</summary>
    public int Number { get; set; }

    public required string Title { get; set; }

    /// <summary>The blocks' text joined by blank lines: the text search indexes and annotations anchor to.</summary>
    public required string PlainText { get; set; }

    /// <summary>SHA-256 (hex) of the normalised title and text: exact-duplicate detection.</summary>
    public required string ContentHash { get; set; }

    /// <summary>64-bit SimHash of the body's word shingles: near-duplicate detection (wire copies).</summary>
    public long SimHash { get; set; }

    /// <summary>The SimHash in four 16-bit bands, each indexed: two hashes within Hamming distance 3
    /// share at least one band, so candidates are found by index instead of a full scan.</summary>
    public int SimBand0 { get; set; }

    public int SimBand1 { get; set; }

    public int SimBand2 { get; set; }

    public int SimBand3 { get; set; }

    /// <summary>How the text arrived (text, html, url, seed…), for the record.</summary>
    public required string Origin { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<ArticleBlock> Blocks { get; } = [];
}

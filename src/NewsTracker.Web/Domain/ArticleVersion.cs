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

    /// <summary>MinHash signature of the body's word shingles (little-endian uint32s), or null when the
    /// text is too short to compare; see <see cref="Ingestion.MinHash"/>.</summary>
    public byte[]? Fingerprint { get; set; }

    /// <summary>How many distinct shingles the signature summarises (for the containment estimate).</summary>
    public int ShingleCount { get; set; }

    public List<NearDuplicateKey> NearDuplicateKeys { get; } = [];

    /// <summary>How the text arrived (text, html, url, seed…), for the record.</summary>
    public required string Origin { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<ArticleBlock> Blocks { get; } = [];
}

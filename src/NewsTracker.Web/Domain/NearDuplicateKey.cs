namespace NewsTracker.Web.Domain;

/// <summary>One LSH band key of an article version's MinHash signature. Versions sharing a key are
/// near-duplicate candidates, found through the index on <see cref="Key"/>.</summary>
public sealed class NearDuplicateKey
{
    public long Key { get; set; }

    public int VersionId { get; set; }
}

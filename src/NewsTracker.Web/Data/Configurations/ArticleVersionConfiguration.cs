using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class ArticleVersionConfiguration : IEntityTypeConfiguration<ArticleVersion>
{
    public const int HashLength = 64;
    public const int OriginMaxLength = 20;

    public void Configure(EntityTypeBuilder<ArticleVersion> builder)
    {
        builder.Property(v => v.Title).HasMaxLength(ArticleConfiguration.TitleMaxLength);
        builder.Property(v => v.ContentHash).HasMaxLength(HashLength).IsFixedLength();
        builder.Property(v => v.Origin).HasMaxLength(OriginMaxLength);
        builder.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
        builder.HasIndex(v => v.ContentHash);
        builder.Property(v => v.Fingerprint).HasMaxLength(Ingestion.MinHash.Permutations * sizeof(uint));
        builder.HasMany(v => v.NearDuplicateKeys).WithOne().HasForeignKey(k => k.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Blocks).WithOne().HasForeignKey(b => b.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

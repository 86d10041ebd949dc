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
        builder.HasIndex(v => v.SimBand0);
        builder.HasIndex(v => v.SimBand1);
        builder.HasIndex(v => v.SimBand2);
        builder.HasIndex(v => v.SimBand3);
        builder.HasMany(v => v.Blocks).WithOne().HasForeignKey(b => b.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class ArticleBlockConfiguration : IEntityTypeConfiguration<ArticleBlock>
{
    public const int KindMaxLength = 16;

    public void Configure(EntityTypeBuilder<ArticleBlock> builder)
    {
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(KindMaxLength);
        builder.HasIndex(b => new { b.VersionId, b.Ordinal }).IsUnique();
    }
}

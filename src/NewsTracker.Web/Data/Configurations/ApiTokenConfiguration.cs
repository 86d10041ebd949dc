using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;

    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(NameMaxLength);
        builder.Property(t => t.TokenHash).HasMaxLength(ArticleVersionConfiguration.HashLength).IsFixedLength();
        builder.Property(t => t.Prefix).HasMaxLength(PrefixLength);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

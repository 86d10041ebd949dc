using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class SignInFailureCountConfiguration : IEntityTypeConfiguration<SignInFailureCount>
{
    public void Configure(EntityTypeBuilder<SignInFailureCount> builder)
    {
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(ArticleVersionConfiguration.HashLength).IsFixedLength();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class NearDuplicateKeyConfiguration : IEntityTypeConfiguration<NearDuplicateKey>
{
    public void Configure(EntityTypeBuilder<NearDuplicateKey> builder)
    {
        // Key first: candidate lookup is "which versions have any of these keys".
        builder.HasKey(k => new { k.Key, k.VersionId });
        builder.HasIndex(k => k.VersionId);
    }
}

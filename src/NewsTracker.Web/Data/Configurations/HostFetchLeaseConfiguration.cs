using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class HostFetchLeaseConfiguration : IEntityTypeConfiguration<HostFetchLease>
{
    /// <summary>The longest host name DNS allows.</summary>
    public const int HostMaxLength = 253;

    public const int OwnerMaxLength = 200;

    public void Configure(EntityTypeBuilder<HostFetchLease> builder)
    {
        builder.HasKey(l => l.Host);
        builder.Property(l => l.Host).HasMaxLength(HostMaxLength);
        builder.Property(l => l.Owner).HasMaxLength(OwnerMaxLength);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class OutletConfiguration : IEntityTypeConfiguration<Outlet>
{
    public const int NameMaxLength = 200;
    public const int DomainMaxLength = 253;

    public void Configure(EntityTypeBuilder<Outlet> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(NameMaxLength);
        builder.Property(o => o.Domain).HasMaxLength(DomainMaxLength);
        builder.Property(o => o.NormalizedName).HasMaxLength(NameMaxLength);
        builder.HasIndex(o => o.NormalizedName).IsUnique();
        builder.HasIndex(o => o.Domain).IsUnique();
    }
}

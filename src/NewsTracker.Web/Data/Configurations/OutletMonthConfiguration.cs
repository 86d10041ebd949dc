using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class OutletMonthConfiguration : IEntityTypeConfiguration<OutletMonth>
{
    public void Configure(EntityTypeBuilder<OutletMonth> builder)
    {
        builder.ToTable("OutletMonths");
        builder.HasKey(m => new { m.OutletId, m.Month });
        builder.HasOne<Outlet>().WithMany().HasForeignKey(m => m.OutletId).OnDelete(DeleteBehavior.Cascade);
    }
}

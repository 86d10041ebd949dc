using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class ActorMonthConfiguration : IEntityTypeConfiguration<ActorMonth>
{
    public void Configure(EntityTypeBuilder<ActorMonth> builder)
    {
        builder.ToTable("ActorMonths");
        builder.HasKey(m => new { m.ActorId, m.Month });
        builder.HasOne<Actor>().WithMany().HasForeignKey(m => m.ActorId).OnDelete(DeleteBehavior.Cascade);
    }
}

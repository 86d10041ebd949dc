using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Stories;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class EventTermCountConfiguration : IEntityTypeConfiguration<EventTermCount>
{
    public void Configure(EntityTypeBuilder<EventTermCount> builder)
    {
        builder.Property(c => c.Term).HasMaxLength(EventTerms.MaxTermLength);
        builder.HasKey(c => c.Term);
    }
}

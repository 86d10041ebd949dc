using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class ContentChangeConfiguration : IEntityTypeConfiguration<ContentChange>
{
    /// <summary>Longer scopes are stored as null (evict everything): a bulk import touches too many pages to list.</summary>
    public const int ScopeMaxLength = 4000;

    public void Configure(EntityTypeBuilder<ContentChange> builder)
    {
        builder.HasIndex(c => c.ChangedUtc);
        builder.Property(c => c.Scope).HasMaxLength(ScopeMaxLength);
    }
}

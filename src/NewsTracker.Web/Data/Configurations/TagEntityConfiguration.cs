using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

/// <summary>What every audited row (<see cref="ITagEntity"/>) shares in the EF model.</summary>
internal static class TagEntityConfiguration
{
    /// <summary>The user-id columns sized like Identity's keys, and the stamp as the concurrency token that
    /// makes a stale write fail.</summary>
    public static EntityTypeBuilder<T> ConfigureTagEntity<T>(this EntityTypeBuilder<T> builder)
        where T : class, ITagEntity
    {
        builder.Property(e => e.CreatedByUserId).HasMaxLength(TagLimits.UserIdMaxLength);
        builder.Property(e => e.UpdatedByUserId).HasMaxLength(TagLimits.UserIdMaxLength);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        return builder;
    }
}

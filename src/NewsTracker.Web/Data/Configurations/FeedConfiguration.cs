using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class FeedConfiguration : IEntityTypeConfiguration<Feed>
{
    public const int TitleMaxLength = 300;
    public const int GroupMaxLength = 200;
    public const int FormatMaxLength = 20;
    public const int ETagMaxLength = 512;
    public const int ErrorMaxLength = 1000;
    public const int LeaseOwnerMaxLength = 200;

    /// <summary>The bounds of a journalist's interval override: as often as every 5 minutes, at least daily.</summary>
    public const int MinIntervalOverrideMinutes = 5;
    public const int MaxIntervalOverrideMinutes = 24 * 60;

    public void Configure(EntityTypeBuilder<Feed> builder)
    {
        builder.Property(f => f.Url).HasMaxLength(ArticleConfiguration.UrlMaxLength);
        builder.Property(f => f.UrlKey).HasMaxLength(ArticleConfiguration.UrlMaxLength);
        builder.Property(f => f.Title).HasMaxLength(TitleMaxLength);
        builder.Property(f => f.SiteUrl).HasMaxLength(ArticleConfiguration.UrlMaxLength);
        builder.Property(f => f.Outlet).HasMaxLength(OutletConfiguration.NameMaxLength);
        builder.Property(f => f.Group).HasMaxLength(GroupMaxLength);
        builder.Property(f => f.Format).HasMaxLength(FormatMaxLength);
        builder.Property(f => f.ETag).HasMaxLength(ETagMaxLength);
        builder.Property(f => f.LastError).HasMaxLength(ErrorMaxLength);
        builder.Property(f => f.LastOutcome).HasConversion<string>().HasMaxLength(FormatMaxLength);
        builder.Property(f => f.LeaseOwner).HasMaxLength(LeaseOwnerMaxLength);
        builder.Property(f => f.CreatedByUserId).HasMaxLength(450);
        builder.Property(f => f.UpdatedByUserId).HasMaxLength(450);
        builder.Property(f => f.ConcurrencyStamp).IsConcurrencyToken();

        builder.HasIndex(f => f.UrlKey).IsUnique();

        // The scheduler's question: which unpaused feeds are due, soonest first.
        builder.HasIndex(f => new { f.Paused, f.NextCheckUtc });
    }
}

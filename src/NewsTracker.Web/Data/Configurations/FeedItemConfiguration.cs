using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class FeedItemConfiguration : IEntityTypeConfiguration<FeedItem>
{
    public const int NoteMaxLength = 1000;
    public const int OutcomeMaxLength = 20;

    public void Configure(EntityTypeBuilder<FeedItem> builder)
    {
        builder.Property(i => i.KeyHash).HasMaxLength(ArticleVersionConfiguration.HashLength).IsFixedLength();
        builder.Property(i => i.Link).HasMaxLength(ArticleConfiguration.UrlMaxLength);
        builder.Property(i => i.Title).HasMaxLength(ArticleConfiguration.TitleMaxLength);
        builder.Property(i => i.Note).HasMaxLength(NoteMaxLength);
        builder.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(OutcomeMaxLength);

        builder.HasOne(i => i.Feed).WithMany(f => f.Items).HasForeignKey(i => i.FeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Article).WithMany().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.SetNull);

        // An item is processed once per feed; the feed page lists the newest first.
        builder.HasIndex(i => new { i.FeedId, i.KeyHash }).IsUnique();
        builder.HasIndex(i => new { i.FeedId, i.SeenUtc });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Stories;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class EventKeyConfiguration : IEntityTypeConfiguration<EventKey>
{
    public void Configure(EntityTypeBuilder<EventKey> builder)
    {
        builder.Property(k => k.Term).HasMaxLength(EventTerms.MaxTermLength);

        // Term then date: the lookup is "articles with any of these terms dated within the window".
        builder.HasKey(k => new { k.Term, k.SortUtc, k.ArticleId });
        builder.HasIndex(k => k.ArticleId);
        builder.HasOne<Article>().WithMany().HasForeignKey(k => k.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class ActorArticleConfiguration : IEntityTypeConfiguration<ActorArticle>
{
    public void Configure(EntityTypeBuilder<ActorArticle> builder)
    {
        builder.ToTable("ActorArticles");
        builder.HasKey(p => new { p.ActorId, p.ArticleId });
        builder.HasOne<Actor>().WithMany().HasForeignKey(p => p.ActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);

        // The actor page's newest-first keyset list, and the refresh after a save, which looks rows up by article.
        builder.HasIndex(p => new { p.ActorId, p.SortUtc, p.ArticleId });
        builder.HasIndex(p => p.ArticleId);
    }
}

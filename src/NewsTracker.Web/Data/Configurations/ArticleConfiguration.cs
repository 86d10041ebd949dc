using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public const int TitleMaxLength = 500;
    public const int SlugMaxLength = 80;
    public const int BylineMaxLength = 300;
    public const int UrlMaxLength = 2048;
    public const int LanguageMaxLength = 35;
    public const int ExcerptMaxLength = 400;
    public const int EventTermsMaxLength = 4000;

    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(TitleMaxLength);
        builder.Property(a => a.Slug).HasMaxLength(SlugMaxLength);
        builder.Property(a => a.Byline).HasMaxLength(BylineMaxLength);
        builder.Property(a => a.Agency).HasMaxLength(Ingestion.Extraction.BylineCleaner.MaxAgencyChars);
        builder.Property(a => a.Url).HasMaxLength(UrlMaxLength);
        builder.Property(a => a.CanonicalUrl).HasMaxLength(UrlMaxLength);
        builder.Property(a => a.Language).HasMaxLength(LanguageMaxLength);
        builder.Property(a => a.Excerpt).HasMaxLength(ExcerptMaxLength);
        builder.Property(a => a.EventTerms).HasMaxLength(EventTermsMaxLength);
        builder.Property(a => a.CreatedByUserId).HasMaxLength(450);
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();

        builder.HasOne(a => a.Story).WithMany(s => s.Articles).HasForeignKey(a => a.StoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Outlet).WithMany(o => o.Articles).HasForeignKey(a => a.OutletId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Versions).WithOne(v => v.Article).HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);

        // The front page and outlet lists read newest first; the id breaks ties for keyset paging.
        builder.HasIndex(a => new { a.SortUtc, a.Id });
        builder.HasIndex(a => new { a.OutletId, a.SortUtc });
        builder.HasIndex(a => a.CanonicalUrl).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

/// <summary>Field limits of topics and milestones, shared by the EF configuration and the validators.</summary>
public static class TopicLimits
{
    public const int NameMaxLength = 200;
    public const int SlugMaxLength = 100;
    public const int DescriptionMaxLength = 2000;
    public const int DefinitionMaxLength = 1000;
    public const int MilestoneTextMaxLength = 300;
    public const int UrlMaxLength = 2000;
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(TopicLimits.NameMaxLength);
        builder.Property(t => t.Slug).HasMaxLength(TopicLimits.SlugMaxLength);
        builder.Property(t => t.Description).HasMaxLength(TopicLimits.DescriptionMaxLength);
        builder.Property(t => t.Definition).HasMaxLength(TopicLimits.DefinitionMaxLength);
        builder.ConfigureTagEntity();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasMany(t => t.Actors).WithOne().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Articles).WithOne().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<Milestone>().WithOne().HasForeignKey(m => m.TopicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<TopicFollow>().WithOne().HasForeignKey(f => f.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TopicActorConfiguration : IEntityTypeConfiguration<TopicActor>
{
    public void Configure(EntityTypeBuilder<TopicActor> builder)
    {
        builder.HasKey(a => new { a.TopicId, a.ActorId });
        builder.HasOne(a => a.Actor).WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ActorId);
    }
}

internal sealed class TopicArticleConfiguration : IEntityTypeConfiguration<TopicArticle>
{
    public void Configure(EntityTypeBuilder<TopicArticle> builder)
    {
        builder.HasKey(a => new { a.TopicId, a.ArticleId });
        builder.HasOne(a => a.Article).WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ArticleId);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.Property(m => m.Text).HasMaxLength(TopicLimits.MilestoneTextMaxLength);
        builder.Property(m => m.Url).HasMaxLength(TopicLimits.UrlMaxLength);
        builder.ConfigureTagEntity();
        builder.HasIndex(m => new { m.TopicId, m.DayUtc });
    }
}

internal sealed class TopicFollowConfiguration : IEntityTypeConfiguration<TopicFollow>
{
    public void Configure(EntityTypeBuilder<TopicFollow> builder)
    {
        builder.HasKey(f => new { f.UserId, f.TopicId });
        builder.Property(f => f.UserId).HasMaxLength(TagLimits.UserIdMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.TopicId);
    }
}

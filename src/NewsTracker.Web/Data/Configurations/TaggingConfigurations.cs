using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data.Configurations;

/// <summary>Field limits of the tagging model, shared by the EF configuration and the validators.</summary>
public static class TagLimits
{
    public const int ActorNameMaxLength = 200;
    public const int ActorDescriptionMaxLength = 300;
    public const int WikidataIdMaxLength = 20;
    public const int MaxAliases = 50;
    public const int SourceDescriptionMaxLength = 300;
    public const int StatementMaxLength = 1000;
    public const int ReviewCommentMaxLength = 2000;
    public const int VerdictMaxLength = 40;
    public const int NoteMaxLength = 1000;
    public const int MaxSourcesPerClaim = 20;
    public const int UserIdMaxLength = 450;
}

internal sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(TagLimits.ActorNameMaxLength);
        builder.Property(a => a.NormalizedName).HasMaxLength(TagLimits.ActorNameMaxLength);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.WikidataId).HasMaxLength(TagLimits.WikidataIdMaxLength);
        builder.Property(a => a.Description).HasMaxLength(TagLimits.ActorDescriptionMaxLength);
        builder.ConfigureTagEntity();
        builder.HasMany(a => a.Aliases).WithOne().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(a => a.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.NormalizedName);
        builder.HasIndex(a => a.WikidataId);
    }
}

internal sealed class ActorAliasConfiguration : IEntityTypeConfiguration<ActorAlias>
{
    public void Configure(EntityTypeBuilder<ActorAlias> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(TagLimits.ActorNameMaxLength);
        builder.Property(a => a.NormalizedName).HasMaxLength(TagLimits.ActorNameMaxLength);
        builder.HasIndex(a => new { a.ActorId, a.NormalizedName }).IsUnique();
        builder.HasIndex(a => a.NormalizedName);
    }
}

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Description).HasMaxLength(TagLimits.SourceDescriptionMaxLength);
        builder.ConfigureTagEntity();
        builder.HasOne(s => s.Actor).WithMany().HasForeignKey(s => s.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.Property(c => c.Statement).HasMaxLength(TagLimits.StatementMaxLength);
        builder.Property(c => c.Verdict).HasMaxLength(TagLimits.VerdictMaxLength);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReviewComment).HasMaxLength(TagLimits.ReviewCommentMaxLength);
        builder.Property(c => c.ReviewedByUserId).HasMaxLength(TagLimits.UserIdMaxLength);
        builder.ConfigureTagEntity();
        builder.HasOne(c => c.Claimant).WithMany().HasForeignKey(c => c.ClaimantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Sources).WithOne().HasForeignKey(s => s.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.State, c.UpdatedUtc });
        builder.HasIndex(c => c.ClaimantId);
    }
}

internal sealed class ClaimSourceConfiguration : IEntityTypeConfiguration<ClaimSource>
{
    public void Configure(EntityTypeBuilder<ClaimSource> builder)
    {
        builder.HasKey(s => new { s.ClaimId, s.SourceId });
        builder.HasOne(s => s.Source).WithMany().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SourceId);
    }
}

internal sealed class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Exact).HasMaxLength(TextAnchor.MaxLength);
        builder.Property(a => a.Prefix).HasMaxLength(TextAnchor.ContextLength);
        builder.Property(a => a.Suffix).HasMaxLength(TextAnchor.ContextLength);
        builder.Property(a => a.Note).HasMaxLength(TagLimits.NoteMaxLength);
        builder.Property(a => a.OrphanReason).HasMaxLength(500);
        builder.Property(a => a.AnchorMethod).HasMaxLength(40);
        builder.ConfigureTagEntity();
        builder.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Version).WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Actor).WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Source).WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Claim).WithMany().HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ArticleId, a.Start });
        builder.HasIndex(a => a.ActorId);
        builder.HasIndex(a => a.SourceId);
        builder.HasIndex(a => a.ClaimId);
        builder.HasIndex(a => a.VersionId);
        builder.HasIndex(a => a.IsOrphaned);
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_Annotations_Span",
            "\"Start\" >= 0 AND \"End\" > \"Start\""));
    }
}

internal sealed class RejectedSuggestionConfiguration : IEntityTypeConfiguration<RejectedSuggestion>
{
    public void Configure(EntityTypeBuilder<RejectedSuggestion> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.UserId).HasMaxLength(TagLimits.UserIdMaxLength);
        builder.HasOne<ArticleVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.VersionId, r.Kind, r.Start, r.End }).IsUnique();
    }
}

internal sealed class SuggestionFormDecisionConfiguration : IEntityTypeConfiguration<SuggestionFormDecision>
{
    public void Configure(EntityTypeBuilder<SuggestionFormDecision> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Form).HasMaxLength(SuggestionForms.MaxLength);
        builder.Property(d => d.UserId).HasMaxLength(TagLimits.UserIdMaxLength);
        builder.HasOne<Article>().WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.Kind, d.Form, d.ArticleId }).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.EntityType).HasMaxLength(40);
        builder.Property(e => e.EntityKey).HasMaxLength(40);
        builder.Property(e => e.Action).HasMaxLength(20);
        builder.Property(e => e.Summary).HasMaxLength(500);
        builder.Property(e => e.UserId).HasMaxLength(TagLimits.UserIdMaxLength);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.HasIndex(e => new { e.ArticleId, e.Id });
        builder.HasIndex(e => new { e.ClaimId, e.Id });
        builder.HasIndex(e => new { e.ActorId, e.Id });
        builder.HasIndex(e => new { e.UserId, e.Id });
        builder.HasIndex(e => e.ChangeId);
        builder.HasIndex(e => new { e.EntityType, e.EntityKey });
    }
}

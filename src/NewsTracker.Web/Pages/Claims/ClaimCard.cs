using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Claims;

/// <summary>A claim in a list (the claims page, an actor's page): statement, claimant, verdict and review state,
/// and how many articles carry it.</summary>
public sealed record ClaimCard(
    int Id,
    string Statement,
    int? ClaimantId,
    string? Claimant,
    Verdict Verdict,
    ReviewState State,
    DateTime UpdatedUtc,
    DateTime? PublishedUtc,
    int Appearances,
    int Sources);

/// <summary>Who sees which claims and tags: staff see everything; anonymous visitors and readers see published
/// claims and approved tags that are placed in the article's current text.</summary>
public static class TagVisibility
{
    public static IQueryable<Claim> VisibleTo(this IQueryable<Claim> claims, Editor viewer) =>
        viewer.IsStaff ? claims : claims.Where(c => c.State == ReviewState.Published);

    /// <summary>Tags a viewer may see: staff see proposals too; orphans (not placed in the current text) are
    /// left out for everyone, since their offsets refer to an older version.</summary>
    public static IQueryable<Annotation> VisibleTo(this IQueryable<Annotation> annotations, Editor viewer) =>
        viewer.IsStaff
            ? annotations.Where(a => !a.IsOrphaned)
            : annotations.Where(a => !a.IsOrphaned && a.Status == AnnotationStatus.Approved);

    /// <summary>Claim cards for a query of claims, counting the appearances the viewer may see.</summary>
    public static IQueryable<ClaimCardRow> ToCardRows(this IQueryable<Claim> claims, IQueryable<Annotation> visibleAnnotations) =>
        claims.Select(c => new ClaimCardRow(
            c.Id,
            c.Statement,
            c.ClaimantId,
            c.Claimant != null ? c.Claimant.Name : null,
            c.Verdict,
            c.State,
            c.UpdatedUtc,
            c.PublishedUtc,
            visibleAnnotations.Count(a => a.ClaimId == c.Id && a.Kind == AnnotationKind.Claim),
            c.Sources.Count));

    public static ClaimCard ToCard(this ClaimCardRow row, VerdictScale verdicts) => new(
        row.Id, row.Statement, row.ClaimantId, row.Claimant, verdicts.Describe(row.Verdict), row.State, row.UpdatedUtc, row.PublishedUtc, row.Appearances, row.Sources);
}

/// <summary>A claim card as read from the database, before its verdict key is described.</summary>
public sealed record ClaimCardRow(
    int Id,
    string Statement,
    int? ClaimantId,
    string? Claimant,
    string Verdict,
    ReviewState State,
    DateTime UpdatedUtc,
    DateTime? PublishedUtc,
    int Appearances,
    int Sources);

/// <summary>SQL LIKE patterns for "contains these characters", with the wildcards in the input escaped.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>A pattern for "contains <paramref name="text"/>, ignoring case": match it against the column's
    /// <c>ToLower()</c>. SQLite's LIKE alone ignores case but PostgreSQL's does not, and lower() on both sides
    /// gives the same answer on both (on PostgreSQL for every script, not only ASCII).</summary>
    public static string Containing(string text) =>
        "%" + text.ToLowerInvariant().Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal) + "%";
}

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

/// <summary>Claim cards read from a query of claims (the claims page, an actor's and a source's page).</summary>
public static class ClaimCards
{
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

using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// Who may see which tags and claims, in one place for pages, API, exports and topics. Staff (journalists, editors)
/// see drafts and proposals; everyone else sees published claims and approved tags placed in the article's current
/// text, and, where a tag belongs to a claim, only if that claim is published. An actor a journalist created stays
/// out of sight of the public until an editor approves it or an editor's decision uses it.
/// </summary>
public static class Visibility
{
    /// <summary>Claims anyone may see.</summary>
    public static IQueryable<Claim> Published(this IQueryable<Claim> claims) =>
        claims.Where(c => c.State == ReviewState.Published);

    /// <summary>Claims <paramref name="viewer"/> may see: all for staff, published ones for everyone else.</summary>
    public static IQueryable<Claim> VisibleTo(this IQueryable<Claim> claims, Editor viewer) =>
        viewer.IsStaff ? claims : claims.Published();

    /// <summary>The review state a list of claims is cut to: the one asked for, which only staff may set to anything
    /// but published; everyone else gets the published ones. <paramref name="verb"/> names the action in the refusal.</summary>
    public static ReviewState? ClaimStateFor(Editor viewer, ReviewState? requested, string verb)
    {
        if (viewer.IsStaff)
        {
            return requested;
        }

        return requested is null or ReviewState.Published
            ? ReviewState.Published
            : throw new ForbiddenException($"Only journalists and editors can {verb} claims that are not published.");
    }

    /// <summary>Tags anyone may see, as far as the tag itself goes: approved and placed in the current text (an
    /// orphan's offsets refer to an older version). Callers that list tags of claims not yet filtered use
    /// <see cref="ListedFor"/>, which also asks for the claim to be published.</summary>
    public static IQueryable<Annotation> ApprovedAndPlaced(this IQueryable<Annotation> annotations) =>
        annotations.Where(a => a.Status == AnnotationStatus.Approved && !a.IsOrphaned);

    /// <summary>The same rule for a tag already read into memory.</summary>
    public static bool IsApprovedAndPlaced(AnnotationStatus status, bool isOrphaned) =>
        status == AnnotationStatus.Approved && !isOrphaned;

    /// <summary>Tags shown in the text or counted on a page: staff see proposals too; orphans are left out for
    /// everyone. Where the claims are already cut to those the viewer may see (<see cref="VisibleTo(IQueryable{Claim}, Editor)"/>),
    /// this is all a tag needs.</summary>
    public static IQueryable<Annotation> VisibleTo(this IQueryable<Annotation> annotations, Editor viewer) =>
        viewer.IsStaff ? annotations.Where(a => !a.IsOrphaned) : annotations.ApprovedAndPlaced();

    /// <summary>Tags as lists and exports give them: staff get every tag, orphans and proposals included; everyone
    /// else approved, placed tags whose claim, if any, is published.</summary>
    public static IQueryable<Annotation> ListedFor(this IQueryable<Annotation> annotations, Editor viewer) =>
        viewer.IsStaff ? annotations : annotations.Public();

    /// <summary>Tags anyone may see: approved, placed, and of a published claim if of a claim at all.</summary>
    public static IQueryable<Annotation> Public(this IQueryable<Annotation> annotations) =>
        annotations.ApprovedAndPlaced().Where(a => a.ClaimId == null || a.Claim!.State == ReviewState.Published);

    /// <summary>Topics anyone may see (the <c>topic:</c> search filter, which does not know who is searching).</summary>
    public static IQueryable<Topic> Published(this IQueryable<Topic> topics) => topics.Where(t => t.IsPublished);

    /// <summary>Whether <paramref name="viewer"/> may see <paramref name="topic"/>: staff see unpublished topics too.</summary>
    public static bool CanSee(this Editor viewer, Topic topic) => topic.IsPublished || viewer.IsStaff;

    /// <summary>Actors <paramref name="viewer"/> may see: all for staff; for everyone else those an editor created or
    /// approved, or that an editor's decision uses (an approved tag naming them or their source, a published claim they
    /// made or that cites them). <paramref name="db"/> supplies those rows to the same query.</summary>
    public static IQueryable<Actor> VisibleTo(this IQueryable<Actor> actors, NewsTrackerDbContext db, Editor viewer) =>
        viewer.IsStaff ? actors : actors.Public(db);

    /// <summary>Actors anyone may see; see <see cref="VisibleTo(IQueryable{Actor}, NewsTrackerDbContext, Editor)"/>.</summary>
    public static IQueryable<Actor> Public(this IQueryable<Actor> actors, NewsTrackerDbContext db) =>
        // The tag test is two lookups, by actor and by the actor's sources, each on its index; one test with "or" over
        // the join scanned every tag for an actor that has none.
        actors.Where(a => a.IsApproved
                          || db.Annotations.Any(t => t.Status == AnnotationStatus.Approved && t.ActorId == a.Id)
                          || db.Sources.Any(s => s.ActorId == a.Id && db.Annotations.Any(t => t.Status == AnnotationStatus.Approved && t.SourceId == s.Id))
                          || db.Claims.Any(c => c.State == ReviewState.Published
                                                && (c.ClaimantId == a.Id || c.Sources.Any(s => s.Source!.ActorId == a.Id))));
}

using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Tests.Tagging;

public sealed class VisibilityTests
{
    private static readonly Editor Journalist = new("j1", "journalist@example.test", true, false);

    private static readonly Claim Published = new() { Id = 1, Statement = "Published", Verdict = "unrated", State = ReviewState.Published };

    private static readonly Claim Draft = new() { Id = 2, Statement = "Draft", Verdict = "unrated", State = ReviewState.Draft };

    /// <summary>One tag of each kind that matters: approved or proposed, placed or orphaned, of a published claim,
    /// of a draft claim, or of no claim.</summary>
    private static readonly Annotation[] Tags =
    [
        Tag(1, AnnotationStatus.Approved, orphaned: false, claim: null),
        Tag(2, AnnotationStatus.Proposed, orphaned: false, claim: null),
        Tag(3, AnnotationStatus.Approved, orphaned: true, claim: null),
        Tag(4, AnnotationStatus.Approved, orphaned: false, claim: Published),
        Tag(5, AnnotationStatus.Approved, orphaned: false, claim: Draft),
    ];

    [Fact]
    public void The_public_sees_approved_placed_tags_of_no_claim_or_a_published_one()
    {
        Assert.Equal([1, 4], Tags.AsQueryable().ListedFor(Editor.Anonymous).Select(t => t.Id));
        Assert.Equal([1, 4], Tags.AsQueryable().Public().Select(t => t.Id));
    }

    [Fact]
    public void Staff_lists_every_tag_but_pages_leave_orphans_out_for_everyone()
    {
        Assert.Equal([1, 2, 3, 4, 5], Tags.AsQueryable().ListedFor(Journalist).Select(t => t.Id));
        Assert.Equal([1, 2, 4, 5], Tags.AsQueryable().VisibleTo(Journalist).Select(t => t.Id));
        Assert.Equal([1, 4, 5], Tags.AsQueryable().VisibleTo(Editor.Anonymous).Select(t => t.Id));
    }

    [Fact]
    public void Claims_other_than_published_are_staff_only()
    {
        var claims = new[] { Published, Draft }.AsQueryable();

        Assert.Equal([1], claims.VisibleTo(Editor.Anonymous).Select(c => c.Id));
        Assert.Equal([1, 2], claims.VisibleTo(Journalist).Select(c => c.Id));
    }

    [Theory]
    [InlineData(null, ReviewState.Published)]
    [InlineData(ReviewState.Published, ReviewState.Published)]
    public void The_public_may_list_published_claims_whatever_it_asks_for(ReviewState? asked, ReviewState expected) =>
        Assert.Equal(expected, Visibility.ClaimStateFor(Editor.Anonymous, asked, "list"));

    [Fact]
    public void The_public_asking_for_drafts_is_refused_with_the_action_named_and_staff_get_what_they_ask_for()
    {
        var refused = Assert.Throws<ForbiddenException>(() => Visibility.ClaimStateFor(Editor.Anonymous, ReviewState.Draft, "export"));

        Assert.Equal("Only journalists and editors can export claims that are not published.", refused.Message);
        Assert.Equal(ReviewState.Draft, Visibility.ClaimStateFor(Journalist, ReviewState.Draft, "export"));
        Assert.Null(Visibility.ClaimStateFor(Journalist, null, "export"));
    }

    private static Annotation Tag(int id, AnnotationStatus status, bool orphaned, Claim? claim) => new()
    {
        Id = id,
        Status = status,
        IsOrphaned = orphaned,
        Kind = claim is null ? AnnotationKind.ActorMention : AnnotationKind.Claim,
        ClaimId = claim?.Id,
        Claim = claim,
        Exact = "text",
        Prefix = string.Empty,
        Suffix = string.Empty,
    };
}

using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Claims;

/// <summary>
/// One claim: the statement, who made it, what it rests on, every article it appears in, the verdict and the
/// review. Editors review (submit, publish with a verdict, reject with a comment, reopen), edit and delete it;
/// journalists edit, submit and delete their own drafts. Published claims carry schema.org ClaimReview JSON-LD.
/// Anonymous visitors and readers see published claims only (404 otherwise).
/// </summary>
public sealed class DetailsModel(IMediator mediator, IConfiguration configuration) : PageModel
{
    public Result Data { get; private set; } = null!;

    /// <summary>The claim's audit log, for staff.</summary>
    public HistoryView? History { get; private set; }

    /// <summary>Actors and sources to pick from, for those who may edit.</summary>
    public EditOptions? Options { get; private set; }

    /// <summary>The ClaimReview JSON-LD of a published claim, already escaped for a script element.</summary>
    public string? JsonLd { get; private set; }

    /// <summary>The form whose post failed, so the page opens it with the message and what was typed.</summary>
    public string? ActiveForm { get; private set; }

    [BindProperty]
    public EditForm Form { get; set; } = new();

    public async Task OnGetAsync(int id, [FromQuery] long? historyBefore, CancellationToken cancellationToken)
    {
        await LoadAsync(id, historyBefore, cancellationToken);
    }

    public Task<IActionResult> OnPostSubmitAsync(int id, Guid? stamp, CancellationToken cancellationToken) =>
        ReviewAsync(id, "submit", new Tagging.Claims.Review(id, stamp, Tagging.Claims.ReviewAction.Submit), "Sent for review.", cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(int id, Guid? stamp, string? verdict, string? comment, CancellationToken cancellationToken) =>
        ReviewAsync(id, "publish", new Tagging.Claims.Review(id, stamp, Tagging.Claims.ReviewAction.Publish, string.IsNullOrEmpty(verdict) ? null : verdict, comment), "Published.", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(int id, Guid? stamp, string? comment, CancellationToken cancellationToken) =>
        ReviewAsync(id, "reject", new Tagging.Claims.Review(id, stamp, Tagging.Claims.ReviewAction.Reject, null, comment), "Rejected.", cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, Guid? stamp, CancellationToken cancellationToken) =>
        ReviewAsync(id, "reopen", new Tagging.Claims.Review(id, stamp, Tagging.Claims.ReviewAction.Reopen), "Reopened for review.", cancellationToken);

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken cancellationToken)
    {
        if (Refusal("edit", Form.Stamp) is { } refused)
        {
            return refused;
        }

        var newSource = string.IsNullOrWhiteSpace(Form.NewSourceDescription)
            ? null
            : new Tagging.Sources.NewSource(Form.NewSourceKind ?? SourceKind.UnspecifiedReports, Form.NewSourceDescription, Form.NewSourceActorId);
        var sources = Form.SourceIds.Concat(Form.AddSourceId is { } add ? [add] : []).Distinct().ToList();
        await mediator.Send(new Edit(id, Form.Stamp, Form.Statement ?? string.Empty, Form.ClaimantId, sources, newSource), cancellationToken);
        TempData["Notice"] = "Claim saved.";
        return Redirect($"/claims/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, Guid? stamp, CancellationToken cancellationToken)
    {
        if (Refusal("delete", stamp) is { } refused)
        {
            return refused;
        }

        var statement = await mediator.Send(new Delete(id, stamp), cancellationToken);
        TempData["Notice"] = $"Deleted the claim “{Shorten(statement)}”.";
        return Redirect("/claims");
    }

    private async Task<IActionResult> ReviewAsync(int id, string form, Tagging.Claims.Review review, string notice, CancellationToken cancellationToken)
    {
        if (Refusal(form, review.Stamp) is { } refused)
        {
            return refused;
        }

        await mediator.Send(review, cancellationToken);
        TempData["Notice"] = notice;
        return Redirect($"/claims/{id}");
    }

    /// <summary>See <see cref="TagForms.Refusal"/>; <paramref name="form"/> opens again if the post is refused.</summary>
    private IActionResult? Refusal(string form, Guid? stamp)
    {
        ActiveForm = form;
        return TagForms.Refusal(this, signInFirst: true, stamp, "claim");
    }

    /// <summary>A POST sends its command first; the claim is read only when a refusal re-renders the page.</summary>
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        TagForms.RedisplayAsync(context, next, async cancellationToken =>
        {
            await LoadAsync(TagForms.RouteId(this), null, cancellationToken);
            return null;
        });

    private async Task LoadAsync(int id, long? historyBefore, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query(id), cancellationToken);
        if (Data.State == ReviewState.Published)
        {
            JsonLd = ClaimReviewJsonLd.Serialize(Data.ToClaimReview(Hosting.PublicUrls.For(Request).AbsoluteUri.TrimEnd('/'), ClaimReviewJsonLd.OrganizationName(configuration)));
        }

        if (Data.Can.SeeHistory)
        {
            var page = await mediator.Send(new Tagging.History.Query(Tagging.History.Subject.Claim, id, historyBefore), cancellationToken);
            History = new HistoryView(page, $"/claims/{id}", historyBefore is not null);
        }

        if (Data.Can.Edit)
        {
            Options = await mediator.Send(new EditOptionsQuery(), cancellationToken);
            if (ActiveForm != "edit")
            {
                // The edit form starts from the claim as it is; after a refused edit it keeps what was typed.
                Form = new EditForm
                {
                    Stamp = Data.Stamp,
                    Statement = Data.Statement,
                    ClaimantId = Data.Claimant?.Id,
                    SourceIds = Data.Sources.Select(s => s.Id).ToList(),
                };
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");

    /// <summary>The edit form: statement, claimant, the sources kept, one existing source to add and one new source to create.</summary>
    public sealed class EditForm
    {
        public Guid? Stamp { get; set; }

        public string? Statement { get; set; }

        public int? ClaimantId { get; set; }

        public List<int> SourceIds { get; set; } = [];

        public int? AddSourceId { get; set; }

        public SourceKind? NewSourceKind { get; set; }

        public string? NewSourceDescription { get; set; }

        public int? NewSourceActorId { get; set; }
    }

    /// <summary>A claim as the viewer may see it (404 for drafts and claims in review unless the viewer is staff).</summary>
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record ActorRef(int Id, string Name, ActorKind Kind, string? WikidataId);

    public sealed record SourceItem(int Id, SourceKind Kind, string Description, int? ActorId, string? Actor);

    /// <summary>A claim tag in an article: where, when, and the quoted words with up to 32 characters either side.</summary>
    public sealed record Appearance(
        int TagId,
        int ArticleId,
        string Slug,
        string Title,
        string? OriginalUrl,
        int? OutletId,
        string? Outlet,
        DateTime DateUtc,
        bool IsPublished,
        string Prefix,
        string Exact,
        string Suffix,
        AnnotationStatus Status,
        bool IsOrphaned);

    /// <summary>What the viewer may do with the claim.</summary>
    public sealed record Permissions(bool SeeHistory, bool Edit, bool Submit, bool Review, bool Reopen, bool Delete);

    public sealed record Result(
        int Id,
        string Statement,
        ActorRef? Claimant,
        Verdict Verdict,
        ReviewState State,
        string? ReviewComment,
        string? ReviewedBy,
        DateTime? ReviewedUtc,
        DateTime? PublishedUtc,
        string? CreatedBy,
        DateTime CreatedUtc,
        DateTime UpdatedUtc,
        Guid Stamp,
        IReadOnlyList<SourceItem> Sources,
        IReadOnlyList<Appearance> Appearances,
        Permissions Can)
    {
        /// <summary>The ClaimReview input for this claim; only approved appearances placed in the current text count.</summary>
        public ClaimReviewJsonLd.Input ToClaimReview(string siteUrl, string organization) => new(
            $"{siteUrl}/claims/{Id}",
            Statement,
            PublishedUtc ?? UpdatedUtc,
            Verdict,
            ReviewComment,
            Claimant is null ? null : new ClaimReviewJsonLd.Claimant(Claimant.Name, Claimant.Kind, Claimant.WikidataId),
            Appearances.Where(a => Visibility.IsApprovedAndPlaced(a.Status, a.IsOrphaned))
                .DistinctBy(a => a.ArticleId)
                .Select(a => new ClaimReviewJsonLd.Appearance(a.OriginalUrl ?? $"{siteUrl}/articles/{a.ArticleId}/{a.Slug}", a.Title, a.DateUtc, a.Outlet))
                .ToList(),
            organization,
            siteUrl + "/");
    }

    public sealed class Handler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = audit.Editor;
            var claim = await db.Claims.AsNoTracking().VisibleTo(viewer)
                .Where(c => c.Id == request.Id)
                .Select(c => new
                {
                    c.Id,
                    c.Statement,
                    Claimant = c.Claimant == null ? null : new ActorRef(c.Claimant.Id, c.Claimant.Name, c.Claimant.Kind, c.Claimant.WikidataId),
                    c.Verdict,
                    c.State,
                    c.ReviewComment,
                    c.ReviewedByUserId,
                    c.ReviewedUtc,
                    c.PublishedUtc,
                    c.CreatedByUserId,
                    c.CreatedUtc,
                    c.UpdatedUtc,
                    c.ConcurrencyStamp,
                })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no claim {request.Id}.");

            var sources = await db.ClaimSources.AsNoTracking()
                .Where(s => s.ClaimId == claim.Id)
                .Select(s => new SourceItem(s.Source!.Id, s.Source.Kind, s.Source.Description, s.Source.ActorId, s.Source.Actor != null ? s.Source.Actor.Name : null))
                .ToListAsync(cancellationToken);

            var tags = db.Annotations.AsNoTracking().Where(a => a.ClaimId == claim.Id && a.Kind == AnnotationKind.Claim);
            var allTags = viewer.IsStaff ? await tags.CountAsync(cancellationToken) : 0;
            var appearances = await (
                    from tag in tags.ListedFor(viewer)
                    join article in db.Articles on tag.ArticleId equals article.Id
                    select new
                    {
                        tag.Id,
                        tag.ArticleId,
                        article.Slug,
                        article.Title,
                        article.Url,
                        article.OutletId,
                        Outlet = article.Outlet != null ? article.Outlet.Name : null,
                        article.SortUtc,
                        IsPublished = article.PublishedUtc != null,
                        tag.Prefix,
                        tag.Exact,
                        tag.Suffix,
                        tag.Status,
                        tag.IsOrphaned,
                    })
                .ToListAsync(cancellationToken);

            var userIds = new[] { claim.ReviewedByUserId, claim.CreatedByUserId }.OfType<string>().Distinct().ToList();
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, cancellationToken);

            var own = viewer.UserId is not null && string.Equals(viewer.UserId, claim.CreatedByUserId, StringComparison.Ordinal);
            var edit = viewer.IsEditor || (viewer.CanPropose && own && claim.State == ReviewState.Draft);
            var can = new Permissions(
                SeeHistory: viewer.IsStaff,
                Edit: edit,
                Submit: edit && claim.State == ReviewState.Draft,
                Review: viewer.IsEditor && claim.State is ReviewState.Draft or ReviewState.InReview,
                Reopen: viewer.IsEditor && claim.State is ReviewState.Published or ReviewState.Rejected,
                Delete: edit && allTags == 0);

            return new Result(
                claim.Id,
                claim.Statement,
                claim.Claimant,
                verdicts.Describe(claim.Verdict),
                claim.State,
                claim.ReviewComment,
                claim.ReviewedByUserId is null ? null : users.GetValueOrDefault(claim.ReviewedByUserId),
                claim.ReviewedUtc,
                claim.PublishedUtc,
                viewer.IsStaff && claim.CreatedByUserId is not null ? users.GetValueOrDefault(claim.CreatedByUserId) : null,
                claim.CreatedUtc,
                claim.UpdatedUtc,
                claim.ConcurrencyStamp,
                sources.OrderBy(s => s.Description, StringComparer.CurrentCultureIgnoreCase).ToList(),
                appearances
                    .OrderBy(a => a.SortUtc).ThenBy(a => a.ArticleId)
                    .Select(a => new Appearance(
                        a.Id, a.ArticleId, a.Slug, a.Title, a.Url, a.OutletId, a.Outlet, a.SortUtc, a.IsPublished,
                        QuoteContext.Before(a.Prefix), a.Exact, QuoteContext.After(a.Suffix), a.Status, a.IsOrphaned))
                    .ToList(),
                can);
        }
    }

    /// <summary>Edits a claim from the page in one change: an inline new source is created (or an equal one
    /// reused) and attached along with the sources picked.</summary>
    public sealed record Edit(int Id, Guid? Stamp, string Statement, int? ClaimantId, IReadOnlyList<int> SourceIds, Tagging.Sources.NewSource? NewSource) : ICommand<Tagging.Claims.Saved>;

    public sealed class EditHandler(IMediator mediator) : IRequestHandler<Edit, Tagging.Claims.Saved>
    {
        public async Task<Tagging.Claims.Saved> Handle(Edit request, CancellationToken cancellationToken)
        {
            var sources = request.SourceIds.ToList();
            if (request.NewSource is not null)
            {
                // Runs inside this command's transaction: if the claim's update is refused, the source goes too.
                sources.Add((await mediator.Send(new CreateSource(request.NewSource), cancellationToken)).Id);
            }

            return await mediator.Send(new Update(request.Id, request.Stamp, new Tagging.Claims.NewClaim(request.Statement, request.ClaimantId, sources.Distinct().ToList())), cancellationToken);
        }
    }

    /// <summary>The live actors (for the claimant and a new source's actor) and the sources to pick from.</summary>
    public sealed record Update(int Id, Guid? Stamp, Tagging.Claims.NewClaim Claim) : ICommand<Tagging.Claims.Saved>;

    /// <summary>Deletes a claim no article tags; answers its statement.</summary>
    public sealed record Delete(int Id, Guid? Stamp) : ICommand<string>;

    public sealed class UpdateValidator : AbstractValidator<Update>
    {
        public UpdateValidator() => RuleFor(c => c.Claim).NotNull().SetValidator(new Tagging.Claims.NewClaimValidator());
    }

    public sealed class UpdateHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Update, Tagging.Claims.Saved>
    {
        public async Task<Tagging.Claims.Saved> Handle(Update request, CancellationToken cancellationToken)
        {
            var claim = await Tagging.Claims.LoadAsync(db, request.Id, cancellationToken);
            TagRules.RequireOwnProposal(audit.Editor, claim.CreatedByUserId, claim.State != ReviewState.Draft, "edit");
            await TagRules.EnsureCurrentAsync(db, claim, request.Stamp, "claim", cancellationToken);
            claim.Statement = request.Claim.Statement.Trim();
            await Tagging.Claims.SetPartiesAsync(db, claim, request.Claim, cancellationToken);
            db.Entry(claim).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
            return new Tagging.Claims.Saved(claim.Id, claim.State, claim.Verdict, claim.ConcurrencyStamp);
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Delete, string>
    {
        public async Task<string> Handle(Delete request, CancellationToken cancellationToken)
        {
            var claim = await Tagging.Claims.LoadAsync(db, request.Id, cancellationToken);
            TagRules.RequireOwnProposal(audit.Editor, claim.CreatedByUserId, claim.State != ReviewState.Draft, "delete");
            await TagRules.EnsureCurrentAsync(db, claim, request.Stamp, "claim", cancellationToken);
            if (await db.Annotations.AnyAsync(a => a.ClaimId == claim.Id, cancellationToken))
            {
                throw new ValidationFailedException("Id", "The claim is still tagged in articles; remove those tags first.");
            }

            db.ClaimSources.RemoveRange(claim.Sources);
            db.Claims.Remove(claim);
            await db.SaveChangesAsync(cancellationToken);
            return claim.Statement;
        }
    }

    public sealed record CreateSource(Tagging.Sources.NewSource Source) : ICommand<Tagging.Sources.Saved>;

    public sealed class CreateSourceValidator : AbstractValidator<CreateSource>
    {
        public CreateSourceValidator() => RuleFor(c => c.Source).NotNull().SetValidator(new Tagging.Sources.NewSourceValidator());
    }

    public sealed class CreateSourceHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<CreateSource, Tagging.Sources.Saved>
    {
        public async Task<Tagging.Sources.Saved> Handle(CreateSource request, CancellationToken cancellationToken)
        {
            TagRules.RequireProposer(audit.Editor);
            var source = await Tagging.Sources.FindOrAddAsync(db, request.Source, audit.Editor, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Tagging.Sources.Saved(source.Id, source.Description, source.ConcurrencyStamp);
        }
    }

    public sealed record EditOptionsQuery : IRequest<EditOptions>;

    public sealed record EditOptions(IReadOnlyList<ActorRef> Actors, IReadOnlyList<SourceItem> Sources);

    public sealed class EditOptionsHandler(NewsTrackerDbContext db) : IRequestHandler<EditOptionsQuery, EditOptions>
    {
        public async Task<EditOptions> Handle(EditOptionsQuery request, CancellationToken cancellationToken)
        {
            var actors = await db.Actors.AsNoTracking().Where(a => a.MergedIntoId == null)
                .Select(a => new ActorRef(a.Id, a.Name, a.Kind, a.WikidataId))
                .ToListAsync(cancellationToken);
            var sources = await db.Sources.AsNoTracking()
                .Select(s => new SourceItem(s.Id, s.Kind, s.Description, s.ActorId, s.Actor != null ? s.Actor.Name : null))
                .ToListAsync(cancellationToken);
            return new EditOptions(
                actors.OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList(),
                sources.OrderBy(s => s.Description, StringComparer.CurrentCultureIgnoreCase).ToList());
        }
    }
}

/// <summary>The words either side of a quote as a reader should see them: kept within the quote's paragraph
/// (blocks are joined by blank lines), without a word cut in half, and with an ellipsis where text goes on.</summary>
public static class QuoteContext
{
    public static string Before(string prefix)
    {
        var cut = prefix.LastIndexOf('\n');
        if (cut >= 0)
        {
            return prefix[(cut + 1)..];
        }

        if (prefix.Length < NewsTracker.Web.Annotations.TextAnchor.ContextLength)
        {
            return prefix; // the article starts here
        }

        var space = prefix.IndexOf(' ', StringComparison.Ordinal);
        return "…" + (space >= 0 ? prefix[(space + 1)..] : prefix);
    }

    public static string After(string suffix)
    {
        var cut = suffix.IndexOf('\n', StringComparison.Ordinal);
        if (cut >= 0)
        {
            return suffix[..cut];
        }

        if (suffix.Length < NewsTracker.Web.Annotations.TextAnchor.ContextLength)
        {
            return suffix;
        }

        var space = suffix.LastIndexOf(' ');
        return (space >= 0 ? suffix[..space] : suffix) + "…";
    }
}

using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;
using static NewsTracker.Web.Hosting.NewsTrackerHost;

namespace NewsTracker.Web.Pages.Articles;

/// <summary>
/// One article: title once, byline/outlet/date, then its blocks with captions as captions, its tags drawn in
/// as highlights and listed in a side panel. Staff also get suggestions and the editor: page handlers that send
/// the tagging commands, answering JSON to the page's script and redirecting plain form posts back here.
/// Anonymous readers get it from the output cache, like a topic's timeline (see <see cref="TopicCachePolicy"/>):
/// one copy per address until a change readers can see evicts it; signed-in people always get it fresh.
/// </summary>
[OutputCache(PolicyName = TopicCachePolicy.Name)]
public sealed class DetailsModel(IMediator mediator, IAuthorizationService authorization) : PageModel
{
    public Result Data { get; private set; } = null!;

    /// <summary>The tags (and for staff, suggestions) this viewer sees on the shown version.</summary>
    public ArticleTags.View TagView { get; private set; } = ArticleTags.View.None(Editor.Anonymous);

    /// <summary>What the viewer's undo would take back, for the button's label.</summary>
    public string? LastChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? slug, [FromQuery] int? version, CancellationToken cancellationToken)
    {
        await LoadAsync(id, version, cancellationToken);
        // The page lists the story's other articles, so a change to any of them evicts it too.
        CachedPages.Tag(HttpContext, [ContentScope.Article(Data.Id), ContentScope.Story(Data.StoryId)]);
        if (!string.Equals(slug, Data.Slug, StringComparison.Ordinal))
        {
            return RedirectPermanent($"/articles/{Data.Id}/{Data.Slug}{(version is null ? string.Empty : $"?version={version}")}");
        }

        return Page();
    }

    /// <summary>The body with tags and suggestions drawn in, for the <c>_ArticleBody</c> partial.</summary>
    public TaggedBody Body => new(
        Data.Blocks.Select(b => (new BodyBlock(b.Kind, b.Text), b.Start)),
        TagView.Tags,
        TagView.Suggestions);

    private async Task LoadAsync(int id, int? version, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query(id, version), cancellationToken);
        var viewer = Editor.From(User);
        // "?suggestions=all" also lists the less certain suggestions; the link works without the script.
        var all = string.Equals(Request.Query["suggestions"], "all", StringComparison.Ordinal);
        TagView = await mediator.Send(new ArticleTags.Query(Data.Id, Data.ShownVersionId, viewer, AllSuggestions: all, IsNewest: Data.IsLatest), cancellationToken);
        if (viewer.IsStaff)
        {
            LastChange = await mediator.Send(new History.LastChange(), cancellationToken);
        }
    }

    // ---- Tagging handlers: the page's script posts the same fields as the forms, asking for JSON ----

    /// <summary>Typeahead over the actor registry for the tag dialog.</summary>
    [RequiresPolicy(Policies.Journalist)]
    public async Task<IActionResult> OnGetActorsAsync(string? q, CancellationToken cancellationToken) =>
        new JsonResult(await mediator.Send(new ActorSearch(q ?? string.Empty), cancellationToken));

    /// <summary>The kind the tag dialog proposes for a new actor with this name.</summary>
    [RequiresPolicy(Policies.Journalist)]
    public async Task<IActionResult> OnGetActorKindAsync(string? name, CancellationToken cancellationToken) =>
        new JsonResult(new { kind = (await mediator.Send(new GuessActorKind(name ?? string.Empty), cancellationToken)).ToString() });

    /// <summary>What a new actor called <paramref name="Name"/> most likely is (see <see cref="SuggestionForms.GuessKind"/>).</summary>
    public sealed record GuessActorKind(string Name) : IRequest<ActorKind>;

    public sealed class GuessActorKindHandler(IMediator mediator) : IRequestHandler<GuessActorKind, ActorKind>
    {
        public async Task<ActorKind> Handle(GuessActorKind request, CancellationToken cancellationToken) =>
            string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > TagLimits.ActorNameMaxLength
                ? ActorKind.Other
                : SuggestionForms.GuessKind(request.Name, await mediator.Send(new Tagging.Actors.Registry(), cancellationToken));
    }

    /// <summary>Change what a tag points at or its note, or (editors) approve a proposal.</summary>
    public sealed record UpdateTag(int Id, Guid? Stamp, int? ActorId = null, int? SourceId = null, int? ClaimId = null, string? Note = null, bool Approve = false) : ICommand<Tags.Saved>;

    public sealed class UpdateTagValidator : AbstractValidator<UpdateTag>
    {
        public UpdateTagValidator() =>
            RuleFor(c => c.Note).MaximumLength(TagLimits.NoteMaxLength).WithMessage($"A note can be at most {TagLimits.NoteMaxLength} characters.");
    }

    public sealed class UpdateTagHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<UpdateTag, Tags.Saved>
    {
        public async Task<Tags.Saved> Handle(UpdateTag request, CancellationToken cancellationToken)
        {
            var annotation = await db.Annotations.FirstOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException($"There is no tag {request.Id}.");
            TagRules.RequireOwnProposal(audit.Editor, annotation.CreatedByUserId, annotation.Status == AnnotationStatus.Approved, "change");
            await TagRules.EnsureCurrentAsync(db, annotation, request.Stamp, "tag", cancellationToken);

            if (request.Approve)
            {
                TagRules.RequireEditor(audit.Editor, "approve tags");
                annotation.Status = AnnotationStatus.Approved;
            }

            switch (annotation.Kind)
            {
                case AnnotationKind.ActorMention when request.ActorId is { } actorId:
                    annotation.ActorId = (await Tagging.Actors.FindLiveAsync(db, actorId, "ActorId", cancellationToken)).Id;
                    break;
                case AnnotationKind.Source when request.SourceId is { } sourceId:
                    annotation.SourceId = await db.Sources.AnyAsync(s => s.Id == sourceId, cancellationToken)
                        ? sourceId
                        : throw new ValidationFailedException("SourceId", $"There is no source {sourceId}.");
                    break;
                case AnnotationKind.Claim when request.ClaimId is { } claimId:
                    annotation.ClaimId = await db.Claims.AnyAsync(c => c.Id == claimId, cancellationToken)
                        ? claimId
                        : throw new ValidationFailedException("ClaimId", $"There is no claim {claimId}.");
                    break;
                default:
                    if ((request.ActorId ?? request.SourceId ?? request.ClaimId) is not null)
                    {
                        throw new ValidationFailedException("Kind", $"This tag marks {annotation.Kind.Label().ToLowerInvariant()}; it can only point at one.");
                    }

                    break;
            }

            if (request.Note is not null)
            {
                annotation.Note = request.Note.Trim().Length == 0 ? null : request.Note.Trim();
            }

            await db.SaveChangesAsync(cancellationToken);
            return Tags.ToSaved(annotation);
        }
    }

    /// <summary>Do not offer this suggestion again on this version.</summary>
    public sealed record RejectSuggestion(int ArticleId, int Version, AnnotationKind Kind, int Start, int End) : ICommand<Unit>;

    public sealed class RejectSuggestionHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<RejectSuggestion, Unit>
    {
        public async Task<Unit> Handle(RejectSuggestion request, CancellationToken cancellationToken)
        {
            TagRules.RequireProposer(audit.Editor);
            var version = await Tags.CurrentVersionAsync(db, request.ArticleId, request.Version, cancellationToken);
            if (TextAnchor.Validate(version.Text, request.Start, request.End) is { } problem)
            {
                throw problem.ToException();
            }

            // The dismissal is audited: the article's history lists it and undo offers the suggestion again.
            audit.SubjectArticleId = request.ArticleId;
            var exists = await db.RejectedSuggestions.AnyAsync(
                r => r.VersionId == version.Id && r.Kind == request.Kind && r.Start == request.Start && r.End == request.End, cancellationToken);
            if (!exists)
            {
                db.RejectedSuggestions.Add(new RejectedSuggestion
                {
                    VersionId = version.Id,
                    Kind = request.Kind,
                    Start = request.Start,
                    End = request.End,
                    UserId = audit.Editor.UserId,
                    RejectedUtc = clock.GetUtcNow().UtcDateTime,
                });
            }

            await Tags.RecordDecisionAsync(db, request.Kind, version.Text[request.Start..request.End], request.ArticleId, accepted: false, audit.Editor, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Unit.Value;
        }
    }

    [RequiresPolicy(Policies.Journalist)]
    public Task<IActionResult> OnPostTagAsync(int id, TagInput input, CancellationToken cancellationToken) =>
        RunAsync(
            () => mediator.Send(input.ToCommand(id), cancellationToken),
            saved => Done(
                StatusCodes.Status201Created,
                saved.Status == AnnotationStatus.Approved
                    ? $"Tagged “{Shorten(input.Exact)}” as {Article(saved.Kind)}."
                    : $"Proposed “{Shorten(input.Exact)}” as {Article(saved.Kind)}; an editor will review it.",
                saved,
                $"tag-{saved.Id}"));

    [RequiresPolicy(Policies.Journalist)]
    public Task<IActionResult> OnPostUpdateAsync(int tagId, Guid? stamp, string? note, bool approve, CancellationToken cancellationToken)
    {
        // An emptied note field clears the note (binding turns "" into null, which means "leave it").
        var sentNote = Request.HasFormContentType && Request.Form.ContainsKey("note") ? note ?? string.Empty : null;
        return RunAsync(
            () => mediator.Send(new UpdateTag(tagId, stamp, Note: sentNote, Approve: approve), cancellationToken),
            saved => Done(StatusCodes.Status200OK, approve ? "Tag approved." : sentNote?.Length == 0 ? "Note removed." : "Note saved.", saved, $"tag-{saved.Id}"));
    }

    [RequiresPolicy(Policies.Journalist)]
    public Task<IActionResult> OnPostDeleteAsync(int tagId, Guid? stamp, CancellationToken cancellationToken) =>
        RunAsync(
            () => mediator.Send(new Tags.Delete(tagId, stamp), cancellationToken),
            _ => Done(StatusCodes.Status200OK, "Tag removed.", null, "tag-panel"));

    [RequiresPolicy(Policies.Journalist)]
    public Task<IActionResult> OnPostRejectSuggestionAsync(int id, int version, AnnotationKind kind, int start, int end, CancellationToken cancellationToken) =>
        RunAsync(
            () => mediator.Send(new RejectSuggestion(id, version, kind, start, end), cancellationToken),
            _ => Done(StatusCodes.Status200OK, "Suggestion dismissed; it will not be offered again on this version.", null, "suggestions"));

    [RequiresPolicy(Policies.Journalist)]
    public Task<IActionResult> OnPostUndoAsync(CancellationToken cancellationToken) =>
        RunAsync(
            () => mediator.Send(new History.Undo(), cancellationToken),
            undone => Done(StatusCodes.Status200OK, $"Undone: {undone.Summary}.", undone, "tag-panel"));

    /// <summary>Whether the caller is the page's script (it asks for JSON) rather than a plain form post.</summary>
    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Sends a command. The script gets JSON for every outcome; a form post gets a redirect back on success,
    /// and on failure the exception goes on to <see cref="Hosting.ExceptionPageFilter"/>, which re-renders this page
    /// with the message (400, 403 or 409).</summary>
    private async Task<IActionResult> RunAsync<T>(Func<Task<T>> send, Func<T, IActionResult> done)
    {
        if (!WantsJson)
        {
            return done(await send());
        }

        try
        {
            return done(await send());
        }
        catch (Exception ex) when (ErrorResponses.ProblemFor(ex) is { } problem)
        {
            return problem.ToResult();
        }
    }

    private IActionResult Done(int status, string message, object? result, string anchor)
    {
        if (WantsJson)
        {
            return new JsonResult(new { message, result }) { StatusCode = status };
        }

        TempData["Notice"] = message;
        return Redirect($"{Request.PathBase}{Request.Path}#{anchor}");
    }

    private static ObjectResult Problem(int status, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        ErrorResponses.Problem(status, detail, errors).ToResult();

    private static string Article(AnnotationKind kind) => kind switch
    {
        AnnotationKind.Claim => "a claim",
        AnnotationKind.ActorMention => "an actor",
        _ => "a source",
    };

    private static string Shorten(string? text) =>
        text is null ? "the passage" : text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");

    /// <summary>
    /// Runs around every handler: checks the handler's <see cref="RequiresPolicyAttribute"/> (Razor Pages ignores
    /// <c>[Authorize]</c> on handler methods), refuses unreadable form fields, and loads the article when the result
    /// re-renders this page (a refused form post shows the page with the message).
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var policy = context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresPolicyAttribute>()?.Policy;
        if (policy is not null && !(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            var signedIn = User.Identity?.IsAuthenticated == true;
            if (WantsJson)
            {
                context.Result = signedIn
                    ? Problem(StatusCodes.Status403Forbidden, "Only journalists and editors can tag articles.")
                    : Problem(StatusCodes.Status401Unauthorized, "Sign in as a journalist or editor to tag articles.");
                return;
            }

            if (!signedIn)
            {
                context.Result = Challenge(new AuthenticationProperties { RedirectUri = $"{Request.PathBase}{Request.Path}" });
                return;
            }

            ModelState.AddModelError(string.Empty, "Only journalists and editors can tag articles. Ask an editor if you need to.");
            await ReloadAsync(context.HttpContext.RequestAborted);
            context.Result = new PageResult { StatusCode = StatusCodes.Status403Forbidden };
            return;
        }

        if (policy is not null && !ModelState.IsValid)
        {
            var errors = ModelState.Where(e => e.Value?.Errors.Count > 0)
                .ToDictionary(e => e.Key, e => e.Value!.Errors.Select(x => x.ErrorMessage.Length > 0 ? x.ErrorMessage : "This value could not be read.").ToArray(), StringComparer.Ordinal);
            if (WantsJson)
            {
                context.Result = Problem(StatusCodes.Status400BadRequest, ErrorResponses.InvalidInputDetail, errors);
                return;
            }

            await ReloadAsync(context.HttpContext.RequestAborted);
            context.Result = new PageResult { StatusCode = StatusCodes.Status400BadRequest };
            return;
        }

        var executed = await next();
        if (executed.Result is PageResult && Data is null)
        {
            await ReloadAsync(context.HttpContext.RequestAborted);
        }
    }

    /// <summary>Loads the newest version for a page re-rendered after a post (or a GET naming no known handler).</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var id = Convert.ToInt32(RouteData.Values["id"], System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(id, null, cancellationToken);
    }

    /// <summary>The authorization policy a handler needs. Razor Pages cannot apply <c>[Authorize]</c> to a single
    /// handler, so <see cref="OnPageHandlerExecutionAsync"/> enforces this one; the commands check roles again.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class RequiresPolicyAttribute(string policy) : Attribute
    {
        public string Policy { get; } = policy;
    }

    /// <summary>The tag dialog's fields (the same names for the script and the plain forms). Only the target of the
    /// chosen kind is sent on: an existing actor, source or claim by id, or the fields of a new one.</summary>
    public sealed class TagInput
    {
        public int? Version { get; set; }

        public AnnotationKind Kind { get; set; }

        public int Start { get; set; }

        public int End { get; set; }

        public string? Exact { get; set; }

        public int? ActorId { get; set; }

        public string? NewActorName { get; set; }

        public ActorKind? NewActorKind { get; set; }

        public int? SourceId { get; set; }

        public SourceKind? NewSourceKind { get; set; }

        public string? NewSourceDescription { get; set; }

        public int? NewSourceActorId { get; set; }

        public int? ClaimId { get; set; }

        public string? Statement { get; set; }

        public int? ClaimantId { get; set; }

        public List<int> SourceIds { get; set; } = [];

        public string? Note { get; set; }

        public Tags.Create ToCommand(int articleId) => Kind switch
        {
            AnnotationKind.ActorMention => Create(articleId) with
            {
                ActorId = ActorId,
                NewActor = ActorId is null && !string.IsNullOrWhiteSpace(NewActorName)
                    ? new Tagging.Actors.NewActor(NewActorName, NewActorKind ?? throw new ValidationFailedException(nameof(NewActorKind), "Choose what kind of actor this is: person, organisation, country, government body or other."))
                    : null,
            },
            AnnotationKind.Source => Create(articleId) with
            {
                SourceId = SourceId,
                NewSource = SourceId is null && !string.IsNullOrWhiteSpace(NewSourceDescription)
                    ? new Tagging.Sources.NewSource(NewSourceKind ?? throw new ValidationFailedException(nameof(NewSourceKind), "Choose the source's kind."), NewSourceDescription, NewSourceActorId)
                    : null,
            },
            _ => Create(articleId) with
            {
                ClaimId = ClaimId,
                NewClaim = ClaimId is null && !string.IsNullOrWhiteSpace(Statement)
                    ? new Tagging.Claims.NewClaim(Statement, ClaimantId, SourceIds.Count == 0 ? null : SourceIds)
                    : null,
            },
        };

        private Tags.Create Create(int articleId) => new(articleId, Version, Kind, Start, End, Exact, Note: Note);
    }

    /// <summary>Actors whose name or alias starts a word with the typed text, best matches first.</summary>
    public sealed record ActorSearch(string Term) : IRequest<IReadOnlyList<ActorOption>>;

    /// <summary>One typeahead option; <see cref="Alias"/> is the alias that matched when the name did not.</summary>
    public sealed record ActorOption(int Id, string Name, string Kind, string KindLabel, string? Description, string? Alias);

    /// <summary>The most options the typeahead shows.</summary>
    public const int MaxActorOptions = 8;

    public sealed class ActorSearchHandler(NewsTrackerDbContext db) : IRequestHandler<ActorSearch, IReadOnlyList<ActorOption>>
    {
        public async Task<IReadOnlyList<ActorOption>> Handle(ActorSearch request, CancellationToken cancellationToken)
        {
            var term = TagRules.NormalizeName(request.Term);
            if (term.Length == 0)
            {
                return [];
            }

            // Normalised names hold only lower-case letters, digits and single spaces, so the term needs no LIKE escaping.
            var prefix = term + "%";
            var wordPrefix = "% " + term + "%";
            var found = await db.Actors.AsNoTracking()
                .Where(a => a.MergedIntoId == null
                            && (EF.Functions.Like(a.NormalizedName, prefix) || EF.Functions.Like(a.NormalizedName, wordPrefix)
                                || a.Aliases.Any(x => EF.Functions.Like(x.NormalizedName, prefix) || EF.Functions.Like(x.NormalizedName, wordPrefix))))
                .OrderBy(a => a.NormalizedName.Length)
                .Take(MaxActorOptions * 4)
                .Select(a => new
                {
                    a.Id, a.Name, a.Kind, a.Description, a.NormalizedName,
                    Alias = a.Aliases.Where(x => EF.Functions.Like(x.NormalizedName, prefix) || EF.Functions.Like(x.NormalizedName, wordPrefix)).Select(x => x.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);

            return found
                .OrderBy(a => a.NormalizedName == term ? 0 : a.NormalizedName.StartsWith(term, StringComparison.Ordinal) ? 1 : a.Alias is not null ? 2 : 3)
                .ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                .Take(MaxActorOptions)
                .Select(a => new ActorOption(a.Id, a.Name, a.Kind.ToString(), a.Kind.Label(), a.Description,
                    a.NormalizedName.Contains(term, StringComparison.Ordinal) ? null : a.Alias))
                .ToList();
        }
    }

    // ---- The article itself ----

    /// <summary>An article; its newest version unless <paramref name="Version"/> names an earlier one.</summary>
    public sealed record Query(int Id, int? Version = null) : IRequest<Result>;

    public sealed record Block(BlockKind Kind, string Text, int Start);

    public sealed record VersionInfo(int Number, DateTime CreatedUtc, string Origin);

    /// <summary>Another article in the same story, for the related coverage panel.</summary>
    public sealed record RelatedArticle(int Id, string Slug, string Title, int? OutletId, string? Outlet, DateTime SortUtc, bool IsPublished);

    /// <summary>The related coverage panel lists at most this many; the story page has the rest.</summary>
    public const int MaxRelated = 10;

    public sealed record Result(
        int Id,
        string Slug,
        string Title,
        string? Byline,
        string? Agency,
        int? OutletId,
        string? Outlet,
        string? Url,
        DateTime? PublishedUtc,
        DateTime CreatedUtc,
        DateTime UpdatedUtc,
        string? Language,
        int Version,
        int ShownVersion,
        int ShownVersionId,
        int StoryId,
        IReadOnlyList<VersionInfo> Versions,
        IReadOnlyList<Block> Blocks,
        IReadOnlyList<RelatedArticle> Related,
        bool MoreRelated)
    {
        public bool IsLatest => ShownVersion == Version;

        [System.Text.Json.Serialization.JsonIgnore]
        public ArticleMeta Meta => new(OutletId, Outlet, Byline, PublishedUtc ?? CreatedUtc, PublishedUtc is not null, Version, Agency);
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        // Compiled once: a view otherwise spends about as long in EF's expression-tree work (extracting parameters,
        // finding the cached query) as SQLite spends running the three queries.

        /// <summary>The article and its versions in one query (an article has a version from the start, usually one).</summary>
        private static readonly Func<NewsTrackerDbContext, int, IAsyncEnumerable<ShownVersion>> Versions = EF.CompileAsyncQuery(
            (NewsTrackerDbContext context, int id) => context.ArticleVersions.AsNoTracking()
                .Where(v => v.ArticleId == id)
                .OrderBy(v => v.Number)
                .Select(v => new ShownVersion(
                    v.Id, new VersionInfo(v.Number, v.CreatedUtc, v.Origin), v.Title,
                    new ArticleRow(
                        v.Article!.Id, v.Article.Slug, v.Article.Byline, v.Article.Agency, v.Article.OutletId, v.Article.Outlet != null ? v.Article.Outlet.Name : null,
                        v.Article.Url, v.Article.PublishedUtc, v.Article.CreatedUtc, v.Article.UpdatedUtc, v.Article.Language, v.Article.CurrentVersion, v.Article.StoryId))));

        private static readonly Func<NewsTrackerDbContext, int, IAsyncEnumerable<Block>> Blocks = EF.CompileAsyncQuery(
            (NewsTrackerDbContext context, int versionId) => context.ArticleBlocks.AsNoTracking()
                .Where(b => b.VersionId == versionId)
                .OrderBy(b => b.Ordinal)
                .Select(b => new Block(b.Kind, b.Text, b.Start)));

        /// <summary>The related panel: earliest first, one more than shown to know if there are more.</summary>
        private static readonly Func<NewsTrackerDbContext, int, int, IAsyncEnumerable<RelatedArticle>> RelatedArticles = EF.CompileAsyncQuery(
            (NewsTrackerDbContext context, int storyId, int articleId) => context.Articles.AsNoTracking()
                .Where(a => a.StoryId == storyId && a.Id != articleId)
                .OrderBy(a => a.SortUtc).ThenBy(a => a.Id)
                .Take(MaxRelated + 1)
                .Select(a => new RelatedArticle(a.Id, a.Slug, a.Title, a.OutletId, a.Outlet != null ? a.Outlet.Name : null, a.SortUtc, a.PublishedUtc != null)));

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var versions = await Versions(db, request.Id).ToListAsync(cancellationToken);
            var article = versions.FirstOrDefault()?.Article ?? throw new NotFoundException($"There is no article {request.Id}.");
            var shown = versions.FirstOrDefault(v => v.Info.Number == (request.Version ?? article.CurrentVersion))
                ?? throw new NotFoundException($"Article {request.Id} has no version {request.Version}.");
            var blocks = await Blocks(db, shown.Id).ToListAsync(cancellationToken);
            var related = await RelatedArticles(db, article.StoryId, article.Id).ToListAsync(cancellationToken);

            return new Result(article.Id, article.Slug, shown.Title, article.Byline, article.Agency, article.OutletId, article.Outlet, article.Url, article.PublishedUtc,
                article.CreatedUtc, article.UpdatedUtc, article.Language, article.CurrentVersion, shown.Info.Number, shown.Id, article.StoryId,
                versions.Select(v => v.Info).ToList(), blocks, related.Take(MaxRelated).ToList(), related.Count > MaxRelated);
        }

        private sealed record ArticleRow(
            int Id, string Slug, string? Byline, string? Agency, int? OutletId, string? Outlet, string? Url, DateTime? PublishedUtc, DateTime CreatedUtc,
            DateTime UpdatedUtc, string? Language, int CurrentVersion, int StoryId);

        private sealed record ShownVersion(int Id, VersionInfo Info, string Title, ArticleRow Article);
    }
}

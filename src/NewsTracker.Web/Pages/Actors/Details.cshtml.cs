using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Application;
using NewsTracker.Web.Charts;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Pages.Claims;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Actors;

/// <summary>
/// One actor: who it is, mentions per month (chart and table), the articles that mention it newest first with
/// the words used, the claims it made and the claims whose quoted words mention it. Editors edit, merge into
/// another actor (moving every mention) and delete an unused actor; staff see the history. A merged actor's
/// address redirects (301) to the actor it was merged into. Readers see approved tags and published claims, from the
/// output cache (see <see cref="TopicCachePolicy"/>) until a tag of the actor or a listed article changes.
/// </summary>
[OutputCache(PolicyName = TopicCachePolicy.Name)]
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    /// <summary>Left unset (null) only when the query was refused (a bad cursor) and the page re-renders with the message.</summary>
    public Result Data { get; private set; } = null!;

    public HistoryView? History { get; private set; }

    /// <summary>Actors matching the merge search, or the one picked to merge into (then a confirmation shows).</summary>
    public MergeCandidates? Merge { get; private set; }

    /// <summary>The actor just merged into this one, for the undo offer.</summary>
    public int? MergedFrom { get; private set; }

    /// <summary>The form whose post failed, so the page opens it with the message.</summary>
    public string? ActiveForm { get; private set; }

    /// <summary>For editors: this actor's names that editors turned down so often they are no longer suggested.</summary>
    public IReadOnlyList<MutedForm> MutedForms { get; private set; } = [];

    [BindProperty]
    public IndexModel.CreateForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(
        int id, [FromQuery] string? before, [FromQuery] string? after, [FromQuery] long? historyBefore,
        [FromQuery] string? mergeSearch, [FromQuery] int? mergeInto, [FromQuery] int? merged, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, before, after, historyBefore, cancellationToken) is { } redirect)
        {
            return redirect;
        }

        if (Data.Can.Merge && (mergeSearch is not null || mergeInto is not null))
        {
            Merge = await mediator.Send(new MergeCandidatesQuery(id, mergeSearch, mergeInto), cancellationToken);
        }

        MergedFrom = Data.Can.Merge ? merged : null;
        CachedPages.Tag(HttpContext, [ContentScope.Actor(id), .. Data.Articles.Select(a => ContentScope.Article(a.Id))]);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken cancellationToken)
    {
        if (Refusal("edit", Form.Stamp) is { } refused)
        {
            return refused;
        }

        var saved = await mediator.Send(new Update(id, Form.Stamp, Form.ToNewActor()), cancellationToken);
        TempData["Notice"] = $"Saved {saved.Name}.";
        return Redirect($"/actors/{id}");
    }

    public async Task<IActionResult> OnPostMergeAsync(int id, int intoId, Guid? stamp, Guid? intoStamp, CancellationToken cancellationToken)
    {
        if (Refusal("merge", stamp) is { } refused)
        {
            return refused;
        }

        if (intoStamp is null)
        {
            ModelState.AddModelError(string.Empty, "The form was missing the other actor's version stamp. Pick the actor again; nothing was merged.");
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var merged = await mediator.Send(new MergeInto(id, intoId, stamp, intoStamp), cancellationToken);
        TempData["Notice"] = $"Merged {merged.FromName} into {merged.Name}: every mention, claim and source moved, and “{merged.FromName}” is now one of its names.";
        return Redirect($"/actors/{merged.Id}?merged={id}");
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, Guid? stamp, CancellationToken cancellationToken)
    {
        if (Refusal("approve", stamp) is { } refused)
        {
            return refused;
        }

        var saved = await mediator.Send(new Approve(id, stamp), cancellationToken);
        TempData["Notice"] = $"Approved {saved.Name}: readers now see it.";
        return Redirect($"/actors/{id}");
    }

    public async Task<IActionResult> OnPostUndoAsync(int from, CancellationToken cancellationToken)
    {
        if (SignedIn("undo") is { } refused)
        {
            return refused;
        }

        var undone = await mediator.Send(new Tagging.History.Undo(), cancellationToken);
        TempData["Notice"] = $"Undone: {undone.Summary}.";
        return Redirect($"/actors/{from}");
    }

    public async Task<IActionResult> OnPostRestoreFormAsync(int id, string form, CancellationToken cancellationToken)
    {
        // Nothing about the actor changes, so no version stamp: only the dismissals of that wording go.
        if (SignedIn("restore") is { } refused)
        {
            return refused;
        }

        var restored = await mediator.Send(new RestoreForm(form), cancellationToken);
        TempData["Notice"] = $"“{restored}” will be suggested again.";
        return Redirect($"/actors/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, Guid? stamp, CancellationToken cancellationToken)
    {
        if (Refusal("delete", stamp) is { } refused)
        {
            return refused;
        }

        var name = await mediator.Send(new Delete(id, stamp), cancellationToken);
        TempData["Notice"] = $"Deleted {name} from the registry.";
        return Redirect("/actors");
    }

    /// <summary>For posts that change no versioned row: signed in first; <paramref name="form"/> opens again if the
    /// post is refused.</summary>
    private ChallengeResult? SignedIn(string form)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        ActiveForm = form;
        return null;
    }

    /// <summary>See <see cref="TagForms.Refusal"/>; <paramref name="form"/> opens again if the post is refused.</summary>
    private IActionResult? Refusal(string form, Guid? stamp)
    {
        ActiveForm = form;
        return TagForms.Refusal(this, signInFirst: true, stamp, "actor");
    }

    /// <summary>A POST sends its command first; the actor (and for a merge, the actor picked to merge into) is read
    /// only when a refusal re-renders the page. A merged actor's page still redirects to the actor it became.</summary>
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        TagForms.RedisplayAsync(context, next, async cancellationToken =>
        {
            var id = TagForms.RouteId(this);
            if (await LoadAsync(id, null, null, null, cancellationToken) is { } redirect)
            {
                return redirect;
            }

            if (ActiveForm == "merge" && context.HandlerArguments.TryGetValue("intoId", out var into) && into is int intoId)
            {
                Merge = await mediator.Send(new MergeCandidatesQuery(id, null, intoId), cancellationToken);
            }

            return null;
        });

    private async Task<IActionResult?> LoadAsync(int id, string? before, string? after, long? historyBefore, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query { Id = id, Before = before, After = after }, cancellationToken);
        if (Data.MergedIntoId is { } into)
        {
            return RedirectPermanent($"/actors/{into}");
        }

        if (Data.Can.Edit)
        {
            MutedForms = await mediator.Send(new MutedFormsQuery([Data.Name, .. Data.Aliases]), cancellationToken);
        }

        if (Data.Can.SeeHistory)
        {
            var page = await mediator.Send(new Tagging.History.Query(Tagging.History.Subject.Actor, id, historyBefore), cancellationToken);
            History = new HistoryView(page, $"/actors/{id}", historyBefore is not null);
        }

        if (ActiveForm != "edit")
        {
            Form = new IndexModel.CreateForm
            {
                Stamp = Data.Stamp,
                Name = Data.Name,
                Kind = Data.Kind,
                Description = Data.Description,
                WikidataId = Data.WikidataId,
                Aliases = string.Join('\n', Data.Aliases),
            };
        }

        return null;
    }

    public sealed record Update(int Id, Guid? Stamp, Tagging.Actors.NewActor Actor) : ICommand<Tagging.Actors.Saved>;

    /// <summary>Moves every mention, claim and source of <paramref name="FromId"/> to <paramref name="IntoId"/>;
    /// the merged actor's names become aliases of the one kept.</summary>
    public sealed record MergeInto(int FromId, int IntoId, Guid? FromStamp = null, Guid? IntoStamp = null) : ICommand<Merged>;

    /// <summary>The actor kept (<see cref="Id"/>, <see cref="Name"/>) and the name of the one merged into it.</summary>
    public sealed record Merged(int Id, string Name, Guid Stamp, string FromName);

    /// <summary>Deletes an actor nothing refers to; answers its name.</summary>
    public sealed record Delete(int Id, Guid? Stamp) : ICommand<string>;

    /// <summary>An editor vouches for an actor a journalist created, so readers see it (editors only).</summary>
    public sealed record Approve(int Id, Guid? Stamp) : ICommand<Tagging.Actors.Saved>;

    public sealed class UpdateValidator : AbstractValidator<Update>
    {
        public UpdateValidator() => RuleFor(c => c.Actor).NotNull().SetValidator(new Tagging.Actors.NewActorValidator());
    }

    public sealed class UpdateHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Update, Tagging.Actors.Saved>
    {
        public async Task<Tagging.Actors.Saved> Handle(Update request, CancellationToken cancellationToken)
        {
            var actor = await Tagging.Actors.LoadForEditAsync(db, audit, request.Id, request.Stamp, "edit actors", cancellationToken);
            actor.Name = request.Actor.Name.Trim();
            actor.NormalizedName = TagRules.NormalizeName(actor.Name);
            actor.Kind = request.Actor.Kind;
            actor.Description = string.IsNullOrWhiteSpace(request.Actor.Description) ? null : request.Actor.Description.Trim();
            actor.WikidataId = string.IsNullOrWhiteSpace(request.Actor.WikidataId) ? null : request.Actor.WikidataId.Trim();
            Tagging.Actors.SetAliases(actor, request.Actor.Aliases);
            db.Entry(actor).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
            return new Tagging.Actors.Saved(actor.Id, actor.Name, actor.ConcurrencyStamp);
        }
    }

    public sealed class MergeIntoHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<MergeInto, Merged>
    {
        public async Task<Merged> Handle(MergeInto request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, "merge actors");
            if (request.FromId == request.IntoId)
            {
                throw new ValidationFailedException("IntoId", "Choose a different actor to merge into.");
            }

            var from = await db.Actors.Include(a => a.Aliases).FirstOrDefaultAsync(a => a.Id == request.FromId, cancellationToken)
                ?? throw new NotFoundException($"There is no actor {request.FromId}.");
            if (from.MergedIntoId is not null)
            {
                throw new ValidationFailedException("FromId", $"“{from.Name}” was already merged into actor {from.MergedIntoId}.");
            }

            var into = await Tagging.Actors.FindLiveAsync(db, request.IntoId, "IntoId", cancellationToken);
            await TagRules.EnsureCurrentAsync(db, from, request.FromStamp, "actor", cancellationToken);
            await TagRules.EnsureCurrentAsync(db, into, request.IntoStamp, "actor", cancellationToken);

            // Every row that points at the merged actor moves; each move is its own audit entry in this change,
            // so undo puts every mention back.
            foreach (var annotation in await db.Annotations.Where(a => a.ActorId == from.Id).ToListAsync(cancellationToken))
            {
                annotation.ActorId = into.Id;
            }

            foreach (var claim in await db.Claims.Where(c => c.ClaimantId == from.Id).ToListAsync(cancellationToken))
            {
                claim.ClaimantId = into.Id;
            }

            foreach (var source in await db.Sources.Where(s => s.ActorId == from.Id).ToListAsync(cancellationToken))
            {
                source.ActorId = into.Id;
            }

            foreach (var earlier in await db.Actors.Where(a => a.MergedIntoId == from.Id).ToListAsync(cancellationToken))
            {
                earlier.MergedIntoId = into.Id;
            }

            var names = into.Aliases.Select(a => a.Name).Append(from.Name).Concat(from.Aliases.Select(a => a.Name)).ToList();
            Tagging.Actors.SetAliases(into, names);
            into.WikidataId ??= from.WikidataId;
            into.Description ??= from.Description;
            db.Entry(into).State = EntityState.Modified;
            from.MergedIntoId = into.Id;
            from.Aliases.Clear();
            await db.SaveChangesAsync(cancellationToken);
            return new Merged(into.Id, into.Name, into.ConcurrencyStamp, from.Name);
        }
    }

    public sealed class ApproveHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Approve, Tagging.Actors.Saved>
    {
        public async Task<Tagging.Actors.Saved> Handle(Approve request, CancellationToken cancellationToken)
        {
            var actor = await Tagging.Actors.LoadForEditAsync(db, audit, request.Id, request.Stamp, "approve actors", cancellationToken);
            if (!actor.IsApproved)
            {
                actor.IsApproved = true;
                db.Entry(actor).State = EntityState.Modified;
                await db.SaveChangesAsync(cancellationToken);
            }

            return new Tagging.Actors.Saved(actor.Id, actor.Name, actor.ConcurrencyStamp);
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Delete, string>
    {
        public async Task<string> Handle(Delete request, CancellationToken cancellationToken)
        {
            var actor = await Tagging.Actors.LoadForEditAsync(db, audit, request.Id, request.Stamp, "delete actors", cancellationToken);
            var inUse = await db.Annotations.AnyAsync(a => a.ActorId == actor.Id, cancellationToken)
                || await db.Claims.AnyAsync(c => c.ClaimantId == actor.Id, cancellationToken)
                || await db.Sources.AnyAsync(s => s.ActorId == actor.Id, cancellationToken)
                || await db.Actors.AnyAsync(a => a.MergedIntoId == actor.Id, cancellationToken);
            if (inUse)
            {
                throw new ValidationFailedException("Id", $"“{actor.Name}” is still mentioned, quoted or cited. Merge it into another actor instead, or remove those tags first.");
            }

            db.ActorAliases.RemoveRange(actor.Aliases);
            db.Actors.Remove(actor);
            await db.SaveChangesAsync(cancellationToken);
            return actor.Name;
        }
    }

    /// <summary>A wording of the actor's names no longer suggested, and on how many articles editors turned it down.</summary>
    public sealed record MutedForm(string Form, int RejectedOn);

    /// <summary>Which of <paramref name="Names"/> are muted as actor suggestions (see <see cref="SuggestionForms"/>).</summary>
    public sealed record MutedFormsQuery(IReadOnlyList<string> Names) : IRequest<IReadOnlyList<MutedForm>>;

    public sealed class MutedFormsHandler(NewsTrackerDbContext db) : IRequestHandler<MutedFormsQuery, IReadOnlyList<MutedForm>>
    {
        public async Task<IReadOnlyList<MutedForm>> Handle(MutedFormsQuery request, CancellationToken cancellationToken)
        {
            var forms = request.Names.Select(SuggestionForms.Normalise).OfType<string>().Distinct().ToList();
            var rows = await db.SuggestionFormDecisions.AsNoTracking()
                .Where(d => d.Kind == AnnotationKind.ActorMention && forms.Contains(d.Form))
                .GroupBy(d => d.Form)
                .Select(g => new { Form = g.Key, Accepted = g.Count(d => d.Accepted), Rejected = g.Count(d => !d.Accepted) })
                .ToListAsync(cancellationToken);
            return rows.Where(r => new SuggestionForms.Tally(r.Accepted, r.Rejected).IsMuted)
                .Select(r => new MutedForm(r.Form, r.Rejected)).OrderBy(r => r.Form, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Suggest <paramref name="Form"/> as an actor again: its dismissals are forgotten (editors only).</summary>
    public sealed record RestoreForm(string Form) : ICommand<string>;

    public sealed class RestoreFormHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<RestoreForm, string>
    {
        public async Task<string> Handle(RestoreForm request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, "bring back a suggestion");
            var form = SuggestionForms.Normalise(request.Form ?? string.Empty)
                ?? throw new ValidationFailedException("form", "Say which wording to suggest again.");
            var rejections = await db.SuggestionFormDecisions
                .Where(d => d.Kind == AnnotationKind.ActorMention && d.Form == form && !d.Accepted)
                .ToListAsync(cancellationToken);
            db.SuggestionFormDecisions.RemoveRange(rejections);
            return form;
        }
    }

    public sealed record Query : IRequest<Result>
    {
        /// <summary>The chart shows at most this many months, the most recent.</summary>
        public const int MaxMonths = 24;

        /// <summary>Claim lists show at most this many; the claims page has the rest.</summary>
        public const int MaxClaims = 20;

        public int Id { get; init; }

        public string? Before { get; init; }

        public string? After { get; init; }

        public int PageSize { get; init; } = NewsTracker.Web.Pages.IndexModel.Query.DefaultPageSize;
    }

    /// <summary>Mentions in articles dated in one calendar month (UTC); <see cref="Month"/> is its first day.</summary>
    public sealed record MonthCount(DateTime Month, int Mentions, int Articles);

    /// <summary>An article mentioning the actor, with the first mention's words in context.</summary>
    public sealed record ArticleItem(
        int Id, string Slug, string Title, int? OutletId, string? Outlet, DateTime SortUtc, bool IsPublished,
        int Mentions, string Prefix, string Exact, string Suffix, bool Proposed);

    public sealed record Permissions(bool SeeHistory, bool Edit, bool Merge, bool Delete, bool Approve);

    public sealed record Result(
        int Id,
        string Name,
        ActorKind Kind,
        string? Description,
        string? WikidataId,
        IReadOnlyList<string> Aliases,
        int? MergedIntoId,
        Guid Stamp,
        int MentionCount,
        int ArticleCount,
        IReadOnlyList<MonthCount> Months,
        IReadOnlyList<ArticleItem> Articles,
        string? OlderCursor,
        string? NewerCursor,
        IReadOnlyList<ClaimCard> ClaimsMade,
        int ClaimsMadeCount,
        IReadOnlyList<ClaimCard> ClaimsMentioning,
        Permissions Can,
        bool AwaitsApproval);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.PageSize).InclusiveBetween(1, NewsTracker.Web.Pages.IndexModel.Query.MaxPageSize);
            RuleFor(q => q.Before).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'before' cursor is not valid.");
            RuleFor(q => q.After).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'after' cursor is not valid.");
        }
    }

    public sealed class Handler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts) : IRequestHandler<Query, Result>
    {
        /// <summary>Merges move every row to the actor kept, so a chain is short; this only stops a broken one.</summary>
        private const int MaxMergeHops = 10;

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = audit.Editor;
            var actor = await db.Actors.AsNoTracking()
                .Where(a => a.Id == request.Id)
                .Select(a => new { a.Id, a.Name, a.Kind, a.Description, a.WikidataId, a.MergedIntoId, a.IsApproved, a.ConcurrencyStamp, Aliases = a.Aliases.Select(x => x.Name).ToList() })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no actor {request.Id}.");

            if (actor.MergedIntoId is not null)
            {
                return Redirected(await FinalAsync(actor.MergedIntoId.Value, cancellationToken));
            }

            // Readers get the same answer as for an actor that does not exist, so a proposal reveals nothing.
            if (!viewer.IsStaff && !await db.Actors.Where(a => a.Id == actor.Id).Public(db).AnyAsync(cancellationToken))
            {
                throw new NotFoundException($"There is no actor {request.Id}.");
            }

            var mentions = db.Annotations.AsNoTracking().VisibleTo(viewer).Where(m => m.ActorId == actor.Id && m.Kind == AnnotationKind.ActorMention);

            // Counts and the list come from what tag writes keep (Tagging/ActorCounts): at most every month's row of
            // this actor, and one keyset page of its articles from an index, however many articles mention it.
            var months = await db.ActorMonths.AsNoTracking()
                .Where(m => m.ActorId == actor.Id)
                .Select(m => new { m.Month, Mentions = viewer.IsStaff ? m.Mentions : m.ApprovedMentions, Articles = viewer.IsStaff ? m.Articles : m.ApprovedArticles })
                .ToListAsync(cancellationToken);

            var pairs = db.ActorArticles.AsNoTracking().Where(p => p.ActorId == actor.Id);
            var listed = viewer.IsStaff ? pairs.Where(p => p.Mentions > 0) : pairs.Where(p => p.ApprovedMentions > 0);
            var before = PageCursor.Parse(request.Before);
            var after = before is null ? PageCursor.Parse(request.After) : null;
            var rows = await listed.Page(p => p.SortUtc, p => p.ArticleId, before, after)
                .Take(request.PageSize + 1)
                .Join(db.Articles, p => p.ArticleId, a => a.Id, (p, a) => new { a.Id, a.Slug, a.Title, a.OutletId, Outlet = a.Outlet != null ? a.Outlet.Name : null, a.SortUtc, IsPublished = a.PublishedUtc != null })
                .ToListAsync(cancellationToken);
            // The join does not keep the page's order, so it is put back here, as the cursor read it.
            rows = after is null
                ? [.. rows.OrderByDescending(a => a.SortUtc).ThenByDescending(a => a.Id)]
                : [.. rows.OrderBy(a => a.SortUtc).ThenBy(a => a.Id)];

            var (page, older, newer) = KeysetPage.Cut(rows, request.PageSize, before is not null, after is not null, a => new PageCursor(a.SortUtc, a.Id));

            var pageIds = page.Select(a => a.Id).ToList();
            // Read by article (a page's mentions of every actor, a few per article) and cut to this actor here: asked with
            // the actor too, SQLite walks the actor's index, every mention it has.
            var quotes = (await db.Annotations.AsNoTracking().VisibleTo(viewer)
                    .Where(m => pageIds.Contains(m.ArticleId) && m.Kind == AnnotationKind.ActorMention)
                    .Select(m => new { m.ArticleId, m.ActorId, m.Start, m.Prefix, m.Exact, m.Suffix, m.Status })
                    .ToListAsync(cancellationToken))
                .Where(m => m.ActorId == actor.Id)
                .GroupBy(m => m.ArticleId)
                .ToDictionary(g => g.Key, g => (First: g.MinBy(m => m.Start)!, Count: g.Count(), Proposed: g.All(m => m.Status == AnnotationStatus.Proposed)));

            var visibleClaims = db.Claims.AsNoTracking().VisibleTo(viewer);
            var claimTags = db.Annotations.AsNoTracking().VisibleTo(viewer);
            var made = visibleClaims.Where(c => c.ClaimantId == actor.Id);
            var claimsMadeCount = await made.CountAsync(cancellationToken);
            var claimsMade = await made.OrderByDescending(c => c.UpdatedUtc).ThenByDescending(c => c.Id)
                .Take(Query.MaxClaims).ToCardRows(claimTags).ToListAsync(cancellationToken);

            // A claim mentions the actor when one of its tagged quotes overlaps a mention of the actor in the same text.
            // Asked per claim, newest first (a claim's tags, then that text's mentions, both indexed), not by joining
            // every mention of the actor with every claim tag: a popular actor has tens of thousands of mentions.
            var claimsMentioning = await visibleClaims
                .Where(c => (c.ClaimantId == null || c.ClaimantId != actor.Id)
                            && claimTags.Any(t => t.ClaimId == c.Id && t.Kind == AnnotationKind.Claim
                                                  && mentions.Any(m => m.VersionId == t.VersionId && m.Start < t.End && m.End > t.Start)))
                .OrderByDescending(c => c.UpdatedUtc).ThenByDescending(c => c.Id)
                .Take(Query.MaxClaims).ToCardRows(claimTags).ToListAsync(cancellationToken);

            var inUse = viewer.IsEditor && (
                await db.Annotations.AnyAsync(a => a.ActorId == actor.Id, cancellationToken)
                || await db.Claims.AnyAsync(c => c.ClaimantId == actor.Id, cancellationToken)
                || await db.Sources.AnyAsync(s => s.ActorId == actor.Id, cancellationToken)
                || await db.Actors.AnyAsync(a => a.MergedIntoId == actor.Id, cancellationToken));

            var monthCounts = months.Where(m => m.Mentions != 0).Select(m => new MonthCount(OutletMonth.FirstDay(m.Month), m.Mentions, m.Articles)).ToList();
            return new Result(
                actor.Id,
                actor.Name,
                actor.Kind,
                actor.Description,
                actor.WikidataId,
                actor.Aliases.Order(StringComparer.CurrentCultureIgnoreCase).ToList(),
                null,
                actor.ConcurrencyStamp,
                monthCounts.Sum(m => m.Mentions),
                monthCounts.Sum(m => m.Articles),
                MonthSeries.Continuous(monthCounts, m => m.Month, month => new MonthCount(month, 0, 0), Query.MaxMonths),
                // An article whose kept count is ahead of its tags (until recount) is left out rather than shown without words.
                page.Where(a => quotes.ContainsKey(a.Id)).Select(a =>
                {
                    var quote = quotes[a.Id];
                    return new ArticleItem(a.Id, a.Slug, a.Title, a.OutletId, a.Outlet, a.SortUtc, a.IsPublished, quote.Count,
                        QuoteContext.Before(quote.First.Prefix), quote.First.Exact, QuoteContext.After(quote.First.Suffix), quote.Proposed);
                }).ToList(),
                older,
                newer,
                claimsMade.Select(c => c.ToCard(verdicts)).ToList(),
                claimsMadeCount,
                claimsMentioning.Select(c => c.ToCard(verdicts)).ToList(),
                new Permissions(viewer.IsStaff, viewer.IsEditor, viewer.IsEditor, viewer.IsEditor && !inUse, viewer.IsEditor && !actor.IsApproved),
                !actor.IsApproved);
        }

        private async Task<int> FinalAsync(int id, CancellationToken cancellationToken)
        {
            for (var hop = 0; hop < MaxMergeHops; hop++)
            {
                var next = await db.Actors.Where(a => a.Id == id).Select(a => a.MergedIntoId).FirstOrDefaultAsync(cancellationToken);
                if (next is null)
                {
                    return id;
                }

                id = next.Value;
            }

            return id;
        }

        private static Result Redirected(int into) => new(
            0, string.Empty, ActorKind.Other, null, null, [], into, Guid.Empty, 0, 0, [], [], null, null, [], 0, [], new Permissions(false, false, false, false, false), false);
    }

    /// <summary>Actors to merge <paramref name="Id"/> into: those matching <paramref name="Search"/>, or the one picked.</summary>
    public sealed record MergeCandidatesQuery(int Id, string? Search, int? Into) : IRequest<MergeCandidates>;

    public sealed record Candidate(int Id, string Name, ActorKind Kind, string? Description, int Mentions, Guid Stamp);

    public sealed record MergeCandidates(string? Search, IReadOnlyList<Candidate> Matches, Candidate? Picked);

    public sealed class MergeCandidatesHandler(NewsTrackerDbContext db) : IRequestHandler<MergeCandidatesQuery, MergeCandidates>
    {
        private const int MaxMatches = 12;

        public async Task<MergeCandidates> Handle(MergeCandidatesQuery request, CancellationToken cancellationToken)
        {
            var live = db.Actors.AsNoTracking().Where(a => a.MergedIntoId == null && a.Id != request.Id);
            IQueryable<Actor> matches;
            if (request.Into is { } into)
            {
                matches = live.Where(a => a.Id == into);
            }
            else
            {
                var folded = TagRules.NormalizeName(request.Search ?? string.Empty);
                if (folded.Length == 0)
                {
                    return new MergeCandidates(request.Search, [], null);
                }

                matches = live.Where(a => a.NormalizedName.Contains(folded) || a.Aliases.Any(x => x.NormalizedName.Contains(folded)));
            }

            var found = await matches
                .Select(a => new Candidate(a.Id, a.Name, a.Kind, a.Description, db.Annotations.Count(m => m.ActorId == a.Id), a.ConcurrencyStamp))
                .Take(MaxMatches)
                .ToListAsync(cancellationToken);
            return request.Into is null
                ? new MergeCandidates(request.Search, found.OrderByDescending(c => c.Mentions).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList(), null)
                : new MergeCandidates(null, [], found.FirstOrDefault());
        }
    }
}

using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>Editors manage a topic: its fields and definition, articles put in or kept out by hand, and milestones.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public TopicForm Data { get; set; } = new();

    /// <summary>The page's data: read by GET, and by a POST only when it re-renders the page.</summary>
    public Result Topic { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        Data = Topic.Form;
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, CancellationToken cancellationToken)
    {
        var topic = await mediator.Send(new KeyQuery(slug), cancellationToken);
        var saved = await mediator.Send(new Update(topic.Id, Data.Stamp, Data.ToFields()), cancellationToken);
        TempData["Notice"] = "Topic saved.";
        return Redirect($"/topics/{saved.Slug}/edit");
    }

    /// <summary>What the saved search in the form would include, shown before anything is saved.</summary>
    public PreviewResult? Preview { get; private set; }

    /// <summary>Runs the form's saved search without saving: the page comes back with the form as typed and the
    /// articles it would take in, so an off-topic match is seen (and excluded) before the topic changes.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string slug, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        Preview = await mediator.Send(new PreviewQuery(Topic.Id, Data.Definition), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, Guid? stamp, CancellationToken cancellationToken)
    {
        var topic = await mediator.Send(new KeyQuery(slug), cancellationToken);
        await mediator.Send(new Delete(topic.Id, stamp), cancellationToken);
        TempData["Notice"] = $"Topic “{topic.Name}” deleted.";
        return Redirect("/topics");
    }

    public async Task<IActionResult> OnPostPickAsync(string slug, string? article, bool included, CancellationToken cancellationToken)
    {
        var topic = await mediator.Send(new KeyQuery(slug), cancellationToken);
        await mediator.Send(new TopicEditing.Pick(topic.Id, article ?? string.Empty, included), cancellationToken);
        return Redirect($"/topics/{slug}/edit#picks");
    }

    public async Task<IActionResult> OnPostUnpickAsync(string slug, int articleId, CancellationToken cancellationToken)
    {
        var topic = await mediator.Send(new KeyQuery(slug), cancellationToken);
        await mediator.Send(new Unpick(topic.Id, articleId), cancellationToken);
        return Redirect($"/topics/{slug}/edit#picks");
    }

    public async Task<IActionResult> OnPostAddMilestoneAsync(string slug, DateOnly? day, string? text, string? url, CancellationToken cancellationToken)
    {
        var topic = await mediator.Send(new KeyQuery(slug), cancellationToken);
        await mediator.Send(new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(day ?? default, text ?? string.Empty, url)), cancellationToken);
        return Redirect($"/topics/{slug}/edit#milestones");
    }

    public async Task<IActionResult> OnPostUpdateMilestoneAsync(string slug, int id, Guid? stamp, DateOnly? day, string? text, string? url, CancellationToken cancellationToken)
    {
        await mediator.Send(new KeyQuery(slug), cancellationToken);
        await mediator.Send(new UpdateMilestone(id, stamp, new TopicEditing.MilestoneFields(day ?? default, text ?? string.Empty, url)), cancellationToken);
        return Redirect($"/topics/{slug}/edit#milestones");
    }

    public async Task<IActionResult> OnPostDeleteMilestoneAsync(string slug, int id, Guid? stamp, CancellationToken cancellationToken)
    {
        await mediator.Send(new KeyQuery(slug), cancellationToken);
        await mediator.Send(new DeleteMilestone(id, stamp), cancellationToken);
        return Redirect($"/topics/{slug}/edit#milestones");
    }

    /// <summary>A POST sends its command with the topic's id alone; the whole page is read only when a refused
    /// command re-renders it (the exception filter turns the refusal into the page with its message).</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Topic is null && RouteData.Values["slug"] is string slug)
        {
            Topic = await mediator.Send(new Query(slug), context.HttpContext.RequestAborted);
        }
    }

    public sealed record Query(string Slug) : IRequest<Result>;

    /// <summary>The articles a saved search would match, for topic <paramref name="TopicId"/> (whose hand-picked
    /// exclusions are marked).</summary>
    public sealed record PreviewQuery(int TopicId, string? Definition) : IRequest<PreviewResult>;

    /// <summary>How many articles match, and the newest of them.</summary>
    public sealed record PreviewResult(string? Definition, int Total, IReadOnlyList<PreviewArticle> Newest);

    /// <summary>One matching article; <see cref="Excluded"/> when the topic keeps it out by hand.</summary>
    public sealed record PreviewArticle(int Id, string Title, string Slug, string? Outlet, DateTime SortUtc, bool IsUndated, bool Excluded);

    public sealed class PreviewHandler(NewsTrackerDbContext db, TopicMembership membership) : IRequestHandler<PreviewQuery, PreviewResult>
    {
        /// <summary>Matches listed in the preview, newest first; the total says how many more there are.</summary>
        public const int Shown = 25;

        public async Task<PreviewResult> Handle(PreviewQuery request, CancellationToken cancellationToken)
        {
            var ids = await membership.SearchMatchesAsync(request.Definition, cancellationToken);
            var shown = ids.Take(Shown).ToList();
            var excluded = await db.TopicArticles.AsNoTracking().Where(p => p.TopicId == request.TopicId && !p.Included && shown.Contains(p.ArticleId))
                .Select(p => p.ArticleId).ToListAsync(cancellationToken);
            var articles = await db.Articles.AsNoTracking().Where(a => shown.Contains(a.Id))
                .Select(a => new PreviewArticle(a.Id, a.Title, a.Slug, a.Outlet != null ? a.Outlet.Name : null, a.SortUtc, a.PublishedUtc == null, false))
                .ToListAsync(cancellationToken);
            var ordered = shown.Join(articles, id => id, a => a.Id, (_, a) => a with { Excluded = excluded.Contains(a.Id) }).ToList();
            return new PreviewResult(request.Definition, ids.Count, ordered);
        }
    }

    /// <summary>The id and name of a topic, for the commands a POST sends.</summary>
    public sealed record KeyQuery(string Slug) : IRequest<Key>;

    public sealed record Key(int Id, string Name);

    public sealed class KeyHandler(NewsTrackerDbContext db) : IRequestHandler<KeyQuery, Key>
    {
        public async Task<Key> Handle(KeyQuery request, CancellationToken cancellationToken)
        {
            var slug = request.Slug.Trim().ToLowerInvariant();
            return await db.Topics.AsNoTracking().Where(t => t.Slug == slug).Select(t => new Key(t.Id, t.Name)).SingleOrDefaultAsync(cancellationToken)
                ?? throw new Application.NotFoundException("There is no such topic.");
        }
    }

    public sealed record Pick(int ArticleId, string Title, string Slug, bool Included);

    public sealed record MilestoneRow(int Id, DateOnly Day, string Text, string? Url, Guid Stamp);

    public sealed record Result(int Id, string Slug, TopicForm Form, IReadOnlyList<Pick> Picks, IReadOnlyList<MilestoneRow> Milestones);

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var slug = request.Slug.Trim().ToLowerInvariant();
            var topic = await db.Topics.AsNoTracking().Include(t => t.Actors).ThenInclude(a => a.Actor).SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken)
                ?? throw new Application.NotFoundException("There is no such topic.");
            var picks = await db.TopicArticles.AsNoTracking().Where(p => p.TopicId == topic.Id).OrderBy(p => p.ArticleId)
                .Select(p => new Pick(p.ArticleId, p.Article!.Title, p.Article.Slug, p.Included)).ToListAsync(cancellationToken);
            var milestones = (await db.Milestones.AsNoTracking().Where(m => m.TopicId == topic.Id).OrderBy(m => m.DayUtc).ThenBy(m => m.Id).ToListAsync(cancellationToken))
                .Select(m => new MilestoneRow(m.Id, DateOnly.FromDateTime(m.DayUtc), m.Text, m.Url, m.ConcurrencyStamp)).ToList();
            var form = new TopicForm
            {
                Name = topic.Name,
                Slug = topic.Slug,
                Description = topic.Description,
                Definition = topic.Definition,
                IsPublished = topic.IsPublished,
                Actors = string.Join('\n', topic.Actors.Select(a => a.Actor!.Name).Order(StringComparer.OrdinalIgnoreCase)),
                Stamp = topic.ConcurrencyStamp,
            };
            return new Result(topic.Id, topic.Slug, form, picks, milestones);
        }
    }

    public sealed record Update(int Id, Guid? Stamp, TopicEditing.TopicFields Fields) : ICommand<TopicEditing.Saved>;

    public sealed record Delete(int Id, Guid? Stamp) : ICommand<Unit>;

    /// <summary>Drops a manual include or exclude, so the article is in or out by the definition again.</summary>
    public sealed record Unpick(int TopicId, int ArticleId) : ICommand<Unit>;

    public sealed record UpdateMilestone(int Id, Guid? Stamp, TopicEditing.MilestoneFields Fields) : ICommand<Unit>;

    public sealed record DeleteMilestone(int Id, Guid? Stamp) : ICommand<Unit>;

    public sealed class UpdateValidator : AbstractValidator<Update>
    {
        public UpdateValidator() => RuleFor(c => c.Fields).NotNull().SetValidator(new TopicEditing.TopicFieldsValidator());
    }

    public sealed class UpdateMilestoneValidator : AbstractValidator<UpdateMilestone>
    {
        public UpdateMilestoneValidator() => RuleFor(c => c.Fields).NotNull().SetValidator(new TopicEditing.MilestoneFieldsValidator());
    }

    public sealed class UpdateHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Update, TopicEditing.Saved>
    {
        public async Task<TopicEditing.Saved> Handle(Update request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, TopicEditing.Manage);
            var topic = await db.Topics.Include(t => t.Actors).SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("There is no such topic.");
            await TagRules.EnsureCurrentAsync(db, topic, request.Stamp, "topic", cancellationToken);
            await TopicEditing.ApplyAsync(db, topic, request.Fields, cancellationToken);
            // Actor changes live in another table; the topic row is touched so its stamp and history move too.
            db.Entry(topic).Property(t => t.UpdatedUtc).IsModified = true;
            await db.SaveChangesAsync(cancellationToken);
            return new TopicEditing.Saved(topic.Id, topic.Slug, topic.ConcurrencyStamp);
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Delete, Unit>
    {
        public async Task<Unit> Handle(Delete request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, TopicEditing.Manage);
            var topic = await db.Topics.SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such topic.");
            await TagRules.EnsureCurrentAsync(db, topic, request.Stamp, "topic", cancellationToken);
            db.Milestones.RemoveRange(await db.Milestones.Where(m => m.TopicId == topic.Id).ToListAsync(cancellationToken));
            db.Topics.Remove(topic);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class UnpickHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Unpick, Unit>
    {
        public async Task<Unit> Handle(Unpick request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, TopicEditing.Manage);
            var topic = await db.Topics.Include(t => t.Articles).SingleOrDefaultAsync(t => t.Id == request.TopicId, cancellationToken)
                ?? throw new NotFoundException("There is no such topic.");
            topic.Articles.RemoveAll(a => a.ArticleId == request.ArticleId);
            db.Entry(topic).Property(t => t.UpdatedUtc).IsModified = true;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class UpdateMilestoneHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<UpdateMilestone, Unit>
    {
        public async Task<Unit> Handle(UpdateMilestone request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, TopicEditing.Manage);
            var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such milestone.");
            await TagRules.EnsureCurrentAsync(db, milestone, request.Stamp, "milestone", cancellationToken);
            TopicEditing.Apply(milestone, request.Fields);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class DeleteMilestoneHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<DeleteMilestone, Unit>
    {
        public async Task<Unit> Handle(DeleteMilestone request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, TopicEditing.Manage);
            var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such milestone.");
            await TagRules.EnsureCurrentAsync(db, milestone, request.Stamp, "milestone", cancellationToken);
            db.Milestones.Remove(milestone);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

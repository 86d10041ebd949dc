using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>Editors manage a topic: its fields and definition, articles put in or kept out by hand, and milestones.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public TopicForm Data { get; set; } = new();

    public Result Topic { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        Data = Topic.Form;
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        var saved = await mediator.Send(new TopicEditing.Update(Topic.Id, Data.Stamp, Data.ToFields()), cancellationToken);
        TempData["Notice"] = "Topic saved.";
        return Redirect($"/topics/{saved.Slug}/edit");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, Guid? stamp, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new TopicEditing.Delete(Topic.Id, stamp), cancellationToken);
        TempData["Notice"] = $"Topic “{Topic.Form.Name}” deleted.";
        return Redirect("/topics");
    }

    public async Task<IActionResult> OnPostPickAsync(string slug, string? article, bool included, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new TopicEditing.Pick(Topic.Id, article ?? string.Empty, included), cancellationToken);
        return Redirect($"/topics/{slug}/edit#picks");
    }

    public async Task<IActionResult> OnPostUnpickAsync(string slug, int articleId, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new TopicEditing.Unpick(Topic.Id, articleId), cancellationToken);
        return Redirect($"/topics/{slug}/edit#picks");
    }

    public async Task<IActionResult> OnPostAddMilestoneAsync(string slug, DateOnly? day, string? text, string? url, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new TopicEditing.AddMilestone(Topic.Id, new TopicEditing.MilestoneFields(day ?? default, text ?? string.Empty, url)), cancellationToken);
        return Redirect($"/topics/{slug}/edit#milestones");
    }

    public async Task<IActionResult> OnPostUpdateMilestoneAsync(string slug, int id, Guid? stamp, DateOnly? day, string? text, string? url, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new TopicEditing.UpdateMilestone(id, stamp, new TopicEditing.MilestoneFields(day ?? default, text ?? string.Empty, url)), cancellationToken);
        return Redirect($"/topics/{slug}/edit#milestones");
    }

    public async Task<IActionResult> OnPostDeleteMilestoneAsync(string slug, int id, Guid? stamp, CancellationToken cancellationToken)
    {
        Topic = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new TopicEditing.DeleteMilestone(id, stamp), cancellationToken);
        return Redirect($"/topics/{slug}/edit#milestones");
    }

    public sealed record Query(string Slug) : IRequest<Result>;

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
}

using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>The topics readers can follow (staff also see unpublished ones), alphabetically.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<Item> Items { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = Editor.From(User);
        CanManage = viewer.IsEditor;
        Items = await mediator.Send(new Query(viewer), cancellationToken);
    }

    public sealed record Query(Editor Viewer) : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(string Name, string Slug, string? Description, bool IsPublished, int Milestones);

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.Topics.AsNoTracking()
                .Where(t => t.IsPublished || request.Viewer.IsStaff)
                .OrderBy(t => t.Name)
                .Select(t => new Item(t.Name, t.Slug, t.Description, t.IsPublished, db.Milestones.Count(m => m.TopicId == t.Id)))
                .ToListAsync(cancellationToken);
    }
}

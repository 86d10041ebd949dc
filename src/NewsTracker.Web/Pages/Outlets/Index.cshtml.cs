using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Pages.Outlets;

/// <summary>Every outlet with its article count and first reports, the most prolific first.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<Item> Outlets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Outlets = await mediator.Send(new Query(), cancellationToken);

    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string Name, string Slug, string? Domain, int Articles, int FirstReports);

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            // Both counts are kept at ingest (Stories/ArchiveCounts).
            var outlets = await db.Outlets.AsNoTracking()
                .OrderByDescending(o => o.ArticleCount).ThenBy(o => o.Name).ThenBy(o => o.Id)
                .Select(o => new { o.Id, o.Name, o.Domain, o.ArticleCount, o.FirstReportCount })
                .ToListAsync(cancellationToken);
            return outlets.Select(o => new Item(o.Id, o.Name, TextTools.Slugify(o.Name), o.Domain, o.ArticleCount, o.FirstReportCount)).ToList();
        }
    }
}

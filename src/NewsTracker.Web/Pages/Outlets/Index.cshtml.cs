using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Stories;

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
            var outlets = await db.Outlets.AsNoTracking()
                .Select(o => new { o.Id, o.Name, o.Domain, Articles = o.Articles.Count })
                .OrderByDescending(o => o.Articles).ThenBy(o => o.Name).ThenBy(o => o.Id)
                .ToListAsync(cancellationToken);
            var firstReports = await FirstReports.Of(db)
                .Where(a => a.OutletId != null)
                .GroupBy(a => a.OutletId!.Value)
                .Select(g => new { OutletId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.OutletId, g => g.Count, cancellationToken);

            return outlets
                .Select(o => new Item(o.Id, o.Name, TextTools.Slugify(o.Name), o.Domain, o.Articles, firstReports.GetValueOrDefault(o.Id)))
                .ToList();
        }
    }
}

using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Pages.Articles;

/// <summary>One article: title once, byline/outlet/date, then its blocks with captions as captions.</summary>
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string? slug, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query(id), cancellationToken);
        if (!string.Equals(slug, Data.Slug, StringComparison.Ordinal))
        {
            return RedirectPermanent($"/articles/{Data.Id}/{Data.Slug}");
        }

        return Page();
    }

    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Block(BlockKind Kind, string Text, int Start);

    public sealed record Result(
        int Id,
        string Slug,
        string Title,
        string? Byline,
        string? Outlet,
        string? Url,
        DateTime? PublishedUtc,
        DateTime CreatedUtc,
        DateTime UpdatedUtc,
        string? Language,
        int Version,
        IReadOnlyList<Block> Blocks)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public ArticleMeta Meta => new(Outlet, Byline, PublishedUtc ?? CreatedUtc, PublishedUtc is not null, Version);
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var article = await db.Articles.AsNoTracking()
                .Where(a => a.Id == request.Id)
                .Select(a => new { a.Id, a.Slug, a.Title, a.Byline, Outlet = a.Outlet != null ? a.Outlet.Name : null, a.Url, a.PublishedUtc, a.CreatedUtc, a.UpdatedUtc, a.Language, a.CurrentVersion })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no article {request.Id}.");

            var blocks = await db.ArticleBlocks.AsNoTracking()
                .Where(b => db.ArticleVersions.Any(v => v.Id == b.VersionId && v.ArticleId == article.Id && v.Number == article.CurrentVersion))
                .OrderBy(b => b.Ordinal)
                .Select(b => new Block(b.Kind, b.Text, b.Start))
                .ToListAsync(cancellationToken);

            return new Result(article.Id, article.Slug, article.Title, article.Byline, article.Outlet, article.Url, article.PublishedUtc,
                article.CreatedUtc, article.UpdatedUtc, article.Language, article.CurrentVersion, blocks);
        }
    }
}

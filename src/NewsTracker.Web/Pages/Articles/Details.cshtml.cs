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

    public async Task<IActionResult> OnGetAsync(int id, string? slug, [FromQuery] int? version, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query(id, version), cancellationToken);
        if (!string.Equals(slug, Data.Slug, StringComparison.Ordinal))
        {
            return RedirectPermanent($"/articles/{Data.Id}/{Data.Slug}{(version is null ? string.Empty : $"?version={version}")}");
        }

        return Page();
    }

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
        int? OutletId,
        string? Outlet,
        string? Url,
        DateTime? PublishedUtc,
        DateTime CreatedUtc,
        DateTime UpdatedUtc,
        string? Language,
        int Version,
        int ShownVersion,
        int StoryId,
        IReadOnlyList<VersionInfo> Versions,
        IReadOnlyList<Block> Blocks,
        IReadOnlyList<RelatedArticle> Related,
        bool MoreRelated)
    {
        public bool IsLatest => ShownVersion == Version;

        [System.Text.Json.Serialization.JsonIgnore]
        public ArticleMeta Meta => new(OutletId, Outlet, Byline, PublishedUtc ?? CreatedUtc, PublishedUtc is not null, Version);
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var article = await db.Articles.AsNoTracking()
                .Where(a => a.Id == request.Id)
                .Select(a => new { a.Id, a.Slug, a.Title, a.Byline, a.OutletId, Outlet = a.Outlet != null ? a.Outlet.Name : null, a.Url, a.PublishedUtc, a.CreatedUtc, a.UpdatedUtc, a.Language, a.CurrentVersion, a.StoryId })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no article {request.Id}.");

            var versions = await db.ArticleVersions.AsNoTracking()
                .Where(v => v.ArticleId == article.Id)
                .OrderBy(v => v.Number)
                .Select(v => new { v.Id, Info = new VersionInfo(v.Number, v.CreatedUtc, v.Origin), v.Title })
                .ToListAsync(cancellationToken);
            var shown = versions.FirstOrDefault(v => v.Info.Number == (request.Version ?? article.CurrentVersion))
                ?? throw new NotFoundException($"Article {request.Id} has no version {request.Version}.");

            var blocks = await db.ArticleBlocks.AsNoTracking()
                .Where(b => b.VersionId == shown.Id)
                .OrderBy(b => b.Ordinal)
                .Select(b => new Block(b.Kind, b.Text, b.Start))
                .ToListAsync(cancellationToken);

            // The one extra query for the related panel: earliest first, one more than shown to know if there are more.
            var related = await db.Articles.AsNoTracking()
                .Where(a => a.StoryId == article.StoryId && a.Id != article.Id)
                .OrderBy(a => a.SortUtc).ThenBy(a => a.Id)
                .Take(MaxRelated + 1)
                .Select(a => new RelatedArticle(a.Id, a.Slug, a.Title, a.OutletId, a.Outlet != null ? a.Outlet.Name : null, a.SortUtc, a.PublishedUtc != null))
                .ToListAsync(cancellationToken);

            return new Result(article.Id, article.Slug, shown.Title, article.Byline, article.OutletId, article.Outlet, article.Url, article.PublishedUtc,
                article.CreatedUtc, article.UpdatedUtc, article.Language, article.CurrentVersion, shown.Info.Number, article.StoryId,
                versions.Select(v => v.Info).ToList(), blocks, related.Take(MaxRelated).ToList(), related.Count > MaxRelated);
        }
    }
}

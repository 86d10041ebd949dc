using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Charts;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Outlets;

/// <summary>One outlet: how much it published and how often it reported a story first, articles per month,
/// and its articles newest first in keyset pages. Anonymous readers get it from the output cache (see
/// <see cref="TopicCachePolicy"/>) until one of the outlet's articles, or its first-report credit, changes.</summary>
[OutputCache(PolicyName = TopicCachePolicy.Name)]
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    /// <summary>Null only when the query was refused (bad cursor) and the page re-renders with the message.</summary>
    public Result? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? slug, [FromQuery] string? before, [FromQuery] string? after, CancellationToken cancellationToken)
    {
        var data = Data = await mediator.Send(new Query { Id = id, Before = before, After = after }, cancellationToken);
        CachedPages.Tag(HttpContext, [ContentScope.Outlet(data.Id)]);
        if (!string.Equals(slug, data.Slug, StringComparison.Ordinal))
        {
            return RedirectPermanent($"/outlets/{data.Id}/{data.Slug}{Request.QueryString}");
        }

        return Page();
    }

    public sealed record Query : IRequest<Result>
    {
        /// <summary>The chart shows at most this many months, the most recent.</summary>
        public const int MaxMonths = 24;

        public int Id { get; init; }

        /// <summary>Cursor: list articles older than this position.</summary>
        public string? Before { get; init; }

        /// <summary>Cursor: list articles newer than this position.</summary>
        public string? After { get; init; }

        public int PageSize { get; init; } = NewsTracker.Web.Pages.IndexModel.Query.DefaultPageSize;
    }

    public sealed record Item(int Id, string Slug, string Title, string? Byline, DateTime SortUtc, bool IsPublished, string Excerpt, int Version, int StoryId);

    /// <summary>Articles in one calendar month (UTC); <see cref="Month"/> is its first day.</summary>
    public sealed record MonthCount(DateTime Month, int Articles);

    public sealed record Result(
        int Id,
        string Name,
        string Slug,
        string? Domain,
        int ArticleCount,
        int FirstReports,
        IReadOnlyList<MonthCount> Months,
        IReadOnlyList<Item> Items,
        string? OlderCursor,
        string? NewerCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.PageSize).InclusiveBetween(1, NewsTracker.Web.Pages.IndexModel.Query.MaxPageSize);
            RuleFor(q => q.Before).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'before' cursor is not valid.");
            RuleFor(q => q.After).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'after' cursor is not valid.");
        }
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            // Counts and months are kept at ingest (Stories/ArchiveCounts): the page reads a row and a few months
            // instead of counting the outlet's articles on every request.
            var outlet = await db.Outlets.AsNoTracking()
                .Where(o => o.Id == request.Id)
                .Select(o => new { o.Id, o.Name, o.Domain, o.ArticleCount, o.FirstReportCount })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no outlet {request.Id}.");

            // The chart's window ends at the latest month, so the latest months with articles are all it needs.
            var months = await db.OutletMonths.AsNoTracking()
                .Where(m => m.OutletId == outlet.Id && m.Articles > 0)
                .OrderByDescending(m => m.Month)
                .Take(Query.MaxMonths)
                .Select(m => new { m.Month, m.Articles })
                .ToListAsync(cancellationToken);

            var articles = db.Articles.AsNoTracking().Where(a => a.OutletId == outlet.Id);
            var before = PageCursor.Parse(request.Before);
            var after = before is null ? PageCursor.Parse(request.After) : null;
            var rows = await articles.Page(before, after)
                .Take(request.PageSize + 1)
                .Select(a => new Item(a.Id, a.Slug, a.Title, a.Byline, a.SortUtc, a.PublishedUtc != null, a.Excerpt, a.CurrentVersion, a.StoryId))
                .ToListAsync(cancellationToken);
            var (page, older, newer) = KeysetPage.Cut(rows, request.PageSize, before is not null, after is not null, item => new PageCursor(item.SortUtc, item.Id));

            return new Result(
                outlet.Id, outlet.Name, TextTools.Slugify(outlet.Name), outlet.Domain, outlet.ArticleCount, outlet.FirstReportCount,
                MonthSeries.Continuous(
                    months.Select(m => new MonthCount(OutletMonth.FirstDay(m.Month), m.Articles)),
                    m => m.Month,
                    month => new MonthCount(month, 0),
                    Query.MaxMonths),
                page, older, newer);
        }
    }
}

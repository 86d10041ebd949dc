using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Pages;

/// <summary>The front page: the latest articles, newest first, in keyset pages; or, with <c>?view=stories</c>,
/// the stories with the newest activity.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public const string StoriesView = "stories";

    /// <summary>A story card names at most this many outlets, then says how many more.</summary>
    public const int MaxOutletNames = 5;

    public Result Data { get; private set; } = Result.Empty;

    public StoriesResult Stories { get; private set; } = StoriesResult.Empty;

    public bool ShowStories { get; private set; }

    public async Task OnGetAsync([FromQuery] string? view, [FromQuery] string? before, [FromQuery] string? after, CancellationToken cancellationToken)
    {
        ShowStories = string.Equals(view, StoriesView, StringComparison.OrdinalIgnoreCase);
        if (ShowStories)
        {
            Stories = await mediator.Send(new StoriesQuery { Before = before, After = after }, cancellationToken);
        }
        else
        {
            Data = await mediator.Send(new Query { Before = before, After = after }, cancellationToken);
        }
    }

    public sealed record Query : IRequest<Result>
    {
        public const int DefaultPageSize = 20;
        public const int MaxPageSize = 100;

        /// <summary>Cursor: list articles older than this position.</summary>
        public string? Before { get; init; }

        /// <summary>Cursor: list articles newer than this position.</summary>
        public string? After { get; init; }

        public int PageSize { get; init; } = DefaultPageSize;
    }

    public sealed record Item(int Id, string Slug, string Title, int? OutletId, string? Outlet, string? Byline, DateTime SortUtc, bool IsPublished, string Excerpt, int Version);

    public sealed record Result(IReadOnlyList<Item> Items, string? OlderCursor, string? NewerCursor)
    {
        public static readonly Result Empty = new([], null, null);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.PageSize).InclusiveBetween(1, Query.MaxPageSize);
            RuleFor(q => q.Before).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'before' cursor is not valid.");
            RuleFor(q => q.After).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'after' cursor is not valid.");
        }
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        private static readonly System.Linq.Expressions.Expression<Func<Domain.Article, Item>> ToItem =
            a => new Item(a.Id, a.Slug, a.Title, a.OutletId, a.Outlet != null ? a.Outlet.Name : null, a.Byline, a.SortUtc, a.PublishedUtc != null, a.Excerpt, a.CurrentVersion);

        // The first page is most of the page's views: compiled once, it skips EF's expression-tree work on every view.
        private static readonly Func<NewsTrackerDbContext, int, IAsyncEnumerable<Item>> Newest = EF.CompileAsyncQuery(
            (NewsTrackerDbContext context, int take) => context.Articles.AsNoTracking()
                .OrderByDescending(a => a.SortUtc).ThenByDescending(a => a.Id)
                .Take(take)
                .Select(ToItem));

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var before = PageCursor.Parse(request.Before);
            var after = before is null ? PageCursor.Parse(request.After) : null;
            var rows = before is null && after is null
                ? await Newest(db, request.PageSize + 1).ToListAsync(cancellationToken)
                : await db.Articles.AsNoTracking().Page(before, after).Take(request.PageSize + 1).Select(ToItem).ToListAsync(cancellationToken);

            var (page, older, newer) = KeysetPage.Cut(rows, request.PageSize, before is not null, after is not null, item => new PageCursor(item.SortUtc, item.Id));
            return new Result(page, older, newer);
        }
    }

    /// <summary>Stories with the newest activity (an article joining) first, in keyset pages.</summary>
    public sealed record StoriesQuery : IRequest<StoriesResult>
    {
        /// <summary>Cursor: list stories last active before this position.</summary>
        public string? Before { get; init; }

        /// <summary>Cursor: list stories last active after this position.</summary>
        public string? After { get; init; }

        public int PageSize { get; init; } = Query.DefaultPageSize;
    }

    /// <summary>A story card: the lead (earliest) article's title and link, how many articles and outlets, and the outlets' names in order of coverage.</summary>
    public sealed record StoryItem(
        int Id, string Title, int LeadArticleId, string LeadSlug, DateTime FirstUtc, DateTime UpdatedUtc, int ArticleCount, int OutletCount, IReadOnlyList<string> Outlets);

    public sealed record StoriesResult(IReadOnlyList<StoryItem> Items, string? OlderCursor, string? NewerCursor)
    {
        public static readonly StoriesResult Empty = new([], null, null);
    }

    public sealed class StoriesValidator : AbstractValidator<StoriesQuery>
    {
        public StoriesValidator()
        {
            RuleFor(q => q.PageSize).InclusiveBetween(1, Query.MaxPageSize);
            RuleFor(q => q.Before).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'before' cursor is not valid.");
            RuleFor(q => q.After).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'after' cursor is not valid.");
        }
    }

    public sealed class StoriesHandler(NewsTrackerDbContext db) : IRequestHandler<StoriesQuery, StoriesResult>
    {
        public async Task<StoriesResult> Handle(StoriesQuery request, CancellationToken cancellationToken)
        {
            var stories = db.Stories.AsNoTracking();
            var before = PageCursor.Parse(request.Before);
            var after = before is null ? PageCursor.Parse(request.After) : null;
            var rows = await stories.Page(s => s.UpdatedUtc, s => s.Id, before, after)
                .Take(request.PageSize + 1)
                .Select(s => new { s.Id, s.UpdatedUtc })
                .ToListAsync(cancellationToken);
            var (page, older, newer) = KeysetPage.Cut(rows, request.PageSize, before is not null, after is not null, s => new PageCursor(s.UpdatedUtc, s.Id));

            // One query for the articles of the whole page, grouped here, rather than one per story.
            var ids = page.Select(s => s.Id).ToList();
            var articles = (await db.Articles.AsNoTracking()
                    .Where(a => ids.Contains(a.StoryId))
                    .Select(a => new { a.StoryId, a.Id, a.Slug, a.Title, a.SortUtc, a.OutletId, Outlet = a.Outlet != null ? a.Outlet.Name : null })
                    .ToListAsync(cancellationToken))
                .OrderBy(a => a.SortUtc).ThenBy(a => a.Id)
                .ToLookup(a => a.StoryId);

            var items = page
                .Where(s => articles[s.Id].Any())
                .Select(s =>
                {
                    var coverage = articles[s.Id].ToList();
                    var lead = coverage[0];
                    var outlets = coverage.Where(a => a.Outlet is not null).Select(a => a.Outlet!).Distinct(StringComparer.Ordinal).ToList();
                    return new StoryItem(s.Id, lead.Title, lead.Id, lead.Slug, lead.SortUtc, s.UpdatedUtc, coverage.Count, outlets.Count, outlets);
                })
                .ToList();
            return new StoriesResult(items, older, newer);
        }
    }
}

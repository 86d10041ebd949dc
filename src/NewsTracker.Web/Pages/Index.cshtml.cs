using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Pages;

/// <summary>The front page: the latest articles, newest first, in keyset pages.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = Result.Empty;

    public async Task OnGetAsync([FromQuery] string? before, [FromQuery] string? after, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new Query { Before = before, After = after }, cancellationToken);

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
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var articles = db.Articles.AsNoTracking();
            var before = PageCursor.Parse(request.Before);
            var after = before is null ? PageCursor.Parse(request.After) : null;
            if (before is { } b)
            {
                articles = articles.Where(a => a.SortUtc < b.SortUtc || (a.SortUtc == b.SortUtc && a.Id < b.Id));
            }
            else if (after is { } f)
            {
                articles = articles.Where(a => a.SortUtc > f.SortUtc || (a.SortUtc == f.SortUtc && a.Id > f.Id));
            }

            var ordered = after is null
                ? articles.OrderByDescending(a => a.SortUtc).ThenByDescending(a => a.Id)
                : articles.OrderBy(a => a.SortUtc).ThenBy(a => a.Id);

            var rows = await ordered
                .Take(request.PageSize + 1)
                .Select(a => new Item(a.Id, a.Slug, a.Title, a.OutletId, a.Outlet != null ? a.Outlet.Name : null, a.Byline, a.SortUtc, a.PublishedUtc != null, a.Excerpt, a.CurrentVersion))
                .ToListAsync(cancellationToken);

            var hasMore = rows.Count > request.PageSize;
            var page = rows.Take(request.PageSize).ToList();
            if (after is not null)
            {
                page.Reverse();
            }

            string? Cursor(Item item) => new PageCursor(item.SortUtc, item.Id).ToString();
            var older = page.Count > 0 && (after is not null || hasMore) ? Cursor(page[^1]) : null;
            var newer = page.Count > 0 && (before is not null || (after is not null && hasMore)) ? Cursor(page[0]) : null;
            return new Result(page, older, newer);
        }
    }
}

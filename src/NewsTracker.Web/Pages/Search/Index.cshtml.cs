using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Search;

namespace NewsTracker.Web.Pages.Search;

/// <summary>Full-text search with the query language, filters, facets and keyset paging.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Result? Data { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Q is not null)
        {
            Data = await mediator.Send(new Query { Q = Q, Sort = Sort, After = After }, cancellationToken);
        }
    }

    /// <summary>The address of this search with <paramref name="filter"/> added (for facet links).</summary>
    public string WithFilter(string filter) =>
        $"/search?q={Uri.EscapeDataString($"{Q?.Trim()} {filter}".Trim())}{(Sort is { Length: > 0 } ? $"&sort={Uri.EscapeDataString(Sort)}" : string.Empty)}";

    public sealed record Query : IRequest<Result>
    {
        /// <summary>Longest query accepted; the parser itself uses the first <see cref="SearchQueryParser.MaxQueryLength"/> characters.</summary>
        public const int MaxLength = 20_000;

        public const int DefaultPageSize = 20;

        public string? Q { get; init; }

        /// <summary><c>relevance</c> (default) or <c>newest</c>.</summary>
        public string? Sort { get; init; }

        public string? After { get; init; }

        public int PageSize { get; init; } = DefaultPageSize;
    }

    public sealed record Result(string Q, SearchSort Sort, IReadOnlyList<string> Messages, SearchPage Page)
    {
        public bool IsEmptyQuery => Page.Hits.Count == 0 && Messages.Count > 0 && Page.MatchCount == 0;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).MaximumLength(Query.MaxLength).WithMessage($"That query is longer than {Query.MaxLength:N0} characters; search for fewer words.");
            RuleFor(q => q.Sort).Must(s => s is null or "" or "relevance" or "newest").WithMessage("Sort by 'relevance' or 'newest'.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
            RuleFor(q => q.After).MaximumLength(64);
        }
    }

    public sealed class Handler(ISearchIndex index) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var q = request.Q ?? string.Empty;
            var parsed = SearchQueryParser.Parse(q);
            var sort = request.Sort == "newest" ? SearchSort.Newest : SearchSort.Relevance;
            var messages = parsed.Warnings.ToList();
            if (!parsed.HasText && !parsed.HasFilters)
            {
                messages.Add(q.Trim().Length == 0
                    ? "Type some words to search for, or a filter such as outlet:Reuters."
                    : "There is nothing to search for in that query: use words or numbers, not only punctuation.");
                return new Result(q, sort, messages, SearchPage.Empty);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var page = await index.SearchAsync(new SearchRequest(parsed, sort, request.After, request.PageSize), cancellationToken);
            Hosting.NewsTrackerMetrics.RecordSearch(System.Diagnostics.Stopwatch.GetElapsedTime(started), sort == SearchSort.Newest ? "newest" : "relevance");
            return new Result(q, sort, messages, page);
        }
    }
}

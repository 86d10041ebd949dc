using System.Security.Claims;
using MediatR;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Pages;
using NewsTracker.Web.Pages.Articles;

namespace NewsTracker.Web.Api;

/// <summary>The JSON API (<c>/api/v1</c>). Thin: bind, send the same MediatR request a page sends, map the result.</summary>
public static class ArticlesApi
{
    public static IEndpointRouteBuilder MapNewsTrackerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Articles").AddEndpointFilter<ApiProblemFilter>();

        api.MapGet("/articles", async (string? before, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(
                    new IndexModel.Query { Before = before, After = after, PageSize = limit ?? IndexModel.Query.DefaultPageSize }, cancellationToken)))
            .WithName("ListArticles")
            .WithSummary("Latest articles, newest first. Page with the 'before'/'after' cursors from the previous answer.");

        api.MapGet("/articles/{id:int}", async (int id, int? version, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new DetailsModel.Query(id, version), cancellationToken)))
            .WithName("GetArticle")
            .WithSummary("One article with its body blocks: the newest version, or the one named by ?version=. " +
                "'byline' holds the authors' names only; 'agency' the wire agency the page's byline credits (Reuters, AFP, dpa), or null.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/articles", async (ArticleInput input, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var result = await mediator.Send(new IngestArticle.Command
                {
                    Text = input.Text,
                    Html = input.Html,
                    Url = input.Url,
                    Title = input.Title,
                    Outlet = input.Outlet,
                    Byline = input.Byline,
                    PublishedUtc = input.Published?.UtcDateTime,
                    Language = input.Language,
                    Origin = "api",
                    UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                }, cancellationToken);
                var body = IngestResponse.From(result);
                return result.Outcome == IngestArticle.Outcome.Duplicate
                    ? Results.Ok(body)
                    : Results.Created($"/api/v1/articles/{result.ArticleId}", body);
            })
            .RequireAuthorization(NewsTrackerHost.Policies.ApiJournalist)
            .WithName("AddArticle")
            .WithSummary("Ingest an article from plain text, from HTML, or from a URL fetched by the server (Journalist or above, bearer token). " +
                "An exact duplicate answers 200 with the existing article; a changed text at a known address is stored as a new version.")
            .ProducesValidationProblem()
            .Produces<IngestResponse>(StatusCodes.Status201Created)
            .Produces<IngestResponse>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden);

        api.MapGet("/search", async (string? q, string? sort, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(SearchResponse.From(await mediator.Send(
                    new Pages.Search.IndexModel.Query { Q = q, Sort = sort, After = after, PageSize = limit ?? Pages.Search.IndexModel.Query.DefaultPageSize }, cancellationToken))))
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Full-text search with the query language (words, \"phrases\", -exclude, OR, prefix*, title:, outlet:, actor:, lang:, after:, before:). " +
                "Page with 'after' set to the previous answer's 'next'. Matches in title and snippet are given as [start, length] ranges.")
            .ProducesValidationProblem();

        api.MapPost("/extract", async (ExtractInput input, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ExtractArticle.Query { Html = input.Html, Url = input.Url }, cancellationToken)))
            .RequireAuthorization(NewsTrackerHost.Policies.ApiJournalist)
            .WithTags("Extraction")
            .WithName("Extract")
            .WithSummary("Extract title, byline, date, site name, language and body blocks from HTML (or a URL the server fetches). Nothing is stored.")
            .ProducesValidationProblem();

        api.MapStoriesApi();
        api.MapClaimReviewApi();
        api.MapFeedsApi();
        return app;
    }

    /// <summary>An article to ingest: <c>text</c> (first line is the title unless <c>title</c> is given), or
    /// <c>html</c> (with its <c>url</c> when known), or only <c>url</c> for the server to fetch.</summary>
    public sealed record ArticleInput(string? Text, string? Html, string? Url, string? Title, string? Outlet, string? Byline, DateTimeOffset? Published, string? Language);

    /// <summary>Search results for tools: plain text plus the ranges of matched words.</summary>
    public sealed record SearchResponse(string Q, string Sort, int MatchCount, bool MatchCountCapped, IReadOnlyList<string> Messages, IReadOnlyList<SearchHitResponse> Hits, string? Next, Search.SearchFacets Facets)
    {
        public static SearchResponse From(Pages.Search.IndexModel.Result result) => new(
            result.Q,
            result.Sort.ToString().ToLowerInvariant(),
            result.Page.MatchCount,
            result.Page.MatchCountCapped,
            result.Messages,
            result.Page.Hits.Select(h => new SearchHitResponse(
                h.ArticleId, h.Title, Ranges(h.HighlightedTitle), Search.Highlight.Strip(h.Snippet), Ranges(h.Snippet), h.Outlet, h.Byline,
                h.SortUtc, h.IsPublished, h.Language, $"/articles/{h.ArticleId}/{h.Slug}",
                h.Actors.Select(a => new SearchHitActor(a.Id, a.Name, $"/actors/{a.Id}")).ToList())).ToList(),
            result.Page.NextCursor,
            result.Page.Facets);

        private static List<int[]> Ranges(string marked)
        {
            var ranges = new List<int[]>();
            var position = 0;
            foreach (var (text, isMatch) in Search.Highlight.Runs(marked))
            {
                if (isMatch)
                {
                    ranges.Add([position, text.Length]);
                }

                position += text.Length;
            }

            return ranges;
        }
    }

    /// <summary>One hit: <c>titleMatches</c> and <c>snippetMatches</c> are [start, length] in UTF-16 code units;
    /// <c>actors</c> are the actors tagged in it, the most mentioned first.</summary>
    public sealed record SearchHitResponse(int Id, string Title, IReadOnlyList<int[]> TitleMatches, string Snippet, IReadOnlyList<int[]> SnippetMatches,
        string? Outlet, string? Byline, DateTime Date, bool IsPublished, string? Language, string Url, IReadOnlyList<SearchHitActor> Actors);

    /// <summary>An actor tagged in a hit, with its page.</summary>
    public sealed record SearchHitActor(int Id, string Name, string Url);

    /// <summary>A page to extract: its HTML (and where it came from), or only a URL for the server to fetch.</summary>
    public sealed record ExtractInput(string? Html, string? Url);

    /// <summary>What ingestion did: <c>added</c>, <c>duplicate</c> or <c>newversion</c>; <c>joinedStory</c> when it
    /// was recognised as another outlet's copy of a stored report.</summary>
    public sealed record IngestResponse(int Id, string Slug, string Title, string Outcome, int Version, int StoryId, bool JoinedStory, string Url)
    {
        public static IngestResponse From(IngestArticle.Result result) => new(
            result.ArticleId, result.Slug, result.Title, result.Outcome.ToString().ToLowerInvariant(), result.Version,
            result.StoryId, result.JoinedStory, $"/articles/{result.ArticleId}/{result.Slug}");
    }
}

using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Stories;

namespace NewsTracker.Web.Pages.Stories;

/// <summary>One story: who covered it and when, who was first, and what each later version adds to the first report.</summary>
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    /// <summary>Lists of added sentences up to this long start open; longer ones start folded.</summary>
    public const int OpenAddedUpTo = 8;

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new Query(id), cancellationToken);

    public sealed record Query(int Id) : IRequest<Result>;

    /// <summary>One article of the story. <see cref="AddedSentences"/> are the sentences it has that the first
    /// report has not; <see cref="OmittedSentences"/> counts the first report's sentences it leaves out
    /// (both empty for the first report itself).</summary>
    public sealed record Coverage(
        int ArticleId,
        string Slug,
        string Title,
        int? OutletId,
        string? Outlet,
        DateTime SortUtc,
        bool IsPublished,
        bool IsFirst,
        int SentenceCount,
        IReadOnlyList<string> AddedSentences,
        int OmittedSentences)
    {
        public bool SameAsFirst => !IsFirst && AddedSentences.Count == 0 && OmittedSentences == 0;
    }

    /// <summary>The story in order of publication (published time, else stored time); the first item is the first report.</summary>
    public sealed record Result(int Id, string Title, DateTime CreatedUtc, DateTime UpdatedUtc, int OutletCount, IReadOnlyList<Coverage> Coverage)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public Coverage FirstReport => Coverage[0];
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var story = await db.Stories.AsNoTracking()
                .Where(s => s.Id == request.Id)
                .Select(s => new { s.Id, s.CreatedUtc, s.UpdatedUtc })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no story {request.Id}.");

            // Same order as the article lists (SortUtc, then id), so "first" means the same everywhere.
            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.StoryId == story.Id)
                .OrderBy(a => a.PublishedUtc == null).ThenBy(a => a.SortUtc).ThenBy(a => a.Id) // dated reports first: an undated one is never "first"
                .Select(a => new
                {
                    a.Id,
                    a.Slug,
                    a.Title,
                    a.OutletId,
                    Outlet = a.Outlet != null ? a.Outlet.Name : null,
                    a.SortUtc,
                    IsPublished = a.PublishedUtc != null,
                    PlainText = a.Versions.Where(v => v.Number == a.CurrentVersion).Select(v => v.PlainText).FirstOrDefault() ?? string.Empty,
                })
                .ToListAsync(cancellationToken);
            if (articles.Count == 0)
            {
                throw new NotFoundException($"Story {request.Id} has no articles.");
            }

            var first = articles[0];
            var coverage = articles.Select((a, index) =>
            {
                var sentences = SentenceDiff.Split(a.PlainText).Count;
                var comparison = index == 0 ? new SentenceDiff.Comparison([], 0) : SentenceDiff.Compare(first.PlainText, a.PlainText);
                return new Coverage(a.Id, a.Slug, a.Title, a.OutletId, a.Outlet, a.SortUtc, a.IsPublished, index == 0, sentences, comparison.Added, comparison.Omitted);
            }).ToList();

            var outlets = articles.Select(a => a.OutletId).Where(o => o is not null).Distinct().Count();
            return new Result(story.Id, first.Title, story.CreatedUtc, story.UpdatedUtc, outlets, coverage);
        }
    }
}

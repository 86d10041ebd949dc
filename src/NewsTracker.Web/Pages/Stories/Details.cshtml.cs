using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Stories;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Stories;

/// <summary>One story: who covered it and when, who was first, and what each later version adds to the first report.
/// Anonymous readers get it from the output cache (see <see cref="TopicCachePolicy"/>) until one of its articles changes.</summary>
[OutputCache(PolicyName = TopicCachePolicy.Name)]
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    /// <summary>Lists of added sentences up to this long start open; longer ones start folded.</summary>
    public const int OpenAddedUpTo = 8;

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query(id), cancellationToken);
        CachedPages.Tag(HttpContext, [ContentScope.Story(id)]);
    }

    public Task<IActionResult> OnPostSplitAsync(int id, int[] articleIds, CancellationToken cancellationToken) =>
        EditAsync(id, new Move(id, articleIds, null), cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(int id, int articleId, int? toStoryId, CancellationToken cancellationToken) =>
        EditAsync(id, new Move(id, [articleId], toStoryId ?? 0), cancellationToken);

    public Task<IActionResult> OnPostMergeAsync(int id, int? otherStoryId, CancellationToken cancellationToken) =>
        EditAsync(id, new Merge(id, otherStoryId ?? 0), cancellationToken);

    /// <summary>Sends an edit and goes to the story the articles are in now; a refused edit comes back as this page
    /// with its message (<see cref="Hosting.ExceptionPageFilter"/>), so the story is loaded first.</summary>
    private async Task<IActionResult> EditAsync(int id, IRequest<Edited> edit, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query(id), cancellationToken);
        var edited = await mediator.Send(edit, cancellationToken);
        // Shown once after the redirect by the layout, which reads TempData only when its cookie came back: a [TempData]
        // property would delete the cookie on every view and keep this page out of the output cache.
        TempData["Notice"] = edited.Summary + " Undo it from the article's history if it was a mistake.";
        return RedirectToPage(new { id = edited.StoryId });
    }

    /// <summary>Moves <paramref name="ArticleIds"/> of story <paramref name="StoryId"/> to story <paramref name="ToStoryId"/>,
    /// or to a new story when it is null (a split). The articles are pinned there: clustering never moves them.</summary>
    public sealed record Move(int StoryId, IReadOnlyList<int> ArticleIds, int? ToStoryId) : ICommand<Edited>;

    /// <summary>Moves every article of story <paramref name="OtherStoryId"/> into story <paramref name="StoryId"/>.</summary>
    public sealed record Merge(int StoryId, int OtherStoryId) : ICommand<Edited>;

    /// <summary>Where the articles are now, and what happened in words.</summary>
    public sealed record Edited(int StoryId, int Moved, string Summary);

    public sealed class MoveHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<Move, Edited>
    {
        public async Task<Edited> Handle(Move request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, "split stories and move articles between them");
            var ids = request.ArticleIds.Distinct().ToList();
            if (ids.Count == 0)
            {
                throw new ValidationFailedException("ArticleIds", "Choose at least one article to move.");
            }

            var inStory = await db.Articles.Where(a => a.StoryId == request.StoryId).Select(a => a.Id).ToListAsync(cancellationToken);
            if (inStory.Count == 0)
            {
                throw new NotFoundException($"There is no story {request.StoryId}.");
            }

            if (ids.Any(i => !inStory.Contains(i)))
            {
                throw new ValidationFailedException("ArticleIds", "Only articles of this story can be moved from it; reload the page and try again.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            int target;
            if (request.ToStoryId is { } to)
            {
                if (to == request.StoryId)
                {
                    throw new ValidationFailedException("ToStoryId", "The article is already in this story; give the number of another story.");
                }

                if (!await db.Articles.AnyAsync(a => a.StoryId == to, cancellationToken))
                {
                    throw new ValidationFailedException("ToStoryId", $"There is no story {to} with articles; check the story number.");
                }

                target = to;
            }
            else
            {
                if (ids.Count == inStory.Count)
                {
                    throw new ValidationFailedException("ArticleIds", "A split must leave at least one article in this story; leave some unticked.");
                }

                var title = await db.Articles.Where(a => a.Id == ids[0]).Select(a => a.Title).FirstAsync(cancellationToken);
                var story = new Domain.Story { Title = title, CreatedUtc = now, UpdatedUtc = now };
                db.Stories.Add(story);
                await db.SaveChangesAsync(cancellationToken);
                target = story.Id;
            }

            await MoveAsync(db, ids, target, now, cancellationToken);
            var what = ids.Count == 1 ? "1 article" : $"{ids.Count} articles";
            return new Edited(target, ids.Count, request.ToStoryId is null ? $"Split {what} into a new story." : $"Moved {what} to story {target}.");
        }
    }

    public sealed class MergeHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<Merge, Edited>
    {
        public async Task<Edited> Handle(Merge request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, "merge stories");
            if (request.OtherStoryId == request.StoryId)
            {
                throw new ValidationFailedException("OtherStoryId", "A story cannot be merged with itself; give the number of another story.");
            }

            if (!await db.Articles.AnyAsync(a => a.StoryId == request.StoryId, cancellationToken))
            {
                throw new NotFoundException($"There is no story {request.StoryId}.");
            }

            var ids = await db.Articles.Where(a => a.StoryId == request.OtherStoryId).Select(a => a.Id).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                throw new ValidationFailedException("OtherStoryId", $"There is no story {request.OtherStoryId} with articles; check the story number.");
            }

            await MoveAsync(db, ids, request.StoryId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return new Edited(request.StoryId, ids.Count, $"Merged story {request.OtherStoryId} ({ids.Count} {(ids.Count == 1 ? "article" : "articles")}) into this story.");
        }
    }

    /// <summary>Puts the articles in the story, pinned, through tracked entities so each move is audited (and so
    /// undoable) like any tag change.</summary>
    private static async Task MoveAsync(NewsTrackerDbContext db, IReadOnlyList<int> articleIds, int storyId, DateTime now, CancellationToken cancellationToken)
    {
        var touched = new List<int> { storyId };
        foreach (var article in await db.Articles.Where(a => articleIds.Contains(a.Id)).ToListAsync(cancellationToken))
        {
            touched.Add(article.StoryId);
            article.StoryId = storyId;
            article.StoryPinned = true;
        }

        await db.Stories.Where(s => s.Id == storyId).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedUtc, now), cancellationToken);
        // The story pages read kept counts (ArchiveCounts), so both sides of the move are recounted once it is saved.
        await db.SaveChangesAsync(cancellationToken);
        await ArchiveCounts.RefreshStoriesAsync(db, touched, cancellationToken);
    }

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

    /// <summary>An outlet that covered the story, with how many of its articles are in it.</summary>
    public sealed record OutletCoverage(int Id, string Name, int Articles);

    /// <summary>The story in order of publication (published time, else stored time); the first item is the first
    /// report. <see cref="Title"/> is the representative headline (Stories/StoryHeadline).</summary>
    public sealed record Result(int Id, string Title, DateTime CreatedUtc, DateTime UpdatedUtc, int OutletCount, IReadOnlyList<OutletCoverage> Outlets, IReadOnlyList<Coverage> Coverage)
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

            var outlets = articles.Where(a => a.OutletId is not null)
                .GroupBy(a => (Id: a.OutletId!.Value, Name: a.Outlet!))
                .Select(g => new OutletCoverage(g.Key.Id, g.Key.Name, g.Count()))
                .ToList();
            var headline = StoryHeadline.Choose(articles.Select(a => a.Title).ToList());
            return new Result(story.Id, headline, story.CreatedUtc, story.UpdatedUtc, outlets.Count, outlets, coverage);
        }
    }
}

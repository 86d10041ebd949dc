using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Feeds;

/// <summary>Every feed with its status (ok, error, backing off, paused, new), last and next check, articles
/// added and last error, the troubled ones first; the poll under way; "refresh now" per feed.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
public sealed class IndexModel(IMediator mediator, PollProgress progress) : PageModel
{
    /// <summary>The orders the list can take, as the page offers them.</summary>
    public static readonly IReadOnlyList<(string Sort, string Label)> Sorts = [("trouble", "Trouble first"), ("title", "Title"), ("next", "Next check")];

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new Query(Sort), cancellationToken);

    /// <summary>The poll under way as JSON, for the page's script to show progress without reloading.</summary>
    public JsonResult OnGetProgress() => new(progress.Read());

    public async Task<IActionResult> OnPostRefreshAsync(int id, CancellationToken cancellationToken)
    {
        var refreshed = await mediator.Send(new RefreshFeed.Command(id), cancellationToken);
        TempData["Notice"] = refreshed.Message;
        return RedirectToPage(new { sort = Sort });
    }

    public sealed record Query(string? Sort) : IRequest<Result>;

    /// <summary>One feed as the list shows it. <see cref="Checking"/> is true while a poller holds it.</summary>
    public sealed record Row(
        int Id, string Title, string Url, FeedStatus Status, bool Checking, DateTime? LastCheckUtc, DateTime NextCheckUtc,
        DateTime? LastSuccessUtc, int ItemsAdded, int ErrorCount, string? LastError);

    /// <summary>How many feeds are in each state.</summary>
    public sealed record Counts(int Total, int Ok, int Error, int BackingOff, int Paused, int New);

    public sealed record Result(string Sort, IReadOnlyList<Row> Feeds, Counts Counts, PollProgress.Snapshot Progress, DateTime NowUtc);

    public sealed class Handler(NewsTrackerDbContext db, PollProgress progress, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var feeds = await db.Feeds.AsNoTracking()
                .Select(f => new
                {
                    f.Id, f.Title, f.Url, f.Paused, f.ErrorCount, f.LastErrorTransient, f.LastCheckUtc, f.NextCheckUtc,
                    f.LastSuccessUtc, f.ItemsAdded, f.LastError, f.LeaseUntilUtc,
                })
                .ToListAsync(cancellationToken);
            var rows = feeds.Select(f => new Row(
                f.Id, f.Title, f.Url, FeedSchedule.Status(f.Paused, f.ErrorCount, f.LastErrorTransient, f.LastCheckUtc), f.LeaseUntilUtc > now,
                f.LastCheckUtc, f.NextCheckUtc, f.LastSuccessUtc, f.ItemsAdded, f.ErrorCount, f.LastError));

            var sort = Sorts.Any(s => s.Sort == request.Sort) ? request.Sort! : Sorts[0].Sort;
            var ordered = sort switch
            {
                "title" => rows.OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id),
                "next" => rows.OrderBy(r => r.Status == FeedStatus.Paused).ThenBy(r => r.NextCheckUtc).ThenBy(r => r.Id),

                // Trouble first: refusals, then back-offs, then the rest; within each, the longest failing first.
                _ => rows.OrderBy(r => r.Status).ThenByDescending(r => r.ErrorCount).ThenBy(r => r.LastSuccessUtc ?? DateTime.MinValue)
                    .ThenBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id),
            };
            var list = ordered.ToList();
            var counts = new Counts(
                list.Count,
                list.Count(r => r.Status == FeedStatus.Ok),
                list.Count(r => r.Status == FeedStatus.Error),
                list.Count(r => r.Status == FeedStatus.BackingOff),
                list.Count(r => r.Status == FeedStatus.Paused),
                list.Count(r => r.Status == FeedStatus.New));
            return new Result(sort, list, counts, progress.Read(), now);
        }
    }
}

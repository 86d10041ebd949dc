using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Feeds;

/// <summary>One feed: how its checks go (status, schedule, last error, articles per day), the items it
/// brought and what became of them, its settings (title, outlet, interval, feed text or article page,
/// paused), "refresh now" and unsubscribe.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
public sealed class EditModel(IMediator mediator) : PageModel
{
    /// <summary>Items listed on the page, newest first.</summary>
    public const int ItemCount = 50;

    /// <summary>Days the articles-per-day chart covers.</summary>
    public const int ChartDays = 14;

    [FromRoute]
    public int Id { get; set; }

    public Details Feed { get; private set; } = null!;

    /// <summary>The settings form, bound straight to the command it sends.</summary>
    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = Command.From(await LoadAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data with { Id = Id, UserId = User.FindFirstValue(ClaimTypes.NameIdentifier) }, cancellationToken);
        TempData["Notice"] = "Settings saved.";
        return Redirect($"/feeds/{Id}");
    }

    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken)
    {
        TempData["Notice"] = (await mediator.Send(new RefreshFeed.Command(Id), cancellationToken)).Message;
        return Redirect($"/feeds/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var title = await mediator.Send(new Delete(Id), cancellationToken);
        TempData["Notice"] = $"Unsubscribed from “{title}”. The articles it brought stay.";
        return Redirect("/feeds");
    }

    /// <summary>A POST sends its command alone; the feed is read only when a refused command re-renders the page
    /// (the exception filter turns the refusal into the page with its message, the form as it was typed).</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Feed is null)
        {
            var feed = await LoadAsync(context.HttpContext.RequestAborted);
            if (context.HandlerMethod?.MethodInfo.Name != nameof(OnPostAsync))
            {
                // Only the settings post carries the form; any other shows it as the feed stands.
                Data = Command.From(feed);
            }
        }
    }

    private async Task<Details> LoadAsync(CancellationToken cancellationToken) =>
        Feed = await mediator.Send(new Query(Id), cancellationToken);

    public sealed record Query(int Id) : IRequest<Details>;

    public sealed record Details(
        int Id, string Title, string Url, string? SiteUrl, string? Outlet, string? Format, FeedStatus Status, bool Checking,
        bool UseFeedContent, bool Paused, int? IntervalOverrideMinutes, TimeSpan IntervalInForce, int? TtlMinutes,
        DateTime? LastCheckUtc, DateTime NextCheckUtc, DateTime? LastSuccessUtc, FeedCheckOutcome? LastOutcome, int ErrorCount,
        string? LastError, DateTime? RetryAfterUtc, int ItemsAdded, DateTime CreatedUtc, Guid ConcurrencyStamp,
        IReadOnlyList<ItemRow> Items, IReadOnlyList<Charts.ChartPoint> AddedPerDay, DateTime NowUtc);

    /// <summary>One item the feed listed; <see cref="ArticleId"/> is the article it became or matched.</summary>
    public sealed record ItemRow(string Title, string? Link, DateTime? PublishedUtc, DateTime SeenUtc, FeedItemOutcome Outcome, int? ArticleId, string? ArticleSlug, string? Note);

    /// <summary>Changes a feed's settings; <see cref="ConcurrencyStamp"/> is the one the form was drawn with. The page
    /// binds its form to this record and sets <see cref="Id"/> and <see cref="UserId"/> itself.</summary>
    public sealed record Command : ICommand<Unit>
    {
        public int Id { get; init; }

        [Display(Name = "Title")]
        public string? Title { get; init; }

        [Display(Name = "Outlet")]
        public string? Outlet { get; init; }

        /// <summary>Null lets the feed's posting frequency decide.</summary>
        [Display(Name = "Check every (minutes)")]
        public int? IntervalMinutes { get; init; }

        [Display(Name = "Store the feed's own text instead of fetching each article page")]
        public bool UseFeedContent { get; init; }

        [Display(Name = "Paused")]
        public bool Paused { get; init; }

        public Guid ConcurrencyStamp { get; init; }

        public string? UserId { get; init; }

        /// <summary>The form as the feed stands now.</summary>
        public static Command From(Details feed) => new()
        {
            Id = feed.Id,
            Title = feed.Title,
            Outlet = feed.Outlet,
            IntervalMinutes = feed.IntervalOverrideMinutes,
            UseFeedContent = feed.UseFeedContent,
            Paused = feed.Paused,
            ConcurrencyStamp = feed.ConcurrencyStamp,
        };
    }

    /// <summary>Unsubscribes; answers the feed's title.</summary>
    public sealed record Delete(int Id) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the feed a title.").MaximumLength(FeedConfiguration.TitleMaxLength);
            RuleFor(c => c.Outlet).MaximumLength(OutletConfiguration.NameMaxLength);
            RuleFor(c => c.IntervalMinutes)
                .InclusiveBetween(FeedConfiguration.MinIntervalOverrideMinutes, FeedConfiguration.MaxIntervalOverrideMinutes)
                .WithMessage($"Check at most every {FeedConfiguration.MinIntervalOverrideMinutes} minutes and at least once a day ({FeedConfiguration.MaxIntervalOverrideMinutes} minutes), or leave the interval empty.");
        }
    }

    public sealed class QueryHandler(NewsTrackerDbContext db, TimeProvider clock, IOptions<FeedsOptions> options) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var feed = await db.Feeds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("There is no such feed; it may have been removed.");
            var items = await db.FeedItems.AsNoTracking()
                .Where(i => i.FeedId == feed.Id)
                .OrderByDescending(i => i.SeenUtc).ThenByDescending(i => i.Id)
                .Take(ItemCount)
                .Select(i => new ItemRow(i.Title, i.Link, i.PublishedUtc, i.SeenUtc, i.Outcome, i.ArticleId, i.Article == null ? null : i.Article.Slug, i.Note))
                .ToListAsync(cancellationToken);

            var firstDay = now.Date.AddDays(1 - ChartDays);
            var added = await db.FeedItems.AsNoTracking()
                .Where(i => i.FeedId == feed.Id && i.Outcome == FeedItemOutcome.Added && i.SeenUtc >= firstDay)
                .Select(i => i.SeenUtc)
                .ToListAsync(cancellationToken);
            var perDay = Enumerable.Range(0, ChartDays)
                .Select(d => firstDay.AddDays(d))
                .Select(day => new Charts.ChartPoint(day, added.Count(seen => seen.Date == day)))
                .ToList();

            return new Details(
                feed.Id, feed.Title, feed.Url, feed.SiteUrl, feed.Outlet, feed.Format, FeedSchedule.Status(feed), feed.LeaseUntilUtc > now,
                feed.UseFeedContent, feed.Paused, feed.IntervalOverrideMinutes,
                FeedSchedule.Interval(feed.IntervalOverrideMinutes, feed.IntervalMinutes, options.Value), feed.TtlMinutes,
                feed.LastCheckUtc, feed.NextCheckUtc, feed.LastSuccessUtc, feed.LastOutcome, feed.ErrorCount, feed.LastError, feed.RetryAfterUtc,
                feed.ItemsAdded, feed.CreatedUtc, feed.ConcurrencyStamp, items, perDay, now);
        }
    }

    public sealed class CommandHandler(NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var feed = await db.Feeds.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("There is no such feed; it may have been removed.");
            if (feed.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                var who = feed.UpdatedByUserId is null ? null
                    : await db.Users.Where(u => u.Id == feed.UpdatedByUserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
                throw new ConflictException(
                    $"{who ?? "Someone"} changed this feed's settings at {feed.UpdatedUtc:HH:mm} UTC, after you opened the page. Reload it to see their changes, then make yours again.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            feed.Title = Ingestion.TextTools.FoldWhitespace(request.Title!);
            feed.Outlet = string.IsNullOrWhiteSpace(request.Outlet) ? null : Ingestion.TextTools.FoldWhitespace(request.Outlet);
            feed.UseFeedContent = request.UseFeedContent;
            feed.Paused = request.Paused;
            if (request.IntervalMinutes != feed.IntervalOverrideMinutes && request.IntervalMinutes is { } minutes)
            {
                // A shorter interval takes effect now rather than after the check already scheduled.
                var sooner = (feed.LastCheckUtc ?? now).AddMinutes(minutes);
                var notBefore = feed.RetryAfterUtc ?? DateTime.MinValue;
                feed.NextCheckUtc = sooner < feed.NextCheckUtc ? (sooner > notBefore ? sooner : notBefore) : feed.NextCheckUtc;
            }

            feed.IntervalOverrideMinutes = request.IntervalMinutes;
            feed.UpdatedUtc = now;
            feed.UpdatedByUserId = request.UserId;
            feed.ConcurrencyStamp = Guid.NewGuid();
            return Unit.Value;
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db) : IRequestHandler<Delete, string>
    {
        public async Task<string> Handle(Delete request, CancellationToken cancellationToken)
        {
            var feed = await db.Feeds.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("There is no such feed; it may have been removed.");
            db.Feeds.Remove(feed);
            return feed.Title;
        }
    }
}

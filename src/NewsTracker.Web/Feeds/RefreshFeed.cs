using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Feeds;

/// <summary>"Refresh now": makes a feed due at once and wakes the scheduler; only a server's Retry-After
/// still holds it back. Shared by the feeds pages and <c>POST /api/v1/feeds/{id}/refresh</c>.</summary>
public static class RefreshFeed
{
    public sealed record Command(int FeedId) : ICommand<Result>;

    /// <summary>When the feed will be checked, and a sentence saying so.</summary>
    public sealed record Result(int FeedId, DateTime NextCheckUtc, string Message);

    public sealed class Handler(NewsTrackerDbContext db, TimeProvider clock, PollSignal signal) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var feed = await db.Feeds.FirstOrDefaultAsync(f => f.Id == request.FeedId, cancellationToken)
                ?? throw new NotFoundException("There is no such feed; it may have been removed.");
            if (feed.Paused)
            {
                throw new ValidationFailedException(string.Empty, $"“{feed.Title}” is paused. Resume it to check it.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            feed.NextCheckUtc = feed.RetryAfterUtc is { } retryAfter && retryAfter > now ? retryAfter : now;
            signal.Wake();
            var message = feed.NextCheckUtc > now
                ? string.Create(CultureInfo.InvariantCulture, $"The site asked NewsTracker to wait, so “{feed.Title}” will be checked at {feed.NextCheckUtc:HH:mm} UTC.")
                : $"“{feed.Title}” will be checked in a moment.";
            return new Result(feed.Id, feed.NextCheckUtc, message);
        }
    }
}

using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Feeds;

/// <summary>
/// Writes what a check of a feed found: its schedule, validators and error state (releasing the claim),
/// and each item processed, so it is never processed again. A result from a poller that no longer holds
/// the claim (it expired and another took over) is dropped.
/// </summary>
public static class RecordFeedCheck
{
    public sealed record Command(int FeedId, string Owner, CheckResult Result) : ICommand<Unit>;

    /// <summary>One item processed: what became of it.</summary>
    public sealed record Item(int FeedId, string KeyHash, string? Link, string Title, DateTime? PublishedUtc, FeedItemOutcome Outcome, int? ArticleId, string? Note)
        : ICommand<Unit>;

    /// <summary>The outcome of one check. Validators, interval, TTL and format are set only when given.</summary>
    public sealed record CheckResult
    {
        public required FeedCheckOutcome Outcome { get; init; }

        public required DateTime CheckedUtc { get; init; }

        public required DateTime NextCheckUtc { get; init; }

        /// <summary>True replaces the stored ETag and Last-Modified with <see cref="ETag"/> and <see cref="LastModifiedUtc"/>.</summary>
        public bool UpdateValidators { get; init; }

        public string? ETag { get; init; }

        public DateTime? LastModifiedUtc { get; init; }

        public int? IntervalMinutes { get; init; }

        /// <summary>Set from a feed that was read (200); a 304 keeps what was stored.</summary>
        public bool UpdateTtl { get; init; }

        public int? TtlMinutes { get; init; }

        public string? Format { get; init; }

        public string? SiteUrl { get; init; }

        public int ArticlesAdded { get; init; }

        public string? Error { get; init; }

        public bool Transient { get; init; }

        public DateTime? RetryAfterUtc { get; init; }
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var feed = await db.Feeds.FirstOrDefaultAsync(f => f.Id == request.FeedId, cancellationToken);
            if (feed is null || feed.LeaseOwner != request.Owner)
            {
                return Unit.Value;
            }

            var result = request.Result;
            feed.LeaseOwner = null;
            feed.LeaseUntilUtc = null;
            feed.LastCheckUtc = result.CheckedUtc;
            feed.NextCheckUtc = result.NextCheckUtc;
            feed.LastOutcome = result.Outcome;
            if (result.Outcome == FeedCheckOutcome.Failed)
            {
                feed.ErrorCount++;
                feed.LastError = TextTools.Truncate(result.Error ?? "The check failed.", FeedConfiguration.ErrorMaxLength);
                feed.LastErrorTransient = result.Transient;
                feed.RetryAfterUtc = result.RetryAfterUtc;
                return Unit.Value;
            }

            feed.ErrorCount = 0;
            feed.LastError = null;
            feed.LastErrorTransient = false;
            feed.RetryAfterUtc = null;
            feed.LastSuccessUtc = result.CheckedUtc;
            feed.ItemsAdded += result.ArticlesAdded;
            if (result.UpdateValidators)
            {
                feed.ETag = result.ETag is { Length: <= FeedConfiguration.ETagMaxLength } etag ? etag : null;
                feed.LastModifiedUtc = result.LastModifiedUtc;
            }

            if (result.UpdateTtl)
            {
                feed.TtlMinutes = result.TtlMinutes;
            }

            feed.IntervalMinutes = result.IntervalMinutes ?? feed.IntervalMinutes;
            feed.Format = result.Format ?? feed.Format;
            feed.SiteUrl = result.SiteUrl is { Length: <= ArticleConfiguration.UrlMaxLength } site ? site : feed.SiteUrl;
            return Unit.Value;
        }
    }

    public sealed class ItemHandler(NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<Item, Unit>
    {
        public async Task<Unit> Handle(Item request, CancellationToken cancellationToken)
        {
            if (await db.FeedItems.AnyAsync(i => i.FeedId == request.FeedId && i.KeyHash == request.KeyHash, cancellationToken)
                || !await db.Feeds.AnyAsync(f => f.Id == request.FeedId, cancellationToken))
            {
                return Unit.Value;
            }

            db.FeedItems.Add(new FeedItem
            {
                FeedId = request.FeedId,
                KeyHash = request.KeyHash,
                Link = request.Link is { Length: <= ArticleConfiguration.UrlMaxLength } link ? link : null,
                Title = TextTools.Truncate(request.Title, ArticleConfiguration.TitleMaxLength),
                PublishedUtc = request.PublishedUtc,
                SeenUtc = clock.GetUtcNow().UtcDateTime,
                Outcome = request.Outcome,
                ArticleId = request.ArticleId,
                Note = request.Note is null ? null : TextTools.Truncate(request.Note, FeedItemConfiguration.NoteMaxLength),
            });
            return Unit.Value;
        }
    }
}

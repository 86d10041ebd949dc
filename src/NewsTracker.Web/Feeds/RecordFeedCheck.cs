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
    /// <summary>Checks by one poller, written in one transaction.</summary>
    public sealed record Command(string Owner, IReadOnlyList<Check> Checks) : ICommand<Unit>, IReadCommittedCommand;

    /// <summary>What the check of one feed found.</summary>
    public sealed record Check(int FeedId, CheckResult Result);

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

    /// <summary>One UPDATE per feed, and only while this poller still holds the claim: most checks are a 304, so
    /// this is most of what polling writes.</summary>
    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            foreach (var check in request.Checks)
            {
                await RecordAsync(check.FeedId, request.Owner, check.Result, cancellationToken);
            }

            return Unit.Value;
        }

        private async Task RecordAsync(int feedId, string owner, CheckResult result, CancellationToken cancellationToken)
        {
            var failed = result.Outcome == FeedCheckOutcome.Failed;
            var error = failed ? TextTools.Truncate(result.Error ?? "The check failed.", FeedConfiguration.ErrorMaxLength) : null;
            var etag = result.ETag is { Length: <= FeedConfiguration.ETagMaxLength } tag ? tag : null;
            var siteUrl = result.SiteUrl is { Length: <= ArticleConfiguration.UrlMaxLength } site ? site : null;
            await db.Feeds.Where(f => f.Id == feedId && f.LeaseOwner == owner).ExecuteUpdateAsync(
                feed =>
                {
                    feed.SetProperty(f => f.LeaseOwner, (string?)null)
                        .SetProperty(f => f.LeaseUntilUtc, (DateTime?)null)
                        .SetProperty(f => f.LastCheckUtc, result.CheckedUtc)
                        .SetProperty(f => f.NextCheckUtc, result.NextCheckUtc)
                        .SetProperty(f => f.LastOutcome, result.Outcome);
                    if (failed)
                    {
                        feed.SetProperty(f => f.ErrorCount, f => f.ErrorCount + 1)
                            .SetProperty(f => f.LastError, error)
                            .SetProperty(f => f.LastErrorTransient, result.Transient)
                            .SetProperty(f => f.RetryAfterUtc, result.RetryAfterUtc);
                        return;
                    }

                    feed.SetProperty(f => f.ErrorCount, 0)
                        .SetProperty(f => f.LastError, (string?)null)
                        .SetProperty(f => f.LastErrorTransient, false)
                        .SetProperty(f => f.RetryAfterUtc, (DateTime?)null)
                        .SetProperty(f => f.LastSuccessUtc, result.CheckedUtc);
                    if (result.ArticlesAdded > 0)
                    {
                        feed.SetProperty(f => f.ItemsAdded, f => f.ItemsAdded + result.ArticlesAdded);
                    }

                    if (result.UpdateValidators)
                    {
                        feed.SetProperty(f => f.ETag, etag).SetProperty(f => f.LastModifiedUtc, result.LastModifiedUtc);
                    }

                    if (result.UpdateTtl)
                    {
                        feed.SetProperty(f => f.TtlMinutes, result.TtlMinutes);
                    }

                    if (result.IntervalMinutes is { } interval)
                    {
                        feed.SetProperty(f => f.IntervalMinutes, interval);
                    }

                    if (result.Format is { } format)
                    {
                        feed.SetProperty(f => f.Format, format);
                    }

                    if (siteUrl is not null)
                    {
                        feed.SetProperty(f => f.SiteUrl, siteUrl);
                    }
                },
                cancellationToken);
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

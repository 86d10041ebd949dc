using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Feeds;

/// <summary>Stores subscriptions, skipping feeds already subscribed (by canonical address): the last step of
/// subscribing by address, and the whole of an OPML import (whose feeds are checked by the first poll).
/// Each new feed is due at once.</summary>
public static class AddFeeds
{
    /// <summary>A feed to subscribe to, with the settings it starts with.</summary>
    public sealed record Draft(
        string Url, string? Title, string? SiteUrl = null, string? Format = null, string? Outlet = null,
        bool UseFeedContent = false, int? IntervalOverrideMinutes = null, bool Paused = false, string? Group = null);

    public sealed record Command(IReadOnlyList<Draft> Drafts, string? UserId) : ICommand<IReadOnlyList<Outcome>>;

    /// <summary>What became of one draft: added, already there (<see cref="Added"/> false), or refused with <see cref="Error"/>.</summary>
    public sealed record Outcome(string Url, int? FeedId, string? Title, bool Added, string? Error);

    public sealed class Handler(NewsTrackerDbContext db, TimeProvider clock, IOptions<FeedsOptions> options) : IRequestHandler<Command, IReadOnlyList<Outcome>>
    {
        public async Task<IReadOnlyList<Outcome>> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var keys = request.Drafts.Select(d => UrlCanonicalizer.Canonicalize(d.Url)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var existing = await db.Feeds.AsNoTracking()
                .Where(f => keys.Contains(f.UrlKey))
                .ToDictionaryAsync(f => f.UrlKey, f => (f.Id, f.Title), StringComparer.Ordinal, cancellationToken);

            var outcomes = new Outcome?[request.Drafts.Count];
            var created = new Dictionary<string, Feed>(StringComparer.Ordinal);
            var fresh = new List<(int Index, string Url, Feed Feed, bool First)>();
            for (var i = 0; i < request.Drafts.Count; i++)
            {
                var draft = request.Drafts[i];
                var url = draft.Url.Trim();
                var key = url.Length <= ArticleConfiguration.UrlMaxLength ? UrlCanonicalizer.Canonicalize(url) : null;
                if (key is null)
                {
                    outcomes[i] = new Outcome(url, null, draft.Title, false, "Not an http:// or https:// address NewsTracker can fetch.");
                }
                else if (existing.TryGetValue(key, out var known))
                {
                    outcomes[i] = new Outcome(url, known.Id, known.Title, false, null);
                }
                else if (created.TryGetValue(key, out var twin))
                {
                    fresh.Add((i, url, twin, false));
                }
                else
                {
                    var feed = New(draft, url, key, now, request.UserId);
                    db.Feeds.Add(feed);
                    created[key] = feed;
                    fresh.Add((i, url, feed, true));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var (index, url, feed, first) in fresh)
            {
                outcomes[index] = new Outcome(url, feed.Id, feed.Title, first, null);
            }

            return outcomes.Select(o => o!).ToList();
        }

        private Feed New(Draft draft, string url, string key, DateTime now, string? userId) => new()
        {
            Url = url,
            UrlKey = key,
            Title = TextTools.Truncate(string.IsNullOrWhiteSpace(draft.Title) ? new Uri(url).Host : TextTools.FoldWhitespace(draft.Title), FeedConfiguration.TitleMaxLength),
            SiteUrl = UrlCanonicalizer.IsWebUrl(draft.SiteUrl) && draft.SiteUrl!.Length <= ArticleConfiguration.UrlMaxLength ? draft.SiteUrl : null,
            Format = draft.Format,
            Outlet = string.IsNullOrWhiteSpace(draft.Outlet) ? null : TextTools.Truncate(TextTools.FoldWhitespace(draft.Outlet), OutletConfiguration.NameMaxLength),
            UseFeedContent = draft.UseFeedContent,
            Group = string.IsNullOrWhiteSpace(draft.Group) ? null : TextTools.Truncate(TextTools.FoldWhitespace(draft.Group), FeedConfiguration.GroupMaxLength),
            IntervalOverrideMinutes = draft.IntervalOverrideMinutes is { } minutes ? Math.Clamp(minutes, FeedConfiguration.MinIntervalOverrideMinutes, FeedConfiguration.MaxIntervalOverrideMinutes) : null,
            Paused = draft.Paused,
            IntervalMinutes = (int)options.Value.DefaultInterval.TotalMinutes,
            NextCheckUtc = now,
            CreatedUtc = now,
            CreatedByUserId = userId,
            UpdatedUtc = now,
            UpdatedByUserId = userId,
        };
    }
}

using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Stories;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Stores a prepared article in one write transaction, deciding what it is:
/// the same address with the same text → duplicate; the same address with new text → a new version;
/// the same text from the same outlet → duplicate; otherwise a new article, which joins the story of a
/// near-duplicate (MinHash: similar overall, or a cut-down copy; or the same text from another outlet),
/// else of another report of the same event dated within days (<see cref="EventStories"/>), or starts its own.
/// Stores take turns (<see cref="IOneAtATimeCommand"/>): on PostgreSQL each begins its transaction only after the
/// previous store committed, as on SQLite, so it dedupes against every earlier store, and unrelated articles stored
/// at the same moment (an import and the API) never fail each other with a serialization error.
/// </summary>
public static class StoreArticle
{
    /// <summary>Stores <paramref name="Articles"/> in order, in one transaction; each is deduped against
    /// everything stored before it, including earlier articles of the same batch.</summary>
    public sealed record Command(IReadOnlyList<PreparedArticle> Articles, string? UserId) : ICommand<IReadOnlyList<IngestArticle.Result>>, IOneAtATimeCommand;

    public sealed class Handler(NewsTrackerDbContext db, ArticleReanchoring reanchoring, TimeProvider clock, Microsoft.Extensions.Options.IOptions<StoriesOptions> stories, EventTermStatistics termCounts)
        : MediatR.IRequestHandler<Command, IReadOnlyList<IngestArticle.Result>>
    {
        /// <summary>Candidates checked per article (the newest first): a bound on work when a story has hundreds of copies.</summary>
        private const int MaxCandidates = 200;

        public async Task<IReadOnlyList<IngestArticle.Result>> Handle(Command request, CancellationToken cancellationToken)
        {
            var results = new List<IngestArticle.Result>(request.Articles.Count);
            foreach (var prepared in request.Articles)
            {
                results.Add(await StoreAsync(prepared, request.UserId, cancellationToken));

                // Each article is saved before the next is read, so dedupe sees it; dropping the tracked
                // entities keeps a long batch as cheap per article as a short one.
                db.ChangeTracker.Clear();
            }

            return results;
        }

        private async Task<IngestArticle.Result> StoreAsync(PreparedArticle prepared, string? userId, CancellationToken cancellationToken)
        {
            var plainText = prepared.Article.PlainText;
            var hash = TextTools.Sha256Hex(TextTools.FoldWhitespace(prepared.Title).ToUpperInvariant() + "\n" + plainText);
            var fingerprint = MinHash.Compute(plainText);
            var now = clock.GetUtcNow().UtcDateTime;

            // Which outlet this is, without creating it yet: a duplicate must leave no trace.
            var domain = UrlCanonicalizer.Domain(prepared.Url);
            var hasOutlet = prepared.Outlet is not null || domain is not null;
            var knownOutlet = await FindOutletAsync(prepared.Outlet, domain, cancellationToken);
            bool SameOutlet(int? outletId) => outletId is null || !hasOutlet || outletId == knownOutlet?.Id;

            var canonicalUrl = prepared.CanonicalUrl;
            var existing = canonicalUrl is null
                ? null
                : await db.Articles.FirstOrDefaultAsync(a => a.CanonicalUrl == canonicalUrl, cancellationToken);
            if (existing is not null && !SameOutlet(existing.OutletId))
            {
                // Another outlet's page naming this address as canonical (a syndicated copy): its own article,
                // joined to the story below, never a new version of the original.
                existing = null;
                canonicalUrl = null;
            }

            if (existing is not null)
            {
                var currentHash = await db.ArticleVersions.AsNoTracking()
                    .Where(v => v.ArticleId == existing.Id && v.Number == existing.CurrentVersion)
                    .Select(v => v.ContentHash)
                    .FirstAsync(cancellationToken);
                if (currentHash == hash)
                {
                    return new IngestArticle.Result(existing.Id, existing.Slug, existing.Title, IngestArticle.Outcome.Duplicate, existing.CurrentVersion, existing.StoryId, false);
                }
            }

            // Where the article was counted before this version, so the counts can follow it.
            ArchiveCounts.Place? countedAt = existing is null ? null : ArchiveCounts.Place.Of(existing);
            int? joinStory = null;
            EventStories.Signature? signature = null;
            if (existing is null)
            {
                var sameText = await db.ArticleVersions.AsNoTracking()
                    .Where(v => v.ContentHash == hash)
                    .Select(v => new { v.ArticleId, v.Article!.Slug, v.Article.Title, v.Article.CurrentVersion, v.Article.StoryId, v.Article.OutletId })
                    .ToListAsync(cancellationToken);
                var duplicate = sameText.FirstOrDefault(d => SameOutlet(d.OutletId));
                if (duplicate is not null)
                {
                    return new IngestArticle.Result(duplicate.ArticleId, duplicate.Slug, duplicate.Title, IngestArticle.Outcome.Duplicate, duplicate.CurrentVersion, duplicate.StoryId, false);
                }

                joinStory = sameText.FirstOrDefault()?.StoryId
                    ?? (prepared.CanonicalUrl is not null && canonicalUrl is null
                        ? await db.Articles.Where(a => a.CanonicalUrl == prepared.CanonicalUrl).Select(a => (int?)a.StoryId).FirstOrDefaultAsync(cancellationToken)
                        : null)
                    ?? await NearDuplicateStoryAsync(fingerprint, cancellationToken);
                // An event is placed by its day: an undated article has no window to look in (its ingest time says
                // nothing about the event), so it neither joins nor is joined, which keeps precision first.
                if (stories.Value.EventClustering && prepared.PublishedUtc is { } published)
                {
                    signature = EventStories.Signature.Of(prepared.Title, plainText);
                    joinStory ??= await EventStories.FindStoryAsync(db, termCounts, signature, published, cancellationToken);
                }
            }

            var outlet = knownOutlet is null && hasOutlet ? CreateOutlet(prepared.Outlet, domain, now) : knownOutlet;
            if (outlet is not null && outlet.Domain is null && domain is not null && !await db.Outlets.AnyAsync(o => o.Domain == domain, cancellationToken))
            {
                outlet.Domain = domain;
            }

            var article = existing ?? new Article
            {
                Title = prepared.Title,
                Slug = string.Empty,
                Excerpt = string.Empty,
                CanonicalUrl = canonicalUrl,
                CreatedUtc = now,
                CreatedByUserId = userId,
            };

            article.Title = prepared.Title;
            article.Slug = TextTools.Slugify(prepared.Title, ArticleConfiguration.SlugMaxLength);
            article.Excerpt = prepared.Article.Excerpt(ArticleConfiguration.ExcerptMaxLength);
            article.Url = prepared.Url ?? article.Url;
            article.Byline = prepared.Byline ?? article.Byline;
            article.Agency = prepared.Agency ?? article.Agency;
            article.Language = prepared.Language is { } language && IngestArticle.IsLanguageTag(language) ? language : article.Language;
            article.PublishedUtc = prepared.PublishedUtc ?? article.PublishedUtc;
            article.SortUtc = article.PublishedUtc ?? article.CreatedUtc;
            article.Outlet = outlet ?? article.Outlet;
            article.UpdatedUtc = now;
            article.CurrentVersion++;
            article.ConcurrencyStamp = Guid.NewGuid();

            if (existing is null)
            {
                article.EventTerms = signature?.Stored;
                if (joinStory is { } storyId)
                {
                    article.StoryId = storyId;
                    await db.Stories.Where(s => s.Id == storyId).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedUtc, now), cancellationToken);
                }
                else
                {
                    article.Story = new Story { Title = prepared.Title, CreatedUtc = now, UpdatedUtc = now, ArticleCount = 1 };
                }

                db.Articles.Add(article);
            }

            var version = NewVersion(prepared, article.CurrentVersion, hash, fingerprint, now);
            article.Versions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            await ArchiveCounts.MoveAsync(db, countedAt, ArchiveCounts.Place.Of(article), newStory: existing is null && joinStory is null, cancellationToken);
            await ArticleRows.InsertBlocksAsync(db, version.Id, prepared.Article.Blocks, cancellationToken);
            if (existing is not null)
            {
                await reanchoring.ReanchorAsync(article.Id, version.Id, version.PlainText, cancellationToken);
            }

            if (signature is not null)
            {
                await EventStories.RecordAsync(db, termCounts, article.Id, article.SortUtc, signature, cancellationToken);
            }

            if (fingerprint is not null)
            {
                await ArticleRows.InsertNearDuplicateKeysAsync(db, version.Id, MinHash.BandKeys(fingerprint.Signature), cancellationToken);
            }

            return new IngestArticle.Result(
                article.Id, article.Slug, article.Title, existing is null ? IngestArticle.Outcome.Added : IngestArticle.Outcome.NewVersion,
                article.CurrentVersion, article.StoryId, joinStory is not null);
        }

        private static ArticleVersion NewVersion(PreparedArticle prepared, int number, string hash, Fingerprint? fingerprint, DateTime now) => new()
        {
            Number = number,
            Title = prepared.Title,
            PlainText = prepared.Article.PlainText,
            ContentHash = hash,
            Fingerprint = fingerprint is null ? null : MinHash.ToBytes(fingerprint.Signature),
            ShingleCount = fingerprint?.Shingles ?? 0,
            Origin = prepared.Origin,
            CreatedUtc = now,
        };

        /// <summary>The story of the most similar earlier article that is a near-duplicate (MinHash), if any.</summary>
        private async Task<int?> NearDuplicateStoryAsync(Fingerprint? fingerprint, CancellationToken cancellationToken)
        {
            if (fingerprint is null)
            {
                return null;
            }

            var keys = MinHash.BandKeys(fingerprint.Signature);
            var candidates = await db.NearDuplicateKeys.AsNoTracking()
                .Where(k => keys.Contains(k.Key))
                .Select(k => k.VersionId)
                .Distinct()
                .OrderByDescending(id => id)
                .Take(MaxCandidates)
                .Join(db.ArticleVersions, id => id, v => v.Id, (_, v) => new { v.Fingerprint, v.ShingleCount, v.ArticleId, v.Article!.StoryId })
                .ToListAsync(cancellationToken);

            return candidates
                .Where(c => c.Fingerprint is not null)
                .Select(c => (c.StoryId, c.ArticleId, Other: new Fingerprint(MinHash.FromBytes(c.Fingerprint), c.ShingleCount)))
                .Where(c => MinHash.AreNearDuplicates(fingerprint, c.Other))
                .OrderByDescending(c => MinHash.Jaccard(fingerprint.Signature, c.Other.Signature)).ThenBy(c => c.ArticleId)
                .Select(c => (int?)c.StoryId)
                .FirstOrDefault();
        }

        /// <summary>The outlet by its name when given, else by the address's domain (or an outlet named after
        /// that domain), tracked so a found outlet can take the domain; null when none exists yet.</summary>
        private async Task<Outlet?> FindOutletAsync(string? name, string? domain, CancellationToken cancellationToken)
        {
            if (name is not null)
            {
                var normalized = Outlet.Normalize(name);
                return await db.Outlets.FirstOrDefaultAsync(o => o.NormalizedName == normalized, cancellationToken);
            }

            if (domain is null)
            {
                return null;
            }

            var byDomain = Outlet.Normalize(domain);
            return await db.Outlets.OrderBy(o => o.Domain == domain ? 0 : 1)
                .FirstOrDefaultAsync(o => o.Domain == domain || o.NormalizedName == byDomain, cancellationToken);
        }

        private Outlet CreateOutlet(string? name, string? domain, DateTime now)
        {
            var outlet = new Outlet
            {
                Name = name ?? domain!,
                NormalizedName = Outlet.Normalize(name ?? domain!),
                CreatedUtc = now,
            };
            db.Outlets.Add(outlet);
            return outlet;
        }
    }
}

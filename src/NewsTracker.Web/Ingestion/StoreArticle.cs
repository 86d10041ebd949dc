using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Stores a prepared article in one write transaction, deciding what it is:
/// the same address with the same text → duplicate; the same address with new text → a new version;
/// the same text from the same outlet → duplicate; otherwise a new article, which joins the story of a
/// near-duplicate (SimHash within 3 bits, or the same text from another outlet) or starts its own.
/// </summary>
public static class StoreArticle
{
    public sealed record Command(PreparedArticle Article, string? UserId) : ICommand<IngestArticle.Result>;

    public sealed class Handler(NewsTrackerDbContext db, TimeProvider clock) : MediatR.IRequestHandler<Command, IngestArticle.Result>
    {
        public async Task<IngestArticle.Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var prepared = request.Article;
            var plainText = prepared.Article.PlainText;
            var hash = TextTools.Sha256Hex(TextTools.FoldWhitespace(prepared.Title).ToUpperInvariant() + "\n" + plainText);
            var simHash = SimHash.Compute(plainText);
            var now = clock.GetUtcNow().UtcDateTime;

            var existing = prepared.CanonicalUrl is null
                ? null
                : await db.Articles.FirstOrDefaultAsync(a => a.CanonicalUrl == prepared.CanonicalUrl, cancellationToken);

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

            var outlet = await FindOrCreateOutletAsync(prepared.Outlet, prepared.Url, now, cancellationToken);
            int? joinStory = null;
            if (existing is null)
            {
                var sameText = await db.ArticleVersions.AsNoTracking()
                    .Where(v => v.ContentHash == hash)
                    .Select(v => new { v.ArticleId, v.Article!.Slug, v.Article.Title, v.Article.CurrentVersion, v.Article.StoryId, v.Article.OutletId })
                    .ToListAsync(cancellationToken);
                var duplicate = sameText.FirstOrDefault(d => d.OutletId is null || outlet is null || d.OutletId == outlet.Id);
                if (duplicate is not null)
                {
                    return new IngestArticle.Result(duplicate.ArticleId, duplicate.Slug, duplicate.Title, IngestArticle.Outcome.Duplicate, duplicate.CurrentVersion, duplicate.StoryId, false);
                }

                joinStory = sameText.FirstOrDefault()?.StoryId ?? await NearDuplicateStoryAsync(simHash, cancellationToken);
            }

            var article = existing ?? new Article
            {
                Title = prepared.Title,
                Slug = string.Empty,
                Excerpt = string.Empty,
                CanonicalUrl = prepared.CanonicalUrl,
                CreatedUtc = now,
                CreatedByUserId = request.UserId,
            };

            article.Title = prepared.Title;
            article.Slug = TextTools.Slugify(prepared.Title, ArticleConfiguration.SlugMaxLength);
            article.Excerpt = prepared.Article.Excerpt(ArticleConfiguration.ExcerptMaxLength);
            article.Url = prepared.Url ?? article.Url;
            article.Byline = prepared.Byline ?? article.Byline;
            article.Language = prepared.Language is { } language && IngestArticle.IsLanguageTag(language) ? language : article.Language;
            article.PublishedUtc = prepared.PublishedUtc ?? article.PublishedUtc;
            article.SortUtc = article.PublishedUtc ?? article.CreatedUtc;
            article.Outlet = outlet ?? article.Outlet;
            article.UpdatedUtc = now;
            article.CurrentVersion++;
            article.ConcurrencyStamp = Guid.NewGuid();

            if (existing is null)
            {
                if (joinStory is { } storyId)
                {
                    article.StoryId = storyId;
                    await db.Stories.Where(s => s.Id == storyId).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedUtc, now), cancellationToken);
                }
                else
                {
                    article.Story = new Story { Title = prepared.Title, CreatedUtc = now, UpdatedUtc = now };
                }

                db.Articles.Add(article);
            }

            article.Versions.Add(NewVersion(prepared, article.CurrentVersion, hash, simHash, now));
            await db.SaveChangesAsync(cancellationToken);
            return new IngestArticle.Result(
                article.Id, article.Slug, article.Title, existing is null ? IngestArticle.Outcome.Added : IngestArticle.Outcome.NewVersion,
                article.CurrentVersion, article.StoryId, joinStory is not null);
        }

        private static ArticleVersion NewVersion(PreparedArticle prepared, int number, string hash, long simHash, DateTime now)
        {
            var version = new ArticleVersion
            {
                Number = number,
                Title = prepared.Title,
                PlainText = prepared.Article.PlainText,
                ContentHash = hash,
                SimHash = simHash,
                SimBand0 = SimHash.Band(simHash, 0),
                SimBand1 = SimHash.Band(simHash, 1),
                SimBand2 = SimHash.Band(simHash, 2),
                SimBand3 = SimHash.Band(simHash, 3),
                Origin = prepared.Origin,
                CreatedUtc = now,
            };
            var offset = 0;
            for (var i = 0; i < prepared.Article.Blocks.Count; i++)
            {
                var block = prepared.Article.Blocks[i];
                version.Blocks.Add(new ArticleBlock { Ordinal = i, Kind = block.Kind, Text = block.Text, Start = offset });
                offset += block.Text.Length + ParsedArticle.BlockSeparator.Length;
            }

            return version;
        }

        /// <summary>The story of the closest earlier article within <see cref="SimHash.NearDuplicateDistance"/> bits.</summary>
        private async Task<int?> NearDuplicateStoryAsync(long simHash, CancellationToken cancellationToken)
        {
            if (simHash == 0)
            {
                return null;
            }

            int b0 = SimHash.Band(simHash, 0), b1 = SimHash.Band(simHash, 1), b2 = SimHash.Band(simHash, 2), b3 = SimHash.Band(simHash, 3);
            var candidates = await db.ArticleVersions.AsNoTracking()
                .Where(v => v.SimHash != 0 && (v.SimBand0 == b0 || v.SimBand1 == b1 || v.SimBand2 == b2 || v.SimBand3 == b3))
                .Select(v => new { v.SimHash, v.Article!.StoryId, v.ArticleId })
                .Take(500)
                .ToListAsync(cancellationToken);
            return candidates
                .Select(c => (c.StoryId, c.ArticleId, Distance: SimHash.Distance(c.SimHash, simHash)))
                .Where(c => c.Distance <= SimHash.NearDuplicateDistance)
                .OrderBy(c => c.Distance).ThenBy(c => c.ArticleId)
                .Select(c => (int?)c.StoryId)
                .FirstOrDefault();
        }

        private async Task<Outlet?> FindOrCreateOutletAsync(string? name, string? url, DateTime now, CancellationToken cancellationToken)
        {
            var domain = UrlCanonicalizer.Domain(url);
            if (name is null && domain is null)
            {
                return null;
            }

            var normalized = name is null ? null : Outlet.Normalize(name);
            var outlet = normalized is not null
                ? await db.Outlets.FirstOrDefaultAsync(o => o.NormalizedName == normalized, cancellationToken)
                : await db.Outlets.FirstOrDefaultAsync(o => o.Domain == domain, cancellationToken);
            var domainFree = domain is not null && !await db.Outlets.AnyAsync(o => o.Domain == domain, cancellationToken);
            if (outlet is not null)
            {
                if (outlet.Domain is null && domainFree)
                {
                    outlet.Domain = domain;
                }

                return outlet;
            }

            outlet = new Outlet
            {
                Name = name ?? domain!,
                NormalizedName = Outlet.Normalize(name ?? domain!),
                Domain = domainFree ? domain : null,
                CreatedUtc = now,
            };
            db.Outlets.Add(outlet);
            return outlet;
        }
    }
}

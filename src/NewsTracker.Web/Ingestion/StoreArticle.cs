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
            var batch = await Batch.StartAsync(db, request.Articles, cancellationToken);
            var results = new List<IngestArticle.Result>(request.Articles.Count);
            for (var i = 0; i < request.Articles.Count; i++)
            {
                results.Add(await StoreAsync(request.Articles[i], batch.Keys[i], batch, request.UserId, cancellationToken));

                // Each article is saved before the next is read, so dedupe sees it; dropping the tracked
                // entities keeps a long batch as cheap per article as a short one.
                db.ChangeTracker.Clear();
            }

            await batch.WriteAsync(db, cancellationToken);
            return results;
        }

        private async Task<IngestArticle.Result> StoreAsync(PreparedArticle prepared, DedupeKeys keys, Batch batch, string? userId, CancellationToken cancellationToken)
        {
            var plainText = prepared.Article.PlainText;
            var (hash, fingerprint, bandKeys) = keys;
            var now = clock.GetUtcNow().UtcDateTime;

            // Which outlet this is, without creating it yet: a duplicate must leave no trace.
            var domain = UrlCanonicalizer.Domain(prepared.Url);
            var hasOutlet = prepared.Outlet is not null || domain is not null;
            var knownOutlet = await FindOutletAsync(prepared.Outlet, domain, batch, cancellationToken);
            bool SameOutlet(int? outletId) => outletId is null || !hasOutlet || outletId == knownOutlet?.Id;

            // The batch's lookups tell which addresses, texts and near-duplicate keys exist at all; only an article that
            // has one is looked up on its own.
            var canonicalUrl = prepared.CanonicalUrl;
            var existing = canonicalUrl is null || !batch.CanonicalUrls.Contains(canonicalUrl)
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
                var sameText = !batch.Hashes.Contains(hash) ? new List<SameText>() : await db.ArticleVersions.AsNoTracking()
                    .Where(v => v.ContentHash == hash)
                    .Select(v => new SameText(v.ArticleId, v.Article!.Slug, v.Article.Title, v.Article.CurrentVersion, v.Article.StoryId, v.Article.OutletId))
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
                    ?? (bandKeys.Any(batch.NearDuplicateKeys.Contains) ? await NearDuplicateStoryAsync(fingerprint, bandKeys, cancellationToken) : null);
                // An event is placed by its day: an undated article has no window to look in (its ingest time says
                // nothing about the event), so it neither joins nor is joined, which keeps precision first.
                if (stories.Value.EventClustering && prepared.PublishedUtc is { } published)
                {
                    signature = EventStories.Signature.Of(prepared.Title, plainText);
                    joinStory ??= await EventStories.FindStoryAsync(db, termCounts, signature, published, cancellationToken);
                }
            }

            var outlet = knownOutlet is null && hasOutlet ? CreateOutlet(prepared.Outlet, domain, now, batch) : knownOutlet;
            if (outlet is not null && outlet.Domain is null && domain is not null && !await db.Outlets.AnyAsync(o => o.Domain == domain, cancellationToken))
            {
                // The outlet is tracked for this change (a known one was remembered only by its id and domain), and what
                // the batch remembered of outlets may now be wrong for another key.
                outlet.Entity ??= await db.Outlets.FirstAsync(o => o.Id == outlet.Id, cancellationToken);
                outlet.Entity.Domain = domain;
                batch.Outlets.Clear();
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
            if (outlet?.Entity is { } outletEntity)
            {
                article.Outlet = outletEntity;
            }
            else if (outlet is not null)
            {
                article.OutletId = outlet.Id;
            }

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

            var version = NewVersion(prepared, plainText, article.CurrentVersion, hash, fingerprint, now);
            article.Versions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            batch.Stored(article, hash, bandKeys, outlet, prepared.Outlet, domain);
            ArchiveCounts.Move(countedAt, ArchiveCounts.Place.Of(article), newStory: existing is null && joinStory is null, batch.Counts);
            batch.Blocks.Add((version.Id, prepared.Article.Blocks));
            if (existing is not null)
            {
                await reanchoring.ReanchorAsync(article.Id, version.Id, version.PlainText, cancellationToken);
            }

            if (signature is not null)
            {
                await EventStories.RecordAsync(db, termCounts, article.Id, article.SortUtc, signature, batch.TermCounts, cancellationToken);
            }

            await ArticleRows.InsertNearDuplicateKeysAsync(db, version.Id, bandKeys, cancellationToken);

            return new IngestArticle.Result(
                article.Id, article.Slug, article.Title, existing is null ? IngestArticle.Outcome.Added : IngestArticle.Outcome.NewVersion,
                article.CurrentVersion, article.StoryId, joinStory is not null);
        }

        private static ArticleVersion NewVersion(PreparedArticle prepared, string plainText, int number, string hash, Fingerprint? fingerprint, DateTime now) => new()
        {
            Number = number,
            Title = prepared.Title,
            PlainText = plainText,
            ContentHash = hash,
            Fingerprint = fingerprint is null ? null : MinHash.ToBytes(fingerprint.Signature),
            ShingleCount = fingerprint?.Shingles ?? 0,
            Origin = prepared.Origin,
            CreatedUtc = now,
        };

        /// <summary>The story of the most similar earlier article that is a near-duplicate (MinHash), if any.</summary>
        private async Task<int?> NearDuplicateStoryAsync(Fingerprint? fingerprint, long[] keys, CancellationToken cancellationToken)
        {
            if (fingerprint is null)
            {
                return null;
            }

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
        /// that domain); null when none exists yet. What an earlier article of the batch found for the same name and
        /// domain is not looked up again.</summary>
        private async Task<OutletRef?> FindOutletAsync(string? name, string? domain, Batch batch, CancellationToken cancellationToken)
        {
            if (name is null && domain is null)
            {
                return null;
            }

            if (batch.Outlets.TryGetValue((name, domain), out var known))
            {
                return new OutletRef(known.Id, known.Domain);
            }

            Outlet? found;
            if (name is not null)
            {
                var normalized = Outlet.Normalize(name);
                found = await db.Outlets.FirstOrDefaultAsync(o => o.NormalizedName == normalized, cancellationToken);
            }
            else
            {
                var byDomain = Outlet.Normalize(domain!);
                found = await db.Outlets.OrderBy(o => o.Domain == domain ? 0 : 1)
                    .FirstOrDefaultAsync(o => o.Domain == domain || o.NormalizedName == byDomain, cancellationToken);
            }

            if (found is null)
            {
                return null;
            }

            batch.Outlets[(name, domain)] = new OutletRef(found.Id, found.Domain);
            return new OutletRef(found.Id, found.Domain) { Entity = found };
        }

        private OutletRef CreateOutlet(string? name, string? domain, DateTime now, Batch batch)
        {
            var outlet = new Outlet
            {
                Name = name ?? domain!,
                NormalizedName = Outlet.Normalize(name ?? domain!),
                CreatedUtc = now,
            };
            db.Outlets.Add(outlet);

            // A new outlet may be what another name or domain would now find.
            batch.Outlets.Clear();
            return new OutletRef(0, null) { Entity = outlet };
        }
    }

    /// <summary>An article's outlet: its id and domain, and the tracked row when this article found or created it.</summary>
    private sealed record OutletRef(int Id, string? Domain)
    {
        public Outlet? Entity { get; set; }
    }

    private sealed record SameText(int ArticleId, string Slug, string Title, int CurrentVersion, int StoryId, int? OutletId);

    /// <summary>What dedupe compares an article by: its text's hash and its MinHash fingerprint and band keys.</summary>
    private sealed record DedupeKeys(string Hash, Fingerprint? Fingerprint, long[] BandKeys)
    {
        public static DedupeKeys Of(PreparedArticle prepared)
        {
            var plainText = prepared.Article.PlainText;
            var fingerprint = MinHash.Compute(plainText);
            return new DedupeKeys(
                TextTools.Sha256Hex(TextTools.FoldWhitespace(prepared.Title).ToUpperInvariant() + "\n" + plainText),
                fingerprint,
                fingerprint is null ? [] : MinHash.BandKeys(fingerprint.Signature));
        }
    }

    /// <summary>
    /// What one store command's articles share. Before the first article: one lookup each for which of the batch's
    /// addresses, text hashes and near-duplicate keys exist at all, so an article none of whose keys exists skips its
    /// own lookups (most do: a new report has a new address and text). While storing: the outlets found, and what each
    /// stored article adds to those sets, so a later article of the batch is deduped against it. After the last: the
    /// body blocks, the outlet and month counts and the event-term counts, summed over the batch and written once.
    /// </summary>
    private sealed class Batch
    {
        /// <summary>Values per lookup: far below both providers' limits on parameters.</summary>
        private const int Chunk = 500;

        public required List<DedupeKeys> Keys { get; init; }

        public required HashSet<string> CanonicalUrls { get; init; }

        public required HashSet<string> Hashes { get; init; }

        public required HashSet<long> NearDuplicateKeys { get; init; }

        /// <summary>Outlets found by (name, domain) as given; cleared when an outlet is created or takes a domain.</summary>
        public Dictionary<(string? Name, string? Domain), OutletRef> Outlets { get; } = [];

        public ArchiveCounts.Tally Counts { get; } = new();

        public Dictionary<string, int> TermCounts { get; } = new(StringComparer.Ordinal);

        public List<(int VersionId, IReadOnlyList<ParsedBlock> Blocks)> Blocks { get; } = [];

        public static async Task<Batch> StartAsync(NewsTrackerDbContext db, IReadOnlyList<PreparedArticle> articles, CancellationToken cancellationToken)
        {
            // Hashing and MinHash are most of the CPU a store spends outside the database; both cores share it.
            var keys = articles.Count > 1 ? articles.AsParallel().AsOrdered().Select(DedupeKeys.Of).ToList() : articles.Select(DedupeKeys.Of).ToList();
            var urls = articles.Select(a => a.CanonicalUrl).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var hashes = keys.Select(k => k.Hash).Distinct(StringComparer.Ordinal).ToList();
            var bands = keys.SelectMany(k => k.BandKeys).Distinct().ToList();
            var batch = new Batch
            {
                Keys = keys,
                CanonicalUrls = new HashSet<string>(StringComparer.Ordinal),
                Hashes = new HashSet<string>(StringComparer.Ordinal),
                NearDuplicateKeys = [],
            };
            foreach (var chunk in urls.Chunk(Chunk))
            {
                batch.CanonicalUrls.UnionWith(await db.Articles.Where(a => chunk.Contains(a.CanonicalUrl!)).Select(a => a.CanonicalUrl!).ToListAsync(cancellationToken));
            }

            foreach (var chunk in hashes.Chunk(Chunk))
            {
                batch.Hashes.UnionWith(await db.ArticleVersions.Where(v => chunk.Contains(v.ContentHash)).Select(v => v.ContentHash).ToListAsync(cancellationToken));
            }

            foreach (var chunk in bands.Chunk(Chunk))
            {
                batch.NearDuplicateKeys.UnionWith(await db.NearDuplicateKeys.Where(k => chunk.Contains(k.Key)).Select(k => k.Key).ToListAsync(cancellationToken));
            }

            return batch;
        }

        /// <summary>An article was saved: later articles of the batch must find its address, text and keys, and its outlet.</summary>
        public void Stored(Article article, string hash, long[] bandKeys, OutletRef? outlet, string? outletName, string? domain)
        {
            if (article.CanonicalUrl is { } url)
            {
                CanonicalUrls.Add(url);
            }

            Hashes.Add(hash);
            NearDuplicateKeys.UnionWith(bandKeys);
            if (outlet is not null && article.OutletId is { } outletId && (outletName is not null || domain is not null))
            {
                Outlets[(outletName, domain)] = new OutletRef(outletId, outlet.Entity?.Domain ?? outlet.Domain);
            }
        }

        /// <summary>Writes what the batch summed; call after the last article, inside the transaction.</summary>
        public async Task WriteAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
        {
            await ArticleRows.InsertBlocksAsync(db, Blocks, cancellationToken);
            await Counts.WriteAsync(db, cancellationToken);
            await ArticleRows.CountEventTermsAsync(db, TermCounts, cancellationToken);
        }
    }
}

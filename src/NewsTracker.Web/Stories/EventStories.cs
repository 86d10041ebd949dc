using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Stories;

/// <summary>
/// Event clustering at ingest, against the database: finds the story of another outlet's report of the same event
/// among articles dated within <see cref="EventMatcher.Window"/> that share its keys, and records a stored article's
/// terms, keys and corpus counts. Incremental: each article costs a few indexed lookups, never a pass over the archive.
/// </summary>
public static class EventStories
{
    /// <summary>What an article says about its event, computed once per ingest.</summary>
    public sealed record Signature(IReadOnlyDictionary<string, int> Terms)
    {
        public string Stored => StoredForm(Terms);

        /// <summary>The keys the search for a story used, kept so recording the article does not weigh them again.</summary>
        internal IReadOnlyList<string>? Keys { get; set; }

        public static Signature Of(string title, string plainText) => new(EventTerms.Extract(title, EventTerms.Lede(plainText)));

        private static string StoredForm(IReadOnlyDictionary<string, int> terms)
        {
            var stored = EventTerms.Format(terms);
            return stored.Length <= ArticleConfiguration.EventTermsMaxLength ? stored : stored[..stored.LastIndexOf(' ', ArticleConfiguration.EventTermsMaxLength)];
        }
    }

    /// <summary>The story this article's event belongs to, or null to start its own.</summary>
    public static async Task<int?> FindStoryAsync(NewsTrackerDbContext db, EventTermStatistics counts, Signature signature, DateTime sortUtc, CancellationToken cancellationToken)
    {
        if (signature.Terms.Count == 0)
        {
            return null;
        }

        var statistics = await counts.CurrentAsync(db, cancellationToken);
        signature.Keys = EventMatcher.Keys(signature.Terms, statistics);

        // Any of its terms against the others' keys: an earlier report is found when two of its heaviest terms occur
        // anywhere in this one's title or lede, whichever terms this one happens to weigh most. Only its rarer terms
        // are looked up: a word in thousands of articles ("council") would read thousands of keys in the window and
        // cannot tell one event from another; the names, places and numbers that can are rare.
        var common = EventMatcher.CommonFrom(statistics);
        var terms = signature.Terms.Keys.Where(t => statistics.ArticlesWith(t) <= common).ToList();
        var from = sortUtc - EventMatcher.Window;
        var to = sortUtc + EventMatcher.Window;
        var candidates = await db.EventKeys.AsNoTracking()
            .Where(k => terms.Contains(k.Term) && k.SortUtc >= from && k.SortUtc <= to)
            .GroupBy(k => k.ArticleId)
            .Where(g => g.Count() >= EventMatcher.MinSharedKeys)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key)
            .Select(g => g.Key)
            .Take(EventMatcher.MaxCandidates)
            .Join(db.Articles, id => id, a => a.Id, (_, a) => new { a.Id, a.StoryId, a.EventTerms })
            .ToListAsync(cancellationToken);
        return candidates.Count == 0
            ? null
            : EventMatcher.ChooseStory(signature.Terms, candidates.Select(c => new EventMatcher.Candidate(c.Id, c.StoryId, EventTerms.Parse(c.EventTerms))), statistics);
    }

    /// <summary>Counts the new article's terms into the corpus statistics and stores its keys. The table's counts are
    /// added to <paramref name="pendingCounts"/>, for the caller to write with
    /// <see cref="ArticleRows.CountEventTermsAsync(NewsTrackerDbContext, IReadOnlyDictionary{string, int}, CancellationToken)"/>
    /// once per transaction (a batch import's articles share most of their terms).</summary>
    public static async Task RecordAsync(
        NewsTrackerDbContext db, EventTermStatistics counts, int articleId, DateTime sortUtc, Signature signature, Dictionary<string, int> pendingCounts, CancellationToken cancellationToken)
    {
        if (signature.Terms.Count == 0)
        {
            return;
        }

        // Keys by the statistics before this article is counted, as the search for its story used.
        var keys = signature.Keys ?? EventMatcher.Keys(signature.Terms, await counts.CurrentAsync(db, cancellationToken));
        await ArticleRows.InsertEventKeysAsync(db, articleId, sortUtc, keys, cancellationToken);
        foreach (var term in signature.Terms.Keys.Append(string.Empty).Distinct(StringComparer.Ordinal))
        {
            pendingCounts[term] = pendingCounts.GetValueOrDefault(term) + 1;
        }

        counts.Count(signature.Terms.Keys);
    }
}

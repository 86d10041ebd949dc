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
    public static async Task<int?> FindStoryAsync(NewsTrackerDbContext db, Signature signature, DateTime sortUtc, CancellationToken cancellationToken)
    {
        if (signature.Terms.Count == 0)
        {
            return null;
        }

        var statistics = await StatisticsAsync(db, signature.Terms.Keys, cancellationToken);
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
        if (candidates.Count == 0)
        {
            return null;
        }

        var parsed = candidates.Select(c => new EventMatcher.Candidate(c.Id, c.StoryId, EventTerms.Parse(c.EventTerms))).ToList();

        // Every term either side weighs in the cosine needs its count; one lookup for all of them.
        await statistics.LoadAsync(db, parsed.SelectMany(c => c.Terms.Keys), cancellationToken);
        return EventMatcher.ChooseStory(signature.Terms, parsed, statistics);
    }

    /// <summary>Counts the new article's terms into the corpus statistics and stores its keys.</summary>
    public static async Task RecordAsync(NewsTrackerDbContext db, int articleId, DateTime sortUtc, Signature signature, CancellationToken cancellationToken)
    {
        if (signature.Terms.Count == 0)
        {
            return;
        }

        // Keys by the statistics before this article is counted, as the search for its story used.
        var keys = signature.Keys ?? EventMatcher.Keys(signature.Terms, await StatisticsAsync(db, signature.Terms.Keys, cancellationToken));
        await ArticleRows.InsertEventKeysAsync(db, articleId, sortUtc, keys, cancellationToken);
        await ArticleRows.CountEventTermsAsync(db, signature.Terms.Keys, cancellationToken);
    }

    private static async Task<Statistics> StatisticsAsync(NewsTrackerDbContext db, IEnumerable<string> terms, CancellationToken cancellationToken)
    {
        var statistics = new Statistics();
        await statistics.LoadAsync(db, terms.Append(string.Empty), cancellationToken);
        return statistics;
    }

    /// <summary>Term counts read from <c>EventTermCounts</c> as needed; a term never counted occurs in no article.</summary>
    private sealed class Statistics : EventMatcher.IStatistics
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int Articles => _counts.GetValueOrDefault(string.Empty);

        public int ArticlesWith(string term) => _counts.GetValueOrDefault(term);

        public async Task LoadAsync(NewsTrackerDbContext db, IEnumerable<string> terms, CancellationToken cancellationToken)
        {
            var missing = terms.Where(t => !_counts.ContainsKey(t)).Distinct().ToList();
            if (missing.Count == 0)
            {
                return;
            }

            foreach (var row in await db.EventTermCounts.AsNoTracking().Where(c => missing.Contains(c.Term)).Select(c => new { c.Term, c.Articles }).ToListAsync(cancellationToken))
            {
                _counts[row.Term] = row.Articles;
            }

            foreach (var term in missing)
            {
                _counts.TryAdd(term, 0);
            }
        }
    }
}

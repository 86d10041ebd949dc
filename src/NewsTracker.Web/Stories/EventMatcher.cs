namespace NewsTracker.Web.Stories;

/// <summary>
/// Decides which story, if any, a new article's event belongs to, from its <see cref="EventTerms"/> and those of
/// earlier articles dated near it. Precision first: a wrong merge misleads readers, a missed one only leaves two
/// stories. Plain code over numbers, so the development set can run it without a database (decision 0019).
/// </summary>
public static class EventMatcher
{
    /// <summary>Cosine similarity (BM25-weighted terms) from which two reports count as one event; chosen on the
    /// tune half of the development set (docs/benchmarks.md).</summary>
    public const double JoinThreshold = 0.20;

    /// <summary>How far apart two reports of one event may be dated.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(3);

    /// <summary>Heaviest terms an article is found by (its keys).</summary>
    public const int KeyCount = 12;

    /// <summary>Keys of an earlier article that must occur among a new article's terms for the two to be compared.</summary>
    public const int MinSharedKeys = 2;

    /// <summary>Articles a term may occur in and still be looked up to find candidates: one in 200 articles, and never
    /// fewer than 50, so a small archive looks up every term.</summary>
    public static int CommonFrom(IStatistics statistics) => Math.Max(50, statistics.Articles / 200);

    /// <summary>Earlier articles compared per new article, those sharing most keys first.</summary>
    public const int MaxCandidates = 40;

    /// <summary>An earlier article dated near the new one, with the story it is in now.</summary>
    public sealed record Candidate(int ArticleId, int StoryId, IReadOnlyDictionary<string, int> Terms);

    /// <summary>Corpus statistics: how many articles have been counted, and in how many a term occurs.</summary>
    public interface IStatistics
    {
        int Articles { get; }

        int ArticlesWith(string term);
    }

    /// <summary>Articles the statistics count as seen before the first, in which no term occurs: while an archive holds a
    /// handful of articles, a term of one of them would otherwise weigh as little as a word in all of them.</summary>
    public const int PriorArticles = 50;

    /// <summary>BM25's inverse document frequency, never negative, so a word in most articles weighs almost nothing.</summary>
    public static double Idf(IStatistics statistics, string term)
    {
        var n = Math.Max(statistics.Articles, 1) + PriorArticles;
        var df = Math.Min(statistics.ArticlesWith(term), n);
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    /// <summary>The terms an article is found by: its heaviest by weight × idf.</summary>
    public static IReadOnlyList<string> Keys(IReadOnlyDictionary<string, int> terms, IStatistics statistics) =>
        terms.OrderByDescending(t => t.Value * Idf(statistics, t.Key)).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(KeyCount).Select(t => t.Key).ToList();

    /// <summary>
    /// Cosine of the two articles' term vectors weighted by idf, or 0 when both name actors or places and share
    /// none of them: two reports of one event name at least one same person, body or place.
    /// </summary>
    public static double Similarity(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b, IStatistics statistics)
    {
        if (!ShareAName(a, b))
        {
            return 0;
        }

        double dot = 0, aNorm = 0, bNorm = 0;
        foreach (var (term, weight) in a)
        {
            var w = weight * Idf(statistics, term);
            aNorm += w * w;
            if (b.TryGetValue(term, out var other))
            {
                dot += w * other * Idf(statistics, term);
            }
        }

        foreach (var (term, weight) in b)
        {
            var w = weight * Idf(statistics, term);
            bNorm += w * w;
        }

        return aNorm == 0 || bNorm == 0 ? 0 : dot / Math.Sqrt(aNorm * bNorm);
    }

    /// <summary>
    /// The story whose closest article is most similar to <paramref name="terms"/>, when that similarity reaches
    /// <see cref="JoinThreshold"/>; null to start a story of its own.
    /// </summary>
    public static int? ChooseStory(IReadOnlyDictionary<string, int> terms, IEnumerable<Candidate> candidates, IStatistics statistics, double threshold = JoinThreshold)
    {
        int? best = null;
        var bestScore = threshold;
        foreach (var candidate in candidates)
        {
            var score = Similarity(terms, candidate.Terms, statistics);
            if (score >= bestScore && (best is null || score > bestScore || candidate.StoryId < best))
            {
                best = candidate.StoryId;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>True unless both name someone or somewhere and no name of one is part of a name of the other
    /// ("coast_guard" is part of "u.s._coast_guard"; "alaska_airlines" and "japan_airlines" are different names), nor
    /// written out among the other's words (the engine found "Lahaina" in one report; another has "Lahaina" in a
    /// sentence it read no name from).</summary>
    public static bool ShareAName(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        var aNames = a.Keys.Where(IsName).Select(NameWords).ToList();
        var bNames = b.Keys.Where(IsName).Select(NameWords).ToList();
        return aNames.Count == 0 || bNames.Count == 0
            || aNames.Any(x => bNames.Any(y => x.IsSubsetOf(y) || y.IsSubsetOf(x)))
            || aNames.Any(x => WrittenIn(x, b)) || bNames.Any(y => WrittenIn(y, a));
    }

    private static bool WrittenIn(HashSet<string> nameWords, IReadOnlyDictionary<string, int> terms)
    {
        var words = EventTerms.Words(string.Join(' ', nameWords));
        return words.Count > 0 && words.All(terms.ContainsKey);
    }

    private static bool IsName(string term) => term.StartsWith("n:", StringComparison.Ordinal);

    private static HashSet<string> NameWords(string term) => term[2..].Split('_', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

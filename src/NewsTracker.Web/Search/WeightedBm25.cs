using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace NewsTracker.Web.Search;

/// <summary>
/// BM25 exactly as SQLite FTS5's <c>bm25()</c> computes it with column weights, over the one combined field
/// <see cref="LuceneQuery.TextField"/>, in which a title word is written <see cref="LuceneQuery.TitleWeight"/> times
/// and a byline word <see cref="LuceneQuery.BylineWeight"/> times at the same position: a word's frequency is FTS5's
/// weighted frequency, and the length (tokens less the stacked copies) is FTS5's unweighted row length, kept exactly
/// (Lucene's own BM25 keeps it in one lossy byte). score = Σ idf · f·(k1+1) / (f + k1·(1 − b + b·|d|/avgdl)), with
/// idf = ln((N − n + 0.5)/(n + 0.5)), or 1e-6 when that is not positive, k1 = 1.2, b = 0.75 (decision 0016).
/// </summary>
public sealed class WeightedBm25 : Similarity
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    /// <summary>FTS5's stand-in for the idf of a word in half the rows or more.</summary>
    private const double MinimumIdf = 1e-6;

    /// <summary>Each index segment's document lengths per field, read once into an array: a common word scores every
    /// one of its matches, and reading each length through the norms' packed encoding was a measurable share of that.
    /// Keyed by the segment's core, which later readers of the same segment share (deletes do not change lengths), and
    /// held weakly, so a segment merged away takes its arrays with it.</summary>
    private static readonly ConditionalWeakTable<object, SegmentLengths> Lengths = new();

    private readonly double? _combinedAverageLength;

    /// <summary>For writing (lengths only) and for fields without stacked copies.</summary>
    public WeightedBm25()
    {
    }

    private WeightedBm25(double combinedAverageLength) => _combinedAverageLength = combinedAverageLength;

    /// <summary>The similarity for searching <paramref name="reader"/>: the combined field's average length counts each
    /// row's tokens once, as FTS5's does, so the stacked title and byline copies are taken out of Lucene's total.</summary>
    public static WeightedBm25 For(IndexReader reader)
    {
        var searcher = new IndexSearcher(reader);
        var text = searcher.CollectionStatistics(LuceneQuery.TextField);
        if (text is null || text.DocCount <= 0 || text.SumTotalTermFreq <= 0)
        {
            return new WeightedBm25();
        }

        long Tokens(string field) => searcher.CollectionStatistics(field) is { SumTotalTermFreq: > 0 } stats ? stats.SumTotalTermFreq : 0;
        var stacked = ((LuceneQuery.TitleWeight - 1) * Tokens(LuceneQuery.TitleField)) + ((LuceneQuery.BylineWeight - 1) * Tokens(LuceneQuery.BylineField));
        return new WeightedBm25((double)Math.Max(1, text.SumTotalTermFreq - stacked) / text.DocCount);
    }

    /// <summary>FTS5's idf for a word in <paramref name="documentFrequency"/> of <paramref name="documents"/> rows.</summary>
    public static double Idf(long documents, long documentFrequency)
    {
        var idf = Math.Log((documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
        return idf > 0 ? idf : MinimumIdf;
    }

    /// <summary>The exact number of tokens, stacked copies not counted.</summary>
    public override long ComputeNorm(FieldInvertState state) => state.Length - state.NumOverlap;

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        var documents = collectionStats.DocCount > 0 ? collectionStats.DocCount : collectionStats.MaxDoc;
        var idf = termStats.Sum(t => Idf(documents, t.DocFreq));
        var average = collectionStats.Field == LuceneQuery.TextField && _combinedAverageLength is { } combined
            ? combined
            : collectionStats.SumTotalTermFreq > 0 && documents > 0 ? (double)collectionStats.SumTotalTermFreq / documents : 1;
        return new Stats(collectionStats.Field, idf, average, queryBoost);
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var stats = (Stats)weight;
        return new Scorer(stats, Lengths.GetValue(context.AtomicReader.CoreCacheKey, _ => new SegmentLengths()).For(context.AtomicReader, stats.Field));
    }

    /// <summary>One segment's lengths, per field, as plain arrays (null when the field has no lengths there).</summary>
    private sealed class SegmentLengths
    {
        private readonly Dictionary<string, int[]?> _fields = new(StringComparer.Ordinal);

        public int[]? For(AtomicReader reader, string field)
        {
            lock (_fields)
            {
                if (!_fields.TryGetValue(field, out var lengths))
                {
                    lengths = Read(reader, field);
                    _fields[field] = lengths;
                }

                return lengths;
            }
        }

        private static int[]? Read(AtomicReader reader, string field)
        {
            if (reader.GetNormValues(field) is not { } norms)
            {
                return null;
            }

            var lengths = new int[reader.MaxDoc];
            for (var doc = 0; doc < lengths.Length; doc++)
            {
                lengths[doc] = (int)norms.Get(doc);
            }

            return lengths;
        }
    }

    private sealed class Stats(string field, double idf, double averageLength, float queryBoost) : SimWeight
    {
        public string Field { get; } = field;

        public double Idf { get; } = idf;

        public double AverageLength { get; } = averageLength;

        public double Boost { get; private set; } = queryBoost;

        // No query normalisation, as BM25 has none: a clause's boost multiplies its score and nothing else does.
        public override float GetValueForNormalization() => 1f;

        public override void Normalize(float queryNorm, float topLevelBoost) => Boost = queryBoost * topLevelBoost;
    }

    private sealed class Scorer(Stats stats, int[]? lengths) : SimScorer
    {
        private readonly double _weight = stats.Boost * stats.Idf;
        private readonly double _lengthFactor = K1 * B / stats.AverageLength;
        private readonly double _constant = K1 * (1 - B);

        public override float Score(int doc, float freq)
        {
            var length = lengths is null ? stats.AverageLength : lengths[doc];
            return (float)(_weight * freq * (K1 + 1) / (freq + _constant + (_lengthFactor * length)));
        }

        public override float ComputeSlopFactor(int distance) => 1f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, Lucene.Net.Util.BytesRef payload) => 1f;
    }
}

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Near-duplicate fingerprints: MinHash over word 3-shingles, with locality-sensitive hashing (LSH)
/// bands so candidates come from an index, not a scan. Two texts' signatures agree in about the same
/// share of positions as their shingle sets overlap (Jaccard similarity), so a wire report republished
/// with a new intro and a sign-off still scores high, while articles merely on the same subject share
/// almost no shingles.
/// </summary>
public static class MinHash
{
    /// <summary>Signature length: 20 bands of 3 rows. The LSH threshold is about (1/20)^(1/3) ≈ 0.37,
    /// so pairs at Jaccard 0.5 become candidates with probability 0.93, at 0.6 with 0.99.</summary>
    public const int Permutations = Bands * RowsPerBand;

    public const int Bands = 20;

    public const int RowsPerBand = 3;

    /// <summary>Estimated Jaccard similarity at or above which two texts are copies of one report.</summary>
    public const double NearDuplicateJaccard = 0.45;

    /// <summary>Share of the shorter text found in the longer one at or above which it is a cut-down copy.</summary>
    public const double NearDuplicateContainment = 0.8;

    /// <summary>Below this many words a text is too short to fingerprint meaningfully.</summary>
    public const int MinimumWords = 40;

    private const int ShingleSize = 3;
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>One seed per permutation, fixed forever: stored signatures must stay comparable.</summary>
    private static readonly ulong[] Seeds = CreateSeeds();

    /// <summary>The signature of <paramref name="text"/> and its shingle count, or null when it is too short.</summary>
    public static Fingerprint? Compute(string text)
    {
        var words = Words(text);
        if (words.Count < MinimumWords)
        {
            return null;
        }

        var shingles = new HashSet<ulong>();
        for (var i = 0; i + ShingleSize <= words.Count; i++)
        {
            var hash = FnvOffset;
            for (var j = 0; j < ShingleSize; j++)
            {
                foreach (var c in words[i + j])
                {
                    hash = (hash ^ c) * FnvPrime;
                }

                hash = (hash ^ ' ') * FnvPrime;
            }

            shingles.Add(hash);
        }

        var signature = new uint[Permutations];
        Array.Fill(signature, uint.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var p = 0; p < Permutations; p++)
            {
                var value = (uint)Mix(shingle ^ Seeds[p]);
                if (value < signature[p])
                {
                    signature[p] = value;
                }
            }
        }

        return new Fingerprint(signature, shingles.Count);
    }

    /// <summary>The estimated Jaccard similarity of two signatures: the share of equal positions.</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var equal = 0;
        for (var i = 0; i < Permutations; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }

        return equal / (double)Permutations;
    }

    /// <summary>True when two fingerprints are copies of one text: similar overall, or the shorter
    /// almost wholly inside the longer (a brief cut from a longer wire report).</summary>
    public static bool AreNearDuplicates(Fingerprint a, Fingerprint b)
    {
        var jaccard = Jaccard(a.Signature, b.Signature);
        if (jaccard >= NearDuplicateJaccard)
        {
            return true;
        }

        // |A∩B| = J·(|A|+|B|)/(1+J); containment of the smaller set is |A∩B| / min(|A|,|B|).
        var shared = jaccard * (a.Shingles + b.Shingles) / (1 + jaccard);
        return shared / Math.Min(a.Shingles, b.Shingles) >= NearDuplicateContainment;
    }

    /// <summary>The LSH keys of a signature, one per band; texts sharing a key are candidates.</summary>
    public static long[] BandKeys(ReadOnlySpan<uint> signature)
    {
        var keys = new long[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = FnvOffset ^ (ulong)band;
            for (var row = 0; row < RowsPerBand; row++)
            {
                hash = Mix(hash ^ signature[(band * RowsPerBand) + row]);
            }

            keys[band] = unchecked((long)hash);
        }

        return keys;
    }

    public static byte[] ToBytes(ReadOnlySpan<uint> signature)
    {
        var bytes = new byte[signature.Length * sizeof(uint)];
        for (var i = 0; i < signature.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), signature[i]);
        }

        return bytes;
    }

    public static uint[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var signature = new uint[bytes.Length / sizeof(uint)];
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * sizeof(uint))..]);
        }

        return signature;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    /// <summary>A 64-bit finaliser (SplitMix64's): spreads every input bit over the output.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebUL;
        x ^= x >> 31;
        return x;
    }

    private static ulong[] CreateSeeds()
    {
        var seeds = new ulong[Permutations];
        var state = 0x4E657773547261UL; // "NewsTra": any fixed value works, but it must never change.
        for (var i = 0; i < seeds.Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(state);
        }

        return seeds;
    }
}

/// <summary>A text's MinHash signature and how many distinct shingles it had.</summary>
public sealed record Fingerprint(uint[] Signature, int Shingles);

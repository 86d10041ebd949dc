namespace NewsTracker.Web.Ingestion;

/// <summary>
/// 64-bit SimHash (Charikar) over word 3-shingles: texts that differ by a few words get hashes a few
/// bits apart, so a wire report republished with a new intro or sign-off is still recognised.
/// </summary>
public static class SimHash
{
    /// <summary>Texts whose hashes differ in at most this many bits are near-duplicates (Manku et al. use 3 for 64 bits).</summary>
    public const int NearDuplicateDistance = 3;

    /// <summary>Below this many words a text is too short for the hash to mean anything.</summary>
    public const int MinimumWords = 40;

    private const int ShingleSize = 3;
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The hash of <paramref name="text"/>, or 0 when it is too short to compare.</summary>
    public static long Compute(string text)
    {
        var words = Words(text);
        if (words.Count < MinimumWords)
        {
            return 0;
        }

        Span<int> weights = stackalloc int[64];
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

            hash = Mix(hash);
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }

        // 0 means "not comparable"; a real hash of 0 is vanishingly rare and only loses near-dup linking.
        return unchecked((long)result);
    }

    public static int Distance(long a, long b) => System.Numerics.BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    /// <summary>Band <paramref name="index"/> (0–3) of the hash: 16 bits.</summary>
    public static int Band(long hash, int index) => (int)((unchecked((ulong)hash) >> (16 * index)) & 0xFFFF);

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

    /// <summary>FNV's low bits are weak; a finaliser spreads them over all 64 bits.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}

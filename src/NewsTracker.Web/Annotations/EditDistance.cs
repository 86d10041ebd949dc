namespace NewsTracker.Web.Annotations;

/// <summary>Levenshtein distances bounded so their cost grows with the allowed error, not with the square of the text.</summary>
internal static class EditDistance
{
    /// <summary>Where the pattern ends with at most <paramref name="maxErrors"/> edits inside
    /// <c>text[from..to)</c>: each end offset (exclusive) whose distance is a local minimum, with that distance.
    /// Sellers' column-wise dynamic programming with Ukkonen's cut-off, which only computes rows that can still
    /// be within the bound, so the expected cost is O(maxErrors × window) rather than O(pattern × window).</summary>
    public static List<(int End, int Distance)> FindApproximateEnds(string pattern, string text, int from, int to, int maxErrors)
    {
        var m = pattern.Length;
        var column = new int[m + 1];
        for (var i = 0; i <= m; i++)
        {
            column[i] = i;
        }

        var lastActive = Math.Min(maxErrors + 1, m);
        var ends = new List<(int End, int Distance)>();
        var lastEnd = int.MinValue;
        for (var j = from; j < to; j++)
        {
            var c = text[j];
            var previousOld = 0;
            var previousNew = 0;
            for (var i = 1; i <= lastActive; i++)
            {
                var old = column[i];
                var value = pattern[i - 1] == c ? previousOld : 1 + Math.Min(previousOld, Math.Min(previousNew, old));
                column[i] = value;
                previousOld = old;
                previousNew = value;
            }

            while (lastActive > 0 && column[lastActive] > maxErrors)
            {
                lastActive--;
            }

            if (lastActive == m)
            {
                AddLocalMinimum(ends, ref lastEnd, j + 1, column[m]);
            }
            else
            {
                lastActive++;
            }
        }

        return ends;
    }

    /// <summary>The length of the text ending at <paramref name="end"/> that best matches the whole pattern, and the
    /// distance. Lengths within <paramref name="maxErrors"/> of the pattern's are tried; on a tie the length nearest
    /// the pattern's wins, so a match does not swallow or drop neighbouring characters for free.</summary>
    public static (int Length, int Distance) BestLengthEndingAt(string pattern, string text, int end, int maxErrors)
    {
        var m = pattern.Length;
        var maxLength = Math.Min(end, m + maxErrors);
        var infinity = m + maxLength + 1;

        // Row i holds the distance between the last i pattern characters and the last L text characters.
        var previous = new int[maxLength + 1];
        var current = new int[maxLength + 1];
        for (var length = 0; length <= maxLength; length++)
        {
            previous[length] = length <= maxErrors ? length : infinity;
        }

        for (var i = 1; i <= m; i++)
        {
            var p = pattern[m - i];
            var low = Math.Max(0, i - maxErrors);
            var high = Math.Min(maxLength, i + maxErrors);
            FenceBand(current, low, high, infinity);
            if (low == 0)
            {
                current[0] = i;
            }

            for (var length = Math.Max(1, low); length <= high; length++)
            {
                var cost = text[end - length] == p ? 0 : 1;
                current[length] = Math.Min(previous[length - 1] + cost, 1 + Math.Min(previous[length], current[length - 1]));
            }

            (previous, current) = (current, previous);
        }

        var best = (Length: m, Distance: infinity);
        for (var length = Math.Max(0, m - maxErrors); length <= Math.Min(maxLength, m + maxErrors); length++)
        {
            var distance = previous[length];
            if (distance < best.Distance || (distance == best.Distance && Math.Abs(length - m) < Math.Abs(best.Length - m)))
            {
                best = (length, distance);
            }
        }

        return best;
    }

    /// <summary>1 for equal strings, falling towards 0 as more of the longer one must be edited.</summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 1 : 1 - (double)Distance(a, b, longest) / longest;
    }

    /// <summary>Levenshtein distance, computed only within <paramref name="maxDistance"/> of the diagonal; anything
    /// further is reported as <paramref name="maxDistance"/> + 1. Costs O(shorter × maxDistance).</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int maxDistance)
    {
        if (Math.Abs(a.Length - b.Length) > maxDistance)
        {
            return maxDistance + 1;
        }

        var infinity = maxDistance + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j <= maxDistance ? j : infinity;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var low = Math.Max(0, i - maxDistance);
            var high = Math.Min(b.Length, i + maxDistance);
            FenceBand(current, low, high, infinity);
            if (low == 0)
            {
                current[0] = i;
            }

            for (var j = Math.Max(1, low); j <= high; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(infinity, Math.Min(previous[j - 1] + cost, 1 + Math.Min(previous[j], current[j - 1])));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    // Only the band is computed; the cells just outside it are read by the next row and the next column, so
    // they must say "too far" instead of holding a value from an older row.
    private static void FenceBand(int[] row, int low, int high, int infinity)
    {
        if (low > 0)
        {
            row[low - 1] = infinity;
        }

        if (high + 1 < row.Length)
        {
            row[high + 1] = infinity;
        }
    }

    // Consecutive ends of one match share a distance valley; keep only the bottom of each valley. On equal
    // distances the valley's first end stays, so a match does not grow by trailing characters.
    private static void AddLocalMinimum(List<(int End, int Distance)> ends, ref int lastEnd, int end, int distance)
    {
        if (ends.Count > 0 && lastEnd == end - 1)
        {
            if (distance < ends[^1].Distance)
            {
                ends[^1] = (end, distance);
            }
        }
        else
        {
            ends.Add((end, distance));
        }

        lastEnd = end;
    }
}

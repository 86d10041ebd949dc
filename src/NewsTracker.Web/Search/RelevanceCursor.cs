using System.Globalization;

namespace NewsTracker.Web.Search;

/// <summary>Keyset position in a relevance-ordered list: the score (lower is better: SQLite's bm25, PostgreSQL's
/// negated rank) and the id. The score's exact bits are kept, so the next page starts exactly after this row.</summary>
internal readonly record struct RelevanceCursor(double Score, int Id)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"r{BitConverter.DoubleToInt64Bits(Score):x}-{Id:x}");

    public static RelevanceCursor? Parse(string? value)
    {
        if (value is not { Length: > 1 and < 40 } || value[0] != 'r')
        {
            return null;
        }

        var dash = value.IndexOf('-', StringComparison.Ordinal);
        return dash > 1
            && long.TryParse(value.AsSpan(1, dash - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            && int.TryParse(value.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            && double.IsFinite(BitConverter.Int64BitsToDouble(bits))
                ? new RelevanceCursor(BitConverter.Int64BitsToDouble(bits), id)
                : null;
    }
}

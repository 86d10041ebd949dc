using System.Data.Common;
using System.Globalization;

namespace NewsTracker.Web.Search;

/// <summary>Facet rows (kind, value, label, count) as the facet queries of either index return them, gathered into
/// the page's facets. An outlet's or actor's value is its id: an integer on SQLite, text on PostgreSQL, where every
/// row of the combined statement has to give the column one type.</summary>
internal sealed class FacetCounts(int limit)
{
    private readonly List<FacetValue> _outlets = [];
    private readonly List<FacetValue> _languages = [];
    private readonly List<FacetValue> _months = [];
    private readonly List<FacetValue> _actors = [];
    private int _window;

    public int Total { get; private set; }

    /// <summary>Matches in the ranked window (all of them when it was not full); 0 when not counted.</summary>
    public int Ranked { get; private set; }

    /// <summary>True when the window was full, so more matches exist than were counted.</summary>
    public bool Capped => _window >= limit;

    public void Add(DbDataReader reader, int offset)
    {
        var count = reader.GetInt32(offset + 3);
        switch (reader.GetString(offset))
        {
            case "total":
                Total = count;
                break;
            case "window":
                _window = count;
                break;
            case "ranked":
                Ranked = count;
                break;
            case "outlet":
                _outlets.Add(new FacetValue(reader.GetString(offset + 2), reader.GetString(offset + 2), count, Id(reader, offset + 1)));
                break;
            case "actor":
                var name = reader.GetString(offset + 2);
                // The filter value is the name without quotes, so actor:"…" always reads back as one value.
                _actors.Add(new FacetValue(name.Replace("\"", string.Empty, StringComparison.Ordinal).Replace("“", string.Empty, StringComparison.Ordinal).Replace("”", string.Empty, StringComparison.Ordinal), name, count, Id(reader, offset + 1)));
                break;
            case "lang":
                _languages.Add(new FacetValue(reader.GetString(offset + 1), reader.GetString(offset + 1), count));
                break;
            case "month":
                var month = reader.GetString(offset + 1);
                _months.Add(new FacetValue(month, DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMM yyyy", CultureInfo.InvariantCulture), count));
                break;
        }
    }

    public SearchFacets Facets() => new(
        _outlets.OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.OrdinalIgnoreCase).ToList(),
        _languages.OrderByDescending(f => f.Count).ToList(),
        _months.OrderByDescending(f => f.Value, StringComparer.Ordinal).ToList(),
        _actors.OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.OrdinalIgnoreCase).ToList());

    private static int Id(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

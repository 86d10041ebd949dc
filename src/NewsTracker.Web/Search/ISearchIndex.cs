namespace NewsTracker.Web.Search;

/// <summary>
/// Everything search needs, behind one seam: answering queries and saying whether the index has caught up.
/// <see cref="SearchIndex"/> implements it for either database, with a Lucene index beside it
/// (<see cref="SearchEngine"/>) that follows the stored article versions, so writers never call it.
/// </summary>
public interface ISearchIndex
{
    Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    /// <summary>False when the newest stored version is not in the index yet (the index is behind the articles): a
    /// readiness probe's check, one key lookup, no counting.</summary>
    Task<bool> IsCurrentAsync(CancellationToken cancellationToken);
}

/// <summary>Result order: best match first, or newest first.</summary>
public enum SearchSort
{
    Relevance,
    Newest,
}

/// <summary>One page of a search. <see cref="After"/> is the cursor from the previous page.</summary>
public sealed record SearchRequest(SearchQuery Query, SearchSort Sort, string? After, int PageSize);

/// <summary>One matching article. Highlighted text marks matches with <see cref="Highlight.Start"/> and
/// <see cref="Highlight.End"/>, so it can be encoded and then marked up safely.</summary>
public sealed record SearchHit(
    int ArticleId,
    string Slug,
    string Title,
    string HighlightedTitle,
    string Snippet,
    string? Outlet,
    int? OutletId,
    string? Byline,
    DateTime SortUtc,
    bool IsPublished,
    string? Language,
    IReadOnlyList<HitActor> Actors);

/// <summary>An actor tagged (approved) in a hit's text, for the actor links under it.</summary>
public sealed record HitActor(int Id, string Name);

/// <summary>A page of hits, the cursor for the next one, and facet counts over the matches.</summary>
/// <param name="MatchCount">Matches after filters, counted over at most <see cref="SearchIndex.FacetWindow"/> best matches.</param>
/// <param name="MatchCountCapped">True when more matches exist than were counted.</param>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, string? NextCursor, int MatchCount, bool MatchCountCapped, SearchFacets Facets)
{
    public static readonly SearchPage Empty = new([], null, 0, false, SearchFacets.Empty);
}

/// <summary>Counts by outlet, language, month and tagged actor over the matches, for the filter sidebar.
/// <see cref="Actors"/> holds the most mentioned actors, counting articles.</summary>
public sealed record SearchFacets(IReadOnlyList<FacetValue> Outlets, IReadOnlyList<FacetValue> Languages, IReadOnlyList<FacetValue> Months, IReadOnlyList<FacetValue> Actors)
{
    public static readonly SearchFacets Empty = new([], [], [], []);
}

/// <summary>One facet entry: the filter value to add, what to show, how many matches have it, and the outlet's or
/// actor's id for facets that have one.</summary>
public sealed record FacetValue(string Value, string Label, int Count, int? Id = null);

/// <summary>The characters that bracket matched words in snippets and titles (Unicode private use,
/// so they never occur in stored text).</summary>
public static class Highlight
{
    public const char Start = '\uE000';
    public const char End = '\uE001';

    /// <summary>Splits marked text into (text, isMatch) runs for rendering.</summary>
    public static IEnumerable<(string Text, bool IsMatch)> Runs(string marked)
    {
        var inside = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i == marked.Length || marked[i] == Start || marked[i] == End)
            {
                if (i > start)
                {
                    yield return (marked[start..i], inside);
                }

                if (i < marked.Length)
                {
                    inside = marked[i] == Start;
                }

                start = i + 1;
            }
        }
    }

    public static string Strip(string marked) => marked.Replace(Start.ToString(), string.Empty, StringComparison.Ordinal).Replace(End.ToString(), string.Empty, StringComparison.Ordinal);
}

using Lucene.Net.Index;
using Lucene.Net.Search;

namespace NewsTracker.Web.Search;

/// <summary>
/// Writes a <see cref="SearchQuery"/>'s text part as a Lucene query built from objects, never from query syntax, so
/// no input can become an operator. Every group must match (an OR group matches when any of its terms does) and no
/// excluded term may. A word is looked up in one combined field holding the title, byline and text, where a title word
/// counts 8 times and a byline word twice (FTS5's bm25 column weights), ranked by <see cref="WeightedBm25"/>; a
/// <c>title:</c> word only in the title's own field. Words are analysed like the documents (<see cref="SearchAnalyzer"/>); a word that splits into several
/// ("u.s") is a phrase of its parts, as FTS5 read it.
/// </summary>
public static class LuceneQuery
{
    public const string TitleField = "title";
    public const string BylineField = "byline";

    /// <summary>Title, byline and text in one field, title and byline words stacked by their weights.</summary>
    public const string TextField = "text";

    public const int TitleWeight = 8;
    public const int BylineWeight = 2;

    /// <summary>Positions left between the title, byline and text in the combined field, so no phrase spans two.</summary>
    private const int PartGap = 100;

    /// <summary>The indexed text of one article: the title and byline alone (for <c>title:</c> and for the lengths
    /// <see cref="WeightedBm25"/> takes out of the average), and the combined field every other word is matched in.</summary>
    public static IEnumerable<IIndexableField> Fields(string title, string? byline, string? body) =>
    [
        new Lucene.Net.Documents.TextField(TitleField, title, Lucene.Net.Documents.Field.Store.NO),
        new Lucene.Net.Documents.TextField(BylineField, byline ?? string.Empty, Lucene.Net.Documents.Field.Store.NO),
        new Lucene.Net.Documents.TextField(TextField, SearchAnalyzer.Stacked(title, TitleWeight, 0)),
        new Lucene.Net.Documents.TextField(TextField, SearchAnalyzer.Stacked(byline ?? string.Empty, BylineWeight, PartGap)),
        new Lucene.Net.Documents.TextField(TextField, SearchAnalyzer.Stacked(body ?? string.Empty, 1, PartGap)),
    ];

    /// <summary>The query, or null when the query has no text to match.</summary>
    public static Query? Build(SearchQuery query)
    {
        if (!query.HasText)
        {
            return null;
        }

        var all = new BooleanQuery();
        foreach (var group in query.Required)
        {
            var any = new BooleanQuery();
            foreach (var term in group)
            {
                if (Term(term) is { } clause)
                {
                    any.Add(clause, Occur.SHOULD);
                }
            }

            if (any.Clauses.Count == 0)
            {
                // Nothing searchable in a required group (only punctuation or emoji): nothing can match it.
                return new BooleanQuery();
            }

            all.Add(any.Clauses.Count == 1 ? any.Clauses[0].Query : any, Occur.MUST);
        }

        foreach (var term in query.Excluded)
        {
            if (Term(term) is { } clause)
            {
                all.Add(clause, Occur.MUST_NOT);
            }
        }

        return all;
    }

    /// <summary>One term in the combined field (a <c>title:</c> one in the title, weighted as a title word), or null
    /// when it holds no word.</summary>
    private static Query? Term(SearchTerm term)
    {
        var query = InField(term.TitleOnly ? TitleField : TextField, term);
        if (query is not null && term.TitleOnly)
        {
            query.Boost = TitleWeight;
        }

        return query;
    }

    private static Query? InField(string field, SearchTerm term)
    {
        var words = SearchAnalyzer.Terms(field, term.Text);
        if (words.Count == 0)
        {
            return null;
        }

        if (term.Kind == SearchTermKind.Prefix && words.Count == 1)
        {
            return new PrefixQuery(new Term(field, words[0]));
        }

        if (words.Count == 1)
        {
            return new TermQuery(new Term(field, words[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var word in words)
        {
            phrase.Add(new Term(field, word));
        }

        return phrase;
    }
}

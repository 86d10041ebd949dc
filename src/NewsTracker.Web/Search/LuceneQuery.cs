using Lucene.Net.Index;
using Lucene.Net.Search;

namespace NewsTracker.Web.Search;

/// <summary>
/// Writes a <see cref="SearchQuery"/>'s text part as a Lucene query built from objects, never from query syntax, so
/// no input can become an operator. Every group must match (an OR group matches when any of its terms does), no
/// excluded term may, and a word counts in the title (×8), the byline (×2) or the text (×1), the weights bm25 had in
/// FTS5. Words are analysed like the documents (<see cref="SearchAnalyzer"/>); a word that splits into several
/// ("u.s") is a phrase of its parts, as FTS5 read it.
/// </summary>
public static class LuceneQuery
{
    public const string TitleField = "title";
    public const string BylineField = "byline";
    public const string BodyField = "body";

    private static readonly (string Field, float Boost)[] Fields = [(TitleField, 8f), (BylineField, 2f), (BodyField, 1f)];

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

    /// <summary>One term over the fields it may match in, or null when it holds no word.</summary>
    private static BooleanQuery? Term(SearchTerm term)
    {
        var fields = new BooleanQuery();
        foreach (var (field, boost) in Fields)
        {
            if (term.TitleOnly && field != TitleField)
            {
                continue;
            }

            if (InField(field, term) is { } query)
            {
                query.Boost = boost;
                fields.Add(query, Occur.SHOULD);
            }
        }

        return fields.Clauses.Count == 0 ? null : fields;
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

using System.Text;

namespace NewsTracker.Web.Search;

/// <summary>
/// Writes a <see cref="SearchQuery"/>'s text part as a PostgreSQL tsquery for <c>to_tsquery</c> in the
/// <see cref="Configuration"/>, which folds case and accents as the index did. <c>websearch_to_tsquery</c> would be
/// the lenient choice for raw input, but it has no way to say "prefix" or "in the title", and the parser has already
/// done its job: every term is a run of letters and digits, emitted as a single-quoted lexeme (quotes and
/// backslashes doubled all the same), so no user input can become tsquery syntax; operators and parentheses come
/// only from here. Phrases use <c>&lt;-&gt;</c>, prefixes <c>:*</c>, title-only terms the title's weight <c>:A</c>.
/// </summary>
public static class PostgresQuery
{
    /// <summary>The text search configuration the index and queries use (created by the Search migration).</summary>
    public const string Configuration = "newstracker_search";

    /// <summary>The tsquery text, or null when the query has no text to match.</summary>
    public static string? Build(SearchQuery query)
    {
        if (!query.HasText)
        {
            return null;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < query.Required.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(" & ");
            }

            AppendAny(builder, query.Required[i]);
        }

        if (query.Excluded.Count > 0)
        {
            builder.Append(" & !");
            AppendAny(builder, query.Excluded);
        }

        return builder.ToString();
    }

    /// <summary>Terms as alternatives, parenthesised so they bind as one operand.</summary>
    private static void AppendAny(StringBuilder builder, IReadOnlyList<SearchTerm> terms)
    {
        builder.Append('(');
        for (var i = 0; i < terms.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(" | ");
            }

            Append(builder, terms[i]);
        }

        builder.Append(')');
    }

    private static void Append(StringBuilder builder, SearchTerm term)
    {
        var words = term.Kind == SearchTermKind.Phrase ? term.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [term.Text];
        builder.Append('(');
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" <-> ");
            }

            builder.Append('\'').Append(words[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            var flags = (term.Kind == SearchTermKind.Prefix ? "*" : string.Empty) + (term.TitleOnly ? "A" : string.Empty);
            if (flags.Length > 0)
            {
                builder.Append(':').Append(flags);
            }
        }

        builder.Append(')');
    }
}

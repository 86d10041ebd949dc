using System.Text;

namespace NewsTracker.Web.Search;

/// <summary>
/// Writes a <see cref="SearchQuery"/>'s text part as an FTS5 MATCH expression. Every term is emitted as
/// a double-quoted string (quotes doubled), so no user input can become FTS5 syntax; operators and
/// parentheses come only from here. AND binds tighter than OR in FTS5, so OR groups are parenthesised
/// to mean what people expect: <c>nato ukraine OR kyiv</c> → nato AND (ukraine OR kyiv).
/// </summary>
public static class Fts5Query
{
    /// <summary>The FTS5 column names, in table order.</summary>
    public const string TitleColumn = "title";

    /// <summary>The MATCH expression, or null when the query has no text to match.</summary>
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
                builder.Append(" AND ");
            }

            var group = query.Required[i];
            if (group.Count == 1)
            {
                Append(builder, group[0]);
            }
            else
            {
                builder.Append('(');
                for (var j = 0; j < group.Count; j++)
                {
                    if (j > 0)
                    {
                        builder.Append(" OR ");
                    }

                    Append(builder, group[j]);
                }

                builder.Append(')');
            }
        }

        if (query.Excluded.Count > 0)
        {
            builder.Insert(0, '(').Append(") NOT (");
            for (var i = 0; i < query.Excluded.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(" OR ");
                }

                Append(builder, query.Excluded[i]);
            }

            builder.Append(')');
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, SearchTerm term)
    {
        if (term.TitleOnly)
        {
            builder.Append(TitleColumn).Append(" : ");
        }

        builder.Append('"').Append(term.Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        if (term.Kind == SearchTermKind.Prefix)
        {
            builder.Append('*');
        }
    }
}

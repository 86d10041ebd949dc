using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Search;

/// <summary>
/// Search on SQLite FTS5. The index (<c>ArticleSearch</c>) is an external-content table over the view
/// <c>ArticleSearchSource</c> (each article's title, byline and current text), created by the
/// SearchIndex migration. Queries run the FTS match first, ranked and limited, and only then join and
/// filter, so SQLite's planner cannot choose to scan articles and test each against the index.
/// </summary>
public sealed class SqliteSearchIndex(NewsTrackerDbContext db) : ISearchIndex
{
    /// <summary>Best matches considered for ranking with filters and for facet counts.</summary>
    public const int FacetWindow = 1000;

    /// <summary>bm25 weights per column: a word in the title counts far more than one in the body.</summary>
    private const string Bm25 = "bm25(\"ArticleSearch\", 8.0, 2.0, 1.0)";

    private const int SnippetTokens = 28;

    /// <summary>At most this many matches in all, the snippet query walks the match once rather than seeking
    /// each page row (see <see cref="HighlightsAsync"/>). Walking costs about what ranking did, so it is only
    /// chosen when that walk is known to be short; a phrase of common words can have a few thousand matches
    /// and still be slow to walk.</summary>
    private const int FewMatches = 100;

    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) => ExecuteAsync(
        """
        INSERT INTO "ArticleSearch"("ArticleSearch", rowid, title, byline, body)
        SELECT 'delete', "ArticleId", title, byline, body FROM "ArticleSearchSource" WHERE "ArticleId" = $id
        """,
        articleId,
        cancellationToken);

    public Task AddAsync(int articleId, CancellationToken cancellationToken) => ExecuteAsync(
        """
        INSERT INTO "ArticleSearch"(rowid, title, byline, body)
        SELECT "ArticleId", title, byline, body FROM "ArticleSearchSource" WHERE "ArticleId" = $id
        """,
        articleId,
        cancellationToken);

    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var match = Fts5Query.Build(request.Query);
        if (request.Query.Topics.Count > 0 && request.Query.WithinArticleIds is null)
        {
            // A topic is a set of articles (its own saved search, actors and picks), resolved before the match.
            var members = await new Topics.TopicMembership(db, this).ArticleIdsForSlugsAsync(request.Query.Topics, cancellationToken);
            if (members.Count == 0)
            {
                return SearchPage.Empty;
            }

            request = request with { Query = request.Query with { WithinArticleIds = members } };
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            List<Row> rows;
            string? nextCursor;
            FacetCounts counts;
            var fewMatches = false;
            if (match is not null && request.Sort == SearchSort.Relevance)
            {
                (rows, nextCursor, counts) = await RelevanceAsync(connection, match, request, cancellationToken);
                fewMatches = counts.Ranked <= FewMatches;
            }
            else
            {
                (rows, nextCursor) = match is null
                    ? await FilterOnlyAsync(connection, request, cancellationToken)
                    : await NewestAsync(connection, match, request, cancellationToken);
                counts = await FacetsAsync(connection, match, request.Query, WindowFor(request), cancellationToken);
            }

            var highlights = match is null || rows.Count == 0
                ? new Dictionary<int, (string Title, string Snippet)>()
                : await HighlightsAsync(connection, match, rows.Select(r => r.Id).ToList(), fewMatches, cancellationToken);
            var actors = rows.Count == 0 ? new Dictionary<int, IReadOnlyList<HitActor>>() : await HitActorsAsync(connection, rows.Select(r => r.Id).ToList(), cancellationToken);
            var hits = rows.Select(r => new SearchHit(
                r.Id,
                r.Slug,
                r.Title,
                highlights.TryGetValue(r.Id, out var h) ? h.Title : r.Title,
                highlights.TryGetValue(r.Id, out h) ? h.Snippet : r.Excerpt,
                r.Outlet,
                r.OutletId,
                r.Byline,
                r.SortUtc,
                r.IsPublished,
                r.Language,
                actors.TryGetValue(r.Id, out var tagged) ? tagged : [])).ToList();

            return new SearchPage(hits, nextCursor, counts.Total, counts.Capped, counts.Facets());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Row(int Id, string Slug, string Title, string? Outlet, int? OutletId, string? Byline, DateTime SortUtc, bool IsPublished, string? Language, string Excerpt, double Score);

    /// <summary>Fills a facet row of the combined relevance statement out to the width of a hit row (kind and 11 columns).</summary>
    private const string FacetPadding = ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";

    /// <summary>An actor tag anyone may see: an approved mention placed in the article's current text. The unary
    /// plus keeps SQLite off the IsOrphaned index (nearly every row is not orphaned), so mentions are found by
    /// actor or by article instead.</summary>
    private const string PublicMention = """m."Kind" = 'ActorMention' AND m."Status" = 'Approved' AND +m."IsOrphaned" = 0""";

    /// <summary>The most mentioned actors among the matched articles (kind, actor id, name, articles), read
    /// from <c>matched</c> through the Annotations(ArticleId) index. CROSS JOIN fixes that order: left to itself,
    /// SQLite would rather walk every annotation in actor order to save the GROUP BY a sort.</summary>
    private const string ActorFacet = $"""
        SELECT 'actor', m."ActorId", act."Name", count(DISTINCT m."ArticleId") AS articles
        FROM matched CROSS JOIN "Annotations" AS m ON m."ArticleId" = matched.id JOIN "Actors" AS act ON act."Id" = m."ActorId"
        WHERE {PublicMention}
        GROUP BY m."ActorId" ORDER BY articles DESC, act."Name" LIMIT 12
        """;

    /// <summary>Matched articles per outlet (kind, outlet id, name, articles), counted first and named after, so
    /// Outlets is read once per outlet rather than once per matched article.</summary>
    private const string OutletFacet = """
        SELECT 'outlet', byOutlet.outlet, ol."Name", byOutlet.articles
        FROM (SELECT outlet, count(*) AS articles FROM matched WHERE outlet IS NOT NULL GROUP BY outlet) AS byOutlet
        JOIN "Outlets" AS ol ON ol."Id" = byOutlet.outlet
        """;

    private const string ArticleColumns =
        """a."Id", a."Slug", a."Title", o."Name", a."OutletId", a."Byline", a."SortUtc", a."PublishedUtc" IS NOT NULL, a."Language", a."Excerpt" """;

    /// <summary>The relevance statement with its parameters bound, exactly as <see cref="SearchAsync"/> runs it
    /// (internal so a test can check its query plan).</summary>
    internal static DbCommand RelevanceCommand(DbConnection connection, string match, SearchRequest request)
    {
        var command = connection.CreateCommand();
        var filters = Filters(command, request.Query).ToString();
        var cursor = string.Empty;
        if (RelevanceCursor.Parse(request.After) is { } position)
        {
            cursor = " AND (hits.score > $afterScore OR (hits.score = $afterScore AND a.\"Id\" > $afterId))";
            Add(command, "$afterScore", position.Score);
            Add(command, "$afterId", position.Id);
        }

        // The match runs first, ranked and cut to a window, then the joins and filters. Facet rows reuse the
        // hit columns: kind, then value, label and count in the first three. The facet window joins Outlets
        // only when an outlet filter needs it; outlet names are looked up once per outlet after counting.
        var outletJoin = request.Query.Outlets.Count > 0 ? " LEFT JOIN \"Outlets\" AS o ON o.\"Id\" = a.\"OutletId\"" : string.Empty;
        command.CommandText = $"""
            WITH hits AS MATERIALIZED (
                SELECT rowid AS id, {Bm25} AS score FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match ORDER BY score LIMIT $window),
            facetHits AS MATERIALIZED (SELECT id FROM hits ORDER BY score, id LIMIT $facetWindow),
            matched AS MATERIALIZED (
                SELECT a."Id" AS id, a."OutletId" AS outlet, a."Language" AS lang, CASE WHEN a."PublishedUtc" IS NULL THEN NULL ELSE substr(a."SortUtc", 1, 7) END AS month
                FROM facetHits AS hits JOIN "Articles" AS a ON a."Id" = hits.id{outletJoin}
                WHERE 1 = 1 {filters}),
            page AS MATERIALIZED (
                SELECT {ArticleColumns}, hits.score
                FROM hits JOIN "Articles" AS a ON a."Id" = hits.id LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
                WHERE 1 = 1 {filters}{cursor}
                ORDER BY hits.score, a."Id"
                LIMIT $take)
            SELECT 'hit', * FROM page
            UNION ALL SELECT 'total', NULL, NULL, count(*){FacetPadding} FROM matched
            UNION ALL SELECT 'window', NULL, NULL, count(*){FacetPadding} FROM facetHits
            UNION ALL SELECT 'ranked', NULL, NULL, count(*){FacetPadding} FROM hits
            UNION ALL SELECT *{FacetPadding} FROM ({OutletFacet})
            UNION ALL SELECT 'lang', lang, lang, count(*){FacetPadding} FROM matched WHERE lang IS NOT NULL GROUP BY lang
            UNION ALL SELECT 'month', month, month, count(*){FacetPadding} FROM matched WHERE month IS NOT NULL GROUP BY month
            UNION ALL SELECT *{FacetPadding} FROM ({ActorFacet})
            """;
        Add(command, "$match", match);
        Add(command, "$window", WindowFor(request));
        Add(command, "$facetWindow", FacetWindow);
        Add(command, "$take", request.PageSize + 1);
        return command;
    }

    /// <summary>
    /// The page and the facet counts in one statement, so the FTS match is ranked once per request: bm25 over
    /// every match is most of the cost for a word in most articles, and ranking it twice (once for the page,
    /// once for the facets) made search twice as slow as the query itself. The facets count the
    /// <see cref="FacetWindow"/> best of the ranked window, which is the same set a separate ranking would give.
    /// </summary>
    private static async Task<(List<Row> Rows, string? Next, FacetCounts Counts)> RelevanceAsync(DbConnection connection, string match, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = RelevanceCommand(connection, match, request);

        var rows = new List<Row>();
        var counts = new FacetCounts(FacetWindow);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetString(0) == "hit")
                {
                    rows.Add(ReadRow(reader, 1));
                }
                else
                {
                    counts.Add(reader, 0);
                }
            }
        }

        // A compound SELECT promises no order for the rows read from the page, so it is restored here.
        rows.Sort((x, y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : x.Id.CompareTo(y.Id));
        var next = rows.Count > request.PageSize ? new RelevanceCursor(rows[request.PageSize - 1].Score, rows[request.PageSize - 1].Id).ToString() : null;
        return (rows.Take(request.PageSize).ToList(), next, counts);
    }

    private static async Task<(List<Row> Rows, string? Next)> NewestAsync(DbConnection connection, string match, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var filters = Filters(command, request.Query);
        AppendNewestCursor(command, filters, request.After);
        command.CommandText = $"""
            WITH hits AS MATERIALIZED (SELECT rowid AS id FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match)
            SELECT {ArticleColumns}, 0
            FROM hits JOIN "Articles" AS a ON a."Id" = hits.id LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
            WHERE 1 = 1 {filters}
            ORDER BY a."SortUtc" DESC, a."Id" DESC
            LIMIT $take
            """;
        Add(command, "$match", match);
        Add(command, "$take", request.PageSize + 1);
        return NewestPage(await ReadRowsAsync(command, cancellationToken), request.PageSize);
    }

    private static async Task<(List<Row> Rows, string? Next)> FilterOnlyAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var filters = Filters(command, request.Query);
        AppendNewestCursor(command, filters, request.After);
        command.CommandText = $"""
            SELECT {ArticleColumns}, 0
            FROM "Articles" AS a LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
            WHERE 1 = 1 {filters}
            ORDER BY a."SortUtc" DESC, a."Id" DESC
            LIMIT $take
            """;
        Add(command, "$take", request.PageSize + 1);
        return NewestPage(await ReadRowsAsync(command, cancellationToken), request.PageSize);
    }

    private static (List<Row> Rows, string? Next) NewestPage(List<Row> rows, int pageSize) =>
        (rows.Take(pageSize).ToList(), rows.Count > pageSize ? new Pages.PageCursor(rows[pageSize - 1].SortUtc, rows[pageSize - 1].Id).ToString() : null);

    private static void AppendNewestCursor(DbCommand command, StringBuilder filters, string? after)
    {
        if (Pages.PageCursor.Parse(after) is { } position)
        {
            filters.Append(" AND (a.\"SortUtc\" < $afterTime OR (a.\"SortUtc\" = $afterTime AND a.\"Id\" < $afterId))");
            Add(command, "$afterTime", SqliteTime(position.SortUtc));
            Add(command, "$afterId", position.Id);
        }
    }

    /// <summary>Snippets and highlighted titles for the page's rows only: the FTS auxiliary functions
    /// read the text back through the view, which is worth doing for twenty rows, not a thousand.</summary>
    /// <param name="fewMatches">True when the whole match is known to be small (at most <see cref="FewMatches"/>).
    /// Then the match is walked once and the page's rows picked from it (<c>+rowid</c> keeps the ids from being
    /// passed to FTS5); otherwise FTS5 runs the match again for each row (about 40 µs each at 100 000 articles),
    /// which stays flat however common the words are.</param>
    private static async Task<Dictionary<int, (string Title, string Snippet)>> HighlightsAsync(DbConnection connection, string match, List<int> ids, bool fewMatches, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var names = AddIds(command, ids);
        var rowid = fewMatches ? "+rowid" : "rowid";

        command.CommandText = $"""
            SELECT rowid,
                   highlight("ArticleSearch", 0, $start, $end),
                   snippet("ArticleSearch", 2, $start, $end, '…', {SnippetTokens})
            FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match AND {rowid} IN ({names})
            """;
        Add(command, "$match", match);
        Add(command, "$start", Highlight.Start.ToString());
        Add(command, "$end", Highlight.End.ToString());
        var result = new Dictionary<int, (string, string)>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return result;
    }

    /// <summary>Most tagged actors per hit: at most this many.</summary>
    private const int MaxHitActors = 5;

    /// <summary>The actors tagged in the page's rows (approved mentions), the most mentioned first.</summary>
    private static async Task<Dictionary<int, IReadOnlyList<HitActor>>> HitActorsAsync(DbConnection connection, List<int> ids, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var names = AddIds(command, ids);

        command.CommandText = $"""
            SELECT m."ArticleId", act."Id", act."Name", count(*)
            FROM "Annotations" AS m JOIN "Actors" AS act ON act."Id" = m."ActorId"
            WHERE m."ArticleId" IN ({names}) AND {PublicMention}
            GROUP BY m."ArticleId", act."Id"
            """;
        var rows = new List<(int Article, HitActor Actor, int Count)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt32(0), new HitActor(reader.GetInt32(1), reader.GetString(2)), reader.GetInt32(3)));
            }
        }

        return rows.GroupBy(r => r.Article).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<HitActor>)g.OrderByDescending(r => r.Count).ThenBy(r => r.Actor.Name, StringComparer.OrdinalIgnoreCase).Take(MaxHitActors).Select(r => r.Actor).ToList());
    }

    /// <summary>Count and facets over the same window of matches the hits come from. Without search text
    /// the window is the newest articles that pass the filters, so a small outlet's old articles count.</summary>
    private static async Task<FacetCounts> FacetsAsync(DbConnection connection, string? match, SearchQuery query, int window, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var filters = Filters(command, query);
        var source = match is null
            ? $"""(SELECT a."Id" AS id FROM "Articles" AS a LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId" WHERE 1 = 1 {filters} ORDER BY a."SortUtc" DESC LIMIT $window)"""
            : $"""(SELECT rowid AS id FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match ORDER BY {Bm25} LIMIT $window)""";
        command.CommandText = $"""
            WITH hits AS MATERIALIZED {source},
            matched AS MATERIALIZED (
                SELECT a."Id" AS id, a."OutletId" AS outlet, a."Language" AS lang, CASE WHEN a."PublishedUtc" IS NULL THEN NULL ELSE substr(a."SortUtc", 1, 7) END AS month
                FROM hits JOIN "Articles" AS a ON a."Id" = hits.id LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
                WHERE 1 = 1 {filters})
            SELECT 'total', NULL, NULL, count(*) FROM matched
            UNION ALL SELECT 'window', NULL, NULL, count(*) FROM hits
            UNION ALL SELECT * FROM ({OutletFacet})
            UNION ALL SELECT 'lang', lang, lang, count(*) FROM matched WHERE lang IS NOT NULL GROUP BY lang
            UNION ALL SELECT 'month', month, month, count(*) FROM matched WHERE month IS NOT NULL GROUP BY month
            UNION ALL SELECT * FROM ({ActorFacet})
            """;
        if (match is not null)
        {
            Add(command, "$match", match);
        }

        Add(command, "$window", window);
        var counts = new FacetCounts(window);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(reader, 0);
        }

        return counts;
    }

    /// <summary>The metadata filters as SQL over <c>a</c> (Articles) and <c>o</c> (Outlets), every value a parameter.</summary>
    private static StringBuilder Filters(DbCommand command, SearchQuery query)
    {
        var sql = new StringBuilder();
        if (query.Outlets.Count > 0)
        {
            var terms = new List<string>();
            for (var i = 0; i < query.Outlets.Count; i++)
            {
                terms.Add($"o.\"NormalizedName\" = $outlet{i} OR o.\"Domain\" = $outletDomain{i}");
                Add(command, $"$outlet{i}", Outlet.Normalize(query.Outlets[i]));
                Add(command, $"$outletDomain{i}", query.Outlets[i].Trim().ToLowerInvariant());
            }

            sql.Append(" AND (").AppendJoin(" OR ", terms).Append(')');
        }

        if (query.Languages.Count > 0)
        {
            var terms = new List<string>();
            for (var i = 0; i < query.Languages.Count; i++)
            {
                terms.Add($"a.\"Language\" = $lang{i} OR a.\"Language\" LIKE $langPrefix{i}");
                Add(command, $"$lang{i}", query.Languages[i]);
                Add(command, $"$langPrefix{i}", query.Languages[i].Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal) + "-%");
            }

            sql.Append(" AND (").AppendJoin(" OR ", terms).Append(')');
        }

        if (query.WithinArticleIds is { } within)
        {
            sql.Append(" AND a.\"Id\" IN (SELECT value FROM json_each($within))");
            Add(command, "$within", System.Text.Json.JsonSerializer.Serialize(within));
        }

        // Each actor: (an alias of) an actor with the words as its whole name or as whole words in it, followed to
        // the actor it was merged into; the articles come from the Annotations(ActorId) index, never a scan.
        for (var i = 0; i < query.Actors.Count; i++)
        {
            var name = $"$actor{i}";
            var words = $"""(n."NormalizedName" = {name} OR n."NormalizedName" LIKE {name} || ' %' OR n."NormalizedName" LIKE '% ' || {name} OR n."NormalizedName" LIKE '% ' || {name} || ' %')""";
            sql.Append(CultureInfo.InvariantCulture, $"""
                 AND a."Id" IN (SELECT m."ArticleId" FROM "Annotations" AS m WHERE {PublicMention} AND m."ActorId" IN (
                    SELECT coalesce(n."MergedIntoId", n."Id") FROM "Actors" AS n WHERE {words}
                    UNION SELECT n."ActorId" FROM "ActorAliases" AS n WHERE {words}))
                """);
            Add(command, name, TagRules.NormalizeName(query.Actors[i]));
        }

        if (query.AfterUtc is { } from)
        {
            sql.Append(" AND a.\"SortUtc\" >= $after");
            Add(command, "$after", SqliteTime(from));
        }

        if (query.BeforeUtc is { } until)
        {
            sql.Append(" AND a.\"SortUtc\" < $before");
            Add(command, "$before", SqliteTime(until));
        }

        return sql;
    }

    /// <summary>With filters, more of the best matches are ranked so a page can still fill after filtering.</summary>
    private static int WindowFor(SearchRequest request) => request.Query.HasFilters ? FacetWindow * 10 : FacetWindow;

    /// <summary>DateTime as EF Core's SQLite provider stores it, so text comparison orders correctly.</summary>
    private static string SqliteTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    private static async Task<List<Row>> ReadRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader, 0));
        }

        return rows;
    }

    /// <summary>One hit row: <see cref="ArticleColumns"/> then the score, starting at column <paramref name="offset"/>.</summary>
    private static Row ReadRow(DbDataReader reader, int offset) => new(
        reader.GetInt32(offset),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        reader.IsDBNull(offset + 3) ? null : reader.GetString(offset + 3),
        reader.IsDBNull(offset + 4) ? null : reader.GetInt32(offset + 4),
        reader.IsDBNull(offset + 5) ? null : reader.GetString(offset + 5),
        DateTime.SpecifyKind(DateTime.Parse(reader.GetString(offset + 6), CultureInfo.InvariantCulture), DateTimeKind.Utc),
        reader.GetBoolean(offset + 7),
        reader.IsDBNull(offset + 8) ? null : reader.GetString(offset + 8),
        reader.GetString(offset + 9),
        reader.GetDouble(offset + 10));

    private async Task ExecuteAsync(string sql, int articleId, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The search index is kept in step inside the article's write transaction.");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "$id", articleId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Binds the page's article ids as $id0, $id1…; the list of their names for an IN (…).</summary>
    private static string AddIds(DbCommand command, List<int> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            Add(command, $"$id{i}", ids[i]);
        }

        return string.Join(", ", ids.Select((_, i) => $"$id{i}"));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

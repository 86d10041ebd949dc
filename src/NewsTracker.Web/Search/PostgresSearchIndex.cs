using System.Data;
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
/// Search on PostgreSQL: one tsvector per article in <c>ArticleSearch</c> under a GIN index (the Search migration),
/// title weighted over byline over text, ranked with <c>ts_rank_cd</c>, highlighted with <c>ts_headline</c>. It
/// answers exactly as <see cref="SqliteSearchIndex"/> does: the same windows, cursors, filters and facets, and the
/// same shape of statement (the match ranked once, in a materialised CTE, before any join or filter).
/// </summary>
public sealed class PostgresSearchIndex(NewsTrackerDbContext db) : ISearchIndex
{
    /// <summary>Best matches considered for ranking with filters and for facet counts: SQLite's window, so counts and
    /// caps mean the same on either database.</summary>
    public const int FacetWindow = SqliteSearchIndex.FacetWindow;

    /// <summary>The article's tsquery, from the parameter <c>@query</c>.</summary>
    private const string TsQuery = $"to_tsquery('{PostgresQuery.Configuration}', @query)";

    /// <summary>Rank weights for D (text), C (unused), B (byline) and A (title): bm25's 8 : 2 : 1 on SQLite. Negated, so
    /// lower is better as with bm25 and the cursor compares the same way; normalisation 1 divides by the log of the
    /// document's length, as bm25 favours the shorter of two documents with the same matches.</summary>
    private const string Score = """(-ts_rank_cd('{0.125, 0.25, 0.25, 1}', s."Document", q.query, 1))::float8""";

    private const int SnippetWords = 28;

    /// <summary>How much of an article's text is indexed, as newstracker_search_document (the Search migration) cuts
    /// it; snippets are looked for in the same part, where the matches are.</summary>
    private const int IndexedTextLength = 200_000;

    /// <summary>
    /// Run before a text search, in its transaction. The planner prices a sequential scan of ArticleSearch by its
    /// main table, which holds little: the tsvectors of real articles live out of line (TOAST), and testing each one
    /// means reading it back in full, a cost the planner does not see. So it picks the scan, and a rare word takes as
    /// long as the commonest (30 000 articles of 300 words: 510 ms scanned, 27 ms through the GIN index; even a word
    /// in every article ranks faster through the index, 390 ms against 860 ms). Switched off, the scan is priced out
    /// and the GIN index answers every match, as FTS5 does on SQLite.
    /// </summary>
    internal const string PlannerSettings = "SET LOCAL enable_seqscan = off";

    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) => ExecuteAsync(
        """DELETE FROM "ArticleSearch" WHERE "ArticleId" = @id""",
        articleId,
        cancellationToken);

    /// <summary>An upsert, so adding an article that is already indexed replaces its entry.</summary>
    public Task AddAsync(int articleId, CancellationToken cancellationToken) => ExecuteAsync(
        """
        INSERT INTO "ArticleSearch" ("ArticleId", "Document")
        SELECT a."Id", newstracker_search_document(a."Title", a."Byline", v."PlainText")
        FROM "Articles" AS a JOIN "ArticleVersions" AS v ON v."ArticleId" = a."Id" AND v."Number" = a."CurrentVersion"
        WHERE a."Id" = @id
        ON CONFLICT ("ArticleId") DO UPDATE SET "Document" = excluded."Document"
        """,
        articleId,
        cancellationToken);

    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var match = PostgresQuery.Build(request.Query);
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
            // A text search outside any transaction gets its own, so the planner setting ends with it; one snapshot
            // also keeps the page, its snippets and its actors in step with each other.
            await using var transaction = match is not null && db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
                : null;
            if (transaction is not null)
            {
                await db.Database.ExecuteSqlRawAsync(PlannerSettings, cancellationToken);
            }

            var connection = db.Database.GetDbConnection();
            List<Row> rows;
            string? nextCursor;
            FacetCounts counts;
            if (match is not null && request.Sort == SearchSort.Relevance)
            {
                (rows, nextCursor, counts) = await RelevanceAsync(connection, match, request, cancellationToken);
            }
            else
            {
                (rows, nextCursor) = match is null
                    ? await FilterOnlyAsync(connection, request, cancellationToken)
                    : await NewestAsync(connection, match, request, cancellationToken);
                counts = await FacetsAsync(connection, match, request.Query, WindowFor(request), cancellationToken);
            }

            var ids = rows.Select(r => r.Id).ToList();
            var highlights = match is null || rows.Count == 0
                ? new Dictionary<int, (string Title, string Snippet)>()
                : await HighlightsAsync(connection, match, ids, cancellationToken);
            var actors = rows.Count == 0 ? new Dictionary<int, IReadOnlyList<HitActor>>() : await HitActorsAsync(connection, ids, cancellationToken);
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

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return new SearchPage(hits, nextCursor, counts.Total, counts.Capped, counts.Facets());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Row(int Id, string Slug, string Title, string? Outlet, int? OutletId, string? Byline, DateTime SortUtc, bool IsPublished, string? Language, string Excerpt, double Score);

    /// <summary>Leaves the hit columns of a facet row empty (the 11 of <see cref="ArticleColumns"/> and the score).</summary>
    private const string HitPadding = ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";

    /// <summary>An actor tag anyone may see: an approved mention placed in the article's current text.</summary>
    private const string PublicMention = """m."Kind" = 'ActorMention' AND m."Status" = 'Approved' AND NOT m."IsOrphaned" """;

    /// <summary>The most mentioned actors among the matched articles (kind, actor id, name, articles).</summary>
    private const string ActorFacet = $"""
        SELECT 'actor' AS kind, m."ActorId"::text AS value, act."Name" AS label, count(DISTINCT m."ArticleId")::int AS articles
        FROM matched JOIN "Annotations" AS m ON m."ArticleId" = matched.id JOIN "Actors" AS act ON act."Id" = m."ActorId"
        WHERE {PublicMention}
        GROUP BY m."ActorId", act."Name" ORDER BY articles DESC, act."Name" LIMIT 12
        """;

    /// <summary>Matched articles per outlet (kind, outlet id, name, articles), counted first and named after.</summary>
    private const string OutletFacet = """
        SELECT 'outlet', byOutlet.outlet::text, ol."Name", byOutlet.articles
        FROM (SELECT outlet, count(*)::int AS articles FROM matched WHERE outlet IS NOT NULL GROUP BY outlet) AS byOutlet
        JOIN "Outlets" AS ol ON ol."Id" = byOutlet.outlet
        """;

    /// <summary>Facet rows (kind, value, label, count) over <c>matched</c>, each padded out to the width of a hit row.</summary>
    private const string FacetRows = $"""
        UNION ALL SELECT 'total', NULL, NULL, count(*)::int{HitPadding} FROM matched
        UNION ALL SELECT *{HitPadding} FROM ({OutletFacet}) AS outlets
        UNION ALL SELECT 'lang', lang, lang, count(*)::int{HitPadding} FROM matched WHERE lang IS NOT NULL GROUP BY lang
        UNION ALL SELECT 'month', month, month, count(*)::int{HitPadding} FROM matched WHERE month IS NOT NULL GROUP BY month
        UNION ALL SELECT *{HitPadding} FROM ({ActorFacet}) AS actors
        """;

    /// <summary>The columns of <c>matched</c>, the filtered window the facets count.</summary>
    private const string MatchedColumns = """a."Id" AS id, a."OutletId" AS outlet, a."Language" AS lang, CASE WHEN a."PublishedUtc" IS NULL THEN NULL ELSE to_char(a."SortUtc" AT TIME ZONE 'UTC', 'YYYY-MM') END AS month""";

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
            cursor = " AND (hits.score > @afterScore OR (hits.score = @afterScore AND a.\"Id\" > @afterId))";
            Add(command, "afterScore", position.Score);
            Add(command, "afterId", position.Id);
        }

        // As on SQLite: the match runs first, ranked and cut to a window, then the joins and filters; the page and
        // the facets come from one statement so the match is ranked once. Rows are a kind, the facet columns
        // (value, label, count) and the hit columns, each row filling only its own.
        var outletJoin = request.Query.Outlets.Count > 0 ? " LEFT JOIN \"Outlets\" AS o ON o.\"Id\" = a.\"OutletId\"" : string.Empty;
        command.CommandText = $"""
            WITH hits AS MATERIALIZED (
                SELECT s."ArticleId" AS id, {Score} AS score
                FROM "ArticleSearch" AS s, {TsQuery} AS q(query)
                WHERE s."Document" @@ q.query ORDER BY score, id LIMIT @window),
            facetHits AS MATERIALIZED (SELECT id FROM hits ORDER BY score, id LIMIT @facetWindow),
            matched AS MATERIALIZED (
                SELECT {MatchedColumns}
                FROM facetHits AS hits JOIN "Articles" AS a ON a."Id" = hits.id{outletJoin}
                WHERE TRUE {filters}),
            page AS MATERIALIZED (
                SELECT {ArticleColumns}, hits.score
                FROM hits JOIN "Articles" AS a ON a."Id" = hits.id LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
                WHERE TRUE {filters}{cursor}
                ORDER BY hits.score, a."Id"
                LIMIT @take)
            SELECT 'hit', NULL, NULL, NULL, page.* FROM page
            UNION ALL SELECT 'window', NULL, NULL, count(*)::int{HitPadding} FROM facetHits
            UNION ALL SELECT 'ranked', NULL, NULL, count(*)::int{HitPadding} FROM hits
            {FacetRows}
            """;
        Add(command, "query", match);
        Add(command, "window", WindowFor(request));
        Add(command, "facetWindow", FacetWindow);
        Add(command, "take", request.PageSize + 1);
        return command;
    }

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
                    rows.Add(ReadRow(reader, 4));
                }
                else
                {
                    counts.Add(reader, 0);
                }
            }
        }

        // A UNION ALL promises no order for the rows read from the page, so it is restored here.
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
            WITH hits AS MATERIALIZED (SELECT s."ArticleId" AS id FROM "ArticleSearch" AS s WHERE s."Document" @@ {TsQuery})
            SELECT {ArticleColumns}, 0::float8
            FROM hits JOIN "Articles" AS a ON a."Id" = hits.id LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
            WHERE TRUE {filters}
            ORDER BY a."SortUtc" DESC, a."Id" DESC
            LIMIT @take
            """;
        Add(command, "query", match);
        Add(command, "take", request.PageSize + 1);
        return NewestPage(await ReadRowsAsync(command, cancellationToken), request.PageSize);
    }

    private static async Task<(List<Row> Rows, string? Next)> FilterOnlyAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var filters = Filters(command, request.Query);
        AppendNewestCursor(command, filters, request.After);
        command.CommandText = $"""
            SELECT {ArticleColumns}, 0::float8
            FROM "Articles" AS a LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
            WHERE TRUE {filters}
            ORDER BY a."SortUtc" DESC, a."Id" DESC
            LIMIT @take
            """;
        Add(command, "take", request.PageSize + 1);
        return NewestPage(await ReadRowsAsync(command, cancellationToken), request.PageSize);
    }

    private static (List<Row> Rows, string? Next) NewestPage(List<Row> rows, int pageSize) =>
        (rows.Take(pageSize).ToList(), rows.Count > pageSize ? new Pages.PageCursor(rows[pageSize - 1].SortUtc, rows[pageSize - 1].Id).ToString() : null);

    private static void AppendNewestCursor(DbCommand command, StringBuilder filters, string? after)
    {
        if (Pages.PageCursor.Parse(after) is { } position)
        {
            filters.Append(" AND (a.\"SortUtc\" < @afterTime OR (a.\"SortUtc\" = @afterTime AND a.\"Id\" < @afterId))");
            Add(command, "afterTime", position.SortUtc);
            Add(command, "afterId", position.Id);
        }
    }

    /// <summary>Highlighted titles and snippets for the page's rows only: <c>ts_headline</c> parses the whole text
    /// again, which is worth doing for twenty rows, not a thousand. The title is marked throughout; the snippet is
    /// the best stretch of the text, with an ellipsis where it cuts the text, as FTS5's snippet has.</summary>
    private static async Task<Dictionary<int, (string Title, string Snippet)>> HighlightsAsync(DbConnection connection, string match, List<int> ids, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT a."Id",
                   ts_headline('{PostgresQuery.Configuration}', a."Title", q.query, @titleOptions),
                   h.snippet,
                   strpos(t.indexed, translate(h.snippet, @marks, '')) AS at,
                   length(translate(h.snippet, @marks, '')),
                   length(v."PlainText")
            FROM "Articles" AS a
            JOIN "ArticleVersions" AS v ON v."ArticleId" = a."Id" AND v."Number" = a."CurrentVersion"
            CROSS JOIN {TsQuery} AS q(query)
            CROSS JOIN LATERAL (SELECT left(v."PlainText", {IndexedTextLength}) AS indexed) AS t
            CROSS JOIN LATERAL (SELECT ts_headline('{PostgresQuery.Configuration}', t.indexed, q.query, @snippetOptions) AS snippet) AS h
            WHERE a."Id" = ANY(@ids)
            """;
        var marks = string.Create(CultureInfo.InvariantCulture, $"StartSel={Highlight.Start}, StopSel={Highlight.End}");
        Add(command, "query", match);
        Add(command, "ids", ids.ToArray());
        Add(command, "marks", $"{Highlight.Start}{Highlight.End}");
        Add(command, "titleOptions", $"{marks}, HighlightAll=true");
        Add(command, "snippetOptions", string.Create(CultureInfo.InvariantCulture, $"{marks}, MaxWords={SnippetWords}, MinWords={SnippetWords / 2}"));
        var result = new Dictionary<int, (string, string)>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = reader.GetInt32(3);
            var snippet = (at > 1 ? "…" : string.Empty) + reader.GetString(2) + (at > 0 && at - 1 + reader.GetInt32(4) < reader.GetInt32(5) ? "…" : string.Empty);
            result[reader.GetInt32(0)] = (reader.GetString(1), snippet);
        }

        return result;
    }

    /// <summary>Most tagged actors per hit: at most this many.</summary>
    private const int MaxHitActors = 5;

    /// <summary>The actors tagged in the page's rows (approved mentions), the most mentioned first.</summary>
    private static async Task<Dictionary<int, IReadOnlyList<HitActor>>> HitActorsAsync(DbConnection connection, List<int> ids, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT m."ArticleId", act."Id", act."Name", count(*)::int
            FROM "Annotations" AS m JOIN "Actors" AS act ON act."Id" = m."ActorId"
            WHERE m."ArticleId" = ANY(@ids) AND {PublicMention}
            GROUP BY m."ArticleId", act."Id", act."Name"
            """;
        Add(command, "ids", ids.ToArray());
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
            ? $"""(SELECT a."Id" AS id FROM "Articles" AS a LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId" WHERE TRUE {filters} ORDER BY a."SortUtc" DESC LIMIT @window)"""
            : $"""(SELECT s."ArticleId" AS id FROM "ArticleSearch" AS s, {TsQuery} AS q(query) WHERE s."Document" @@ q.query ORDER BY {Score}, s."ArticleId" LIMIT @window)""";
        command.CommandText = $"""
            WITH hits AS MATERIALIZED {source},
            matched AS MATERIALIZED (
                SELECT {MatchedColumns}
                FROM hits JOIN "Articles" AS a ON a."Id" = hits.id LEFT JOIN "Outlets" AS o ON o."Id" = a."OutletId"
                WHERE TRUE {filters})
            SELECT 'window', NULL, NULL, count(*)::int{HitPadding} FROM hits
            {FacetRows}
            """;
        if (match is not null)
        {
            Add(command, "query", match);
        }

        Add(command, "window", window);
        var counts = new FacetCounts(window);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(reader, 0);
        }

        return counts;
    }

    /// <summary>The metadata filters as SQL over <c>a</c> (Articles) and <c>o</c> (Outlets), every value a parameter.
    /// LIKE gets no escape character and language prefixes ILIKE, which is how SQLite's LIKE reads the same values.</summary>
    private static StringBuilder Filters(DbCommand command, SearchQuery query)
    {
        var sql = new StringBuilder();
        if (query.Outlets.Count > 0)
        {
            var terms = new List<string>();
            for (var i = 0; i < query.Outlets.Count; i++)
            {
                terms.Add($"o.\"NormalizedName\" = @outlet{i} OR o.\"Domain\" = @outletDomain{i}");
                Add(command, $"outlet{i}", Outlet.Normalize(query.Outlets[i]));
                Add(command, $"outletDomain{i}", query.Outlets[i].Trim().ToLowerInvariant());
            }

            sql.Append(" AND (").AppendJoin(" OR ", terms).Append(')');
        }

        if (query.Languages.Count > 0)
        {
            var terms = new List<string>();
            for (var i = 0; i < query.Languages.Count; i++)
            {
                terms.Add($"a.\"Language\" = @lang{i} OR a.\"Language\" ILIKE @langPrefix{i} ESCAPE ''");
                Add(command, $"lang{i}", query.Languages[i]);
                Add(command, $"langPrefix{i}", query.Languages[i].Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal) + "-%");
            }

            sql.Append(" AND (").AppendJoin(" OR ", terms).Append(')');
        }

        if (query.WithinArticleIds is { } within)
        {
            sql.Append(" AND a.\"Id\" = ANY(@within)");
            Add(command, "within", within.ToArray());
        }

        // Each actor: (an alias of) an actor with the words as its whole name or as whole words in it, followed to
        // the actor it was merged into.
        for (var i = 0; i < query.Actors.Count; i++)
        {
            var name = $"@actor{i}";
            var words = $"""(n."NormalizedName" = {name} OR n."NormalizedName" LIKE {name} || ' %' ESCAPE '' OR n."NormalizedName" LIKE '% ' || {name} ESCAPE '' OR n."NormalizedName" LIKE '% ' || {name} || ' %' ESCAPE '')""";
            sql.Append(CultureInfo.InvariantCulture, $"""
                 AND a."Id" IN (SELECT m."ArticleId" FROM "Annotations" AS m WHERE {PublicMention} AND m."ActorId" IN (
                    SELECT coalesce(n."MergedIntoId", n."Id") FROM "Actors" AS n WHERE {words}
                    UNION SELECT n."ActorId" FROM "ActorAliases" AS n WHERE {words}))
                """);
            Add(command, $"actor{i}", TagRules.NormalizeName(query.Actors[i]));
        }

        if (query.AfterUtc is { } from)
        {
            sql.Append(" AND a.\"SortUtc\" >= @after");
            Add(command, "after", from);
        }

        if (query.BeforeUtc is { } until)
        {
            sql.Append(" AND a.\"SortUtc\" < @before");
            Add(command, "before", until);
        }

        return sql;
    }

    /// <summary>With filters, more of the best matches are ranked so a page can still fill after filtering.</summary>
    private static int WindowFor(SearchRequest request) => request.Query.HasFilters ? FacetWindow * 10 : FacetWindow;

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
        DateTime.SpecifyKind(reader.GetDateTime(offset + 6), DateTimeKind.Utc),
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
        Add(command, "id", articleId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

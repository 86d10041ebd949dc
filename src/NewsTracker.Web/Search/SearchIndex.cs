using System.Globalization;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;
using LuceneQueryBase = Lucene.Net.Search.Query;

namespace NewsTracker.Web.Search;

/// <summary>
/// Search on either database: Lucene (<see cref="SearchEngine"/>) finds and ranks the matches, by BM25 or newest
/// first, and the database, through EF Core, applies the metadata filters, counts the facets and gives the page's
/// rows, so one implementation serves SQLite and PostgreSQL. Filters and facets read the live rows (a renamed outlet,
/// a newly approved actor mention count at once); only the text lives in the index.
/// </summary>
public sealed class SearchIndex(NewsTrackerDbContext db, SearchEngine engine) : ISearchIndex
{
    /// <summary>Best matches considered for ranking with filters and for the match count.</summary>
    public const int FacetWindow = 1000;

    /// <summary>Best matches the facets count (a bounded sample, which the page says): counting a thousand rows per
    /// search cost about half of a common word's time.</summary>
    public const int FacetSample = 200;

    /// <summary>A snippet's length in characters, about the 28 words FTS5's snippets had.</summary>
    private const int SnippetCharacters = 180;

    /// <summary>Newest-first matches fetched at a time when filters may drop some of them.</summary>
    private const int NewestChunk = 1000;

    /// <summary>Most tagged actors per hit, and in the actor facet.</summary>
    private const int MaxHitActors = 5;

    private const int MaxFacetActors = 12;

    public Task<bool> IsCurrentAsync(CancellationToken cancellationToken) => engine.IsCurrentAsync(db, cancellationToken);

    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        // One connection for the search's few queries: EF would otherwise take one from the pool for each, and on
        // SQLite run the connection's pragmas each time (SqlitePragmas), a fixed cost that a rare word noticed.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await SearchOpenAsync(request, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<SearchPage> SearchOpenAsync(SearchRequest request, CancellationToken cancellationToken)
    {
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

        var text = LuceneQuery.Build(request.Query);
        if (text is null)
        {
            return await FilterOnlyAsync(request, cancellationToken);
        }

        using var lease = await engine.AcquireAsync(db, cancellationToken);
        var searcher = lease.Searcher;
        var filtered = request.Query.HasFilters || request.Query.WithinArticleIds is not null;
        if (request.Sort == SearchSort.Newest)
        {
            return await NewestPageAsync(searcher, text, request, filtered, cancellationToken);
        }

        var ranked = Ranked(searcher, text, WindowFor(request));
        var passing = filtered ? await PassingAsync(ranked.Select(r => r.Id).ToList(), request.Query, cancellationToken) : null;

        // The count covers the best FacetWindow matches that pass the filters, the facets the best FacetSample of them.
        var facetIds = ranked.Take(FacetWindow).Select(r => r.Id).Where(id => passing?.Contains(id) ?? true).ToList();
        var facets = await FacetsAsync(facetIds.Take(FacetSample).ToList(), cancellationToken);

        var candidates = ranked.Where(r => passing?.Contains(r.Id) ?? true);
        if (RelevanceCursor.Parse(request.After) is { } position)
        {
            candidates = candidates.Where(r => r.Score > position.Score || (r.Score == position.Score && r.Id > position.Id));
        }

        var page = candidates.Take(request.PageSize + 1).ToList();
        var pageIds = page.Take(request.PageSize).Select(r => r.Id).ToList();
        var next = page.Count > request.PageSize ? new RelevanceCursor(page[request.PageSize - 1].Score, page[request.PageSize - 1].Id).ToString() : null;
        var hits = await HitsAsync(pageIds, new Marks(text), cancellationToken);
        return new SearchPage(hits, next, facetIds.Count, ranked.Count >= FacetWindow, facets);
    }

    /// <summary>Newest first: the count and the facets cover the newest matches (<see cref="WindowFor"/>) that pass the
    /// filters, as the relevance order's cover the best ones, and the page walks on from the cursor. Nothing is
    /// ranked by relevance: a common word's BM25 over every match was most of the time at a million articles.</summary>
    private async Task<SearchPage> NewestPageAsync(IndexSearcher searcher, LuceneQueryBase text, SearchRequest request, bool filtered, CancellationToken cancellationToken)
    {
        var window = WindowFor(request);
        var newest = NewestMatches(searcher, text, null, window);
        var passing = filtered ? await PassingAsync(newest.Select(m => m.Id).ToList(), request.Query, cancellationToken) : null;
        var inWindow = newest.Where(m => passing?.Contains(m.Id) ?? true).ToList();
        var facets = await FacetsAsync(inWindow.Take(FacetSample).Select(m => m.Id).ToList(), cancellationToken);

        // Without a cursor the page is the window's head, unless filters left too few in it and older matches remain.
        var (pageIds, next) = request.After is null && (inWindow.Count > request.PageSize || newest.Count < window)
            ? Paged(inWindow, request.PageSize)
            : await NewestAsync(searcher, text, request, filtered, cancellationToken);
        var hits = await HitsAsync(pageIds, new Marks(text), cancellationToken);
        return new SearchPage(hits, next, inWindow.Count, newest.Count >= window, facets);
    }

    private static (List<int> Ids, string? Next) Paged(List<(int Id, long Ticks)> matches, int pageSize)
    {
        var next = matches.Count > pageSize
            ? new Pages.PageCursor(new DateTime(matches[pageSize - 1].Ticks, DateTimeKind.Utc), matches[pageSize - 1].Id).ToString()
            : null;
        return (matches.Take(pageSize).Select(m => m.Id).ToList(), next);
    }

    /// <summary>The best <paramref name="window"/> matches, best first; the score is Lucene's negated, so lower is
    /// better and ties go to the lower id, the order the relevance cursor walks.</summary>
    private static List<(int Id, double Score)> Ranked(IndexSearcher searcher, LuceneQueryBase text, int window)
    {
        var top = searcher.Search(text, window);
        var ids = new DocIds(searcher);
        var ranked = top.ScoreDocs.Select(d => (Id: ids.Id(d.Doc), Score: -(double)d.Score)).ToList();
        ranked.Sort((x, y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : x.Id.CompareTo(y.Id));
        return ranked;
    }

    /// <summary>A page newest first, straight from the index's sort; with filters, the index is walked a chunk at a
    /// time and each chunk filtered, until the page is full or the matches run out.</summary>
    private async Task<(List<int> Ids, string? Next)> NewestAsync(IndexSearcher searcher, LuceneQueryBase text, SearchRequest request, bool filtered, CancellationToken cancellationToken)
    {
        var cursor = Pages.PageCursor.Parse(request.After) is { } after ? (after.SortUtc.Ticks, after.Id) : ((long Ticks, int Id)?)null;
        var page = new List<(int Id, long Ticks)>();
        var take = request.PageSize + 1;
        while (page.Count < take)
        {
            var chunkSize = filtered ? NewestChunk : take - page.Count;
            var chunk = NewestMatches(searcher, text, cursor, chunkSize);
            if (chunk.Count == 0)
            {
                break;
            }

            var passing = filtered ? await PassingAsync(chunk.Select(c => c.Id).ToList(), request.Query, cancellationToken) : null;
            page.AddRange(chunk.Where(c => passing?.Contains(c.Id) ?? true).Take(take - page.Count));
            if (chunk.Count < chunkSize)
            {
                break;
            }

            cursor = (chunk[^1].Ticks, chunk[^1].Id);
        }

        return Paged(page, request.PageSize);
    }

    /// <summary>The newest <paramref name="count"/> matches after the cursor, newest first.
    /// <para>Sorting every match by time cost a common word 60-100 ms at a million articles, so a query with many
    /// matches is sought in a time span ending at the cursor (or the newest article), sized from Lucene's estimate of
    /// the matches to hold about twice <paramref name="count"/> if they were spread evenly, and grown eightfold until
    /// it holds enough or covers the whole index: anything outside a span is older than everything inside it, so the
    /// span's newest are the newest overall. A query with few matches is sorted whole
    /// (<see cref="SearchEngine.NewestSpanAbove"/>).</para></summary>
    private List<(int Id, long Ticks)> NewestMatches(IndexSearcher searcher, LuceneQueryBase text, (long Ticks, int Id)? cursor, int count)
    {
        var sort = new Sort(new SortField(SearchEngine.SortField, SortFieldType.INT64, true), new SortField(SearchEngine.IdField, SortFieldType.INT64, true));
        var before = Before(text, cursor);
        var (oldest, newest) = TickRange(searcher.IndexReader);
        var end = cursor?.Ticks ?? newest;
        var estimate = EstimatedMatches(searcher, text);
        var first = estimate <= engine.NewestSpanAbove
            ? long.MaxValue
            : Math.Max(TimeSpan.TicksPerDay, (long)((double)(end - oldest) * count * 2 / estimate));
        TopDocs found;
        for (var span = first; ; span = span > long.MaxValue / 8 ? long.MaxValue : span * 8)
        {
            if (end - oldest <= span)
            {
                found = searcher.Search(before, null, count, sort);
                break;
            }

            var recent = new BooleanQuery
            {
                { before, Occur.MUST },
                { NumericRangeQuery.NewInt64Range(SearchEngine.SortRangeField, end - span, null, true, true), Occur.MUST },
            };
            found = searcher.Search(recent, null, count, sort);
            if (found.TotalHits >= count)
            {
                break;
            }
        }

        var ids = new DocIds(searcher);
        return found.ScoreDocs.Select(d => (ids.Id(d.Doc), ids.Ticks(d.Doc))).ToList();
    }

    /// <summary>Lucene's estimate of how many articles match (each segment's scorer's cost: a word's document
    /// frequency, a conjunction's rarest part), read without visiting any match.</summary>
    private static long EstimatedMatches(IndexSearcher searcher, LuceneQueryBase text)
    {
        var weight = searcher.CreateNormalizedWeight(text);
        return searcher.IndexReader.Leaves.Sum(leaf => weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs)?.GetCost() ?? 0);
    }

    /// <summary>The oldest and newest sort times in the index: each segment's, read from its doc values once and kept
    /// while the segment lives (segments never change; a deleted article may widen the range, which costs at most a
    /// search more).</summary>
    private static (long Oldest, long Newest) TickRange(Lucene.Net.Index.IndexReader reader)
    {
        var (oldest, newest) = (long.MaxValue, long.MinValue);
        foreach (var leaf in reader.Leaves)
        {
            var range = SegmentTicks.GetValue(leaf.AtomicReader.CoreCacheKey, _ => TicksOf(leaf.AtomicReader));
            (oldest, newest) = (Math.Min(oldest, range.Oldest), Math.Max(newest, range.Newest));
        }

        return oldest <= newest ? (oldest, newest) : (0, 0);
    }

    private static TickSpan TicksOf(Lucene.Net.Index.AtomicReader segment)
    {
        var (oldest, newest) = (long.MaxValue, long.MinValue);
        if (segment.GetNumericDocValues(SearchEngine.SortField) is { } values)
        {
            for (var doc = 0; doc < segment.MaxDoc; doc++)
            {
                var ticks = values.Get(doc);
                (oldest, newest) = (Math.Min(oldest, ticks), Math.Max(newest, ticks));
            }
        }

        return new TickSpan(oldest, newest);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, TickSpan> SegmentTicks = new();

    private sealed record TickSpan(long Oldest, long Newest);

    /// <summary>The text query limited to what sorts after the cursor: older, or as old with a lower id.</summary>
    private static LuceneQueryBase Before(LuceneQueryBase text, (long Ticks, int Id)? cursor)
    {
        if (cursor is not { } position)
        {
            return text;
        }

        var sameTime = new BooleanQuery
        {
            { NumericRangeQuery.NewInt64Range(SearchEngine.SortRangeField, position.Ticks, position.Ticks, true, true), Occur.MUST },
            { NumericRangeQuery.NewInt32Range(SearchEngine.IdRangeField, null, position.Id, true, false), Occur.MUST },
        };
        var before = new BooleanQuery
        {
            { NumericRangeQuery.NewInt64Range(SearchEngine.SortRangeField, null, position.Ticks, true, false), Occur.SHOULD },
            { sameTime, Occur.SHOULD },
        };
        return new BooleanQuery { { text, Occur.MUST }, { before, Occur.MUST } };
    }

    /// <summary>Without search text: the articles that pass the filters, newest first, straight from the database; the
    /// facets count the newest of them, so a small outlet's old articles count.</summary>
    private async Task<SearchPage> FilterOnlyAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var articles = Filtered(db.Articles.AsNoTracking(), request.Query);
        var window = WindowFor(request);
        var facetIds = await articles.OrderByDescending(a => a.SortUtc).ThenByDescending(a => a.Id).Take(window).Select(a => a.Id).ToListAsync(cancellationToken);
        var facets = await FacetsAsync(facetIds.Take(FacetSample).ToList(), cancellationToken);

        var paged = articles;
        if (Pages.PageCursor.Parse(request.After) is { } position)
        {
            paged = paged.Where(a => a.SortUtc < position.SortUtc || (a.SortUtc == position.SortUtc && a.Id < position.Id));
        }

        var page = await paged.OrderByDescending(a => a.SortUtc).ThenByDescending(a => a.Id).Take(request.PageSize + 1)
            .Select(a => new { a.Id, a.SortUtc }).ToListAsync(cancellationToken);
        var next = page.Count > request.PageSize ? new Pages.PageCursor(page[request.PageSize - 1].SortUtc, page[request.PageSize - 1].Id).ToString() : null;
        var hits = await HitsAsync(page.Take(request.PageSize).Select(p => p.Id).ToList(), null, cancellationToken);
        return new SearchPage(hits, next, facetIds.Count, facetIds.Count >= window, facets);
    }

    /// <summary>Which of <paramref name="ids"/> pass the query's filters. Id lists go to the database as one array
    /// parameter (<c>EF.Parameter</c>): EF Core 10 would otherwise bind up to 10 000 parameters one by one.</summary>
    private async Task<HashSet<int>> PassingAsync(List<int> ids, SearchQuery query, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : (await Filtered(db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)), query).Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The metadata filters over articles: outlet by name or domain, language (a tag or its subtags), topic
    /// members, tagged actors and dates, every value a parameter.</summary>
    private IQueryable<Article> Filtered(IQueryable<Article> articles, SearchQuery query)
    {
        if (query.Outlets.Count > 0)
        {
            var names = query.Outlets.Select(Outlet.Normalize).ToList();
            var domains = query.Outlets.Select(o => o.Trim().ToLowerInvariant()).ToList();
            articles = articles.Where(a => a.Outlet != null && (names.Contains(a.Outlet.NormalizedName) || domains.Contains(a.Outlet.Domain!)));
        }

        if (query.Languages.Count > 0)
        {
            var languages = query.Languages.ToList();
            var subtags = query.Languages.Select(l => LikePattern.Literal(l) + "-%").ToList();
            articles = articles.Where(a => a.Language != null && (languages.Contains(a.Language) || subtags.Any(p => EF.Functions.Like(a.Language, p, LikePattern.Escape))));
        }

        if (query.WithinArticleIds is { } within)
        {
            var members = within.ToList();
            articles = articles.Where(a => EF.Parameter(members).Contains(a.Id));
        }

        // Each actor: (an alias of) an actor with the words as its whole name or as whole words in it, followed to the
        // actor it was merged into; only mentions anyone may see count.
        foreach (var actor in query.Actors)
        {
            var name = TagRules.NormalizeName(actor);
            var literal = LikePattern.Literal(name);
            var (first, last, middle) = (literal + " %", "% " + literal, "% " + literal + " %");
            var actorIds = db.Actors.Where(n => n.NormalizedName == name || EF.Functions.Like(n.NormalizedName, first, LikePattern.Escape)
                    || EF.Functions.Like(n.NormalizedName, last, LikePattern.Escape) || EF.Functions.Like(n.NormalizedName, middle, LikePattern.Escape))
                .Select(n => n.MergedIntoId ?? n.Id)
                .Union(db.ActorAliases.Where(n => n.NormalizedName == name || EF.Functions.Like(n.NormalizedName, first, LikePattern.Escape)
                    || EF.Functions.Like(n.NormalizedName, last, LikePattern.Escape) || EF.Functions.Like(n.NormalizedName, middle, LikePattern.Escape)).Select(n => n.ActorId));
            articles = articles.Where(a => db.Annotations.Any(m => m.ArticleId == a.Id && m.Kind == AnnotationKind.ActorMention && m.Status == AnnotationStatus.Approved
                && !m.IsOrphaned && m.ActorId != null && actorIds.Contains(m.ActorId.Value)));
        }

        if (query.AfterUtc is { } from)
        {
            articles = articles.Where(a => a.SortUtc >= from);
        }

        if (query.BeforeUtc is { } until)
        {
            articles = articles.Where(a => a.SortUtc < until);
        }

        return articles;
    }

    /// <summary>Counts by outlet, language, month and tagged actor over the given matches.</summary>
    private async Task<SearchFacets> FacetsAsync(List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return SearchFacets.Empty;
        }

        var rows = await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new { a.OutletId, Outlet = a.Outlet != null ? a.Outlet.Name : null, a.Language, Dated = a.PublishedUtc != null, a.SortUtc })
            .ToListAsync(cancellationToken);
        var outlets = rows.Where(r => r.OutletId is not null && r.Outlet is not null).GroupBy(r => (Id: r.OutletId!.Value, Name: r.Outlet!))
            .Select(g => new FacetValue(g.Key.Name, g.Key.Name, g.Count(), g.Key.Id));
        var languages = rows.Where(r => r.Language is not null).GroupBy(r => r.Language!).Select(g => new FacetValue(g.Key, g.Key, g.Count()));
        var months = rows.Where(r => r.Dated).GroupBy(r => new DateTime(r.SortUtc.Year, r.SortUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc))
            .Select(g => new FacetValue(g.Key.ToString("yyyy-MM", CultureInfo.InvariantCulture), g.Key.ToString("MMM yyyy", CultureInfo.InvariantCulture), g.Count()));

        var mentions = await PublicMentions(ids).GroupBy(m => new { ActorId = m.ActorId!.Value, m.Actor!.Name })
            .Select(g => new { g.Key.ActorId, g.Key.Name, Articles = g.Select(m => m.ArticleId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var actors = mentions.OrderByDescending(m => m.Articles).ThenBy(m => m.Name, StringComparer.Ordinal).Take(MaxFacetActors)
            .Select(m => new FacetValue(FilterValue(m.Name), m.Name, m.Articles, m.ActorId));

        return new SearchFacets(
            outlets.OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.OrdinalIgnoreCase).ToList(),
            languages.OrderByDescending(f => f.Count).ToList(),
            months.OrderByDescending(f => f.Value, StringComparer.Ordinal).ToList(),
            actors.OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.OrdinalIgnoreCase).ToList(),
            ids.Count);
    }

    /// <summary>The filter value for an actor is the name without quotes, so actor:"…" always reads back as one value.</summary>
    private static string FilterValue(string name) =>
        name.Replace("\"", string.Empty, StringComparison.Ordinal).Replace("“", string.Empty, StringComparison.Ordinal).Replace("”", string.Empty, StringComparison.Ordinal);

    /// <summary>Actor tags anyone may see in these articles: approved mentions placed in the current text.</summary>
    private IQueryable<Annotation> PublicMentions(List<int> articleIds) =>
        db.Annotations.AsNoTracking().Where(m => EF.Parameter(articleIds).Contains(m.ArticleId) && m.Kind == AnnotationKind.ActorMention
            && m.Status == AnnotationStatus.Approved && !m.IsOrphaned && m.ActorId != null);

    /// <summary>The page's hits in the order given, with highlighted titles and snippets when there is search text.</summary>
    private async Task<List<SearchHit>> HitsAsync(List<int> ids, Marks? marks, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var withText = marks is not null;
        var rows = await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Slug, a.Title, Outlet = a.Outlet != null ? a.Outlet.Name : null, a.OutletId, a.Byline, a.SortUtc,
                IsPublished = a.PublishedUtc != null, a.Language, a.Excerpt,
                Text = withText ? a.Versions.Where(v => v.Number == a.CurrentVersion).Select(v => v.PlainText).FirstOrDefault() : null,
            })
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var tagged = (await PublicMentions(ids).GroupBy(m => new { m.ArticleId, ActorId = m.ActorId!.Value, m.Actor!.Name })
                .Select(g => new { g.Key.ArticleId, g.Key.ActorId, g.Key.Name, Count = g.Count() }).ToListAsync(cancellationToken))
            .GroupBy(m => m.ArticleId)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<HitActor>)g.OrderByDescending(m => m.Count).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase).Take(MaxHitActors).Select(m => new HitActor(m.ActorId, m.Name)).ToList());

        var hits = new List<SearchHit>(ids.Count);
        foreach (var id in ids)
        {
            if (!rows.TryGetValue(id, out var r))
            {
                // Deleted since the index last looked.
                continue;
            }

            hits.Add(new SearchHit(
                r.Id, r.Slug, r.Title, marks?.Title(r.Title) ?? r.Title, (r.Text is null ? null : marks?.Snippet(r.Text)) ?? r.Excerpt,
                r.Outlet, r.OutletId, r.Byline, r.SortUtc, r.IsPublished, r.Language, tagged.TryGetValue(r.Id, out var actors) ? actors : []));
        }

        return hits;
    }

    /// <summary>With filters, more of the best matches are ranked so a page can still fill after filtering.</summary>
    private static int WindowFor(SearchRequest request) =>
        request.Query.HasFilters || request.Query.WithinArticleIds is not null ? FacetWindow * 10 : FacetWindow;

    /// <summary>Reads the article id and sort time of a hit from the doc values of its index segment, each segment's
    /// values looked up once per search rather than once per hit.</summary>
    private sealed class DocIds(IndexSearcher searcher)
    {
        private readonly IList<Lucene.Net.Index.AtomicReaderContext> _leaves = searcher.IndexReader.Leaves;
        private readonly Dictionary<(string Field, int Leaf), Lucene.Net.Index.NumericDocValues> _values = [];

        public int Id(int doc) => (int)Value(SearchEngine.IdField, doc);

        public long Ticks(int doc) => Value(SearchEngine.SortField, doc);

        private long Value(string field, int doc)
        {
            var index = Lucene.Net.Index.ReaderUtil.SubIndex(doc, _leaves);
            var leaf = _leaves[index];
            if (!_values.TryGetValue((field, index), out var values))
            {
                values = leaf.AtomicReader.GetNumericDocValues(field);
                _values[(field, index)] = values;
            }

            return values.Get(doc - leaf.DocBase);
        }
    }

    /// <summary>Marks matched words in a title and picks the best passage of a text (Lucene's highlighter, with the
    /// index's analyzer), bracketed by <see cref="Highlight.Start"/> and <see cref="Highlight.End"/>.
    /// <para>The highlighter scores every token of what it is given, which cost more than finding and ranking the
    /// matches; so a text is first scanned for the query's words (analysis only, no scoring) and the highlighter reads
    /// the window of <see cref="WindowCharacters"/> around the place where the most different query words stand
    /// close together (what it would rank best), or the whole text when that window yields no passage (a phrase whose
    /// words stand apart there, or a prefix word).</para></summary>
    private sealed class Marks
    {
        /// <summary>Characters the highlighter reads around the best place: room for a passage on either side.</summary>
        private const int WindowCharacters = SnippetCharacters * 3;

        /// <summary>Matched words remembered per text when looking for the best place.</summary>
        private const int MaxPlaces = 2_000;

        private readonly Highlighter _title;
        private readonly Highlighter _snippet;

        /// <summary>The text field's positive query words, each with a number.</summary>
        private readonly Dictionary<string, int> _words;

        public Marks(LuceneQueryBase query)
        {
            var formatter = new SimpleHTMLFormatter(Highlight.Start.ToString(), Highlight.End.ToString());

            // Every field's words: a title word is in the combined field and in the title's own (title:).
            _title = new Highlighter(formatter, new QueryScorer(query)) { TextFragmenter = new NullFragmenter() };
            var scorer = new QueryScorer(query, LuceneQuery.TextField);
            _snippet = new Highlighter(formatter, scorer) { TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetCharacters) };
            _words = QueryTermExtractor.GetTerms(query, false, LuceneQuery.TextField).Select(t => t.Term).Distinct(StringComparer.Ordinal)
                .Select((word, number) => (word, number)).ToDictionary(w => w.word, w => w.number, StringComparer.Ordinal);
        }

        /// <summary>The whole title with its matches marked, or null when none is in it.</summary>
        public string? Title(string title) => _title.GetBestFragment(SearchAnalyzer.Instance, LuceneQuery.TitleField, title);

        /// <summary>The best passage of the text with its matches marked and "…" where it was cut, or null when no
        /// match is in the text (a title-only match).</summary>
        public string? Snippet(string text)
        {
            var fragment = Window(text) is { } window && window.Length < text.Length ? Best(window) : null;
            fragment ??= Best(text);
            if (fragment is null)
            {
                return null;
            }

            var plain = Highlight.Strip(fragment).Trim();
            return (text.StartsWith(plain, StringComparison.Ordinal) ? string.Empty : "…") + fragment.Trim() + (text.EndsWith(plain, StringComparison.Ordinal) ? string.Empty : "…");
        }

        private string? Best(string text) => _snippet.GetBestFragment(SearchAnalyzer.Instance, LuceneQuery.TextField, text);

        /// <summary>The text around the first place where the most different query words stand within
        /// 2 × <see cref="SnippetCharacters"/> of each other, cut at spaces, or null when it holds none of the words.</summary>
        private string? Window(string text)
        {
            if (_words.Count == 0)
            {
                return null;
            }

            var places = new List<(int Offset, int Word)>();
            using (var stream = SearchAnalyzer.Instance.GetTokenStream(LuceneQuery.TextField, text))
            {
                var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
                var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
                stream.Reset();
                while (places.Count < MaxPlaces && stream.IncrementToken())
                {
                    if (_words.TryGetValue(term.ToString(), out var word))
                    {
                        places.Add((offset.StartOffset, word));
                    }
                }

                stream.End();
            }

            if (places.Count == 0)
            {
                return null;
            }

            // Two pointers over the places: for each first place, the different words up to 2 × SnippetCharacters on.
            var counts = new int[_words.Count];
            var (distinct, best, bestDistinct, last) = (0, 0, 0, 0);
            for (var first = 0; first < places.Count; first++)
            {
                while (last < places.Count && places[last].Offset < places[first].Offset + (2 * SnippetCharacters))
                {
                    distinct += counts[places[last++].Word]++ == 0 ? 1 : 0;
                }

                if (distinct > bestDistinct)
                {
                    (best, bestDistinct) = (first, distinct);
                }

                distinct -= --counts[places[first].Word] == 0 ? 1 : 0;
            }

            var at = places[best].Offset;

            // From a space before the word (or the word itself) to a space at most WindowCharacters on, never splitting
            // a surrogate pair where a text has no spaces.
            var start = Math.Max(0, at - SnippetCharacters);
            if (start > 0)
            {
                var space = text.IndexOf(' ', start, at - start);
                start = space >= 0 ? space + 1 : at;
            }

            var end = Math.Min(text.Length, start + WindowCharacters);
            if (end < text.Length)
            {
                var space = text.LastIndexOf(' ', end - 1, end - at);
                end = space > at ? space : end;
                if (char.IsHighSurrogate(text[end - 1]))
                {
                    end--;
                }
            }

            return text[start..end];
        }
    }
}

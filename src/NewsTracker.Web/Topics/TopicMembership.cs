using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Search;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Topics;

/// <summary>
/// Which articles and claims a topic holds. An article belongs when it matches the topic's saved search, has an
/// approved, placed mention of one of its actors, or was included by hand, and was not excluded by hand. A claim
/// belongs when it is published and appears (an approved, placed claim tag) in a member article.
/// </summary>
public sealed class TopicMembership(NewsTrackerDbContext db, ISearchIndex search)
{
    /// <summary>Most search matches a topic takes in (newest first); a definition that broad is a mistake.</summary>
    public const int MaxSearchMatches = 5_000;

    private const int SearchPageSize = 500;

    /// <summary>The member articles of a topic, by id; empty for an unknown topic.</summary>
    public async Task<IReadOnlyList<int>> ArticleIdsAsync(int topicId, CancellationToken cancellationToken)
    {
        // Two collections: split, so many actors times many picks never multiply into one result set.
        var topic = await db.Topics.AsNoTracking().AsSplitQuery().Where(t => t.Id == topicId)
            .Select(t => new { t.Definition, Actors = t.Actors.Select(a => a.ActorId).ToList(), Picks = t.Articles.Select(a => new { a.ArticleId, a.Included }).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (topic is null)
        {
            return [];
        }

        var members = new HashSet<int>(await MatchingAsync(topic.Definition, cancellationToken));
        if (topic.Actors.Count > 0)
        {
            var actors = topic.Actors;
            members.UnionWith(await db.Annotations.AsNoTracking().ApprovedAndPlaced()
                .Where(a => a.Kind == AnnotationKind.ActorMention && a.ActorId != null && actors.Contains(a.ActorId.Value))
                .Select(a => a.ArticleId).Distinct().ToListAsync(cancellationToken));
        }

        members.UnionWith(topic.Picks.Where(p => p.Included).Select(p => p.ArticleId));
        members.ExceptWith(topic.Picks.Where(p => !p.Included).Select(p => p.ArticleId));
        return [.. members.Order()];
    }

    /// <summary>The member articles of every published topic named by slug (any of them), for the <c>topic:</c> search
    /// filter. The index does not know who is searching, so staff-only topics match nothing there.</summary>
    public async Task<IReadOnlyList<int>> ArticleIdsForSlugsAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        var wanted = slugs.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
        var ids = await db.Topics.AsNoTracking().Published().Where(t => wanted.Contains(t.Slug)).Select(t => t.Id).ToListAsync(cancellationToken);
        var members = new HashSet<int>();
        foreach (var id in ids)
        {
            members.UnionWith(await ArticleIdsAsync(id, cancellationToken));
        }

        return [.. members.Order()];
    }

    /// <summary>Published claims that appear in any of the articles, by id.</summary>
    public async Task<IReadOnlyList<int>> ClaimIdsAsync(IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0)
        {
            return [];
        }

        var ids = articleIds.ToList();
        return await db.Annotations.AsNoTracking().Public()
            .Where(a => a.Kind == AnnotationKind.Claim && a.ClaimId != null && ids.Contains(a.ArticleId))
            .Select(a => a.ClaimId!.Value).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
    }

    /// <summary>What a saved search would take in, before it is saved (the edit page's preview): article ids, newest first.</summary>
    public Task<List<int>> SearchMatchesAsync(string? definition, CancellationToken cancellationToken) => MatchingAsync(definition, cancellationToken);

    /// <summary>Articles matching a saved search, newest first, up to <see cref="MaxSearchMatches"/>. A definition
    /// that names topics itself is read without them, so topics cannot be defined in terms of each other.</summary>
    private async Task<List<int>> MatchingAsync(string? definition, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(definition))
        {
            return [];
        }

        var query = SearchQueryParser.Parse(definition) with { Topics = [] };
        if (!query.HasText && !query.HasFilters)
        {
            return [];
        }

        var ids = new List<int>();
        string? after = null;
        do
        {
            var page = await search.SearchAsync(new SearchRequest(query, SearchSort.Newest, after, SearchPageSize), cancellationToken);
            ids.AddRange(page.Hits.Select(h => h.ArticleId));
            after = page.NextCursor;
        }
        while (after is not null && ids.Count < MaxSearchMatches);

        return ids.Count > MaxSearchMatches ? ids[..MaxSearchMatches] : ids;
    }
}

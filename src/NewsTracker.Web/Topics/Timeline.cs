using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Topics;

/// <summary>What a timeline entry is.</summary>
public enum TimelineEntryKind
{
    Article,
    Claim,
    Milestone,
}

/// <summary>
/// A topic's timeline: its member articles, the published claims that appear in them and its milestones, each
/// at one moment, for the topic page, its API, the embed and the feed. The page, embed and API share this one
/// query; ordering, grouping by day and filters are <see cref="TimelineView"/>.
/// </summary>
public static class Timeline
{
    /// <summary>A timeline by topic slug, as <paramref name="Viewer"/> may see it (unpublished topics are staff-only).</summary>
    public sealed record Query(string Slug, Editor Viewer) : IRequest<Result>;

    /// <summary>The topic's head and every entry, oldest first.</summary>
    public sealed record Result(TopicHead Topic, IReadOnlyList<TimelineEntry> Entries, IReadOnlyList<ActorRef> Actors)
    {
        /// <summary>What a cached copy of this timeline shows (see <see cref="ContentScope"/>): the topic, its member
        /// articles, the actors it chooses, and new articles when a saved search defines it.</summary>
        public IReadOnlyList<string> CacheTags { get; init; } = [];

        public int ArticleCount => Entries.Count(e => e.Kind == TimelineEntryKind.Article);

        public int ClaimCount => Entries.Count(e => e.Kind == TimelineEntryKind.Claim);

        /// <summary>When the newest entry happened or changed, or when the topic changed if later: the feed's <c>updated</c>.</summary>
        public DateTime UpdatedUtc => Entries.Select(e => e.UpdatedUtc).Append(Topic.UpdatedUtc).Max();
    }

    public sealed record TopicHead(int Id, string Name, string Slug, string? Description, string? Definition, bool IsPublished, DateTime UpdatedUtc);

    public sealed record ActorRef(int Id, string Name);

    /// <summary>
    /// One entry. <see cref="AtUtc"/> places it on the timeline (an article's publication or storage time, a
    /// claim's publication, a milestone's day); <see cref="UpdatedUtc"/> is when it last changed, for feeds and
    /// "new since your last visit". <see cref="ActorIds"/> are the actors it involves, for the actor filter.
    /// </summary>
    public sealed record TimelineEntry(
        TimelineEntryKind Kind,
        int Id,
        DateTime AtUtc,
        DateTime UpdatedUtc,
        string Title,
        string? Excerpt,
        string? Outlet,
        string? Link,
        string? ArticleSlug,
        string? Claimant,
        Verdict? Verdict,
        IReadOnlyList<string> Sources,
        IReadOnlyList<int> ActorIds)
    {
        /// <summary>An article whose page gave no publication date: <see cref="AtUtc"/> is when it was stored, so
        /// it sits in the timeline's separate undated group, never on the day it was stored.</summary>
        public bool IsUndated { get; init; }

        /// <summary>For articles: the story (event) the article is in, so a day shows one entry per story.</summary>
        public int? StoryId { get; init; }

        /// <summary>A stable identifier, the same in the page, the API and the feed.</summary>
        public string Key => $"{Kind.ToString().ToLowerInvariant()}-{Id.ToString(CultureInfo.InvariantCulture)}";

        /// <summary>Where the entry leads on this site: the article, or the milestone's own link.</summary>
        public string? Href => Kind switch
        {
            TimelineEntryKind.Article => $"/articles/{Id}/{ArticleSlug}",
            TimelineEntryKind.Milestone => Link,
            _ => null,
        };
    }

    /// <summary>Finds a topic the viewer may see, or throws <see cref="NotFoundException"/>.</summary>
    public static async Task<Topic> FindVisibleAsync(NewsTrackerDbContext db, string slug, Editor viewer, CancellationToken cancellationToken)
    {
        var normalized = slug.Trim().ToLowerInvariant();
        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == normalized, cancellationToken);
        return topic is not null && viewer.CanSee(topic)
            ? topic
            : throw new NotFoundException("There is no such topic.");
    }

    public sealed class Handler(NewsTrackerDbContext db, TopicMembership membership, VerdictScale verdicts) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var topic = await FindVisibleAsync(db, request.Slug, request.Viewer, cancellationToken);
            var articleIds = (await membership.ArticleIdsAsync(topic.Id, cancellationToken)).ToList();
            var claimIds = (await membership.ClaimIdsAsync(articleIds, cancellationToken)).ToList();

            var articles = await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Slug, a.Title, a.Excerpt, Outlet = a.Outlet!.Name, a.SortUtc, a.UpdatedUtc, a.Url, IsUndated = a.PublishedUtc == null, a.StoryId })
                .ToListAsync(cancellationToken);
            var mentions = await db.Annotations.AsNoTracking().ApprovedAndPlaced()
                .Where(a => a.Kind == AnnotationKind.ActorMention && a.ActorId != null && articleIds.Contains(a.ArticleId))
                .Select(a => new { a.ArticleId, ActorId = a.ActorId!.Value })
                .Distinct().ToListAsync(cancellationToken);
            var actorsByArticle = mentions.ToLookup(m => m.ArticleId, m => m.ActorId);

            var claims = await db.Claims.AsNoTracking().Where(c => claimIds.Contains(c.Id))
                .Select(c => new
                {
                    c.Id,
                    c.Statement,
                    c.ClaimantId,
                    Claimant = c.Claimant!.Name,
                    c.Verdict,
                    c.PublishedUtc,
                    c.UpdatedUtc,
                    Sources = c.Sources.Select(s => s.Source!.Description).ToList(),
                })
                .ToListAsync(cancellationToken);
            var milestones = await db.Milestones.AsNoTracking().Where(m => m.TopicId == topic.Id).ToListAsync(cancellationToken);

            var entries = new List<TimelineEntry>(articles.Count + claims.Count + milestones.Count);
            entries.AddRange(articles.Select(a => new TimelineEntry(
                TimelineEntryKind.Article, a.Id, a.SortUtc, a.UpdatedUtc, a.Title, a.Excerpt, a.Outlet, a.Url, a.Slug, null, null, [], [.. actorsByArticle[a.Id]])
            {
                IsUndated = a.IsUndated,
                StoryId = a.StoryId,
            }));
            entries.AddRange(claims.Select(c => new TimelineEntry(
                TimelineEntryKind.Claim, c.Id, c.PublishedUtc ?? c.UpdatedUtc, c.UpdatedUtc, c.Statement, null, null, null, null, c.Claimant,
                verdicts.Describe(c.Verdict), c.Sources, c.ClaimantId is { } claimant ? [claimant] : [])));
            entries.AddRange(milestones.Select(m => new TimelineEntry(
                TimelineEntryKind.Milestone, m.Id, m.DayUtc, m.UpdatedUtc, m.Text, null, null, m.Url, null, null, null, [], [])));
            entries.Sort(TimelineView.Oldest);

            var actorIds = entries.SelectMany(e => e.ActorIds).Distinct().ToList();
            var actors = await db.Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id)).OrderBy(a => a.Name)
                .Select(a => new ActorRef(a.Id, a.Name)).ToListAsync(cancellationToken);

            var chosenActors = await db.TopicActors.AsNoTracking().Where(t => t.TopicId == topic.Id).Select(t => t.ActorId).ToListAsync(cancellationToken);
            List<string> tags = [ContentScope.Topic(topic.Id), .. articleIds.Select(ContentScope.Article), .. chosenActors.Select(ContentScope.Actor)];
            if (!string.IsNullOrWhiteSpace(topic.Definition))
            {
                tags.Add(ContentScope.SearchTopics);
            }

            return new Result(
                new TopicHead(topic.Id, topic.Name, topic.Slug, topic.Description, topic.Definition, topic.IsPublished, topic.UpdatedUtc),
                entries,
                actors)
            {
                CacheTags = tags,
            };
        }
    }
}

/// <summary>Orders, filters and groups timeline entries by UTC day: plain functions, shared by the page, the
/// embed and the API.</summary>
public static class TimelineView
{
    /// <summary>Oldest first; on the same instant milestones, then articles, then claims; then by id.</summary>
    public static readonly Comparison<Timeline.TimelineEntry> Oldest = (x, y) =>
    {
        var byTime = x.AtUtc.CompareTo(y.AtUtc);
        if (byTime != 0)
        {
            return byTime;
        }

        var byKind = Rank(x.Kind).CompareTo(Rank(y.Kind));
        return byKind != 0 ? byKind : x.Id.CompareTo(y.Id);
    };

    /// <summary>The entries as days, oldest or newest day first (entries inside a day in the same direction),
    /// keeping only the given kinds (all when empty) and entries involving the actor (milestones always stay).</summary>
    public static IReadOnlyList<TimelineDay> Days(IEnumerable<Timeline.TimelineEntry> entries, bool newestFirst, IReadOnlyCollection<TimelineEntryKind>? kinds = null, int? actorId = null)
    {
        var kept = entries
            .Where(e => kinds is null || kinds.Count == 0 || kinds.Contains(e.Kind))
            .Where(e => actorId is null || e.Kind == TimelineEntryKind.Milestone || e.ActorIds.Contains(actorId.Value))
            .ToList();
        kept.Sort(Oldest);
        if (newestFirst)
        {
            kept.Reverse();
        }

        // Articles without a publication date are not placed on the day they were stored: they get a group of their own, last.
        var days = kept.Where(e => !e.IsUndated).GroupBy(e => DateOnly.FromDateTime(e.AtUtc))
            .Select(g => new TimelineDay(g.Key, g.ToList()))
            .ToList();
        var undated = kept.Where(e => e.IsUndated).ToList();
        if (undated.Count > 0)
        {
            days.Add(new TimelineDay(DateOnly.MinValue, undated) { IsUndated = true });
        }

        return days;
    }

    /// <summary>A day's entries with the articles of one story gathered under the first of them (in the day's order):
    /// "3 outlets: A, B, C" instead of a card per copy. Claims and milestones stay entries of their own.</summary>
    public static IReadOnlyList<TimelineGroup> ByStory(IReadOnlyList<Timeline.TimelineEntry> entries)
    {
        var groups = new List<TimelineGroup>(entries.Count);
        var byStory = new Dictionary<int, int>();
        foreach (var entry in entries)
        {
            if (entry is { Kind: TimelineEntryKind.Article, StoryId: { } story } && byStory.TryGetValue(story, out var index))
            {
                groups[index] = groups[index] with { Others = [.. groups[index].Others, entry] };
                continue;
            }

            if (entry is { Kind: TimelineEntryKind.Article, StoryId: { } newStory })
            {
                byStory[newStory] = groups.Count;
            }

            groups.Add(new TimelineGroup(entry, []));
        }

        return groups;
    }

    /// <summary>The fragment that links to a day: <c>day-2025-02-14</c>.</summary>
    public static string Anchor(DateOnly day) => "day-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads entry kinds from a query value like <c>article,claim</c>; unknown words are ignored.</summary>
    public static IReadOnlyList<TimelineEntryKind> ParseKinds(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => Enum.TryParse<TimelineEntryKind>(k, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : (TimelineEntryKind?)null)
            .OfType<TimelineEntryKind>().Distinct().ToList();

    private static int Rank(TimelineEntryKind kind) => kind switch
    {
        TimelineEntryKind.Milestone => 0,
        TimelineEntryKind.Article => 1,
        _ => 2,
    };
}

/// <summary>The entries of one UTC day, or the group of undated articles.</summary>
public sealed record TimelineDay(DateOnly Day, IReadOnlyList<Timeline.TimelineEntry> Entries)
{
    /// <summary>The group of articles whose publication date is unknown (<see cref="Day"/> means nothing then).</summary>
    public bool IsUndated { get; init; }

    public string Anchor => IsUndated ? "undated" : TimelineView.Anchor(Day);
}

/// <summary>One entry of a timeline day, with the same story's other articles of that day gathered under it.</summary>
public sealed record TimelineGroup(Timeline.TimelineEntry Lead, IReadOnlyList<Timeline.TimelineEntry> Others)
{
    /// <summary>The outlets of the group's articles, each once, in order.</summary>
    public IReadOnlyList<string> Outlets => new[] { Lead }.Concat(Others).Select(e => e.Outlet).OfType<string>().Distinct().ToList();
}

using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Stories;

/// <summary>
/// Which articles were a story's first report: the earliest dated article of its story (the id breaks ties, as
/// on the story page) in a story that another outlet also covered. An article without a publication date is
/// never a first report: when it was stored says nothing about when it was published. A story only one
/// outlet reported is nobody's scoop, so it does not count.
/// </summary>
public static class FirstReports
{
    public static IQueryable<Article> Of(NewsTrackerDbContext db) => db.Articles.Where(a =>
        a.PublishedUtc != null
        && !db.Articles.Any(earlier => earlier.StoryId == a.StoryId && earlier.PublishedUtc != null
            && (earlier.SortUtc < a.SortUtc || (earlier.SortUtc == a.SortUtc && earlier.Id < a.Id)))
        && db.Articles.Any(other => other.StoryId == a.StoryId && other.OutletId != a.OutletId));
}

using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Stories;

/// <summary>
/// Which articles were a story's first report: the earliest article of its story (published time, else
/// stored time; the id breaks ties, as on the story page) in a story that another outlet also covered.
/// A story only one outlet reported is nobody's scoop, so it does not count.
/// </summary>
public static class FirstReports
{
    public static IQueryable<Article> Of(NewsTrackerDbContext db) => db.Articles.Where(a =>
        !db.Articles.Any(earlier => earlier.StoryId == a.StoryId && (earlier.SortUtc < a.SortUtc || (earlier.SortUtc == a.SortUtc && earlier.Id < a.Id)))
        && db.Articles.Any(other => other.StoryId == a.StoryId && other.OutletId != a.OutletId));
}

namespace NewsTracker.Web.Domain;

/// <summary>Mentions of one actor in the dated articles of one calendar month (UTC), and in how many articles, as staff
/// and as readers see them; kept by <c>Tagging/ActorCounts</c> for the actor page's totals and chart.</summary>
public sealed class ActorMonth
{
    public int ActorId { get; set; }

    /// <summary>Year × 100 + month, as <see cref="OutletMonth.Month"/>.</summary>
    public int Month { get; set; }

    public int Mentions { get; set; }

    public int Articles { get; set; }

    public int ApprovedMentions { get; set; }

    public int ApprovedArticles { get; set; }
}

namespace NewsTracker.Web.Ingestion;

/// <summary>The one rule for an article's published date: not before 1800 and not more than a day ahead (a day
/// covers every time zone). A date someone gives is refused with <see cref="Problem"/>; a date a page or feed states
/// is kept only when plausible, otherwise the article's date is unknown, so a year-9999 page cannot pin itself to the
/// top of every list.</summary>
public static class PublishedDates
{
    public static readonly DateTime Earliest = new(1800, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    /// <summary>What is wrong with <paramref name="utc"/> as a published date, or null.</summary>
    public static string? Problem(DateTime utc, DateTime nowUtc) =>
        utc < Earliest ? "The published date is before 1800. Check the year, or leave the date empty if it is unknown."
        : utc > nowUtc + FutureTolerance ? "The published date is more than a day in the future. Check the year, or leave the date empty if it is unknown."
        : null;

    /// <summary><paramref name="utc"/> when it is plausible, otherwise null (unknown).</summary>
    public static DateTime? PlausibleOrNull(DateTime? utc, DateTime nowUtc) =>
        utc is { } date && Problem(date, nowUtc) is null ? date : null;
}

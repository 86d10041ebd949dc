using System.Globalization;

namespace NewsTracker.Web.Pages;

/// <summary>
/// How an article's date reads wherever it is shown: the day it was published, or, when the page gave no date,
/// "date unknown · added 7 Dec 2026": the day it was stored is never passed off as a publication date.
/// </summary>
public static class ArticleDates
{
    public const string Unknown = "date unknown";

    /// <summary>"7 Dec 2026", or "date unknown · added 7 Dec 2026".</summary>
    public static string Describe(DateTime sortUtc, bool isPublished, string format = "d MMM yyyy") =>
        isPublished ? sortUtc.ToString(format, CultureInfo.InvariantCulture) : $"{Unknown} · added {sortUtc.ToString(format, CultureInfo.InvariantCulture)}";

    /// <summary>The tooltip: "Published 2026-12-07 09:30:00Z" or "Publication date unknown; added …".</summary>
    public static string Title(DateTime sortUtc, bool isPublished) =>
        (isPublished ? "Published " : "Publication date unknown; added ") + sortUtc.ToString("u", CultureInfo.InvariantCulture);
}

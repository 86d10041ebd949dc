namespace NewsTracker.Web.Pages;

/// <summary>What the shared meta line under an article title shows.</summary>
public sealed record ArticleMeta(int? OutletId, string? Outlet, string? Byline, DateTime Date, bool IsPublished, int Version);

namespace NewsTracker.Web.Pages;

/// <summary>What the shared meta line under an article title shows; <paramref name="Agency"/> is the wire credit beside the byline.</summary>
public sealed record ArticleMeta(int? OutletId, string? Outlet, string? Byline, DateTime Date, bool IsPublished, int Version, string? Agency = null);

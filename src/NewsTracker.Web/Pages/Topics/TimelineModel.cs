using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>What the shared timeline partial draws: the days, the viewer's last visit (for "new" marks) and
/// where links open (the embed opens them outside its frame).</summary>
public sealed record TimelineModel(IReadOnlyList<TimelineDay> Days, DateTime? LastSeenUtc, bool Filtered, string? LinkTarget = null);

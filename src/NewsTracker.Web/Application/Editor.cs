using System.Security.Claims;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Application;

/// <summary>Who is asking, as the tagging commands see it. Anonymous visitors and readers see published work
/// only; journalists propose; editors (and admins) tag, review, publish and merge.</summary>
public sealed record Editor(string? UserId, string? UserName, bool IsJournalist, bool IsEditor)
{
    /// <summary>Nobody signed in.</summary>
    public static Editor Anonymous { get; } = new(null, null, false, false);

    /// <summary>The system itself (re-anchoring, seeding, the command line).</summary>
    public static Editor System { get; } = new(null, "system", true, true);

    /// <summary>Journalists and editors may propose tags; editors' tags are approved at once.</summary>
    public bool CanPropose => IsJournalist || IsEditor;

    /// <summary>Whether this person sees drafts, proposals and orphans (staff), or only published work.</summary>
    public bool IsStaff => CanPropose;

    public static Editor From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var isEditor = user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin);
        return new Editor(
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.Identity.Name,
            isEditor || user.IsInRole(Roles.Journalist),
            isEditor);
    }
}

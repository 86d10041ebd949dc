using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Claims;

/// <summary>A page of the audit log for the history panel of a claim or an actor, and the address of the page
/// it is shown on (for the link to older changes).</summary>
public sealed record HistoryView(History.Page Page, string PageUrl, bool Open)
{
    /// <summary>Consecutive entries of one change (one command), newest change first.</summary>
    public IReadOnlyList<IReadOnlyList<History.Entry>> Changes()
    {
        var changes = new List<IReadOnlyList<History.Entry>>();
        List<History.Entry>? current = null;
        foreach (var entry in Page.Entries)
        {
            if (current is null || current[0].ChangeId != entry.ChangeId)
            {
                current = [];
                changes.Add(current);
            }

            current.Add(entry);
        }

        return changes;
    }
}

using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// Moves an article's tags onto its new version when ingestion stores one: the same position when the quote
/// is still there, else the quote found by its context, else a bounded fuzzy match (see <see cref="Reanchorer"/>).
/// Tags that cannot be placed become orphans, kept on their old version for an editor to re-attach or delete.
/// Runs inside the ingestion transaction, so an article never has tags pointing into a text it no longer shows.
/// The moves are audited as system changes that nobody's undo reverts.
/// </summary>
public sealed class ArticleReanchoring(NewsTrackerDbContext db, AuditContext audit, ILogger<ArticleReanchoring> logger)
{
    public sealed record Outcome(int Placed, int Orphaned);

    public async Task<Outcome> ReanchorAsync(int articleId, int newVersionId, string newText, CancellationToken cancellationToken)
    {
        var annotations = await db.Annotations
            .Where(a => a.ArticleId == articleId && !a.IsOrphaned && a.VersionId != newVersionId)
            .ToListAsync(cancellationToken);
        if (annotations.Count == 0)
        {
            return new Outcome(0, 0);
        }

        var wasUndoable = audit.Undoable;
        audit.Undoable = false;
        var placed = 0;
        var orphaned = 0;
        foreach (var group in annotations.GroupBy(a => a.VersionId))
        {
            var oldText = await db.ArticleVersions.Where(v => v.Id == group.Key).Select(v => v.PlainText).FirstAsync(cancellationToken);
            var tags = group.ToList();
            var results = Reanchorer.ReanchorAll(
                tags.Select(a => new TextAnchor(a.Start, a.End, a.Exact, a.Prefix, a.Suffix)).ToList(), oldText, newText);
            for (var i = 0; i < tags.Count; i++)
            {
                var tag = tags[i];
                switch (results[i])
                {
                    case ReanchorResult.Placed p:
                        tag.VersionId = newVersionId;
                        tag.Start = p.Anchor.Start;
                        tag.End = p.Anchor.End;
                        tag.Exact = p.Anchor.Exact;
                        tag.Prefix = p.Anchor.Prefix;
                        tag.Suffix = p.Anchor.Suffix;
                        tag.AnchorMethod = p.Method == AnchorMethod.Fuzzy ? $"Fuzzy {p.Similarity:0.00}" : p.Method.ToString();
                        placed++;
                        break;
                    case ReanchorResult.Orphaned o:
                        tag.IsOrphaned = true;
                        tag.OrphanReason = o.Reason.Length <= 500 ? o.Reason : o.Reason[..500];
                        orphaned++;
                        break;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        audit.Undoable = wasUndoable;
        logger.LogInformation("Re-anchored the tags of article {ArticleId}: {Placed} placed, {Orphaned} orphaned", articleId, placed, orphaned);
        return new Outcome(placed, orphaned);
    }
}

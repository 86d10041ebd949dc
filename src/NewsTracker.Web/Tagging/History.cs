using System.Globalization;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Stories;

namespace NewsTracker.Web.Tagging;

/// <summary>The audit log read back: an article's, a claim's or an actor's history, and undo of a person's
/// last change.</summary>
public static class History
{
    /// <summary>The most entries one history page shows.</summary>
    public const int PageSize = 100;

    public enum Subject
    {
        Article,
        Claim,
        Actor,
    }

    /// <summary>Entries about one article, claim or actor, newest first; <paramref name="Before"/> pages on.</summary>
    public sealed record Query(Subject Of, int Id, long? Before = null) : IRequest<Page>;

    public sealed record Change(string Field, string? Before, string? After);

    public sealed record Entry(long Id, Guid ChangeId, string EntityType, string EntityKey, string Action, string? Summary, string? UserName, DateTime AtUtc, bool Undone, IReadOnlyList<Change> Changes)
    {
        /// <summary>The changes in the newsroom's words (<see cref="HistoryWords"/>).</summary>
        public IReadOnlyList<string> Words { get; init; } = [];
    }

    public sealed record Page(IReadOnlyList<Entry> Entries, long? NextBefore);

    /// <summary>Undoes the caller's newest change that is not undone yet.</summary>
    public sealed record Undo : ICommand<Undone>;

    public sealed record Undone(int Reverted, string Summary, int? ArticleId, int? ClaimId);

    /// <summary>What the caller's undo would revert, for the button's label; null when there is nothing.</summary>
    public sealed record LastChange : IRequest<string?>;

    /// <summary>Fields every tag row has that are bookkeeping, not content: left out of the diff.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        nameof(ITagEntity.ConcurrencyStamp), nameof(ITagEntity.UpdatedUtc), nameof(ITagEntity.UpdatedByUserId),
        nameof(Annotation.CreatedUtc), nameof(Annotation.CreatedByUserId),
    };

    public sealed class QueryHandler(NewsTrackerDbContext db) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var entries = request.Of switch
            {
                Subject.Article => db.AuditEntries.Where(e => e.ArticleId == request.Id),
                Subject.Claim => db.AuditEntries.Where(e => e.ClaimId == request.Id),
                _ => db.AuditEntries.Where(e => e.ActorId == request.Id),
            };
            if (request.Before is { } before)
            {
                entries = entries.Where(e => e.Id < before);
            }

            var rows = await entries.AsNoTracking().OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
            var page = rows.Take(PageSize).Select(e => new Entry(
                e.Id, e.ChangeId, e.EntityType, e.EntityKey, e.Action, e.Summary, e.UserName ?? "system", e.AtUtc, e.UndoneUtc is not null, Diff(e.Before, e.After))).ToList();

            // Actor ids in the changes become names, so the history can say "attached actor Vladimir Putin".
            var actorIds = page.SelectMany(e => e.Changes)
                .Where(c => c.Field is "ActorId" or "ClaimantId" or "MergedIntoId")
                .SelectMany(c => new[] { c.Before, c.After })
                .Select(v => int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
                .OfType<int>().Distinct().ToList();
            var names = actorIds.Count == 0 ? new Dictionary<int, string>()
                : await db.Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
            page = page.Select(e => e with { Words = HistoryWords.Describe(e, names) }).ToList();
            return new Page(page, rows.Count > PageSize ? page[^1].Id : null);
        }
    }

    /// <summary>The fields that differ between two recorded rows (all fields for a create or delete).</summary>
    public static IReadOnlyList<Change> Diff(string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        return b.Keys.Union(a.Keys).Where(k => !Bookkeeping.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => new Change(k, b.GetValueOrDefault(k), a.GetValueOrDefault(k)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))
            .ToList();
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            },
            StringComparer.Ordinal);
    }

    public sealed class LastChangeHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<LastChange, string?>
    {
        public async Task<string?> Handle(LastChange request, CancellationToken cancellationToken)
        {
            var userId = audit.Editor.UserId;
            if (userId is null)
            {
                return null;
            }

            var last = await db.AuditEntries.Where(e => e.UserId == userId && e.Undoable && e.UndoneUtc == null)
                .OrderByDescending(e => e.Id).Select(e => (Guid?)e.ChangeId).FirstOrDefaultAsync(cancellationToken);

            // What a wording decision taught is a side effect of the tag or dismissal it came with: name the change by that.
            return last is null ? null : await db.AuditEntries.Where(e => e.ChangeId == last)
                .OrderBy(e => e.EntityType == nameof(SuggestionFormDecision)).ThenByDescending(e => e.Id)
                .Select(e => e.Summary).FirstOrDefaultAsync(cancellationToken);
        }
    }

    public sealed class UndoHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<Undo, Undone>
    {
        public async Task<Undone> Handle(Undo request, CancellationToken cancellationToken)
        {
            var editor = audit.Editor;
            TagRules.RequireProposer(editor);
            var last = await db.AuditEntries.Where(e => e.UserId == editor.UserId && e.Undoable && e.UndoneUtc == null)
                .OrderByDescending(e => e.Id).Select(e => (Guid?)e.ChangeId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ValidationFailedException(string.Empty, "You have no change left to undo.");
            var entries = await db.AuditEntries.Where(e => e.ChangeId == last).OrderByDescending(e => e.Id).ToListAsync(cancellationToken);

            audit.Undoable = false;
            foreach (var entry in entries)
            {
                await RevertAsync(entry, cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var entry in entries)
            {
                entry.UndoneUtc = now;
            }

            await db.SaveChangesAsync(cancellationToken);

            // An undone story move (split, merge, move) puts articles back in their stories: the kept counts of both
            // stories follow in the same transaction, as they do for the move itself (ArchiveCounts).
            await ArchiveCounts.RefreshStoriesAsync(db, entries.Where(e => e.EntityType == nameof(Article)).SelectMany(StoryIds), cancellationToken);
            var first = entries.LastOrDefault(e => e.EntityType != nameof(SuggestionFormDecision)) ?? entries[^1];
            return new Undone(entries.Count, first.Summary ?? first.Action, entries.Select(e => e.ArticleId).FirstOrDefault(id => id is not null), entries.Select(e => e.ClaimId).FirstOrDefault(id => id is not null));
        }

        /// <summary>The stories an audited article change had it in before and after.</summary>
        private static IEnumerable<int> StoryIds(AuditEntry entry)
        {
            foreach (var json in new[] { entry.Before, entry.After })
            {
                if (json is null)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(json);
                if (document.RootElement.TryGetProperty(nameof(Article.StoryId), out var story) && story.TryGetInt32(out var id))
                {
                    yield return id;
                }
            }
        }

        private async Task RevertAsync(AuditEntry entry, CancellationToken cancellationToken)
        {
            var type = db.Model.GetEntityTypes().First(t => t.ClrType.Name == entry.EntityType);
            var key = type.FindPrimaryKey()!.Properties;
            var parts = entry.EntityKey.Split('/');
            var keyValues = key.Select((p, i) => Convert.ChangeType(parts[i], p.ClrType, CultureInfo.InvariantCulture)).ToArray();
            var current = await db.FindAsync(type.ClrType, keyValues, cancellationToken);
            var what = entry.EntityType.ToLowerInvariant();

            switch (entry.Action)
            {
                case AuditLog.Created:
                    if (current is null)
                    {
                        return; // removed since; nothing to take back
                    }

                    await EnsureUnchangedSinceAsync(entry, current, what, cancellationToken);
                    db.Remove(current);
                    break;

                case AuditLog.Deleted:
                    if (current is not null)
                    {
                        throw new ConflictException($"The {what} you removed has been put back by someone else; nothing was undone.");
                    }

                    var restored = Activator.CreateInstance(type.ClrType)!;
                    var added = db.Entry(restored);
                    Apply(type, added.CurrentValues, entry.Before!, null, restoreRow: true);
                    added.State = EntityState.Added;
                    break;

                default:
                    if (current is null)
                    {
                        throw new ConflictException($"The {what} you changed has since been removed by someone else; nothing was undone.");
                    }

                    await EnsureUnchangedSinceAsync(entry, current, what, cancellationToken);
                    Apply(type, db.Entry(current).CurrentValues, entry.Before!, entry.After, restoreRow: false);
                    break;
            }
        }

        /// <summary>Refuses to undo over a person's later change to the same row; later system changes
        /// (re-anchoring) do not block it.</summary>
        private async Task EnsureUnchangedSinceAsync(AuditEntry entry, object current, string what, CancellationToken cancellationToken)
        {
            if (current is not ITagEntity tag || entry.After is null)
            {
                return;
            }

            using var document = JsonDocument.Parse(entry.After);
            if (!document.RootElement.TryGetProperty(nameof(ITagEntity.ConcurrencyStamp), out var stamp) || stamp.GetGuid() == tag.ConcurrencyStamp)
            {
                return;
            }

            var changedByPerson = await db.AuditEntries.AnyAsync(
                e => e.EntityType == entry.EntityType && e.EntityKey == entry.EntityKey && e.Id > entry.Id && e.ChangeId != entry.ChangeId && e.Undoable && e.UndoneUtc == null,
                cancellationToken);
            if (changedByPerson)
            {
                throw await TagRules.ConflictAsync(db, tag, what, cancellationToken);
            }
        }

        /// <summary>Writes recorded values back: all of them for a deleted row (exactly as it was, stamp included);
        /// for an update only the fields that change altered, so later system moves of the span stay.</summary>
        private static void Apply(IEntityType type, Microsoft.EntityFrameworkCore.ChangeTracking.PropertyValues values, string before, string? after, bool restoreRow)
        {
            using var beforeDocument = JsonDocument.Parse(before);
            using var afterDocument = after is null ? null : JsonDocument.Parse(after);
            foreach (var property in type.GetProperties())
            {
                if (!beforeDocument.RootElement.TryGetProperty(property.Name, out var value))
                {
                    continue;
                }

                var restore = restoreRow
                    || property.Name == nameof(ITagEntity.ConcurrencyStamp)
                    || (!property.IsPrimaryKey() && !Bookkeeping.Contains(property.Name)
                        && afterDocument is not null
                        && (!afterDocument.RootElement.TryGetProperty(property.Name, out var changed) || changed.GetRawText() != value.GetRawText()));
                if (restore)
                {
                    values[property] = value.Deserialize(property.ClrType, AuditLog.Json);
                }
            }
        }
    }
}

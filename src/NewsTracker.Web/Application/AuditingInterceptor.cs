using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Application;

/// <summary>
/// What every save through a scope's DbContext also writes: an <see cref="AuditEntry"/> for each changed tagging row
/// (<see cref="AuditLog"/>) and, when readers' pages go stale, a <see cref="ContentChange"/> row that other instances
/// watch; and it keeps the actor page's counts (<see cref="ActorCounts"/>) in step with the mention tags. One per scope, registered by <see cref="MediatorRegistration"/>; a DbContext built outside the container
/// (design time, tools) has none and saves plainly.
/// </summary>
public sealed class AuditingInterceptor(AuditContext audit, TimeProvider clock, ContentChangeLog ownChanges) : SaveChangesInterceptor
{
    private List<AuditLog.Pending> _pending = [];
    private ContentChange? _change;
    private ActorCounts.Pending? _actorCounts;
    private DateTime _now;

    /// <summary>Set when a save with audit entries ran outside any transaction: it and its entries commit together.</summary>
    private IDbContextTransaction? _ownTransaction;

    /// <summary>True while the entries themselves are being saved, which must not be audited again.</summary>
    private bool _savingEntries;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_savingEntries || eventData.Context is not NewsTrackerDbContext db)
        {
            return result;
        }

        _now = clock.GetUtcNow().UtcDateTime;
        _pending = AuditLog.Capture(db, audit, _now, out var changed);
        _actorCounts = ActorCounts.Pending.Capture(db);
        // Inside a command's transaction the first save writes the row and later ones only widen the command's scope
        // (AuditContext.Changes, which Capture just did), so a batch of a hundred articles writes one row, not a hundred.
        _change = changed is null || audit.ChangeRow is not null ? null : db.ContentChanges.Add(new ContentChange { ChangedUtc = _now, Scope = changed.ToStored() }).Entity;

        // Keys of inserted rows are known only after the save, so the entries follow in a second save; both run in
        // the command's transaction, or in one of their own when there is none.
        if (_pending.Count > 0 && db.Database.CurrentTransaction is null)
        {
            _ownTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_savingEntries || eventData.Context is not NewsTrackerDbContext db)
        {
            return result;
        }

        // Only a command's changes are evicted by this instance when it commits (ContentChangedBehavior); the
        // shared invalidation loop must treat every other save like another instance's.
        if (_change is not null && audit.InCommand)
        {
            ownChanges.Wrote(_change.Id);
            if (audit.InCommandTransaction)
            {
                audit.ChangeRow = (_change.Id, _change.Scope);
            }
        }

        var pending = _pending;
        var actorCounts = _actorCounts;
        _pending = [];
        _change = null;
        _actorCounts = null;
        if (actorCounts is { IsEmpty: false })
        {
            // Tags are audited, so this save runs in a transaction (the command's, or the one begun above), and the
            // counts commit or roll back with the tags.
            try
            {
                await ActorCounts.RefreshAsync(db, actorCounts.ArticleIds, cancellationToken);
            }
            catch
            {
                await EndOwnTransactionAsync();
                throw;
            }
        }

        if (pending.Count == 0)
        {
            return result;
        }

        try
        {
            db.AuditEntries.AddRange(AuditLog.Complete(pending, audit, _now));
            _savingEntries = true;
            await db.SaveChangesAsync(cancellationToken);
            if (_ownTransaction is not null)
            {
                await _ownTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            _savingEntries = false;
            await EndOwnTransactionAsync();
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (_savingEntries)
        {
            return;
        }

        _pending = [];
        _change = null;
        _actorCounts = null;
        await EndOwnTransactionAsync();
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        // A synchronous save would need a synchronous copy of all the above. The one caller is the Data Protection key
        // store (it saves keys synchronously), and key rows are neither audited nor content.
        eventData.Context is null || eventData.Context.ChangeTracker.Entries().All(e => e.State == EntityState.Unchanged || e.Entity is DataProtectionKey)
            ? result
            : throw new NotSupportedException("Use SaveChangesAsync: it writes the audit log.");

    private async Task EndOwnTransactionAsync()
    {
        if (_ownTransaction is not null)
        {
            // Disposing a transaction that was not committed rolls it back.
            await _ownTransaction.DisposeAsync();
            _ownTransaction = null;
        }
    }
}

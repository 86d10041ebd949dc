using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using Npgsql;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Application;

/// <summary>Innermost behavior: a command runs in one write transaction (and is one change in the audit log), committed only if the handler
/// succeeds. On SQLite the transaction begins IMMEDIATE, so it takes the write lock up front and can
/// never fail with SQLITE_BUSY when a read would upgrade to a write. On PostgreSQL commands run side by side, and one that
/// lost a race with another (a row changed under it, a serialization failure, a deadlock, a duplicate key) is a 409
/// "changed by someone else", like a stale stamp; nothing of it is saved. Queries pass through.</summary>
public sealed class TransactionBehavior<TRequest, TResponse>(NewsTrackerDbContext db, AuditContext audit)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        audit.BeginChange();
        try
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var response = await next();
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return response;
        }
        catch (Exception ex) when (LostARace(ex))
        {
            throw new ConflictException("Someone else changed this at the same moment, so nothing was saved. Reload and try again.");
        }
    }

    /// <summary>True for the errors a concurrent writer causes: EF's optimistic concurrency check, and PostgreSQL's
    /// serialization failure (40001), deadlock (40P01) and unique violation (23505), however EF wrapped them.</summary>
    private static bool LostARace(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation } => true,
        { InnerException: { } inner } => LostARace(inner),
        _ => false,
    };
}

using MediatR;
using NewsTracker.Web.Data;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Application;

/// <summary>Innermost behavior: a command runs in one write transaction (and is one change in the audit log), committed only if the handler
/// succeeds. On SQLite the transaction begins IMMEDIATE, so it takes the write lock up front and can
/// never fail with SQLITE_BUSY when a read would upgrade to a write. Queries pass through.</summary>
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
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        var response = await next();
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}

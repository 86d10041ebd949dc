using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using Npgsql;

namespace NewsTracker.Web.Application;

/// <summary>
/// Innermost behavior: a command runs in one write transaction (and is one change in the audit log), committed only
/// if the handler succeeds. On SQLite the transaction begins IMMEDIATE, so it takes the write lock up front and can
/// never fail with SQLITE_BUSY when a read would upgrade to a write. On PostgreSQL commands run side by side under
/// SERIALIZABLE; one that lost a race (a serialization failure or a deadlock) is run again from the start, up to
/// <see cref="Attempts"/> times, as PostgreSQL advises: the retry reads the newest rows, so it either succeeds or
/// meets the real conflict (a stale stamp) and says so. A race that is still lost, a duplicate key, or EF's
/// concurrency check is a 409 "changed by someone else"; nothing of the command is saved. Queries pass through.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(NewsTrackerDbContext db, AuditContext audit)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <summary>How many times a command that lost a race on PostgreSQL is tried in all.</summary>
    public const int Attempts = 3;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        for (var attempt = 1; ; attempt++)
        {
            audit.BeginChange();
            try
            {
                await using var transaction = await db.BeginWriteTransactionAsync(request is IReadCommittedCommand, cancellationToken);
                var response = await next();
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return response;
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex))
            {
                // Forget what the failed attempt loaded or changed, and let the other transaction finish first.
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), cancellationToken);
            }
            catch (Exception ex) when (LostARace(ex))
            {
                throw new ConflictException("Someone else changed this at the same moment, so nothing was saved. Reload and try again.");
            }
        }
    }

    /// <summary>PostgreSQL's serialization failure (40001) and deadlock (40P01): nothing was wrong with the command,
    /// only its timing.</summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    /// <summary>The transient errors, PostgreSQL's unique violation (23505) and EF's optimistic concurrency check,
    /// however EF wrapped them.</summary>
    private static bool LostARace(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ when IsTransient(ex) => true,
        { InnerException: { } inner } => LostARace(inner),
        _ => false,
    };
}

using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using Npgsql;

namespace NewsTracker.Web.Application;

/// <summary>
/// Innermost behavior: a command runs in one write transaction (and is one change in the audit log), committed only
/// if the handler succeeds. On SQLite the transaction begins IMMEDIATE, so it takes the write lock up front and can
/// never fail with SQLITE_BUSY when a read would upgrade to a write. On PostgreSQL commands run side by side under
/// SERIALIZABLE (READ COMMITTED for an <see cref="IReadCommittedCommand"/>, which guards its rows itself; an
/// <see cref="IOneAtATimeCommand"/> first waits for its turn among its kind on every instance); one that
/// lost a race (a serialization failure, a deadlock, or a duplicate key another transaction inserted first) is run
/// again from the start, up to <see cref="Attempts"/> times after a random pause that grows with each attempt, as
/// PostgreSQL advises: the retry reads the newest rows, so it either succeeds, finds the other's row (a duplicate is
/// then a duplicate), or meets the real conflict (a stale stamp) and says so. So a 409 "changed by someone else"
/// means a conflicting edit (EF's concurrency check, a stale stamp), or a race lost every time; nothing of the
/// command is saved. Queries pass through.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(NewsTrackerDbContext db, AuditContext audit)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <summary>How many times a command that lost a race on PostgreSQL is tried in all.</summary>
    public const int Attempts = 8;

    /// <summary>The PostgreSQL advisory lock that <see cref="IOneAtATimeCommand"/>s take turns on ("NTST").</summary>
    public const long OneAtATimeLockKey = 0x4E54_5354;

    /// <summary>The first retry's longest pause; each further retry may wait twice as long, up to <see cref="MaxPause"/>.</summary>
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(500);

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
                await using var turn = request is IOneAtATimeCommand ? await db.TakeTurnAsync(OneAtATimeLockKey, cancellationToken) : null;
                await using var transaction = await db.BeginWriteTransactionAsync(request is IReadCommittedCommand, cancellationToken);
                audit.InTransaction(open: true);
                var response = await next();
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                // The command's saves shared one change-log row (AuditingInterceptor); it names every page they made stale.
                if (audit.ChangeRow is { } row && audit.Changes.ToStored() is var scope && scope != row.Scope)
                {
                    await db.ContentChanges.Where(c => c.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Scope, scope), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return response;
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex))
            {
                // Forget what the failed attempt loaded or changed, and let the other transaction finish first. A random
                // share of a growing ceiling ("full jitter") keeps the losers of one race from meeting again.
                db.ChangeTracker.Clear();
                await Task.Delay(Pause(attempt), cancellationToken);
            }
            catch (Exception ex) when (LostARace(ex))
            {
                throw new ConflictException("Someone else changed this at the same moment, so nothing was saved. Reload and try again.");
            }
            finally
            {
                audit.InTransaction(open: false);
            }
        }
    }

    /// <summary>How long to wait before attempt <paramref name="attempt"/> + 1: up to 10 ms, 20 ms, 40 ms … 500 ms.</summary>
    private static TimeSpan Pause(int attempt)
    {
        var ceiling = Math.Min(MaxPause.TotalMilliseconds, FirstPause.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(1 + (Random.Shared.NextDouble() * ceiling));
    }

    /// <summary>PostgreSQL's serialization failure (40001), deadlock (40P01) and unique violation (23505): nothing
    /// was wrong with the command, only its timing; run again, it sees the other transaction's rows.</summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation } => true,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    /// <summary>The transient errors and EF's optimistic concurrency check, however EF wrapped them.</summary>
    private static bool LostARace(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        _ when IsTransient(ex) => true,
        { InnerException: { } inner } => LostARace(inner),
        _ => false,
    };
}

using MediatR;

namespace NewsTracker.Web.Application;

/// <summary>A request that changes state: the pipeline wraps it in one write transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>
/// Marks a command whose rows are guarded explicitly, by row locks, leases or an owner filter in the UPDATE, rather
/// than by the transaction's isolation. On PostgreSQL it runs READ COMMITTED, where <c>FOR UPDATE SKIP LOCKED</c>
/// passes over rows another instance holds and an UPDATE re-checks its filter on the row's newest version; under
/// SERIALIZABLE both would fail with a serialization error instead. On SQLite nothing changes (commands run one at
/// a time). Only the feed poller's bookkeeping uses it.
/// </summary>
public interface IReadCommittedCommand;

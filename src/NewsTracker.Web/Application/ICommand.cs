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

/// <summary>
/// Marks a command that reads much to decide what to write (storing an article: dedupe by address, text and
/// near-duplicate keys) and so, under SERIALIZABLE beside another of its kind, would fail with a serialization error
/// even when the two have nothing to do with each other. On PostgreSQL such commands take turns across every
/// instance: a session advisory lock is taken before the transaction begins, so each one's snapshot includes the
/// previous one's commit and they never conflict with each other, while SERIALIZABLE still guards them against every
/// other command (a tag made on the version being replaced). READ COMMITTED would not: it takes no part in
/// serializable conflict checks (decision 0014). On SQLite every command takes turns already.
/// </summary>
public interface IOneAtATimeCommand;

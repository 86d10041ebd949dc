using MediatR;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Application;

/// <summary>Published once a command that changed what readers see has committed; the cached public pages in
/// <paramref name="Scope"/> handle it by evicting themselves.</summary>
public sealed record ContentChanged(ContentScope Scope) : INotification;

/// <summary>
/// Publishes <see cref="ContentChanged"/> after a command whose saves touched what readers see (articles, tags,
/// claims, actors, topics; not feed bookkeeping or tokens, so polling does not empty the cache). It runs outside the
/// transaction behavior, so the notification goes out after the commit and a request racing the command cannot cache
/// the old state again. A command sent from inside another one is part of the outer command's transaction, which is
/// still open when it returns; the outer command publishes once it commits.
/// </summary>
public sealed class ContentChangedBehavior<TRequest, TResponse>(AuditContext audit, NewsTrackerDbContext db, IMediator mediator)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (request is ICommand<TResponse> && audit.ContentChanged && db.Database.CurrentTransaction is null)
        {
            // The change is committed: the readers' pages must go even if this request is being abandoned.
            await mediator.Publish(new ContentChanged(audit.Changes), CancellationToken.None);
        }

        return response;
    }
}

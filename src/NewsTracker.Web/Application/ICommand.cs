using MediatR;

namespace NewsTracker.Web.Application;

/// <summary>A request that changes state: the pipeline wraps it in one write transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

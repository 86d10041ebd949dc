using System.Diagnostics;
using MediatR;

namespace NewsTracker.Web.Application;

/// <summary>Outermost behavior: logs each request's name, outcome and elapsed time, never its contents
/// (requests carry passwords and tokens).</summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    // Made once per request type rather than on every request.
    private static readonly string? Name = typeof(TRequest).FullName?.Replace("NewsTracker.Web.", string.Empty, StringComparison.Ordinal).Replace('+', '.');

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            if (logger.IsEnabled(LogLevel.Debug))
            {
                // Checked first: the call would box its arguments on every request even with Debug off.
                logger.LogDebug("Handled {RequestName} in {Elapsed:0.0} ms", Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return response;
        }
        catch (ValidationFailedException ex)
        {
            logger.LogInformation("{RequestName} rejected: {Fields}", Name, string.Join(", ", ex.Errors.Keys));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not NotFoundException and not ConflictException)
        {
            logger.LogError(ex, "{RequestName} failed after {Elapsed:0.0} ms", Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

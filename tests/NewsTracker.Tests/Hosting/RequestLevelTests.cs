using Microsoft.AspNetCore.Http;
using NewsTracker.Web.Hosting;
using Serilog.Events;

namespace NewsTracker.Tests.Hosting;

public sealed class RequestLevelTests
{
    [Fact]
    public void A_request_the_client_abandoned_is_not_an_error()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token };
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;

        Assert.Equal(LogEventLevel.Information, LoggingSetup.RequestLevel(http, new TaskCanceledException()));
    }

    [Fact]
    public void Failures_and_server_errors_stay_errors_and_the_rest_is_information()
    {
        var failed = new DefaultHttpContext();
        var cancelledByTheServer = new DefaultHttpContext();
        var error = new DefaultHttpContext();
        error.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;

        Assert.Equal(LogEventLevel.Error, LoggingSetup.RequestLevel(failed, new InvalidOperationException("boom")));
        Assert.Equal(LogEventLevel.Error, LoggingSetup.RequestLevel(cancelledByTheServer, new TaskCanceledException()));
        Assert.Equal(LogEventLevel.Error, LoggingSetup.RequestLevel(error, null));
        Assert.Equal(LogEventLevel.Information, LoggingSetup.RequestLevel(new DefaultHttpContext(), null));
    }
}

using MediatR;
using Microsoft.Extensions.Logging;
using NewsTracker.Web.Application;

namespace NewsTracker.Tests.Application;

public sealed class LoggingBehaviorTests
{
    private sealed record SignIn(string Email, string Password) : IRequest<bool>;

    [Fact]
    public async Task Logs_the_request_name_and_never_its_fields()
    {
        var logger = new RecordingLogger();
        var behavior = new LoggingBehavior<SignIn, bool>(logger);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behavior.Handle(new SignIn("desk@example.test", "hunter2-secret-password"), CancellationToken.None, () => throw new InvalidOperationException("boom")));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("SignIn", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("desk@example.test", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_failures_are_logged_by_field_name_only()
    {
        var logger = new RecordingLogger();
        var behavior = new LoggingBehavior<SignIn, bool>(logger);

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            behavior.Handle(new SignIn("x", "y"), CancellationToken.None, () => throw new ValidationFailedException("Password", "Too short: y")));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("Password", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Too short", entry.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger<LoggingBehavior<SignIn, bool>>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}

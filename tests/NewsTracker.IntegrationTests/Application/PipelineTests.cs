using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Application;

/// <summary>The order of the behaviors, observed by running a command through the app's own mediator: what each stage
/// sees (an open transaction, a committed row) tells where it ran.</summary>
public sealed class PipelineTests(PipelineTests.Factory factory) : IClassFixture<PipelineTests.Factory>
{
    [Fact]
    public async Task The_pipeline_runs_logging_then_validation_then_transaction()
    {
        var name = $"Pipeline probe {Guid.NewGuid():N}";

        await factory.SendAsync(new Probe(name));

        Assert.Equal(
            [
                "validation, no transaction",
                "handler, in a transaction",
                "content changed, committed",
                "logged",
            ],
            factory.Journal.Entries);
    }

    [Fact]
    public async Task A_rejected_command_is_logged_and_never_reaches_its_handler()
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsync(new Probe(string.Empty)));

        Assert.Equal(["validation, no transaction", "logged as rejected"], factory.Journal.Entries);
    }

    /// <summary>A command that saves a row readers see and notes each stage.</summary>
    public sealed record Probe(string Name) : ICommand<Unit>;

    /// <summary>What the stages saw, in the order they saw it (one test at a time uses it).</summary>
    public sealed class Journal
    {
        private readonly List<string> _entries = [];

        public IReadOnlyList<string> Entries
        {
            get
            {
                lock (_entries)
                {
                    var copy = _entries.ToList();
                    _entries.Clear();
                    return copy;
                }
            }
        }

        /// <summary>Set by the probe's handler: other commands (seeding at start) publish the notification too.</summary>
        public bool ProbeSaved { get; set; }

        public void Add(string entry)
        {
            lock (_entries)
            {
                _entries.Add(entry);
            }
        }
    }

    /// <summary>The app with the probe's handler, validator, listener and a logger for its logging behavior.</summary>
    public sealed class Factory : NewsTrackerFactory
    {
        public Journal Journal { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(Journal);
                services.AddScoped<IRequestHandler<Probe, Unit>, ProbeHandler>();
                services.AddScoped<IValidator<Probe>, ProbeValidator>();
                services.AddScoped<INotificationHandler<ContentChanged>, ProbeListener>();
                services.AddSingleton<ILogger<LoggingBehavior<Probe, Unit>>>(new JournalLogger(Journal));
            });
        }
    }

    private sealed class ProbeValidator : AbstractValidator<Probe>
    {
        public ProbeValidator(Journal journal, NewsTrackerDbContext db)
        {
            RuleFor(p => p.Name).Must(name =>
            {
                journal.Add(db.Database.CurrentTransaction is null ? "validation, no transaction" : "validation, in a transaction");
                return name.Length > 0;
            });
        }
    }

    private sealed class ProbeHandler(Journal journal, NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<Probe, Unit>
    {
        public Task<Unit> Handle(Probe request, CancellationToken cancellationToken)
        {
            journal.Add(db.Database.CurrentTransaction is null ? "handler, no transaction" : "handler, in a transaction");
            journal.ProbeSaved = true;
            db.Actors.Add(new Actor
            {
                Name = request.Name,
                NormalizedName = request.Name.ToLowerInvariant(),
                Kind = ActorKind.Person,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            });
            return Task.FromResult(Unit.Value);
        }
    }

    /// <summary>Reads the probe's row through a connection of its own: it is there only once the command committed.</summary>
    private sealed class ProbeListener(Journal journal, IServiceScopeFactory scopes) : INotificationHandler<ContentChanged>
    {
        public async Task Handle(ContentChanged notification, CancellationToken cancellationToken)
        {
            if (!journal.ProbeSaved)
            {
                return;
            }

            journal.ProbeSaved = false;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
            var committed = await db.Actors.AnyAsync(a => a.Name.StartsWith("Pipeline probe "), cancellationToken);
            journal.Add(committed ? "content changed, committed" : "content changed, not yet committed");
        }
    }

    private sealed class JournalLogger(Journal journal) : ILogger<LoggingBehavior<Probe, Unit>>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            journal.Add(formatter(state, exception).Contains("rejected", StringComparison.Ordinal) ? "logged as rejected" : "logged");
    }
}

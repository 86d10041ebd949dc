using System.Text.Json.Serialization;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Hosting;
using OpenTelemetry.Metrics;

var commandLineMode = AdminCommandLine.IsCommand(args);

// In command mode the arguments belong to the command, not to configuration.
var builder = WebApplication.CreateBuilder(commandLineMode ? [] : args);
builder.AddNewsTracker(commandLineMode);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

var app = builder.Build();

if (commandLineMode)
{
    if (AdminCommandLine.NeedsMigratedDatabase(args))
    {
        await app.Services.MigrateDatabaseAsync();
    }

    // Commands do not start the host, so the meter provider is made here; disposing it pushes the last figures (an
    // import's progress) to the OTLP collector when one is configured.
    using var meters = Telemetry.Endpoint(app.Configuration) is null ? null : app.Services.GetService<MeterProvider>();
    return await AdminCommandLine.RunAsync(args, app.Services, Console.In, Console.Out, Console.Error, CancellationToken.None);
}

app.UseNewsTracker();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host it.</summary>
public partial class Program;

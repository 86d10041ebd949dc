using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NewsTracker.Web.Data;

/// <summary>Registers the DbContext for the configured provider (<c>Database:Provider</c>).</summary>
public static class DatabaseRegistration
{
    public const string DatabaseFileName = "newstracker.db";

    public static IServiceCollection AddNewsTrackerDatabase(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not available in this build; use 'Sqlite' (the default).");
        }

        var connectionString = SqliteConnectionString(configuration, dataDirectory);
        services.AddDbContext<NewsTrackerDbContext>(options => ConfigureSqlite(options, connectionString));
        return services;
    }

    public static string SqliteConnectionString(IConfiguration configuration, string dataDirectory)
    {
        var configured = configuration.GetConnectionString("Default");
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDirectory, DatabaseFileName)}"
            : configured)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return builder.ToString();
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(new SqlitePragmas());
}

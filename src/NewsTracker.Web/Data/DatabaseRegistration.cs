using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace NewsTracker.Web.Data;

/// <summary>The database engines NewsTracker runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file in the data directory: one machine, no server to run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several instances can share it.</summary>
    Postgres,
}

/// <summary>Registers the DbContext for the configured provider (<c>Database:Provider</c>, <c>ConnectionStrings:Default</c>).</summary>
public static class DatabaseRegistration
{
    public const string DatabaseFileName = "newstracker.db";

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var configured = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(configured) || string.Equals(configured, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }

        if (string.Equals(configured, "Postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(configured, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Postgres;
        }

        throw new InvalidOperationException($"Database:Provider '{configured}' is not known; use 'Sqlite' (the default) or 'Postgres'.");
    }

    public static IServiceCollection AddNewsTrackerDatabase(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        if (Provider(configuration) == DatabaseProvider.Postgres)
        {
            var connectionString = PostgresConnectionString(configuration);
            services.AddDbContext<NewsTrackerDbContext, PostgresNewsTrackerDbContext>((provider, options) =>
                AddSaveInterceptors(provider, ConfigurePostgres(options, connectionString)));
        }
        else
        {
            var connectionString = SqliteConnectionString(configuration, dataDirectory);
            services.AddDbContext<NewsTrackerDbContext>((provider, options) =>
                AddSaveInterceptors(provider, ConfigureSqlite(options, connectionString)));
        }

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

    /// <summary>PostgreSQL has no default: the server, database and credentials must be configured.</summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres but ConnectionStrings:Default is empty; set it, e.g. "
                + "ConnectionStrings__Default='Host=db;Database=newstracker;Username=newstracker;Password=...'.");
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(configured).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:Default is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    /// <summary>The save interceptors the application layer registers (the audit log and the content-change log). The
    /// options are built per scope, so each DbContext gets its scope's interceptors.</summary>
    private static DbContextOptionsBuilder AddSaveInterceptors(IServiceProvider provider, DbContextOptionsBuilder options) =>
        options.AddInterceptors(provider.GetServices<ISaveChangesInterceptor>());

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(new SqlitePragmas());

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"));
}

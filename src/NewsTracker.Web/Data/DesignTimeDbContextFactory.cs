using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NewsTracker.Web.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NewsTrackerDbContext>
{
    public NewsTrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NewsTrackerDbContext>();
        DatabaseRegistration.ConfigureSqlite(options, "Data Source=design-time.db");
        return new NewsTrackerDbContext(options.Options);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; adding a migration never connects, so no server is needed.</summary>
internal sealed class DesignTimePostgresDbContextFactory : IDesignTimeDbContextFactory<PostgresNewsTrackerDbContext>
{
    public PostgresNewsTrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresNewsTrackerDbContext>();
        DatabaseRegistration.ConfigurePostgres(options, "Host=localhost;Database=newstracker_design;Username=newstracker");
        return new PostgresNewsTrackerDbContext(options.Options);
    }
}

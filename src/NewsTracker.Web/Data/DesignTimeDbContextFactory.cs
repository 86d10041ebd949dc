using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NewsTracker.Web.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NewsTrackerDbContext>
{
    public NewsTrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NewsTrackerDbContext>();
        DatabaseRegistration.ConfigureSqlite(options, "Data Source=design-time.db");
        return new NewsTrackerDbContext(options.Options);
    }
}

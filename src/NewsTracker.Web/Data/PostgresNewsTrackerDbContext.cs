using Microsoft.EntityFrameworkCore;

namespace NewsTracker.Web.Data;

/// <summary>
/// The same model on PostgreSQL. EF Core ties a set of migrations to one context type, so this subclass is what
/// gives PostgreSQL its own migrations (in <c>Data/Migrations/Postgres</c>) beside SQLite's. Code asks for
/// <see cref="NewsTrackerDbContext"/> and gets this one when <c>Database:Provider</c> is <c>Postgres</c>.
/// </summary>
public sealed class PostgresNewsTrackerDbContext(DbContextOptions<PostgresNewsTrackerDbContext> options)
    : NewsTrackerDbContext(options);

using System.Data;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data;

/// <summary>
/// The application's one DbContext: articles, outlets and the Identity tables.
/// To add a migration: <c>dotnet tool restore</c>, then
/// <c>dotnet ef migrations add NAME --project src/NewsTracker.Web --output-dir Data/Migrations</c>.
/// Migrations are applied at start by <see cref="DatabaseStartup"/>; never call EnsureCreated.
/// </summary>
public sealed class NewsTrackerDbContext(DbContextOptions<NewsTrackerDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Outlet> Outlets => Set<Outlet>();

    public DbSet<Story> Stories => Set<Story>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleVersion> ArticleVersions => Set<ArticleVersion>();

    public DbSet<ArticleBlock> ArticleBlocks => Set<ArticleBlock>();

    public DbSet<NearDuplicateKey> NearDuplicateKeys => Set<NearDuplicateKey>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<Feed> Feeds => Set<Feed>();

    public DbSet<FeedItem> FeedItems => Set<FeedItem>();

    /// <summary>Begins the write transaction a command runs in. On SQLite, Microsoft.Data.Sqlite issues
    /// BEGIN IMMEDIATE for a non-deferred transaction, so the write lock is taken at the start.</summary>
    public Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(NewsTrackerDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database and comes back marked as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}

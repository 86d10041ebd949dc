using System.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Data;

/// <summary>
/// The application's one DbContext: articles, tagging, topics, feeds, the Identity tables and the shared
/// Data Protection key ring. On SQLite it is used as is; on PostgreSQL as <see cref="PostgresNewsTrackerDbContext"/>,
/// which only exists so each provider has its own migrations. To add a migration: <c>dotnet tool restore</c>, then
/// <c>dotnet ef migrations add NAME --project src/NewsTracker.Web --context NewsTrackerDbContext --output-dir Data/Migrations</c>
/// and <c>... --context PostgresNewsTrackerDbContext --output-dir Data/Migrations/Postgres</c>.
/// Migrations are applied at start by <see cref="DatabaseStartup"/>; never call EnsureCreated. Audit entries and the
/// content-change log are written by the save interceptors the container registers (see <c>Application/AuditingInterceptor</c>).
/// </summary>
public class NewsTrackerDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    public NewsTrackerDbContext(DbContextOptions<NewsTrackerDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclass, whose options are typed to it.</summary>
    protected NewsTrackerDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Outlet> Outlets => Set<Outlet>();

    public DbSet<Story> Stories => Set<Story>();

    public DbSet<OutletMonth> OutletMonths => Set<OutletMonth>();

    public DbSet<ActorArticle> ActorArticles => Set<ActorArticle>();

    public DbSet<ActorMonth> ActorMonths => Set<ActorMonth>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleVersion> ArticleVersions => Set<ArticleVersion>();

    public DbSet<ArticleBlock> ArticleBlocks => Set<ArticleBlock>();

    public DbSet<NearDuplicateKey> NearDuplicateKeys => Set<NearDuplicateKey>();

    public DbSet<EventKey> EventKeys => Set<EventKey>();

    public DbSet<EventTermCount> EventTermCounts => Set<EventTermCount>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<SignInFailureCount> SignInFailureCounts => Set<SignInFailureCount>();

    public DbSet<Actor> Actors => Set<Actor>();

    public DbSet<ActorAlias> ActorAliases => Set<ActorAlias>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<ClaimSource> ClaimSources => Set<ClaimSource>();

    public DbSet<Annotation> Annotations => Set<Annotation>();

    public DbSet<RejectedSuggestion> RejectedSuggestions => Set<RejectedSuggestion>();

    public DbSet<SuggestionFormDecision> SuggestionFormDecisions => Set<SuggestionFormDecision>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<TopicActor> TopicActors => Set<TopicActor>();

    public DbSet<TopicArticle> TopicArticles => Set<TopicArticle>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<TopicFollow> TopicFollows => Set<TopicFollow>();

    public DbSet<Feed> Feeds => Set<Feed>();

    public DbSet<FeedItem> FeedItems => Set<FeedItem>();

    public DbSet<HostFetchLease> HostFetchLeases => Set<HostFetchLease>();

    /// <summary>The Data Protection key ring, shared by every instance on the database, so a cookie or an
    /// antiforgery token issued by one is valid on all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>One row per save that changed what readers see; other instances watch it to evict their caches.</summary>
    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();

    /// <summary>Begins the write transaction a command runs in. On SQLite, Microsoft.Data.Sqlite issues BEGIN IMMEDIATE
    /// for a non-deferred transaction, so the write lock is taken at the start and commands run one after another.
    /// PostgreSQL runs them side by side under SERIALIZABLE, which gives the same guarantee as running them one at a
    /// time: a command whose reads another command's writes would have changed (a tag placed on the version a
    /// concurrent ingest is replacing, a mention of an actor being merged) fails with a serialization error, which
    /// the pipeline retries and otherwise reports as a 409. <paramref name="readCommitted"/> is for commands that guard
    /// their rows themselves (the application layer's <c>IReadCommittedCommand</c>).</summary>
    public Task<IDbContextTransaction> BeginWriteTransactionAsync(bool readCommitted, CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(
            Database.IsSqlite() || !readCommitted ? IsolationLevel.Serializable : IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>On PostgreSQL, waits for session advisory lock <paramref name="key"/> on this context's connection, held
    /// open until the result is disposed, so the commands that take it run one at a time across every instance, each
    /// beginning its transaction (and so taking its snapshot) after the previous one committed. On SQLite, where a
    /// write transaction already takes the database's one write lock, nothing (null).</summary>
    public async Task<IAsyncDisposable?> TakeTurnAsync(long key, CancellationToken cancellationToken)
    {
        if (Database.IsSqlite())
        {
            return null;
        }

        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
        }
        catch
        {
            await Database.CloseConnectionAsync();
            throw;
        }

        return new Turn(this, key);
    }

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

/// <summary>A turn taken by <see cref="NewsTrackerDbContext.TakeTurnAsync"/>: unlocks and lets the connection go. If
/// the connection is broken, the server has dropped the lock with it.</summary>
internal sealed class Turn(NewsTrackerDbContext db, long key) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

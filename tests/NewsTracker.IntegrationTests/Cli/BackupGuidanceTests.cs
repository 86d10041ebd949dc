using NewsTracker.Web.Data;

namespace NewsTracker.IntegrationTests.Cli;

/// <summary>What <c>backup</c> and <c>restore</c> print on PostgreSQL, built from the connection string alone (no server).</summary>
public sealed class BackupGuidanceTests
{
    [Fact]
    public void Names_host_port_user_and_database_for_pg_dump_and_pg_restore_but_never_the_password()
    {
        var guidance = DatabaseBackup.PostgresGuidance("Host=db.internal;Port=5433;Database=news;Username=newsroom;Password=hunter2-secret", "/var/backups/news.dump");

        Assert.Contains("  pg_dump --format=custom --host=db.internal --port=5433 --username=newsroom --dbname=news --file=/var/backups/news.dump\n", guidance, StringComparison.Ordinal);
        Assert.Contains("  pg_restore --clean --if-exists --no-owner --exit-on-error --host=db.internal --port=5433 --username=newsroom --dbname=news /var/backups/news.dump\n", guidance, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", guidance, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_the_host_and_port_and_quotes_what_a_shell_would_split()
    {
        var guidance = DatabaseBackup.PostgresGuidance("Database=news room;Username=o'brien", "/backups/it's here.dump");

        Assert.Contains("pg_dump --format=custom --host=localhost --port=5432 --username='o'\\''brien' --dbname='news room' --file='/backups/it'\\''s here.dump'", guidance, StringComparison.Ordinal);
    }
}

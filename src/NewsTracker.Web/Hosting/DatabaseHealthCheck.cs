using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsTracker.Web.Data;
using NewsTracker.Web.Search;

namespace NewsTracker.Web.Hosting;

/// <summary>Healthy when the database answers <c>SELECT 1</c>. Probes run every few seconds, so nothing here counts rows.</summary>
public sealed class DatabaseHealthCheck(NewsTrackerDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

/// <summary>Healthy when every migration this build knows has been applied (read from the migrations history table).</summary>
public sealed class MigrationsHealthCheck(NewsTrackerDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Every migration is applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet, first {pending[0]}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The migrations history cannot be read.", ex);
        }
    }
}

/// <summary>Healthy when the search index holds the newest stored version (<see cref="ISearchIndex.IsCurrentAsync"/>).</summary>
public sealed class SearchIndexHealthCheck(ISearchIndex index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await index.IsCurrentAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The search index holds every stored version.")
                : HealthCheckResult.Unhealthy("The search index is behind: the newest stored version is not in it yet.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The search index cannot be read.", ex);
        }
    }
}

/// <summary>The readiness answer as JSON: the overall status and each check's, with what it found, so an operator
/// sees which check failed without reading logs. Exceptions stay in the log.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}

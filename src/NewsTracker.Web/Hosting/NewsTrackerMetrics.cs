using System.Diagnostics.Metrics;

namespace NewsTracker.Web.Hosting;

/// <summary>
/// NewsTracker's own instruments, on one meter that <c>/metrics</c> and the OTLP exporter read. Static, like the
/// runtime's own meters, so the places that count (an EF interceptor, the output-cache policy, the import command)
/// need no wiring; tags are small fixed sets so the series stay few.
/// </summary>
public static class NewsTrackerMetrics
{
    public const string MeterName = "NewsTracker";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "newstracker.search.duration", "s", "Time to answer one search against the index.");

    private static readonly Counter<long> Ingested = Meter.CreateCounter<long>(
        "newstracker.ingest.articles", "{article}", "Articles sent for ingestion, by way in and outcome (added, new_version, duplicate, failed).");

    private static readonly Counter<long> FeedChecks = Meter.CreateCounter<long>(
        "newstracker.feed.checks", "{check}", "Feed checks, by outcome.");

    private static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(
        "newstracker.cache.lookups", "{lookup}", "Output-cache lookups of public pages, by result (hit, miss).");

    private static readonly Counter<long> ImportLines = Meter.CreateCounter<long>(
        "newstracker.import.lines", "{line}", "JSONL import lines finished, by outcome (stored, failed).");

    private static readonly UpDownCounter<long> ImportPending = Meter.CreateUpDownCounter<long>(
        "newstracker.import.pending", "{line}", "JSONL import lines read but not finished yet: an import's progress.");

    private static readonly Histogram<double> DbCommandDuration = Meter.CreateHistogram<double>(
        "newstracker.db.command.duration", "s", "Time the database took for one command, by kind (query, scalar, non_query) and outcome.");

    /// <summary>The ways in, as the issue and the dashboards name them; pages and commands say <c>text</c>, <c>files</c>….</summary>
    public static string Way(string origin) => origin switch
    {
        "text" or "html" => "paste",
        "files" or "file" => "upload",
        "url" or "api" or "import" or "feed" or "seed" => origin,
        _ => "other",
    };

    public static void RecordSearch(TimeSpan elapsed, string sort) =>
        SearchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("sort", sort));

    /// <summary>One article through ingestion: its outcome, or null when it failed.</summary>
    public static void RecordIngest(string origin, Ingestion.IngestArticle.Outcome? outcome) =>
        Ingested.Add(
            1,
            new KeyValuePair<string, object?>("way", Way(origin)),
            new KeyValuePair<string, object?>("outcome", outcome switch
            {
                Ingestion.IngestArticle.Outcome.Added => "added",
                Ingestion.IngestArticle.Outcome.NewVersion => "new_version",
                Ingestion.IngestArticle.Outcome.Duplicate => "duplicate",
                _ => "failed",
            }));

    public static void RecordFeedCheck(string outcome) =>
        FeedChecks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void RecordCacheLookup(bool hit) =>
        CacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public static void RecordImportStarted(int lines) => ImportPending.Add(lines);

    public static void RecordImportAbandoned(int lines) => ImportPending.Add(-lines);

    public static void RecordImportLine(bool stored)
    {
        ImportPending.Add(-1);
        ImportLines.Add(1, new KeyValuePair<string, object?>("outcome", stored ? "stored" : "failed"));
    }

    public static void RecordDbCommand(string kind, TimeSpan duration, bool failed) =>
        DbCommandDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok"));
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace NewsTracker.IntegrationTests.Soak;

/// <summary>What the soak's clients saw, from every thread: responses per operation and status, 5xx answers,
/// and bodies that mention SQLite's busy error, which must never reach a person.</summary>
public sealed class SoakTally
{
    private readonly ConcurrentDictionary<(string Operation, int Status), int> _responses = new();
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private readonly ConcurrentQueue<string> _lockedBodies = new();
    private readonly ConcurrentDictionary<(string Operation, int Status), string> _firstRefusals = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _milliseconds = new(StringComparer.Ordinal);

    /// <summary>How long the request took, set by <see cref="Handler"/> for <see cref="RecordAsync"/> to file under its operation.</summary>
    private static readonly HttpRequestOptionsKey<TimeSpan> Elapsed = new("soak-elapsed");

    private static readonly string[] BusyWords = ["database is locked", "database table is locked", "SQLITE_BUSY", "SQLITE_LOCKED"];

    /// <summary>The words SQLite's busy and locked errors (5 and 6) are reported with, in any layer's message.</summary>
    public static bool MentionsBusyDatabase(string text) => BusyWords.Any(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    public IReadOnlyCollection<string> LockedBodies => _lockedBodies;

    /// <summary>Counts the answer; the first of each refusal (status 400 and up) per operation is kept, so the report
    /// shows what a conflict looked like to the person who met it.</summary>
    public async Task RecordAsync(string operation, HttpResponseMessage response)
    {
        var key = (operation, (int)response.StatusCode);
        _responses.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (response.RequestMessage?.Options.TryGetValue(Elapsed, out var elapsed) == true)
        {
            _milliseconds.GetOrAdd(operation, _ => new()).Enqueue(elapsed.TotalMilliseconds);
        }

        if (key.Item2 >= 400 && !_firstRefusals.ContainsKey(key))
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var page = await Forms.ParseAsync(response);
                body = (page.QuerySelector("#form-errors") ?? page.QuerySelector("main"))?.TextContent.Trim() ?? body;
            }

            body = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            _firstRefusals.TryAdd(key, body[..Math.Min(body.Length, 300)]);
        }
    }

    /// <summary>"operation status: body" for the first refusal of each kind.</summary>
    public IEnumerable<string> FirstRefusals() => _firstRefusals
        .OrderBy(r => r.Key.Operation, StringComparer.Ordinal).ThenBy(r => r.Key.Status)
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key.Operation} {r.Key.Status}: {r.Value}"));

    public int Count(string operation, HttpStatusCode status) => _responses.GetValueOrDefault((operation, (int)status));

    public int Count(string operation) => _responses.Where(r => r.Key.Operation == operation).Sum(r => r.Value);

    public int CountStatus(HttpStatusCode status) => _responses.Where(r => r.Key.Status == (int)status).Sum(r => r.Value);

    public int Total => _responses.Values.Sum();

    /// <summary>"operation: 201×40, 409×3" per operation, for the report.</summary>
    public IEnumerable<string> Lines() => _responses
        .GroupBy(r => r.Key.Operation)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key}: " + string.Join(", ", g.OrderBy(r => r.Key.Status).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key.Status}×{r.Value}"))));

    /// <summary>"actor-edit: median 12 ms, 95th percentile 80 ms, slowest 900 ms" per operation: how long a person waited,
    /// for the report only (tests never assert timings).</summary>
    public IEnumerable<string> Waits() => _milliseconds.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
    {
        var sorted = m.Value.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{m.Key}: median {sorted[sorted.Count / 2]:0} ms, 95th percentile {sorted[(int)(sorted.Count * 0.95)]:0} ms, slowest {sorted[^1]:0} ms");
    });

    /// <summary>A client handler that checks every answer: a 5xx or a body naming the busy error is kept for the report.</summary>
    public sealed class Handler(SoakTally tally) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            request.Options.Set(Elapsed, clock.Elapsed);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var what = $"{request.Method} {request.RequestUri?.PathAndQuery} → {(int)response.StatusCode}";
            if ((int)response.StatusCode >= 500)
            {
                tally._serverErrors.Enqueue($"{what}: {body[..Math.Min(body.Length, 500)]}");
            }

            if (MentionsBusyDatabase(body))
            {
                tally._lockedBodies.Enqueue(what);
            }

            return response;
        }
    }
}

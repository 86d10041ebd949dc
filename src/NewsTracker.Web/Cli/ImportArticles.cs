using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MediatR;
using NewsTracker.Web.Application;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Cli;

/// <summary>
/// <c>import FILE.jsonl</c>: one article per line, each read into the same <see cref="IngestArticle.Command"/>
/// the pages and the API send (origin "import"), sent in batches through <see cref="IngestArticles"/> so each
/// batch is stored in one transaction.
/// </summary>
public sealed class ImportArticles(IServiceProvider services)
{
    /// <summary>The origin recorded on every version this command stores.</summary>
    public const string Origin = "import";

    /// <summary>Batches in flight at once: one can be fetching and extracting while another is being
    /// written (SQLite serialises the writes anyway).</summary>
    public const int DefaultParallelism = 2;

    /// <summary>Lines per batch by default: each batch is stored in one transaction.</summary>
    public const int BatchSize = 100;

    private static readonly JsonSerializerOptions LineOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Runs every non-blank line of <paramref name="path"/>. <paramref name="stop"/> stops taking new
    /// lines (the batches in flight finish); <paramref name="abort"/> also cancels the batches in flight.</summary>
    public async Task<ImportSummary> RunAsync(string path, int parallelism, int batchSize, IImportProgress progress, CancellationToken stop, CancellationToken abort)
    {
        var total = await CountLinesAsync(path, abort);
        var outcomes = new ConcurrentBag<LineOutcome>();
        var done = 0;
        var stopped = false;

        await progress.RunAsync(total, async advance =>
        {
            using var slots = new SemaphoreSlim(parallelism);
            var inFlight = new List<Task>();
            var batch = new List<(int Number, IngestArticle.Command Command)>(batchSize);

            async Task<bool> FlushAsync()
            {
                if (batch.Count == 0)
                {
                    return true;
                }

                try
                {
                    await slots.WaitAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }

                var items = batch.ToList();
                batch.Clear();
                inFlight.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            foreach (var outcome in await ImportBatchAsync(items, abort))
                            {
                                outcomes.Add(outcome);
                            }

                            advance(Interlocked.Add(ref done, items.Count));
                        }
                        finally
                        {
                            slots.Release();
                        }
                    },
                    CancellationToken.None));
                return true;
            }

            var lineNumber = 0;
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(abort) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (stop.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }

                try
                {
                    batch.Add((lineNumber, RefuseTooShort(ToCommand(line))));
                }
                catch (FormatException ex)
                {
                    outcomes.Add(LineOutcome.Failed(lineNumber, ex.Message));
                    advance(Interlocked.Increment(ref done));
                }

                if (batch.Count == batchSize && !await FlushAsync())
                {
                    stopped = true;
                    break;
                }
            }

            if (!stopped && !await FlushAsync())
            {
                stopped = true;
            }

            await Task.WhenAll(inFlight);
        });

        return ImportSummary.From(total, stopped, outcomes);
    }

    /// <summary>One batch through <see cref="IngestArticles"/>; if storing the batch fails as a whole (its
    /// transaction rolled back), each line is retried on its own so one bad row cannot sink its neighbours.</summary>
    private async Task<IReadOnlyList<LineOutcome>> ImportBatchAsync(List<(int Number, IngestArticle.Command Command)> items, CancellationToken abort)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            var results = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestArticles.Command(items.Select(i => i.Command).ToList()), abort);
            return items.Select((item, i) => results[i].Result is { } result
                ? new LineOutcome(item.Number, result.Outcome, null)
                : LineOutcome.Failed(item.Number, results[i].Error ?? "The article could not be prepared.")).ToList();
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return items.Select(item => LineOutcome.Failed(item.Number, StoppedMessage)).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var outcomes = new List<LineOutcome>(items.Count);
            foreach (var (number, command) in items)
            {
                outcomes.Add(await ImportLineAsync(number, command, abort));
            }

            return outcomes;
        }
    }

    private const string StoppedMessage = "Stopped before this line was stored; run the import again to add it.";

    private async Task<LineOutcome> ImportLineAsync(int number, IngestArticle.Command command, CancellationToken abort)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, abort);
            return new LineOutcome(number, result.Outcome, null);
        }
        catch (ValidationFailedException ex)
        {
            return LineOutcome.Failed(number, string.Join(" ", ex.Errors.SelectMany(e => e.Value)));
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return LineOutcome.Failed(number, StoppedMessage);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad row must not end a long import: its transaction rolled back, the logging behavior has
            // written the details to the log, and the summary names the line.
            return LineOutcome.Failed(number, $"The article could not be stored ({ex.GetType().Name}); nothing was saved for this line, see the log.");
        }
    }

    /// <summary>Reads one JSONL line; a <see cref="FormatException"/> carries a message for people.</summary>
    internal static IngestArticle.Command ToCommand(string line)
    {
        // Syntax first, then shape, so each problem gets its own message.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The line is not valid JSON (near byte {ex.BytePositionInLine + 1}); each line must be one object such as {{\"text\": \"Title\\n\\nBody\"}}.", ex);
        }

        ImportLine parsed;
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The line is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object such as {{\"text\": \"Title\\n\\nBody\"}}.");
            }

            try
            {
                parsed = document.RootElement.Deserialize<ImportLine>(LineOptions)!;
            }
            catch (JsonException ex)
            {
                throw new FormatException($"The value of {ex.Path?.TrimStart('$', '.')} has the wrong type; give it as a JSON string.", ex);
            }
        }

        return new IngestArticle.Command
        {
            Text = parsed.Text,
            Html = parsed.Html,
            Url = parsed.Url,
            Title = parsed.Title,
            Outlet = parsed.Outlet,
            Byline = parsed.Byline,
            PublishedUtc = ParsePublished(parsed.Published),
            Language = parsed.Language,
            Origin = Origin,
        };
    }

    /// <summary>Fewer words than this is not an article ("Hello world"), whatever its shape.</summary>
    public const int MinArticleWords = 8;

    /// <summary>Refuses a line whose text is too short to be an article; HTML and addresses are judged after extraction.</summary>
    internal static IngestArticle.Command RefuseTooShort(IngestArticle.Command command)
    {
        if (command.Text is { } text && command.Html is null && command.Url is null)
        {
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (words < MinArticleWords)
            {
                throw new FormatException($"The text has only {words} {(words == 1 ? "word" : "words")}; an article needs at least {MinArticleWords}. Nothing was stored for this line.");
            }
        }

        return command;
    }

    private static DateTime? ParsePublished(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // A date without an offset is read as UTC, the only zone the database stores.
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published)
            ? published.UtcDateTime
            : throw new FormatException($"The published date '{value}' is not a date such as 2026-11-20T10:00:00Z.");
    }

    private static async Task<int> CountLinesAsync(string path, CancellationToken cancellationToken)
    {
        var count = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>One JSONL line as written by an exporter; unknown fields are ignored.</summary>
    private sealed record ImportLine(string? Url, string? Html, string? Text, string? Title, string? Outlet, string? Byline, string? Published, string? Language);
}

/// <summary>What happened to one line: an outcome, or the reason it failed.</summary>
public sealed record LineOutcome(int Line, IngestArticle.Outcome? Outcome, string? Error)
{
    public static LineOutcome Failed(int line, string error) => new(line, null, error);
}

/// <summary>The counts and failures an import prints at the end.</summary>
public sealed record ImportSummary(int Total, int Added, int NewVersions, int Duplicates, IReadOnlyList<LineOutcome> Failures, bool Stopped)
{
    public int Processed => Added + NewVersions + Duplicates + Failures.Count;

    public static ImportSummary From(int total, bool stopped, IEnumerable<LineOutcome> outcomes)
    {
        var all = outcomes.ToList();
        return new ImportSummary(
            total,
            all.Count(o => o.Outcome == IngestArticle.Outcome.Added),
            all.Count(o => o.Outcome == IngestArticle.Outcome.NewVersion),
            all.Count(o => o.Outcome == IngestArticle.Outcome.Duplicate),
            [.. all.Where(o => o.Error is not null).OrderBy(o => o.Line)],
            stopped);
    }

    public async Task WriteAsync(TextWriter output)
    {
        if (Stopped)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Stopped after {Processed} of {Total} lines; the rest were not read."));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"added: {Added}, new versions: {NewVersions}, duplicates: {Duplicates}, failed: {Failures.Count}"));
        foreach (var failure in Failures)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"line {failure.Line}: {failure.Error}"));
        }
    }
}

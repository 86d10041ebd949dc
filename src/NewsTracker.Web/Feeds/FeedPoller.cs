using System.Net;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds.Parsing;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Web.Feeds;

/// <summary>What one check of one feed did.</summary>
public sealed record FeedPollResult(int FeedId, FeedCheckOutcome Outcome, int ArticlesAdded, string? Error);

/// <summary>
/// Checks feeds. <see cref="PollDueAsync"/> claims the feeds that are due and checks them a few at a time
/// (<see cref="FeedsOptions.MaxConcurrency"/>), never two on one host at once; each check is a conditional
/// GET through the <see cref="SafeFetcher"/> (a 304 ends it, unparsed), then the parser, then every new
/// item through <see cref="IngestArticle"/>, so dedupe, versions and stories apply. Everything it learns is
/// written to the feed's row, so a restart carries on where it stopped. The background scheduler calls
/// it; tests and the benchmark call it directly.
/// </summary>
public sealed class FeedPoller(
    IServiceScopeFactory scopes, HostGate hosts, PollProgress progress, IOptions<FeedsOptions> options, TimeProvider clock, ILogger<FeedPoller> logger)
{
    /// <summary>Feeds claimed ahead of the ones being checked, per slot.</summary>
    private const int ClaimAheadPerSlot = 4;

    private readonly FeedsOptions _options = options.Value;

    /// <summary>Who this poller is, in the claims it takes.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Checks every due feed, including those that fall due meanwhile, until none is; returns how
    /// many were checked. Cancellation stops it claiming and starting checks; checks under way stop at
    /// their next await and let go of their feeds unrecorded.</summary>
    public async Task<int> PollDueAsync(CancellationToken cancellationToken)
    {
        var pending = new List<DueFeed>();
        var running = new List<(Task Task, string Host)>();
        var recorder = new Recorder(this);
        var checkedCount = 0;
        try
        {
            while (true)
            {
                if (!cancellationToken.IsCancellationRequested && pending.Count < _options.MaxConcurrency)
                {
                    var claimed = await SendAsync(new FeedLeases.Claim(Owner, (_options.MaxConcurrency * ClaimAheadPerSlot) - pending.Count), CancellationToken.None);
                    if (claimed.Count > 0)
                    {
                        progress.Claimed(claimed.Count);
                        pending.AddRange(claimed);
                    }
                }

                while (!cancellationToken.IsCancellationRequested && running.Count < _options.MaxConcurrency
                    && pending.FindIndex(f => running.TrueForAll(r => !SameHost(r.Host, f.Url))) is var next and >= 0)
                {
                    var feed = pending[next];
                    pending.RemoveAt(next);
                    running.Add((Task.Run(() => PollClaimedAsync(feed, recorder, cancellationToken), CancellationToken.None), Host(feed.Url)));
                }

                if (running.Count == 0)
                {
                    return checkedCount;
                }

                var done = await Task.WhenAny(running.Select(r => r.Task));
                running.RemoveAll(r => r.Task == done);
                checkedCount++;
                if (recorder.Count >= _options.MaxConcurrency * ClaimAheadPerSlot || running.Count == 0)
                {
                    await recorder.FlushAsync();
                }
            }
        }
        finally
        {
            await recorder.FlushAsync();
            if (pending.Count > 0)
            {
                await SendAsync(new FeedLeases.Release(Owner, pending.Select(f => f.Id).ToList()), CancellationToken.None);
            }

            progress.Idle();
        }
    }

    /// <summary>Checks one feed now, due or not (unless it is paused or being checked); null when it was not checked.</summary>
    public async Task<FeedPollResult?> PollFeedAsync(int feedId, CancellationToken cancellationToken)
    {
        var claimed = await SendAsync(new FeedLeases.Claim(Owner, 1, feedId), CancellationToken.None);
        if (claimed.Count == 0)
        {
            return null;
        }

        progress.Claimed(1);
        var recorder = new Recorder(this);
        try
        {
            return await PollClaimedAsync(claimed[0], recorder, cancellationToken);
        }
        finally
        {
            await recorder.FlushAsync();
            progress.Idle();
        }
    }

    private async Task<FeedPollResult?> PollClaimedAsync(DueFeed feed, Recorder recorder, CancellationToken cancellationToken)
    {
        progress.Started(feed.Id, feed.Title);
        RecordFeedCheck.CheckResult? result = null;
        try
        {
            result = await CheckAsync(feed, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SendAsync(new FeedLeases.Release(Owner, [feed.Id]), CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug must cost one feed one check, not the scheduler.
            logger.LogError(e, "Checking feed {FeedId} failed unexpectedly", feed.Id);
            result = Failure(feed, "NewsTracker could not process this feed because of an internal error (logged). It will try again.", transient: true, null);
        }
        finally
        {
            progress.Finished(feed.Id, result?.ArticlesAdded ?? 0, result?.Outcome == FeedCheckOutcome.Failed);
        }

        recorder.Add(feed.Id, result);
        Hosting.NewsTrackerMetrics.RecordFeedCheck(result.Outcome switch
        {
            FeedCheckOutcome.Fetched => "fetched",
            FeedCheckOutcome.NotModified => "not_modified",
            _ => "failed",
        });
        return new FeedPollResult(feed.Id, result.Outcome, result.ArticlesAdded, result.Error);
    }

    /// <summary>One check, up to what it found; the caller records it.</summary>
    private async Task<RecordFeedCheck.CheckResult> CheckAsync(DueFeed feed, CancellationToken cancellationToken)
    {
        FetchedDocument document;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var fetcher = scope.ServiceProvider.GetRequiredService<SafeFetcher>();
            await using (await hosts.EnterAsync(Host(feed.Url), cancellationToken))
            {
                document = await fetcher.FetchAsync(feed.Url, FeedFetching.Request(feed.ETag, feed.LastModifiedUtc, _options), cancellationToken);
            }
        }
        catch (FetchException e)
        {
            var (message, transient) = FeedFetching.Describe(e, _options);
            var retryAfter = FeedSchedule.RetryAfter(e.RetryAfter, Now());
            return Failure(feed, message, transient, retryAfter);
        }

        var interval = FeedSchedule.Interval(feed.IntervalOverrideMinutes, feed.IntervalMinutes, _options);
        if (document.NotModified)
        {
            var ttl = feed.TtlMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
            var now = Now();
            return new RecordFeedCheck.CheckResult
            {
                Outcome = FeedCheckOutcome.NotModified,
                CheckedUtc = now,
                NextCheckUtc = now + Max(interval, FeedSchedule.ServerDelay(ttl, document.CacheControl, null, _options)),
                UpdateValidators = document.ETag is not null || document.LastModified is not null,
                ETag = document.ETag ?? feed.ETag,
                LastModifiedUtc = document.LastModified?.UtcDateTime ?? feed.LastModifiedUtc,
            };
        }

        ParsedFeed parsed;
        try
        {
            parsed = FeedParser.Parse(document.Body.Span, document.DeclaredCharset, document.FinalUrl, _options.MaxItemsInFeed);
        }
        catch (FeedParseException e)
        {
            return Failure(feed, e.Message, transient: false, null);
        }

        var (added, complete) = await IngestNewItemsAsync(feed, parsed, cancellationToken);
        var checkedAt = Now();
        var learnt = FeedSchedule.AdaptiveInterval(parsed.Items.Select(i => i.PublishedUtc), checkedAt, _options);
        interval = FeedSchedule.Interval(feed.IntervalOverrideMinutes, (int)Math.Ceiling(learnt.TotalMinutes), _options);
        return new RecordFeedCheck.CheckResult
        {
            Outcome = FeedCheckOutcome.Fetched,
            CheckedUtc = checkedAt,

            // Stopped half way (shutting down): check again at once, and keep the old validators so the rest is not lost to a 304.
            NextCheckUtc = complete ? checkedAt + Max(interval, FeedSchedule.ServerDelay(parsed.Ttl, document.CacheControl, null, _options)) : checkedAt,
            UpdateValidators = complete,
            ETag = document.ETag,
            LastModifiedUtc = document.LastModified?.UtcDateTime,
            IntervalMinutes = (int)Math.Ceiling(learnt.TotalMinutes),
            UpdateTtl = true,
            TtlMinutes = parsed.Ttl is { } feedTtl ? (int)Math.Ceiling(Math.Min(feedTtl.TotalMinutes, _options.MaxServerDelay.TotalMinutes)) : null,
            Format = parsed.Format.ToString(),
            SiteUrl = parsed.SiteUrl,
            ArticlesAdded = added,
        };
    }

    /// <summary>Ingests the items not seen before among the newest <see cref="FeedsOptions.MaxItemsPerPoll"/>,
    /// oldest first; returns how many became new articles and whether all were done.</summary>
    private async Task<(int Added, bool Complete)> IngestNewItemsAsync(DueFeed feed, ParsedFeed parsed, CancellationToken cancellationToken)
    {
        // Feeds list newest first; dates decide when every item has one.
        var newest = parsed.Items.All(i => i.PublishedUtc is not null)
            ? parsed.Items.OrderByDescending(i => i.PublishedUtc).ThenBy(i => i.Position)
            : parsed.Items.OrderBy(i => i.Position);
        var candidates = newest.Take(_options.MaxItemsPerPoll)
            .Select(i => (Item: i, Hash: TextTools.Sha256Hex(i.Key)))
            .DistinctBy(c => c.Hash)
            .ToList();
        var hashes = candidates.Select(c => c.Hash).ToList();

        HashSet<string> known;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
            known = (await db.FeedItems.AsNoTracking()
                .Where(i => i.FeedId == feed.Id && hashes.Contains(i.KeyHash))
                .Select(i => i.KeyHash)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        }

        var added = 0;
        var language = parsed.Language is { } tag && IngestArticle.IsLanguageTag(tag) ? tag : null;
        foreach (var (item, hash) in Enumerable.Reverse(candidates).Where(c => !known.Contains(c.Hash)))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return (added, false);
            }

            try
            {
                if (await IngestItemAsync(feed, item, hash, language, cancellationToken) == FeedItemOutcome.Added)
                {
                    added++;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return (added, false);
            }
        }

        return (added, true);
    }

    private async Task<FeedItemOutcome> IngestItemAsync(DueFeed feed, ParsedFeedItem item, string hash, string? language, CancellationToken cancellationToken)
    {
        var title = item.Title ?? FeedText.ToPlainText(item.Text ?? item.Html, 120) ?? "Untitled item";
        var hasText = !string.IsNullOrWhiteSpace(item.Html) || !string.IsNullOrWhiteSpace(item.Text);
        var published = PublishedDates.PlausibleOrNull(item.PublishedUtc, Now());
        IngestArticle.Result? result = null;
        string? note = null;

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        if (item.Link is { } link && (!feed.UseFeedContent || !hasText))
        {
            // Another feed (or a journalist) may have brought this page in already: no need to fetch it again.
            var canonical = UrlCanonicalizer.Canonicalize(link);
            var stored = await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.AsNoTracking()
                .Where(a => a.CanonicalUrl == canonical)
                .Select(a => (int?)a.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (stored is not null)
            {
                await RecordItemAsync(feed, item, hash, title, FeedItemOutcome.Duplicate, stored, null);
                return FeedItemOutcome.Duplicate;
            }

            try
            {
                await using (await hosts.EnterAsync(new Uri(link).Host, cancellationToken))
                {
                    result = await mediator.Send(Command(feed, item, title, published, language) with { Url = link }, cancellationToken);
                }
            }
            catch (ValidationFailedException e)
            {
                note = hasText
                    ? $"The article page could not be read, so the feed's own text was stored: {Reason(e)}"
                    : Reason(e);
                if (!hasText)
                {
                    await RecordItemAsync(feed, item, hash, title, FeedItemOutcome.Failed, null, note);
                    return FeedItemOutcome.Failed;
                }
            }
        }
        else if (!hasText)
        {
            await RecordItemAsync(feed, item, hash, title, FeedItemOutcome.Failed, null, "The item has neither text nor a link to its page.");
            return FeedItemOutcome.Failed;
        }

        if (result is null)
        {
            try
            {
                result = await IngestFeedTextAsync(mediator, feed, item, title, published, language, cancellationToken);
            }
            catch (ValidationFailedException e)
            {
                await RecordItemAsync(feed, item, hash, title, FeedItemOutcome.Failed, null, Reason(e));
                return FeedItemOutcome.Failed;
            }
        }

        var outcome = result.Outcome switch
        {
            IngestArticle.Outcome.Added => FeedItemOutcome.Added,
            IngestArticle.Outcome.NewVersion => FeedItemOutcome.NewVersion,
            _ => FeedItemOutcome.Duplicate,
        };
        await RecordItemAsync(feed, item, hash, result.Title, outcome, result.ArticleId, note);
        return outcome;
    }

    /// <summary>The item's own text: its HTML through the extractor, else (or when that finds no article in
    /// a short fragment) its plain text.</summary>
    private static async Task<IngestArticle.Result> IngestFeedTextAsync(
        IMediator mediator, DueFeed feed, ParsedFeedItem item, string title, DateTime? published, string? language, CancellationToken cancellationToken)
    {
        var command = Command(feed, item, title, published, language) with { Url = item.Link };
        if (item.Html is { } html && !string.IsNullOrWhiteSpace(html))
        {
            try
            {
                var page = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body><article>{html}</article></body></html>";
                return await mediator.Send(command with { Html = page }, cancellationToken);
            }
            catch (ValidationFailedException) when (FeedText.ToParagraphs(html) is { Length: > 0 })
            {
                return await mediator.Send(command with { Text = FeedText.ToParagraphs(html) }, cancellationToken);
            }
        }

        return await mediator.Send(command with { Text = item.Text ?? title }, cancellationToken);
    }

    private static IngestArticle.Command Command(DueFeed feed, ParsedFeedItem item, string title, DateTime? published, string? language) => new()
    {
        Title = title,
        Outlet = feed.Outlet,
        Byline = item.Author,
        PublishedUtc = published,
        Language = language,
        Origin = "feed",
    };

    private async Task RecordItemAsync(DueFeed feed, ParsedFeedItem item, string hash, string title, FeedItemOutcome outcome, int? articleId, string? note) =>
        await SendAsync(new RecordFeedCheck.Item(feed.Id, hash, item.Link, title, item.PublishedUtc, outcome, articleId, note), CancellationToken.None);

    private RecordFeedCheck.CheckResult Failure(DueFeed feed, string message, bool transient, TimeSpan? retryAfter)
    {
        var now = Now();
        var serverDelay = FeedSchedule.ServerDelay(null, null, retryAfter, _options);
        return new RecordFeedCheck.CheckResult
        {
            Outcome = FeedCheckOutcome.Failed,
            CheckedUtc = now,
            NextCheckUtc = now + Max(FeedSchedule.Backoff(feed.ErrorCount + 1, _options), serverDelay),
            Error = message,
            Transient = transient,
            RetryAfterUtc = retryAfter is null ? null : now + serverDelay,
        };
    }

    private async Task<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    private static string Reason(ValidationFailedException e) => string.Join(" ", e.Errors.SelectMany(x => x.Value));

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    private static bool SameHost(string host, string url) => string.Equals(host, Host(url), StringComparison.OrdinalIgnoreCase);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Checks of one polling run waiting to be written, a batch per transaction: most are a 304,
    /// and their one write each is what an unchanged feed costs. A checked feed keeps its claim until then.</summary>
    private sealed class Recorder(FeedPoller poller)
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<RecordFeedCheck.Check> _checks = new();

        public int Count => _checks.Count;

        public void Add(int feedId, RecordFeedCheck.CheckResult result) => _checks.Enqueue(new RecordFeedCheck.Check(feedId, result));

        public async Task FlushAsync()
        {
            var batch = new List<RecordFeedCheck.Check>();
            while (_checks.TryDequeue(out var check))
            {
                batch.Add(check);
            }

            if (batch.Count > 0)
            {
                await poller.SendAsync(new RecordFeedCheck.Command(poller.Owner, batch), CancellationToken.None);
            }
        }
    }
}

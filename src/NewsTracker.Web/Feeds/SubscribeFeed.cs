using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Feeds.Parsing;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Web.Feeds;

/// <summary>
/// Subscribes to a feed given its address, or the address of a page that links to feeds
/// (<c>&lt;link rel="alternate"&gt;</c>): fetches it through the <see cref="SafeFetcher"/>, reads it to be
/// sure it is a feed NewsTracker can use (and to learn its title), then stores the subscription, due at
/// once. A page that lists several feeds answers with the choice, unless <see cref="Command.PickFirst"/>.
/// Shared by the Add page and <c>POST /api/v1/feeds</c>.
/// </summary>
public static class SubscribeFeed
{
    public sealed record Command : IRequest<Result>
    {
        /// <summary>The feed's address, or a page that links to it.</summary>
        public string? Url { get; init; }

        /// <summary>Overrides the feed's own title.</summary>
        public string? Title { get; init; }

        public string? Outlet { get; init; }

        public bool UseFeedContent { get; init; }

        /// <summary>True subscribes to the first feed a page lists instead of offering the choice.</summary>
        public bool PickFirst { get; init; }

        public string? UserId { get; init; }
    }

    /// <summary>Either the feed (<see cref="Created"/> false when it was already subscribed) or, with no
    /// feed, the feeds a page lists to choose from.</summary>
    public sealed record Result(int? FeedId, string? Title, bool Created, IReadOnlyList<DiscoveredFeed> Choices);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Url).NotEmpty().WithMessage("Give the feed's address, or the address of a page that links to it.")
                .MaximumLength(ArticleConfiguration.UrlMaxLength)
                .Must(u => UrlCanonicalizer.IsWebUrl(u?.Trim())).When(c => !string.IsNullOrWhiteSpace(c.Url))
                .WithMessage("The address must be an absolute http:// or https:// address.");
            RuleFor(c => c.Title).MaximumLength(FeedConfiguration.TitleMaxLength);
            RuleFor(c => c.Outlet).MaximumLength(OutletConfiguration.NameMaxLength);
        }
    }

    public sealed class Handler(SafeFetcher fetcher, NewsTrackerDbContext db, IMediator mediator, IOptions<FeedsOptions> options, PollSignal signal)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var url = request.Url!.Trim();
            if (await FindAsync(url, cancellationToken) is { } known)
            {
                return known;
            }

            var (feed, choices) = await ReadAsync(url, allowDiscovery: true, cancellationToken);
            if (feed is null)
            {
                if (choices.Count > 1 && !request.PickFirst)
                {
                    return new Result(null, null, false, choices);
                }

                url = choices[0].Url;
                if (await FindAsync(url, cancellationToken) is { } discoveredKnown)
                {
                    return discoveredKnown;
                }

                (feed, _) = await ReadAsync(url, allowDiscovery: false, cancellationToken);
            }

            var draft = new AddFeeds.Draft(url, string.IsNullOrWhiteSpace(request.Title) ? feed!.Title : request.Title, feed!.SiteUrl, feed.Format.ToString(), request.Outlet, request.UseFeedContent);
            var outcome = (await mediator.Send(new AddFeeds.Command([draft], request.UserId), cancellationToken))[0];
            if (outcome.Error is not null)
            {
                throw new ValidationFailedException(nameof(Command.Url), outcome.Error);
            }

            signal.Wake();
            return new Result(outcome.FeedId, outcome.Title, outcome.Added, []);
        }

        private async Task<Result?> FindAsync(string url, CancellationToken cancellationToken)
        {
            var key = UrlCanonicalizer.Canonicalize(url);
            var feed = await db.Feeds.AsNoTracking().Where(f => f.UrlKey == key).Select(f => new { f.Id, f.Title }).FirstOrDefaultAsync(cancellationToken);
            return feed is null ? null : new Result(feed.Id, feed.Title, false, []);
        }

        /// <summary>The feed at <paramref name="url"/>, or the feeds the page there links to.</summary>
        private async Task<(ParsedFeed? Feed, IReadOnlyList<DiscoveredFeed> Choices)> ReadAsync(string url, bool allowDiscovery, CancellationToken cancellationToken)
        {
            FetchedDocument document;
            try
            {
                document = await fetcher.FetchAsync(url, FeedFetching.Request(null, null, options.Value), cancellationToken);
            }
            catch (FetchException e)
            {
                throw new ValidationFailedException(nameof(Command.Url), FeedFetching.Describe(e, options.Value).Message);
            }

            try
            {
                return (FeedParser.Parse(document.Body.Span, document.DeclaredCharset, document.FinalUrl, options.Value.MaxItemsInFeed), []);
            }
            catch (FeedParseException e) when (e.Problem == FeedParseProblem.WebPage && allowDiscovery)
            {
                var (html, _) = FeedEncoding.Decode(document.Body.Span, document.DeclaredCharset);
                var choices = FeedDiscovery.Find(html, document.FinalUrl);
                return choices.Count > 0
                    ? (null, choices)
                    : throw new ValidationFailedException(nameof(Command.Url), $"The page at {document.FinalUrl.Host} links to no RSS, Atom or JSON feed. Look on the site for a feed link, or give the feed's own address.");
            }
            catch (FeedParseException e)
            {
                throw new ValidationFailedException(nameof(Command.Url), e.Message);
            }
        }
    }
}

using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using NewsTracker.Web.Data.Configurations;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// The one ingestion command behind every entry point (paste text or HTML, file upload, URL, API,
/// seeds, JSONL import, feeds). It prepares the article outside any transaction (fetch, extract,
/// parse), then stores it with <see cref="StoreArticle"/> in one write transaction: an exact duplicate
/// adds nothing, a changed text at a known address becomes a new version, and a near-duplicate from
/// another outlet joins the same story.
/// </summary>
public static partial class IngestArticle
{
    /// <summary>The largest text or HTML accepted, in characters (15 MiB, the fetch limit).</summary>
    public const int MaxContentLength = 15 * 1024 * 1024;

    /// <summary>Give exactly one of <see cref="ArticleFields.Text"/>, <see cref="ArticleFields.Html"/>, or only
    /// <see cref="ArticleFields.Url"/> (fetched; text and HTML must then be null: an empty string means the caller meant to
    /// send one).</summary>
    public sealed record Command : ArticleFields, IRequest<Result>
    {
        public Command()
        {
        }

        /// <summary>Saves what a preview showed.</summary>
        public Command(ArticleFields fields)
            : base(fields)
        {
        }

        /// <summary>Where the request came from: text, html, url, file, seed, api, import…</summary>
        public string Origin { get; init; } = "text";

        public string? UserId { get; init; }
    }

    public enum Outcome
    {
        Added,
        Duplicate,
        NewVersion,
    }

    /// <summary>What ingestion did. <see cref="JoinedStory"/> is true when the article was recognised as
    /// another outlet's copy of a report already stored and put in that report's story.</summary>
    public sealed record Result(int ArticleId, string Slug, string Title, Outcome Outcome, int Version, int StoryId, bool JoinedStory);

    public sealed class Validator : ArticleFieldsValidator<Command>
    {
        public Validator(TimeProvider clock)
            : base(clock)
        {
            // An empty (not missing) text or HTML means the caller meant to send it: say so rather than fetch the URL.
            RuleFor(c => c.Text).NotEmpty().When(c => c.Text is not null && string.IsNullOrEmpty(c.Html))
                .WithMessage("Paste the article text.");
            RuleFor(c => c.Html).NotEmpty().When(c => c.Html is not null && string.IsNullOrEmpty(c.Text))
                .WithMessage("Paste the page's HTML.");
            RuleFor(c => c.Text).Empty().When(c => !string.IsNullOrEmpty(c.Html))
                .WithMessage("Give either the text or the HTML, not both.");
            RuleFor(c => c.Url).NotEmpty().When(c => c.Text is null && c.Html is null)
                .WithMessage("Give the article's text, its HTML, or its address.");
        }
    }

    public static bool IsLanguageTag(string value) =>
        value.Length <= ArticleConfiguration.LanguageMaxLength && LanguageTag().IsMatch(value);

    public sealed class Handler(ArticlePreparer preparer, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            try
            {
                var prepared = await preparer.PrepareAsync(request, cancellationToken);
                var result = (await mediator.Send(new StoreArticle.Command([prepared], request.UserId), cancellationToken))[0];
                Hosting.NewsTrackerMetrics.RecordIngest(request.Origin, result.Outcome);
                return result;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Hosting.NewsTrackerMetrics.RecordIngest(request.Origin, null);
                throw;
            }
        }
    }

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}

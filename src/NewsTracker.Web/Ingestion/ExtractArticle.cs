using FluentValidation;
using MediatR;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Extraction without storing: what ingestion would make of a page (or text). Behind the preview step,
/// <c>POST /api/v1/extract</c> and <c>extract --batch</c>, so all three show exactly what would be stored.
/// </summary>
public static class ExtractArticle
{
    /// <summary>The same fields as <see cref="IngestArticle.Command"/>, so a preview shows what saving them would store.</summary>
    public sealed record Query : ArticleFields, IRequest<Extraction>
    {
        public Query()
        {
        }

        public Query(ArticleFields fields)
            : base(fields)
        {
        }
    }

    /// <summary>The extraction as outside tools see it (stable JSON field names).</summary>
    public sealed record Extraction(
        string Title,
        string? Byline,
        string? Agency,
        DateTimeOffset? Published,
        string? SiteName,
        string? Lang,
        string Body,
        IReadOnlyList<Block> Blocks,
        string? Url,
        string? CanonicalUrl,
        string? Description)
    {
        public static Extraction From(PreparedArticle prepared) => new(
            prepared.Title,
            prepared.Byline,
            prepared.Agency,
            PageDay(prepared),
            prepared.Outlet,
            prepared.Language,
            prepared.Article.RunningText,
            prepared.Article.Blocks.Select(b => new Block(b.Kind, b.Text)).ToList(),
            prepared.Url,
            prepared.CanonicalUrl,
            prepared.Description);
    }

    // The instant in the page's own offset, so the first ten characters are the day the page states.
    private static DateTimeOffset? PageDay(PreparedArticle prepared) =>
        prepared.PublishedUtc is { } utc
            ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(prepared.PublishedOffset ?? TimeSpan.Zero)
            : null;

    public sealed record Block(BlockKind Kind, string Text);

    public sealed class Validator : ArticleFieldsValidator<Query>
    {
        public Validator(TimeProvider clock)
            : base(clock)
        {
            RuleFor(q => q.Html).NotEmpty().When(q => string.IsNullOrWhiteSpace(q.Url) && string.IsNullOrEmpty(q.Text))
                .WithMessage("Give the page's HTML or its address.");
        }
    }

    public sealed class Handler(ArticlePreparer preparer) : IRequestHandler<Query, Extraction>
    {
        public async Task<Extraction> Handle(Query request, CancellationToken cancellationToken) =>
            Extraction.From(await preparer.PrepareAsync(new IngestArticle.Command(request) { Origin = "extract" }, cancellationToken));
    }
}

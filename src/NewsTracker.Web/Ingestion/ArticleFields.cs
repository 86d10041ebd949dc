using FluentValidation;
using NewsTracker.Web.Data.Configurations;

namespace NewsTracker.Web.Ingestion;

/// <summary>What a person or tool gives for an article, shared by the preview (<see cref="ExtractArticle.Query"/>) and
/// the save (<see cref="IngestArticle.Command"/>), so both read the same fields under the same rules.</summary>
public abstract record ArticleFields
{
    /// <summary>Plain text: the first line is the title unless <see cref="Title"/> is given.</summary>
    public string? Text { get; init; }

    /// <summary>A saved or pasted page; <see cref="Url"/>, when given, is where it came from.</summary>
    public string? Html { get; init; }

    /// <summary>The article's address: fetched when neither text nor HTML is given.</summary>
    public string? Url { get; init; }

    public string? Title { get; init; }

    public string? Outlet { get; init; }

    public string? Byline { get; init; }

    public DateTime? PublishedUtc { get; init; }

    public string? Language { get; init; }
}

/// <summary>The rules every <see cref="ArticleFields"/> obeys, previewed or saved: sizes, lengths, a web address, a
/// language tag, a UTC date that is plausible (<see cref="PublishedDates"/>). Which of text, HTML and address must be
/// given is each request's own rule.</summary>
public abstract class ArticleFieldsValidator<T> : AbstractValidator<T>
    where T : ArticleFields
{
    protected ArticleFieldsValidator(TimeProvider clock)
    {
        RuleFor(c => c.Text).MaximumLength(IngestArticle.MaxContentLength).WithMessage($"The text is longer than {IngestArticle.MaxContentLength / 1024 / 1024} MiB.");
        RuleFor(c => c.Html).MaximumLength(IngestArticle.MaxContentLength).WithMessage($"The page is larger than {IngestArticle.MaxContentLength / 1024 / 1024} MiB.");
        RuleFor(c => c.Title).MaximumLength(ArticleConfiguration.TitleMaxLength);
        RuleFor(c => c.Outlet).MaximumLength(OutletConfiguration.NameMaxLength);
        RuleFor(c => c.Byline).MaximumLength(ArticleConfiguration.BylineMaxLength);
        RuleFor(c => c.Url).MaximumLength(ArticleConfiguration.UrlMaxLength)
            .Must(u => string.IsNullOrWhiteSpace(u) || UrlCanonicalizer.IsWebUrl(u.Trim()))
            .WithMessage("The URL must be an absolute http:// or https:// address.");
        RuleFor(c => c.Language).Must(l => string.IsNullOrEmpty(l) || IngestArticle.IsLanguageTag(l))
            .WithMessage("The language must be a tag such as 'en' or 'en-GB'.");
        RuleFor(c => c.PublishedUtc).Must(d => d is null || d.Value.Kind == DateTimeKind.Utc)
            .WithMessage("The published date must be in UTC.");
        RuleFor(c => c.PublishedUtc)
            .Custom((date, context) =>
            {
                if (date is { } utc && PublishedDates.Problem(utc, clock.GetUtcNow().UtcDateTime) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
    }
}

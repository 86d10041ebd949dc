using NewsTracker.Web.Application;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Ingestion.Extraction;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Turns what a journalist brings (plain text, HTML, or an address to fetch) into a
/// <see cref="PreparedArticle"/>. Slow work (network, parsing) happens here, before any write
/// transaction. Every failure becomes a <see cref="ValidationFailedException"/> on the field at fault,
/// with a message that says what to do.
/// </summary>
public sealed class ArticlePreparer(SafeFetcher fetcher, HtmlArticleExtractor extractor, TimeProvider clock)
{
    public async Task<PreparedArticle> PrepareAsync(IngestArticle.Command request, CancellationToken cancellationToken)
    {
        PreparedArticle prepared;
        if (!string.IsNullOrEmpty(request.Text))
        {
            if (request.Text.Contains('\0', StringComparison.Ordinal))
            {
                throw new ValidationFailedException(nameof(request.Text), "This looks like a binary file, not text. Paste the article's words or upload the page as .html or .txt.");
            }

            var parsed = PlainTextArticleParser.Parse(request.Text, request.Title);
            prepared = new PreparedArticle
            {
                Article = parsed,
                Language = LanguageGuesser.Guess(parsed.PlainText),
                Url = Clean(request.Url),
                CanonicalUrl = UrlCanonicalizer.Canonicalize(request.Url),
                Origin = request.Origin,
            };
        }
        else if (!string.IsNullOrEmpty(request.Html))
        {
            prepared = FromHtml(request.Html, Clean(request.Url), nameof(request.Html), request.Origin);
        }
        else
        {
            var url = Clean(request.Url) ?? throw new ValidationFailedException(nameof(request.Url), "Give the article's text, its HTML, or its address.");
            FetchedDocument page;
            try
            {
                page = await fetcher.FetchAsync(url, FetchRequest.Html, cancellationToken);
            }
            catch (FetchException ex)
            {
                throw new ValidationFailedException(nameof(request.Url), ex.Message);
            }

            prepared = FromHtml(page.Text, page.FinalUrl.AbsoluteUri, nameof(request.Url), request.Origin);
        }

        prepared = ApplyOverrides(prepared, request);
        EnsureStorable(prepared);
        return prepared;
    }

    private PreparedArticle FromHtml(string html, string? url, string field, string origin)
    {
        ExtractedArticle extracted;
        try
        {
            extracted = extractor.Extract(html, url);
        }
        catch (ExtractionException ex)
        {
            throw new ValidationFailedException(field, ex.Message);
        }

        return new PreparedArticle
        {
            Article = extracted.Article,
            Byline = extracted.Byline,
            Agency = extracted.Agency,
            PublishedUtc = PublishedDates.PlausibleOrNull(extracted.PublishedUtc, clock.GetUtcNow().UtcDateTime),
            PublishedOffset = PublishedDates.PlausibleOrNull(extracted.PublishedUtc, clock.GetUtcNow().UtcDateTime) is null ? null : extracted.Published?.Offset,
            Outlet = extracted.SiteName,
            Language = extracted.Language,
            Url = url ?? (UrlCanonicalizer.IsWebUrl(extracted.CanonicalUrl) ? extracted.CanonicalUrl : null),
            CanonicalUrl = ChooseCanonical(url, extracted.CanonicalUrl),
            Description = extracted.Description,
            Origin = origin,
        };
    }

    /// <summary>A page's own canonical link wins when it stays on the same site; a canonical pointing to
    /// another site (a syndicated copy naming the original) must not merge two outlets' articles.</summary>
    private static string? ChooseCanonical(string? url, string? declared)
    {
        var fromUrl = UrlCanonicalizer.Canonicalize(url);
        var fromPage = UrlCanonicalizer.Canonicalize(declared);
        if (fromPage is null)
        {
            return fromUrl;
        }

        return fromUrl is null || UrlCanonicalizer.Domain(fromUrl) == UrlCanonicalizer.Domain(fromPage) ? fromPage : fromUrl;
    }

    /// <summary>What the journalist typed beats what the page says.</summary>
    private static PreparedArticle ApplyOverrides(PreparedArticle prepared, IngestArticle.Command request) => prepared with
    {
        Article = Clean(request.Title) is { } title && string.IsNullOrEmpty(request.Text) ? prepared.Article with { Title = title } : prepared.Article,
        Byline = Clean(request.Byline) ?? Clean(prepared.Byline),
        PublishedUtc = request.PublishedUtc ?? prepared.PublishedUtc,
        PublishedOffset = request.PublishedUtc is null ? prepared.PublishedOffset : null,
        Outlet = Clean(request.Outlet) ?? Clean(prepared.Outlet),
        Language = Clean(request.Language)?.ToLowerInvariant() ?? Clean(prepared.Language)?.ToLowerInvariant(),
    };

    private static void EnsureStorable(PreparedArticle prepared)
    {
        if (prepared.Title.Length == 0)
        {
            throw new ValidationFailedException(nameof(IngestArticle.Command.Title), "The article needs a title: give one, or put it on the first line of the text.");
        }

        if (prepared.Article.Blocks.Count == 0)
        {
            throw new ValidationFailedException(nameof(IngestArticle.Command.Text), "No article text was found. Paste the whole article, or check that the page is an article.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (prepared.Title.Length > ArticleConfiguration.TitleMaxLength)
        {
            errors[nameof(IngestArticle.Command.Title)] = [$"The title is longer than {ArticleConfiguration.TitleMaxLength} characters; is the first line really the title?"];
        }

        if (prepared.Byline?.Length > ArticleConfiguration.BylineMaxLength)
        {
            errors[nameof(IngestArticle.Command.Byline)] = [$"The byline is longer than {ArticleConfiguration.BylineMaxLength} characters."];
        }

        if (prepared.Outlet?.Length > OutletConfiguration.NameMaxLength)
        {
            errors[nameof(IngestArticle.Command.Outlet)] = [$"The outlet name is longer than {OutletConfiguration.NameMaxLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TextTools.FoldWhitespace(value);
}

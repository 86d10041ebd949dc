using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Ingestion;

/// <summary>The one ingestion command behind every entry point (paste form, seeds, API, CLI): stores an
/// article once, links an exact duplicate to the existing one, and makes a changed text at a known
/// address a new version.</summary>
public static class IngestArticle
{
    /// <summary>The largest text accepted, in characters.</summary>
    public const int MaxTextLength = 2_000_000;

    public sealed record Command : ICommand<Result>
    {
        public required string Text { get; init; }

        public string? Title { get; init; }

        public string? Outlet { get; init; }

        public string? Url { get; init; }

        public string? Byline { get; init; }

        public DateTime? PublishedUtc { get; init; }

        public string? Language { get; init; }

        /// <summary>Where the text came from: text, seed, api… Recorded on the version.</summary>
        public string Origin { get; init; } = "text";

        public string? UserId { get; init; }
    }

    public enum Outcome
    {
        Added,
        Duplicate,
        NewVersion,
    }

    public sealed record Result(int ArticleId, string Slug, string Title, Outcome Outcome, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Text).NotEmpty().WithMessage("Paste the article text.")
                .MaximumLength(MaxTextLength).WithMessage($"The text is longer than {MaxTextLength:N0} characters.");
            RuleFor(c => c.Title).MaximumLength(ArticleConfiguration.TitleMaxLength);
            RuleFor(c => c.Outlet).MaximumLength(OutletConfiguration.NameMaxLength);
            RuleFor(c => c.Byline).MaximumLength(ArticleConfiguration.BylineMaxLength);
            RuleFor(c => c.Url).MaximumLength(ArticleConfiguration.UrlMaxLength)
                .Must(u => u is null || u.Length == 0 || UrlCanonicalizer.IsWebUrl(u))
                .WithMessage("The URL must be an absolute http:// or https:// address.");
            RuleFor(c => c.Language).MaximumLength(ArticleConfiguration.LanguageMaxLength)
                .Matches("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$").When(c => !string.IsNullOrEmpty(c.Language))
                .WithMessage("The language must be a tag such as 'en' or 'en-GB'.");
            RuleFor(c => c.PublishedUtc).Must(d => d is null || d.Value.Kind == DateTimeKind.Utc)
                .WithMessage("The published date must be in UTC.");
        }
    }

    public sealed class Handler(NewsTrackerDbContext db, TimeProvider clock) : MediatR.IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var parsed = PlainTextArticleParser.Parse(request.Text, request.Title);
            if (parsed.Title.Length == 0)
            {
                throw new ValidationFailedException(nameof(Command.Title), "The article needs a title: give one, or put it on the first line of the text.");
            }

            if (parsed.Title.Length > ArticleConfiguration.TitleMaxLength)
            {
                throw new ValidationFailedException(nameof(Command.Title), $"The title is longer than {ArticleConfiguration.TitleMaxLength} characters; is the first line really the title?");
            }

            if (parsed.Blocks.Count == 0)
            {
                throw new ValidationFailedException(nameof(Command.Text), "The text has a title but no body. Paste the whole article.");
            }

            var plainText = parsed.PlainText;
            var hash = TextTools.Sha256Hex(TextTools.FoldWhitespace(parsed.Title).ToUpperInvariant() + "\n" + plainText);
            var canonicalUrl = UrlCanonicalizer.Canonicalize(request.Url);
            var now = clock.GetUtcNow().UtcDateTime;

            var existing = canonicalUrl is null
                ? null
                : await db.Articles.FirstOrDefaultAsync(a => a.CanonicalUrl == canonicalUrl, cancellationToken);

            if (existing is null)
            {
                var duplicate = await db.ArticleVersions.AsNoTracking()
                    .Where(v => v.ContentHash == hash)
                    .Select(v => new { v.ArticleId, v.Article!.Slug, v.Article.Title, v.Article.CurrentVersion })
                    .FirstOrDefaultAsync(cancellationToken);
                if (duplicate is not null)
                {
                    return new Result(duplicate.ArticleId, duplicate.Slug, duplicate.Title, Outcome.Duplicate, duplicate.CurrentVersion);
                }
            }
            else
            {
                var currentHash = await db.ArticleVersions.AsNoTracking()
                    .Where(v => v.ArticleId == existing.Id && v.Number == existing.CurrentVersion)
                    .Select(v => v.ContentHash)
                    .FirstAsync(cancellationToken);
                if (currentHash == hash)
                {
                    return new Result(existing.Id, existing.Slug, existing.Title, Outcome.Duplicate, existing.CurrentVersion);
                }
            }

            var outlet = await FindOrCreateOutletAsync(request.Outlet, request.Url, now, cancellationToken);
            var article = existing ?? new Article
            {
                Title = parsed.Title,
                Slug = TextTools.Slugify(parsed.Title, ArticleConfiguration.SlugMaxLength),
                Excerpt = string.Empty,
                CanonicalUrl = canonicalUrl,
                CreatedUtc = now,
                CreatedByUserId = request.UserId,
            };

            article.Title = parsed.Title;
            article.Slug = TextTools.Slugify(parsed.Title, ArticleConfiguration.SlugMaxLength);
            article.Excerpt = parsed.Excerpt(ArticleConfiguration.ExcerptMaxLength);
            article.Url = string.IsNullOrWhiteSpace(request.Url) ? article.Url : request.Url.Trim();
            article.Byline = Clean(request.Byline) ?? article.Byline;
            article.Language = Clean(request.Language)?.ToLowerInvariant() ?? article.Language;
            article.PublishedUtc = request.PublishedUtc ?? article.PublishedUtc;
            article.SortUtc = article.PublishedUtc ?? article.CreatedUtc;
            article.Outlet = outlet ?? article.Outlet;
            article.UpdatedUtc = now;
            article.CurrentVersion++;
            article.ConcurrencyStamp = Guid.NewGuid();

            var version = new ArticleVersion
            {
                Number = article.CurrentVersion,
                Title = parsed.Title,
                PlainText = plainText,
                ContentHash = hash,
                Origin = request.Origin,
                CreatedUtc = now,
            };
            var offset = 0;
            for (var i = 0; i < parsed.Blocks.Count; i++)
            {
                var block = parsed.Blocks[i];
                version.Blocks.Add(new ArticleBlock { Ordinal = i, Kind = block.Kind, Text = block.Text, Start = offset });
                offset += block.Text.Length + ParsedArticle.BlockSeparator.Length;
            }

            article.Versions.Add(version);
            if (existing is null)
            {
                db.Articles.Add(article);
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Result(article.Id, article.Slug, article.Title, existing is null ? Outcome.Added : Outcome.NewVersion, article.CurrentVersion);
        }

        private async Task<Outlet?> FindOrCreateOutletAsync(string? name, string? url, DateTime now, CancellationToken cancellationToken)
        {
            var domain = UrlCanonicalizer.Domain(url);
            var cleanName = Clean(name);
            if (cleanName is null && domain is null)
            {
                return null;
            }

            var outlet = cleanName is not null
                ? await db.Outlets.FirstOrDefaultAsync(o => o.NormalizedName == Outlet.Normalize(cleanName), cancellationToken)
                : await db.Outlets.FirstOrDefaultAsync(o => o.Domain == domain, cancellationToken);
            if (outlet is not null)
            {
                outlet.Domain ??= domain is not null && !await db.Outlets.AnyAsync(o => o.Domain == domain, cancellationToken) ? domain : null;
                return outlet;
            }

            outlet = new Outlet
            {
                Name = cleanName ?? domain!,
                NormalizedName = Outlet.Normalize(cleanName ?? domain!),
                Domain = domain is not null && !await db.Outlets.AnyAsync(o => o.Domain == domain, cancellationToken) ? domain : null,
                CreatedUtc = now,
            };
            db.Outlets.Add(outlet);
            return outlet;
        }

        private static string? Clean(string? value) =>
            string.IsNullOrWhiteSpace(value) ? null : TextTools.FoldWhitespace(value);
    }
}

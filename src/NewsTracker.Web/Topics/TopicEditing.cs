using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Topics;

/// <summary>Editors' commands on topics that the new-topic page, the edit page, the seed and the tests send (create a
/// topic, put single articles in or keep them out, add milestones), and what the edit page's own commands share: the
/// fields, their validators and writing them onto rows. Every change is audited and evicts cached timelines.</summary>
public static class TopicEditing
{
    /// <summary>A topic's editable fields. <see cref="ActorNames"/> are actor names or aliases, one per entry.</summary>
    public sealed record TopicFields(string Name, string? Slug, string? Description, string? Definition, bool IsPublished, IReadOnlyList<string>? ActorNames = null);

    public sealed record Create(TopicFields Fields) : ICommand<Saved>;

    /// <summary>Includes (or, with <paramref name="Included"/> false, excludes) one article given by id, its
    /// address on this site or its original URL.</summary>
    public sealed record Pick(int TopicId, string Article, bool Included) : ICommand<Unit>;

    public sealed record MilestoneFields(DateOnly Day, string Text, string? Url);

    public sealed record AddMilestone(int TopicId, MilestoneFields Fields) : ICommand<int>;

    public sealed record Saved(int Id, string Slug, Guid Stamp);

    public sealed class TopicFieldsValidator : AbstractValidator<TopicFields>
    {
        public TopicFieldsValidator()
        {
            RuleFor(f => f.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the topic a name.")
                .MaximumLength(TopicLimits.NameMaxLength).WithMessage($"A topic's name can be at most {TopicLimits.NameMaxLength} characters.")
                .Must(n => !TagRules.LooksLikeMarkup(n)).WithMessage(TagRules.MarkupMessage);
            RuleFor(f => f.Slug).Must(s => string.IsNullOrWhiteSpace(s) || FollowCookie.IsSlug(s.Trim()))
                .WithMessage("The address may use only lower-case letters, digits and dashes, e.g. ukraine-nato-membership.")
                .Must(s => !string.Equals(s?.Trim(), ReservedSlug, StringComparison.Ordinal)).WithMessage("“new” is taken by the new-topic page. Choose another address.");
            RuleFor(f => f.Description).MaximumLength(TopicLimits.DescriptionMaxLength).WithMessage($"The description can be at most {TopicLimits.DescriptionMaxLength} characters.");
            RuleFor(f => f.Definition).MaximumLength(TopicLimits.DefinitionMaxLength).WithMessage($"The saved search can be at most {TopicLimits.DefinitionMaxLength} characters.");
        }
    }

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator() => RuleFor(c => c.Fields).NotNull().SetValidator(new TopicFieldsValidator());
    }

    public sealed class MilestoneFieldsValidator : AbstractValidator<MilestoneFields>
    {
        public MilestoneFieldsValidator()
        {
            RuleFor(f => f.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Say in one line what happened.")
                .MaximumLength(TopicLimits.MilestoneTextMaxLength).WithMessage($"A milestone is one line of at most {TopicLimits.MilestoneTextMaxLength} characters.")
                .Must(t => t is null || !t.Contains('\n', StringComparison.Ordinal)).WithMessage("A milestone is one line.");
            RuleFor(f => f.Url).MaximumLength(TopicLimits.UrlMaxLength)
                .Must(u => string.IsNullOrWhiteSpace(u) || (Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                .WithMessage("The link must be a web address starting with http:// or https://.");
            RuleFor(f => f.Day).Must(d => d.Year is >= 1900 and <= 2200).WithMessage("Give the day it happened.");
        }
    }

    public sealed class AddMilestoneValidator : AbstractValidator<AddMilestone>
    {
        public AddMilestoneValidator() => RuleFor(c => c.Fields).NotNull().SetValidator(new MilestoneFieldsValidator());
    }

    /// <summary>What an editor is refused, in <see cref="TagRules.RequireEditor"/>'s message.</summary>
    public const string Manage = "manage topics";

    /// <summary>The address of the new-topic page, so no topic may have it.</summary>
    private const string ReservedSlug = "new";

    public sealed class CreateHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<Create, Saved>
    {
        public async Task<Saved> Handle(Create request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, Manage);
            var topic = new Topic { Name = string.Empty, Slug = string.Empty, CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedByUserId = audit.Editor.UserId };
            await ApplyAsync(db, topic, request.Fields, cancellationToken);
            db.Topics.Add(topic);
            await db.SaveChangesAsync(cancellationToken);
            return new Saved(topic.Id, topic.Slug, topic.ConcurrencyStamp);
        }
    }

    public sealed class PickHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Pick, Unit>
    {
        public async Task<Unit> Handle(Pick request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, Manage);
            var topic = await db.Topics.Include(t => t.Articles).SingleOrDefaultAsync(t => t.Id == request.TopicId, cancellationToken)
                ?? throw new NotFoundException("There is no such topic.");
            var articleId = await FindArticleAsync(db, request.Article, cancellationToken);
            var pick = topic.Articles.FirstOrDefault(a => a.ArticleId == articleId);
            if (pick is null)
            {
                topic.Articles.Add(new TopicArticle { TopicId = topic.Id, ArticleId = articleId, Included = request.Included });
            }
            else
            {
                pick.Included = request.Included;
            }

            db.Entry(topic).Property(t => t.UpdatedUtc).IsModified = true;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class AddMilestoneHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<AddMilestone, int>
    {
        public async Task<int> Handle(AddMilestone request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, Manage);
            if (!await db.Topics.AnyAsync(t => t.Id == request.TopicId, cancellationToken))
            {
                throw new NotFoundException("There is no such topic.");
            }

            var milestone = new Milestone { TopicId = request.TopicId, Text = string.Empty, CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedByUserId = audit.Editor.UserId };
            Apply(milestone, request.Fields);
            db.Milestones.Add(milestone);
            await db.SaveChangesAsync(cancellationToken);
            return milestone.Id;
        }
    }

    /// <summary>An article by id, by its address on this site (<c>/articles/12/…</c>) or by its original URL.</summary>
    public static async Task<int> FindArticleAsync(NewsTrackerDbContext db, string reference, CancellationToken cancellationToken)
    {
        var text = reference.Trim();
        int? id = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
        if (id is null && Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri))
        {
            var path = uri.IsAbsoluteUri ? uri.AbsolutePath : text.Split('?', '#')[0];
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "articles" && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fromPath)
                && (!uri.IsAbsoluteUri || !await db.Articles.AnyAsync(a => a.Url == text || a.CanonicalUrl == text, cancellationToken)))
            {
                id = fromPath;
            }
        }

        var found = id is { } articleId
            ? await db.Articles.Where(a => a.Id == articleId).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken)
            : await db.Articles.Where(a => a.Url == text || a.CanonicalUrl == text).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        return found ?? throw new ValidationFailedException("Article", "No stored article has that number or address. Give the article's number, its address here or its original URL.");
    }

    /// <summary>Writes a topic's fields onto its row: a free slug, the actors found by name or alias.</summary>
    public static async Task ApplyAsync(NewsTrackerDbContext db, Topic topic, TopicFields fields, CancellationToken cancellationToken)
    {
        topic.Name = fields.Name.Trim();
        var slug = string.IsNullOrWhiteSpace(fields.Slug) ? TextTools.Slugify(topic.Name, TopicLimits.SlugMaxLength) : fields.Slug.Trim();
        if (slug.Length == 0 || slug == ReservedSlug)
        {
            throw new ValidationFailedException("Fields.Slug", "Choose an address for the topic: lower-case letters, digits and dashes.");
        }

        if (await db.Topics.AnyAsync(t => t.Slug == slug && t.Id != topic.Id, cancellationToken))
        {
            throw new ValidationFailedException("Fields.Slug", $"Another topic already uses the address “{slug}”. Choose another.");
        }

        topic.Slug = slug;
        topic.Description = string.IsNullOrWhiteSpace(fields.Description) ? null : fields.Description.Trim();
        topic.Definition = string.IsNullOrWhiteSpace(fields.Definition) ? null : fields.Definition.Trim();
        topic.IsPublished = fields.IsPublished;

        var actorIds = new List<int>();
        var unknown = new List<string>();
        foreach (var name in (fields.ActorNames ?? []).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var normalized = TagRules.NormalizeName(name);
            var actorId = await db.Actors.Where(a => a.MergedIntoId == null && a.NormalizedName == normalized).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken)
                ?? await db.ActorAliases.Where(a => a.NormalizedName == normalized).Select(a => (int?)a.ActorId).FirstOrDefaultAsync(cancellationToken);
            if (actorId is null)
            {
                unknown.Add(name);
            }
            else
            {
                actorIds.Add(actorId.Value);
            }
        }

        if (unknown.Count > 0)
        {
            throw new ValidationFailedException("Fields.ActorNames", $"No actor is called {string.Join(", ", unknown.Select(n => $"“{n}”"))}. Add the actor first, or check the spelling.");
        }

        topic.Actors.RemoveAll(a => !actorIds.Contains(a.ActorId));
        foreach (var id in actorIds.Distinct().Where(id => topic.Actors.All(a => a.ActorId != id)))
        {
            topic.Actors.Add(new TopicActor { TopicId = topic.Id, ActorId = id });
        }
    }

    /// <summary>Writes a milestone's fields onto its row.</summary>
    public static void Apply(Milestone milestone, MilestoneFields fields)
    {
        milestone.DayUtc = fields.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        milestone.Text = fields.Text.Trim();
        milestone.Url = string.IsNullOrWhiteSpace(fields.Url) ? null : fields.Url.Trim();
    }
}

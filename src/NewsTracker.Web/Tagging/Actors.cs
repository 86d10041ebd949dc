using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>What the actor registry's commands share: a new actor's fields and their rules, building, finding and
/// loading an actor for an edit, its aliases, and the registry the suggestions read. The commands themselves live in
/// the pages that send them (<c>Pages/Actors/Index</c> creates; <c>Pages/Actors/Details</c> edits, merges, deletes).</summary>
public static partial class Actors
{
    /// <summary>What a new actor is called and what it is; used on its own and inside a tag.</summary>
    public sealed record NewActor(string Name, ActorKind Kind, string? Description = null, string? WikidataId = null, IReadOnlyList<string>? Aliases = null);

    public sealed record Saved(int Id, string Name, Guid Stamp);

    /// <summary>The registry as the suggestion engine wants it: every live actor with its aliases.</summary>
    public sealed record Registry : IRequest<IReadOnlyList<KnownActor>>;

    public sealed partial class NewActorValidator : AbstractValidator<NewActor>
    {
        public NewActorValidator()
        {
            RuleFor(a => a.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the actor's name.")
                .MaximumLength(TagLimits.ActorNameMaxLength).WithMessage($"An actor's name can be at most {TagLimits.ActorNameMaxLength} characters.")
                .Must(n => !TagRules.LooksLikeMarkup(n)).WithMessage(TagRules.MarkupMessage)
                .Must(n => n is null || TagRules.NormalizeName(n).Length > 0).WithMessage("An actor's name needs at least one letter or digit.");
            RuleFor(a => a.Kind).IsInEnum().WithMessage("Choose the actor's kind: person, organisation, country, government body or other.");
            RuleFor(a => a.Description).MaximumLength(TagLimits.ActorDescriptionMaxLength)
                .Must(d => !TagRules.LooksLikeMarkup(d)).WithMessage(TagRules.MarkupMessage);
            RuleFor(a => a.WikidataId).Must(w => string.IsNullOrWhiteSpace(w) || WikidataPattern().IsMatch(w.Trim()))
                .WithMessage("A Wikidata id is Q followed by digits, such as Q3874799.");
            RuleFor(a => a.Aliases).Must(a => a is null || a.Count <= TagLimits.MaxAliases)
                .WithMessage($"An actor can have at most {TagLimits.MaxAliases} aliases.");
            RuleForEach(a => a.Aliases).Must(n => !string.IsNullOrWhiteSpace(n) && n.Length <= TagLimits.ActorNameMaxLength && !TagRules.LooksLikeMarkup(n))
                .WithMessage($"Each alias is a plain-text name of at most {TagLimits.ActorNameMaxLength} characters.");
        }

        [GeneratedRegex(@"^Q[1-9][0-9]{0,11}$", RegexOptions.CultureInvariant)]
        private static partial Regex WikidataPattern();
    }

    /// <summary>Makes a new actor row from validated input (not yet added to the context).</summary>
    public static Actor Build(NewActor input, Editor editor, DateTime now)
    {
        var actor = new Actor
        {
            Name = input.Name.Trim(),
            NormalizedName = TagRules.NormalizeName(input.Name),
            Kind = input.Kind,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            WikidataId = string.IsNullOrWhiteSpace(input.WikidataId) ? null : input.WikidataId.Trim(),
            CreatedUtc = now,
            CreatedByUserId = editor.UserId,
            IsApproved = editor.IsEditor,
        };
        SetAliases(actor, input.Aliases);
        return actor;
    }

    /// <summary>Replaces the aliases, dropping blanks, repeats and the actor's own name.</summary>
    internal static void SetAliases(Actor actor, IReadOnlyList<string>? aliases)
    {
        var wanted = (aliases ?? [])
            .Select(a => a.Trim())
            .Where(a => a.Length > 0)
            .Select(a => (Name: a, Normalized: TagRules.NormalizeName(a)))
            .Where(a => a.Normalized.Length > 0 && a.Normalized != actor.NormalizedName)
            .DistinctBy(a => a.Normalized)
            .ToList();
        actor.Aliases.RemoveAll(a => wanted.All(w => w.Normalized != a.NormalizedName));
        foreach (var alias in wanted.Where(w => actor.Aliases.All(a => a.NormalizedName != w.Normalized)))
        {
            actor.Aliases.Add(new ActorAlias { Name = alias.Name, NormalizedName = alias.Normalized });
        }
    }

    /// <summary>A live actor by id, with its aliases, or a 400 naming the field (ids sent by clients).</summary>
    public static async Task<Actor> FindLiveAsync(NewsTrackerDbContext db, int id, string field, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.Include(a => a.Aliases).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new ValidationFailedException(field, $"There is no actor {id}. Pick an actor from the list or create a new one.");
        if (actor.MergedIntoId is { } into)
        {
            throw new ValidationFailedException(field, $"Actor {id} (“{actor.Name}”) was merged into actor {into}; use that one.");
        }

        return actor;
    }

    /// <summary>An actor an editor is about to change: the caller must be an editor and the stamp current.</summary>
    internal static async Task<Actor> LoadForEditAsync(NewsTrackerDbContext db, AuditContext audit, int id, Guid? stamp, string what, CancellationToken cancellationToken)
    {
        TagRules.RequireEditor(audit.Editor, what);
        var actor = await db.Actors.Include(a => a.Aliases).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no actor {id}.");
        await TagRules.EnsureCurrentAsync(db, actor, stamp, "actor", cancellationToken);
        return actor;
    }

    public sealed class RegistryHandler(NewsTrackerDbContext db) : IRequestHandler<Registry, IReadOnlyList<KnownActor>>
    {
        public async Task<IReadOnlyList<KnownActor>> Handle(Registry request, CancellationToken cancellationToken)
        {
            var actors = await db.Actors.AsNoTracking()
                .Where(a => a.MergedIntoId == null)
                .Select(a => new { a.Id, a.Name, a.Kind, Aliases = a.Aliases.Select(x => x.Name).ToList() })
                .ToListAsync(cancellationToken);
            return actors.Select(a => new KnownActor(a.Id, a.Name, a.Kind, a.Aliases)).ToList();
        }
    }
}

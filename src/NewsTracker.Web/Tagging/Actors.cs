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

/// <summary>The actor registry's writes: create, edit (name, kind, description, Wikidata id, aliases), merge
/// two actors keeping every mention, and delete an actor nothing refers to.</summary>
public static partial class Actors
{
    /// <summary>What a new actor is called and what it is; used on its own and inside a tag.</summary>
    public sealed record NewActor(string Name, ActorKind Kind, string? Description = null, string? WikidataId = null, IReadOnlyList<string>? Aliases = null);

    public sealed record Create(NewActor Actor) : ICommand<Saved>;

    public sealed record Update(int Id, Guid? Stamp, NewActor Actor) : ICommand<Saved>;

    /// <summary>Moves every mention, claim and source of <paramref name="FromId"/> to <paramref name="IntoId"/>;
    /// the merged actor's names become aliases of the one kept.</summary>
    public sealed record Merge(int FromId, int IntoId, Guid? FromStamp = null, Guid? IntoStamp = null) : ICommand<Saved>;

    public sealed record Delete(int Id, Guid? Stamp) : ICommand<Unit>;

    /// <summary>An editor vouches for an actor a journalist created, so readers see it (editors only).</summary>
    public sealed record Approve(int Id, Guid? Stamp) : ICommand<Saved>;

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

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator() => RuleFor(c => c.Actor).NotNull().SetValidator(new NewActorValidator());
    }

    public sealed class UpdateValidator : AbstractValidator<Update>
    {
        public UpdateValidator() => RuleFor(c => c.Actor).NotNull().SetValidator(new NewActorValidator());
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
    private static void SetAliases(Actor actor, IReadOnlyList<string>? aliases)
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
    private static async Task<Actor> LoadForEditAsync(NewsTrackerDbContext db, AuditContext audit, int id, Guid? stamp, string what, CancellationToken cancellationToken)
    {
        TagRules.RequireEditor(audit.Editor, what);
        var actor = await db.Actors.Include(a => a.Aliases).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no actor {id}.");
        await TagRules.EnsureCurrentAsync(db, actor, stamp, "actor", cancellationToken);
        return actor;
    }

    public sealed class CreateHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<Create, Saved>
    {
        public async Task<Saved> Handle(Create request, CancellationToken cancellationToken)
        {
            TagRules.RequireProposer(audit.Editor);
            var actor = Build(request.Actor, audit.Editor, clock.GetUtcNow().UtcDateTime);
            db.Actors.Add(actor);
            await db.SaveChangesAsync(cancellationToken);
            return new Saved(actor.Id, actor.Name, actor.ConcurrencyStamp);
        }
    }

    public sealed class UpdateHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Update, Saved>
    {
        public async Task<Saved> Handle(Update request, CancellationToken cancellationToken)
        {
            var actor = await LoadForEditAsync(db, audit, request.Id, request.Stamp, "edit actors", cancellationToken);
            actor.Name = request.Actor.Name.Trim();
            actor.NormalizedName = TagRules.NormalizeName(actor.Name);
            actor.Kind = request.Actor.Kind;
            actor.Description = string.IsNullOrWhiteSpace(request.Actor.Description) ? null : request.Actor.Description.Trim();
            actor.WikidataId = string.IsNullOrWhiteSpace(request.Actor.WikidataId) ? null : request.Actor.WikidataId.Trim();
            SetAliases(actor, request.Actor.Aliases);
            db.Entry(actor).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
            return new Saved(actor.Id, actor.Name, actor.ConcurrencyStamp);
        }
    }

    public sealed class MergeHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Merge, Saved>
    {
        public async Task<Saved> Handle(Merge request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, "merge actors");
            if (request.FromId == request.IntoId)
            {
                throw new ValidationFailedException("IntoId", "Choose a different actor to merge into.");
            }

            var from = await db.Actors.Include(a => a.Aliases).FirstOrDefaultAsync(a => a.Id == request.FromId, cancellationToken)
                ?? throw new NotFoundException($"There is no actor {request.FromId}.");
            if (from.MergedIntoId is not null)
            {
                throw new ValidationFailedException("FromId", $"“{from.Name}” was already merged into actor {from.MergedIntoId}.");
            }

            var into = await FindLiveAsync(db, request.IntoId, "IntoId", cancellationToken);
            await TagRules.EnsureCurrentAsync(db, from, request.FromStamp, "actor", cancellationToken);
            await TagRules.EnsureCurrentAsync(db, into, request.IntoStamp, "actor", cancellationToken);

            // Every row that points at the merged actor moves; each move is its own audit entry in this change,
            // so undo puts every mention back.
            foreach (var annotation in await db.Annotations.Where(a => a.ActorId == from.Id).ToListAsync(cancellationToken))
            {
                annotation.ActorId = into.Id;
            }

            foreach (var claim in await db.Claims.Where(c => c.ClaimantId == from.Id).ToListAsync(cancellationToken))
            {
                claim.ClaimantId = into.Id;
            }

            foreach (var source in await db.Sources.Where(s => s.ActorId == from.Id).ToListAsync(cancellationToken))
            {
                source.ActorId = into.Id;
            }

            foreach (var earlier in await db.Actors.Where(a => a.MergedIntoId == from.Id).ToListAsync(cancellationToken))
            {
                earlier.MergedIntoId = into.Id;
            }

            var names = into.Aliases.Select(a => a.Name).Append(from.Name).Concat(from.Aliases.Select(a => a.Name)).ToList();
            SetAliases(into, names);
            into.WikidataId ??= from.WikidataId;
            into.Description ??= from.Description;
            db.Entry(into).State = EntityState.Modified;
            from.MergedIntoId = into.Id;
            from.Aliases.Clear();
            await db.SaveChangesAsync(cancellationToken);
            return new Saved(into.Id, into.Name, into.ConcurrencyStamp);
        }
    }

    public sealed class ApproveHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Approve, Saved>
    {
        public async Task<Saved> Handle(Approve request, CancellationToken cancellationToken)
        {
            var actor = await LoadForEditAsync(db, audit, request.Id, request.Stamp, "approve actors", cancellationToken);
            if (!actor.IsApproved)
            {
                actor.IsApproved = true;
                db.Entry(actor).State = EntityState.Modified;
                await db.SaveChangesAsync(cancellationToken);
            }

            return new Saved(actor.Id, actor.Name, actor.ConcurrencyStamp);
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Delete, Unit>
    {
        public async Task<Unit> Handle(Delete request, CancellationToken cancellationToken)
        {
            var actor = await LoadForEditAsync(db, audit, request.Id, request.Stamp, "delete actors", cancellationToken);
            var inUse = await db.Annotations.AnyAsync(a => a.ActorId == actor.Id, cancellationToken)
                || await db.Claims.AnyAsync(c => c.ClaimantId == actor.Id, cancellationToken)
                || await db.Sources.AnyAsync(s => s.ActorId == actor.Id, cancellationToken)
                || await db.Actors.AnyAsync(a => a.MergedIntoId == actor.Id, cancellationToken);
            if (inUse)
            {
                throw new ValidationFailedException("Id", $"“{actor.Name}” is still mentioned, quoted or cited. Merge it into another actor instead, or remove those tags first.");
            }

            db.ActorAliases.RemoveRange(actor.Aliases);
            db.Actors.Remove(actor);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
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

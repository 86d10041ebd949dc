using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>Sources (attributions) claims rest on: create, edit, delete an unused one. A tag that names a new
/// source reuses an existing one with the same kind, wording and actor.</summary>
public static class Sources
{
    public sealed record NewSource(SourceKind Kind, string Description, int? ActorId = null);

    public sealed record Create(NewSource Source) : ICommand<Saved>;

    public sealed record Update(int Id, Guid? Stamp, NewSource Source) : ICommand<Saved>;

    public sealed record Delete(int Id, Guid? Stamp) : ICommand<Unit>;

    public sealed record Saved(int Id, string Description, Guid Stamp);

    public sealed class NewSourceValidator : AbstractValidator<NewSource>
    {
        public NewSourceValidator()
        {
            RuleFor(s => s.Kind).IsInEnum().WithMessage("Choose the source's kind: named person, official, anonymous, document, media report or unspecified reports.");
            RuleFor(s => s.Description).Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Describe the source, e.g. “a White House official”.")
                .MaximumLength(TagLimits.SourceDescriptionMaxLength).WithMessage($"A source's description can be at most {TagLimits.SourceDescriptionMaxLength} characters.")
                .Must(d => !TagRules.LooksLikeMarkup(d)).WithMessage(TagRules.MarkupMessage);
        }
    }

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator() => RuleFor(c => c.Source).NotNull().SetValidator(new NewSourceValidator());
    }

    public sealed class UpdateValidator : AbstractValidator<Update>
    {
        public UpdateValidator() => RuleFor(c => c.Source).NotNull().SetValidator(new NewSourceValidator());
    }

    /// <summary>An existing source with the same kind, wording and actor, or a new one added to the context.</summary>
    public static async Task<Source> FindOrAddAsync(NewsTrackerDbContext db, NewSource input, Editor editor, DateTime now, CancellationToken cancellationToken)
    {
        if (input.ActorId is { } actorId)
        {
            await Actors.FindLiveAsync(db, actorId, "ActorId", cancellationToken);
        }

        var description = input.Description.Trim();
        // Sources of one kind and actor are few; the wording is compared ignoring case ("According to reports").
        var candidates = await db.Sources.Where(s => s.Kind == input.Kind && s.ActorId == input.ActorId).ToListAsync(cancellationToken);
        var existing = candidates.FirstOrDefault(s => string.Equals(s.Description, description, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            return existing;
        }

        var source = new Source { Kind = input.Kind, Description = description, ActorId = input.ActorId, CreatedUtc = now, CreatedByUserId = editor.UserId };
        db.Sources.Add(source);
        return source;
    }

    /// <summary>A source an editor is about to change: the caller must be an editor and the stamp current.</summary>
    private static async Task<Source> LoadForEditAsync(NewsTrackerDbContext db, AuditContext audit, int id, Guid? stamp, string what, CancellationToken cancellationToken)
    {
        TagRules.RequireEditor(audit.Editor, what);
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no source {id}.");
        await TagRules.EnsureCurrentAsync(db, source, stamp, "source", cancellationToken);
        return source;
    }

    public sealed class CreateHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<Create, Saved>
    {
        public async Task<Saved> Handle(Create request, CancellationToken cancellationToken)
        {
            TagRules.RequireProposer(audit.Editor);
            var source = await FindOrAddAsync(db, request.Source, audit.Editor, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Saved(source.Id, source.Description, source.ConcurrencyStamp);
        }
    }

    public sealed class UpdateHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Update, Saved>
    {
        public async Task<Saved> Handle(Update request, CancellationToken cancellationToken)
        {
            var source = await LoadForEditAsync(db, audit, request.Id, request.Stamp, "edit sources", cancellationToken);
            if (request.Source.ActorId is { } actorId)
            {
                await Actors.FindLiveAsync(db, actorId, "ActorId", cancellationToken);
            }

            source.Kind = request.Source.Kind;
            source.Description = request.Source.Description.Trim();
            source.ActorId = request.Source.ActorId;
            await db.SaveChangesAsync(cancellationToken);
            return new Saved(source.Id, source.Description, source.ConcurrencyStamp);
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Delete, Unit>
    {
        public async Task<Unit> Handle(Delete request, CancellationToken cancellationToken)
        {
            var source = await LoadForEditAsync(db, audit, request.Id, request.Stamp, "delete sources", cancellationToken);
            if (await db.Annotations.AnyAsync(a => a.SourceId == source.Id, cancellationToken) || await db.ClaimSources.AnyAsync(c => c.SourceId == source.Id, cancellationToken))
            {
                throw new ValidationFailedException("Id", $"“{source.Description}” is still tagged or cited by a claim; remove those first.");
            }

            db.Sources.Remove(source);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

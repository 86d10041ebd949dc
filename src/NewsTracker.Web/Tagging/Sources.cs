using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>What the commands on sources (attributions claims rest on) share: a new source's fields and rules, finding
/// or adding one (a tag or claim that names a new source reuses an existing one with the same kind, wording and actor),
/// loading one for an edit. The commands live in the pages that send them (<c>Pages/Sources/Details</c> edits and
/// deletes, <c>Pages/Claims/Details</c> creates).</summary>
public static class Sources
{
    public sealed record NewSource(SourceKind Kind, string Description, int? ActorId = null);

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
    internal static async Task<Source> LoadForEditAsync(NewsTrackerDbContext db, AuditContext audit, int id, Guid? stamp, string what, CancellationToken cancellationToken)
    {
        TagRules.RequireEditor(audit.Editor, what);
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no source {id}.");
        await TagRules.EnsureCurrentAsync(db, source, stamp, "source", cancellationToken);
        return source;
    }
}

using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// Tags on article text (annotations): tag a span as an actor mention, a source or a claim, or remove a tag (the
/// article page, the orphans page and the annotations API send these); and what every command on tags shares. Changing,
/// approving and dismissing live in the article page, re-attaching in the orphans page. Tags are only made on an article's newest
/// version. A journalist's tag is a proposal until an editor approves it; an editor's is approved at once.
/// </summary>
public static class Tags
{
    /// <summary>Tag [Start, End) of version <paramref name="Version"/> (the newest when null). Give the target
    /// for the kind: an existing actor, source or claim by id, or a new one to create in the same change.</summary>
    public sealed record Create(
        int ArticleId,
        int? Version,
        AnnotationKind Kind,
        int Start,
        int End,
        string? Exact = null,
        int? ActorId = null,
        Actors.NewActor? NewActor = null,
        int? SourceId = null,
        Sources.NewSource? NewSource = null,
        int? ClaimId = null,
        Claims.NewClaim? NewClaim = null,
        string? Note = null) : ICommand<Saved>;

    public sealed record Delete(int Id, Guid? Stamp) : ICommand<Unit>;

    public sealed record Saved(int Id, int ArticleId, AnnotationKind Kind, int Start, int End, AnnotationStatus Status, Guid Stamp, int? ActorId, int? SourceId, int? ClaimId);

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose what the span is: a claim, an actor or a source.");
            RuleFor(c => c.Note).MaximumLength(TagLimits.NoteMaxLength).WithMessage($"A note can be at most {TagLimits.NoteMaxLength} characters.");
            RuleFor(c => c.Exact).MaximumLength(TextAnchor.MaxLength).WithMessage($"One tag can cover at most {TextAnchor.MaxLength} characters.");
            RuleFor(c => c).Must(c => c.ActorId is not null ^ c.NewActor is not null).When(c => c.Kind == AnnotationKind.ActorMention)
                .WithName("ActorId").WithMessage("Say which actor this is: pick one from the registry or name a new one.");
            RuleFor(c => c).Must(c => c.SourceId is not null ^ c.NewSource is not null).When(c => c.Kind == AnnotationKind.Source)
                .WithName("SourceId").WithMessage("Say which source this is: pick one or describe a new one.");
            RuleFor(c => c).Must(c => c.ClaimId is not null ^ c.NewClaim is not null).When(c => c.Kind == AnnotationKind.Claim)
                .WithName("ClaimId").WithMessage("Say which claim this is: pick an existing claim or word a new one.");
            RuleFor(c => c).Must(OnlyTheKindsTarget).WithName("Kind").WithMessage("Give only the target that matches the tag's kind.");
            RuleFor(c => c.NewActor!).SetValidator(new Actors.NewActorValidator()).When(c => c.NewActor is not null);
            RuleFor(c => c.NewSource!).SetValidator(new Sources.NewSourceValidator()).When(c => c.NewSource is not null);
            RuleFor(c => c.NewClaim!).SetValidator(new Claims.NewClaimValidator()).When(c => c.NewClaim is not null);
        }

        private static bool OnlyTheKindsTarget(Create c) => c.Kind switch
        {
            AnnotationKind.ActorMention => c.SourceId is null && c.NewSource is null && c.ClaimId is null && c.NewClaim is null,
            AnnotationKind.Source => c.ActorId is null && c.NewActor is null && c.ClaimId is null && c.NewClaim is null,
            _ => c.ActorId is null && c.NewActor is null && c.SourceId is null && c.NewSource is null,
        };
    }

    internal static Saved ToSaved(Annotation a) => new(a.Id, a.ArticleId, a.Kind, a.Start, a.End, a.Status, a.ConcurrencyStamp, a.ActorId, a.SourceId, a.ClaimId);

    /// <summary>The article's newest version (id, number, text); 409 when the client saw an older one.</summary>
    internal static async Task<(int Id, int Number, string Text)> CurrentVersionAsync(NewsTrackerDbContext db, int articleId, int? seen, CancellationToken cancellationToken)
    {
        var current = await db.Articles.Where(a => a.Id == articleId)
            .Select(a => new { a.CurrentVersion })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no article {articleId}.");
        if (seen is not null && seen != current.CurrentVersion)
        {
            throw new ConflictException($"The article has a newer text (version {current.CurrentVersion}) than the one you tagged (version {seen}). Reload it and tag the new text; nothing was saved.");
        }

        var version = await db.ArticleVersions.Where(v => v.ArticleId == articleId && v.Number == current.CurrentVersion)
            .Select(v => new { v.Id, v.PlainText })
            .FirstAsync(cancellationToken);
        return (version.Id, current.CurrentVersion, version.PlainText);
    }

    public sealed class CreateHandler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts, TimeProvider clock) : IRequestHandler<Create, Saved>
    {
        public async Task<Saved> Handle(Create request, CancellationToken cancellationToken)
        {
            var editor = audit.Editor;
            TagRules.RequireProposer(editor);
            var now = clock.GetUtcNow().UtcDateTime;
            var version = await CurrentVersionAsync(db, request.ArticleId, request.Version, cancellationToken);
            var anchor = TextAnchor.Create(version.Text, request.Start, request.End, request.Exact);

            var annotation = new Annotation
            {
                ArticleId = request.ArticleId,
                VersionId = version.Id,
                Kind = request.Kind,
                Start = anchor.Start,
                End = anchor.End,
                Exact = anchor.Exact,
                Prefix = anchor.Prefix,
                Suffix = anchor.Suffix,
                Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
                Status = editor.IsEditor ? AnnotationStatus.Approved : AnnotationStatus.Proposed,
                CreatedUtc = now,
                CreatedByUserId = editor.UserId,
            };

            switch (request.Kind)
            {
                case AnnotationKind.ActorMention:
                    annotation.Actor = request.ActorId is { } actorId
                        ? await Actors.FindLiveAsync(db, actorId, "ActorId", cancellationToken)
                        : await FindOrAddActorAsync(request.NewActor!, editor, now, cancellationToken);
                    break;
                case AnnotationKind.Source:
                    annotation.Source = request.SourceId is { } sourceId
                        ? await db.Sources.FirstOrDefaultAsync(s => s.Id == sourceId, cancellationToken)
                          ?? throw new ValidationFailedException("SourceId", $"There is no source {sourceId}. Pick a source from the list or describe a new one.")
                        : await Sources.FindOrAddAsync(db, request.NewSource!, editor, now, cancellationToken);
                    break;
                default:
                    annotation.Claim = request.ClaimId is { } claimId
                        ? await db.Claims.FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken)
                          ?? throw new ValidationFailedException("ClaimId", $"There is no claim {claimId}. Pick a claim from the list or word a new one.")
                        : await Claims.AddAsync(db, request.NewClaim!, editor, verdicts, now, cancellationToken);
                    break;
            }

            // The same span tagged with the same existing target is a repeat, not a new tag.
            int? actorTarget = annotation.Actor is { Id: > 0 } a ? a.Id : null;
            int? sourceTarget = annotation.Source is { Id: > 0 } s ? s.Id : null;
            int? claimTarget = annotation.Claim is { Id: > 0 } c ? c.Id : null;
            if ((actorTarget ?? sourceTarget ?? claimTarget) is not null
                && await db.Annotations.AnyAsync(
                    x => x.ArticleId == request.ArticleId && !x.IsOrphaned && x.Kind == request.Kind && x.Start == anchor.Start && x.End == anchor.End
                         && x.ActorId == actorTarget && x.SourceId == sourceTarget && x.ClaimId == claimTarget,
                    cancellationToken))
            {
                throw new ValidationFailedException("Start", $"“{anchor.Exact}” is already tagged that way.");
            }

            db.Annotations.Add(annotation);
            await RecordDecisionAsync(db, request.Kind, anchor.Exact, request.ArticleId, accepted: true, editor, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return ToSaved(annotation);
        }

        /// <summary>A new actor, unless one already goes by that name or alias (then that one is used).</summary>
        private async Task<Actor> FindOrAddActorAsync(Actors.NewActor input, Editor editor, DateTime now, CancellationToken cancellationToken)
        {
            var normalized = TagRules.NormalizeName(input.Name);
            var existing = await db.Actors
                .Where(a => a.MergedIntoId == null && (a.NormalizedName == normalized || a.Aliases.Any(x => x.NormalizedName == normalized)))
                .OrderBy(a => a.NormalizedName == normalized ? 0 : 1).ThenBy(a => a.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            var actor = Actors.Build(input, editor, now);
            db.Actors.Add(actor);
            return actor;
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Delete, Unit>
    {
        public async Task<Unit> Handle(Delete request, CancellationToken cancellationToken)
        {
            var annotation = await db.Annotations.FirstOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException($"There is no tag {request.Id}.");
            TagRules.RequireOwnProposal(audit.Editor, annotation.CreatedByUserId, annotation.Status == AnnotationStatus.Approved, "remove");
            await TagRules.EnsureCurrentAsync(db, annotation, request.Stamp, "tag", cancellationToken);
            db.Annotations.Remove(annotation);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>An editor's tag or dismissal teaches the suggestions about that wording (the latest decision per article
    /// counts); journalists' proposals do not, and claims are sentences, not wordings.</summary>
    internal static async Task RecordDecisionAsync(NewsTrackerDbContext db, AnnotationKind kind, string text, int articleId, bool accepted, Editor editor, DateTime now, CancellationToken cancellationToken)
    {
        if (kind == AnnotationKind.Claim || !editor.IsEditor || SuggestionForms.Normalise(text) is not { } form)
        {
            return;
        }

        var decision = db.SuggestionFormDecisions.Local.FirstOrDefault(d => d.Kind == kind && d.Form == form && d.ArticleId == articleId)
            ?? await db.SuggestionFormDecisions.FirstOrDefaultAsync(d => d.Kind == kind && d.Form == form && d.ArticleId == articleId, cancellationToken);
        if (decision is null)
        {
            decision = new SuggestionFormDecision { Kind = kind, Form = form, ArticleId = articleId };
            db.SuggestionFormDecisions.Add(decision);
        }

        decision.Accepted = accepted;
        decision.UserId = editor.UserId;
        decision.DecidedUtc = now;
    }
}

using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// Claims and their review. A claim starts as a draft; it is sent for review, then an editor publishes it with
/// a verdict or rejects it with a comment. Journalists may word and submit their own drafts; everything else
/// is for editors. Create and review are sent by several callers (pages, API, tests); editing and deleting live in
/// <c>Pages/Claims/Details</c>, which alone sends them, using the helpers here.
/// </summary>
public static class Claims
{
    public sealed record NewClaim(string Statement, int? ClaimantId = null, IReadOnlyList<int>? SourceIds = null);

    public sealed record Create(NewClaim Claim) : ICommand<Saved>;

    public enum ReviewAction
    {
        /// <summary>Draft → in review.</summary>
        Submit,

        /// <summary>Draft or in review → published, with a verdict.</summary>
        Publish,

        /// <summary>Draft or in review → rejected, with a comment.</summary>
        Reject,

        /// <summary>Published or rejected → in review again.</summary>
        Reopen,
    }

    public sealed record Review(int Id, Guid? Stamp, ReviewAction Action, string? Verdict = null, string? Comment = null) : ICommand<Saved>;

    public sealed record Saved(int Id, ReviewState State, string Verdict, Guid Stamp);

    public sealed class NewClaimValidator : AbstractValidator<NewClaim>
    {
        public NewClaimValidator()
        {
            RuleFor(c => c.Statement).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Word the claim: what is being asserted?")
                .MaximumLength(TagLimits.StatementMaxLength).WithMessage($"A claim's statement can be at most {TagLimits.StatementMaxLength} characters.")
                .Must(s => !TagRules.LooksLikeMarkup(s)).WithMessage("The statement is plain text: remove the angle-bracket tags.");
            RuleFor(c => c.SourceIds).Must(s => s is null || s.Count <= TagLimits.MaxSourcesPerClaim)
                .WithMessage($"A claim can rest on at most {TagLimits.MaxSourcesPerClaim} sources.");
        }
    }

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator() => RuleFor(c => c.Claim).NotNull().SetValidator(new NewClaimValidator());
    }

    public sealed class ReviewValidator : AbstractValidator<Review>
    {
        public ReviewValidator()
        {
            RuleFor(r => r.Action).IsInEnum().WithMessage("Choose submit, publish, reject or reopen.");
            RuleFor(r => r.Comment).MaximumLength(TagLimits.ReviewCommentMaxLength)
                .WithMessage($"A review comment can be at most {TagLimits.ReviewCommentMaxLength} characters.");
            RuleFor(r => r.Comment).Must(c => !string.IsNullOrWhiteSpace(c)).When(r => r.Action == ReviewAction.Reject)
                .WithMessage("Say why the claim is rejected; the comment stays with it.");
        }
    }

    /// <summary>A new draft claim added to the context, its claimant and sources checked.</summary>
    public static async Task<Claim> AddAsync(NewsTrackerDbContext db, NewClaim input, Editor editor, VerdictScale verdicts, DateTime now, CancellationToken cancellationToken)
    {
        var claim = new Claim
        {
            Statement = input.Statement.Trim(),
            Verdict = verdicts.Default.Key,
            State = ReviewState.Draft,
            CreatedUtc = now,
            CreatedByUserId = editor.UserId,
        };
        await SetPartiesAsync(db, claim, input, cancellationToken);
        db.Claims.Add(claim);
        return claim;
    }

    internal static async Task SetPartiesAsync(NewsTrackerDbContext db, Claim claim, NewClaim input, CancellationToken cancellationToken)
    {
        if (input.ClaimantId is { } claimantId)
        {
            await Actors.FindLiveAsync(db, claimantId, "ClaimantId", cancellationToken);
        }

        claim.ClaimantId = input.ClaimantId;
        var wanted = (input.SourceIds ?? []).Distinct().ToList();
        var known = await db.Sources.Where(s => wanted.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        var unknown = wanted.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException("SourceIds", $"There is no source {string.Join(", ", unknown)}. Pick sources from the list or create them first.");
        }

        claim.Sources.RemoveAll(s => !wanted.Contains(s.SourceId));
        foreach (var id in wanted.Where(id => claim.Sources.All(s => s.SourceId != id)))
        {
            claim.Sources.Add(new ClaimSource { SourceId = id });
        }
    }

    internal static async Task<Claim> LoadAsync(NewsTrackerDbContext db, int id, CancellationToken cancellationToken) =>
        await db.Claims.Include(c => c.Sources).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException($"There is no claim {id}.");

    public sealed class CreateHandler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts, TimeProvider clock) : IRequestHandler<Create, Saved>
    {
        public async Task<Saved> Handle(Create request, CancellationToken cancellationToken)
        {
            TagRules.RequireProposer(audit.Editor);
            var claim = await AddAsync(db, request.Claim, audit.Editor, verdicts, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Saved(claim.Id, claim.State, claim.Verdict, claim.ConcurrencyStamp);
        }
    }

    public sealed class ReviewHandler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts, TimeProvider clock) : IRequestHandler<Review, Saved>
    {
        public async Task<Saved> Handle(Review request, CancellationToken cancellationToken)
        {
            var claim = await LoadAsync(db, request.Id, cancellationToken);
            var editor = audit.Editor;
            if (request.Action == ReviewAction.Submit)
            {
                TagRules.RequireOwnProposal(editor, claim.CreatedByUserId, claim.State != ReviewState.Draft, "submit");
            }
            else
            {
                TagRules.RequireEditor(editor, "review, publish or reject claims");
            }

            await TagRules.EnsureCurrentAsync(db, claim, request.Stamp, "claim", cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var (allowedFrom, to) = request.Action switch
            {
                ReviewAction.Submit => (new[] { ReviewState.Draft }, ReviewState.InReview),
                ReviewAction.Publish => (new[] { ReviewState.Draft, ReviewState.InReview }, ReviewState.Published),
                ReviewAction.Reject => (new[] { ReviewState.Draft, ReviewState.InReview }, ReviewState.Rejected),
                _ => (new[] { ReviewState.Published, ReviewState.Rejected }, ReviewState.InReview),
            };
            if (!allowedFrom.Contains(claim.State))
            {
                throw new ValidationFailedException("Action", $"A claim that is {claim.State.Label().ToLowerInvariant()} cannot be {PastTense(request.Action)}.");
            }

            if (request.Verdict is not null)
            {
                var verdict = verdicts.Find(request.Verdict)
                    ?? throw new ValidationFailedException("Verdict", $"“{request.Verdict}” is not on the verdict scale. Choose one of: {string.Join(", ", verdicts.All.Select(v => v.Label))}.");
                TagRules.RequireEditor(editor, "give verdicts");
                claim.Verdict = verdict.Key;
            }

            claim.State = to;
            if (request.Action is ReviewAction.Publish or ReviewAction.Reject)
            {
                claim.ReviewComment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
                claim.ReviewedByUserId = editor.UserId;
                claim.ReviewedUtc = now;
            }

            if (request.Action == ReviewAction.Publish)
            {
                claim.PublishedUtc ??= now;
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Saved(claim.Id, claim.State, claim.Verdict, claim.ConcurrencyStamp);
        }

        private static string PastTense(ReviewAction action) => action switch
        {
            ReviewAction.Submit => "submitted for review",
            ReviewAction.Publish => "published",
            ReviewAction.Reject => "rejected",
            _ => "reopened",
        };
    }
}

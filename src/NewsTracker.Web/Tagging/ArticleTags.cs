using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// The tags an article page draws for one viewer. Anonymous visitors and readers see approved tags whose claim
/// (if any) is published; staff see every placed tag, proposals included, how many could not be placed on the
/// newest version, and the suggestions nobody has tagged or turned down yet. Tags index into the newest version,
/// so an older version shows none.
/// </summary>
public static class ArticleTags
{
    /// <summary>Tags of article <paramref name="ArticleId"/> for <paramref name="Viewer"/>, on the version with id
    /// <paramref name="VersionId"/> (drawn only when that is the newest one). <paramref name="IsNewest"/> says so when
    /// the caller has just read the article (the article page has), which saves looking it up again.
    /// <paramref name="AllSuggestions"/> asks for the less certain suggestions too, not only the confident ones.</summary>
    public sealed record Query(int ArticleId, int VersionId, Editor Viewer, bool WithSuggestions = true, bool AllSuggestions = false, bool? IsNewest = null) : IRequest<View>;

    /// <summary>One tag with what it points at, flattened for the page.</summary>
    public sealed record Tag(
        int Id,
        AnnotationKind Kind,
        int Start,
        int End,
        string Exact,
        AnnotationStatus Status,
        string? Note,
        Guid Stamp,
        bool CanChange,
        bool CanApprove,
        int? ActorId,
        string? ActorName,
        ActorKind? ActorKind,
        int? SourceId,
        string? SourceDescription,
        SourceKind? SourceKind,
        string? SourceActorName,
        int? ClaimId,
        string? Statement,
        ReviewState? ClaimState,
        string? Verdict,
        string? ClaimantName)
    {
        public bool IsProposed => Status == AnnotationStatus.Proposed;

        /// <summary>What the tag names: the actor, the source's description or the claim's statement.</summary>
        public string Target => Kind switch
        {
            AnnotationKind.ActorMention => ActorName ?? Exact,
            AnnotationKind.Source => SourceDescription ?? Exact,
            _ => Statement ?? Exact,
        };

        /// <summary>"Actor: Vladimir Putin", what a screen reader hears for the highlight.</summary>
        public string Describe() => $"{Kind.Label()}: {Target}{(IsProposed ? " (proposed)" : string.Empty)}";
    }

    /// <summary>A suggestion not yet tagged or turned down on this version.</summary>
    public sealed record Suggested(
        AnnotationKind Kind,
        int Start,
        int End,
        string Text,
        string Name,
        ActorKind? ActorKind,
        int? ActorId,
        SourceKind? SourceKind,
        string Reason,
        double Confidence)
    {
        /// <summary>Shown without asking; the others wait behind "show all suggestions".</summary>
        public bool IsConfident => Confidence >= Suggestion.ShownByDefault;

        /// <summary>Stable while the version stays: kind and span.</summary>
        public string Key => $"{Kind}-{Start}-{End}";

        public string Describe() => Kind switch
        {
            AnnotationKind.ActorMention => $"Suggested actor: {Name}{(ActorKind is { } kind ? $" ({kind.Label().ToLowerInvariant()})" : string.Empty)}",
            AnnotationKind.Source => $"Suggested source: {Text}{(SourceKind is { } kind ? $" ({kind.Label().ToLowerInvariant()})" : string.Empty)}",
            _ => "Suggested claim",
        };
    }

    /// <summary>What the page shows. <see cref="OnTaggedVersion"/> is false for older versions (no tags drawn).</summary>
    public sealed record View(
        Editor Viewer,
        bool OnTaggedVersion,
        IReadOnlyList<Tag> Tags,
        int Orphans,
        IReadOnlyList<Suggested> Suggestions)
    {
        public bool IsStaff => Viewer.IsStaff;

        /// <summary>Less certain suggestions left out because the viewer did not ask for all of them.</summary>
        public int HiddenSuggestions { get; init; }

        /// <summary>The viewer asked for every suggestion, the less certain ones included.</summary>
        public bool AllSuggestions { get; init; }

        public static View None(Editor viewer) => new(viewer, false, [], 0, []);
    }

    public sealed class Handler(NewsTrackerDbContext db, IMediator mediator, VerdictScale verdicts) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = request.Viewer;
            var isNewest = request.IsNewest ?? await db.Articles.AsNoTracking()
                .AnyAsync(a => a.Id == request.ArticleId && a.Versions.Any(v => v.Id == request.VersionId && v.Number == a.CurrentVersion), cancellationToken);
            if (!isNewest)
            {
                return View.None(viewer);
            }

            var placed = db.Annotations.AsNoTracking().ListedFor(viewer)
                .Where(a => a.ArticleId == request.ArticleId && a.VersionId == request.VersionId && !a.IsOrphaned);

            var rows = await placed
                .OrderBy(a => a.Start).ThenByDescending(a => a.End).ThenBy(a => a.Id)
                .Select(a => new
                {
                    a.Id, a.Kind, a.Start, a.End, a.Exact, a.Status, a.Note, a.ConcurrencyStamp, a.CreatedByUserId,
                    a.ActorId, ActorName = a.Actor != null ? a.Actor.Name : null, ActorKind = a.Actor != null ? (ActorKind?)a.Actor.Kind : null,
                    a.SourceId, SourceDescription = a.Source != null ? a.Source.Description : null, SourceKind = a.Source != null ? (SourceKind?)a.Source.Kind : null,
                    SourceActorName = a.Source != null && a.Source.Actor != null ? a.Source.Actor.Name : null,
                    a.ClaimId, Statement = a.Claim != null ? a.Claim.Statement : null, ClaimState = a.Claim != null ? (ReviewState?)a.Claim.State : null,
                    Verdict = a.Claim != null ? a.Claim.Verdict : null, ClaimantName = a.Claim != null && a.Claim.Claimant != null ? a.Claim.Claimant.Name : null,
                })
                .ToListAsync(cancellationToken);

            var tags = rows.Select(r =>
            {
                var own = r.CreatedByUserId is not null && string.Equals(r.CreatedByUserId, viewer.UserId, StringComparison.Ordinal);
                var canChange = viewer.IsEditor || (viewer.CanPropose && own && r.Status == AnnotationStatus.Proposed);
                return new Tag(
                    r.Id, r.Kind, r.Start, r.End, r.Exact, r.Status, r.Note, r.ConcurrencyStamp, canChange, viewer.IsEditor && r.Status == AnnotationStatus.Proposed,
                    r.ActorId, r.ActorName, r.ActorKind, r.SourceId, r.SourceDescription, r.SourceKind, r.SourceActorName,
                    r.ClaimId, r.Statement, r.ClaimState, r.Verdict is null ? null : verdicts.Describe(r.Verdict).Label, r.ClaimantName);
            }).ToList();

            if (!viewer.IsStaff)
            {
                return new View(viewer, true, tags, 0, []);
            }

            var orphans = await db.Annotations.CountAsync(a => a.ArticleId == request.ArticleId && a.IsOrphaned, cancellationToken);
            var suggestions = request.WithSuggestions ? await SuggestAsync(request.VersionId, tags, cancellationToken) : [];
            var shown = request.AllSuggestions ? suggestions : suggestions.Where(s => s.IsConfident).ToList();
            return new View(viewer, true, tags, orphans, shown) { HiddenSuggestions = suggestions.Count - shown.Count, AllSuggestions = request.AllSuggestions };
        }

        /// <summary>The engine's suggestions minus what is already tagged with the same kind (any overlap) and
        /// minus what someone turned down on this version.</summary>
        private async Task<IReadOnlyList<Suggested>> SuggestAsync(int versionId, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
        {
            var text = await db.ArticleVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.PlainText).FirstAsync(cancellationToken);
            var rejected = (await db.RejectedSuggestions.AsNoTracking()
                    .Where(r => r.VersionId == versionId)
                    .Select(r => new { r.Kind, r.Start, r.End })
                    .ToListAsync(cancellationToken))
                .Select(r => (r.Kind, r.Start, r.End))
                .ToHashSet();
            var registry = await mediator.Send(new Actors.Registry(), cancellationToken);

            var candidates = SuggestionEngine.Suggest(text, registry)
                .Select(s => new Suggested(KindOf(s.Kind), s.Start, s.End, s.Text, s.NormalisedName, s.ActorKind, s.ActorId, s.SourceKind, s.Reason, s.Confidence))
                .Where(s => !rejected.Contains((s.Kind, s.Start, s.End)))
                .Where(s => !tags.Any(t => t.Kind == s.Kind && t.Start < s.End && s.Start < t.End))
                .ToList();
            var tallies = await TalliesAsync(candidates, cancellationToken);
            return candidates
                .Select(s => (Suggestion: s, Confidence: SuggestionForms.Apply(s.Confidence, tallies.GetValueOrDefault((s.Kind, SuggestionForms.Normalise(s.Text) ?? string.Empty)))))
                .Where(s => s.Confidence is not null)
                .Select(s => s.Suggestion with { Confidence = s.Confidence!.Value })
                .ToList();
        }

        /// <summary>What editors decided, across articles, about the wordings among <paramref name="candidates"/>.</summary>
        private async Task<Dictionary<(AnnotationKind, string), SuggestionForms.Tally>> TalliesAsync(List<Suggested> candidates, CancellationToken cancellationToken)
        {
            var forms = candidates.Where(c => c.Kind != AnnotationKind.Claim).Select(c => SuggestionForms.Normalise(c.Text)).OfType<string>().Distinct().ToList();
            if (forms.Count == 0)
            {
                return [];
            }

            var rows = await db.SuggestionFormDecisions.AsNoTracking()
                .Where(d => forms.Contains(d.Form))
                .GroupBy(d => new { d.Kind, d.Form })
                .Select(g => new { g.Key.Kind, g.Key.Form, Accepted = g.Count(d => d.Accepted), Rejected = g.Count(d => !d.Accepted) })
                .ToListAsync(cancellationToken);
            return rows.ToDictionary(r => (r.Kind, r.Form), r => new SuggestionForms.Tally(r.Accepted, r.Rejected));
        }

        private static AnnotationKind KindOf(SuggestionKind kind) => kind switch
        {
            SuggestionKind.ActorMention => AnnotationKind.ActorMention,
            SuggestionKind.Source => AnnotationKind.Source,
            _ => AnnotationKind.Claim,
        };
    }
}

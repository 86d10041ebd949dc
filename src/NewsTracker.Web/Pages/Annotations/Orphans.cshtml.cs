using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Annotations;

/// <summary>
/// The orphans queue: tags that could not be placed on an article's new version. For each, the editor sees the
/// old quote in its context and why it did not fit, finds the passage in the new text (the old quote is the
/// starting search; every match is offered with its context), and re-attaches the tag there or deletes it.
/// </summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
public sealed class OrphansModel(IMediator mediator) : PageModel
{
    /// <summary>Most places offered for one search.</summary>
    public const int MaxMatches = 20;

    public Result Data { get; private set; } = null!;

    /// <summary>Which orphan the search is for, and what to look for in its article's new text.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Find { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    public async Task OnGetAsync(int? article, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new Query(article, Find, Text), cancellationToken);

    public async Task<IActionResult> OnPostReattachAsync(int id, Guid stamp, int start, int end, string exact, int? article, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new Reattach(id, stamp, start, end, exact), cancellationToken);
        }
        catch (Exception ex) when (ex is ValidationFailedException or ConflictException or ForbiddenException or NotFoundException)
        {
            // The page re-renders with the message (ExceptionPageFilter); it needs its list for that.
            Data = await mediator.Send(new Query(article, id, Text), cancellationToken);
            throw;
        }

        TempData["Notice"] = $"The tag is attached again at “{exact}”.";
        return RedirectToPage(new { article });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, Guid stamp, int? article, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new Tags.Delete(id, stamp), cancellationToken);
        }
        catch (Exception ex) when (ex is ValidationFailedException or ConflictException or ForbiddenException or NotFoundException)
        {
            Data = await mediator.Send(new Query(article, null, null), cancellationToken);
            throw;
        }

        TempData["Notice"] = "The orphaned tag was deleted. Undo is in the article's history if that was a mistake.";
        return RedirectToPage(new { article });
    }

    /// <summary>Place an orphan on the newest version at a span the editor chose.</summary>
    public sealed record Reattach(int Id, Guid? Stamp, int Start, int End, string? Exact = null) : ICommand<Tags.Saved>;

    public sealed class ReattachHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Reattach, Tags.Saved>
    {
        public async Task<Tags.Saved> Handle(Reattach request, CancellationToken cancellationToken)
        {
            TagRules.RequireEditor(audit.Editor, "re-attach orphaned tags");
            var annotation = await db.Annotations.FirstOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException($"There is no tag {request.Id}.");
            await TagRules.EnsureCurrentAsync(db, annotation, request.Stamp, "tag", cancellationToken);
            var version = await Tags.CurrentVersionAsync(db, annotation.ArticleId, null, cancellationToken);
            var anchor = TextAnchor.Create(version.Text, request.Start, request.End, request.Exact);
            annotation.VersionId = version.Id;
            annotation.Start = anchor.Start;
            annotation.End = anchor.End;
            annotation.Exact = anchor.Exact;
            annotation.Prefix = anchor.Prefix;
            annotation.Suffix = anchor.Suffix;
            annotation.IsOrphaned = false;
            annotation.OrphanReason = null;
            annotation.AnchorMethod = "re-attached";
            await db.SaveChangesAsync(cancellationToken);
            return Tags.ToSaved(annotation);
        }
    }

    public sealed record Query(int? ArticleId, int? FindFor, string? Text) : IRequest<Result>;

    /// <summary>A place in the new text where the searched passage occurs.</summary>
    public sealed record Match(int Start, int End, string Exact, string Before, string After);

    public sealed record Orphan(
        int Id,
        Guid Stamp,
        int ArticleId,
        string ArticleTitle,
        string ArticleSlug,
        int FromVersion,
        int CurrentVersion,
        AnnotationKind Kind,
        string Target,
        string Exact,
        string Prefix,
        string Suffix,
        string? Reason,
        DateTime UpdatedUtc);

    public sealed record Result(IReadOnlyList<Orphan> Orphans, int? ArticleId, int? FindFor, string? SearchText, IReadOnlyList<Match> Matches, bool MoreMatches);

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.Annotations.AsNoTracking().Where(a => a.IsOrphaned);
            if (request.ArticleId is { } articleId)
            {
                query = query.Where(a => a.ArticleId == articleId);
            }

            var orphans = await query
                .OrderByDescending(a => a.UpdatedUtc).ThenBy(a => a.Id)
                .Take(200)
                .Join(db.Articles, a => a.ArticleId, article => article.Id, (a, article) => new Orphan(
                    a.Id,
                    a.ConcurrencyStamp,
                    a.ArticleId,
                    article.Title,
                    article.Slug,
                    a.Version!.Number,
                    article.CurrentVersion,
                    a.Kind,
                    a.Kind == AnnotationKind.ActorMention ? a.Actor!.Name : a.Kind == AnnotationKind.Source ? a.Source!.Description : a.Claim!.Statement,
                    a.Exact,
                    a.Prefix,
                    a.Suffix,
                    a.OrphanReason,
                    a.UpdatedUtc))
                .ToListAsync(cancellationToken);

            var matches = new List<Match>();
            var more = false;
            var chosen = orphans.FirstOrDefault(o => o.Id == request.FindFor);
            var searchText = chosen is null ? null : string.IsNullOrWhiteSpace(request.Text) ? chosen.Exact : request.Text.Trim();
            if (chosen is not null && searchText is { Length: > 0 and <= TextAnchor.MaxLength })
            {
                var text = await db.ArticleVersions.AsNoTracking()
                    .Where(v => v.ArticleId == chosen.ArticleId && v.Number == chosen.CurrentVersion)
                    .Select(v => v.PlainText)
                    .FirstAsync(cancellationToken);
                for (var at = text.IndexOf(searchText, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(searchText, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    if (matches.Count == MaxMatches)
                    {
                        more = true;
                        break;
                    }

                    if (TextAnchor.Validate(text, at, at + searchText.Length) is not null)
                    {
                        continue;
                    }

                    var context = TextAnchor.Capture(text, at, at + searchText.Length);
                    matches.Add(new Match(at, context.End, context.Exact, context.Prefix, context.Suffix));
                }
            }

            return new Result(orphans, request.ArticleId, chosen?.Id, searchText, matches, more);
        }
    }
}

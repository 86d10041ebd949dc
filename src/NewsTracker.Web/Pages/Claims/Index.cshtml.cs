using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Claims;

/// <summary>The claims list and review queue: claims newest change first, filtered by review state (tabs with
/// counts, staff only), verdict, claimant and words in the statement. Readers see published claims only.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>Null only when the query was refused (bad cursor) and the page re-renders with the message.</summary>
    public Result? Data { get; private set; }

    public async Task OnGetAsync(
        [FromQuery] string? state, [FromQuery] string? verdict, [FromQuery] int? claimant, [FromQuery] string? q,
        [FromQuery] string? before, [FromQuery] string? after, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query { State = state, Verdict = verdict, ClaimantId = claimant, Text = q, Before = before, After = after }, cancellationToken);
    }

    public sealed record Query : IRequest<Result>
    {
        public const int DefaultPageSize = 25;
        public const int MaxPageSize = 100;
        public const int MaxTextLength = 200;

        /// <summary>draft, in-review, published or rejected (staff); empty for every state the viewer may see.</summary>
        public string? State { get; init; }

        /// <summary>A key of the verdict scale.</summary>
        public string? Verdict { get; init; }

        public int? ClaimantId { get; init; }

        /// <summary>Words the statement contains (case-insensitive).</summary>
        public string? Text { get; init; }

        public string? Before { get; init; }

        public string? After { get; init; }

        public int PageSize { get; init; } = DefaultPageSize;
    }

    /// <summary>A review-state tab: its value in the address, its label, and how many claims match the other filters.</summary>
    public sealed record StateTab(string? Value, string Label, int Count);

    public sealed record Claimant(int Id, string Name);

    public sealed record Result(
        bool IsStaff,
        ReviewState? State,
        string? Verdict,
        int? ClaimantId,
        string? Text,
        IReadOnlyList<StateTab> Tabs,
        IReadOnlyList<Verdict> Verdicts,
        IReadOnlyList<Claimant> Claimants,
        IReadOnlyList<ClaimCard> Items,
        string? OlderCursor,
        string? NewerCursor)
    {
        /// <summary>This list's address with the filters and <paramref name="extra"/> (a cursor) applied.</summary>
        public string Link(string? state = "", string? extra = null)
        {
            var parts = new List<string>();
            var stateValue = state == string.Empty ? StateValue(State) : state;
            if (stateValue is not null)
            {
                parts.Add($"state={stateValue}");
            }

            if (Verdict is not null)
            {
                parts.Add($"verdict={Uri.EscapeDataString(Verdict)}");
            }

            if (ClaimantId is not null)
            {
                parts.Add($"claimant={ClaimantId}");
            }

            if (!string.IsNullOrEmpty(Text))
            {
                parts.Add($"q={Uri.EscapeDataString(Text)}");
            }

            if (extra is not null)
            {
                parts.Add(extra);
            }

            return parts.Count == 0 ? "/claims" : "/claims?" + string.Join('&', parts);
        }
    }

    /// <summary>The address value of a review state: draft, in-review, published, rejected.</summary>
    public static string? StateValue(ReviewState? state) => state switch
    {
        ReviewState.Draft => "draft",
        ReviewState.InReview => "in-review",
        ReviewState.Published => "published",
        ReviewState.Rejected => "rejected",
        _ => null,
    };

    public static ReviewState? ParseState(string? value) =>
        Enum.GetValues<ReviewState>().Cast<ReviewState?>().FirstOrDefault(s => string.Equals(StateValue(s), value?.Trim(), StringComparison.OrdinalIgnoreCase));

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.PageSize).InclusiveBetween(1, Query.MaxPageSize);
            RuleFor(q => q.State).Must(s => string.IsNullOrEmpty(s) || ParseState(s) is not null)
                .WithMessage("Choose a state: draft, in-review, published or rejected.");
            RuleFor(q => q.Text).MaximumLength(Query.MaxTextLength).WithMessage($"Search claims with at most {Query.MaxTextLength} characters.");
            RuleFor(q => q.Before).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'before' cursor is not valid.");
            RuleFor(q => q.After).Must(c => c is null || PageCursor.Parse(c) is not null).WithMessage("The 'after' cursor is not valid.");
        }
    }

    public sealed class Handler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = audit.Editor;
            // Readers only ever see published claims, whatever the address asks for.
            var state = viewer.IsStaff ? ParseState(request.State) : null;
            var verdict = verdicts.Find(request.Verdict);
            var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();

            var filtered = db.Claims.AsNoTracking().VisibleTo(viewer);
            if (verdict is not null)
            {
                filtered = filtered.Where(c => c.Verdict == verdict.Key);
            }

            if (request.ClaimantId is { } claimantId)
            {
                filtered = filtered.Where(c => c.ClaimantId == claimantId);
            }

            if (text is not null)
            {
                // The input's wildcards are escaped; case is ignored on every provider (see LikePattern).
                var pattern = LikePattern.Containing(text);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), run by the database; no .NET culture is involved.
                filtered = filtered.Where(c => EF.Functions.Like(c.Statement.ToLower(), pattern, LikePattern.Escape));
#pragma warning restore CA1304, CA1311
            }

            var tabs = new List<StateTab>();
            if (viewer.IsStaff)
            {
                var counts = await filtered.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
                tabs.Add(new StateTab(null, "All", counts.Values.Sum()));
                tabs.AddRange(Enum.GetValues<ReviewState>().Select(s => new StateTab(StateValue(s), s.Label(), counts.GetValueOrDefault(s))));
            }

            var claims = state is { } only ? filtered.Where(c => c.State == only) : filtered;
            var before = PageCursor.Parse(request.Before);
            var after = before is null ? PageCursor.Parse(request.After) : null;
            var rows = await claims.Page(c => c.UpdatedUtc, c => c.Id, before, after)
                .Take(request.PageSize + 1)
                .ToCardRows(db.Annotations.VisibleTo(viewer))
                .ToListAsync(cancellationToken);
            var (page, older, newer) = KeysetPage.Cut(rows, request.PageSize, before is not null, after is not null, c => new PageCursor(c.UpdatedUtc, c.Id));

            // The claimant filter offers the actors who made a claim the viewer can see.
            var claimants = await db.Claims.AsNoTracking().VisibleTo(viewer)
                .Where(c => c.ClaimantId != null)
                .Select(c => new { c.Claimant!.Id, c.Claimant.Name })
                .Distinct()
                .ToListAsync(cancellationToken);

            return new Result(
                viewer.IsStaff,
                state,
                verdict?.Key,
                request.ClaimantId,
                text,
                tabs,
                verdicts.All,
                claimants.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).Select(c => new Claimant(c.Id, c.Name)).ToList(),
                page.Select(r => r.ToCard(verdicts)).ToList(),
                older,
                newer);
        }
    }
}

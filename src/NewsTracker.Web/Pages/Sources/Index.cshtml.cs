using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Pages.Claims;

namespace NewsTracker.Web.Pages.Sources;

/// <summary>The sources claims rest on ("according to reports", "a White House official"), for staff: how often
/// each is cited and tagged, filtered by kind and wording. Editors open one to edit it.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Result? Data { get; private set; }

    public async Task OnGetAsync([FromQuery] string? q, [FromQuery] SourceKind? kind, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query { Text = q, Kind = kind, Page = pageNumber ?? 1 }, cancellationToken);
    }

    public sealed record Query : IRequest<Result>
    {
        public const int PageSize = 50;

        public string? Text { get; init; }

        public SourceKind? Kind { get; init; }

        public int Page { get; init; } = 1;
    }

    public sealed record Item(int Id, SourceKind Kind, string Description, int? ActorId, string? Actor, int Claims, int Tags);

    public sealed record Result(string? Text, SourceKind? Kind, int Page, int Total, IReadOnlyList<Item> Items)
    {
        public int Pages => Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);

        public string Link(int page) =>
            "/sources?" + string.Join('&', new[]
            {
                string.IsNullOrEmpty(Text) ? null : $"q={Uri.EscapeDataString(Text)}",
                Kind is null ? null : $"kind={Kind}",
                $"page={page}",
            }.OfType<string>());
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Text).MaximumLength(TagLimits.SourceDescriptionMaxLength);
            RuleFor(q => q.Kind).IsInEnum();
            RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        }
    }

    public sealed class Handler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var sources = db.Sources.AsNoTracking();
            if (request.Kind is { } kind)
            {
                sources = sources.Where(s => s.Kind == kind);
            }

            var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
            if (text is not null)
            {
                var pattern = LikePattern.Containing(text);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), run by the database; no .NET culture is involved.
                sources = sources.Where(s => EF.Functions.Like(s.Description.ToLower(), pattern, LikePattern.Escape) || (s.Actor != null && EF.Functions.Like(s.Actor.Name.ToLower(), pattern, LikePattern.Escape)));
#pragma warning restore CA1304, CA1311
            }

            var total = await sources.CountAsync(cancellationToken);
            var rows = await sources
                .Select(s => new
                {
                    s.Id,
                    s.Kind,
                    s.Description,
                    s.ActorId,
                    Actor = s.Actor != null ? s.Actor.Name : null,
                    Claims = db.ClaimSources.Count(c => c.SourceId == s.Id),
                    Tags = db.Annotations.Count(a => a.SourceId == s.Id),
                })
                .OrderByDescending(s => s.Claims + s.Tags).ThenBy(s => s.Description).ThenBy(s => s.Id)
                .Skip((request.Page - 1) * Query.PageSize)
                .Take(Query.PageSize)
                .ToListAsync(cancellationToken);
            return new Result(text, request.Kind, request.Page, total, rows.Select(s => new Item(s.Id, s.Kind, s.Description, s.ActorId, s.Actor, s.Claims, s.Tags)).ToList());
        }
    }
}

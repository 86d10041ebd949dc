using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Pages.Claims;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Actors;

/// <summary>The actor registry: people, organisations, countries and government bodies the news mentions, most
/// mentioned first, searchable by name or alias and filtered by kind. Journalists and editors add actors here.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>Null only when the query was refused and the page re-renders with the message.</summary>
    public Result? Data { get; private set; }

    /// <summary>Whether the create form's post failed, so it opens with the message and what was typed.</summary>
    public bool CreateFailed { get; private set; }

    [BindProperty]
    public CreateForm Form { get; set; } = new();

    public async Task OnGetAsync([FromQuery] string? q, [FromQuery] string? kind, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query { Text = q, Kind = kind, Page = pageNumber ?? 1 }, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        CreateFailed = true;
        var saved = await mediator.Send(new Create(Form.ToNewActor()), cancellationToken);
        TempData["Notice"] = $"Added {saved.Name} to the registry.";
        return Redirect($"/actors/{saved.Id}");
    }

    public sealed record Create(Tagging.Actors.NewActor Actor) : ICommand<Tagging.Actors.Saved>;

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator() => RuleFor(c => c.Actor).NotNull().SetValidator(new Tagging.Actors.NewActorValidator());
    }

    public sealed class CreateHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<Create, Tagging.Actors.Saved>
    {
        public async Task<Tagging.Actors.Saved> Handle(Create request, CancellationToken cancellationToken)
        {
            TagRules.RequireProposer(audit.Editor);
            var actor = Tagging.Actors.Build(request.Actor, audit.Editor, clock.GetUtcNow().UtcDateTime);
            db.Actors.Add(actor);
            await db.SaveChangesAsync(cancellationToken);
            return new Tagging.Actors.Saved(actor.Id, actor.Name, actor.ConcurrencyStamp);
        }
    }

    /// <summary>A create post sends its command alone; the registry is read only when a refused command re-renders
    /// the page (the exception filter turns the refusal into the page with its message and the form as typed).</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (CreateFailed && executed.Result is PageResult && Data is null)
        {
            Data = await mediator.Send(new Query(), context.HttpContext.RequestAborted);
        }
    }

    /// <summary>The create form (also the edit form on an actor's page): aliases one per line.</summary>
    public sealed class CreateForm
    {
        public Guid? Stamp { get; set; }

        public string? Name { get; set; }

        public ActorKind Kind { get; set; } = ActorKind.Person;

        public string? Description { get; set; }

        public string? WikidataId { get; set; }

        public string? Aliases { get; set; }

        public Tagging.Actors.NewActor ToNewActor() => new(
            Name ?? string.Empty,
            Kind,
            Description,
            WikidataId,
            (Aliases ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    public sealed record Query : IRequest<Result>
    {
        public const int PageSize = 50;

        /// <summary>Part of a name or alias.</summary>
        public string? Text { get; init; }

        /// <summary>An <see cref="ActorKind"/> name, such as Person.</summary>
        public string? Kind { get; init; }

        public int Page { get; init; } = 1;
    }

    public sealed record Item(int Id, string Name, ActorKind Kind, string? Description, IReadOnlyList<string> Aliases, int Mentions, int Claims);

    public sealed record Result(string? Text, ActorKind? Kind, int Page, int Total, IReadOnlyList<Item> Items, bool CanCreate)
    {
        public int Pages => Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);

        public string Link(int page)
        {
            var parts = new List<string>();
            if (!string.IsNullOrEmpty(Text))
            {
                parts.Add($"q={Uri.EscapeDataString(Text)}");
            }

            if (Kind is { } kind)
            {
                parts.Add($"kind={kind}");
            }

            if (page > 1)
            {
                parts.Add($"page={page}");
            }

            return parts.Count == 0 ? "/actors" : "/actors?" + string.Join('&', parts);
        }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Text).MaximumLength(TagLimits.ActorNameMaxLength).WithMessage($"Search with at most {TagLimits.ActorNameMaxLength} characters.");
            RuleFor(q => q.Kind).Must(k => string.IsNullOrEmpty(k) || Enum.TryParse<ActorKind>(k, ignoreCase: true, out _))
                .WithMessage("Choose a kind: Person, Organisation, Country, GovernmentBody or Other.");
            RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        }
    }

    public sealed class Handler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = audit.Editor;
            var actors = db.Actors.AsNoTracking().Where(a => a.MergedIntoId == null).VisibleTo(db, viewer);
            ActorKind? kind = Enum.TryParse<ActorKind>(request.Kind, ignoreCase: true, out var parsed) ? parsed : null;
            if (kind is { } only)
            {
                actors = actors.Where(a => a.Kind == only);
            }

            var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
            var folded = text is null ? string.Empty : TagRules.NormalizeName(text);
            if (folded.Length > 0)
            {
                actors = actors.Where(a => a.NormalizedName.Contains(folded) || a.Aliases.Any(x => x.NormalizedName.Contains(folded)));
            }

            var mentions = db.Annotations.VisibleTo(viewer).Where(m => m.Kind == AnnotationKind.ActorMention);
            var claims = db.Claims.VisibleTo(viewer);
            var total = await actors.CountAsync(cancellationToken);
            var rows = await actors
                .Select(a => new
                {
                    a.Id,
                    a.Name,
                    a.Kind,
                    a.Description,
                    Aliases = a.Aliases.OrderBy(x => x.Name).Select(x => x.Name).ToList(),
                    Mentions = mentions.Count(m => m.ActorId == a.Id),
                    Claims = claims.Count(c => c.ClaimantId == a.Id),
                })
                .OrderByDescending(a => a.Mentions).ThenBy(a => a.Name).ThenBy(a => a.Id)
                .Skip((request.Page - 1) * Query.PageSize)
                .Take(Query.PageSize)
                .ToListAsync(cancellationToken);

            return new Result(
                text,
                kind,
                request.Page,
                total,
                rows.Select(a => new Item(a.Id, a.Name, a.Kind, a.Description, a.Aliases, a.Mentions, a.Claims)).ToList(),
                viewer.CanPropose);
        }
    }
}

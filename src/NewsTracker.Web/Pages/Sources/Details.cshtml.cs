using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Pages.Claims;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Sources;

/// <summary>One source, for staff: what it is, the claims that rest on it; editors change its kind, wording and
/// actor, or delete it when nothing cites or tags it.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    /// <summary>Live actors to pick from, for editors.</summary>
    public IReadOnlyList<Claims.DetailsModel.ActorRef> Actors { get; private set; } = [];

    public string? ActiveForm { get; private set; }

    [BindProperty]
    public EditForm Form { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken cancellationToken)
    {
        if (Refusal("edit", Form.Stamp) is { } refused)
        {
            return refused;
        }

        await mediator.Send(new Update(id, Form.Stamp, new Tagging.Sources.NewSource(Form.Kind, Form.Description ?? string.Empty, Form.ActorId)), cancellationToken);
        TempData["Notice"] = "Source saved.";
        return Redirect($"/sources/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, Guid? stamp, CancellationToken cancellationToken)
    {
        if (Refusal("delete", stamp) is { } refused)
        {
            return refused;
        }

        var description = await mediator.Send(new Delete(id, stamp), cancellationToken);
        TempData["Notice"] = $"Deleted the source “{description}”.";
        return Redirect("/sources");
    }

    /// <summary>See <see cref="TagForms.Refusal"/> (the page is for staff, so no one posts here anonymously);
    /// <paramref name="form"/> opens again if the post is refused.</summary>
    private IActionResult? Refusal(string form, Guid? stamp)
    {
        ActiveForm = form;
        return TagForms.Refusal(this, signInFirst: false, stamp, "source");
    }

    /// <summary>A POST sends its command first; the source is read only when a refusal re-renders the page.</summary>
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        TagForms.RedisplayAsync(context, next, async cancellationToken =>
        {
            await LoadAsync(TagForms.RouteId(this), cancellationToken);
            return null;
        });

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Query(id), cancellationToken);
        if (Data.CanEdit)
        {
            Actors = (await mediator.Send(new Claims.DetailsModel.EditOptionsQuery(), cancellationToken)).Actors;
        }

        if (ActiveForm != "edit")
        {
            Form = new EditForm { Stamp = Data.Stamp, Kind = Data.Kind, Description = Data.Description, ActorId = Data.ActorId };
        }
    }

    public sealed record Update(int Id, Guid? Stamp, Tagging.Sources.NewSource Source) : ICommand<Tagging.Sources.Saved>;

    /// <summary>Deletes a source nothing tags or cites; answers its description.</summary>
    public sealed record Delete(int Id, Guid? Stamp) : ICommand<string>;

    public sealed class UpdateValidator : AbstractValidator<Update>
    {
        public UpdateValidator() => RuleFor(c => c.Source).NotNull().SetValidator(new Tagging.Sources.NewSourceValidator());
    }

    public sealed class UpdateHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Update, Tagging.Sources.Saved>
    {
        public async Task<Tagging.Sources.Saved> Handle(Update request, CancellationToken cancellationToken)
        {
            var source = await Tagging.Sources.LoadForEditAsync(db, audit, request.Id, request.Stamp, "edit sources", cancellationToken);
            if (request.Source.ActorId is { } actorId)
            {
                await Tagging.Actors.FindLiveAsync(db, actorId, "ActorId", cancellationToken);
            }

            source.Kind = request.Source.Kind;
            source.Description = request.Source.Description.Trim();
            source.ActorId = request.Source.ActorId;
            await db.SaveChangesAsync(cancellationToken);
            return new Tagging.Sources.Saved(source.Id, source.Description, source.ConcurrencyStamp);
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<Delete, string>
    {
        public async Task<string> Handle(Delete request, CancellationToken cancellationToken)
        {
            var source = await Tagging.Sources.LoadForEditAsync(db, audit, request.Id, request.Stamp, "delete sources", cancellationToken);
            if (await db.Annotations.AnyAsync(a => a.SourceId == source.Id, cancellationToken) || await db.ClaimSources.AnyAsync(c => c.SourceId == source.Id, cancellationToken))
            {
                throw new ValidationFailedException("Id", $"“{source.Description}” is still tagged or cited by a claim; remove those first.");
            }

            db.Sources.Remove(source);
            await db.SaveChangesAsync(cancellationToken);
            return source.Description;
        }
    }

    public sealed class EditForm
    {
        public Guid? Stamp { get; set; }

        public SourceKind Kind { get; set; }

        public string? Description { get; set; }

        public int? ActorId { get; set; }
    }

    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Result(
        int Id, SourceKind Kind, string Description, int? ActorId, string? Actor, Guid Stamp, int Tags,
        IReadOnlyList<ClaimCard> Claims, bool CanEdit, bool CanDelete);

    public sealed class Handler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = audit.Editor;
            var source = await db.Sources.AsNoTracking().Where(s => s.Id == request.Id)
                .Select(s => new { s.Id, s.Kind, s.Description, s.ActorId, Actor = s.Actor != null ? s.Actor.Name : null, s.ConcurrencyStamp })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no source {request.Id}.");
            var tags = await db.Annotations.CountAsync(a => a.SourceId == source.Id, cancellationToken);
            var claims = await db.Claims.AsNoTracking().VisibleTo(viewer)
                .Where(c => c.Sources.Any(s => s.SourceId == source.Id))
                .OrderByDescending(c => c.UpdatedUtc).ThenByDescending(c => c.Id)
                .ToCardRows(db.Annotations.VisibleTo(viewer))
                .ToListAsync(cancellationToken);
            var cited = await db.ClaimSources.AnyAsync(c => c.SourceId == source.Id, cancellationToken);
            return new Result(
                source.Id, source.Kind, source.Description, source.ActorId, source.Actor, source.ConcurrencyStamp, tags,
                claims.Select(c => c.ToCard(verdicts)).ToList(), viewer.IsEditor, viewer.IsEditor && tags == 0 && !cited);
        }
    }
}

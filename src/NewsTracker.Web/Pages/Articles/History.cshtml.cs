using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Pages.Articles;

/// <summary>Every change to an article's tags, newest first: who, when, what it was before and after. Staff
/// can undo their own last change from here.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
public sealed class HistoryModel(IMediator mediator, NewsTrackerDbContext db) : PageModel
{
    public int ArticleId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    public History.Page Entries { get; private set; } = null!;

    /// <summary>What the signed-in person's undo would take back, or null.</summary>
    public string? LastChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, long? before, CancellationToken cancellationToken)
    {
        await LoadAsync(id, before, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUndoAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            var undone = await mediator.Send(new History.Undo(), cancellationToken);
            TempData["Notice"] = $"Undone: {undone.Summary}.";
        }
        catch (Exception ex) when (ex is ValidationFailedException or ConflictException or ForbiddenException)
        {
            await LoadAsync(id, null, cancellationToken);
            throw;
        }

        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, long? before, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Title, a.Slug }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no article {id}.");
        (ArticleId, Title, Slug) = (id, article.Title, article.Slug);
        Entries = await mediator.Send(new History.Query(History.Subject.Article, id, before), cancellationToken);
        LastChange = await mediator.Send(new History.LastChange(), cancellationToken);
    }
}

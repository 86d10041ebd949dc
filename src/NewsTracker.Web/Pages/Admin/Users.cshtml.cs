using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Admin;

/// <summary>Accounts for admins: every account with its role, change a role, disable or enable, delete, and issue a
/// one-time password-reset link (shown here once). The requests are <see cref="UserAdministration"/>'s, which the
/// command line's <c>users</c> commands send too.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Admin)]
public sealed class UsersModel(IMediator mediator) : PageModel
{
    public UserAdministration.Overview Data { get; private set; } = null!;

    /// <summary>A reset link just issued: shown once, never stored.</summary>
    public string? ResetLink { get; private set; }

    public string? ResetFor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(string email, string? role, CancellationToken cancellationToken) =>
        ChangeAsync(new UserAdministration.ChangeRole(email, role), $"Role of {email} changed; their sessions have ended.", cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(string email, CancellationToken cancellationToken) =>
        ChangeAsync(new UserAdministration.SetDisabled(email, true), $"{email} is disabled and signed out everywhere.", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string email, CancellationToken cancellationToken) =>
        ChangeAsync(new UserAdministration.SetDisabled(email, false), $"{email} can sign in again.", cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(string email, CancellationToken cancellationToken) =>
        ChangeAsync(new UserAdministration.Delete(email), $"{email} is deleted. Their tags and history stay under their name.", cancellationToken);

    public async Task<IActionResult> OnPostResetAsync(string email, CancellationToken cancellationToken)
    {
        ResetLink = await mediator.Send(new UserAdministration.IssuePasswordReset(email, PublicUrls.For(Request).AbsoluteUri.TrimEnd('/')), cancellationToken);
        ResetFor = email;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(IRequest<Unit> command, string notice, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = notice;
        return RedirectToPage();
    }

    /// <summary>A POST sends its command alone; the list is read only when a refused command re-renders the page
    /// (the exception filter turns the refusal into the page with its message).</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Data is null)
        {
            await LoadAsync(context.HttpContext.RequestAborted);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new UserAdministration.List(), cancellationToken);
}

using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Pages.Account;

namespace NewsTracker.Web.Pages;

/// <summary>The one-time setup link: creates the first admin, then never works again.</summary>
public sealed class SetupModel(IMediator mediator, AdminSetup setup, SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The form, bound straight to the command; the setup token comes from the link.</summary>
    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await setup.IsValidAsync(Token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(Data with { Token = Token ?? string.Empty }, cancellationToken);
        var user = await signIn.UserManager.FindByIdAsync(result.UserId);
        await signIn.SignInAsync(user!, isPersistent: false);
        TempData["Notice"] = "Your admin account is ready. Add colleagues with 'users add' on the server.";
        return Redirect("/account/manage");
    }

    /// <summary>Creates the first admin with a new account's fields, if the setup token is still good.</summary>
    public sealed record Command : NewAccountForm, ICommand<AddUser.Result>
    {
        [BindNever]
        public string Token { get; init; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords differ.");
        }
    }

    public sealed class Handler(AdminSetup setup, IMediator mediator) : IRequestHandler<Command, AddUser.Result>
    {
        public async Task<AddUser.Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!await setup.ConsumeAsync(request.Token, cancellationToken))
            {
                throw new NotFoundException("This setup link has been used or has expired. Restart the app for a new one.");
            }

            return await mediator.Send(new AddUser.Command(request.Email ?? string.Empty, request.Password ?? string.Empty, Roles.Admin), cancellationToken);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace NewsTracker.Web.Pages.Account;

/// <summary>The fields of a new account, as the sign-up and first-admin setup pages ask for them: an email and
/// a password typed twice. The sign-up page binds it; the setup page's command extends it.</summary>
public record NewAccountForm
{
    [Display(Name = "Email")]
    public string? Email { get; init; }

    [Display(Name = "Password (12 characters or more)")]
    [DataType(DataType.Password)]
    public string? Password { get; init; }

    [Display(Name = "Password again")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; init; }
}

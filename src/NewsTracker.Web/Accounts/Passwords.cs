using Microsoft.AspNetCore.Identity;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Accounts;

/// <summary>What the two password commands share (changing your own on the account page, setting one through an
/// admin's reset link): the expired-link message and how Identity's refusals become field messages.</summary>
public static class Passwords
{
    public const string ExpiredLink = "This link has been used or has expired. Ask an admin for a new one.";

    /// <summary>Throws Identity's refusals as field messages: a wrong current password on
    /// <paramref name="currentField"/>, a bad token on the page, anything else on <paramref name="passwordField"/>.</summary>
    public static void ThrowIfFailed(IdentityResult result, string passwordField, string currentField)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = result.Errors
            .GroupBy(e => e.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordMismatch) => currentField,
                nameof(IdentityErrorDescriber.InvalidToken) => string.Empty,
                _ => passwordField,
            })
            .ToDictionary(
                g => g.Key,
                g => g.Select(e => e.Code switch
                {
                    nameof(IdentityErrorDescriber.PasswordMismatch) => "That is not your current password.",
                    nameof(IdentityErrorDescriber.InvalidToken) => ExpiredLink,
                    _ => e.Description,
                }).ToArray(),
                StringComparer.Ordinal);
        throw new ValidationFailedException(errors);
    }
}

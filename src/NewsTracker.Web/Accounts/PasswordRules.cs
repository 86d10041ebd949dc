using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Accounts;

/// <summary>NIST SP 800-63B's checks beyond length, for every way a password is set (sign-up, setup, the command
/// line, a change or a reset): not one of the 10,000 most common passwords (<c>Accounts/Data/common-passwords.txt</c>,
/// see its notice), and not containing the account's own email name or the service's name.</summary>
public sealed class PasswordRules : IPasswordValidator<ApplicationUser>
{
    /// <summary>Parts of an email shorter than this are too common in ordinary words to refuse.</summary>
    private const int MinContextLength = 3;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "That password is one of the most common ones, which are tried first. Choose another, for example a few unrelated words." });
        }

        var localPart = (user.Email ?? user.UserName)?.Split('@')[0] ?? string.Empty;
        foreach (var word in new[] { localPart, "newstracker" })
        {
            if (word.Length >= MinContextLength && password.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new IdentityError { Code = "PasswordContext", Description = $"The password contains “{word}”, which anyone who knows your email or this site would try. Choose one without it." });
                break;
            }
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("NewsTracker.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}

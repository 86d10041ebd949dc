using Microsoft.AspNetCore.Identity;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Accounts;

/// <summary>How a sign-in ends everywhere: each session cookie carries the account's security stamp, every instance
/// compares it with the database at a short interval, and signing out, a password change, a role change or disabling
/// the account changes the stamp, so every cookie issued before (copies included) stops working on every instance.</summary>
public static class Sessions
{
    /// <summary>Seconds between checks of a session against its account; 0 checks on every request.</summary>
    public const string CheckSecondsKey = "Accounts:SessionCheckSeconds";

    /// <summary>The default: a few seconds bounds how long an ended session lives on, for one indexed read of the
    /// account per session and interval (not per request).</summary>
    public const double DefaultCheckSeconds = 5;

    public static IServiceCollection AddSessionChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = Math.Max(0, configuration.GetValue(CheckSecondsKey, DefaultCheckSeconds));
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromSeconds(seconds));
        return services;
    }

    /// <summary>Ends every session of <paramref name="user"/> on every instance (the caller signs the current one in
    /// again if it should stay).</summary>
    public static async Task EndAllAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The account's sessions could not be ended: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

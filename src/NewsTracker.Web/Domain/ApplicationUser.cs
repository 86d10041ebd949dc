using Microsoft.AspNetCore.Identity;

namespace NewsTracker.Web.Domain;

/// <summary>A staff member or registered reader.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public DateTime CreatedUtc { get; set; }
}

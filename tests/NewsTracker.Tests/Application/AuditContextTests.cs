using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using NewsTracker.Web.Application;
using Roles = NewsTracker.Web.Domain.Roles;

namespace NewsTracker.Tests.Application;

public sealed class AuditContextTests
{
    /// <summary>An accessor of its own (the framework's shares one async-local slot across instances).</summary>
    private sealed class Accessor(HttpContext? context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext { get; set; } = context;
    }

    [Fact]
    public void An_anonymous_web_request_acts_as_nobody_not_as_the_system()
    {
        var audit = new AuditContext(new Accessor(new DefaultHttpContext()));

        Assert.Equal(Editor.Anonymous, audit.Editor);
        Assert.False(audit.Editor.CanPropose);
    }

    [Fact]
    public void A_signed_in_request_acts_as_its_user_and_work_outside_a_request_as_the_system()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Name, "desk@example.test"), new Claim(ClaimTypes.Role, Roles.Journalist)], "test"));

        var web = new AuditContext(new Accessor(new DefaultHttpContext { User = user }));
        var background = new AuditContext(new Accessor(null));

        Assert.Equal(new Editor("u1", "desk@example.test", true, false), web.Editor);
        Assert.Equal(Editor.System, background.Editor);
    }
}

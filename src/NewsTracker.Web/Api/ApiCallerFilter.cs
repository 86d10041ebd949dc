using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Api;

/// <summary>
/// Says who is calling an endpoint that anyone may read but staff see more of: the bearer token's account when a
/// token is sent (an unknown or revoked token is 401, never a silent fall-back to anonymous), else the sign-in
/// cookie's, else nobody. The handlers' <see cref="AuditContext.Editor"/> is set from it, so an anonymous caller is
/// <see cref="Editor.Anonymous"/> and can never act with the system's rights.
/// </summary>
public sealed class ApiCallerFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType != ApiTokenAuthenticationHandler.SchemeName
            && http.Request.Headers.Authorization.Count > 0)
        {
            var result = await http.AuthenticateAsync(ApiTokenAuthenticationHandler.SchemeName);
            if (result.Succeeded)
            {
                http.User = result.Principal;
            }
            else if (result.Failure is not null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"NewsTracker API\"";
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Unauthorized.",
                    Detail = "The bearer token is unknown or revoked. Send a current token ('Authorization: Bearer nt_…'), or none to read what is public.",
                });
            }
        }

        http.RequestServices.GetRequiredService<AuditContext>().Editor = Editor.From(http.User);
        return await next(context);
    }
}

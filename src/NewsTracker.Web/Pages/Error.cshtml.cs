using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsTracker.Web.Pages;

/// <summary>Error and status pages (404, 403, 429, 500…) in the site layout, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status500InternalServerError;

    public string? RequestId { get; private set; }

    public void OnGet() => Set();

    // No bound parameters: binding would read the form, and the form of a request over its size limit is what failed.
    public void OnPost() => Set();

    private void Set()
    {
        // "/error/404" from the status-code pages; the exception handler has already set the status it chose (413 for a
        // body over the limit, otherwise 500).
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var routed) ? routed : Response.StatusCode;
        Status = code is >= 400 and < 600 ? code : StatusCodes.Status500InternalServerError;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        Response.StatusCode = Status;
    }

    public (string Title, string Message) Describe() => Status switch
    {
        404 => ("Not found", "There is nothing at this address. It may have moved, or the link may be wrong."),
        403 => ("Not allowed", "Your account does not have the role this needs."),
        400 => ("Bad request", "The request could not be understood. If you submitted a form, reload the page and try again."),
        413 => ("Too large", $"What you sent is larger than this page accepts{(Hosting.RequestBodyLimits.LimitInMiB(HttpContext) is { } mib ? $" ({mib} MiB at most)" : string.Empty)}. Go back and send a smaller file or less text."),
        429 => ("Slow down", "Too many requests from your address. Wait a minute and try again."),
        _ => ("Something went wrong", "An error on our side stopped this page. It has been logged; try again in a moment."),
    };
}

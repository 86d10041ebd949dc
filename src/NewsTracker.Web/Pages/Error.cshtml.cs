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

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        Status = code is >= 400 and < 600 ? code.Value : StatusCodes.Status500InternalServerError;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        Response.StatusCode = Status;
    }

    public (string Title, string Message) Describe() => Status switch
    {
        404 => ("Not found", "There is nothing at this address. It may have moved, or the link may be wrong."),
        403 => ("Not allowed", "Your account does not have the role this needs."),
        400 => ("Bad request", "The request could not be understood. If you submitted a form, reload the page and try again."),
        413 => ("Too large", "What you sent is larger than NewsTracker accepts. Upload fewer or smaller files (15 MiB each at most)."),
        429 => ("Slow down", "Too many requests from your address. Wait a minute and try again."),
        _ => ("Something went wrong", "An error on our side stopped this page. It has been logged; try again in a moment."),
    };
}

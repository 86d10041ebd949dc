using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Pages.Articles;

/// <summary>Journalists paste an article: the same ingestion command the seeds and the API use.</summary>
public sealed class AddModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public Form Data { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new IngestArticle.Command
        {
            Text = Data.Text ?? string.Empty,
            Title = Data.Title,
            Outlet = Data.Outlet,
            Url = Data.Url,
            Byline = Data.Byline,
            PublishedUtc = Data.Published is { } published ? DateTime.SpecifyKind(published.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc) : null,
            Origin = "text",
            UserId = User.FindFirstValue(ClaimTypes.NameIdentifier),
        }, cancellationToken);

        Notice = result.Outcome switch
        {
            IngestArticle.Outcome.Duplicate => "This article was already stored; nothing was added.",
            IngestArticle.Outcome.NewVersion => $"Stored as version {result.Version} of the article at that address.",
            _ => "Article added.",
        };
        return Redirect($"/articles/{result.ArticleId}/{result.Slug}");
    }

    /// <summary>The form as typed; the command's validator decides what is acceptable.</summary>
    public sealed class Form
    {
        [Display(Name = "Title")]
        public string? Title { get; set; }

        [Display(Name = "Outlet")]
        public string? Outlet { get; set; }

        [Display(Name = "Byline")]
        public string? Byline { get; set; }

        [Display(Name = "Original URL")]
        public string? Url { get; set; }

        [Display(Name = "Published")]
        [DataType(DataType.Date)]
        public DateOnly? Published { get; set; }

        [Display(Name = "Text")]
        public string? Text { get; set; }
    }
}

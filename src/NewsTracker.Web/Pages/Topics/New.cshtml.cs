using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>Editors create a topic.</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public TopicForm Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var saved = await mediator.Send(new TopicEditing.Create(Data.ToFields()), cancellationToken);
        TempData["Notice"] = "Topic created. Add milestones and pick articles below.";
        return Redirect($"/topics/{saved.Slug}/edit");
    }
}

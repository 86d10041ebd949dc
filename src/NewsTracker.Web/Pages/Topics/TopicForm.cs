using System.ComponentModel.DataAnnotations;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>The topic form shared by the New and Edit pages.</summary>
public sealed class TopicForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Address")]
    public string? Slug { get; set; }

    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Saved search")]
    public string? Definition { get; set; }

    [Display(Name = "Actors (one per line)")]
    public string? Actors { get; set; }

    [Display(Name = "Published (readers can see and follow it)")]
    public bool IsPublished { get; set; }

    public Guid? Stamp { get; set; }

    public TopicEditing.TopicFields ToFields() => new(
        Name ?? string.Empty,
        Slug,
        Description,
        Definition,
        IsPublished,
        (Actors ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

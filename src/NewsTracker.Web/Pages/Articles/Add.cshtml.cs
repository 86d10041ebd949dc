using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Application;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Pages.Articles;

/// <summary>Journalists bring an article in: paste text, paste HTML, give a URL (each with a preview
/// before saving), or upload files. All of them send the one ingestion command.</summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes, ValueLengthLimit = MaxFieldBytes)]
public sealed class AddModel(IMediator mediator) : PageModel
{
    /// <summary>One upload's total size: room for several files at the per-file limit.</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    public const int MaxFiles = 50;

    /// <summary>One pasted field (form encoding can triple the bytes); the command's own limit on characters
    /// then answers with a sentence, where ASP.NET's 4 MiB default would fail the request.</summary>
    public const int MaxFieldBytes = IngestArticle.MaxContentLength * 4;

    /// <summary>The ways in, in the order the tabs show them.</summary>
    public static readonly IReadOnlyList<(string Mode, string Label)> Modes =
        [("text", "Paste text"), ("html", "Paste HTML"), ("url", "From a URL"), ("files", "Upload files")];

    [BindProperty(SupportsGet = true)]
    public string Mode { get; set; } = "text";

    [BindProperty]
    public Form Data { get; set; } = new();

    /// <summary>What would be stored, shown after "Preview".</summary>
    public ExtractArticle.Extraction? Preview { get; private set; }

    /// <summary>Per-file results after an upload.</summary>
    public IReadOnlyList<FileOutcome> FileOutcomes { get; private set; } = [];

    public void OnGet() => Mode = Modes.Any(m => m.Mode == Mode) ? Mode : "text";

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        Preview = await mediator.Send(new ExtractArticle.Query(ToCommand()), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(ToCommand(), cancellationToken);
        TempData["Notice"] = Describe(result);
        return Redirect($"/articles/{result.ArticleId}/{result.Slug}");
    }

    public async Task<IActionResult> OnPostFilesAsync(List<IFormFile> files, CancellationToken cancellationToken)
    {
        Mode = "files";
        if (files.Count == 0)
        {
            ModelState.AddModelError(string.Empty, "Choose one or more .html, .htm or .txt files.");
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        if (files.Count > MaxFiles)
        {
            ModelState.AddModelError(string.Empty, $"Upload at most {MaxFiles} files at a time.");
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var outcomes = new List<FileOutcome>(files.Count);
        foreach (var file in files)
        {
            outcomes.Add(await IngestFileAsync(file, cancellationToken));
        }

        FileOutcomes = outcomes;
        return outcomes.All(o => o.Error is not null)
            ? new PageResult { StatusCode = StatusCodes.Status400BadRequest }
            : Page();
    }

    private async Task<FileOutcome> IngestFileAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file.FileName);
        try
        {
            if (file.Length > ArticleFile.MaxBytes)
            {
                throw new ValidationFailedException("File", $"{name} is {file.Length / 1024 / 1024} MiB; the limit is {ArticleFile.MaxBytes / 1024 / 1024} MiB a file.");
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            var command = ArticleFile.ToCommand(name, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "file") with
            {
                Outlet = Data.Outlet,
                UserId = User.FindFirstValue(ClaimTypes.NameIdentifier),
            };
            var result = await mediator.Send(command, cancellationToken);
            return new FileOutcome(name, result, null);
        }
        catch (ValidationFailedException ex)
        {
            return new FileOutcome(name, null, string.Join(" ", ex.Errors.SelectMany(e => e.Value)));
        }
    }

    /// <summary>The command the form stands for: the typed fields as they are, the body the chosen tab holds (an
    /// empty box counts as sent, so the command says what is missing), the date as midnight UTC.</summary>
    private IngestArticle.Command ToCommand() => new(Data)
    {
        Text = Mode == "text" ? Data.Text ?? string.Empty : null,
        Html = Mode == "html" ? Data.Html ?? string.Empty : null,
        PublishedUtc = Data.Published is { } published ? DateTime.SpecifyKind(published.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc) : null,
        Language = null,
        Origin = Mode,
        UserId = User.FindFirstValue(ClaimTypes.NameIdentifier),
    };

    public static string Describe(IngestArticle.Result result) => result.Outcome switch
    {
        IngestArticle.Outcome.Duplicate => "This article was already stored; nothing was added.",
        IngestArticle.Outcome.NewVersion => $"The article at that address changed: stored as version {result.Version}.",
        _ when result.JoinedStory => "Article added. It matches a report already stored and joins its story.",
        _ => "Article added.",
    };

    /// <summary>One uploaded file's fate: stored (with the result) or refused (with why).</summary>
    public sealed record FileOutcome(string FileName, IngestArticle.Result? Result, string? Error);

    /// <summary>The form as typed: the fields every way in shares (<see cref="ArticleFields"/>, checked by the command's
    /// validator), with the date as the date picker gives it.</summary>
    public sealed record Form : ArticleFields
    {
        [Display(Name = "Published")]
        [DataType(DataType.Date)]
        public DateOnly? Published { get; init; }
    }
}

using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Feeds.Parsing;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Feeds;

/// <summary>Subscription lists in and out: import an OPML file from another feed reader (each feed is
/// checked by the next poll), export every feed, with NewsTracker's settings, as OPML.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
[RequestSizeLimit(Opml.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = Opml.MaxBytes + (64 * 1024))]
public sealed class OpmlModel(IMediator mediator, PollSignal signal) : PageModel
{
    /// <summary>What became of each feed in the imported file.</summary>
    public IReadOnlyList<AddFeeds.Outcome> Outcomes { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new Export(), cancellationToken);
        return File(export, "text/x-opml; charset=utf-8", "newstracker-feeds.opml");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            throw new ValidationFailedException(string.Empty, "Choose an OPML file exported from a feed reader.");
        }

        using var buffer = new MemoryStream();
        await using (var upload = file.OpenReadStream())
        {
            var (bytes, length) = await FeedParser.ReadLimitedAsync(upload, Opml.MaxBytes, "file", cancellationToken);
            buffer.Write(bytes, 0, length);
        }

        IReadOnlyList<OpmlFeed> feeds;
        try
        {
            feeds = Opml.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (FeedParseException e)
        {
            throw new ValidationFailedException(string.Empty, e.Message);
        }

        if (feeds.Count == 0)
        {
            throw new ValidationFailedException(string.Empty, "The file lists no feeds (no outline has an xmlUrl).");
        }

        Outcomes = await mediator.Send(
            new AddFeeds.Command(
                feeds.Select(f => new AddFeeds.Draft(f.XmlUrl, f.Title, f.HtmlUrl, null, f.Outlet, f.UseFeedContent, f.IntervalMinutes, f.Paused, f.Group)).ToList(),
                User.FindFirstValue(ClaimTypes.NameIdentifier)),
            cancellationToken);
        signal.Wake();
        return Page();
    }

    /// <summary>Every feed as OPML.</summary>
    public sealed record Export : IRequest<byte[]>;

    public sealed class ExportHandler(NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<Export, byte[]>
    {
        public async Task<byte[]> Handle(Export request, CancellationToken cancellationToken)
        {
            var feeds = await db.Feeds.AsNoTracking()
                .OrderBy(f => f.Group).ThenBy(f => f.Title).ThenBy(f => f.Id)
                .Select(f => new OpmlFeed(f.Url, f.Title, f.SiteUrl, f.Outlet, f.IntervalOverrideMinutes, f.UseFeedContent, f.Paused, f.Group))
                .ToListAsync(cancellationToken);
            return Opml.Write(feeds, clock.GetUtcNow().UtcDateTime);
        }
    }
}

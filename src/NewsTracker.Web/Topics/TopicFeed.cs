using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace NewsTracker.Web.Topics;

/// <summary>
/// A topic's Atom 1.0 feed: its newest timeline entries, each with a stable id unique to the installation
/// (<c>tag:news.example.org,2026:article/123</c>, see <see cref="Hosting.PublicUrls.TagPrefix"/>) that never changes
/// when the entry does, and the feed's
/// <c>updated</c> the time the newest entry changed. System.ServiceModel.Syndication writes the XML, so every
/// piece of user text is escaped.
/// </summary>
public static class TopicFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>Entries in the feed, newest first.</summary>
    public const int MaxEntries = 50;

    /// <summary>The entry's id under <paramref name="siteBase"/>, the installation's public base.</summary>
    public static string EntryId(Timeline.TimelineEntry entry, Uri siteBase) =>
        Hosting.PublicUrls.TagPrefix(siteBase) + entry.Kind.ToString().ToLowerInvariant() + "/" + entry.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The feed as XML text; links are made absolute against <paramref name="siteBase"/>, the public base.</summary>
    public static string Write(Timeline.Result timeline, Uri siteBase)
    {
        var topicUrl = new Uri(Hosting.PublicUrls.Absolute(siteBase, $"/topics/{timeline.Topic.Slug}"));
        var entries = timeline.Entries.OrderByDescending(e => e.UpdatedUtc).ThenByDescending(e => e.Id).Take(MaxEntries).ToList();
        var updated = entries.Count == 0 ? timeline.Topic.UpdatedUtc : entries.Max(e => e.UpdatedUtc);
        var feed = new SyndicationFeed(timeline.Topic.Name, timeline.Topic.Description ?? $"What happened in “{timeline.Topic.Name}”, in order.", topicUrl)
        {
            Id = Hosting.PublicUrls.TagPrefix(siteBase) + "topic/" + timeline.Topic.Slug,
            LastUpdatedTime = new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)),
            Generator = "NewsTracker",
        };
        // Atom requires an author on the feed when entries have none of their own.
        feed.Authors.Add(new SyndicationPerson { Name = "NewsTracker" });
        feed.Links.Add(new SyndicationLink(new Uri(Hosting.PublicUrls.Absolute(siteBase, $"/topics/{timeline.Topic.Slug}/feed.atom")), "self", null, "application/atom+xml", 0));
        feed.Items = entries.Select(e => Item(e, siteBase, topicUrl)).ToList();

        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        // XmlWriter over a StringBuilder declares utf-16; the response is UTF-8.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static SyndicationItem Item(Timeline.TimelineEntry entry, Uri siteBase, Uri topicUrl)
    {
        var (title, summary) = entry.Kind switch
        {
            TimelineEntryKind.Article => (entry.Title, entry.Outlet is null ? entry.Excerpt : $"{entry.Outlet}: {entry.Excerpt}"),
            TimelineEntryKind.Claim => ($"Claim: {entry.Title}", string.Join(" · ", new[]
            {
                entry.Claimant is null ? null : $"Claimed by {entry.Claimant}",
                entry.Verdict is null ? null : $"Verdict: {entry.Verdict.Label}",
                entry.Sources.Count == 0 ? null : $"Sources: {string.Join("; ", entry.Sources)}",
            }.Where(s => s is not null))),
            _ => ($"{entry.AtUtc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}: {entry.Title}", null),
        };
        var link = entry.Kind switch
        {
            TimelineEntryKind.Article => new Uri(Hosting.PublicUrls.Absolute(siteBase, entry.Href!)),
            TimelineEntryKind.Milestone when Uri.TryCreate(entry.Link, UriKind.Absolute, out var external) => external,
            _ => new Uri(topicUrl + "#" + TimelineView.Anchor(DateOnly.FromDateTime(entry.AtUtc))),
        };
        var item = new SyndicationItem(title, string.IsNullOrEmpty(summary) ? null : summary, link, EntryId(entry, siteBase), new DateTimeOffset(DateTime.SpecifyKind(entry.UpdatedUtc, DateTimeKind.Utc)))
        {
            PublishDate = new DateTimeOffset(DateTime.SpecifyKind(entry.AtUtc, DateTimeKind.Utc)),
        };
        return item;
    }
}

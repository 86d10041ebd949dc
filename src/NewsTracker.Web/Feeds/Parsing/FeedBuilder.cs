using System.Globalization;
using NewsTracker.Web.Data.Configurations;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>What a format reader found in one item, as written (text not yet cleaned, links not yet resolved).</summary>
internal sealed class RawItem
{
    public string? Id { get; set; }

    /// <summary>RSS <c>guid</c> without <c>isPermaLink="false"</c>: the id doubles as the link.</summary>
    public bool IdIsLink { get; set; }

    public string? Link { get; set; }

    public string? Title { get; set; }

    public string? Published { get; set; }

    public string? Updated { get; set; }

    public string? Author { get; set; }

    public string? Summary { get; set; }

    public bool SummaryIsText { get; set; }

    public string? Content { get; set; }

    public bool ContentIsText { get; set; }

    /// <summary>The <c>xml:base</c> in force for the item, when one was declared.</summary>
    public Uri? Base { get; set; }
}

/// <summary>Collects what a format reader finds and turns it into a <see cref="ParsedFeed"/>: counts items
/// against the limit as they start (so reading stops there), resolves links once the whole feed is known,
/// cleans text, and gives every item its key.</summary>
internal sealed class FeedBuilder(FeedFormat format, Uri feedUrl, int maxItems)
{
    /// <summary>How much of an item's text goes into the key of an item with neither id nor link.</summary>
    private const int KeyTextChars = 2000;

    private readonly List<RawItem> _items = [];

    public string? Title { get; set; }

    /// <summary>The site link as written; resolved against <see cref="Base"/> or the feed's address.</summary>
    public string? SiteLink { get; set; }

    /// <summary>The feed's own <c>xml:base</c>, if any.</summary>
    public Uri? Base { get; set; }

    public string? Language { get; set; }

    public TimeSpan? Ttl { get; set; }

    /// <summary>Starts the next item, or stops reading when the feed has more than the limit.</summary>
    public RawItem StartItem()
    {
        if (_items.Count >= maxItems)
        {
            throw new FeedParseException(
                FeedParseProblem.TooManyItems,
                string.Create(CultureInfo.InvariantCulture, $"The feed lists more than {maxItems:N0} items; NewsTracker reads at most {maxItems:N0} from one feed and refuses the rest as a precaution. Ask the publisher for a feed of recent items."));
        }

        var item = new RawItem();
        _items.Add(item);
        return item;
    }

    public ParsedFeed Build()
    {
        var siteUrl = FeedXml.Resolve(Base ?? feedUrl, SiteLink);

        // Without an xml:base, RSS item links are relative to the site (the channel link), else to the feed.
        var itemBase = format is FeedFormat.Rss or FeedFormat.Rdf ? Base ?? siteUrl ?? feedUrl : Base ?? feedUrl;
        var items = new List<ParsedFeedItem>(_items.Count);
        foreach (var raw in _items)
        {
            if (ToItem(raw, raw.Base ?? itemBase, items.Count) is { } item)
            {
                items.Add(item);
            }
        }

        return new ParsedFeed
        {
            Format = format,
            Title = FeedText.ToPlainText(Title, FeedConfiguration.TitleMaxLength),
            SiteUrl = siteUrl?.AbsoluteUri,
            Language = FeedText.ToPlainText(Language, ArticleConfiguration.LanguageMaxLength),
            Ttl = Ttl,
            Items = items,
        };
    }

    private static ParsedFeedItem? ToItem(RawItem raw, Uri itemBase, int position)
    {
        var id = NullIfBlank(raw.Id?.Trim());
        // An id stands in for a missing link only when it is a whole address: "48213" is no page.
        var link = FeedXml.Resolve(itemBase, raw.Link) ?? (raw.IdIsLink ? FeedXml.Resolve(null, id) : null);
        var title = FeedText.ToPlainText(raw.Title, ArticleConfiguration.TitleMaxLength);
        var (html, text) = raw.Content is { } content && !string.IsNullOrWhiteSpace(content)
            ? (raw.ContentIsText ? null : content, raw.ContentIsText ? content : null)
            : (raw.SummaryIsText ? null : NullIfBlank(raw.Summary), raw.SummaryIsText ? NullIfBlank(raw.Summary) : null);
        var published = FeedDates.Parse(raw.Published) ?? FeedDates.Parse(raw.Updated);

        var key = id is not null ? "id:" + id
            : link is not null ? "link:" + link.AbsoluteUri
            : title is not null || html is not null || text is not null
                ? "text:" + title + "\n" + published?.ToString("O", CultureInfo.InvariantCulture) + "\n" + Prefix(html ?? text)
                : null;
        if (key is null)
        {
            return null;
        }

        return new ParsedFeedItem
        {
            Key = key,
            Link = link?.AbsoluteUri,
            Title = title,
            PublishedUtc = published,
            Author = FeedText.AuthorName(raw.Author, ArticleConfiguration.BylineMaxLength),
            Html = html,
            Text = text,
            Position = position,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Prefix(string? text) => text is null ? string.Empty : text[..Math.Min(text.Length, KeyTextChars)];
}

using System.Globalization;
using System.Xml;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>Reads RSS 0.9x/2.0 (<c>rss/channel/item</c>) and RSS 1.0 (<c>rdf:RDF</c> with <c>channel</c> and
/// <c>item</c> side by side) in one forward pass. Core elements are matched by name in no namespace or the
/// RSS 1.0/0.90 namespaces; content:encoded, Dublin Core and the syndication module are read too.</summary>
internal static class RssFeedReader
{
    public const string RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Rss10Namespace = "http://purl.org/rss/1.0/";
    private const string Rss090Namespace = "http://my.netscape.com/rdf/simple/0.9/";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    private const string SyndicationNamespace = "http://purl.org/rss/1.0/modules/syndication/";

    /// <summary>Reads the document whose root element the reader is on.</summary>
    public static ParsedFeed Read(XmlReader reader, FeedFormat format, Uri feedUrl, int maxItems)
    {
        var feed = new FeedBuilder(format, feedUrl, maxItems) { Base = FeedXml.DeclaredBase(reader, feedUrl) };
        string? updatePeriod = null;
        string? updateFrequency = null;
        FeedXml.ForEachChild(reader, child =>
        {
            if (IsCore(child, "channel"))
            {
                feed.Base = FeedXml.DeclaredBase(child, feed.Base ?? feedUrl) ?? feed.Base;
                FeedXml.ForEachChild(child, element =>
                {
                    if (IsCore(element, "item"))
                    {
                        ReadItem(element, feed, feedUrl);
                    }
                    else if (IsCore(element, "title"))
                    {
                        feed.Title = FeedXml.ReadContent(element);
                    }
                    else if (IsCore(element, "link"))
                    {
                        feed.SiteLink = FeedXml.ReadContent(element);
                    }
                    else if (IsCore(element, "language") || Is(element, DublinCoreNamespace, "language"))
                    {
                        feed.Language = FeedXml.ReadContent(element);
                    }
                    else if (IsCore(element, "ttl"))
                    {
                        feed.Ttl = int.TryParse(FeedXml.ReadContent(element).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
                            ? TimeSpan.FromMinutes(Math.Min(minutes, (int)TimeSpan.FromDays(365).TotalMinutes))
                            : feed.Ttl;
                    }
                    else if (Is(element, SyndicationNamespace, "updatePeriod"))
                    {
                        updatePeriod = FeedXml.ReadContent(element);
                    }
                    else if (Is(element, SyndicationNamespace, "updateFrequency"))
                    {
                        updateFrequency = FeedXml.ReadContent(element);
                    }
                    else
                    {
                        element.Skip();
                    }
                });
            }
            else if (IsCore(child, "item"))
            {
                ReadItem(child, feed, feedUrl);
            }
            else
            {
                child.Skip();
            }
        });

        feed.Ttl ??= SyndicationPeriod(updatePeriod, updateFrequency);
        return feed.Build();
    }

    private static void ReadItem(XmlReader reader, FeedBuilder feed, Uri feedUrl)
    {
        var item = feed.StartItem();
        item.Base = FeedXml.DeclaredBase(reader, feed.Base ?? feedUrl);
        item.Id = reader.GetAttribute("about", RdfNamespace);
        FeedXml.ForEachChild(reader, element =>
        {
            if (IsCore(element, "title") || (item.Title is null && Is(element, DublinCoreNamespace, "title")))
            {
                item.Title = FeedXml.ReadContent(element);
            }
            else if (IsCore(element, "link"))
            {
                item.Link = FeedXml.ReadContent(element);
            }
            else if (IsCore(element, "guid"))
            {
                item.IdIsLink = !string.Equals(element.GetAttribute("isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
                item.Id = FeedXml.ReadContent(element);
            }
            else if (IsCore(element, "description") || (item.Summary is null && Is(element, DublinCoreNamespace, "description")))
            {
                item.Summary = FeedXml.ReadContent(element);
            }
            else if (Is(element, ContentNamespace, "encoded"))
            {
                item.Content = FeedXml.ReadContent(element);
            }
            else if (IsCore(element, "pubDate"))
            {
                item.Published = FeedXml.ReadContent(element);
            }
            else if (Is(element, DublinCoreNamespace, "date"))
            {
                item.Published ??= FeedXml.ReadContent(element);
            }
            else if (IsCore(element, "author") || Is(element, DublinCoreNamespace, "creator"))
            {
                item.Author ??= FeedXml.ReadContent(element);
            }
            else
            {
                element.Skip();
            }
        });
    }

    private static TimeSpan? SyndicationPeriod(string? period, string? frequency)
    {
        if (period is null)
        {
            return null;
        }

        var length = period.Trim().ToUpperInvariant() switch
        {
            "HOURLY" => TimeSpan.FromHours(1),
            "DAILY" => TimeSpan.FromDays(1),
            "WEEKLY" => TimeSpan.FromDays(7),
            "MONTHLY" => TimeSpan.FromDays(30),
            "YEARLY" => TimeSpan.FromDays(365),
            _ => (TimeSpan?)null,
        };
        var times = int.TryParse(frequency?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return length / times;
    }

    private static bool IsCore(XmlReader reader, string localName) =>
        reader.LocalName == localName && reader.NamespaceURI is "" or Rss10Namespace or Rss090Namespace;

    private static bool Is(XmlReader reader, string ns, string localName) =>
        reader.LocalName == localName && reader.NamespaceURI == ns;
}

using System.Xml;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>Reads Atom 1.0 (and the Atom 0.3 some old feeds still serve) in one forward pass, with
/// <c>xml:base</c> applied to the feed, entries and links, and text constructs of type text, html and xhtml.</summary>
internal static class AtomFeedReader
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string Atom03Namespace = "http://purl.org/atom/ns#";

    /// <summary>Reads the document whose root <c>feed</c> element the reader is on.</summary>
    public static ParsedFeed Read(XmlReader reader, Uri feedUrl, int maxItems)
    {
        var feedBase = FeedXml.Base(reader, feedUrl)!;
        var feed = new FeedBuilder(FeedFormat.Atom, feedUrl, maxItems)
        {
            Base = feedBase,
            Language = reader.GetAttribute("lang", FeedXml.XmlNamespace),
        };
        var siteLinkIsHtml = false;
        FeedXml.ForEachChild(reader, element =>
        {
            if (!IsAtom(element))
            {
                element.Skip();
            }
            else if (element.LocalName == "entry")
            {
                ReadEntry(element, feed, feedBase);
            }
            else if (element.LocalName == "title")
            {
                feed.Title = ReadText(element).Value;
            }
            else if (element.LocalName == "link" && AlternateLink(element, feedBase, siteLinkIsHtml) is { } link)
            {
                (feed.SiteLink, siteLinkIsHtml) = link;
            }
            else
            {
                element.Skip();
            }
        });

        return feed.Build();
    }

    private static void ReadEntry(XmlReader reader, FeedBuilder feed, Uri feedBase)
    {
        var item = feed.StartItem();
        var entryBase = FeedXml.Base(reader, feedBase)!;
        item.Base = entryBase;

        // An entry without an alternate link is often identified by its address.
        item.IdIsLink = true;
        var linkIsHtml = false;
        FeedXml.ForEachChild(reader, element =>
        {
            if (!IsAtom(element))
            {
                element.Skip();
                return;
            }

            switch (element.LocalName)
            {
                case "id":
                    item.Id = FeedXml.ReadContent(element);
                    break;
                case "title":
                    item.Title = ReadText(element).Value;
                    break;
                case "link":
                    if (AlternateLink(element, entryBase, linkIsHtml) is { } link)
                    {
                        (item.Link, linkIsHtml) = link;
                    }

                    break;
                case "published" or "issued":
                    item.Published = FeedXml.ReadContent(element);
                    break;
                case "updated" or "modified":
                    item.Updated = FeedXml.ReadContent(element);
                    break;
                case "author":
                    FeedXml.ForEachChild(element, part =>
                    {
                        if (IsAtom(part) && part.LocalName == "name")
                        {
                            item.Author ??= FeedXml.ReadContent(part);
                        }
                        else
                        {
                            part.Skip();
                        }
                    });
                    break;
                case "summary":
                    (item.Summary, item.SummaryIsText) = ReadText(element);
                    break;
                case "content":
                    (item.Content, item.ContentIsText) = ReadText(element);
                    break;
                default:
                    element.Skip();
                    break;
            }
        });
    }

    /// <summary>A <c>link</c> that names the HTML page: <c>rel="alternate"</c> (the default), preferring
    /// <c>type="text/html"</c>; null when this link is not better than the one already held.</summary>
    private static (string Href, bool IsHtml)? AlternateLink(XmlReader element, Uri parentBase, bool haveHtml)
    {
        var rel = element.GetAttribute("rel")?.Trim() ?? "alternate";
        var type = element.GetAttribute("type")?.Trim();
        var href = FeedXml.Resolve(FeedXml.Base(element, parentBase), element.GetAttribute("href"));
        element.Skip();
        if (href is null || !string.Equals(rel, "alternate", StringComparison.OrdinalIgnoreCase) || haveHtml)
        {
            return null;
        }

        return (href.AbsoluteUri, type is null || type.Contains("html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A text construct's value and whether it is plain text (type text, or Atom 0.3's unescaped text/plain).</summary>
    private static (string Value, bool IsText) ReadText(XmlReader element)
    {
        var type = element.GetAttribute("type")?.Trim().ToLowerInvariant();
        var escaped = string.Equals(element.GetAttribute("mode")?.Trim(), "escaped", StringComparison.OrdinalIgnoreCase);
        var hasSource = element.GetAttribute("src") is not null;
        var value = FeedXml.ReadContent(element);
        return (hasSource && string.IsNullOrWhiteSpace(value) ? string.Empty : value, type is null or "text" or "text/plain" && !escaped);
    }

    private static bool IsAtom(XmlReader reader) => reader.NamespaceURI is AtomNamespace or Atom03Namespace;
}

using System.Globalization;
using System.Text;
using System.Xml;
using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Web.Feeds;

/// <summary>One feed in an OPML subscription list, with the NewsTracker settings an export carries.</summary>
public sealed record OpmlFeed(string XmlUrl, string? Title, string? HtmlUrl, string? Outlet = null, int? IntervalMinutes = null, bool UseFeedContent = false, bool Paused = false, string? Group = null);

/// <summary>
/// Reads and writes OPML 1.0/2.0 subscription lists. Reading goes through the same DTD-free XML reader as
/// feeds, takes every <c>outline</c> with an <c>xmlUrl</c> at any depth and stops at <see cref="MaxFeeds"/>;
/// the folders (outlines without <c>xmlUrl</c>) a feed sits in become its group, nested ones joined with
/// <see cref="GroupSeparator"/>. Writing puts each group's feeds in a folder outline and adds NewsTracker's own
/// settings in their own namespace, which other readers ignore, so an export imported again loses nothing.
/// </summary>
public static class Opml
{
    public const string SettingsNamespace = "urn:newstracker:opml";

    /// <summary>The largest OPML file read.</summary>
    public const long MaxBytes = 2L * 1024 * 1024;

    /// <summary>More feeds than this in one file is refused.</summary>
    public const int MaxFeeds = 5_000;

    /// <summary>Between the names of nested folders in a group: "Politics / UK".</summary>
    public const string GroupSeparator = " / ";

    /// <exception cref="FeedParseException">When the file is not OPML NewsTracker can read.</exception>
    public static IReadOnlyList<OpmlFeed> Read(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBytes)
        {
            throw new FeedParseException(FeedParseProblem.TooLarge, $"The file is larger than {MaxBytes / 1024 / 1024} MiB; no subscription list is that long.");
        }

        var (text, _) = FeedEncoding.Decode(body, null);
        text = FeedText.RemoveControlCharacters(text);
        if (FeedXml.Classify(text) == FeedXml.Start.Doctype)
        {
            throw new FeedParseException(FeedParseProblem.DtdRefused, "The file declares a DTD (<!DOCTYPE …>), which NewsTracker refuses; an OPML export never needs one.");
        }

        if (FeedXml.Classify(text) != FeedXml.Start.Xml)
        {
            throw new FeedParseException(FeedParseProblem.NotAFeed, "This is not an OPML file: it is not XML. Export the subscription list from your feed reader as OPML.");
        }

        var feeds = new List<OpmlFeed>();
        // One entry per open outline element: its folder name, or null for an outline that is not a folder.
        var folders = new Stack<string?>();
        try
        {
            using var reader = FeedXml.CreateReader(text, Math.Max(1, text.Length));
            reader.MoveToContent();
            if (reader.LocalName != "opml")
            {
                throw new FeedParseException(FeedParseProblem.NotAFeed, $"This is not an OPML file: its root element is <{reader.LocalName}>, not <opml>.");
            }

            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "outline" && folders.Count > 0)
                {
                    folders.Pop();
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "outline")
                {
                    continue;
                }

                var xmlUrl = Attribute(reader, "xmlUrl");
                if (!reader.IsEmptyElement)
                {
                    folders.Push(xmlUrl is null ? Plain(Attribute(reader, "title") ?? Attribute(reader, "text"), Data.Configurations.FeedConfiguration.GroupMaxLength) : null);
                }

                if (xmlUrl is not null)
                {
                    if (feeds.Count == MaxFeeds)
                    {
                        throw new FeedParseException(FeedParseProblem.TooManyItems, $"The file lists more than {MaxFeeds:N0} feeds; import it in parts.");
                    }

                    feeds.Add(new OpmlFeed(
                        xmlUrl,
                        Plain(Attribute(reader, "title") ?? Attribute(reader, "text"), Data.Configurations.FeedConfiguration.TitleMaxLength),
                        Attribute(reader, "htmlUrl"),
                        Plain(reader.GetAttribute("outlet", SettingsNamespace), Data.Configurations.OutletConfiguration.NameMaxLength),
                        int.TryParse(reader.GetAttribute("intervalMinutes", SettingsNamespace), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : null,
                        reader.GetAttribute("content", SettingsNamespace) == "feed",
                        reader.GetAttribute("paused", SettingsNamespace) == "true",
                        Group(folders)));
                }
            }
        }
        catch (XmlException e)
        {
            throw new FeedParseException(FeedParseProblem.Malformed, $"The file is not well-formed XML (line {e.LineNumber}); export it again from your feed reader.", e);
        }

        return feeds;
    }

    /// <summary>The folders enclosing the current outline, outermost first (a feed outline with children has pushed
    /// a null entry of its own, which names nothing).</summary>
    private static string? Group(Stack<string?> folders)
    {
        var names = folders.Where(name => name is not null).Reverse().ToList();
        return names.Count == 0 ? null : Plain(string.Join(GroupSeparator, names), Data.Configurations.FeedConfiguration.GroupMaxLength);
    }

    /// <summary>An OPML 2.0 document listing <paramref name="feeds"/>, UTF-8 without a byte order mark; each group's
    /// feeds inside one folder outline, feeds without a group at the top.</summary>
    public static byte[] Write(IEnumerable<OpmlFeed> feeds, DateTime createdUtc)
    {
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("opml");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteAttributeString("xmlns", "newstracker", null, SettingsNamespace);
            writer.WriteStartElement("head");
            writer.WriteElementString("title", "NewsTracker feeds");
            writer.WriteElementString("dateCreated", createdUtc.ToString("r", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteStartElement("body");
            foreach (var group in feeds.GroupBy(f => f.Group).OrderBy(g => g.Key is not null).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                if (group.Key is not null)
                {
                    writer.WriteStartElement("outline");
                    writer.WriteAttributeString("text", group.Key);
                    writer.WriteAttributeString("title", group.Key);
                }

                foreach (var feed in group)
                {
                    WriteFeed(writer, feed);
                }

                if (group.Key is not null)
                {
                    writer.WriteEndElement();
                }
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return output.ToArray();
    }

    private static void WriteFeed(XmlWriter writer, OpmlFeed feed)
    {
        writer.WriteStartElement("outline");
        writer.WriteAttributeString("type", "rss");
        writer.WriteAttributeString("text", feed.Title ?? feed.XmlUrl);
        writer.WriteAttributeString("title", feed.Title ?? feed.XmlUrl);
        writer.WriteAttributeString("xmlUrl", feed.XmlUrl);
        if (feed.HtmlUrl is not null)
        {
            writer.WriteAttributeString("htmlUrl", feed.HtmlUrl);
        }

        if (feed.Outlet is not null)
        {
            writer.WriteAttributeString("outlet", SettingsNamespace, feed.Outlet);
        }

        if (feed.IntervalMinutes is { } minutes)
        {
            writer.WriteAttributeString("intervalMinutes", SettingsNamespace, minutes.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteAttributeString("content", SettingsNamespace, feed.UseFeedContent ? "feed" : "page");
        if (feed.Paused)
        {
            writer.WriteAttributeString("paused", SettingsNamespace, "true");
        }

        writer.WriteEndElement();
    }

    /// <summary>OPML attributes are plain text (a title may well contain "&lt;"): whitespace folded, cut to length.</summary>
    private static string? Plain(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Ingestion.TextTools.Truncate(Ingestion.TextTools.FoldWhitespace(value), maxLength);

    /// <summary>An OPML attribute, whose name feed readers spell in any case (<c>xmlUrl</c>, <c>xmlurl</c>).</summary>
    private static string? Attribute(XmlReader reader, string name)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.NamespaceURI.Length == 0 && string.Equals(reader.LocalName, name, StringComparison.OrdinalIgnoreCase))
            {
                var value = reader.Value.Trim();
                reader.MoveToElement();
                return value.Length == 0 ? null : value;
            }
        }

        reader.MoveToElement();
        return null;
    }
}

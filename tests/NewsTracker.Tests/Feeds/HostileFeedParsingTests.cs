using System.Text;
using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Tests.Feeds;

/// <summary>What a hostile or broken document does to the parser: refused with a clear problem, never
/// expanded, resolved or read past the limits.</summary>
public sealed class HostileFeedParsingTests
{
    private static readonly Uri FeedUrl = new("https://feeds.example/feed.xml");

    public static TheoryData<string, string> Doctypes => new()
    {
        {
            "XXE reading a local file",
            """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""
        },
        {
            "XXE reaching an internal address",
            """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""
        },
        {
            "an external DTD",
            """<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd"><rss version="2.0"><channel><title>t</title></channel></rss>"""
        },
        {
            "billion laughs",
            """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <rss version="2.0"><channel><title>&lol9;</title></channel></rss>
            """
        },
        {
            "a DOCTYPE after a comment",
            """<?xml version="1.0"?><!-- hello --><!DOCTYPE feed [<!ENTITY e "x">]><feed xmlns="http://www.w3.org/2005/Atom"><title>&e;</title></feed>"""
        },
    };

    [Theory]
    [MemberData(nameof(Doctypes))]
    public void Refuses_any_DTD_before_it_can_expand_or_resolve_anything(string name, string xml)
    {
        var refused = Assert.Throws<FeedParseException>(() => FeedParser.Parse(xml, FeedUrl));

        Assert.True(refused.Problem == FeedParseProblem.DtdRefused, name);
        Assert.Contains("refuses DTDs", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_XML_reader_itself_prohibits_DTDs_and_resolves_nothing()
    {
        // The same rule one layer down, for any caller that skips the classification.
        using var reader = FeedXml.CreateReader("""<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>""", 10_000);

        Assert.Throws<System.Xml.XmlException>(() => reader.MoveToContent());
    }

    public static TheoryData<string, byte[], FeedParseProblem> NotFeeds => new()
    {
        { "a PNG image", [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. "IHDR"u8, .. new byte[64]], FeedParseProblem.NotAFeed },
        { "plain text", "Service unavailable, try later"u8.ToArray(), FeedParseProblem.NotAFeed },
        { "an empty body", [], FeedParseProblem.NotAFeed },
        { "an HTML page", "<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>"u8.ToArray(), FeedParseProblem.WebPage },
        { "an HTML page without doctype", "\n  <html lang=\"en\"><body>Hi</body></html>"u8.ToArray(), FeedParseProblem.WebPage },
        { "another XML document", "<?xml version=\"1.0\"?><sitemap><url/></sitemap>"u8.ToArray(), FeedParseProblem.NotAFeed },
        { "an OPML file", "<opml version=\"2.0\"><body/></opml>"u8.ToArray(), FeedParseProblem.NotAFeed },
        { "JSON that is not a JSON Feed", "{\"status\":\"ok\"}"u8.ToArray(), FeedParseProblem.NotAFeed },
        { "broken JSON", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":"u8.ToArray(), FeedParseProblem.Malformed },
        { "truncated XML", "<rss version=\"2.0\"><channel><title>Cut off</title><item><title>Half"u8.ToArray(), FeedParseProblem.Malformed },
    };

    [Theory]
    [MemberData(nameof(NotFeeds))]
    public void Says_clearly_when_a_document_is_not_a_feed(string name, byte[] body, FeedParseProblem problem)
    {
        var refused = Assert.Throws<FeedParseException>(() => FeedParser.Parse(body, null, FeedUrl));

        Assert.True(refused.Problem == problem, $"{name}: {refused.Problem} {refused.Message}");
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("rdf")]
    [InlineData("atom")]
    [InlineData("json")]
    public void Stops_reading_a_million_item_feed_at_the_item_limit(string format)
    {
        var million = MillionItems(format);

        var refused = Assert.Throws<FeedParseException>(() => FeedParser.Parse(million, FeedUrl, maxItems: 100));

        Assert.Equal(FeedParseProblem.TooManyItems, refused.Problem);
        Assert.Contains("more than 100 items", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feed_at_the_item_limit_is_read_whole()
    {
        var feed = FeedParser.Parse(Rss(Enumerable.Range(0, 100).Select(i => $"<item><guid>g{i}</guid><title>t{i}</title></item>")), FeedUrl, maxItems: 100);

        Assert.Equal(100, feed.Items.Count);
    }

    [Fact]
    public async Task Reads_no_more_of_an_endless_stream_than_the_byte_limit()
    {
        await using var endless = new EndlessFeedStream();

        var refused = await Assert.ThrowsAsync<FeedParseException>(() =>
            FeedParser.ParseAsync(endless, null, FeedUrl, maxBytes: 256 * 1024, maxItems: 1_000_000, CancellationToken.None));

        Assert.Equal(FeedParseProblem.TooLarge, refused.Problem);
        Assert.InRange(endless.BytesRead, 256 * 1024, (256 * 1024) + (64 * 1024));
    }

    [Fact]
    public void Repairs_bare_ampersands_and_HTML_entities_but_keeps_real_references()
    {
        Assert.Equal("AT&amp;T &#160;&#233; &amp;bogus; &amp; &lt; &#38; &#x26;", FeedXml.Repair("AT&T &nbsp;&eacute; &bogus; & &lt; &#38; &#x26;"));
    }

    [Fact]
    public void Deeply_nested_markup_in_a_title_is_read_without_recursion()
    {
        var deep = string.Concat(Enumerable.Repeat("<b>", 50_000)) + "deep" + string.Concat(Enumerable.Repeat("</b>", 50_000));

        var feed = FeedParser.Parse(Rss([$"<item><guid>d</guid><title>{deep}</title></item>"]), FeedUrl);

        Assert.Single(feed.Items);
    }

    private static string Rss(IEnumerable<string> items) =>
        "<rss version=\"2.0\"><channel><title>Many</title>" + string.Concat(items) + "</channel></rss>";

    private static string MillionItems(string format)
    {
        const int Count = 1_000_000;
        var (head, item, tail) = format switch
        {
            "rss" => ("<rss version=\"2.0\"><channel>", "<item/>", "</channel></rss>"),
            "rdf" => ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">", "<item/>", "</rdf:RDF>"),
            "atom" => ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry/>", "</feed>"),
            _ => ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[", "{},", "{}]}"),
        };
        var text = new StringBuilder(head.Length + (item.Length * Count) + tail.Length);
        text.Append(head);
        for (var i = 0; i < Count; i++)
        {
            text.Append(item);
        }

        return text.Append(tail).ToString();
    }

    /// <summary>An RSS document that never ends, counting what was read from it.</summary>
    private sealed class EndlessFeedStream : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>Endless</title>");
        private static readonly byte[] Item = Encoding.UTF8.GetBytes("<item><title>again</title></item>");
        private long _position;

        public long BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < Head.Length ? Head[at] : Item[(at - Head.Length) % Item.Length];
            }

            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

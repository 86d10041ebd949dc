using System.Text;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Tests.Feeds;

public sealed class OpmlTests
{
    [Fact]
    public void Writes_what_it_reads_back_with_newstracker_settings()
    {
        OpmlFeed[] feeds =
        [
            new("https://wire.example/rss.xml", "Wire & \"Co\" <top>", "https://wire.example/"),
            new("https://post.example/atom.xml", "Post", null, "The Post", 15, UseFeedContent: true, Paused: true),
        ];

        var read = Opml.Read(Opml.Write(feeds, new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(feeds, read);
    }

    [Fact]
    public void Reads_nested_outlines_and_attribute_names_in_any_case_and_skips_folders()
    {
        var opml = """
            <opml version="1.0"><body>
              <outline text="Folder"><outline text="A" xmlurl="https://a.example/feed"/><outline title="B title" text="B" XMLURL="https://b.example/feed"/></outline>
              <outline text="Folder without feeds"/>
            </body></opml>
            """;

        var feeds = Opml.Read(Encoding.UTF8.GetBytes(opml));

        Assert.Equal([("https://a.example/feed", "A"), ("https://b.example/feed", "B title")], feeds.Select(f => (f.XmlUrl, f.Title)));
    }

    [Fact]
    public void Folders_become_groups_nested_ones_joined_and_an_export_writes_them_back_as_folders()
    {
        var opml = """
            <opml version="2.0"><body>
              <outline text="Top" xmlUrl="https://top.example/feed"/>
              <outline text="Politics"><outline text="P" xmlUrl="https://p.example/feed"/>
                <outline title="UK" text="ignored"><outline text="U" xmlUrl="https://u.example/feed"/></outline></outline>
            </body></opml>
            """;

        var feeds = Opml.Read(Encoding.UTF8.GetBytes(opml));
        var again = Opml.Read(Opml.Write(feeds, new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc)));

        Assert.Equal([("https://top.example/feed", null), ("https://p.example/feed", "Politics"), ("https://u.example/feed", "Politics / UK")], feeds.Select(f => (f.XmlUrl, f.Group)));
        Assert.Equal(feeds.OrderBy(f => f.XmlUrl, StringComparer.Ordinal), again.OrderBy(f => f.XmlUrl, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""<!DOCTYPE opml [<!ENTITY e SYSTEM "file:///etc/passwd">]><opml><body><outline text="&e;" xmlUrl="https://x.example/"/></body></opml>""", FeedParseProblem.DtdRefused)]
    [InlineData("""<rss version="2.0"><channel/></rss>""", FeedParseProblem.NotAFeed)]
    [InlineData("""not xml at all""", FeedParseProblem.NotAFeed)]
    [InlineData("""<opml><body><outline xmlUrl="https://x.example/">""", FeedParseProblem.Malformed)]
    public void Refuses_what_is_not_an_opml_file_it_can_read(string text, FeedParseProblem problem)
    {
        var refused = Assert.Throws<FeedParseException>(() => Opml.Read(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(problem, refused.Problem);
    }
}

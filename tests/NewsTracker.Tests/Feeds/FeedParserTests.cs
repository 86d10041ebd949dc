using System.Globalization;
using System.Text;
using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Tests.Feeds;

/// <summary>Every fixture in <c>Fixtures/Feeds</c> read by the parser and described as text, against its
/// <c>.expected</c> file: formats, odd dates, HTML in titles, missing GUIDs, relative links, encodings.</summary>
public sealed class FeedParserTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Feeds");

    /// <summary>The Content-Type charset each fixture is served with, where it matters.</summary>
    private static readonly Dictionary<string, string> HeaderCharsets = new(StringComparer.Ordinal)
    {
        ["utf8-declared-latin1.xml"] = "iso-8859-1",
        ["bom-disagrees.xml"] = "windows-1251",
    };

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reads_the_fixture_as_expected(string fixture)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, fixture));
        var feed = FeedParser.Parse(bytes, HeaderCharsets.GetValueOrDefault(fixture), new Uri("https://feeds.example/path/feed.xml"));

        var expected = File.ReadAllText(Path.Combine(Directory, Path.ChangeExtension(fixture, ".expected")));
        Assert.Equal(expected.ReplaceLineEndings("\n"), Describe(feed));
    }

    [Fact]
    public void A_second_byte_order_mark_before_the_document_is_ignored()
    {
        byte[] twice = [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. "<rss version=\"2.0\"><channel><title>Twice marked</title></channel></rss>"u8];

        Assert.Equal("Twice marked", FeedParser.Parse(twice, null, new Uri("https://feeds.example/")).Title);
    }

    /// <summary>One line per fact, so a failure shows exactly what changed.</summary>
    public static string Describe(ParsedFeed feed)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"format: {feed.Format}\n");
        text.Append(CultureInfo.InvariantCulture, $"title: {feed.Title}\n");
        text.Append(CultureInfo.InvariantCulture, $"site: {feed.SiteUrl}\n");
        text.Append(CultureInfo.InvariantCulture, $"language: {feed.Language}\n");
        text.Append(CultureInfo.InvariantCulture, $"ttl: {feed.Ttl?.ToString("c", CultureInfo.InvariantCulture)}\n");
        foreach (var item in feed.Items)
        {
            text.Append(CultureInfo.InvariantCulture, $"item {item.Position}\n");
            text.Append(CultureInfo.InvariantCulture, $"  key: {item.Key.ReplaceLineEndings("\\n")}\n");
            text.Append(CultureInfo.InvariantCulture, $"  link: {item.Link}\n");
            text.Append(CultureInfo.InvariantCulture, $"  title: {item.Title}\n");
            text.Append(CultureInfo.InvariantCulture, $"  published: {item.PublishedUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  author: {item.Author}\n");
            text.Append(CultureInfo.InvariantCulture, $"  html: {item.Html?.ReplaceLineEndings("\\n")}\n");
            text.Append(CultureInfo.InvariantCulture, $"  text: {item.Text?.ReplaceLineEndings("\\n")}\n");
        }

        return text.ToString();
    }
}

using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Ingestion;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://WWW.Example.COM:443/News/Story/?utm_source=tw&id=7#comments", "https://www.example.com/News/Story?id=7")]
    [InlineData("http://example.com:80/", "http://example.com")]
    [InlineData("https://example.com/a?b=2&a=1&fbclid=xyz", "https://example.com/a?a=1&b=2")]
    [InlineData("https://example.com:8443/a/", "https://example.com:8443/a")]
    public void Normalises_addresses_that_point_at_the_same_page(string url, string expected) =>
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(url));

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_but_absolute_web_addresses(string? url) =>
        Assert.Null(UrlCanonicalizer.Canonicalize(url));

    [Fact]
    public void The_domain_drops_www() =>
        Assert.Equal("example.com", UrlCanonicalizer.Domain("https://WWW.example.com/x"));
}

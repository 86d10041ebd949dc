using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Tests.Ingestion.Fetching;

public sealed class FetchUrlRulesTests
{
    private static readonly FetchingOptions Defaults = new();

    [Theory]
    [InlineData("https://www.example.com/news/article?id=1")]
    [InlineData("http://example.com/")]
    [InlineData("http://example.com:80/")]
    [InlineData("https://example.com:443/world")]
    [InlineData("  https://example.com/padded  ")]
    [InlineData("http://93.184.216.34/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://[2606:4700::1111]/")]
    [InlineData("https://1password.com/")]
    [InlineData("https://news.example.com/2026/11/26/127.1")]
    [InlineData("https://xn--bcher-kva.example/")]
    [InlineData("https://bücher.example/")]
    public void Accepts_ordinary_web_addresses(string url) =>
        Assert.NotNull(FetchUrlRules.Check(url, Defaults));

    [Theory]
    [InlineData("", "No address")]
    [InlineData("not a url", "not a web address")]
    [InlineData("relative/path", "not a web address")]
    [InlineData("/etc/passwd", "not a web address")]
    [InlineData("www.example.com/news", "not a web address")]
    [InlineData("ftp://example.com/file", "Only http:// and https://")]
    [InlineData("file:///etc/passwd", "Only http:// and https://")]
    [InlineData("javascript:alert(1)", "Only http:// and https://")]
    [InlineData("gopher://example.com:70/", "Only http:// and https://")]
    [InlineData("http://user:pass@example.com/", "user name or password")]
    [InlineData("http://user@example.com/", "user name or password")]
    [InlineData("http://example.com@127.0.0.1/", "user name or password")]
    [InlineData("http://2130706433/", "unusual form")]
    [InlineData("http://0x7f000001/", "unusual form")]
    [InlineData("http://0X7F000001/", "unusual form")]
    [InlineData("http://127.1/", "unusual form")]
    [InlineData("http://127.0.1/", "unusual form")]
    [InlineData("http://0177.0.0.1/", "unusual form")]
    [InlineData("http://017700000001/", "unusual form")]
    [InlineData("http://0x7f.0.0.1/", "unusual form")]
    [InlineData("http://127.0.0.01/", "unusual form")]
    [InlineData("http://127.0.0.1./", "unusual form")]
    [InlineData("http://example.0x10/", "unusual form")]
    [InlineData("http://１２７.0.0.1/", "unusual form")]
    [InlineData("http://%31%32%37.0.0.1/", "not a web address")]
    [InlineData("http://example.com:8080/", "port 8080")]
    [InlineData("http://example.com:22/", "port 22")]
    [InlineData("https://example.com:6379/", "port 6379")]
    public void Refuses_addresses_that_break_a_rule(string url, string expectedInMessage)
    {
        var error = Assert.Throws<FetchException>(() => FetchUrlRules.Check(url, Defaults));

        Assert.Equal(FetchErrorKind.InvalidUrl, error.Kind);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_configured_port()
    {
        var options = new FetchingOptions();
        options.AllowedPorts.Add(8080);

        Assert.Equal(8080, FetchUrlRules.Check("http://cms.example:8080/", options).Port);
        Assert.Throws<FetchException>(() => FetchUrlRules.Check("http://cms.example/", options));
    }

    [Theory]
    [InlineData("https://example.com/a/b", "/c", "https://example.com/c")]
    [InlineData("https://example.com/a/b", "../c", "https://example.com/c")]
    [InlineData("https://example.com/a/b", "c?x=1", "https://example.com/a/c?x=1")]
    [InlineData("https://example.com/a/b", "//cdn.example.com/page", "https://cdn.example.com/page")]
    [InlineData("http://example.com/", "https://example.com/secure", "https://example.com/secure")]
    public void Resolves_a_redirect_against_the_page_that_sent_it(string from, string location, string expected) =>
        Assert.Equal(new Uri(expected), FetchUrlRules.CheckRedirect(new Uri(from), location, Defaults));

    [Theory]
    [InlineData("//127.1/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://user:pass@example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://example.com:25/")]
    [InlineData("http:\\\\127.1\\")]
    public void Applies_the_same_rules_to_every_redirect(string location)
    {
        var error = Assert.Throws<FetchException>(() => FetchUrlRules.CheckRedirect(new Uri("http://example.com/start"), location, Defaults));

        Assert.Equal(FetchErrorKind.InvalidUrl, error.Kind);
    }

    [Fact]
    public void Refuses_a_redirect_from_https_to_http_unless_configured()
    {
        var from = new Uri("https://example.com/article");

        var error = Assert.Throws<FetchException>(() => FetchUrlRules.CheckRedirect(from, "http://example.com/article", Defaults));
        var allowed = FetchUrlRules.CheckRedirect(from, "http://example.com/article", new FetchingOptions { AllowHttpsToHttpRedirects = true });

        Assert.Contains("drops encryption", error.Message, StringComparison.Ordinal);
        Assert.Equal("http", allowed.Scheme);
    }

    [Theory]
    [InlineData("1.2.3.4", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("256.1.1.1", false)]
    [InlineData("01.2.3.4", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("0x1.2.3.4", false)]
    [InlineData("1.2.3.", false)]
    public void Knows_a_plain_dotted_quad(string host, bool expected) =>
        Assert.Equal(expected, FetchUrlRules.IsPlainDottedQuad(host));
}

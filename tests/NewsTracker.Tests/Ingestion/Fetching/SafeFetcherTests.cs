using System.Net;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Tests.Ingestion.Fetching;

public sealed class SafeFetcherTests(LocalSite site) : IClassFixture<LocalSite>
{
    [Fact]
    public async Task Fetches_an_html_page_as_utf8_text()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/page/utf8").ToString());

        Assert.Equal(200, page.StatusCode);
        Assert.Equal("text/html", page.MediaType);
        Assert.Equal("utf-8", page.Charset);
        Assert.Contains("Kyiv — “no retreat” 😀", page.Text, StringComparison.Ordinal);
        Assert.Equal(site.Url("/page/utf8"), page.FinalUrl);
        Assert.Equal(0, page.RedirectCount);
        Assert.True(page.ByteCount > 0);
    }

    [Fact]
    public async Task Accepts_xhtml_as_a_web_page()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/page/xhtml"));

        Assert.Equal("application/xhtml+xml", page.MediaType);
    }

    [Theory]
    [InlineData("/page/latin1-meta", LocalSite.LatinTitle, "windows-1252")]
    [InlineData("/page/http-equiv", LocalSite.CyrillicTitle, "windows-1251")]
    [InlineData("/page/header-charset", LocalSite.PolishTitle, "iso-8859-2")]
    [InlineData("/page/bom", LocalSite.CurlyQuoteTitle, "utf-8")]
    [InlineData("/page/no-charset", LocalSite.CurlyQuoteTitle, "utf-8")]
    public async Task Decodes_each_page_with_the_charset_it_declares(string path, string expectedTitle, string expectedCharset)
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url(path));

        Assert.Equal(expectedCharset, page.Charset);
        Assert.Contains($"<title>{expectedTitle}</title>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFEFF', page.Text);
    }

    [Fact]
    public async Task Replaces_invalid_utf8_bytes_instead_of_failing()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/page/invalid-utf8"));

        Assert.Contains('\uFFFD', page.Text);
        Assert.StartsWith("<p>before ", page.Text, StringComparison.Ordinal);
        Assert.EndsWith(" after</p>", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decompresses_a_brotli_response()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/brotli"));

        Assert.Contains("Compressed with brotli", page.Text, StringComparison.Ordinal);
        Assert.Equal(page.Text.Length, page.ByteCount);
    }

    [Fact]
    public async Task Stops_a_gzip_bomb_at_the_size_limit()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/bomb")));

        Assert.Equal(FetchErrorKind.TooLarge, error.Kind);
        Assert.Contains("15 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_page_larger_than_the_callers_limit()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);
        var request = new FetchRequest { MaxResponseBytes = LocalSite.LargePageBytes / 2 };

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/page/large"), request));

        Assert.Equal(FetchErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public async Task Gives_up_on_a_server_that_sends_one_byte_a_second()
    {
        var options = site.AllowListedOptions();
        options.TotalTimeout = TimeSpan.FromSeconds(1.5);
        using var client = CreateClient(options, out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/slow")));

        Assert.Equal(FetchErrorKind.Timeout, error.Kind);
        Assert.Contains("1.5 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lets_the_callers_cancellation_through_as_cancellation()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(site.Url("/page/utf8"), cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Refuses_a_json_document_when_html_is_expected()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/data.json")));

        Assert.Equal(FetchErrorKind.UnsupportedContentType, error.Kind);
        Assert.Contains("document of type application/json, not a web page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_html_page_when_only_feeds_are_accepted()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);
        var request = new FetchRequest { AcceptedMediaTypes = ["application/rss+xml"] };

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/page/utf8"), request));

        Assert.Equal(FetchErrorKind.UnsupportedContentType, error.Kind);
    }

    [Fact]
    public async Task Fetches_unconditionally_when_the_stored_etag_does_not_parse()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/conditional"), new FetchRequest { IfNoneMatch = "v1 without quotes\r\nX-Injected: 1" });

        Assert.Equal(200, page.StatusCode);
    }

    [Fact]
    public async Task Fetches_a_feed_when_the_caller_accepts_its_media_type()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);
        var request = new FetchRequest { AcceptedMediaTypes = ["application/rss+xml", "application/atom+xml"] };

        var feed = await fetcher.FetchAsync(site.Url("/feed.rss"), request);

        Assert.Equal("application/rss+xml", feed.MediaType);
        Assert.Equal("windows-1252", feed.Charset);
        Assert.Contains(LocalSite.LatinTitle, feed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returns_the_undecoded_body_when_the_caller_reads_the_encoding_itself()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);
        var request = new FetchRequest { AcceptedMediaTypes = ["application/rss+xml"], RawBody = true };

        var feed = await fetcher.FetchAsync(site.Url("/feed.rss"), request);

        Assert.Empty(feed.Text);
        Assert.Null(feed.Charset);
        Assert.Equal(feed.ByteCount, feed.Body.Length);
        Assert.Equal(System.Text.Encoding.Latin1.GetBytes(LocalSite.LatinTitle), feed.Body.ToArray().Skip(feed.Body.Span.IndexOf("<title>"u8) + 7).Take(LocalSite.LatinTitle.Length));
    }

    [Fact]
    public async Task Follows_five_redirects_to_the_final_page()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/redirect/5"));

        Assert.Equal(5, page.RedirectCount);
        Assert.Equal(site.Url("/page/utf8"), page.FinalUrl);
        Assert.Equal(site.Url("/redirect/5"), page.RequestedUrl);
    }

    [Fact]
    public async Task Refuses_a_chain_of_six_redirects()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/redirect/6")));

        Assert.Equal(FetchErrorKind.TooManyRedirects, error.Kind);
    }

    [Fact]
    public async Task Resolves_a_relative_redirect_against_the_current_page()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/relative-redirect/start"));

        Assert.Equal(site.Url("/page/utf8"), page.FinalUrl);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/page/utf8", "127.0.0.2")]
    [InlineData("http://[::1]:{port}/page/utf8", "::1")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://[::ffff:10.0.0.5]/", "10.0.0.5")]
    public async Task Refuses_a_redirect_from_an_allowed_host_to_a_private_address(string target, string shownAddress)
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);
        var location = Uri.EscapeDataString(target.Replace("{port}", site.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url($"/to?url={location}")));

        Assert.Equal(FetchErrorKind.BlockedAddress, error.Kind);
        Assert.Contains(shownAddress, error.Message, StringComparison.Ordinal);
        Assert.Contains("NewsTracker only fetches public web pages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_at_connect_time_a_redirect_to_a_name_that_resolves_to_a_private_address()
    {
        var resolver = FakeDns(("intranet.test", [IPAddress.Parse("10.0.0.5")]));
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher, resolver);
        var location = Uri.EscapeDataString($"http://intranet.test:{site.Port}/page/utf8");

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url($"/to?url={location}")));

        Assert.Equal(FetchErrorKind.BlockedAddress, error.Kind);
        Assert.StartsWith("The address intranet.test resolves to a private network address (10.0.0.5); NewsTracker only fetches public web pages.", error.Message, StringComparison.Ordinal);
        Assert.Equal("intranet.test", error.Url?.Host);
    }

    [Fact]
    public async Task Refuses_a_name_when_any_one_of_its_addresses_is_private()
    {
        var resolver = FakeDns(("mixed.test", [IPAddress.Loopback, IPAddress.Parse("192.168.1.1")]));
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher, resolver);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync($"http://mixed.test:{site.Port}/page/utf8"));

        Assert.Equal(FetchErrorKind.BlockedAddress, error.Kind);
        Assert.Contains("192.168.1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connects_to_the_address_it_checked_rather_than_resolving_again()
    {
        // The name exists only in the fake resolver, so the page arrives only if the socket was opened
        // to the checked address.
        var resolver = FakeDns(("news.test", [IPAddress.Loopback]));
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher, resolver);

        var page = await fetcher.FetchAsync($"http://news.test:{site.Port}/page/utf8");

        Assert.Equal("news.test", page.FinalUrl.Host);
        Assert.Contains("Membership talks", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_the_local_server_when_it_is_not_allow_listed()
    {
        var options = site.AllowListedOptions();
        options.AllowedPrivateEndpoints.Clear();
        using var client = CreateClient(options, out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/page/utf8")));

        Assert.Equal(FetchErrorKind.BlockedAddress, error.Kind);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reaches_any_local_address_when_private_networks_are_allowed()
    {
        using var client = CreateClient(site.PrivateNetworkOptions(), out var fetcher);
        var location = Uri.EscapeDataString($"http://localhost:{site.Port}/page/utf8");

        var page = await fetcher.FetchAsync(site.Url($"/to?url={location}"));

        Assert.Equal("localhost", page.FinalUrl.Host);
    }

    [Theory]
    [InlineData("http://user:secret@127.0.0.1:{port}/page/utf8")]
    [InlineData("http://2130706433:{port}/page/utf8")]
    [InlineData("http://0x7f000001:{port}/page/utf8")]
    [InlineData("http://127.1:{port}/page/utf8")]
    [InlineData("http://0177.0.0.1:{port}/page/utf8")]
    [InlineData("http://017700000001:{port}/page/utf8")]
    [InlineData("http://127.0.0.1:8080/page/utf8")]
    [InlineData("gopher://127.0.0.1:{port}/")]
    public async Task Refuses_an_invalid_address_before_sending_anything_even_with_private_networks_allowed(string template)
    {
        using var client = CreateClient(site.PrivateNetworkOptions(), out var fetcher);
        var url = template.Replace("{port}", site.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(url));

        Assert.Equal(FetchErrorKind.InvalidUrl, error.Kind);
    }

    [Fact]
    public async Task Judges_a_uri_object_by_its_original_spelling()
    {
        using var client = CreateClient(site.PrivateNetworkOptions(), out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Uri($"http://0x7f000001:{site.Port}/page/utf8")));

        Assert.Equal(FetchErrorKind.InvalidUrl, error.Kind);
    }

    [Fact]
    public async Task Refuses_a_redirect_to_a_disguised_numeric_host()
    {
        using var client = CreateClient(site.PrivateNetworkOptions(), out var fetcher);
        var location = Uri.EscapeDataString($"http://127.1:{site.Port}/page/utf8");

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url($"/to?url={location}")));

        Assert.Equal(FetchErrorKind.InvalidUrl, error.Kind);
    }

    [Fact]
    public async Task Reports_a_404_as_an_http_error()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/missing")));

        Assert.Equal(FetchErrorKind.HttpError, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passes_retry_after_on_to_the_caller_of_a_busy_site()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/busy")));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Returns_validators_and_then_not_modified_for_a_conditional_get()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var first = await fetcher.FetchAsync(site.Url("/conditional"));
        var byETag = await fetcher.FetchAsync(site.Url("/conditional"), new FetchRequest { IfNoneMatch = first.ETag });
        var byDate = await fetcher.FetchAsync(site.Url("/conditional"), new FetchRequest { IfModifiedSince = first.LastModified });

        Assert.False(first.NotModified);
        Assert.Equal(LocalSite.ETag, first.ETag);
        Assert.Equal(LocalSite.LastModified, first.LastModified);
        Assert.Equal(TimeSpan.FromSeconds(60), first.CacheControl?.MaxAge);
        Assert.True(byETag.NotModified);
        Assert.Equal(304, byETag.StatusCode);
        Assert.Equal(string.Empty, byETag.Text);
        Assert.True(byDate.NotModified);
    }

    [Fact]
    public async Task Identifies_itself_with_an_honest_user_agent()
    {
        using var client = CreateClient(site.AllowListedOptions(), out var fetcher);

        var page = await fetcher.FetchAsync(site.Url("/page/user-agent"));

        Assert.Contains(FetchingOptions.DefaultUserAgent, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_refused_connection_as_a_connection_failure()
    {
        var options = site.PrivateNetworkOptions();
        var closedPort = FindClosedPort();
        options.AllowedPorts.Add(closedPort);
        using var client = CreateClient(options, out var fetcher);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync($"http://127.0.0.1:{closedPort}/"));

        Assert.Equal(FetchErrorKind.ConnectionFailed, error.Kind);
    }

    internal static HttpClient CreateClient(FetchingOptions options, out SafeFetcher fetcher, HostResolver? resolver = null)
    {
        var client = new HttpClient(new ConnectGuard(options, resolver).CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        fetcher = new SafeFetcher(client, options);
        return client;
    }

    private static HostResolver FakeDns(params (string Host, IPAddress[] Addresses)[] records) =>
        (host, _) => Task.FromResult(records.FirstOrDefault(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase)).Addresses
            ?? throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));

    private static int FindClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
